"""Model blocks → ReportLab flowables, and the page furniture (running head, page number)."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.platypus import (Flowable, Image, ListFlowable, ListItem, Paragraph, Spacer, Table,
                                TableStyle)

from ... import model as m
from ...styles import Theme


class FlowableBuilder:
    """Builds the story. Heading levels: chapter title H1 … model level n → Hn (capped at H4)."""

    def __init__(self, styles: dict, theme: Theme, width: float):
        self.styles = styles
        self.theme = theme
        self.width = width
        self.link = theme.colour("link")
        self._last_level = 1
        self._chapter = ""

    # ------------------------------------------------------------ chapters
    def chapter(self, chapter: m.Chapter) -> list[Flowable]:
        self._last_level = 1
        self._chapter = chapter.title
        out: list[Flowable] = [ChapterMarker(chapter.short_title or chapter.title),
                               Paragraph(f'<a name="{chapter.id}"/>{escape(chapter.title)}', self.styles["H1"])]
        if chapter.outcome:
            out.append(self.boxed([Paragraph("<b>Outcome:</b>", self.styles["Body"]),
                                   Paragraph(escape(chapter.outcome), self.styles["Body"])]))
        out += self.blocks(chapter.blocks)
        return out

    def back_page(self, book: m.Book) -> list[Flowable]:
        c, body = book.meta.contact, self.styles["Body"]
        lines = [book.meta.publisher, c.address, f"Telephone {c.telephone}",
                 f'Email <a href="mailto:{escape(c.email)}" color="{self.link}"><u>{escape(c.email)}</u></a>',
                 f'<a href="{escape(c.web)}" color="{self.link}"><u>{escape(c.web.split("//")[-1])}</u></a>',
                 book.meta.copyright, book.meta.other_formats]
        return [Paragraph(line if line.startswith(("Email", "<a")) else escape(line), body) for line in lines]

    def page_furniture(self, canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(self.styles["Small"].fontName, self.styles["Small"].fontSize)
        canvas.setFillColor(HexColor(self.theme.colour("secondary_text")))
        width, height = doc.pagesize
        canvas.drawString(doc.leftMargin, height - doc.topMargin / 2, getattr(doc, "_running_head", ""))
        canvas.drawRightString(width - doc.rightMargin, doc.bottomMargin / 2, str(doc.page))
        canvas.restoreState()

    # ------------------------------------------------------------ blocks
    def blocks(self, blocks: list[m.Block], style: str = "Body") -> list[Flowable]:
        out: list[Flowable] = []
        for block in blocks:
            out.extend(self.block(block, style))
        return out

    def block(self, block: m.Block, style: str = "Body") -> list[Flowable]:
        kind = type(block).__name__
        if isinstance(block, m.Heading):
            self._last_level = block.level
            return [self.heading(block.level, block.id, self.inlines(block.children))]
        if isinstance(block, m.Paragraph):
            return [Paragraph(self.inlines(block.children), self.styles[style])]
        if isinstance(block, m.ListBlock):
            return [self.list_flowable(block, style)]
        if isinstance(block, m.BlockQuote):
            return self.blocks(block.blocks, style)
        if isinstance(block, m.CodeBlock):
            return [Paragraph(escape(block.text).replace("\n", "<br/>"), self.styles[style])]
        if isinstance(block, m.Table):
            return self.table(block)
        if isinstance(block, m.Figure):
            return self.figure(block)
        if isinstance(block, m.CaseStudy):
            return self.case_study(block)
        if isinstance(block, m.Practice):
            return self.practice(block)
        if kind in ("Rule", "Generated"):
            return [Spacer(1, 6)]
        raise TypeError(f"no PDF layout for {kind}")

    def heading(self, level: int, anchor: str, markup: str) -> Paragraph:
        return Paragraph(f'<a name="{anchor}"/>{markup}', self.styles[f"H{min(level, 4)}"])

    def list_flowable(self, block: m.ListBlock, style: str) -> ListFlowable:
        items = [ListItem(self.blocks(item, style) or [Spacer(1, 1)]) for item in block.items]
        kind = "1" if block.ordered else "bullet"
        return ListFlowable(items, bulletType=kind, start=block.start if block.ordered else None,
                            bulletFontName=self.styles[style].fontName, bulletFontSize=self.styles[style].fontSize,
                            leftIndent=self.styles[style].fontSize * 1.5)

    def case_study(self, block: m.CaseStudy) -> list[Flowable]:
        level = self._last_level + 1
        inner = [self.heading(level, block.id, escape(block.organisation))]
        if block.category:
            inner.append(Paragraph(f"<b>Category:</b> {escape(block.category)}", self.styles["Body"]))
        inner += self.blocks(block.blocks)
        return [self.boxed(inner)]

    def practice(self, block: m.Practice) -> list[Flowable]:
        level = self._last_level + 1
        out: list[Flowable] = []
        for theme in block.themes:
            out.append(self.heading(level, theme.id, escape(theme.title)))
            out.append(self.list_flowable(m.ListBlock(theme.actions), "Body"))
        return out

    def boxed(self, flowables: list[Flowable]) -> Table:
        box = Table([[flowables]], colWidths=[self.width])
        box.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), HexColor(self.theme.colour("box_background"))),
                                 ("FONT", (0, 0), (-1, -1), self.styles["Body"].fontName),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                                 ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
        return box

    def figure(self, block: m.Figure) -> list[Flowable]:
        drawing = load_image(block.src, self.width * 0.8)
        out: list[Flowable] = [drawing] if drawing else []
        if block.caption:
            out.append(Paragraph(escape(block.caption), self.styles["Caption"]))
        return out

    def table(self, block: m.Table) -> list[Flowable]:
        grid = block.grid()
        if not grid:
            return []
        columns = len(grid[0])
        rows = [[self.cell(c) if c else "" for c in row] for row in grid]
        table = Table(rows, colWidths=[self.width / columns] * columns, repeatRows=len(block.head),
                      splitByRow=1, hAlign="LEFT")
        commands = [("FONT", (0, 0), (-1, -1), self.styles["Cell"].fontName),
                    ("GRID", (0, 0), (-1, -1), 0.5, HexColor(self.theme.colour("rule"))),
                    ("VALIGN", (0, 0), (-1, -1), "TOP")]
        if block.head:
            commands.append(("BACKGROUND", (0, 0), (-1, len(block.head) - 1),
                             HexColor(self.theme.colour("table_header_background"))))
        for r, row in enumerate(grid):
            for col, cell in enumerate(row):
                if cell and cell.colspan > 1:  # row groups are not spanned: ReportLab cannot split a span
                    commands.append(("SPAN", (col, r), (col + cell.colspan - 1, r)))
                if cell and cell.status:
                    commands.append(("BACKGROUND", (col, r), (col, r),
                                     HexColor(self.theme.status(cell.status)["background"])))
        table.setStyle(TableStyle(commands))
        out: list[Flowable] = []
        if block.caption:
            out.append(Paragraph(f'<a name="{block.id}"/>{escape(block.caption)}', self.styles["Caption"]))
        out.append(table)
        if block.description:
            out.append(Paragraph(escape(block.description), self.styles["Small"]))
        out.append(Spacer(1, 6))
        return out

    def cell(self, cell: m.Cell):
        style = "CellHeader" if cell.header else "Cell"
        colour = self.theme.status(cell.status)["text"] if cell.status else ""
        flowables = []
        for block in cell.blocks:
            if isinstance(block, m.Paragraph):
                markup = self.inlines(block.children)
                if colour:
                    markup = f'<font color="{colour}">{markup}</font>'
                flowables.append(Paragraph(markup, self.styles[style]))
            else:
                flowables.extend(self.block(block, style))
        return flowables or ""

    # ------------------------------------------------------------ inlines
    def inlines(self, nodes: list[m.Inline]) -> str:
        return "".join(self.inline(n) for n in nodes)

    def inline(self, n: m.Inline) -> str:
        if isinstance(n, m.Text):
            return escape(n.text)
        if isinstance(n, m.Code):
            return escape(n.text)
        if isinstance(n, m.LineBreak):
            return "<br/>"
        if isinstance(n, m.Emph):
            return f"<i>{self.inlines(n.children)}</i>"
        if isinstance(n, m.Strong):
            return f"<b>{self.inlines(n.children)}</b>"
        if isinstance(n, m.Span):
            return self.inlines(n.children)
        if isinstance(n, m.InlineImage):
            return escape(n.alt)
        if isinstance(n, m.Link):
            text = self.inlines(n.children)
            if n.placeholder:
                return text
            return f'<a href="{escape(n.url, {chr(34): "&quot;"})}" color="{self.link}"><u>{text}</u></a>'
        raise TypeError(f"unknown inline {type(n).__name__}")


class ChapterMarker(Flowable):
    """Zero-size flowable that sets the running head for the pages that follow."""

    def __init__(self, title: str):
        super().__init__()
        self.title = title
        self.width = self.height = 0

    def wrap(self, *_):
        return 0, 0

    def draw(self):
        self.canv._doctemplate._running_head = self.title


def load_image(path: str, max_width: float):
    """An SVG as a ReportLab drawing (svglib), a raster image as an Image, scaled to fit `max_width`."""
    if path.lower().endswith(".svg"):
        from svglib.svglib import svg2rlg

        drawing = svg2rlg(path)
        if drawing is None:
            return None
        scale = min(1.0, max_width / drawing.width) if drawing.width else 1.0
        drawing.scale(scale, scale)
        drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
        return drawing
    image = Image(path)
    if image.drawWidth > max_width:
        ratio = max_width / image.drawWidth
        image.drawWidth, image.drawHeight = max_width, image.drawHeight * ratio
    return image

