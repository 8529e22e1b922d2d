"""Every claim the outputs make about a publication is true of it and agrees with the others: the EPUB's
accessibility summary, features and hazards come from what the publication contains; the EPUB claims
WCAG conformance exactly when the statement says fully compliant; the statement is written for readers
(what they meet, in which editions and chapters, the criterion only when there is one, the plan for the
next edition) in the legal frame the metadata sets; the manual checks speak of this publication."""

from __future__ import annotations

import json
import re

import pytest
from lxml import html

from almanac_build.checks.compliance import FULL, aa_criteria, verdict
from almanac_build.checks.registry import load_rules
from almanac_build.evidence import gather
from almanac_build.report.reader_words import READER_WORDS
from almanac_build.source.loader import load
from conftest import SAMPLE, SECOND, SOURCE, editions, run_cli
from epub_support import read_epub

EDITOR_WORDS = re.compile(r"`|place\(s\)|source text|theme\.yaml|styles/|\.md\b|\.yaml\b|almanac_build|front matter"
                          r"|criterion –|criterion -")


def statement_text(out) -> str:
    return " ".join(html.parse(str(out / "accessibility-statement.html")).getroot().text_content().split())


def statement_items(out) -> list[str]:
    page = html.parse(str(out / "accessibility-statement.html")).getroot()
    return [" ".join(li.text_content().split()) for li in page.xpath("//main//li")]


