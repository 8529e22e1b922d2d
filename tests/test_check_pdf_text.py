"""The tool's one PDF text reader (checks/views/pdf_text.py) reads each structure element's text from
the content streams in one pass. These tests hold it to poppler's `pdfinfo -struct-text` (the reference,
run by the tests only), element by element: on both editions of the sample and of the real almanac, and
on a hand-made file with the awkward cases (kerned TJ arrays, soft hyphens, nested and prematurely closed
marked content, text in a form XObject, fonts restored by Q); a base font without a ToUnicode map is read
through its encoding, as poppler reads it; a code missing from the map reads as U+FFFD."""

from __future__ import annotations

import pikepdf
import pytest

from almanac_build.checks.trace import Tracer
from almanac_build.checks.view import View
from almanac_build.checks.views import pdf as pdf_view_module
from almanac_build.checks.views.pdf import pdf_view
from almanac_build.checks.views.pdf_text import Unsupported, element_texts
from poppler_reference import align, struct_texts

EDITIONS = ("almanac.pdf", "almanac-large-print.pdf")


def one_pass(path) -> dict:
    with pikepdf.open(path) as pdf:
        marked = pdf_view_module._pages(View("P", "x.pdf"), pdf)
        assert marked is not None and marked.exact, "a page could not be read in one pass"
        return element_texts(pdf.Root.StructTreeRoot, marked.texts)


def poppler(path) -> dict:
    with pikepdf.open(path) as pdf:
        texts = struct_texts(str(path))
        assert texts, "pdfinfo -struct-text gave nothing"
        return align(pdf.Root.StructTreeRoot, texts)


def _same_texts(path) -> dict:
    ours, theirs = one_pass(path), poppler(path)
    assert len(ours) == len(theirs) > 0
    differ = {k: (ours.get(k), theirs.get(k)) for k in set(ours) | set(theirs) if ours.get(k) != theirs.get(k)}
    assert not differ, list(differ.values())[:5]
    return ours


@pytest.mark.parametrize("name", EDITIONS)
def test_sample_texts_equal_poppler(built_sample, name):
    texts = _same_texts(built_sample / name)
    assert sum(bool(t) for t in texts.values()) > len(texts) // 2  # most elements carry text


@pytest.mark.parametrize("name", EDITIONS)
def test_almanac_texts_equal_poppler(built_almanac, name):
    texts = _same_texts(built_almanac / name)
    assert "The local government digitalisation almanac" in texts.values()
    assert "Download speeds up to 30 Mbps. Upload speeds up to 10 Mbps" in texts.values()  # a table cell


CMAP = b"""/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CMapName /Test def /CMapType 2 def
1 begincodespacerange <00> <FF> endcodespacerange
2 beginbfchar <01> <2019> <02> <00AD> endbfchar
1 beginbfrange <20> <7E> <0020> endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end"""

PAGE = (b"/P <</MCID 0>> BDC BT /F1 12 Tf 72 700 Td (Hello) Tj [(Wor) -200 (ld) 50 (\\001s)] TJ ET EMC "
        b"/Span <</MCID 1>> BDC q BT /F2 10 Tf 72 680 Td ET Q BT 72 670 Td (hy\\002phen) Tj ET EMC "
        b"/P <</MCID 2>> BDC /Span <</MCID 3>> BDC BT 72 660 Td (nested) Tj ET EMC BT 72 650 Td ( after) Tj ET EMC "
        b"/Figure <</MCID 4>> BDC q 1 0 0 1 72 500 cm /Fm1 Do Q EMC "
        b"/P <</MCID 5>> BDC /Span BMC BT 72 400 Td (kept) Tj ET EMC BT 72 390 Td (lost) Tj ET EMC "
        b"/Artifact BMC BT 72 300 Td (artifact) Tj ET EMC EMC")


def _font(pdf, base: str, to_unicode: bool):
    font = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.TrueType,
                              BaseFont=pikepdf.Name("/" + base), FirstChar=0, LastChar=255, Widths=[500] * 256)
    if to_unicode:
        font.ToUnicode = pdf.make_stream(CMAP)
    else:
        font.Subtype, font.Encoding = pikepdf.Name.Type1, pikepdf.Name.WinAnsiEncoding
        del font.FirstChar, font.LastChar, font.Widths
    return pdf.make_indirect(font)


