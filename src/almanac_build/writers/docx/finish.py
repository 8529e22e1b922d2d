"""What Pandoc's DOCX lacks, added with python-docx and lxml after Pandoc has written the file:
document properties and language, a filled table of contents field, repeating header rows, shaded
traffic-light cells, alt text and Word's decorative flag on pictures, and no empty paragraphs."""

from __future__ import annotations

import datetime as dt
import io

import docx
import resvg_py
from docx.oxml.ns import qn
from lxml import etree

from ... import model as m
from ... import safexml
from reportlab.pdfbase.pdfmetrics import stringWidth

from ...diagnostics import Loc, ToolError
from ...failures import element_failure
from ...styles import Theme
from ...walk import iter_blocks
from ..pdf.fonts import register_theme_family
from .fonts import embed_fonts
from .reference import LIST_STYLE, STATUS, TABLE_HEADER, W, style_id

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
ASVG = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
EMU_PER_INCH, FALLBACK_DPI = 914400, 200
CELL_MARGIN_TWIPS, MAX_WORD_TWIPS = 260, 2400  # cell side margins; a longer word may wrap
DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
ADEC = "http://schemas.microsoft.com/office/drawing/2017/decorative"
TOC_FIELD = 'TOC \\o "1-2" \\h \\z \\u'
def finish(path: str, book: m.Book, theme: Theme, epoch: int, fallback: bool = False) -> None:
    document = docx.Document(path)
    _properties(document, book, epoch)
    _language(document, book.meta.language)
    body = document.element.body
    section = document.sections[-1]
    width = (section.page_width - section.left_margin - section.right_margin) // 635  # EMU -> twips
    _tables(body, theme, width, _word_width(theme))
    _table_descriptions(body, book)
    _pictures(body, document.part, theme, book)
    _remove_empty_paragraphs(body)
    _list_items(body)
    _table_of_contents(body)
    embed_fonts(document, theme, fallback)
    document.save(path)


def _properties(document, book: m.Book, epoch: int) -> None:
    props = document.core_properties
    when = dt.datetime.fromtimestamp(epoch, dt.timezone.utc).replace(tzinfo=None)
    props.title = book.meta.title
    props.subject = book.meta.subtitle
    props.author = book.meta.publisher
    props.keywords = "; ".join(book.meta.keywords)
    props.comments = book.meta.description
    props.language = book.meta.language
    props.created = props.modified = when
    props.last_modified_by = book.meta.publisher
    props.revision = 1


def _language(document, language: str) -> None:
    """The default language in styles.xml (what Word's proofing and screen readers use), and the
    theme-font language in settings.xml."""
    rpr = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = etree.SubElement(rpr, qn("w:lang"))
    lang.attrib.clear()
    lang.set(qn("w:val"), language)
    theme_lang = document.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), language)


def _word_width(theme: Theme):
    """Twips a word needs in a table cell, measured with the embedded font's bold face."""
    bold = register_theme_family(theme)["bold"]
    size = theme.sizes()["body"]
    return lambda word: round(stringWidth(word, bold, size) * 20 * 1.08)  # points -> twips, small slack


def _tables(body: etree._Element, theme: Theme, width: int, word_width) -> None:
    """Header rows repeat on each page; traffic-light cells are shaded (their word is already there);
    columns get widths from their content (Pandoc makes them all equal)."""
    fills = {style_id(name): theme.status(word)["background"].lstrip("#").upper() for word, name in STATUS.items()}
    for table in body.iter(qn("w:tbl")):
        _column_widths(table, width, word_width)
        for row in table.findall(qn("w:tr")):
            if not _is_header_row(row):
                break  # only the leading rows can repeat
            trpr = row.find(qn("w:trPr"))
            if trpr is None:
                trpr = etree.Element(qn("w:trPr"))
                row.insert(1 if row.find(qn("w:tblPrEx")) is not None else 0, trpr)
            if trpr.find(qn("w:tblHeader")) is None:
                etree.SubElement(trpr, qn("w:tblHeader"))
        for cell in table.iter(qn("w:tc")):
            styles = {p.get(qn("w:val")) for p in cell.iter(qn("w:pStyle"))}
            fill = next((fills[s] for s in styles if s in fills), None)
            if fill:
                _shade(cell, fill)


