"""Tracing an output element back to its source line.

By identity first: the writers keep the model's ids on what they emit (HTML and EPUB `id`s; DOCX
bookmarks before headings and tables; PDF structure elements' /ID on headings, tables and figures), so an
element with an id maps straight back to its model node, and a table cell to the cell at the same row and
column of that table. Where an output keeps no id (links, paragraphs, images in some formats), the
element is matched by its text within the section it sits in: the fallback, which each finding's
`traced` says (see view.Where).
"""

from __future__ import annotations

import os
from collections import defaultdict

from .. import model as m
from ..diagnostics import Loc
from ..text import own_text, plain
from ..walk import iter_blocks, iter_inlines
from .textutil import normalise


def src_key(path: str) -> str:
    """An image's name as every writer keeps it: the path below images/, else the file name."""
    path = (path or "").replace("\\", "/")
    return path.rsplit("images/", 1)[-1] if "images/" in path else os.path.basename(path)


# How an output element made from each block class is found by its text: the kind of element the
# writers make of it (case study and practice titles become headings). None: nothing to find it by
# (containers, whose blocks are traced themselves; code and rules, which no rule reports on).
TRACED_AS = {m.Heading: "heading", m.CaseStudy: "heading", m.PracticeTheme: "heading", m.Paragraph: "para",
             m.Figure: "image", m.Table: "table", m.ListBlock: None, m.BlockQuote: None, m.Practice: None,
             m.CodeBlock: None, m.ThematicBreak: None, m.Generated: None}


class Tracer:
    def __init__(self, book: m.Book | None):
        self.ids: dict[str, Loc] = {}
        self.chapter_of_id: dict[str, str] = {}
        self.by_text: dict[tuple[str, str], list[Loc]] = defaultdict(list)
        self.chapter_titles: dict[str, str] = {}
        self.images_under: dict[Loc, list[Loc]] = defaultdict(list)  # heading → its images, in order
        self.tables: dict[str, m.Table] = {}  # table id → the model table (for its cells)
        self.body_paragraphs: set[Loc] = set()  # paragraphs of running text (not in a list, cell or quote)
        self.has_source = bool(book and book.chapters)  # an output checked on its own has nothing to trace to
        if book:
            for chapter in book.chapters:
                self._chapter(chapter)

    def _chapter(self, chapter: m.Chapter) -> None:
        loc = chapter.loc or Loc(chapter.path, 1, 1)
        self._id(chapter.id, loc, chapter.id)
        self._id(f"chapter-{chapter.id}", loc, chapter.id)
        self.chapter_titles[normalise(chapter.title)] = chapter.id
        self._text("heading", chapter.title, loc)
        for block in iter_blocks(chapter.blocks):
            block_loc = getattr(block, "loc", None)
            if getattr(block, "id", "") and block_loc:
                self._id(block.id, block_loc, chapter.id)
            if type(block) not in TRACED_AS:
                raise TypeError(f"{type(block).__name__} is not a block the tracer knows: add it to TRACED_AS")
            kind = TRACED_AS[type(block)]
            if not kind or not block_loc:
                continue
            if isinstance(block, m.Figure):
                self._text("image", block.alt or os.path.basename(block.src), block_loc)
                self.by_text[("src", src_key(block.src))].append(block_loc)
            else:
                self._text(kind, own_text(block), block_loc)
                if isinstance(block, m.Table) and block.id:
                    self.tables.setdefault(block.id, block)
        self._images_by_section(chapter, loc)
        for block in chapter.blocks:
            for inner in block.blocks if isinstance(block, m.CaseStudy) else [block]:
                if isinstance(inner, m.Paragraph) and inner.loc:
                    self.body_paragraphs.add(inner.loc)
        for inline in iter_inlines(chapter.blocks):
            if isinstance(inline, m.Link) and inline.loc:
                self._text("link", plain(inline.children), inline.loc)
                if not inline.placeholder:
                    self.by_text[("href", inline.url.strip())].append(inline.loc)
            elif isinstance(inline, m.InlineImage) and inline.loc:
                self._text("image", inline.alt or os.path.basename(inline.src), inline.loc)
                self.by_text[("src", src_key(inline.src))].append(inline.loc)

    def _images_by_section(self, chapter: m.Chapter, section: Loc) -> None:
        for block in iter_blocks(chapter.blocks):
            if isinstance(block, (m.Heading, m.CaseStudy, m.PracticeTheme)) and block.loc:
                section = block.loc
            elif isinstance(block, m.Figure) and block.loc:
                self.images_under[section].append(block.loc)
            for inline in iter_inlines([block]) if isinstance(block, m.Paragraph) else ():
                if isinstance(inline, m.InlineImage) and inline.loc:
                    self.images_under[section].append(inline.loc)

    def is_body(self, loc: Loc | None) -> bool:
        """Whether a paragraph found by its text is running text; a body paragraph of an output matched to
        a list item or cell of the source is not that element (the writers' own lines, such as the
        publication block, can repeat an item's words)."""
        return not self.has_source or loc in self.body_paragraphs

    def cell(self, table_id: str | None, row: int, col: int) -> Loc | None:
        """The source of the cell at `row`, `col` (from 0, header rows first) of the table with this id:
        the cell's own line, else its row's, else the table's."""
        table = self.tables.get(table_id or "")
        if table is None:
            return None
        rows = table.head + table.body
        cells = rows[row] if 0 <= row < len(rows) else []
        cell = cells[col] if 0 <= col < len(cells) else (cells[0] if cells else None)
        return (cell.loc if cell is not None and cell.loc else None) or table.loc

    def image_in_section(self, heading: Loc | None, index: int) -> Loc | None:
        """The index-th image (from 0) under a heading: for outputs that keep neither alt nor file name."""
        found = self.images_under.get(heading, []) if heading else []
        return found[index] if 0 <= index < len(found) else None

    def _id(self, id_: str, loc: Loc, chapter: str) -> None:
        self.ids.setdefault(id_, loc)
        self.chapter_of_id.setdefault(id_, chapter)

    def _text(self, kind: str, text: str, loc: Loc) -> None:
        key = normalise(text)
        if key:
            self.by_text[(kind, key[:80])].append(loc)

    # ------------------------------------------------------------ lookups
    def by_id(self, id_: str | None) -> Loc | None:
        return self.ids.get(id_ or "")

    def find(self, kind: str, text: str | None, near: Loc | None = None) -> Loc | None:
        """The source of an element by its text; with several candidates, the one in (or after) `near`'s file."""
        found = self.by_text.get((kind, normalise(text or "")[:80]), [])
        if not found:
            return None
        if near is not None:
            same = [loc for loc in found if loc.file == near.file and loc.line >= near.line]
            if same:
                return same[0]
            same = [loc for loc in found if loc.file == near.file]
            if same:
                return same[0]
        return found[0]

    def find_src(self, src: str, near: Loc | None = None) -> Loc | None:
        """An image with no usable alt, found by its file (writers keep the path under images/)."""
        return self._first(self.by_text.get(("src", src_key(src)), []), near)

    def find_href(self, href: str, near: Loc | None = None) -> Loc | None:
        """A link with no usable text, found by its address (the first one in or after `near`)."""
        return self._first(self.by_text.get(("href", (href or "").strip()), []), near)

    @staticmethod
    def _first(found: list[Loc], near: Loc | None) -> Loc | None:
        if near is not None:
            after = [loc for loc in found if loc.file == near.file and loc.line >= near.line]
            found = after or [loc for loc in found if loc.file == near.file] or found
        return found[0] if found else None
