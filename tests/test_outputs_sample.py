"""Every writer's output read back and checked for content: headings, a table, a link, an image's alt."""

from __future__ import annotations

import zipfile

import docx
from lxml import etree, html

from conftest import pdf_text

XHTML = {"x": "http://www.w3.org/1999/xhtml"}


def test_html_has_headings_table_link_and_alt(built_sample):
    page = html.parse(str(built_sample / "almanac.html")).getroot()
    assert page.get("lang") == "en-GB"
    assert [h.text_content() for h in page.iter("h1")] == ["The sample almanac"]
    assert "Connectivity" in [h.text_content() for h in page.iter("h2")]
    captions = [c.text_content() for c in page.xpath("//table/caption")]
    assert "Broadband and mobile speeds" in captions
    assert page.xpath("//a[@href='https://www.local.gov.uk']")[0].text_content() == "the Local Government Association"
    alts = [img.get("alt") for img in page.iter("img")]
    assert "Bar chart of broadband coverage rising from 40 to 70 per cent" in alts
    assert "" in alts  # the decorative image
    assert not page.xpath("//a[@href='#']"), "placeholder links must not reach readers as dead links"


def test_docx_has_heading_styles_table_link_and_alt(built_sample):
    document = docx.Document(str(built_sample / "almanac.docx"))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert ("Heading 1", "Connectivity") in headings
    assert ("Heading 2", "What we mean by connectivity") in headings
    assert any(t.rows[0].cells[0].text == "Type" for t in document.tables)
    xml = etree.tostring(document.element).decode()
    assert "Bar chart of broadband coverage rising from 40 to 70 per cent" in xml  # wp:docPr/@descr
    rels = [r.target_ref for r in document.part.rels.values() if r.is_external]
    assert "https://www.local.gov.uk" in rels
    assert document.core_properties.title == "The sample almanac"


def test_epub_has_headings_table_link_and_alt(built_sample):
    with zipfile.ZipFile(built_sample / "almanac.epub") as epub:
        texts = [epub.read(n) for n in epub.namelist() if n.endswith(".xhtml")]
    trees = [etree.fromstring(t) for t in texts]
    h1s = [h.xpath("string()") for t in trees for h in t.xpath("//x:h1", namespaces=XHTML)]
    h2s = [h.xpath("string()") for t in trees for h in t.xpath("//x:h2", namespaces=XHTML)]
    assert h1s == ["The sample almanac"] and "Connectivity" in h2s  # title page h1, chapters h2
    assert any(t.xpath("//x:table/x:caption[.='Broadband and mobile speeds']", namespaces=XHTML) for t in trees)
    assert any(t.xpath("//x:a[@href='https://www.local.gov.uk']", namespaces=XHTML) for t in trees)
    alts = [i.get("alt") for t in trees for i in t.xpath("//x:img", namespaces=XHTML)]
    assert "Bar chart of broadband coverage rising from 40 to 70 per cent" in alts


def test_pdf_has_text_of_headings_table_and_link(built_sample):
    for name in ("almanac.pdf", "almanac-large-print.pdf"):
        text = " ".join(pdf_text(built_sample / name).split())
        assert "Understand connectivity speeds" in text
        assert "Broadband and mobile speeds" in text and "Download speeds up to 10Mbps" in text
        assert "the Local Government Association" in text
