"""End to end on the real almanac: `almanac check` lists every placeholder link with its chapter file and
line, flags the genuinely poor link texts and the whole-sentence links and nothing else, and every
finding in the JSON carries a rule, a WCAG criterion, an output location and (where traceable) a source."""

from __future__ import annotations

import json
import re

import pytest

from conftest import SOURCE, run_cli

PLACEHOLDER = re.compile(r"\[((?:[^\[\]]|\[[^\]]*\])*)\]\(#\)")


@pytest.fixture(scope="module")
def report(built_almanac):
    run = run_cli("--source", str(SOURCE), "--output", str(built_almanac), "check")
    data = json.loads((built_almanac / "reports" / "accessibility.json").read_text(encoding="utf-8"))
    return run, data


def _source_placeholders() -> set[tuple[str, int]]:
    found = set()
    for path in sorted((SOURCE / "chapters").glob("*.md")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for _ in PLACEHOLDER.finditer(line):
                found.add((f"source/chapters/{path.name}", number))
    return found


def test_every_placeholder_link_is_listed_with_file_and_line(report):
    run, data = report
    listed = {(f["source"]["file"], f["source"]["line"]) for f in data["findings"]
              if f["rule"] == "link-empty" and f["format"] == "S" and "placeholder" in f["message"]}
    expected = _source_placeholders()
    assert len(expected) > 100
    assert listed == expected
    count = sum(1 for f in data["findings"] if f["rule"] == "link-empty" and f["format"] == "S")
    assert f"Placeholder links to fill in ({count})" in run.stdout
    assert "source/chapters/02-connectivity.md:99:" in run.stdout


def test_each_problem_is_printed_once_with_its_formats(report):
    """The link whose text is its address is one problem seen in six files: one line at the source place
    naming the formats, then each output place beneath it; counts count problems."""
    run, data = report
    entries = [line for line in run.stdout.splitlines() if re.match(r"  \S+:\d+:\d+: (error|warning): ", line)]
    places = [line.split(": ", 1)[0] for line in entries]
    assert len(places) == len(set(places)), [p for p in places if places.count(p) > 1]
    url = [n for n, line in enumerate(run.stdout.splitlines()) if "[link-text-url]" in line]
    assert len(url) == 1
    lines = run.stdout.splitlines()
    assert "(seen in source, HTML, EPUB, DOCX, PDF ×2)" in lines[url[0]]
    beneath = lines[url[0] + 1:url[0] + 6]
    assert [line.split()[0] for line in beneath] == ["HTML", "EPUB", "DOCX", "PDF", "PDF"], beneath
    url_findings = [f for f in data["findings"] if f["rule"] == "link-text-url"]
    assert len(url_findings) == 6 and len({f["problem"] for f in url_findings}) == 1
    problems = data["summary"]["problems"]["open"]
    assert f"{problems['error']} error(s), {problems['warning']} warning(s)" in run.stdout
    assert sum(problems.values()) == len({f["problem"] for f in data["findings"] if f["status"] == "open"})


def test_the_tool_passes_its_own_rules(report):
    """What the tool itself decides (the theme's body size, the EPUB cover's alt text) raises nothing."""
    _, data = report
    own = [f for f in data["findings"] if f["rule"] in ("min-font-size", "fake-heading")  # the publication block's
           or (f["rule"].startswith("img-") and f["format"] != "S")]                     # bold name is no heading
    assert not own, [(f["rule"], f["format"], f["message"]) for f in own]


def _texts(data, rule: str) -> set[str]:
    return {re.search(r"“(.*?)[”…]", f["message"]).group(1) for f in data["findings"]
            if f["rule"] == rule and f["format"] == "S"}


def test_poor_short_link_texts_are_flagged_and_nothing_else(report):
    _, data = report
    assert _texts(data, "link-text-too-short") == {"3", "O2", "EE", "Vodafone’s", "thinkbroadband’s"}
    assert _texts(data, "link-text-generic") == set()


def test_whole_sentence_links_are_flagged_and_titles_are_not(report):
    _, data = report
    flagged = _texts(data, "link-text-too-long")
    assert "DLUHC is piloting a local authority version with a number of councils." in flagged
    assert any(t.startswith("Devon County Council has a section") for t in flagged)
    assert not any(t.startswith(("The Technology Code", "Public Sector Bodies", "step-by-step")) for t in flagged)
    assert len(flagged) <= 12


def test_every_finding_has_rule_wcag_and_locations(report):
    _, data = report
    assert data["schema_version"] == "1.2"
    rules = {r["id"] for r in data["rules"]}
    traceable = {"link-empty", "link-text-url", "heading-level-skip", "img-alt-missing", "fake-heading",
                 "table-empty-header-cell", "link-text-too-short", "link-text-too-long"}
    for finding in data["findings"]:
        assert finding["rule"] in rules and finding["wcag"] and finding["output"]["file"], finding
        assert finding["output"]["location"], finding
        if finding["format"] == "S":
            assert finding["source"]["file"] and finding["source"]["line"], finding
        elif finding["rule"] in traceable and finding["output"]["location"].startswith(("#chapter", "EPUB", "paragraph")):
            assert finding["source"], finding


def test_exit_status_fails_while_errors_remain(report):
    run, data = report
    assert data["summary"]["blocking"] > 0 and not data["summary"]["passed"]
    assert run.returncode == 1, run.stderr
