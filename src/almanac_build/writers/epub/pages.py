"""The print edition's page breaks, placed into the EPUB text.

The print PDF writer records where each page begins (`pagination.json`, see HELPERS.md: chapter id and
the index of the first block on the page in `walk.iter_blocks` order, -1 for the chapter opener). This
module reads that record and gives the Pandoc conversion a marker before each such block, so the EPUB's
page list takes a reader to the same place as the printed page number.

A page that begins in the middle of a block (`continued`) gets its marker before that block: a reader
who follows it starts at the paragraph the page falls in, and misses nothing.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, replace

from ... import model as m
from ...diagnostics import Loc, ToolError
from ...walk import iter_blocks
from ..pandoc_ast import PandocConverter, attr

PAGINATION = "pagination.json"
MARKER_CLASS = "print-page-break"


@dataclass(frozen=True)
class PageStart:
    page: int
    label: str
    chapter: str
    block: int  # index into iter_blocks(chapter.blocks); -1 = the chapter opener
    loc: str = ""  # the block's source position as the PDF writer saw it ("file:line:col")
    anchor: str = ""  # the marker's id: page-LABEL, as in the HTML edition (see _anchors)


def read_pagination(data_dir: str, book: m.Book) -> list[PageStart]:
    """Pages that begin inside a chapter, in page order; [] when the PDF recorded no pagination."""
    path = os.path.join(data_dir, PAGINATION) if data_dir else ""
    if not path or not os.path.isfile(path):
        return []
    try:
        with open(path, encoding="utf-8") as handle:
            record = json.load(handle)
        pages = [PageStart(int(p["page"]), str(p["label"]), p["chapter"], int(p["block"]), str(p.get("loc") or ""))
                 for p in record["pages"] if p.get("chapter")]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ToolError(f"{_shown(path)}: the print PDF's page record is unreadable ({exc}); rebuild the "
                        "PDF with 'make pdf'") from None
    _check_against_book(_shown(path), pages, book)
    return _anchors(sorted(pages, key=lambda p: p.page))


def _anchors(pages: list[PageStart]) -> list[PageStart]:
    """`page-12` for the page labelled 12, the id the HTML edition gives the same place, so a citation
    works in both; a label printed twice gets its page index too, since ids must be unique."""
    out, taken = [], set()
    for page in pages:
        anchor = "page-" + "".join(ch if ch.isalnum() else "-" for ch in page.label)
        anchor = anchor if anchor not in taken else f"{anchor}-p{page.page}"
        taken.add(anchor)
        out.append(replace(page, anchor=anchor))
    return out


def _shown(path: str) -> str:
    """The record's name as an editor knows it (the build reads it from a staging copy)."""
    return os.path.join(os.path.basename(os.path.dirname(path)), PAGINATION)


def _check_against_book(path: str, pages: list[PageStart], book: m.Book) -> None:
    """A stale record (from before the source changed) must not put page numbers in wrong places:
    every page must point at an existing block, and at the same source line the PDF writer saw."""
    blocks = {c.id: [c.loc] + [b.loc for b in iter_blocks(c.blocks)] for c in book.chapters}
    for page in pages:
        if page.chapter not in blocks or not -1 <= page.block < len(blocks[page.chapter]) - 1:
            raise ToolError(f"{path}: page {page.page} points at block {page.block} of chapter "
                            f"'{page.chapter}', which does not exist; rebuild the PDF with 'make pdf'")
        where = blocks[page.chapter][page.block + 1]
        if not _same_place(page.loc, where):
            raise ToolError(f"{path}: page {page.page} was recorded at {page.loc}, but that block is now at "
                            f"{where}; the source changed since the PDF was built: rebuild it with 'make pdf'")


def _same_place(recorded: str, loc: Loc | None) -> bool:
    """Compare file name and line; a record without a line number (or a block without one) passes."""
    match = re.fullmatch(r"(.*?):(\d+)(?::\d+)?", recorded)
    if not match or loc is None or not loc.line:
        return True
    return os.path.basename(match.group(1)) == os.path.basename(loc.file) and int(match.group(2)) == loc.line


def marker(page: PageStart) -> dict:
    """An empty Pandoc span standing for the page break; the EPUB writer gives it its EPUB semantics."""
    span = {"t": "Span", "c": [attr(page.anchor, [MARKER_CLASS], {"data-label": page.label}), []]}
    return {"t": "Plain", "c": [span]}


class PagedConverter(PandocConverter):
    """PandocConverter that puts a page-break marker before each block where a printed page begins."""

    def __init__(self, pages: list[PageStart], **kwargs):
        super().__init__(**kwargs)
        self._by_chapter: dict[str, dict[int, list[PageStart]]] = {}
        for page in pages:
            self._by_chapter.setdefault(page.chapter, {}).setdefault(page.block, []).append(page)
        self._starts: dict[int, list[PageStart]] = {}
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
