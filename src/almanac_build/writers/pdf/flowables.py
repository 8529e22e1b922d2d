"""Model blocks → tagged ReportLab flowables, building the logical structure tree as it goes.

Heading levels: PDF H = model level + 1 (cover title H1, chapters H2, `##` H3, `###` H4, capped at
H6). Case studies and practice themes get a heading one level below the heading they follow, as in
every other edition. Each flowable that starts a source block carries its pagination ref.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from xml.sax.saxutils import escape, unescape

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, NextPageTemplate, PageBreak, Spacer

from ... import model as m
from ...diagnostics import AlmanacError, Diagnostic, Loc
from ...failures import element_failure
from ...text import block_text
from ...walk import iter_blocks
from .inlines import InlineMarkup
from .lists_figures import FigureFlowable, list_item_flowables, load_graphic
from .page_record import loc_text
from .paragraphs import Recorded, TaggedParagraph
from .tables import box, column_widths, make_table, too_wide
from .tagging import StructElem


class HorizontalLine(Recorded, Flowable):
    """A horizontal rule (an artifact: the safety net wraps its stroke)."""

    def __init__(self, width: float, colour: str, thickness: float, space: float):
        super().__init__()
        self.width, self.colour, self.thickness, self.space = width, colour, thickness, space

    def wrap(self, *_):
        return self.width, self.thickness + self.space * 2

    def draw(self):
        self.canv.setStrokeColor(HexColor(self.colour))
        self.canv.setLineWidth(self.thickness)
        self.canv.line(0, self.space, self.width, self.space)


class BlockBuilder:
    """Builds one chapter's flowables and elements. `refs` maps each block to its pagination ref."""

    def __init__(self, styles: dict, theme, design: dict, width: float):
        self.styles, self.theme, self.design, self.width = styles, theme, design, width
        self.text = InlineMarkup(theme.colour("link"))
        self.colour = theme.colour("brand")
        self.refs: dict[int, tuple] = {}
        self.section: StructElem | None = None  # the chapter's own element: tables there may turn the page
        self.wide_width = width
        self.edition = "PDF"  # named in errors ("large-print PDF")
        self._last_level = 1
        self._chapter_part = ""  # the part the current chapter belongs to: its bookmarks go one level deeper

    def start_chapter(self, chapter: m.Chapter, base: str, section: StructElem) -> None:
        self.section = section
        self._chapter_part = chapter.part
        self.colour = chapter.colour or self.theme.colour("brand")
        self._last_level = 1
        self.refs = {id(b): (chapter.id, i, loc_text(b.loc, base)) for i, b in enumerate(iter_blocks(chapter.blocks))}

    # ------------------------------------------------------------ blocks
    def blocks(self, blocks: list, parent: StructElem, style: str = "Body") -> list[Flowable]:
        out: list[Flowable] = []
        list_end = None
        for block in blocks:
            try:
                flows = getattr(self, f"b_{type(block).__name__}")(block, parent, style)
            except Exception as exc:  # svglib, Pillow, ReportLab on this block: an error located here
                raise element_failure(exc, getattr(block, "loc", None), "the PDF writer") from None
            if list_end is not None and flows:  # a list is set apart from what follows, as paragraphs are
                _after(list_end, self.styles[style].spaceAfter)
            list_end = flows[-1] if isinstance(block, m.ListBlock) and flows else None
            ref = self.refs.get(id(block))
            first = next((f for f in flows if not isinstance(f, CondPageBreak)), None)
            if first is not None and ref is not None:
                _mark_start(first, ref)
            if isinstance(block, (m.CaseStudy, m.Practice)) and len(out) >= 2 and isinstance(out[-2], CondPageBreak):
                out[-2].height += self.design["box_keep_mm"] * mm  # a box shows its title and two lines or moves
            out.extend(flows)
        return _merge_keeps(out)

    def heading(self, level: int, anchor: str, markup: str, parent: StructElem, style: str = "") -> TaggedParagraph:
        """Model level n → Hn+1. H1–H3 become bookmarks (outline level = H level - 1)."""
        h = min(level + 1, 6)
        elem = parent.add(f"H{h}")
        elem.id = anchor  # the model's id as /ID: the checks trace the heading by it, even an empty one
        para = TaggedParagraph(f'<a name="{anchor}"/>{markup}' if anchor else markup,
                               self.styles[style or f"H{min(h, 4)}"], elem=elem)
        if h <= 3 and _plain_markup(markup).strip():  # no empty bookmark; one level deeper inside a part
            para._outline = (h - 1 + bool(self._chapter_part), _plain_markup(markup), anchor)
        return para

    def b_Heading(self, b: m.Heading, parent, style):
        self._last_level = b.level
        return [self.keep_space("heading_keep_mm"), self.heading(b.level, b.id, self.text.markup(b.children), parent)]

    def keep_space(self, key: str) -> CondPageBreak:
        """A heading or caption never ends a page: start a new page unless this much room is left."""
        return CondPageBreak(self.design[key] * mm)

    def b_Paragraph(self, b: m.Paragraph, parent, style):
        return [TaggedParagraph(self.text.markup(b.children), self.styles[style], elem=parent.add("P"))]

    def b_BlockQuote(self, b: m.BlockQuote, parent, style):
        """Indented behind a bar in the chapter's colour, so a quote reads as one."""
        inner = self.blocks(b.blocks, parent.add("BlockQuote"), style)
        if not inner:
            return []
        quote = box(inner, "100%", self.styles[style].fontName, "", self.colour,  # the width it is given
                    self.design["box_padding"] * 0.75)
        return [_after(quote, self.styles[style].spaceAfter)]

    def b_CodeBlock(self, b: m.CodeBlock, parent, style):
        """Monospace on a shaded ground; the lines and their indentation kept as written."""
        lines = [_keep_spaces(escape(line)) for line in b.text.split("\n")]
        code = "CodeBlock" if style == "Body" else "CodeCell"
        return [TaggedParagraph("<br/>".join(lines), self.styles[code], elem=parent.add("Code"))]

    def b_ThematicBreak(self, b: m.ThematicBreak, parent, style):
        return [HorizontalLine(self.width, self.theme.colour("rule"), 0.75, self.styles["Body"].fontSize * 0.5)]

    def b_Generated(self, b: m.Generated, parent, style):  # expanded by the loader
        return []

    def b_ListBlock(self, b: m.ListBlock, parent, style, items=None):
        lst = parent.add("L", ListNumbering="Decimal" if b.ordered else "Disc")
        body_style = style if style.startswith("Cell") else "ListBody"
        indent = self.styles[style].fontSize * self.design["list_indent_em"]
        out: list[Flowable] = []
        for n, item in enumerate(items if items is not None else b.items):
            li = lst.add("LI")
            label, lbl = (f"{b.start + n}." if b.ordered else self.design["bullet"]), li.add("Lbl")
            body = self.blocks(item, li.add("LBody"), body_style) or [Spacer(1, 1)]
            out += list_item_flowables(label, body, lbl, self.styles[style], indent)
        return out

    def b_Figure(self, b: m.Figure, parent, style):
        graphic = load_graphic(b.src, self.styles["Body"].fontName, self.width * 0.9, self.design["figure_max_height_mm"] * 2.835)
        if b.decorative:
            out: list[Flowable] = [FigureFlowable(graphic, None)]
        else:
            figure = parent.add("Figure", alt=b.alt)
            figure.id = b.id
            out = [FigureFlowable(graphic, figure)]
        if b.caption:
            out.append(TaggedParagraph(escape(b.caption), self.styles["Caption"], elem=parent.add("Caption")))
        return out

    def b_CaseStudy(self, b: m.CaseStudy, parent, style):
        section = parent.add("Sect")
        inner = [self.heading(self._last_level + 1, b.id, escape(b.organisation), section, "CaseTitle")]
        if b.category:
            inner.append(TaggedParagraph(f"<b>Category:</b> {escape(b.category)}", self.styles["CaseMeta"],
                                         elem=section.add("P")))
        inner += self.blocks(b.blocks, section)
        return [_after(self.boxed(inner), self.styles["Body"].fontSize)]

    def b_Practice(self, b: m.Practice, parent, style):
        level, section = self._last_level + 1, parent.add("Sect")
        out: list[Flowable] = []
        for theme in b.themes:
            heading = self.heading(level, theme.id, escape(theme.title), section, "ThemeTitle")
            _mark_start(heading, self.refs.get(id(theme)))
            actions = self.b_ListBlock(m.ListBlock(theme.actions), section, "Body")
            out.append(_after(self.boxed([heading, *actions], bar=True), self.styles["Body"].fontSize * 0.6))
        return out

    def boxed(self, flowables: list[Flowable], bar: bool = True):
        return box(flowables, self.width, self.styles["Body"].fontName, self.theme.colour("box_background"),
                   self.colour if bar else "", self.design["box_padding"])

    # ------------------------------------------------------------ tables
    def b_Table(self, b: m.Table, parent, style):
        table, out = parent.add("Table"), []
        table.id = b.id  # /ID: the checks trace the table, and each cell by its row and column, by it
        if b.caption:
            anchor = f'<a name="{b.id}"/>' if b.id else ""
            out += [self.keep_space("caption_keep_mm"),
                    TaggedParagraph(anchor + escape(b.caption), self.styles["Caption"], elem=table.add("Caption"))]
        grid, fits = self.grid(b, table, self.width) if b.head or b.body else (None, True)
        turn = not fits and parent is self.section  # too wide: a landscape page of its own
        width = self.wide_width if turn else self.width
        if turn:
            grid, fits = self.grid(b, table, width, rebuild=True)
        size = self.styles["Cell"].fontSize
        least = min(size, self.design.get("table_min_text", size))
        while not fits and size > least:  # still too wide: smaller type, down to the theme's minimum
            size = max(least, size - 1)
            with self.cell_size(size):
                grid, fits = self.grid(b, table, width, rebuild=True)
        if not fits:
            raise AlmanacError(Diagnostic(b.loc or Loc("?"), too_wide(self._fit, width, size, turn, self.edition),
                                          "split the table into narrower ones, or shorten its longest words"))
        if grid is not None:
            out.append(grid)
        if b.description:
            out.append(TaggedParagraph(escape(b.description), self.styles["Small"], elem=parent.add("P")))
        if out:
            _after(out[-1], self.styles["Body"].fontSize * 0.8)
        if turn:
            keep = [f for f in out if not isinstance(f, CondPageBreak)]  # (a table without a caption has none)
            out = [NextPageTemplate("wide"), PageBreak(), *keep, NextPageTemplate("body"), PageBreak()]
        return out

    def grid(self, b: m.Table, table: StructElem, width: float, rebuild: bool = False):
        """The table flowable and whether its longest words fit side by side in `width`."""
        if rebuild:  # drop the elements of the first attempt (the caption stays)
            table.kids = [k for k in table.kids if k.role == "Caption"]
        head, body = (table.add("THead") if b.head else None), table.add("TBody")
        cells, texts, commands = [], [], []
        rows = b.grid()
        columns = max((len(row) for row in rows), default=0)
        for r, row in enumerate(rows):
            in_head = r < len(b.head)
            placed = [(col, cell) for col, cell in enumerate(row) if cell is not None]
            line, text_row = self.grid_row(b, placed, columns, (head if in_head else body).add("TR"), r, commands)
            cells.append(line)
            texts.append(text_row)
        pad = self.design["cell_padding"]
        widths, fits = column_widths(texts, columns, width, pad)
        self._fit = (texts, columns, pad)
        commands += self.grid_style(pad, len(b.head)) + self.row_groups(b)
        return make_table(cells, widths, commands, repeat_rows=len(b.head)), fits

    @contextmanager
    def cell_size(self, size: float):
        """Every table cell style at `size` points (leading in proportion) while a table is laid out."""
        saved = self.styles
        self.styles = dict(saved)
        for name, style in saved.items():
            if name.startswith(("Cell", "Status", "CodeCell")):
                scale = size / saved["Cell"].fontSize
                self.styles[name] = ParagraphStyle(name, parent=style, fontSize=style.fontSize * scale,
                                                   leading=style.leading * scale)
        try:
            yield
        finally:
            self.styles = saved

    def row_groups(self, b: m.Table) -> list[tuple]:
        """A row header spanning rows (RowSpan in the tags) is drawn as one shaded cell without a ReportLab
        SPAN, which could not split across pages: the rules between its rows are painted over."""
        out = []
        for r, row in enumerate(b.grid()):
            for col, cell in enumerate(row):
                if cell is not None and cell.rowspan > 1:
                    last, colour = r + cell.rowspan - 1, HexColor(self.theme.colour("table_header_background"))
                    end = col + cell.colspan - 1
                    out += [("BACKGROUND", (col, r), (end, last), colour),
                            ("LINEBELOW", (col, r), (end, last - 1), 1, colour)]
        return out

    def grid_row(self, b: m.Table, row, columns: int, tr: StructElem, r: int, commands: list):
        in_head = r < len(b.head)
        cell_style = self.styles["Cell"]
        line, text_row = [""] * columns, [("", cell_style.fontName, cell_style.fontSize, 0)] * columns
        for col, cell in row:
            header = in_head or col < b.row_header_cols
            is_th = header and bool(block_text(cell.blocks).strip())  # an empty header cell is a TD
            style = "CellHeader" if is_th else "Cell"
            attrs = {"Scope": "Column" if in_head else "Row"} if is_th else {}
            attrs.update({k: v for k, v in (("ColSpan", cell.colspan), ("RowSpan", cell.rowspan)) if v > 1})
            if cell.colspan > 1:
                commands.append(("SPAN", (col, r), (col + cell.colspan - 1, r)))
            line[col] = self.cell(cell, tr.add("TH" if is_th else "TD", **attrs), style)
            indent = self.styles[style].fontSize * self.design["list_indent_em"] \
                if any(isinstance(x, m.ListBlock) for x in cell.blocks) else 0
            text_row[col] = (block_text(cell.blocks), self.styles[style].fontName, self.styles[style].fontSize, indent)
            commands += self.cell_style(cell, col, r, header)
        return line, text_row

    def cell(self, cell: m.Cell, elem: StructElem, style: str):
        if cell.status:
            style = f"Status{cell.status.title()}"
        blocks = cell.blocks
        if len(blocks) == 1 and isinstance(blocks[0], m.Paragraph):  # the cell's text is the TH/TD itself
            para = TaggedParagraph(self.text.markup(blocks[0].children), self.styles[style], elem=elem)
            _mark_start(para, self.refs.get(id(blocks[0])))
            return [para]
        return self.blocks(blocks, elem, style) or ""

    def cell_style(self, cell: m.Cell, col: int, row: int, header: bool) -> list[tuple]:
        if cell.status:
            return [("BACKGROUND", (col, row), (col, row), HexColor(self.theme.status(cell.status)["background"]))]
        if header:
            return [("BACKGROUND", (col, row), (col, row), HexColor(self.theme.colour("table_header_background")))]
        return []

    def grid_style(self, pad: float, head_rows: int) -> list[tuple]:
        commands = [("FONT", (0, 0), (-1, -1), self.styles["Cell"].fontName),
                    ("GRID", (0, 0), (-1, -1), 0.5, HexColor(self.theme.colour("rule"))),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                    ("TOPPADDING", (0, 0), (-1, -1), pad * 0.75), ("BOTTOMPADDING", (0, 0), (-1, -1), pad)]
        if head_rows:
            commands.append(("LINEBELOW", (0, head_rows - 1), (-1, head_rows - 1), 1.5, HexColor(self.colour)))
        return commands


