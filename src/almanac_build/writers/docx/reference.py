"""The reference document Pandoc styles the DOCX from, generated from styles/theme.yaml on every build
(never a hand-edited binary): Pandoc's own default reference.docx, restyled with python-docx and lxml.

Word's built-in styles carry the design (Title, Heading 1-4, Normal, Body Text, Caption, Hyperlink,
TOC 1-2, the Table style), so a reader's own Word settings, the navigation pane and the accessibility
checker all recognise them. Headings: Title for the almanac title, Heading 1 for chapters, Heading 2
for `##` (as every writer maps levels: docs/architecture.md). Body text is left aligned, 12 pt (the theme's body size). Traffic-light and table-header cells
get paragraph styles of their own, which the finishing step also uses to find and shade those cells.
"""

from __future__ import annotations

import io

import docx
from docx.oxml.ns import qn
from docx.shared import Mm
from lxml import etree

from ... import glyphs, safexml
from ...source import pandoc
from ...styles import Theme

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FALLBACK_STYLE = "Fallback Font"  # character style: text the theme's font lacks, in DejaVu Sans
TABLE_HEADER = "Table Header"  # paragraph style names; the style id is the name without spaces
STATUS = {"red": "Status Red", "amber": "Status Amber", "green": "Status Green"}
TOC_STYLES = ("TOC1", "TOC2")
LIST_STYLE = "ListParagraph"  # Word's built-in style for numbered and bulleted items


def write_reference_docx(theme: Theme, path: str, fallback: bool = False) -> None:
    document = docx.Document(io.BytesIO(pandoc.default_data_file("reference.docx")))
    styles = document.styles.element
    _defaults(styles, theme)
    for style_id, spec in _style_specs(theme).items():
        _restyle(_style(styles, style_id), **spec)
    for xml in _added_styles(theme) + ([_fallback_style()] if fallback else []):
        styles.append(safexml.fromstring(xml))
    _table_style(styles, theme)
    _fix_references(styles)
    _page(document.sections[0], theme)
    document.save(path)


def _page(section, theme: Theme) -> None:
    """The theme's page size (A4, A5, Letter) and margins (Pandoc's reference leaves the size to Word's
    US default)."""
    margin = Mm(theme.data["page"]["margin_mm"])
    section.page_width, section.page_height = (Mm(v) for v in theme.page_size_mm)
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = margin


def _style_specs(theme: Theme) -> dict[str, dict]:
    size, colour = theme.sizes(), theme.colour
    return {
        "Normal": {"size": size["body"], "colour": colour("text"), "align": "left"},
        "BodyText": {"before": 120, "after": 120},
        "Title": {"size": size["h1"], "colour": colour("brand"), "bold": True, "align": "left"},
        "Subtitle": {"size": size["h3"], "colour": colour("text"), "align": "left", "italic": False},
        "Heading1": {"size": size["h2"], "colour": colour("brand"), "bold": True, "before": 0,
                     "page_break": True},
        "Heading2": {"size": size["h3"], "colour": colour("text"), "bold": True, "before": 360},
        "Heading3": {"size": size["h4"], "colour": colour("text"), "bold": True, "before": 280},
        "Heading4": {"size": size["body"], "colour": colour("text"), "bold": True, "italic": False},
        "Heading5": {"size": size["body"], "colour": colour("text"), "bold": True, "italic": False},
        "TOCHeading": {"size": size["h2"], "colour": colour("brand"), "bold": True},
        "Caption": {"size": size["body"], "colour": colour("secondary_text"), "italic": False, "bold": True},
        "Hyperlink": {"colour": colour("link"), "underline": True},
    }


def _style(styles: etree._Element, style_id: str) -> etree._Element:
    found = styles.find(f"{{{W}}}style[@{{{W}}}styleId='{style_id}']")
    if found is None:
        raise KeyError(f"Pandoc's reference.docx has no style {style_id}")
    return found


