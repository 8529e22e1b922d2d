"""The EPUB's page list maps to the print edition: one marker per printed page that starts inside the
body, at the block where that page begins, labelled with the printed page number."""

from __future__ import annotations

import json
import subprocess

import pytest

from almanac_build import model as m
from almanac_build.diagnostics import ToolError
from almanac_build.source.loader import load
from almanac_build.text import block_text, plain
from almanac_build.walk import iter_blocks
from conftest import SAMPLE, SOURCE, write_edition, write_pagination
from epub_support import EPUB_TYPE, NS, read_epub


def page_list(epub):
    nav = epub.xml(epub.nav_path)
    return [(a.text, a.get("href")) for a in nav.xpath("//x:nav[@epub:type='page-list']//x:a", namespaces=NS)]


def first_words(block) -> str:
    """The text a reader meets first in a block, as the EPUB renders it."""
    if isinstance(block, m.Heading | m.Paragraph):
        text = plain(block.children)
    elif isinstance(block, m.Table):
        text = block.caption
    elif isinstance(block, m.CaseStudy):
        text = block.organisation
    elif isinstance(block, m.PracticeTheme):
        text = block.title
    elif isinstance(block, m.Practice):
        text = block.themes[0].title
    elif isinstance(block, m.Figure):
        text = block.caption
    else:
        text = block_text([block])
    return " ".join(text.split())[:30]


def text_after(element) -> str:
    return " ".join("".join(element.xpath("following::text()")[:40]).split())


@pytest.fixture(scope="module")
def record(paged_almanac):
    return json.loads((paged_almanac / ".build" / "pagination.json").read_text())


def test_page_list_has_one_entry_per_body_page_in_order(paged_almanac, record):
    epub = read_epub(paged_almanac / "almanac.epub")
    body_pages = [p for p in record["pages"] if p["chapter"]]
    assert len(body_pages) > 100  # the fixture's record: a page every seven blocks
    assert [label for label, _ in page_list(epub)] == [p["label"] for p in body_pages]


def test_every_entry_resolves_to_a_pagebreak_marker_at_its_block(paged_almanac, record):
    epub = read_epub(paged_almanac / "almanac.epub")
    book = load(str(SOURCE))
    chapters = {c.id: c for c in book.chapters}
    markers = {}
    for name in epub.spine:
        for span in epub.xml(name).xpath("//x:span[@epub:type='pagebreak']", namespaces=NS):
            markers[(name, span.get("id"))] = span
    pages = [p for p in record["pages"] if p["chapter"]]
    assert len(markers) == len(pages), "every marker is in the page list and vice versa"
    for (label, href), page in zip(page_list(epub), pages, strict=True):
        span = markers[epub.resolve(epub.nav_path, href)]
        assert span.get("role") == "doc-pagebreak" and span.get(EPUB_TYPE) == "pagebreak"
        assert span.get("aria-label") == label == page["label"]
        assert span.get("id") == f"page-{label}"  # the id the HTML edition gives the same place
        chapter = chapters[page["chapter"]]
        section = span.xpath("ancestor::x:section[@id]", namespaces=NS)[0]
        assert section.get("id") == f"chapter-{chapter.id}"
        if page["block"] == -1:
            expected = chapter.title
        else:
            expected = first_words(list(iter_blocks(chapter.blocks))[page["block"]])
        assert text_after(span).startswith(expected), (page, text_after(span)[:60])


def test_built_almanac_page_list_matches_the_print_pdf(built_almanac):
    """The same check on the ordinary build: the PDF writer's own record (none until it writes one)."""
    path = built_almanac / ".build" / "pagination.json"
    pages = json.loads(path.read_text())["pages"] if path.exists() else []
    epub = read_epub(built_almanac / "almanac.epub")
    entries = page_list(epub)
    assert [label for label, _ in entries] == [p["label"] for p in pages if p["chapter"]]
    targets = {(name, span.get("id")): span.get("aria-label") for name in epub.spine
               for span in epub.xml(name).xpath("//x:span[@epub:type='pagebreak']", namespaces=NS)}
    assert {epub.resolve(epub.nav_path, href): label for label, href in entries} == targets


def test_built_almanac_markers_land_on_the_printed_page(built_almanac):
    """Where the PDF writer recorded pages: the words after each marker are printed on that PDF page
    (bullets and layout aside). Pages that begin inside a block are left out: their marker sits at
    the start of that block, on the page before."""
    path = built_almanac / ".build" / "pagination.json"
    pages = [p for p in json.loads(path.read_text())["pages"] if p["chapter"]] if path.exists() else []
    epub = read_epub(built_almanac / "almanac.epub")
    spans = {(name, span.get("id")): span for name in epub.spine
             for span in epub.xml(name).xpath("//x:span[@epub:type='pagebreak']", namespaces=NS)}
    for (_, href), page in zip(page_list(epub), pages, strict=True):
        if page["continued"]:
            continue
        words = " ".join(text_after(spans[epub.resolve(epub.nav_path, href)]).split()[:3])
        printed = subprocess.run(["pdftotext", "-f", str(page["page"]), "-l", str(page["page"]),
                                  str(built_almanac / "almanac.pdf"), "-"], capture_output=True, text=True,
                                 check=True).stdout
        assert words in " ".join(printed.replace("\u2022", " ").split()), (page["page"], words)


def test_print_edition_is_named_as_page_source(paged_almanac):
    epub = read_epub(paged_almanac / "almanac.epub")
    assert epub.dc("source") and "print edition" in epub.dc("source")[0]
    assert epub.meta("pageBreakSource") == epub.dc("source")
    assert {"printPageNumbers", "pageNavigation"} <= set(epub.meta("schema:accessibilityFeature"))


def test_stale_pagination_is_a_clear_error(tmp_path):
    record = write_pagination(SAMPLE, tmp_path / ".build")
    record["pages"][-1]["block"] = 10_000
    (tmp_path / ".build" / "pagination.json").write_text(json.dumps(record))
    with pytest.raises(ToolError, match=r"pagination.json: page \d+ points at block 10000 .*make pdf"):
        write_edition(SAMPLE, tmp_path, "epub")


def test_pagination_from_an_older_source_is_a_clear_error(tmp_path):
    """Blocks that moved (an editor added a paragraph since the PDF was built) are caught by line."""
    record = write_pagination(SAMPLE, tmp_path / ".build", every=2)
    page = next(p for p in record["pages"] if p["block"] > 0)
    file, line, column = page["loc"].rsplit(":", 2)
    page["loc"] = f"{file}:{int(line) + 3}:{column}"
    (tmp_path / ".build" / "pagination.json").write_text(json.dumps(record))
    with pytest.raises(ToolError, match=r"was recorded at .*:\d+:\d+, but that block is now at .*make pdf"):
        write_edition(SAMPLE, tmp_path, "epub")
    assert not (tmp_path / "almanac.epub").exists()
