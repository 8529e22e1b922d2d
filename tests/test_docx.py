"""The DOCX edition of the real almanac read back with python-docx: heading styles, pictures, tables,
traffic lights, properties, language, contents field, spacing, fonts."""

from __future__ import annotations

import datetime as dt
import uuid

import docx
import pytest
from docx.oxml.ns import qn

from almanac_build import model as m
from almanac_build.source.loader import load
from almanac_build.styles import load_theme
from almanac_build.walk import iter_blocks
from almanac_build.writers.docx.fonts import obfuscate
from conftest import SOURCE

WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
PIC = "{http://schemas.openxmlformats.org/drawingml/2006/picture}"
DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"
HEADING_STYLES = {"Title": 0, **{f"Heading {n}": n for n in range(1, 10)}}


@pytest.fixture(scope="module")
def book():
    return load(str(SOURCE))


@pytest.fixture(scope="module")
def document(built_almanac):
    return docx.Document(str(built_almanac / "almanac.docx"))


def text(element) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def outline_paragraphs(document):
    """Paragraphs Word treats as headings: a heading style, or any style with an outline level."""
    for paragraph in document.paragraphs:
        style = paragraph.style
        levels = [s.element.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}") for s in _chain(style)]
        level = next((int(l.get(qn("w:val"))) for l in levels if l is not None), 9)
        if style.name in HEADING_STYLES or level < 9:
            yield paragraph


def _chain(style):
    while style is not None:
        yield style
        style = style.base_style


def test_headings_use_built_in_styles_in_order(document, book):
    headings = list(outline_paragraphs(document))
    assert all(p.style.name in HEADING_STYLES for p in headings), {p.style.name for p in headings}
    levels = [HEADING_STYLES[p.style.name] for p in headings]
    assert levels[0] == 0 and levels.count(0) == 1 and headings[0].text == book.meta.title
    assert levels[1] == 1
    skips = [(headings[i].text, a, b) for i, (a, b) in enumerate(zip(levels, levels[1:]), 1) if b > a + 1]
    assert not skips
    assert [p.text for p in headings if p.style.name == "Heading 1"] == [c.title for c in book.chapters]
    sections = [b for c in book.chapters for b in c.blocks if isinstance(b, m.Heading) and b.level == 2]
    assert len([p for p in headings if p.style.name == "Heading 2"]) >= len(sections)


def test_every_picture_has_alt_text_or_the_decorative_flag(document):
    drawings = list(document.element.body.iter(qn("w:drawing")))
    assert len(drawings) >= 13  # the cover illustration and the twelve outcome icons
    decorative = 0
    for drawing in drawings:
        doc_pr = drawing.find(f".//{WP}docPr")
        flag = doc_pr.find(f"{A}extLst/{A}ext/{DECORATIVE}")
        assert doc_pr.get("descr", "").strip() or (flag is not None and flag.get("val") == "1")
        decorative += flag is not None
        assert "/" not in (drawing.find(f".//{PIC}cNvPr").get("descr") or ""), "no file paths as descriptions"
        assert drawing.find(f".//{A}blip").get(qn("r:embed")), "a raster fallback for the SVG"
    assert decorative >= 13


def test_every_table_repeats_its_header_row_and_has_bold_row_headers(document, book):
    tables = [b for c in book.chapters for b in iter_blocks(c.blocks) if isinstance(b, m.Table)]
    assert len(document.tables) == len(tables)
    checked = 0
    for table, source in zip(document.tables, tables, strict=True):
        first = table._tbl.tr_lst[0]
        assert first.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
        assert table._tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val")) == source.caption
        description = table._tbl.tblPr.find(qn("w:tblDescription"))
        assert (description.get(qn("w:val")) if description is not None else "") == source.description
        grid = source.grid()
        for r, row in enumerate(table._tbl.tr_lst):
            column = 0
            for tc in row.tc_lst:
                cell, column = grid[r][column], column + tc.grid_span
                if cell is None or cell.status or not cell.header or not text(tc).strip():
                    continue  # a merged continuation, a traffic light, a data or an empty cell
                styles = [document.styles.get_by_id(p.get(qn("w:val")), 1) for p in tc.iter(qn("w:pStyle"))]
                assert styles and all(s.font.bold for s in styles), text(tc)
                checked += 1
    assert checked > 100  # column headers and row headers


def test_traffic_light_cells_are_shaded_and_worded(document, book):
    theme = load_theme()
    expected = [c.status for b in book.chapters for t in iter_blocks(b.blocks) if isinstance(t, m.Table)
                for row in t.head + t.body for c in row if c.status]
    found = []
    for tc in document.element.body.iter(qn("w:tc")):
        shading = tc.find(f"{qn('w:tcPr')}/{qn('w:shd')}")
        if shading is not None:
            word = text(tc).strip()
            assert shading.get(qn("w:fill")) == theme.status(word.lower())["background"].lstrip("#").upper()
            found.append(word.lower())
    assert found == expected and len(found) >= 20


def test_core_properties_and_language(document, book):
    props = document.core_properties
    assert (props.title, props.subject, props.author) == (book.meta.title, book.meta.subtitle,
                                                          "Local Government Association")
    assert "digitalisation" in props.keywords and props.language == "en-GB"
    day = dt.datetime.fromisoformat(book.meta.date).replace(tzinfo=dt.timezone.utc)
    assert props.created == props.modified == day
    lang = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert lang.get(qn("w:val")) == "en-GB"
    assert document.settings.element.find(qn("w:themeFontLang")).get(qn("w:val")) == "en-GB"


