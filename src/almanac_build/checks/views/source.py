"""The source as neutral views: one per chapter file, every item carrying its `file:line:col`."""

from __future__ import annotations

import html
import os

from ... import model as m
from ...styles import load_theme
from ...text import block_text, plain
from ...walk import child_groups, child_inlines
from ..textutil import sentence_around, squash
from ..finding import project_path
from ..view import Block, Cell, Heading, Image, Link, Table, View
from .coverage import source_undrawable
from .templates import template_leftovers


def source_views(book: m.Book) -> list[View]:
    theme = book.theme or load_theme()  # the publication's own fonts come first
    views = []
    for chapter in book.chapters:
        view = View("S", project_path(chapter.path))
        view.facts["undrawable"] = [(char, view.here("", loc)) for char, loc in source_undrawable(chapter, theme)]
        view.facts["template_leftovers"] = [(text, view.here("", loc)) for text, loc in template_leftovers(chapter.path)]
        view.title, view.title_where = chapter.title, view.here("title", chapter.loc)
        view.langs.append((book.meta.language, view.here("almanac.yaml language")))
        view.headings.append(Heading(1, chapter.title, view.here("title", chapter.loc)))
        view.facts["output_level_shift"] = OUTPUT_LEVEL_SHIFT
        _walk(view, chapter.blocks, "body")
        views.append(view)
    return views


# A child list's role (walk.child_groups) → the context its paragraphs are judged in; others inherit.
_CONTEXTS = {"item": "list", "action": "list", "quote": "quote"}
# Every output puts the publication's title at level 1, so a chapter title (the source's level 1) is level 2
# there and `####` is level 5: HTML h5, EPUB h5, DOCX Heading 4 under Title, PDF H5.
OUTPUT_LEVEL_SHIFT = 1


def _walk(view: View, blocks: list, context: str) -> None:
    """Every block through the one traversal (walk.child_groups); each class's own content by _OWN."""
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        read = _OWN.get(type(block), _unknown)
        read(view, block, context, following)
        if isinstance(block, m.Figure) and view.images:
            before = blocks[index - 1] if index else None
            view.images[-1].nearby = tuple(t for t in (_text(before), _text(following)) if t)
        if not isinstance(block, m.Table):  # a table's cells are read with the table (_table)
            for role, children in child_groups(block):
                _walk(view, children, _CONTEXTS.get(role, context))


def _heading(view: View, block: m.Heading, context: str, following) -> None:
    text = squash(plain(block.children))
    view.headings.append(Heading(block.level, text, view.here("", block.loc), context))
    _inlines(view, block.children, text, block.loc)


def _figure(view: View, block: m.Figure, context: str, following) -> None:
    view.images.append(Image(_raw_alt(block.alt, block.loc), block.decorative, block.src, view.here("", block.loc),
                             block.caption))


def _nothing_of_its_own(view: View, block, context: str, following) -> None:
    """Containers (their blocks are walked), a rule line, and code: code is shown verbatim, so no
    editorial rule judges it. Case study and practice titles are written by the writers as headings
    one level below the heading before them; the source rules read the author's own headings."""


def _unknown(view: View, block, context: str, following) -> None:
    raise TypeError(f"{type(block).__name__} is not a block the source view knows: add it to _OWN in "
                    "checks/views/source.py")


def visible(inlines: list) -> str:
    """Text a sighted reader sees (image alt left out), for comparing alt with the text around it."""
    return squash(plain([n for n in inlines if not isinstance(n, m.InlineImage)]))


def _paragraph(view: View, block: m.Paragraph, context: str, following) -> None:
    text = squash(plain(block.children))
    loc = block.loc
    lines = _source_lines(loc)
    view.blocks.append(Block(text, view.here("", loc), context, _wholly_emphasised(block.children),
                             not loc or loc.end_line <= loc.line + 1 and len(lines) <= 1, tuple(lines),
                             _kind(following), _text(following), _has_link(block.children), section=len(view.headings)))
    _inlines(view, block.children, visible(block.children), loc)