def _child(parent: etree._Element, tag: str, before: tuple[str, ...] = ()) -> etree._Element:
    """The w:tag child of parent, created (ahead of any `before` siblings, for schema order) if missing."""
    found = parent.find(f"{{{W}}}{tag}")
    if found is None:
        found = etree.SubElement(parent, f"{{{W}}}{tag}")
        for name in before:
            sibling = parent.find(f"{{{W}}}{name}")
            if sibling is not None:
                sibling.addprevious(found)
                break
    return found


def _restyle(style: etree._Element, size: float | None = None, colour: str = "", bold: bool | None = None,
             italic: bool | None = None, underline: bool = False, align: str = "", before: int | None = None,
             after: int | None = None, page_break: bool = False) -> None:
    if align or before is not None or after is not None or page_break:
        ppr = _child(style, "pPr", ("rPr", "tblPr"))
        if page_break:  # chapters start on a new page without empty paragraphs for spacing
            _child(ppr, "pageBreakBefore", ("spacing", "ind", "jc", "outlineLvl"))
        if before is not None or after is not None:
            spacing = _child(ppr, "spacing", ("ind", "contextualSpacing", "jc", "outlineLvl"))
            for key, value in (("before", before), ("after", after)):
                if value is not None:
                    spacing.set(qn(f"w:{key}"), str(value))
        if align:
            _child(ppr, "jc", ("outlineLvl",)).set(qn("w:val"), align)
    rpr = _child(style, "rPr")
    _set_toggle(rpr, "b", bold)
    _set_toggle(rpr, "bCs", bold)
    _set_toggle(rpr, "i", italic)
    if colour:
        element = _child(rpr, "color", ("sz", "szCs", "u", "lang"))
        element.attrib.clear()
        element.set(qn("w:val"), colour.lstrip("#").upper())
    if size:
        _child(rpr, "sz", ("szCs", "u", "lang")).set(qn("w:val"), str(round(size * 2)))
        _child(rpr, "szCs", ("u", "lang")).set(qn("w:val"), str(round(size * 2)))
    if underline:
        _child(rpr, "u", ("lang",)).set(qn("w:val"), "single")
    _order_rpr(rpr)


RPR_ORDER = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
             "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w",
             "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign",
             "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath")


def _order_rpr(rpr: etree._Element) -> None:
    """w:rPr children in the order the schema requires (Word reports a corrupt file otherwise)."""
    rank = {f"{{{W}}}{name}": n for n, name in enumerate(RPR_ORDER)}
    rpr[:] = sorted(rpr, key=lambda child: rank.get(child.tag, len(rank)))


def _set_toggle(rpr: etree._Element, tag: str, value: bool | None) -> None:
    if value is None:
        return
    element = _child(rpr, tag)
    if value:
        element.attrib.pop(qn("w:val"), None)
    else:
        element.set(qn("w:val"), "0")


def _defaults(styles: etree._Element, theme: Theme) -> None:
    """Document defaults: the almanac's font everywhere a theme font was named, British English,
    the body size, and 1.45 line spacing."""
    family = theme.font_family
    for fonts in styles.iter(qn("w:rFonts")):
        if any("Theme" in key or "theme" in key for key in fonts.attrib):
            fonts.attrib.clear()
            for key in ("ascii", "hAnsi", "eastAsia", "cs"):
                fonts.set(qn(f"w:{key}"), family)
    rpr = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    lang = _child(rpr, "lang")
    lang.attrib.clear()
    lang.set(qn("w:val"), "en-GB")
    for tag in ("sz", "szCs"):
        _child(rpr, tag).set(qn("w:val"), str(round(theme.sizes()["body"] * 2)))
    _order_rpr(rpr)
    spacing = styles.find(f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}")
    spacing.set(qn("w:line"), str(round(240 * theme.sizes()["line_height"])))
    spacing.set(qn("w:lineRule"), "auto")


