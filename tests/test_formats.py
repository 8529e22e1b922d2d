"""A format is one declaration (writers/registry.py): the build, the download page, the checks, the
statement and the reports all read it, and rules apply to a format by what its view can show."""

from __future__ import annotations

import os

import pytest
from lxml import html

from almanac_build.build import build
from almanac_build.checks import registry as checks_registry
from almanac_build.checks import run as checks_run
from almanac_build.checks.registry import CAPABILITIES, FORMATS, SOURCE_CAPABILITIES, load_rules
from almanac_build.report.statement import EDITIONS
from almanac_build.writers import registry
from conftest import SAMPLE


def test_every_declaration_is_complete_and_consistent():
    codes = [f.code for f in registry.FORMATS]
    assert len(set(codes)) == len(codes) and "S" not in codes
    for fmt in registry.FORMATS:
        assert fmt.capabilities <= set(CAPABILITIES), fmt.code
        assert fmt.media_type and fmt.label and fmt.kind and registry.FORMAT_GROUPS[fmt.option], fmt.option
        assert (fmt.code in checks_run.READERS) == bool(fmt.reader) == (fmt in registry.CHECKED)
    for entry in registry.ENTRIES:
        assert entry.format in registry.FORMATS and set(entry.requires) <= set(registry.WRITERS), entry.name
    assert SOURCE_CAPABILITIES <= set(CAPABILITIES)
    checked = [f.code for f in registry.CHECKED]
    assert list(FORMATS) == ["S", *checked] and list(EDITIONS) == checked


def test_rules_apply_by_capability():
    """A rule applies to the source and every format that has all it needs; editorial rules (the text
    as typed) only to the source; format-specific rules only to the format that can show them."""
    rules = load_rules()
    has = {"S": SOURCE_CAPABILITIES, **{f.code: f.capabilities for f in registry.FORMATS}}
    for rule in rules.values():
        assert rule.formats == "".join(code for code in FORMATS if rule.needs <= has[code]), rule.id
        assert rule.formats, f"{rule.id} applies to no format"
    assert {r.formats for r in rules.values() if "source-text" in r.needs} == {"S"}
    assert rules["pdf-tagged"].formats == "P" and rules["epub-page-list"].formats == "E"
    assert rules["heading-level-skip"].formats == "SHEDP"  # headings: every format shows them


def test_a_new_format_is_checked_by_the_rules_it_can_be(monkeypatch):
    """What adding a format (the braille one of issue 17) changes outside the table: nothing. A
    declaration with only a title and headings gets exactly the rules that need no more."""
    braille = registry.Format("B", "BRF", "Braille (BRF)", "text/plain", "braille", "checks.views.html:html_view",
                              frozenset({"title", "headings"}), kind="BRF")
    monkeypatch.setattr(checks_registry, "FORMATS", {**FORMATS, "B": "BRF"})
    monkeypatch.setattr(checks_registry, "_HAS", {**checks_registry._HAS, "B": braille.capabilities})
    applies = {r.id for r in load_rules().values() if "B" in r.formats}
    assert applies == {r.id for r in load_rules().values() if r.needs <= {"title", "headings"}}
    assert {"heading-level-skip", "doc-title-missing"} <= applies and "img-alt-missing" not in applies


def test_output_names_come_from_the_slug(sample_copy, tmp_path):
    """Every output, the download page's links and the files the checks read are named from the
    publication's slug ({slug}.pdf …), never spelled out."""
    source = sample_copy()
    almanac = source / "almanac.yaml"
    text = almanac.read_text(encoding="utf-8")
    almanac.write_text("slug: field-guide\n" + "\n".join(line for line in text.splitlines()
                                                          if not line.startswith("slug:")) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    build(str(source), str(out))
    made = sorted(os.listdir(out))
    for name in ("field-guide.pdf", "field-guide-large-print.pdf", "field-guide.html", "field-guide-assets",
                 "field-guide.docx", "field-guide.epub", "index.html"):
        assert name in made, made
    assert not [name for name in made if name.startswith("almanac")]
    index = html.parse(str(out / "index.html")).getroot()
    hrefs = {a.get("href") for a in index.iter("a")}
    assert {"field-guide.html", "field-guide.pdf", "field-guide-large-print.pdf", "field-guide.docx",
            "field-guide.epub"} <= hrefs
    page = html.parse(str(out / "field-guide.html")).getroot()
    assert "index.html" in {a.get("href") for a in page.iter("a")}
    assert [name for _, name in checks_run.output_jobs("field-guide")] == [
        "field-guide.html", "index.html", "field-guide.epub", "field-guide.docx", "field-guide.pdf",
        "field-guide-large-print.pdf"]


@pytest.mark.parametrize("option", sorted(registry.FORMAT_GROUPS))
def test_each_format_option_names_writers(option):
    assert set(registry.FORMAT_GROUPS[option]) <= set(registry.WRITERS)
