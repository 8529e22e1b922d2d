"""The download page, output/index.html: each edition with its format, size and PDF page count in the
link text (GOV.UK attachment style), links to the accessibility statement and report."""

from __future__ import annotations

import os
import re

import pikepdf
import pytest
from lxml import html

from almanac_build.diagnostics import ToolError
from almanac_build.writers.html.downloads import REPORT, STATEMENT, attachment, editions, human_size
from almanac_build.writers.registry import all_writers


@pytest.fixture(scope="module")
def index(built_almanac):
    return html.parse(str(built_almanac / "index.html")).getroot()


def link_text(index, href: str) -> str:
    links = index.xpath(f"//main//a[@href='{href}']")
    assert len(links) == 1, href
    return " ".join(links[0].text_content().split())


def test_every_edition_with_format_size_and_pages(index, built_almanac):
    for edition in editions(18):
        text = link_text(index, edition.file)
        size = human_size(os.path.getsize(built_almanac / edition.file))
        expected = f"{edition.title} ({edition.kind}, {size}"
        if edition.file.endswith(".pdf"):
            with pikepdf.open(built_almanac / edition.file) as pdf:
                expected += f", {len(pdf.pages)} pages"
        if edition.file.endswith(".brf"):
            braille_pages = (built_almanac / edition.file).read_bytes().count(b"\f")
            expected += f", {braille_pages} braille pages"
        assert text == expected + ")"
    assert re.fullmatch(r"Print edition \(PDF, \d+(\.\d)? [KM]B, \d+ pages\)", link_text(index, "almanac.pdf"))


def test_large_print_size_comes_from_the_theme(index):
    assert "The same text in 18 point type." in index.text_content()


def test_links_to_the_statement_and_report_even_before_make_check(index):
    assert link_text(index, STATEMENT) == "Accessibility statement for this almanac"
    assert link_text(index, REPORT) == "Accessibility check report for every edition"


def test_same_frame_as_the_almanac_page(index, built_almanac):
    assert index.get("lang") == "en-GB"
    assert [h.tag for h in index.xpath("//h1|//h2|//h3")][:2] == ["h1", "h2"]
    assert len(index.xpath("//h1")) == 1
    assert index.xpath("//a")[0].get("class") == "skip-link"
    assert [len(index.xpath(f"//{t}")) for t in ("header", "main", "footer")] == [1, 1, 1]
    stylesheet = index.xpath("//link[@rel='stylesheet']/@href")[0]
    assert (built_almanac / stylesheet).is_file()
    almanac = html.parse(str(built_almanac / "almanac.html")).getroot()
    assert almanac.xpath("//header//a/@href") == ["index.html"], "the almanac page links to the downloads"


def test_human_sizes():
    assert [human_size(n) for n in (900, 1024, 181_000, 1_258_291, 10 * 1024 * 1024)] == \
        ["900 bytes", "1 KB", "177 KB", "1.2 MB", "10.0 MB"]


def test_a_missing_edition_is_a_clear_error(tmp_path):
    with pytest.raises(ToolError, match="did not make"):
        attachment(editions(18)[1], str(tmp_path / "almanac.pdf"))


def test_registered_after_every_other_writer():
    writers = all_writers()
    assert {e.writer for e in editions(18)} <= set(writers["downloads"].requires) <= set(writers)
    assert writers["html"].requires == ("pdf",)