def _added_styles(theme: Theme) -> list[str]:
    """Word's built-in Normal Table, List Paragraph and TOC 1-2, and the almanac's table-cell styles."""
    ns = f'xmlns:w="{W}"'
    out = [f'<w:style {ns} w:type="table" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
           '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
           '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
           '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>']
    out.append(f'<w:style {ns} w:type="paragraph" w:styleId="{LIST_STYLE}"><w:name w:val="List Paragraph"/>'
               '<w:basedOn w:val="Normal"/><w:uiPriority w:val="34"/><w:qFormat/>'
               '<w:pPr><w:spacing w:before="0" w:after="120"/><w:contextualSpacing/></w:pPr></w:style>')
    for n, style_id in enumerate(TOC_STYLES, start=1):
        out.append(f'<w:style {ns} w:type="paragraph" w:styleId="{style_id}"><w:name w:val="toc {n}"/>'
                   '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/>'
                   f'<w:unhideWhenUsed/><w:pPr><w:spacing w:before="{120 if n == 1 else 0}" w:after="60"/>'
                   f'<w:ind w:left="{(n - 1) * 440}"/></w:pPr></w:style>')
    out.append(_cell_style(TABLE_HEADER, theme.colour("text")))
    out += [_cell_style(name, theme.status(word)["text"]) for word, name in STATUS.items()]
    return out


def _fallback_style() -> str:
    """The character style of text the theme's font cannot draw (convert.py marks it): the embedded
    fallback font, for every script slot Word may pick."""
    family = glyphs.FALLBACK_FAMILY
    return (f'<w:style xmlns:w="{W}" w:type="character" w:customStyle="1" w:styleId="{style_id(FALLBACK_STYLE)}">'
            f'<w:name w:val="{FALLBACK_STYLE}"/><w:uiPriority w:val="99"/><w:rPr>'
            f'<w:rFonts w:ascii="{family}" w:hAnsi="{family}" w:cs="{family}" w:eastAsia="{family}"/></w:rPr></w:style>')


def style_id(name: str) -> str:
    return name.replace(" ", "")


def _cell_style(name: str, colour: str) -> str:
    return (f'<w:style xmlns:w="{W}" w:type="paragraph" w:customStyle="1" w:styleId="{style_id(name)}">'
            f'<w:name w:val="{name}"/><w:basedOn w:val="Compact"/><w:qFormat/>'
            f'<w:rPr><w:b/><w:bCs/><w:color w:val="{colour.lstrip("#").upper()}"/></w:rPr></w:style>')


def _table_style(styles: etree._Element, theme: Theme) -> None:
    """Pandoc's `Table` style gets rules around every cell and a tinted, bold header row."""
    style = _style(styles, "Table")
    rule = theme.colour("rule").lstrip("#").upper()
    borders = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="{rule}"/>'
                      for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    margins = style.find(f"{qn('w:tblPr')}/{qn('w:tblCellMar')}")  # schema order: borders come before it
    margins.addprevious(safexml.fromstring(f'<w:tblBorders xmlns:w="{W}">{borders}</w:tblBorders>'))
    first = style.find(f"{qn('w:tblStylePr')}[@{qn('w:type')}='firstRow']")
    fill = theme.colour("table_header_background").lstrip("#").upper()
    first.insert(0, safexml.fromstring(f'<w:rPr xmlns:w="{W}"><w:b/><w:bCs/></w:rPr>'))
    shading = safexml.fromstring(f'<w:shd xmlns:w="{W}" w:val="clear" w:color="auto" w:fill="{fill}"/>')
    first.find(f"{qn('w:tcPr')}/{qn('w:tcBorders')}").addnext(shading)


def _fix_references(styles: etree._Element) -> None:
    """Every basedOn/next/link must name a style that exists (Pandoc's Caption links to a character
    style of another paragraph style); a dangling reference is dropped rather than kept broken."""
    ids = {s.get(qn("w:styleId")) for s in styles.iter(qn("w:style"))}
    for style in styles.iter(qn("w:style")):
        for tag in ("basedOn", "next", "link"):
            ref = style.find(qn(f"w:{tag}"))
            if ref is not None and ref.get(qn("w:val")) not in ids:
                style.remove(ref)
    caption_link = _style(styles, "Caption").find(qn("w:link"))
    if caption_link is not None and caption_link.get(qn("w:val")) == "BodyTextChar":
        caption_link.getparent().remove(caption_link)