def _element(pdf, kind: str, page, kids):
    return pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name("/" + kind),
                                                Pg=page.obj, K=kids))


def tricky_pdf(path, to_unicode: bool = True) -> None:
    """One page whose marked content exercises what poppler does with nesting, forms and fonts."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    page = pdf.pages[0]
    font = _font(pdf, "Test", to_unicode)
    form = pdf.make_stream(b"BT /F1 9 Tf 0 0 Td (label) Tj ET", Type=pikepdf.Name.XObject,
                           Subtype=pikepdf.Name.Form, BBox=[0, 0, 100, 100],
                           Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)))
    page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font, F2=font),
                                            XObject=pikepdf.Dictionary(Fm1=form))
    page.obj.Contents = pdf.make_stream(PAGE)
    span = _element(pdf, "Span", page, 3)
    kids = [_element(pdf, "P", page, 0), _element(pdf, "H1", page, 1),
            _element(pdf, "P", page, pikepdf.Array([2, span])), _element(pdf, "Figure", page, 4),
            _element(pdf, "TD", page, 5)]
    document = _element(pdf, "Document", page, pikepdf.Array(kids))
    pdf.Root.StructTreeRoot = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot, K=document))
    document.P = pdf.Root.StructTreeRoot
    for kid in kids:
        kid.P = document
    span.P = kids[2]
    pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
    pdf.save(path)


def test_awkward_marked_content_equals_poppler(tmp_path):
    tricky_pdf(tmp_path / "almanac.pdf")
    texts = sorted(_same_texts(tmp_path / "almanac.pdf").values())
    # MCID 2 holds MCID 3 ("nested"), so the P reads both; the Span's BMC … EMC closes MCID 5 early
    assert texts == sorted(["HelloWorld\u2019s", "hyphen", "nested after nested", "nested", "label", "kept",
                            "HelloWorld\u2019s hyphen nested after nested label kept"]), texts


def test_a_font_without_tounicode_is_read_through_its_encoding_as_poppler_reads_it(tmp_path):
    tricky_pdf(tmp_path / "almanac.pdf", to_unicode=False)
    _same_texts(tmp_path / "almanac.pdf")
    view = pdf_view(str(tmp_path), Tracer(None), "almanac.pdf")
    assert view.headings and view.headings[0].text == "hyphen"  # WinAnsi has no soft hyphen: code 2 is nothing


def test_unsupported_is_raised_for_a_marked_content_reference_into_a_form(tmp_path):
    tricky_pdf(tmp_path / "almanac.pdf")
    with pikepdf.open(tmp_path / "almanac.pdf", allow_overwriting_input=True) as pdf:
        figure = pdf.Root.StructTreeRoot.K.K[3]
        figure.K = pikepdf.Dictionary(Type=pikepdf.Name.MCR, MCID=0, Stm=figure.Pg.Resources.XObject.Fm1)
        marked = pdf_view_module._pages(View("P", "x.pdf"), pdf)
        with pytest.raises(Unsupported):
            element_texts(pdf.Root.StructTreeRoot, marked.texts)


def test_a_code_missing_from_tounicode_reads_as_a_replacement_character(tmp_path):
    tricky_pdf(tmp_path / "almanac.pdf")
    with pikepdf.open(tmp_path / "almanac.pdf", allow_overwriting_input=True) as pdf:
        page = pdf.pages[0]
        page.obj.Contents = pdf.make_stream(PAGE.replace(b"(Hello)", b"(Hel\\003lo)"))
        pdf.save(tmp_path / "almanac.pdf")
    assert "Hel\ufffdloWorld\u2019s" in one_pass(tmp_path / "almanac.pdf").values()  # code 3 has no entry
    view = pdf_view(str(tmp_path), Tracer(None), "almanac.pdf")
    assert view.headings and view.headings[0].text == "hyphen"
