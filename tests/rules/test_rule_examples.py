"""Every rule's documented failing and passing examples, built into real outputs and checked in every
format the rule claims (the `{rule-id}` markers say where each failure must be found)."""

from __future__ import annotations

import pytest

from almanac_build.build import build
from almanac_build.checks.registry import load_rules
from almanac_build.checks.run import run_checks
from books import write_book

RULES = load_rules()
CHECKED = ["pdf", "html", "docx", "epub"]  # the editions the checks read (braille has no checks reader)
FAILING = [(r.id, i) for r in RULES.values() for i, _ in enumerate(r.failing)]
PASSING = [(r.id, i) for r in RULES.values() for i, _ in enumerate(r.passing)]


def _run(tmp_path_factory, kind: str):
    folder = tmp_path_factory.mktemp(f"rules-{kind}")
    examples = [(r.id, kind, e.markdown) for r in RULES.values() for e in getattr(r, kind)]
    placed = write_book(folder / "source", examples)
    result = build(str(folder / "source"), str(folder / "out"), CHECKED)
    return placed, run_checks(result.book, str(folder / "source"), str(folder / "out"))


@pytest.fixture(scope="module")
def failing(tmp_path_factory):
    return _run(tmp_path_factory, "failing")


@pytest.fixture(scope="module")
def passing(tmp_path_factory):
    return _run(tmp_path_factory, "passing")


def _placed(placed, rule_id: str, index: int):
    return [p for p in placed if p.rule == rule_id][index]


def _expected_formats(rule, example, result) -> str:
    formats = example.formats or rule.formats
    tagged = result.formats_checked.get("P") and not any(
        f.rule == "pdf-tagged" and "structure tree" in f.message for f in result.findings)
    return formats if tagged else formats.replace("P", "")  # an untagged PDF has no elements to judge


@pytest.mark.parametrize("rule_id,index", FAILING, ids=[f"{r}-{i}" for r, i in FAILING])
def test_failing_example_is_found_in_every_format(failing, rule_id, index):
    placed, result = failing
    rule, where = RULES[rule_id], _placed(placed, rule_id, index)
    hits = [f for f in result.findings if f.rule == rule_id and f.source_file.endswith(where.file)]
    found = {f.format for f in hits}
    for fmt in _expected_formats(rule, rule.failing[index], result):
        assert fmt in found, f"{rule_id} example {index} not found in format {fmt} (found in {sorted(found)})"
    source_lines = [f.source_line for f in hits if f.format == "S"]
    assert any(line in range(where.lines[0] - 6, where.lines[0] + 1) for line in source_lines), (source_lines, where)
    for hit in hits:
        assert hit.wcag and hit.output_file and hit.message


@pytest.mark.parametrize("rule_id,index", PASSING, ids=[f"{r}-{i}" for r, i in PASSING])
def test_passing_example_raises_nothing(passing, rule_id, index):
    placed, result = passing
    where = _placed(placed, rule_id, index)
    hits = [f for f in result.findings if f.rule == rule_id and f.source_file.endswith(where.file)]
    assert not hits, [f"{f.format} {f.output}: {f.message}" for f in hits]


def test_a_problem_is_told_in_the_levels_of_the_place_it_points_at(failing):
    """`## A` then `#### B`: at the source line the source's levels; each output in its own beneath."""
    from almanac_build.checks.problems import group
    from almanac_build.report.terminal import entry

    placed, result = failing
    where = _placed(placed, "heading-level-skip", 0)
    problems = [p for p in group(result.findings) if p.rule == "heading-level-skip"
                and p.first.source_file.endswith(where.file)]
    assert len(problems) == 1, [p.findings for p in problems]
    lines = entry(problems[0])
    assert "heading level 4 follows level 2" in lines[0] and "level 5" not in lines[0], lines
    assert "seen in source, HTML, EPUB, DOCX, PDF ×2" in lines[0], lines
    for line, finding in zip(lines[1:], problems[0].outputs):
        assert finding.output_file in line


