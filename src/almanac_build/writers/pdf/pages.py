"""The document template: page templates (cover, contents, chapter opener, body, back page), page
furniture drawn as pagination artifacts, bookmarks, and the tagged canvas for each layout pass."""

from __future__ import annotations

from functools import partial

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import landscape
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from .fonts import draw_string
from .tagging import TaggedCanvas, Tagger, artifact


LOGO_TOP_MM = 5  # the logo sits in the cover's top margin, this far below the edge
LOGO_BOX_MM = (50, 14)  # the largest the logo is drawn (width, height); it keeps its proportions


def page_size(theme) -> tuple[float, float]:
    """The theme's page (`page.size`: A4, A5 or Letter) in points, portrait."""
    width, height = theme.page_size_mm
    return width * mm, height * mm


class AlmanacDoc(BaseDocTemplate):
    """The layout: one pass (contents page numbers are forms filled in at the end, see front.py)."""

    def __init__(self, filename, *, tagger: Tagger, theme, design: dict, styles: dict, cover=None, logo=None,
                 **kwargs):
        side, top, bottom = (design[k] * mm for k in ("margin_side_mm", "margin_top_mm", "margin_bottom_mm"))
        super().__init__(filename, pagesize=page_size(theme), leftMargin=side, rightMargin=side, topMargin=top,
                         bottomMargin=bottom, **kwargs)
        self.tagger, self.theme, self.design, self.styles = tagger, theme, design, styles
        self.cover_graphic, self.logo_graphic = cover, logo
        self.anchor_pages = tagger.anchor_pages  # bookmark key -> page, for the contents page numbers
        self.page_chapters: dict[int, object] = {}
        self._next_chapter = self._chapter = None
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        wide = landscape(self.pagesize)  # for a table too wide for a portrait page (large print's traffic lights)
        self.wide_width = wide[0] - side * 2
        wide_frame = Frame(side, bottom, self.wide_width, wide[1] - top - bottom, id="wide",
                           leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([
            PageTemplate("cover", [frame], onPage=self._cover_page),
            PageTemplate("front", [frame], onPage=self._begin, onPageEnd=self._footer),
            PageTemplate("opener", [frame], onPage=self._opener_page, onPageEnd=self._opener_footer),
            PageTemplate("body", [frame], onPage=self._begin, onPageEnd=self._furniture),
            PageTemplate("wide", [wide_frame], onPage=self._begin, onPageEnd=self._furniture, pagesize=wide),
            PageTemplate("back", [frame], onPage=self._back_page)])

    last_start = ""  # where the block being laid out came from (`file:line:col`), for a located error

    def handle_flowable(self, flowables):
        if flowables:
            flowable = flowables[0]
            while not hasattr(flowable, "_starts") and hasattr(flowable, "_flowable"):
                flowable = flowable._flowable
            starts = getattr(flowable, "_starts", ())
            if starts and starts[0][2]:
                self.last_start = starts[0][2]
        super().handle_flowable(flowables)

    def _startBuild(self, filename=None, canvasmaker=None):
        super()._startBuild(filename, partial(TaggedCanvas, tagger=self.tagger))

    def afterFlowable(self, flowable):
        outline = getattr(flowable, "_outline", None)
        if outline:
            level, title, key = outline
            self.canv.addOutlineEntry(title, key, level)
            self.canv.showOutline()
            self.anchor_pages[key] = self.page

    # ------------------------------------------------------------ page templates
    def _begin(self, canv, doc):
        self._chapter = self._next_chapter
        self.page_chapters[self.page] = self._chapter

    def _fill_page(self, canv, colour: str) -> None:
        with artifact(canv, "Background"):
            canv.saveState()
            canv.setFillColor(HexColor(colour))
            canv.rect(0, 0, *self.pagesize, stroke=0, fill=1)
            canv.restoreState()

    def _cover_page(self, canv, doc):
        self._begin(canv, doc)
        self._fill_page(canv, self.theme.colour("background"))
        if self.cover_graphic is not None:
            with artifact(canv, "Background"):
                graphic = self.cover_graphic
                graphic.drawOn(canv, (self.pagesize[0] - graphic.width) / 2, 0)
        if self.logo_graphic is not None:  # decorative: the publisher's name is on the cover in text
            with artifact(canv, "Layout"):
                logo = self.logo_graphic
                logo.drawOn(canv, self.leftMargin, self.pagesize[1] - LOGO_TOP_MM * mm - logo.height)

    def _opener_page(self, canv, doc):
        self._begin(canv, doc)
        self._fill_page(canv, self._chapter.colour or self.theme.colour("brand"))

    def _back_page(self, canv, doc):
        self._begin(canv, doc)
        self._fill_page(canv, self.theme.colour("brand"))

    def _footer(self, canv, doc, colour: str = "") -> None:
        style = self.styles["Furniture"]
        with artifact(canv, "Pagination", "Footer"):
            canv.saveState()
            canv.setFont(style.fontName, style.fontSize)
            canv.setFillColor(HexColor(colour) if colour else style.textColor)
            y = self.design["footer_offset_mm"] * mm
            canv.drawRightString(canv._pagesize[0] - self.rightMargin, y, str(self.page))
            canv.restoreState()

    def _opener_footer(self, canv, doc):
        self._footer(canv, doc, self.theme.colour("on_brand"))

    def _furniture(self, canv, doc):
        """Running head (the chapter's short title) over a rule, and the page number."""
        style, chapter = self.styles["Furniture"], self._chapter
        width, height = canv._pagesize
        y = height - self.design["header_offset_mm"] * mm
        with artifact(canv, "Pagination", "Header"):
            canv.saveState()
            if chapter is not None:
                canv.setFillColor(style.textColor)
                draw_string(canv, self.leftMargin, y, chapter.short_title or chapter.title, style.fontName,
                            style.fontSize)
            canv.setStrokeColor(HexColor(chapter.colour if chapter and chapter.colour else self.theme.colour("rule")))
            canv.setLineWidth(1)
            canv.line(self.leftMargin, y - style.fontSize * 0.6, width - self.rightMargin,
                      y - style.fontSize * 0.6)
            canv.restoreState()
        self._footer(canv, doc)
