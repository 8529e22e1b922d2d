"""Paragraph styles for the PDF, from the theme's sizes (print or large print)."""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from ...styles import Theme
from .fonts import FontNames


def make_styles(theme: Theme, fonts: FontNames, large_print: bool) -> dict[str, ParagraphStyle]:
    sizes = theme.sizes(large_print)
    leading = sizes["line_height"]
    text = HexColor(theme.colour("text"))
    body = ParagraphStyle("Body", fontName=fonts.regular, fontSize=sizes["body"], leading=sizes["body"] * leading,
                          textColor=text, alignment=TA_LEFT, spaceAfter=sizes["body"] * 0.6)
    styles = {"Body": body}
    for level, key in ((1, "h1"), (2, "h2"), (3, "h3"), (4, "h4")):
        styles[f"H{level}"] = ParagraphStyle(f"H{level}", parent=body, fontName=fonts.bold, fontSize=sizes[key],
                                             leading=sizes[key] * 1.2, spaceBefore=sizes[key] * 0.6,
                                             spaceAfter=sizes[key] * 0.4, keepWithNext=1)
    styles["Title"] = ParagraphStyle("Title", parent=styles["H1"], fontSize=sizes["h1"] * 1.3,
                                     leading=sizes["h1"] * 1.5, spaceBefore=sizes["h1"] * 4)
    styles["Subtitle"] = ParagraphStyle("Subtitle", parent=body, fontSize=sizes["h3"], leading=sizes["h3"] * 1.3)
    styles["Cell"] = ParagraphStyle("Cell", parent=body, fontSize=sizes["small"], leading=sizes["small"] * 1.35,
                                    spaceAfter=0)
    styles["CellHeader"] = ParagraphStyle("CellHeader", parent=styles["Cell"], fontName=fonts.bold)
    styles["Caption"] = ParagraphStyle("Caption", parent=body, fontName=fonts.bold, fontSize=sizes["small"],
                                       leading=sizes["small"] * 1.35, textColor=HexColor(theme.colour("secondary_text")))
    styles["Small"] = ParagraphStyle("Small", parent=body, fontSize=sizes["small"], leading=sizes["small"] * 1.35)
    return styles