def test_table_of_contents_field_links_every_chapter(document, book):
    body = document.element.body
    instructions = [t.text for t in body.iter(qn("w:instrText"))]
    assert any(i.strip().startswith("TOC ") for i in instructions)
    kinds = [c.get(qn("w:fldCharType")) for c in body.iter(qn("w:fldChar"))]
    assert kinds[:2] == ["begin", "separate"] and "end" in kinds
    bookmarks = {b.get(qn("w:name")): b.getparent() for b in body.iter(qn("w:bookmarkStart"))}
    entries = [(text(link), link.get(qn("w:anchor"))) for link in body.iter(qn("w:hyperlink"))
               if link.getparent().find(f"{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val")).startswith("TOC")]
    assert entries
    for label, anchor in entries:
        assert text(bookmarks[anchor]) == label
    assert [c.title for c in book.chapters] == [label for label, anchor in entries
                                                if bookmarks[anchor].find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
                                                .get(qn("w:val")) == "Heading1"]


def test_no_empty_paragraphs_for_spacing(document):
    empty = [i for i, p in enumerate(document.element.body.iterchildren(qn("w:p")))
             if not text(p).strip() and p.find(f".//{qn('w:drawing')}") is None
             and p.find(f".//{qn('w:fldChar')}") is None]
    assert not empty


def test_styles_are_the_almanacs(document):
    theme = load_theme()
    styles = document.styles
    ids = {s.style_id for s in styles}
    for style in styles.element.iter(qn("w:style")):
        based = style.find(qn("w:basedOn"))
        assert based is None or based.get(qn("w:val")) in ids, style.get(qn("w:styleId"))
    defaults = styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    assert defaults.find(qn("w:rFonts")).get(qn("w:ascii")) == theme.font_family
    assert 22 <= int(defaults.find(qn("w:sz")).get(qn("w:val"))) <= 24  # half-points: 11-12 pt
    assert not any("Theme" in key for f in styles.element.iter(qn("w:rFonts")) for key in f.attrib)
    normal = styles["Normal"]
    assert normal.paragraph_format.alignment == 0  # left, never justified
    link = styles["Hyperlink"]
    assert link.font.underline and str(link.font.color.rgb) == theme.colour("link").lstrip("#").upper()
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


def test_font_is_embedded(document):
    table = next(p for p in document.part.package.iter_parts() if p.partname == "/word/fontTable.xml")
    from lxml import etree

    root = etree.fromstring(table.blob)
    font = root.find(f"{qn('w:font')}[@{qn('w:name')}='Atkinson Hyperlegible']")
    embeds = [e for e in font if e.tag.startswith(qn("w:embed"))]
    assert len(embeds) == 4
    data = table.related_parts[embeds[0].get(qn("r:id"))].blob
    key = uuid.UUID(embeds[0].get(qn("w:fontKey")).strip("{}"))
    assert obfuscate(data, key)[:4] == b"\x00\x01\x00\x00"  # a TrueType header once de-obfuscated
    assert data[:4] != b"\x00\x01\x00\x00"


def test_reference_document_is_generated_from_the_theme(tmp_path):
    from almanac_build.writers.docx.reference import write_reference_docx

    theme = load_theme()
    write_reference_docx(theme, str(tmp_path / "reference.docx"))
    styles = docx.Document(str(tmp_path / "reference.docx")).styles
    sizes = theme.sizes()
    assert styles["Title"].font.size.pt == sizes["h1"] and styles["Title"].paragraph_format.alignment == 0
    for name, size in (("Heading 1", "h2"), ("Heading 2", "h3"), ("Heading 3", "h4"), ("Heading 4", "body")):
        assert styles[name].font.size.pt == sizes[size] and styles[name].font.bold, name
    assert styles["Heading 1"].paragraph_format.page_break_before
    assert styles["Table"].base_style.style_id == "TableNormal"
    assert {"TOC1", "TOC2", "TableHeader", "StatusRed", "StatusAmber", "StatusGreen"} <= {s.style_id for s in styles}


def test_sample_figure_alt_text_and_decorative_figure(built_sample):
    document = docx.Document(str(built_sample / "almanac.docx"))
    found = {}
    for drawing in document.element.body.iter(qn("w:drawing")):
        doc_pr = drawing.find(f".//{WP}docPr")
        found[doc_pr.get("descr")] = doc_pr.find(f"{A}extLst/{A}ext/{DECORATIVE}") is not None
    assert found["Bar chart of broadband coverage rising from 40 to 70 per cent"] is False
    assert found[""] is True


def test_grouped_row_headers_are_merged_not_repeated(document):
    speeds = next(t for t in document.tables
                  if t._tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val")) == "Broadband and mobile speeds")
    first = [row.tc_lst[0] for row in speeds._tbl.tr_lst]
    merge = [tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}") for tc in first]
    assert [text(tc) for tc in first] == ["Type", "Broadband", "", "", "", "Mobile", ""]
    assert [None if m is None else m.get(qn("w:val"), "continue") for m in merge] == \
        [None, "restart", "continue", "continue", "continue", "restart", "continue"]


def test_list_items_use_the_built_in_list_style(document):
    items = [p for p in document.element.body.iter(qn("w:p")) if p.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None]
    assert len(items) > 200
    assert {p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val")) for p in items} == {"ListParagraph"}
    assert document.styles.get_by_id("ListParagraph", 1).name == "List Paragraph"
