"""Lists (L > LI > Lbl, LBody) and figures (Figure with Alt and BBox, or a decorative artifact)."""

from __future__ import annotations

from reportlab.platypus import Flowable, Image
from reportlab.platypus.flowables import BulletDrawer, LIIndenter

from ...diagnostics import AlmanacError, Diagnostic, Loc
from .paragraphs import Recorded
from .tagging import StructElem, marked


class TaggedBullet(BulletDrawer):
    """A list label drawn as the content of its Lbl element."""

    def __init__(self, elem: StructElem, **kwargs):
        super().__init__(**kwargs)
        self._elem = elem

    def drawOn(self, indenter, canv, x, y, _sW=0):
        with marked(canv, self._elem):
            super().drawOn(indenter, canv, x, y, _sW)


def list_item_flowables(label: str, body: list[Flowable], lbl: StructElem, style, indent: float) -> list:
    """One list item: the label beside the first flowable of its body, the rest indented under it."""
    bullet = TaggedBullet(lbl, value=label, bulletType="bullet", bulletFontName=style.fontName,
                          bulletFontSize=style.fontSize, bulletColor=style.textColor,
                          bulletOffsetY=style.fontSize - _ascent(style), bulletDedent=indent)
    out = []
    for index, flowable in enumerate(body):
        out.append(LIIndenter(flowable, leftIndent=indent, bullet=bullet if index == 0 else None,
                              spaceBefore=0, spaceAfter=0))
    return out


def _ascent(style) -> float:
    from reportlab.pdfbase.pdfmetrics import getAscent

    return getAscent(style.fontName, style.fontSize)


class FigureFlowable(Recorded, Flowable):
    """An SVG drawing or raster image. With an element it is that Figure's content (its BBox taken
    from the page transform); without one it is a decorative artifact."""

    def __init__(self, graphic, elem: StructElem | None, hAlign: str = "LEFT"):
        super().__init__()
        self.graphic = graphic
        self.elem = elem
        if isinstance(graphic, Image):  # a raster Image has no width before wrap(): use its drawing size
            self.width, self.height = graphic.drawWidth, graphic.drawHeight
        else:
            self.width, self.height = graphic.width, graphic.height
        self.hAlign = hAlign

    def wrap(self, availWidth, availHeight):
        return self.width, self.height

    def draw(self):
        canv = self.canv
        if self.elem is not None and self.elem.bbox is None:
            a, b, c, d, e, f = canv._currentMatrix
            self.elem.bbox = (e, f, e + a * self.width, f + d * self.height)
        with marked(canv, self.elem):
            self.graphic.drawOn(canv, 0, 0)


# Pictures reduced once for both PDF editions (writers/print_images.py): set by the PDF writer from its
# build context before layout; {original path: reduced copy}.
PRINT_COPIES: dict[str, str] = {}


def load_graphic(path: str, font: str, max_width: float, max_height: float = 0, grow: bool = False):
    """An SVG as a ReportLab drawing (svglib), a raster image as an Image, scaled to fit. `font` is
    the drawing's initial font: ReportLab's default would put Helvetica (not embedded) on the page."""
    if path.lower().endswith(".svg"):
        from svglib.svglib import svg2rlg

        graphic = svg2rlg(path)
        if graphic is None:
            raise AlmanacError(Diagnostic(Loc(path), "the PDF writer (svglib) could not read this SVG",
                                          "save it again as plain SVG 1.1, or use a PNG"))
        graphic.initialFontName = font
        _current_colour(graphic, path)
        width, height = graphic.width, graphic.height
    else:
        graphic = Image(PRINT_COPIES.get(path, path))
        width, height = graphic.drawWidth, graphic.drawHeight
    scale = min(max_width / width if width else 1.0, max_height / height if max_height and height else 1e9)
    scale = scale if grow else min(scale, 1.0)  # figures never grow; the cover and icons fill their box
    if isinstance(graphic, Image):
        graphic.drawWidth, graphic.drawHeight = width * scale, height * scale
    else:
        graphic.scale(scale, scale)
        graphic.width, graphic.height = width * scale, height * scale
    return graphic


def _current_colour(drawing, path: str) -> None:
    """svglib paints SVG `currentColor` black; use the root element's `color` as the SVG spec says."""
    import re

    from reportlab.graphics.shapes import Group
    from reportlab.lib.colors import HexColor, black

    with open(path, encoding="utf-8") as handle:
        found = re.search(r"<svg\b[^>]*\scolor=\"(#[0-9A-Fa-f]{6})\"", handle.read(4000))
    if not found:
        return
    colour, stack = HexColor(found.group(1)), [drawing]
    while stack:
        node = stack.pop()
        if isinstance(node, Group):
            stack.extend(node.contents)
        for attr in ("strokeColor", "fillColor"):
            if getattr(node, attr, None) == black:
                setattr(node, attr, colour)