def _keep_spaces(line: str) -> str:
    """Leading spaces and runs of spaces as no-break spaces (ReportLab collapses ordinary ones); one
    ordinary space stays in each run, where a long line may wrap."""
    body = line.lstrip(" ")
    body = re.sub(r" {2,}", lambda run: "\u00a0" * (len(run.group()) - 1) + " ", body)
    return "\u00a0" * (len(line) - len(body)) + body


def _merge_keeps(flows: list) -> list:
    """Heading, then heading or caption: one conditional break before the first, asking room for both,
    so the first never ends a page when the second's own break would fire."""
    out: list = []
    for flowable in flows:
        if (isinstance(flowable, CondPageBreak) and len(out) >= 2 and isinstance(out[-2], CondPageBreak)
                and isinstance(out[-1], TaggedParagraph) and out[-1]._elem is not None
                and out[-1]._elem.role.startswith("H")):
            style = out[-1].style
            out[-2].height = max(out[-2].height, flowable.height + style.leading * 2 + style.spaceBefore)
            continue
        out.append(flowable)
    return out


def _after(flowable, space: float):
    """Space below a flowable that vanishes at a page foot (a Spacer would start a page of its own)."""
    flowable.spaceAfter = max(getattr(flowable, "spaceAfter", 0) or 0, space)
    return flowable


def _mark_start(flowable, ref) -> None:
    """Attach a block's pagination ref to the flowable that draws its first content."""
    if ref is None:
        return
    while not isinstance(flowable, Recorded) and hasattr(flowable, "_flowable"):
        flowable = flowable._flowable
    flowable._starts = (ref, *getattr(flowable, "_starts", ()))


def _plain_markup(markup: str) -> str:
    """Bookmark titles: the heading's markup without tags or entities."""
    return unescape(re.sub(r"<[^>]+>", "", markup))

