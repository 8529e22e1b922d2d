"""Printed-edition page anchors in the HTML page, from the pagination contract (HELPERS.md):
`ctx.data_dir/pagination.json` names, for each PDF page, the chapter and the index (in
`walk.iter_blocks` order) of the block where the page begins."""

from __future__ import annotations

import json

import pytest
from lxml import html

from almanac_build import model as m
from almanac_build.build import build
from almanac_build.diagnostics import ToolError
from almanac_build.source.loader import load
from almanac_build.text import plain
from almanac_build.walk import iter_blocks
from almanac_build.writers.html.page import render
from almanac_build.writers.html.pagination import PageMarks, anchor_id, fits, marks_from, read_marks
from conftest import SAMPLE, SOURCE


def pagination(pages: list[dict]) -> dict:
    return {"source": "almanac.pdf", "page_count": len(pages), "pages": pages}


def page_entry(number: int, chapter: str | None, block: int, continued: bool = False, loc: str = "") -> dict:
    return {"page": number, "label": str(number), "chapter": chapter, "block": block, "continued": continued,
            "loc": loc}


def where(block) -> str:
    """A block's position as the PDF writer records it: source/chapters/02-connectivity.md:11:1."""
    return f"source/chapters/{block.loc.file.rsplit('/', 1)[-1]}:{block.loc.line}:{block.loc.col}"


def sample_pages(book: m.Book) -> list[dict]:
    """Cover and contents, the connectivity opener, its first table and a paragraph, a back page."""
    blocks = list(iter_blocks(next(c for c in book.chapters if c.id == "connectivity").blocks))
    table = next(i for i, b in enumerate(blocks) if isinstance(b, m.Table))
    para = next(i for i, b in enumerate(blocks) if isinstance(b, m.Paragraph))
    return [page_entry(1, None, -1), page_entry(2, None, -1), page_entry(3, "connectivity", -1),
            page_entry(4, "connectivity", para, loc=where(blocks[para])), page_entry(5, "connectivity", table),
            page_entry(6, "connectivity", table, continued=True, loc=where(blocks[table])), page_entry(7, None, -1)]


@pytest.fixture(scope="module")
def sample_book():
    return load(str(SAMPLE))


@pytest.fixture(scope="module")
def paged_sample(tmp_path_factory, sample_book):
    """The sample's HTML built with a pagination.json left by an earlier build (only HTML is rebuilt,
    so the file is the one written here)."""
    out = tmp_path_factory.mktemp("paged")
    (out / ".build").mkdir()
    (out / ".build" / "pagination.json").write_text(json.dumps(pagination(sample_pages(sample_book))))
    build(str(SAMPLE), str(out), ["html"])
    return html.parse(str(out / "almanac.html")).getroot()


def anchor(root, label: str):
    found = root.xpath(f"//*[@id='page-{label}']")
    assert len(found) == 1, f"page-{label}"
    return found[0]


def test_anchors_are_hidden_spans_reading_page_n(paged_sample):
    spans = paged_sample.xpath("//span[@class='page-anchor']")
    assert sorted(s.get("id") for s in spans) == sorted(f"page-{n}" for n in range(1, 8))
    assert all(s.text_content() == f"Page {s.get('id')[5:]}" for s in spans)


def test_anchor_places(paged_sample, sample_book):
    assert anchor(paged_sample, "1").getparent().tag == "nav"  # before the first chapter: the contents
    assert anchor(paged_sample, "7").getparent().tag == "footer"  # after the last chapter
    opener = anchor(paged_sample, "3")
    assert opener.getparent().get("id") == "chapter-connectivity"
    assert opener.getnext().get("class") == "chapter-heading" or opener.getnext().tag == "h2"
    blocks = list(iter_blocks(next(c for c in sample_book.chapters if c.id == "connectivity").blocks))
    paragraph = anchor(paged_sample, "4").getparent()
    first_para = next(b for b in blocks if isinstance(b, m.Paragraph))
    assert paragraph.tag == "p" and paragraph.index(anchor(paged_sample, "4")) == 0
    assert " ".join(paragraph.text_content().split()).endswith(" ".join(plain(first_para.children).split()))
    for label in ("5", "6"):  # a page beginning at a table, and the page it continues onto
        following = anchor(paged_sample, label).getnext()
        while following is not None and following.get("class") == "page-anchor":
            following = following.getnext()
        assert following.get("class") == "table-wrap"


def test_block_numbering_matches_iter_blocks_on_the_real_almanac():
    """Mark a page at every block of every chapter; each paragraph's anchor must sit in that paragraph."""
    book = load(str(SOURCE))
    pages, expected = [], {}
    for chapter in book.chapters:
        for index, block in enumerate(iter_blocks(chapter.blocks)):
            label = f"{chapter.id}-{index}"
            pages.append({"label": label, "chapter": chapter.id, "block": index})
            if isinstance(block, m.Paragraph):
                expected[label] = " ".join(plain(block.children).split())
    root = html.fromstring(render(book, _images(book), marks_from({"pages": pages})))
    assert len(root.xpath("//span[@class='page-anchor']")) == len(pages)
    for label, text in expected.items():
        span = root.xpath(f"//span[@id='page-{label}']")[0]
        owner = span.getparent()
        words = " ".join(owner.text_content().replace(span.text_content(), "", 1).split())
        assert owner.tag in ("p", "li", "td", "th") and words.startswith(text[:60]), label


def _images(book: m.Book) -> dict[str, str]:
    from almanac_build.writers.assets import book_images, image_name

    return {path: image_name(book, path) for path in book_images(book)}


def test_no_pagination_file_means_no_anchors(sample_book, tmp_path):
    marks = read_marks(str(tmp_path))
    assert marks.count == 0
    assert "page-anchor" not in render(sample_book, _images(sample_book), marks)


def test_pagination_of_an_older_source_gives_no_anchors(sample_book):
    """`make html` alone after an edit: the recorded positions no longer match the blocks."""
    pages = sample_pages(sample_book)
    assert fits(marks_from(pagination(pages)), sample_book)
    moved = [dict(p, loc=p["loc"].replace(":", ":9", 1)) if p["loc"] else p for p in pages]
    assert not fits(marks_from(pagination(moved)), sample_book)
    gone = pages + [page_entry(8, "connectivity", 10_000)]
    assert not fits(marks_from(pagination(gone)), sample_book)
    assert not fits(marks_from(pagination([page_entry(9, "no-such-chapter", 0)])), sample_book)


def test_broken_pagination_is_a_clear_error(tmp_path):
    (tmp_path / "pagination.json").write_text('{"pages": [{"label": "1"}]}')
    with pytest.raises(ToolError, match="pagination contract"):
        read_marks(str(tmp_path))


def test_repeated_labels_keep_their_first_place():
    marks = marks_from(pagination([page_entry(1, "a", 0), {**page_entry(1, "a", 3)}]))
    assert marks.labels("a", 0) == ["1"] and marks.labels("a", 3) == [] and isinstance(marks, PageMarks)


def test_the_real_build_has_an_anchor_for_every_recorded_page(built_almanac):
    """Whatever the print PDF writer recorded in this build (nothing, before it records pagination)."""
    recorded = built_almanac / ".build" / "pagination.json"
    labels = {str(p["label"]) for p in json.loads(recorded.read_text())["pages"]} if recorded.exists() else set()
    page = html.parse(str(built_almanac / "almanac.html")).getroot()
    assert {s.get("id") for s in page.xpath("//span[@class='page-anchor']")} == {anchor_id(label) for label in labels}
