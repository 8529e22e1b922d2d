"""Registering the committed TrueType fonts with ReportLab (embedded and subset, with Unicode maps)."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ...styles import Theme


@dataclass(frozen=True)
class FontNames:
    regular: str
    bold: str
    italic: str
    bold_italic: str


def register_fonts(theme: Theme) -> FontNames:
    base = theme.font_family.replace(" ", "")
    names = FontNames(base, f"{base}-Bold", f"{base}-Italic", f"{base}-BoldItalic")
    for face, name in (("regular", names.regular), ("bold", names.bold), ("italic", names.italic),
                       ("bold_italic", names.bold_italic)):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, theme.font_path(face)))
    addMapping(base, 0, 0, names.regular)
    addMapping(base, 1, 0, names.bold)
    addMapping(base, 0, 1, names.italic)
    addMapping(base, 1, 1, names.bold_italic)
    return names
