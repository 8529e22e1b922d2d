"""Paragraph styles for the PDF editions, from styles/theme.yaml (print or large-print sizes).
Body text is left aligned (never justified); every style names one of the committed TrueType fonts."""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from ...styles import Theme
from .fonts import FontNames


def design(theme: Theme, large_print: bool) -> dict:
    """The `pdf:` design values, with the large-print overrides applied when asked."""
    values = {k: v for k, v in theme.data["pdf"].items() if k != "large_print"}
    if large_print:
        values.update(theme.data["pdf"].get("large_print", {}))
    return values


def make_styles(theme: Theme, fonts: FontNames, large_print: bool) -> dict[str, ParagraphStyle]:
    sizes, d = theme.sizes(large_print), design(theme, large_print)
    lh, text = sizes["line_height"], HexColor(theme.colour("text"))
    body = ParagraphStyle("Body", fontName=fonts.regular, fontSize=sizes["body"], leading=sizes["body"] * lh,
                          textColor=text, alignment=TA_LEFT, spaceAfter=sizes["body"] * d["paragraph_space_em"],
                          allowWidows=0, allowOrphans=0)
    s = {"Body": body,
         "ListBody": ParagraphStyle("ListBody", parent=body, spaceAfter=sizes["body"] * 0.3)}
    for level in (1, 2, 3, 4):
        size = sizes[f"h{level}"]
        s[f"H{level}"] = ParagraphStyle(f"H{level}", parent=body, fontName=fonts.bold, fontSize=size,
                                        leading=size * 1.2, spaceBefore=size * d["heading_space_em"] * 0.8,
                                        spaceAfter=size * 0.45)
    # In the page flow a heading is kept off the page foot by a conditional page break (flowables.py);
    # ReportLab's keepWithNext would move a heading and a whole long table to the next page together.
    # Inside boxes (table cells) keepWithNext is what the in-row split honours (tables.py).
    s["CaseTitle"] = ParagraphStyle("CaseTitle", parent=s["H4"], spaceBefore=0, keepWithNext=1)
    s["ThemeTitle"] = s["CaseTitle"]
    s["CaseMeta"] = ParagraphStyle("CaseMeta", parent=body, keepWithNext=1)
    small = sizes["small"]
    s["Small"] = ParagraphStyle("Small", parent=body, fontSize=small, leading=small * 1.35)
    s["Caption"] = ParagraphStyle("Caption", parent=s["Small"], fontName=fonts.bold,
                                  spaceBefore=small * 0.5, spaceAfter=small * 0.4)
    s["Cell"] = ParagraphStyle("Cell", parent=s["Small"], spaceAfter=small * 0.3)
    s["CellHeader"] = ParagraphStyle("CellHeader", parent=s["Cell"], fontName=fonts.bold)
    pad = d["box_padding"] * 0.75
    s["CodeBlock"] = ParagraphStyle("CodeBlock", parent=body, fontName=fonts.mono, fontSize=small,
                                    leading=small * 1.4, backColor=HexColor(theme.colour("box_background")),
                                    borderColor=HexColor(theme.colour("rule")), borderWidth=0.5, borderPadding=pad, leftIndent=pad, rightIndent=pad,
                                    spaceBefore=pad, spaceAfter=sizes["body"] * d["paragraph_space_em"] + pad)
    s["CodeCell"] = ParagraphStyle("CodeCell", parent=s["Cell"], fontName=fonts.mono, fontSize=small * 0.9,
                                   leading=small * 1.25)
    for word in ("red", "amber", "green"):
        s[f"Status{word.title()}"] = ParagraphStyle(f"Status{word.title()}", parent=s["CellHeader"],
                                                    textColor=HexColor(theme.status(word)["text"]))
    _front_styles(s, theme, fonts, d)
    return s


def _front_styles(s: dict, theme: Theme, fonts: FontNames, d: dict) -> None:
    """Cover, chapter openers, contents and back page."""
    on_brand, brand = HexColor(theme.colour("on_brand")), HexColor(theme.colour("brand"))
    body = s["Body"]
    s["Title"] = ParagraphStyle("Title", parent=s["H1"], fontSize=d["cover_title"], leading=d["cover_title"] * 1.15,
                                textColor=brand, spaceBefore=0, spaceAfter=d["cover_title"] * 0.4)
    s["Subtitle"] = ParagraphStyle("Subtitle", parent=body, fontSize=d["cover_subtitle"],
                                   leading=d["cover_subtitle"] * 1.3, textColor=brand)
    s["CoverMeta"] = ParagraphStyle("CoverMeta", parent=body, fontName=fonts.bold, textColor=brand, spaceAfter=2)
    s["OpenerTitle"] = ParagraphStyle("OpenerTitle", parent=s["H2"], fontSize=d["opener_title"],
                                      leading=d["opener_title"] * 1.15, textColor=on_brand, spaceBefore=0,
                                      spaceAfter=d["opener_title"] * 0.5)
    s["OpenerLabel"] = ParagraphStyle("OpenerLabel", parent=body, fontName=fonts.bold, fontSize=d["opener_text"],
                                      leading=d["opener_text"] * 1.4, textColor=on_brand, spaceAfter=4)
    s["OpenerText"] = ParagraphStyle("OpenerText", parent=s["OpenerLabel"], fontName=fonts.regular)
    s["ChapterTitle"] = ParagraphStyle("ChapterTitle", parent=s["H2"], textColor=brand, spaceBefore=0)
    s["ContentsTitle"] = ParagraphStyle("ContentsTitle", parent=s["H2"], textColor=brand, spaceBefore=0)
    entry = d["contents_entry"]
    s["TocEntry"] = ParagraphStyle("TocEntry", parent=body, fontSize=entry, leading=entry * 1.3, spaceAfter=0)
    s["TocPage"] = ParagraphStyle("TocPage", parent=s["TocEntry"], alignment=TA_RIGHT)
    back = d["back_text"]
    s["Back"] = ParagraphStyle("Back", parent=body, fontSize=back, leading=back * 1.4, textColor=on_brand,
                               spaceAfter=back * 0.5)
    s["BackStrong"] = ParagraphStyle("BackStrong", parent=s["Back"], fontName=fonts.bold)
    s["Furniture"] = ParagraphStyle("Furniture", parent=s["Small"], textColor=HexColor(theme.colour("secondary_text")))
