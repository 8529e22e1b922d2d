"""The reports written by a check run: HTML (itself accessible), JSON (documented schema), SARIF 2.1.0,
JUnit XML, the terminal summary and the draft accessibility statement."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET

import pytest
from lxml import html

from almanac_build.checks.run import run_checks
from almanac_build.report import write_reports
from almanac_build.report.terminal import summary
from almanac_build.source.loader import load
from conftest import ROOT, SAMPLE


@pytest.fixture(scope="module")
def written(built_sample, tmp_path_factory):
    out = tmp_path_factory.mktemp("report-out")
    for name in ("almanac.html", "almanac.epub", "almanac.docx", "almanac.pdf", "almanac-large-print.pdf"):
        shutil.copy(built_sample / name, out / name)
    shutil.copytree(built_sample / "almanac-assets", out / "almanac-assets")
    result = run_checks(load(str(SAMPLE)), str(SAMPLE), str(out))
    write_reports(result, str(out))
    return result, out


def test_html_report_is_itself_accessible(written):
    result, out = written
    page = html.parse(str(out / "reports" / "accessibility.html")).getroot()
    assert page.get("lang") == "en-GB" and page.findtext(".//title").strip()
    assert len(page.findall(".//h1")) == 1 and len(page.findall(".//main")) == 1
    levels = [int(h.tag[1]) for h in page.iter("h1", "h2", "h3", "h4")]
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:]))
    for table in page.iter("table"):
        assert table.find("caption") is not None and table.find("caption").text_content().strip()
        assert all(th.get("scope") in ("col", "row") for th in table.iter("th"))
    regions = page.xpath("//div[@role='region']")
    assert regions and all(r.get("tabindex") == "0" and r.find("table") is not None for r in regions)
    labels = [r.get("aria-labelledby") for r in regions]
    assert len(labels) == len(set(labels)) and all(page.get_element_by_id(label) is not None for label in labels)
    text = page.text_content()
    assert "Checks for a person" in text and "Summary by rule" in text and "Summary by format" in text
    for finding in result.findings[:20]:
        assert finding.message in text


def test_json_report_follows_the_documented_schema(written):
    result, out = written
    data = json.loads((out / "reports" / "accessibility.json").read_text(encoding="utf-8"))
    doc = (ROOT / "docs" / "report-schema.md").read_text(encoding="utf-8")
    assert data["schema_version"] in doc
    for key in data:
        assert f"`{key}`" in doc, key
    for key in data["findings"][0]:
        assert f"`{key}`" in doc, key
    for key in data["rules"][0]:
        assert f"`{key}`" in doc, key
    assert len(data["findings"]) == len(result.findings)
    assert {o["outcome"] for r in data["rules"] for o in r["outcomes"].values()} <= {
        "failed", "needs review", "passed", "not applicable"}


def test_sarif_has_physical_source_locations(written):
    _, out = written
    sarif = json.loads((out / "reports" / "accessibility.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    regions = 0
    for result in run["results"]:
        assert ids[result["ruleIndex"]] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
        physical = result["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"]["uriBaseId"] == "SRCROOT"
        regions += "region" in physical and physical["region"]["startLine"] > 0
    assert regions > 0


def test_junit_counts_failed_rules(written):
    result, out = written
    root = ET.parse(out / "reports" / "accessibility.junit.xml").getroot()
    failures = sum(int(s.get("failures")) for s in root.iter("testsuite"))
    assert failures == sum(1 for o in result.outcomes if o.outcome == "failed")
    assert {s.get("name") for s in root.iter("testsuite")} >= {"accessibility HTML", "accessibility source"}


def test_statement_has_the_public_sector_sections(written):
    result, out = written
    page = html.parse(str(out / "accessibility-statement.html")).getroot()
    text = " ".join(page.text_content().split())
    assert len(page.findall(".//h1")) == 1
    for part in ("Compliance status", "WCAG", "Non-accessible content", "Enforcement procedure",
                 "Equality and Human Rights Commission", "Equality Commission for Northern Ireland",
                 "Reporting accessibility problems", "please contact us on 020 7664 3000", "info@local.gov.uk",
                 f"prepared on {result.generated}"):
        assert part in text, part
    assert "partially compliant" in text or "not compliant" in text or "fully compliant" in text


def test_terminal_summary_counts_and_verdict(written):
    result, _ = written
    text = summary(result)
    from almanac_build.checks.problems import counts, group

    open_ = counts(group(result.findings), "open")  # problems, not per-format findings
    assert f"{open_['error']} error(s), {open_['warning']} warning(s)" in text
    assert ("FAILED" in text) == bool(result.blocking)


def test_junit_keeps_markup_characters_in_messages(written):
    """Every source finding's message comes back unchanged from the XML (etree escapes it), one case per rule."""
    result, out = written
    root = ET.parse(out / "reports" / "accessibility.junit.xml").getroot()
    texts = "\n".join((e.text or "") for e in root.iter() if e.tag in ("failure", "system-out"))
    messages = [f.message for f in result.findings if f.format == "S"]
    assert messages and all(m in texts for m in messages)
    names = [c.get("name") for c in root.iter("testcase")]
    assert len(names) == sum(1 for o in result.outcomes if o.outcome != "not applicable")


def test_findings_of_one_source_element_are_one_problem():
    from almanac_build.checks.finding import Finding
    from almanac_build.checks.problems import counts, group

    def at(fmt, out, line=12, message="m", severity="warning", rule="heading-level-skip"):
        return Finding(rule, severity, fmt, message, out, "p", "source/chapters/a.md", line, 1)

    findings = [at("S", "source/chapters/a.md", message="heading level 4 follows level 2"),
                at("H", "almanac.html", message="heading level 5 follows level 3"),
                at("P", "almanac.pdf", severity="error"), at("P", "almanac-large-print.pdf", severity="error"),
                at("S", "source/chapters/a.md", line=20), at("S", "source/chapters/a.md", line=20),  # two on one line
                Finding("pdf-tagged", "error", "P", "untagged", "almanac.pdf", "document")]
    problems = group(findings)
    assert [len(p.findings) for p in problems] == [4, 1, 1, 1]
    first = problems[0]
    assert first.formats == ["source", "HTML", "PDF ×2"] and first.severity == "error"
    assert first.first.message == "heading level 4 follows level 2"  # the source's levels at the source line
    assert counts(problems) == {"error": 2, "warning": 2, "notice": 0}

