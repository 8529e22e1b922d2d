"""Printed-edition page anchors in the HTML page, from the pagination contract (docs/architecture.md):
`ctx.data_dir/pagination.json` names, for each PDF page, the chapter and the index (in
`walk.iter_blocks` order) of the block where the page begins."""

from __future__ import annotations

import json

import pytest
from lxml import html

from almanac_build import model as m
from almanac_build.diagnostics import ToolError
from almanac_build.source.loader import load
from almanac_build.text import plain
from almanac_build.walk import iter_blocks
from almanac_build.writers import pagination as shared
from almanac_build.writers.html.page import render
from almanac_build.writers.html.page_marks import PageMarks, marks_from, read_marks
from conftest import SAMPLE, SOURCE, write_edition
from epub_support import NS, read_epub


def pagination(pages: list[dict]) -> dict:
    return {"source": "almanac.pdf", "page_count": len(pages), "pages": pages}


def marks(pages: list[dict]) -> PageMarks:
    """The HTML placement of a record's pages, with the shared reader's ids (not checked against a book)."""
    return marks_from(shared.anchors(shared.parse(pagination(pages))))


def fits(pages: list[dict], book: m.Book) -> bool:
    """Whether the shared reader accepts the record for this book (a stale one is a ToolError)."""
    try:
        shared.check(shared.FILE, shared.parse(pagination(pages)), book)
    except ToolError:
        return False
    return True


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
    """The sample's HTML written by the HTML writer alone against a pagination.json written here."""
    out = tmp_path_factory.mktemp("paged")
    (out / ".build").mkdir()
    (out / ".build" / "pagination.json").write_text(json.dumps(pagination(sample_pages(sample_book))))
    write_edition(SAMPLE, out, "html")
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
            pages.append({"page": len(pages) + 1, "label": label, "chapter": chapter.id, "block": index})
            if isinstance(block, m.Paragraph):
                expected[label] = " ".join(plain(block.children).split())
    root = html.fromstring(render(book, _images(book), marks(pages)))
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
    marks = read_marks(str(tmp_path), sample_book)
    assert marks.count == 0
    assert "page-anchor" not in render(sample_book, _images(sample_book), marks)


def test_pagination_of_an_older_source_is_rejected(sample_book):
    """A record whose positions no longer match the blocks (hand-edited output/.build) is refused."""
    pages = sample_pages(sample_book)
    assert fits(pages, sample_book)
    moved = [dict(p, loc=p["loc"].replace(":", ":9", 1)) if p["loc"] else p for p in pages]
    assert not fits(moved, sample_book)
    gone = pages + [page_entry(8, "connectivity", 10_000)]
    assert not fits(gone, sample_book)
    assert not fits([page_entry(9, "no-such-chapter", 0)], sample_book)


def test_stale_pagination_is_a_clear_error_as_in_the_epub(tmp_path, sample_book):
    """The HTML writer refuses a stale record with the EPUB's message, and writes no page."""
    pages = sample_pages(sample_book)
    moved = [dict(p, loc=p["loc"].replace(":", ":9", 1)) if p["loc"] else p for p in pages]
    (tmp_path / ".build").mkdir()
    (tmp_path / ".build" / "pagination.json").write_text(json.dumps(pagination(moved)))
    with pytest.raises(ToolError, match=r"^\.build/pagination\.json: page \d+ was recorded at .*, but that block "
                                        r"is now at .*the source changed since the PDF was built: rebuild it with "
                                        r"'make pdf'"):
        write_edition(SAMPLE, tmp_path, "html")
    assert not (tmp_path / "almanac.html").exists()


def test_broken_pagination_is_a_clear_error(tmp_path, sample_book):
    (tmp_path / "pagination.json").write_text('{"pages": [{"label": "1"}]}')
    with pytest.raises(ToolError, match="pagination.json: .*pagination contract.*make pdf"):
        read_marks(str(tmp_path), sample_book)


def test_repeated_labels_get_their_page_index():
    """Ids must be unique: a label printed twice keeps `page-1` at its first place and gets `page-1-p2`
    at the second, as in the EPUB page list."""
    found = marks([page_entry(1, "a", 0), {**page_entry(1, "a", 3), "page": 2}])
    assert [p.anchor for p in found.pages("a", 0)] == ["page-1"] and isinstance(found, PageMarks)
    assert [(p.label, p.anchor) for p in found.pages("a", 3)] == [("1", "page-1-p2")]


def test_the_real_build_has_an_anchor_for_every_recorded_page(built_almanac):
    """Whatever the print PDF writer recorded in this build: one anchor per recorded page."""
    recorded = built_almanac / ".build" / "pagination.json"
    pages = json.loads(recorded.read_text())["pages"]
    assert len(pages) > 20
    page = html.parse(str(built_almanac / "almanac.html")).getroot()
    ids = [s.get("id") for s in page.xpath("//span[@class='page-anchor']")]
    assert len(ids) == len(set(ids)) == len(pages)
    assert set(ids) == {p.anchor for p in shared.anchors(shared.parse({"pages": pages}))}
    assert {f"page-{p['label']}" for p in pages} == set(ids)  # the real labels are unique


def test_html_anchor_ids_equal_the_epub_page_list_targets(built_almanac):
    """One id per printed page in both editions: the HTML anchors inside the chapters are exactly the
    EPUB page list's targets (the EPUB text has no cover or contents pages)."""
    page = html.parse(str(built_almanac / "almanac.html")).getroot()
    in_chapters = {s.get("id") for s in page.xpath("//section[contains(@class, 'chapter ')]"
                                                   "//span[@class='page-anchor']")}
    epub = read_epub(built_almanac / "almanac.epub")
    nav = epub.xml(epub.nav_path)
    targets = {a.get("href").split("#", 1)[1]
               for a in nav.xpath("//x:nav[@epub:type='page-list']//x:a", namespaces=NS)}
    assert len(targets) > 20 and in_chapters == targets
