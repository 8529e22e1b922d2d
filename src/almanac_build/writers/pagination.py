"""The print edition's page record, read once for every writer that places printed page numbers.

The print PDF writer records where each page begins (`ctx.data_dir/pagination.json`, the pagination
contract in docs/architecture.md): the chapter and the index of the first block on the page in `walk.iter_blocks` order (-1 for
the chapter opener; chapter null for the cover, contents and back pages). `read` parses that record,
checks it against the book, and gives each page the id both editions use for it, so a citation
"almanac.html#page-12" and the EPUB page list's "…#page-12" name the same place. Where the pages go is
each writer's business (html/page_marks.py, epub/pages.py).

A record that no longer fits the book (blocks moved or gone since the PDF was laid out) is an error, not
a silent fallback: the build lays out the PDF whenever HTML or EPUB is built, so only a hand-edited
`output/.build` gets here, and wrong page numbers would be worse than none.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, replace

from .. import model as m
from ..diagnostics import Loc, ToolError
from ..walk import iter_blocks

FILE = "pagination.json"
REBUILD = "rebuild the PDF with 'make pdf'"


@dataclass(frozen=True)
class Page:
    page: int  # the PDF page index, from 1
    label: str  # the page number printed on it
    chapter: str | None  # None: before the first chapter (cover, contents) or after the last
    block: int  # index into iter_blocks(chapter.blocks); -1 = the chapter opener
    continued: bool = False  # no block starts on the page: `block` continues onto it
    loc: str = ""  # the block's source position as the PDF writer saw it ("file:line:col")
    anchor: str = ""  # page-LABEL, with -pPAGE for a label printed twice (see `anchors`)


def read(data_dir: str, book: m.Book) -> list[Page]:
    """Every recorded page in page order, checked against the book, with its anchor id; [] when the
    print PDF has recorded no pagination (no file)."""
    path = os.path.join(data_dir, FILE) if data_dir else ""
    if not path or not os.path.isfile(path):
        return []
    shown = _shown(path)
    try:
        with open(path, encoding="utf-8") as handle:
            pages = parse(json.load(handle))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ToolError(f"{shown}: the print PDF's page record is unreadable or does not follow the pagination "
                        f"contract ({exc}); {REBUILD}") from None
    check(shown, pages, book)
    return anchors(sorted(pages, key=lambda p: p.page))


def parse(record: dict) -> list[Page]:
    """The record's pages as `Page`s (KeyError, TypeError or ValueError when it breaks the contract)."""
    return [Page(int(p["page"]), str(p["label"]), None if p["chapter"] is None else str(p["chapter"]),
                 int(p["block"]), bool(p.get("continued", False)), str(p.get("loc") or ""))
            for p in record["pages"]]


def anchors(pages: list[Page]) -> list[Page]:
    """`page-12` for the page labelled 12; a label printed twice gets its page index too (`page-12-p40`),
    since ids must be unique. Counted over all pages, so every edition gives a page the same id."""
    out, taken = [], set()
    for page in pages:
        anchor = "page-" + "".join(ch if ch.isalnum() else "-" for ch in page.label)
        anchor = anchor if anchor not in taken else f"{anchor}-p{page.page}"
        taken.add(anchor)
        out.append(replace(page, anchor=anchor))
    return out


def check(shown: str, pages: list[Page], book: m.Book) -> None:
    """A stale record (from before the source changed) must not put page numbers in wrong places:
    every page must point at an existing block, at the same source position the PDF writer saw."""
    blocks = {c.id: [c.loc] + [b.loc for b in iter_blocks(c.blocks)] for c in book.chapters}
    for page in pages:
        if page.chapter is None:
            continue
        if page.chapter not in blocks or not -1 <= page.block < len(blocks[page.chapter]) - 1:
            raise ToolError(f"{shown}: page {page.page} points at block {page.block} of chapter "
                            f"'{page.chapter}', which does not exist; the source changed since the PDF was "
                            "built: rebuild it with 'make pdf'")
        where = blocks[page.chapter][page.block + 1]
        if not same_place(page.loc, where):
            raise ToolError(f"{shown}: page {page.page} was recorded at {page.loc}, but that block is now at "
                            f"{where}; the source changed since the PDF was built: rebuild it with 'make pdf'")


def same_place(recorded: str, loc: Loc | None) -> bool:
    """`source/chapters/02-connectivity.md:11:1` against a Loc: file name, line and (when both have one)
    column. A record without a line number, or a block without one, passes."""
    match = re.fullmatch(r"(.*?):(\d+)(?::(\d+))?", recorded)
    if not match or loc is None or not loc.line:
        return True
    col = int(match.group(3) or 0)
    return (os.path.basename(match.group(1)) == os.path.basename(loc.file) and int(match.group(2)) == loc.line
            and (not col or not loc.col or col == loc.col))


def _shown(path: str) -> str:
    """The record's name as an editor knows it (the build reads it from a staging copy): .build/pagination.json."""
    return os.path.join(os.path.basename(os.path.dirname(path)), FILE)