def _table_descriptions(body: etree._Element, book: m.Book) -> None:
    """Word's table alt text: the caption is already there (Pandoc), the source's "Table showing …"
    description becomes w:tblDescription. Tables are matched to the model in reading order."""
    tables = [b for c in book.chapters for b in iter_blocks(c.blocks) if isinstance(b, m.Table)]
    found = list(body.iter(qn("w:tbl")))
    if len(found) != len(tables):
        raise ToolError(f"the DOCX has {len(found)} tables but the almanac {len(tables)}; "
                        "this is a bug in the DOCX writer")
    for element, table in zip(found, tables):
        tblpr = element.find(qn("w:tblPr"))
        if table.description and tblpr.find(qn("w:tblDescription")) is None:
            tblpr.append(etree.Element(qn("w:tblDescription"), {qn("w:val"): table.description}))


def _grid(table: etree._Element) -> list[tuple[etree._Element, int, int]]:
    """Every cell with its first grid column and the number of columns it spans."""
    out = []
    for row in table.findall(qn("w:tr")):
        column = 0
        for cell in row.findall(qn("w:tc")):
            span = cell.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
            count = int(span.get(qn("w:val"))) if span is not None else 1
            out.append((cell, column, count))
            column += count
    return out


def _column_widths(table: etree._Element, width: int, word_width) -> None:
    """Every column at least as wide as its longest word, the rest of the text width shared by how
    much each column holds (capped, so one long cell cannot starve the others); a fixed layout so
    Word and LibreOffice agree."""
    grid = _grid(table)
    columns = max((start + span for _, start, span in grid), default=0)
    minimum, amount = [CELL_MARGIN_TWIPS] * columns, [6] * columns
    for cell, start, span in grid:
        if span == 1:
            text = _text(cell)
            widest = max((word_width(word) for word in text.split()), default=0)
            minimum[start] = max(minimum[start], CELL_MARGIN_TWIPS + min(widest, MAX_WORD_TWIPS))
            amount[start] = max(amount[start], min(len(text), 45))
    if sum(minimum) >= width:
        widths = [width * m // sum(minimum) for m in minimum]
    else:
        widths = [m + (width - sum(minimum)) * a // sum(amount) for m, a in zip(minimum, amount)]
    table.find(qn("w:tblGrid"))[:] = [etree.Element(qn("w:gridCol"), {qn("w:w"): str(w)}) for w in widths]
    tblpr = table.find(qn("w:tblPr"))
    tblpr.find(qn("w:tblW")).attrib.update({qn("w:type"): "dxa", qn("w:w"): str(sum(widths))})
    if tblpr.find(qn("w:tblLayout")) is None:
        tblpr.find(qn("w:tblLook")).addprevious(etree.Element(qn("w:tblLayout"), {qn("w:type"): "fixed"}))
    for cell, start, span in grid:
        tcpr = _cell_properties(cell)
        for old in tcpr.findall(qn("w:tcW")):
            tcpr.remove(old)
        tcpr.insert(0, etree.Element(qn("w:tcW"), {qn("w:type"): "dxa", qn("w:w"): str(sum(widths[start:start + span]))}))


def _is_header_row(row: etree._Element) -> bool:
    """Every cell is a header cell (written in the Table Header style by convert.py) or empty."""
    header = style_id(TABLE_HEADER)
    cells = row.findall(qn("w:tc"))
    return bool(cells) and all(header in {p.get(qn("w:val")) for p in c.iter(qn("w:pStyle"))}
                               or not _text(c).strip() for c in cells)


def _cell_properties(cell: etree._Element) -> etree._Element:
    """The cell's w:tcPr, created as its first child when it has none."""
    tcpr = cell.find(qn("w:tcPr"))
    if tcpr is None:
        tcpr = etree.Element(qn("w:tcPr"))
        cell.insert(0, tcpr)
    return tcpr


def _shade(cell: etree._Element, fill: str) -> None:
    tcpr = _cell_properties(cell)
    for old in tcpr.findall(qn("w:shd")):
        tcpr.remove(old)
    shading = etree.Element(qn("w:shd"), {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): fill})
    # schema order in tcPr: cnfStyle, tcW, gridSpan, hMerge, vMerge, tcBorders, shd, noWrap, tcMar, …
    after = [tcpr.find(qn(f"w:{t}")) for t in ("tcBorders", "vMerge", "hMerge", "gridSpan", "tcW", "cnfStyle")]
    anchor = next((a for a in after if a is not None), None)
    if anchor is not None:
        anchor.addnext(shading)
    else:
        tcpr.insert(0, shading)


def _pictures(body: etree._Element, part, theme: Theme, book: m.Book) -> None:
    """Alt text lives in wp:docPr/@descr. Pandoc also writes the image's file path into pic:cNvPr/@descr,
    which some tools read as alt text: it gets the same description. An image the source marks
    decorative (empty alt) gets Word's decorative flag. SVG pictures get the PNG fallback that Word
    before 2016 and LibreOffice need (Pandoc writes the SVG alone)."""
    sources = _image_sources(book)
    for drawing in body.iter(qn("w:drawing")):
        _png_fallback(drawing, part, theme, sources)
        doc_pr = drawing.find(f".//{{{WP}}}docPr")
        descr = (doc_pr.get("descr") or "").strip()
        doc_pr.set("descr", descr)
        for pic_pr in drawing.iter(f"{{{PIC}}}cNvPr"):
            pic_pr.set("descr", descr)
        if not descr and doc_pr.find(f"{{{A}}}extLst") is None:
            ext_list = etree.SubElement(doc_pr, f"{{{A}}}extLst")
            ext = etree.SubElement(ext_list, f"{{{A}}}ext", uri=DECORATIVE_URI)
            etree.SubElement(ext, f"{{{ADEC}}}decorative", nsmap={"adec": ADEC}, val="1")


def _image_sources(book: m.Book) -> dict[bytes, str]:
    """Each picture's bytes -> its source file, so a failure in resvg is reported at the file."""
    from ..assets import book_images

    sources = {}
    for path in book_images(book):
        with open(path, "rb") as handle:
            sources[handle.read()] = path
    return sources


def _png_fallback(drawing: etree._Element, part, theme: Theme, sources: dict[bytes, str]) -> None:
    blip = drawing.find(f".//{{{A}}}blip")
    svg = drawing.find(f".//{{{ASVG}}}svgBlip")
    if blip is None or svg is None or blip.get(qn("r:embed")):
        return
    extent = drawing.find(f".//{{{WP}}}extent")
    width = max(16, round(int(extent.get("cx")) / EMU_PER_INCH * FALLBACK_DPI))
    blob = part.related_parts[svg.get(qn("r:embed"))].blob
    try:
        svg_text = _sized_in_pixels(blob)
        fonts = [theme.font_path(f) for f in ("regular", "bold", "italic", "bold_italic")] if "<text" in svg_text else []
        png = resvg_py.svg_to_bytes(svg_string=svg_text, width=width, skip_system_fonts=True, font_files=fonts,
                                    font_family=theme.font_family)
    except Exception as exc:  # resvg or lxml on this picture: located at its file when it is known
        raise element_failure(exc, Loc(sources[blob]) if blob in sources else None, "the DOCX writer",
                              "resvg") from None
    rid, _image = part.get_or_add_image(io.BytesIO(bytes(png)))
    blip.set(qn("r:embed"), rid)


def _sized_in_pixels(svg: bytes) -> str:
    """The SVG with its width and height in CSS pixels: resvg-py refuses units such as Inkscape's mm
    ("SVG has an invalid size"). The loader has vetted the file (svg_allowlist)."""
    from ...source.svg_allowlist import length_px

    root = safexml.fromstring(svg)
    for name in ("width", "height"):
        pixels = length_px(root.get(name))
        if pixels is not None:
            root.set(name, f"{pixels:g}")
    return etree.tostring(root, encoding="unicode")


def _list_items(body: etree._Element) -> None:
    """Pandoc writes list items as numbered Normal paragraphs (Compact ones in a tight list); Word's own
    List Paragraph style keeps the items of one list close together, tight or not."""
    for ppr in body.iter(qn("w:pPr")):
        if ppr.find(qn("w:numPr")) is None:
            continue
        style = ppr.find(qn("w:pStyle"))
        if style is None:
            ppr.insert(0, etree.Element(qn("w:pStyle"), {qn("w:val"): LIST_STYLE}))
        elif style.get(qn("w:val")) == "Compact":
            style.set(qn("w:val"), LIST_STYLE)


def _remove_empty_paragraphs(body: etree._Element) -> None:
    """Body paragraphs with nothing in them (Pandoc leaves some around blocks); cells keep theirs."""
    for paragraph in list(body.iterchildren(qn("w:p"))):
        if all(child.tag == qn("w:pPr") for child in paragraph) and paragraph.find(f".//{qn('w:sectPr')}") is None:
            body.remove(paragraph)


def _table_of_contents(body: etree._Element) -> None:
    """A TOC field after the "Contents" heading, its result already filled in (entries link to the
    headings through Word's own _Toc bookmarks), so the contents show in every program before anyone
    updates the field; Word adds page numbers when it is updated."""
    heading = next(p for p in body.iter(qn("w:p")) if _style_of(p) == "TOCHeading")
    entries = [(p, int(_style_of(p)[-1])) for p in body.iter(qn("w:p"))
               if _style_of(p) in ("Heading1", "Heading2") and _text(p).strip()]  # no entry for an empty heading
    next_id = max([int(b.get(qn("w:id"))) for b in body.iter(qn("w:bookmarkStart"))] + [0]) + 1
    paragraphs = []
    for n, (paragraph, level) in enumerate(entries):
        name = f"_Toc{next_id + n:08d}"
        mark = {qn("w:id"): str(next_id + n)}
        ppr = paragraph.find(qn("w:pPr"))
        ppr.addnext(etree.Element(qn("w:bookmarkStart"), {**mark, qn("w:name"): name}))
        paragraph.append(etree.Element(qn("w:bookmarkEnd"), mark))
        paragraphs.append(_toc_entry(name, _text(paragraph), level))
    if not paragraphs:
        paragraphs.append(_toc_entry("", "", 1))
    paragraphs[0].insert(1, _field_char("begin"))
    paragraphs[0].insert(2, _run(instr=TOC_FIELD))
    paragraphs[0].insert(3, _field_char("separate"))
    paragraphs[-1].append(_field_char("end"))
    for paragraph in reversed(paragraphs):
        heading.addnext(paragraph)


def _text(element: etree._Element) -> str:
    """The text of w:t runs below element (python-docx's elements do not give a plain itertext())."""
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def _style_of(paragraph: etree._Element) -> str:
    style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return style.get(qn("w:val")) if style is not None else ""


def _toc_entry(bookmark: str, text: str, level: int) -> etree._Element:
    paragraph = etree.Element(qn("w:p"))
    ppr = etree.SubElement(paragraph, qn("w:pPr"))
    etree.SubElement(ppr, qn("w:pStyle"), {qn("w:val"): f"TOC{level}"})
    if bookmark:
        link = etree.SubElement(paragraph, qn("w:hyperlink"), {qn("w:anchor"): bookmark, qn("w:history"): "1"})
        link.append(_run(text=text, style="Hyperlink"))
    return paragraph


def _run(text: str = "", instr: str = "", style: str = "") -> etree._Element:
    run = etree.Element(qn("w:r"))
    if style:
        etree.SubElement(etree.SubElement(run, qn("w:rPr")), qn("w:rStyle"), {qn("w:val"): style})
    if instr:
        etree.SubElement(run, qn("w:instrText"), {"{http://www.w3.org/XML/1998/namespace}space": "preserve"}).text = instr
    else:
        etree.SubElement(run, qn("w:t"), {"{http://www.w3.org/XML/1998/namespace}space": "preserve"}).text = text
    return run


def _field_char(kind: str) -> etree._Element:
    run = etree.Element(qn("w:r"))
    etree.SubElement(run, qn("w:fldChar"), {qn("w:fldCharType"): kind})
    return run
