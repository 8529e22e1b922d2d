"""The book as a sequence of braille layout units: headings, paragraphs, lists, tables, figures, in
reading order, with a print page indicator wherever the print edition turns a page.

Structure and layout are ours; every word is translated by liblouis (`Translator.dots`).

Tables (docs/braille.md): a table whose columns, each as wide as its widest cell, fit side by side in the
line with two blank cells between them stays a table, its header row underlined with dots 2-5. A wider
table is read row by row: each row starts at the margin with its first cell (its row header), and every
other cell follows on its own line, indented, as "column header: cell". Status cells keep their word.
"""

from __future__ import annotations

from ... import model as m
from ...text import block_text, plain
from ...walk import child_blocks, iter_blocks
from ..pagination import Page as PrintPage
from .layout import BLANK, Unit
from .translator import Translator

HEADER_RULE = "\u2812"  # dots 2-5 under a table's column headers
# UEB transcriber's note indicators (opening: dots 4, 4-6, 1-2-6; closing: dots 4, 4-6, 3-4-5)
NOTE_OPEN, NOTE_CLOSE = "\u2808\u2828\u2823", "\u2808\u2828\u281c"


def inline_text(nodes: list[m.Inline]) -> str:
    """What a braille reader gets of a run of inlines: links as their text followed by the address (not
    for placeholders or links within the publication), images as their alt text, decorative ones not at all."""
    parts: list[str] = []
    for node in nodes:
        if isinstance(node, (m.Text, m.Code)):
            parts.append(node.text)
        elif isinstance(node, m.LineBreak):
            parts.append(" ")
        elif isinstance(node, m.InlineImage):
            parts.append("" if node.decorative else node.alt)
        elif isinstance(node, m.Link):
            text = inline_text(node.children)
            address = node.url.removeprefix("mailto:").removeprefix("tel:")
            parts.append(text if node.placeholder or node.internal or address == text else f"{text} ({address})")
        else:
            parts.append(inline_text(node.children))
    return "".join(parts)