def test_navigation_never_links_an_empty_heading(failing):
    """The failing book has an empty `##` (heading-empty): no contents list, EPUB nav, PDF bookmark or
    DOCX contents entry may be an empty link to it."""
    import zipfile
    from pathlib import Path

    import pikepdf
    from lxml import etree, html

    _, result = failing
    out = Path(result.output_dir)
    page = html.parse(str(out / "almanac.html")).getroot()
    links = page.xpath("//nav[contains(@class,'contents')]//a")
    assert links and all(a.text_content().strip() for a in links)
    with zipfile.ZipFile(out / "almanac.epub") as epub:
        nav = etree.fromstring(epub.read(next(n for n in epub.namelist() if n.endswith("nav.xhtml"))))
        toc = nav.xpath("//*[local-name()='nav'][@id='toc']//*[local-name()='a']")
        assert toc and all("".join(a.itertext()).strip() for a in toc)
        document = etree.fromstring(zipfile.ZipFile(out / "almanac.docx").read("word/document.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    entries = [p for p in document.iter(f"{w}p")
               if any(s.get(f"{w}val", "").startswith("TOC") and s.get(f"{w}val") != "TOCHeading"
                      for s in p.iter(f"{w}pStyle"))]
    assert entries and all("".join(t.text or "" for t in p.iter(f"{w}t")).strip() for p in entries)
    for name in ("almanac.pdf", "almanac-large-print.pdf"):
        with pikepdf.open(out / name) as pdf, pdf.open_outline() as outline:
            titles, todo = [], list(outline.root)
            while todo:
                item = todo.pop()
                titles.append(item.title)
                todo.extend(item.children)
            assert titles and all(t.strip() for t in titles), name


def test_terminal_and_html_report_show_a_problem_once_with_each_output_beneath(failing):
    from pathlib import Path

    from lxml import html

    from almanac_build.checks.problems import group
    from almanac_build.report import write_reports
    from almanac_build.report.terminal import entry

    _, result = failing
    write_reports(result, result.output_dir)
    shared = [p for p in group(result.findings) if p.in_source and len(p.outputs) > 1]
    assert len(shared) > 10
    page = html.parse(str(Path(result.output_dir) / "reports" / "accessibility.html")).getroot()
    for problem in shared:
        lines = entry(problem)
        assert lines[0].startswith(f"  {problem.source}: ") and f"(seen in {', '.join(problem.formats)})" in lines[0]
        assert [line.split()[1] for line in lines[1:]] == [f.output_file for f in problem.outputs]
        table = page.get_element_by_id(f"rule-{problem.rule}").getnext().getnext()
        table = table if table.tag == "table" else table.find(".//table")
        rows = [tr for tr in table.iter("tr") if tr.findall("td") and
                tr.findall("td")[1].text_content().startswith(problem.source)]
        assert len(rows) == 1, problem.source
        assert len(rows[0].findall(".//li")) == len(problem.outputs)


def test_every_output_finding_carries_the_line_of_the_element_it_judges(failing):
    """Tracing by identity: each output's finding points at the source line the source's own finding
    names (the element judged), or, for a rule that only outputs show, at the marked element."""
    placed, result = failing
    wrong = []
    for where in placed:
        hits = [f for f in result.findings if f.rule == where.rule and f.source_file.endswith(where.file)]
        judged = {f.source_line for f in hits if f.format == "S"}
        for f in (f for f in hits if f.format != "S"):
            good = judged or set(range(where.lines[0] - 6, where.lines[0] + 1))
            if f.source_line not in good:
                wrong.append(f"{f.rule} {f.format} {f.output}: line {f.source_line}, not {sorted(judged) or where.lines}")
    assert not wrong, wrong
    for rule_id, formats in (("table-caption", "HEDP"), ("heading-empty", "HEP")):  # DOCX drops an empty heading
        hits = [f for f in result.findings if f.rule == rule_id and f.format != "S"]
        assert set(formats) <= {f.format for f in hits}, (rule_id, hits)
        assert all(f.traced == "identity" for f in hits), [(f.format, f.traced) for f in hits]
    traced = {f.traced for f in result.findings if f.source_file}
    assert "source" in traced and "identity" in traced and traced <= {"source", "identity", "text", "position",
                                                                      "section"}, traced
