"""The PDF editions, laid out with ReportLab's platypus from the model. Fonts are the committed TTFs
(embedded, subset); every design value comes from styles/theme.yaml."""

from __future__ import annotations

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

from ... import model as m
from ..base import BuildContext, Writer
from .flowables import FlowableBuilder
from .fonts import register_fonts
from .styles import make_styles


class PdfWriter(Writer):
    name = "pdf"
    outputs = ("almanac.pdf",)
    large_print = False

    def write(self, book: m.Book, ctx: BuildContext) -> None:
        rl_config.invariant = 1  # no random ids or wall-clock dates: identical bytes for identical input
        fonts = register_fonts(ctx.theme)
        styles = make_styles(ctx.theme, fonts, self.large_print)
        margin = ctx.theme.data["page"]["margin_mm"] * mm
        doc = SimpleDocTemplate(ctx.path(self.outputs[0]), pagesize=A4, leftMargin=margin, rightMargin=margin,
                                topMargin=margin, bottomMargin=margin, title=book.meta.title,
                                author=book.meta.publisher, subject=book.meta.description,
                                lang=book.meta.language, displayDocTitle=True, initialFontName=fonts.regular,
                                creator="almanac_build")
        builder = FlowableBuilder(styles, ctx.theme, doc.width)
        story = [Paragraph(book.meta.title, styles["Title"]), Paragraph(book.meta.subtitle, styles["Subtitle"]),
                 Paragraph(book.meta.publisher, styles["Body"]), PageBreak()]
        for chapter in book.chapters:
            story += builder.chapter(chapter)
            story.append(PageBreak())
        story += builder.back_page(book)
        doc.build(story, onFirstPage=_no_page_number, onLaterPages=builder.page_furniture)


def _no_page_number(canvas, doc) -> None:
    """The cover carries no running head or page number."""


class LargePrintPdfWriter(PdfWriter):
    name = "pdf-large-print"
    outputs = ("almanac-large-print.pdf",)
    large_print = True