def check(source, out):
    done = run_cli("--source", str(source), "--output", str(out), "check")
    assert done.returncode in (0, 1), done.stdout + done.stderr
    return done, json.loads((out / "reports" / "accessibility.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def second_checked(tmp_path_factory):
    out = tmp_path_factory.mktemp("claims-second")
    return (out, *check(SECOND, out))


@pytest.fixture(scope="module")
def almanac_checked(built_almanac):
    return (built_almanac, *check(SOURCE, built_almanac))


# ---------------------------------------------------------------- the EPUB's metadata, from evidence

def test_the_second_publications_epub_summary_is_true_of_it(built_second):
    epub = read_epub(editions(built_second)["epub"])
    summary = epub.meta("schema:accessibilitySummary")[0]
    assert "One table has a caption, marked column headers and marked row headers." in summary
    assert "One other picture has a text description." in summary  # the service integration diagram
    assert "10 chapters" in summary
    for untrue in ("traffic", "rating", "colour", "decorative"):  # no coloured cells, no decorative picture
        assert untrue not in summary, untrue
    assert "alternativeText" in epub.meta("schema:accessibilityFeature")
    assert epub.meta("schema:accessibilityHazard") == ["none"]


def test_the_almanacs_epub_summary_is_true_of_it(built_almanac):
    book = load(str(SOURCE))
    icons = sum(1 for c in book.chapters if c.icon)
    summary = read_epub(built_almanac / "almanac.epub").meta("schema:accessibilitySummary")[0]
    assert f"{icons} pictures are decorative and hidden from screen readers." in summary
    assert "other picture" not in summary  # the almanac has no described figure in its text
    coloured = sum(1 for path in (SOURCE / "chapters").glob("*.md")
                   for cell in re.findall(r"(?:\||^\s*- )\s*(?:Red|Amber|Green)\s*(?=\||$)", path.read_text(encoding="utf-8"), re.M))
    assert coloured and f"{coloured} table cells shown in colour also have the rating written as a word." in summary


def test_evidence_counts_what_the_source_holds():
    second = gather(load(str(SECOND)))
    assert (second.tables, second.tables_with_row_headers, second.described_images, second.decorative_images,
            second.colour_coded_cells, second.cover) == (1, 1, 1, 0, 0, "none")
    links = sum(len(re.findall(r"\](?:\((?:https?:|mailto:|#)|\[)", p.read_text(encoding="utf-8")))
                for p in (SECOND / "chapters").glob("*.md"))
    assert second.links == links


def test_the_no_hazard_claim_rests_on_the_loader_refusing_moving_pictures(sample_copy):
    """The summary says nothing moves or flashes: true because an animated SVG never reaches an edition."""
    from almanac_build.diagnostics import AlmanacError

    source = sample_copy({"images/spin.svg": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
                          '<rect width="10" height="10"><animate attributeName="x" from="0" to="5" dur="1s"/></rect></svg>',
                          "chapters/03-data.md": (SAMPLE / "chapters" / "03-data.md").read_text(encoding="utf-8")
                          + "\n![A spinning square](images/spin.svg)\n"})
    with pytest.raises(AlmanacError, match="animation"):
        load(str(source))


# ---------------------------------------------------------------- the claim and the statement agree

def _claim(epub_path) -> tuple[list[str], list[str]]:
    epub = read_epub(epub_path)
    return epub.meta("dcterms:conformsTo"), epub.meta("a11y:certifiedBy")


def test_the_second_publication_claims_nothing_its_statement_denies(second_checked):
    out, done, data = second_checked
    text = statement_text(out)
    assert "This publication is partially compliant" in text  # real warnings tied to WCAG AA remain
    assert _claim(editions(out)["epub"]) == ([], [])
    assert "claims EPUB Accessibility" not in done.stdout


def test_the_almanac_claims_nothing_its_statement_denies(almanac_checked):
    out, _, _ = almanac_checked
    text = statement_text(out)
    assert "fully compliant" not in text
    assert _claim(out / "almanac.epub") == ([], [])


def test_a_fully_compliant_publication_is_claimed_in_both_and_withdrawn_when_it_stops(sample_copy, tmp_path):
    """Every finding that fails an AA criterion waived: the statement says fully compliant and the EPUB
    claims conformance, certified by the publisher; a new problem withdraws the claim at the next check."""
    source, out = sample_copy(), tmp_path / "out"
    _, data = check(source, out)
    failing = sorted({(f["rule"], f["source"]["file"].removeprefix("source/") if f["source"] else f["output"]["file"])
                      for f in data["findings"] if f["status"] == "open" and f["severity"] in ("error", "warning")
                      and aa_criteria(f["wcag"])})
    (source / "accessibility-waivers.yaml").write_text("waivers:\n" + "".join(
        f"  - rule: {rule}\n    location: {where}\n    reason: Accepted for the test.\n    who: Test\n"
        f"    date: 2024-01-01\n" for rule, where in failing), encoding="utf-8")
    done, data = check(source, out)
    assert "This publication is fully compliant" in statement_text(out)
    assert _claim(out / "almanac.epub") == (["EPUB Accessibility 1.1 - WCAG 2.2 Level AA"],
                                             ["Local Government Association"])
    assert "claims EPUB Accessibility 1.1" in done.stdout
    assert "states the same in its accessibility information" in statement_text(out)

    chapter = source / "chapters" / "03-data.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\n#### Deep heading\n\nText.\n", encoding="utf-8")
    check(source, out)
    assert "fully compliant" not in statement_text(out)
    assert _claim(out / "almanac.epub") == ([], [])


def test_verdict_ignores_aaa_only_and_criterion_free_findings():
    from almanac_build.checks.finding import CheckResult, Finding

    def result(*findings):
        return CheckResult(list(findings), [], [], [], {"E": ["x.epub"]})

    assert verdict(result(Finding("text-justified", "warning", "H", "m", "a.html", "", wcag="1.4.8"),
                          Finding("min-font-size", "warning", "P", "m", "a.pdf", "", wcag="–"))) == FULL
    assert verdict(result(Finding("link-same-text-different-target", "warning", "H", "m", "a.html", "",
                                  wcag="2.4.4, 2.4.9"))) != FULL


# ---------------------------------------------------------------- the statement, for readers

@pytest.mark.parametrize("which", ["second", "almanac"])
def test_the_statement_speaks_to_readers(which, second_checked, almanac_checked):
    out, _, data = second_checked if which == "second" else almanac_checked
    text = statement_text(out)
    assert not EDITOR_WORDS.search(text), EDITOR_WORDS.search(text).group(0)
    assert "['" not in text and "None" not in text
    if which == "almanac":
        assert "post: 18 Smith Square, London SW1P 3HZ" in text
    rules = load_rules()
    open_rules = {f["rule"] for f in data["findings"] if f["status"] == "open" and f["severity"] in ("error", "warning")}
    items = statement_items(out)
    for rule in open_rules:
        meets, plan = READER_WORDS[rule]
        entries = [i for i in items if i.startswith(meets) and "next edition" in i]
        assert len(entries) == 1, rule
        entry = entries[0]
        assert plan in entry and "You meet this in " in entry
        criteria = aa_criteria(rules[rule].wcag)
        assert ("WCAG" in entry) == bool(re.match(r"\d", rules[rule].wcag)), rule
        for criterion in criteria:
            assert criterion in entry, (rule, criterion)


def test_the_statement_names_the_chapters_and_editions_a_reader_meets_a_problem_in(second_checked):
    out, _, _ = second_checked
    items = statement_items(out)
    long_heading = next(i for i in items if i.startswith(READER_WORDS["heading-too-long"][0]) and "next edition" in i)
    assert "in every edition, in the chapter \u201cSecurity as enabler\u201d" in long_heading


def test_output_only_problems_name_their_edition_and_criterion_free_ones_cite_none():
    """A finding in the print PDF only (not the large-print one) names that edition; a rule with no WCAG
    criterion gets no WCAG sentence; an AAA-only one is not called a failure."""
    from almanac_build.checks.finding import CheckResult, Finding
    from almanac_build.report.statement import render

    chapters = [{"file": "src/chapters/01-a.md", "title": "Alpha"}, {"file": "src/chapters/02-b.md", "title": "Beta"}]
    result = CheckResult([Finding("min-font-size", "warning", "P", "m", "book.pdf", "p1", "styles/theme.yaml", 3, wcag="–"),
                          Finding("text-justified", "warning", "H", "m", "book.html", "p", wcag="1.4.8"),
                          Finding("heading-level-skip", "warning", "S", "m", "src/chapters/02-b.md", "line 4",
                                  "src/chapters/02-b.md", 4, wcag="1.3.1")],
                         [], [], [], {"H": ["book.html"], "E": ["book.epub"], "D": ["book.docx"],
                                      "P": ["book.pdf", "book-large-print.pdf"]},
                         "2024-01-01", meta={"title": "Book", "publisher": "P", "chapters": chapters})
    page = html.fromstring(render(result))
    items = [" ".join(li.text_content().split()) for li in page.xpath("//main//li") if "next edition" in li.text_content()]
    small = next(i for i in items if i.startswith(READER_WORDS["min-font-size"][0]))
    assert "You meet this in the PDF." in small and "WCAG" not in small
    justified = next(i for i in items if i.startswith(READER_WORDS["text-justified"][0]))
    assert "in the web page (HTML)" in justified and "level AAA" in justified and "fails" not in justified
    skip = next(i for i in items if i.startswith(READER_WORDS["heading-level-skip"][0]))
    assert "in every edition, in the chapter \u201cBeta\u201d" in skip and "fails WCAG 2.2 success criterion 1.3.1" in skip
    assert "partially compliant" in page.text_content()


def test_a_plain_wcag_statement_when_the_metadata_asks(sample_copy, tmp_path):
    almanac_yaml = (SAMPLE / "almanac.yaml").read_text(encoding="utf-8") + "statement: wcag\n"
    source, out = sample_copy({"almanac.yaml": almanac_yaml}), tmp_path / "out"
    check(source, out)
    text = statement_text(out)
    assert "conformant with WCAG 2.2 level AA" in text and "Known limitations" in text
    for legal in ("regulations", "Equality and Human Rights Commission", "compliant", "Enforcement"):
        assert legal not in text, legal


def test_the_uk_frame_is_the_default(second_checked):
    out, _, _ = second_checked
    text = statement_text(out)
    assert "Public Sector Bodies (Websites and Mobile Applications)" in text and "Enforcement procedure" in text


def test_every_rule_that_can_reach_the_statement_has_reader_words():
    rules = load_rules()
    can_reach = {rid for rid, rule in rules.items() if rule.severity in ("error", "warning")}
    assert can_reach <= set(READER_WORDS), sorted(can_reach - set(READER_WORDS))
    assert set(READER_WORDS) <= set(rules), sorted(set(READER_WORDS) - set(rules))
    for meets, plan in READER_WORDS.values():
        assert not EDITOR_WORDS.search(meets + plan) and meets.endswith(".") and plan.endswith(".")


# ---------------------------------------------------------------- the manual checks

def test_manual_checks_speak_of_this_publication(second_checked):
    out, _, data = second_checked
    checks = {c["item"]: c["check"] for c in data["manual_checks"]}
    assert "Guidance for CTOs has no forms" in checks["9"] and "Guidance for CTOs has no forms" in checks["10"]
    assert "1 picture with alt text" in checks["1"]
    assert "placeholder" not in checks["7"]  # it has none
    assert not any("almanac" in c.lower() for c in checks.values())


def test_the_almanacs_manual_checks_count_its_placeholders(almanac_checked):
    _, _, data = almanac_checked
    checks = {c["item"]: c["check"] for c in data["manual_checks"]}
    placeholders = sum(1 for f in data["findings"] if f["rule"] == "link-empty" and f["format"] == "S"
                       and "placeholder" in f["message"])
    assert f"Fill in the {placeholders} placeholder links whose address the text lost." in checks["7"]
    assert "The local government digitalisation almanac has no forms" in checks["9"]


def test_an_unknown_statement_frame_is_a_located_error(sample_copy):
    source = sample_copy({"almanac.yaml": (SAMPLE / "almanac.yaml").read_text(encoding="utf-8") + "statement: legal\n"})
    done = run_cli("--source", str(source), "validate-source")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    line = len((SAMPLE / "almanac.yaml").read_text(encoding="utf-8").splitlines()) + 1
    assert re.search(rf"almanac\.yaml:{line}:\d+: error: .*statement.*uk-public-sector", done.stderr), done.stderr


def test_the_braille_edition_is_listed_as_published_and_unchecked(almanac_checked, tmp_path):
    """The statement names every edition the build made; braille, which no check reads, says so, and only
    when the build made it."""
    from almanac_build.checks.run import unchecked_editions
    from almanac_build.source.loader import load

    out = almanac_checked[0]
    assert (out / "almanac.brf").is_file()
    assert "It is also published as braille (BRF), which the automated checks do not read." in statement_text(out)
    book = load(str(SOURCE))
    assert unchecked_editions(book, str(out)) == ["braille (BRF)"]
    assert unchecked_editions(book, str(tmp_path)) == []
