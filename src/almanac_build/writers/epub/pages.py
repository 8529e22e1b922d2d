"""The print edition's page breaks, placed into the EPUB text.

The shared reader (`writers/pagination.py`) reads the print PDF's record of where each page begins
(chapter id and the index of the first block on the page in `walk.iter_blocks` order, -1 for the chapter
opener), checks it against the book and gives each page its id, the one the HTML edition uses. This
module gives the Pandoc conversion a marker before each such block, so the EPUB's page list takes a
reader to the same place as the printed page number.

A page that begins in the middle of a block (`continued`) gets its marker before that block: a reader
who follows it starts at the paragraph the page falls in, and misses nothing.
"""

from __future__ import annotations

from ... import model as m
from ...walk import iter_blocks
from .. import pagination
from ..pagination import Page
from ..pandoc_ast import PandocConverter, attr

MARKER_CLASS = "print-page-break"


def body_pages(data_dir: str, book: m.Book) -> list[Page]:
    """The recorded pages that begin inside a chapter, in page order ([] without a record): the EPUB's
    page list. Cover and contents pages have no place in the EPUB text."""
    return [page for page in pagination.read(data_dir, book) if page.chapter is not None]


def marker(page: Page) -> dict:
    """An empty Pandoc span standing for the page break; the EPUB writer gives it its EPUB semantics."""
    span = {"t": "Span", "c": [attr(page.anchor, [MARKER_CLASS], {"data-label": page.label}), []]}
    return {"t": "Plain", "c": [span]}


class PagedConverter(PandocConverter):
    """PandocConverter that puts a page-break marker before each block where a printed page begins."""

    def __init__(self, pages: list[Page], **kwargs):
        super().__init__(**kwargs)
        self._by_chapter: dict[str, dict[int, list[Page]]] = {}
        for page in pages:
            self._by_chapter.setdefault(page.chapter, {}).setdefault(page.block, []).append(page)
        self._starts: dict[int, list[Page]] = {}
        self._index: dict[int, int] = {}

    def chapter(self, chapter: m.Chapter) -> list[dict]:
        self._starts = self._by_chapter.get(chapter.id, {})
        self._index = {id(block): n for n, block in enumerate(iter_blocks(chapter.blocks))}
        return super().chapter(chapter)

    def chapter_opening(self, chapter: m.Chapter) -> list[dict]:
        return self._markers(-1) + super().chapter_opening(chapter)

    def block(self, block: m.Block) -> list[dict]:
        markers = self._markers(self._index.get(id(block), -2))
        out = super().block(block)
        if markers and out and out[0]["t"] == "Para":  # inside the paragraph: a table cell stays plain text
            out[0] = {"t": "Para", "c": [span for mark in markers for span in mark["c"]] + out[0]["c"]}
            return out
        return markers + out

    def b_Practice(self, b: m.Practice) -> list[dict]:
        """Themes are blocks in iter_blocks order but are drawn as a heading: mark before it."""
        out = super().b_Practice(b)
        body = out[0]["c"][1]
        for theme in b.themes:
            found = self._markers(self._index.get(id(theme), -2))
            if found:
                at = next(i for i, x in enumerate(body) if x["t"] == "Header" and x["c"][1][0] == theme.id)
                body[at:at] = found
        return out

    def _markers(self, index: int) -> list[dict]:
        return [marker(p) for p in self._starts.get(index, [])] if index != -2 else []