def _inlines(view: View, inlines: list, paragraph: str, loc) -> None:
    for index, node in enumerate(inlines):
        if isinstance(node, m.Link):
            text = squash(plain(node.children))
            images = [n for n in node.children if isinstance(n, m.InlineImage)]
            after = squash(plain(inlines[index + 1:]))[:40]
            view.links.append(Link(text, node.url, view.here("", node.loc or loc), sentence_around(paragraph, text),
                                   paragraph, after, node.placeholder, images[0].alt if images else None))
            _inlines(view, node.children, visible(node.children), node.loc or loc)
        elif isinstance(node, m.InlineImage):
            view.images.append(Image(_raw_alt(node.alt, node.loc), node.decorative, node.src, view.here("", node.loc or loc),
                                     context=paragraph, in_link=False))
        elif isinstance(node, (m.Emph, m.Strong, m.Span)):
            _inlines(view, node.children, paragraph, loc)


def _table(view: View, table: m.Table, context: str = "", following=None) -> None:
    rows = []
    for r, row in enumerate(table.head + table.body):
        cells = []
        for c, cell in enumerate(row):
            text = squash(block_text(cell.blocks))
            cells.append(Cell(text, cell.header, view.here("", cell.loc or table.loc), "", cell.status, r, c))
            for block in cell.blocks:
                if isinstance(block, m.Paragraph):
                    _inlines(view, block.children, text, block.loc or table.loc)
                    view.blocks.append(Block(text, view.here("", block.loc or table.loc), "cell"))
        rows.append(cells)
    view.tables.append(Table(table.caption or None, rows, view.here(table.id, table.loc)))


# What the source view reads from each block class itself (its children are walked by _walk).
_OWN = {m.Heading: _heading, m.Paragraph: _paragraph, m.Figure: _figure, m.Table: _table,
        **{cls: _nothing_of_its_own for cls in (m.ListBlock, m.BlockQuote, m.CaseStudy, m.Practice, m.PracticeTheme,
                                                 m.CodeBlock, m.ThematicBreak, m.Generated)}}


def _wholly_emphasised(inlines: list) -> bool:
    content = [n for n in inlines if not (isinstance(n, m.Text) and not n.text.strip())]
    return len(content) == 1 and isinstance(content[0], (m.Strong, m.Emph))


def _has_link(inlines: list) -> bool:
    for node in inlines:
        if isinstance(node, m.Link) or _has_link(child_inlines(node)):
            return True
    return False


def _kind(block) -> str:
    kinds = {m.Paragraph: "p", m.ListBlock: "list", m.Heading: "heading", m.Table: "table", m.Figure: "figure",
             m.CaseStudy: "heading", m.Practice: "heading"}
    return kinds.get(type(block), "other") if block is not None else ""


def _text(block) -> str:
    if isinstance(block, (m.Paragraph, m.Heading)):
        return squash(plain(block.children))
    if isinstance(block, m.ListBlock):
        return squash(block_text([block]))
    return ""


def _raw_alt(alt: str, loc) -> str:
    """The loader trims alt text; an alt written as spaces (or &nbsp;) is kept as written, so it is
    reported as white space rather than as missing."""
    if alt or not loc or not loc.line:
        return alt
    line = source_line(loc)
    start = line.find("![", max(0, loc.col - 1))
    end = line.find("](", start + 2)
    if start < 0 or end < 0:
        return alt
    written = html.unescape(line[start + 2:end])
    return written if written and written.isspace() else alt


_LINES: dict[str, list[str]] = {}


def _source_lines(loc) -> list[str]:
    """The paragraph's own lines from the file (the model joins soft line breaks with spaces)."""
    if not loc or not loc.line or not os.path.isfile(loc.file):
        return []
    if loc.file not in _LINES:
        with open(loc.file, encoding="utf-8") as handle:
            _LINES[loc.file] = handle.read().splitlines()
    lines = _LINES[loc.file]
    end = loc.end_line if loc.end_line >= loc.line else loc.line
    chunk = lines[loc.line - 1:end]
    if chunk and loc.end_col == 1 and len(chunk) > 1:
        chunk = chunk[:-1]
    return [line for line in chunk if line.strip()]


def source_line(loc) -> str:
    """One line of the source, for report snippets."""
    lines = _source_lines(type(loc)(loc.file, loc.line, 1, loc.line, 0)) if loc and loc.line else []
    return lines[0] if lines else ""