class Lineariser:
    """Turns chapters into units. `pages` is the print edition's page record (writers/pagination.py)."""

    def __init__(self, book: m.Book, translator: Translator, width: int, pages: list[PrintPage]):
        self.book, self.tr, self.width = book, translator, width
        self.units: list[Unit] = []
        self._pages_at: dict[tuple[str | None, int], list[PrintPage]] = {}
        self._continued_at: dict[tuple[str | None, int], list[PrintPage]] = {}
        self._before_book: list[PrintPage] = []
        self._after: dict[str, list[PrintPage]] = {}  # pages with no chapter that follow a chapter
        last_chapter: str | None = None
        for page in pages:
            if page.chapter is None:
                (self._after.setdefault(last_chapter, []) if last_chapter else self._before_book).append(page)
                continue
            last_chapter = page.chapter
            table = self._continued_at if page.continued else self._pages_at
            table.setdefault((page.chapter, page.block), []).append(page)
        self._index: dict[int, int] = {}
        self._shown: set[int] = set()  # print pages already indicated
        self._chapter = ""
        self._level = 1

    # ------------------------------------------------------------ the book
    def book_units(self) -> list[Unit]:
        self.units = []
        self.print_pages(self._before_book)
        for chapter in self.book.chapters:
            self.chapter(chapter)
        return self.units

    def chapter(self, chapter: m.Chapter) -> None:
        self._chapter, self._level = chapter.id, 1
        self._index = {id(block): n for n, block in enumerate(iter_blocks(chapter.blocks))}
        first = len(self.units)
        self.print_pages(self._pages_at.get((chapter.id, -1), []))
        self.units.append(Unit(self.tr.dots(chapter.title), centred=True, blank_after=True, keep_with_next=True,
                               anchor=chapter.id))
        self.units[first].new_page = True
        if chapter.outcome:
            self.paragraph(f"Outcome: {chapter.outcome}")
        self.print_pages(self._continued_at.get((chapter.id, -1), []))
        self.blocks(chapter.blocks)
        self.print_pages(self._after.get(chapter.id, []))

    def print_pages(self, pages: list[PrintPage]) -> None:
        for page in pages:
            if page.page not in self._shown:
                self._shown.add(page.page)
                self.units.append(Unit("", print_page=self.tr.dots(page.label)))

    def _inside(self, block, whole: bool) -> list:
        return [block, *iter_blocks(child_blocks(block))] if whole else [block]

    def starting(self, block, whole: bool = False) -> None:
        """Indicators for the print pages that begin at `block` (or, for a block laid out `whole` such as a
        table, anywhere inside it: a page that begins in a table cell is marked before the table)."""
        for inner in self._inside(block, whole):
            self.print_pages(self._pages_at.get((self._chapter, self._index.get(id(inner), -2)), []))

    def continuing(self, block, whole: bool = False) -> None:
        """Indicators for the print pages that a block runs onto, after the block."""
        for inner in self._inside(block, whole):
            self.print_pages(self._continued_at.get((self._chapter, self._index.get(id(inner), -2)), []))

    # ------------------------------------------------------------ blocks
    def blocks(self, blocks: list[m.Block], depth: int = 0) -> None:
        for block in blocks:
            whole = isinstance(block, (m.Table, m.Figure))
            self.starting(block, whole)
            getattr(self, f"b_{type(block).__name__}")(block, depth)
            self.continuing(block, whole)

    def paragraph(self, text: str, depth: int = 0) -> None:
        dots = self.tr.dots(text)
        if dots:
            self.units.append(Unit(dots, first=2 + 2 * depth, runover=2 * depth))

    def heading(self, level: int, text: str, anchor: str = "") -> None:
        self._level = level
        dots = self.tr.dots(text)
        if level <= 1:
            self.units.append(Unit(dots, centred=True, blank_before=True, blank_after=True, keep_with_next=True,
                                   anchor=anchor))
        else:
            indent = 4 if level == 2 else 6
            self.units.append(Unit(dots, first=indent, runover=indent, blank_before=True, keep_with_next=True,
                                   anchor=anchor))

    def b_Heading(self, b: m.Heading, depth: int) -> None:
        self.heading(b.level, inline_text(b.children), b.id)

    def b_Paragraph(self, b: m.Paragraph, depth: int) -> None:
        self.paragraph(inline_text(b.children), depth)

    def b_BlockQuote(self, b: m.BlockQuote, depth: int) -> None:
        self.blocks(b.blocks, depth + 1)

    def b_CodeBlock(self, b: m.CodeBlock, depth: int) -> None:
        for line in b.text.splitlines():
            dots = self.tr.dots(line)
            if dots:
                self.units.append(Unit(dots, first=2 * depth, runover=2 * depth + 2))

    def b_ThematicBreak(self, b: m.ThematicBreak, depth: int) -> None:
        self.units.append(Unit("", lines=[BLANK * 6 + "\u2812" * 12]))  # a centred line of dots 2-5

    def b_Generated(self, b: m.Generated, depth: int) -> None:
        """Expanded into tables by the loader before any writer runs."""

    def b_ListBlock(self, b: m.ListBlock, depth: int) -> None:
        for n, item in enumerate(b.items):
            label = f"{b.start + n}. " if b.ordered else ""
            first, rest = (item[0], item[1:]) if item and isinstance(item[0], m.Paragraph) else (None, item)
            if first is not None:
                self.starting(first)
                dots = self.tr.dots(label + inline_text(first.children))
                self.units.append(Unit(dots, first=2 * depth, runover=2 * depth + 2))
                self.continuing(first)
            self.blocks(rest, depth + 1)

    def b_Figure(self, b: m.Figure, depth: int) -> None:
        """A described picture as a transcriber's note; a decorative one is left out."""
        if b.decorative:
            return
        words = b.alt.strip()
        if b.caption:
            words = f"{b.caption.strip()}. {words}" if words else b.caption.strip()
        dots = self.tr.dots(f"Picture: {words}")
        self.units.append(Unit(NOTE_OPEN + dots + NOTE_CLOSE, first=6, runover=4))

    def b_CaseStudy(self, b: m.CaseStudy, depth: int) -> None:
        level = self._level
        self.heading(level + 1, b.organisation, b.id)
        if b.category:
            self.paragraph(f"Category: {b.category}", depth)
        self.blocks(b.blocks, depth)
        self._level = level

    def b_Practice(self, b: m.Practice, depth: int) -> None:
        level = self._level
        for theme in b.themes:
            self.starting(theme)
            self.heading(level + 1, theme.title, theme.id)
            self.b_ListBlock(m.ListBlock(theme.actions), depth)
            self.continuing(theme)
            self._level = level

    def b_PracticeTheme(self, b: m.PracticeTheme, depth: int) -> None:  # reached only through b_Practice
        self.b_Practice(m.Practice([b]), depth)

    # ------------------------------------------------------------ tables
    def b_Table(self, b: m.Table, depth: int) -> None:
        if b.caption:
            self.units.append(Unit(self.tr.dots(b.caption), first=4, runover=4, blank_before=True,
                                   keep_with_next=True, anchor=b.id))
        grid = b.grid()
        heads = len(b.head)
        texts = [[self.tr.dots(block_text(cell.blocks)) if cell is not None else "" for cell in row] for row in grid]
        columns = max((len(row) for row in texts), default=0)
        widths = [max((len(row[c]) for row in texts if c < len(row)), default=0) for c in range(columns)]
        if columns and sum(widths) + 2 * (columns - 1) <= self.width:
            self.units.append(Unit("", lines=self.table_lines(texts, widths, heads)))
        else:
            self.linear_table(b, grid, heads)
        if b.description:
            self.paragraph(b.description, depth)

    def table_lines(self, texts: list[list[str]], widths: list[int], heads: int) -> list[str]:
        gap = BLANK * 2
        lines = []
        for r, row in enumerate(texts):
            cells = [(row[c] if c < len(row) else "").ljust(widths[c], BLANK) for c in range(len(widths))]
            lines.append(gap.join(cells).rstrip(BLANK))
            if r == heads - 1:
                lines.append(gap.join(HEADER_RULE * w for w in widths))
        return lines

    def linear_table(self, b: m.Table, grid: list[list[m.Cell | None]], heads: int) -> None:
        """Row by row: the first cell at the margin, each other cell as "column header: cell" beneath it.
        A cell spanning rows is repeated in each row it covers, so no row is read without it."""
        headers = [block_text(cell.blocks) if cell is not None else "" for cell in (grid[heads - 1] if heads else [])]
        above: dict[int, tuple[m.Cell, int]] = {}  # column → cell spanning down, and the row it ends before
        for r, row in enumerate(grid[heads:], start=heads):
            cells: list[str] = []
            for c, cell in enumerate(row):
                if cell is None and c in above and r < above[c][1]:
                    cell = above[c][0]
                elif cell is not None and cell.rowspan > 1:
                    above[c] = (cell, r + cell.rowspan)
                cells.append(block_text(cell.blocks) if cell is not None else "")
            if not any(cells):
                continue
            self.units.append(Unit(self.tr.dots(cells[0] or "(blank)"), first=0, runover=2))
            for c, text in enumerate(cells[1:], start=1):
                label = headers[c] if c < len(headers) and headers[c] else f"Column {c + 1}"
                self.units.append(Unit(self.tr.dots(f"{label}: {text}" if text else f"{label}: (blank)"),
                                       first=2, runover=4))
