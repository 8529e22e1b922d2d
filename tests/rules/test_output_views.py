"""Output-level cases no source can produce (the writers prevent them): small hand-made HTML, EPUB,
DOCX and PDF files read through the same views, so each format's reader and rules are tested on
failing and passing outputs."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
import pikepdf
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor

from almanac_build.checks.registry import load_rules
from almanac_build.checks.trace import Tracer
from almanac_build.checks.views.docx import docx_view
from almanac_build.checks.views.epub import epub_view
from almanac_build.checks.views.html import html_view
from almanac_build.checks.views.pdf import pdf_view
from books import png

RULES = load_rules()


def fired(view) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for rule in RULES.values():
        if view.format in rule.formats:
            messages = [hit.message for hit in rule.check(view)]
            if messages:
                out[rule.id] = messages
    return out


BAD_HTML = """<!DOCTYPE html><html><head><title> </title><style>p { text-align: justify } a { text-decoration: none }</style></head><body>
<h1>One</h1><h3>Skipped</h3><h2> </h2><h1>Two</h1>
<p><img src="a/photo.png"><img src="b.png" alt="" role="presentation" title="Decoration">
<img src="c.png" alt="IMG_2041.jpg"></p>
<p>For the toolkit <a href="https://x.gov.uk/t">click here</a>. <a href="https://x.gov.uk/y"></a>
<a href="#">Placeholder</a> <a href="https://x.gov.uk/r.pdf">annual report</a></p>
<ul><div>not an item</div></ul><li>stray item</li>
<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>
<table><caption>Heads</caption><tr><th></th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>
<p><strong>Looks like a heading</strong></p><p>A much longer paragraph follows the bold line here.</p>
<p>Steps:<br>• one<br>• two</p>
<p><img src="d.png" alt="Coverage in Dorset"></p><p>Coverage in Dorset.</p>
</body></html>"""

GOOD_HTML = """<!DOCTYPE html><html lang="en-GB"><head><title>Good page</title></head><body>
<a href="#main">Skip to main content</a><main id="main">
<h1>One</h1><h2>Two</h2><h3>Three</h3><h2>Back up</h2>
<p><img src="a.png" alt="Bar chart: coverage rose to 70 per cent"><img src="b.png" alt=""></p>
<p>Read the <a href="https://x.gov.uk/t">Digital Inclusion Toolkit</a> and the
<a href="https://x.gov.uk/r.pdf">annual report (PDF, 2MB)</a>.</p>
<ul><li>item</li></ul>
<table><caption>Speeds</caption><tr><th scope="col">Type</th><th scope="col">Speed</th></tr>
<tr><td>Mobile</td><td>4G</td></tr></table>
<p><strong>Note:</strong> a lead-in.</p><p>Text.</p>
</main></body></html>"""


def test_html_failing_page(tmp_path):
    (tmp_path / "almanac.html").write_text(BAD_HTML, encoding="utf-8")
    found = fired(html_view(str(tmp_path), Tracer(None)))
    for rule in ("doc-title-missing", "doc-lang-missing", "heading-level-skip", "heading-h1-count", "heading-empty",
                 "img-alt-missing", "img-decorative-conflict", "img-alt-filename", "link-text-generic", "link-empty",
                 "link-download-file-info", "list-structure", "table-header-missing", "table-empty-header-cell",
                 "table-caption", "fake-heading", "fake-list", "text-justified", "img-alt-duplicates-text",
                 "link-distinguishable"):
        assert rule in found, rule
    assert any("second top-level" in m for m in found["heading-h1-count"])
    assert "html-landmarks" in found  # no main landmark
    assert len(found["list-structure"]) == 2


def test_html_passing_page(tmp_path):
    (tmp_path / "almanac.html").write_text(GOOD_HTML, encoding="utf-8")
    assert fired(html_view(str(tmp_path), Tracer(None))) == {}


def _epub(path, opf_meta: str, nav: str, body: str, title: str = "<title>Chapter</title>") -> None:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/epub+zip")
        z.writestr("META-INF/container.xml", '<?xml version="1.0"?><container version="1.0" '
                   'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile '
                   'full-path="EPUB/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>')
        z.writestr("EPUB/content.opf", f'<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" '
                   'version="3.0" xml:lang="en-GB"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
                   f'<dc:title>Book</dc:title><dc:language>en-GB</dc:language>{opf_meta}</metadata><manifest>'
                   '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>'
                   '<item id="c1" href="text/ch1.xhtml" media-type="application/xhtml+xml"/></manifest>'
                   '<spine><itemref idref="c1"/></spine></package>')
        z.writestr("EPUB/nav.xhtml", '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml" '
                   f'xmlns:epub="http://www.idpf.org/2007/ops"><head><title>Nav</title></head><body>{nav}</body></html>')
        z.writestr("EPUB/text/ch1.xhtml", '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml" '
                   f'xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="en-GB" lang="en-GB"><head>{title}</head>'
                   f"<body>{body}</body></html>")


GOOD_META = ('<meta property="schema:accessMode">textual</meta><meta property="schema:accessModeSufficient">'
             'textual</meta><meta property="schema:accessibilityFeature">pageNavigation</meta>'
             '<meta property="schema:accessibilityHazard">none</meta><meta property="schema:accessibilitySummary">'
             'Fine.</meta><dc:source>The print edition</dc:source><meta property="dcterms:conformsTo">EPUB '
             'Accessibility 1.1 - WCAG 2.2 Level AA</meta><meta property="a11y:certifiedBy">LGA</meta>')
GOOD_NAV = ('<nav epub:type="toc"><ol><li><a href="text/ch1.xhtml#c1">One</a></li></ol></nav>'
            '<nav epub:type="page-list"><ol><li><a href="text/ch1.xhtml#page-5">5</a></li></ol></nav>')
GOOD_BODY = '<h1 id="c1">One</h1><span epub:type="pagebreak" role="doc-pagebreak" id="page-5" title="5"/><p>Text.</p>'


def test_epub_failing_package(tmp_path):
    path = tmp_path / "almanac.epub"
    _epub(path, '<meta property="schema:accessibilityHazard">none</meta><meta property="schema:accessibilityHazard">'
                'flashing</meta><meta property="schema:accessMode">smell</meta>'
                '<meta property="dcterms:conformsTo">EPUB Accessibility 1.1 WCAG AA</meta>',
          '<nav epub:type="toc"><ol><li><a href="text/ch1.xhtml#missing">One</a></li></ol></nav>'
          '<nav epub:type="page-list"><ol><li><a href="text/ch1.xhtml#c1">1</a></li></ol></nav>',
          '<h2 id="c1">One</h2><span epub:type="pagebreak" id="page-5" title="5"/><p>Text.</p>', title="")
    found = fired(epub_view(str(path), Tracer(None), "almanac.epub"))
    for rule in ("epub-a11y-metadata-required", "epub-a11y-metadata-recommended", "epub-a11y-metadata-values",
                 "epub-nav-toc", "epub-page-list", "doc-title-missing", "heading-h1-count", "epub-conformance-claim"):
        assert rule in found, rule
    assert any("not in the page list" in m for m in found["epub-page-list"])
    assert any("does not point at a page break" in m for m in found["epub-page-list"])


def test_epub_passing_package(tmp_path):
    path = tmp_path / "almanac.epub"
    _epub(path, GOOD_META, GOOD_NAV, GOOD_BODY)
    assert fired(epub_view(str(path), Tracer(None), "almanac.epub")) == {}


PNG = png()


def _hyperlink(paragraph, url: str, text: str, underline: bool) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rid = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    run, props, t = OxmlElement("w:r"), OxmlElement("w:rPr"), OxmlElement("w:t")
    if underline:
        u = OxmlElement("w:u")
        u.set(qn("w:val"), "single")
        props.append(u)
    t.text = text
    run.append(props)
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def test_docx_failing_document(tmp_path):
    document = docx.Document()
    document.core_properties.title = ""
    bold = document.add_paragraph()
    bold.add_run("Funding streams").bold = True
    small = document.add_paragraph("Body text that is justified and small.")
    small.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    for run in small.runs:
        run.font.size = Pt(10)
    _hyperlink(document.add_paragraph("See "), "https://www.gov.uk/toolkit", "the toolkit", underline=False)
    grey = document.add_paragraph().add_run("Grey text")
    grey.font.color.rgb = RGBColor(0x99, 0x99, 0x99)  # 2.85:1 on white
    document.add_picture(io.BytesIO(PNG))
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Type"
    document.save(tmp_path / "almanac.docx")
    view = docx_view(str(tmp_path), Tracer(None))
    view.facts["source_headings"] = ["Funding streams"]
    found = fired(view)
    assert any("#999999 on #FFFFFF has contrast 2.8" in m for m in found["contrast-text"])
    for rule in ("doc-title-missing", "fake-heading", "text-justified", "min-font-size", "img-alt-missing",
                 "table-header-missing", "docx-heading-styles", "link-distinguishable"):
        assert rule in found, rule


def test_docx_passing_document(tmp_path):
    document = docx.Document()
    document.core_properties.title = "Book"
    document.styles["Normal"].font.size = Pt(12)
    document.add_heading("Book", 0)
    document.add_heading("Funding streams", 1)
    paragraph = document.add_paragraph("Body text.")
    paragraph.runs[0].font.size = Pt(12)
    _hyperlink(paragraph, "https://www.gov.uk/toolkit", " the Digital Inclusion Toolkit", underline=True)
    document.add_picture(io.BytesIO(PNG))
    document.inline_shapes[0]._inline.docPr.set("descr", "Bar chart: coverage rose to 70 per cent")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Type", "Speed"
    table.cell(1, 0).text, table.cell(1, 1).text = "Mobile", "4G"
    table.rows[0]._tr.get_or_add_trPr().append(docx.oxml.parse_xml(
        '<w:tblHeader xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'))
    styles = document.styles.element
    rpr = styles.find(".//{*}rPrDefault/{*}rPr")
    rpr.append(docx.oxml.parse_xml('<w:lang xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
                                   'w:val="en-GB"/>'))
    document.save(tmp_path / "almanac.docx")
    view = docx_view(str(tmp_path), Tracer(None))
    view.facts["source_headings"] = ["Funding streams"]
    found = fired(view)
    assert set(found) <= {"table-caption"}, found  # a python-docx table has no caption paragraph


def _pdf(path, tagged: bool) -> None:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    page = pdf.pages[0]
    font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                BaseFont=pikepdf.Name.Helvetica))
    page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    text = b"BT /F1 10 Tf 72 720 Td (Hello) Tj ET"
    annot = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[72, 700, 200, 720],
                               A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("https://x.gov.uk")))
    if tagged:
        text = b"/H1 <</MCID 0>> BDC " + text.replace(b"/F1 10", b"/F1 14") + b" EMC /Artifact BMC EMC"
        annot.Contents, annot.StructParent = pikepdf.String("The toolkit"), 1
        page.obj.Tabs = pikepdf.Name.S
    page.obj.Contents = pdf.make_stream(text)
    page.obj.Annots = pdf.make_indirect(pikepdf.Array([pdf.make_indirect(annot)]))
    if tagged:
        h1 = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.H1, K=0, Pg=page.obj,
                                                  ActualText=pikepdf.String("Hello")))
        link = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Link,
                                                    K=pikepdf.Dictionary(Type=pikepdf.Name.OBJR,
                                                                         Obj=page.obj.Annots[0])))
        pdf.Root.StructTreeRoot = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot,
                                                                       K=pikepdf.Array([h1, link])))
        pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
        pdf.Root.Lang = pikepdf.String("en-GB")
        pdf.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
        with pdf.open_metadata() as xmp:
            xmp["dc:title"] = "Book"
            xmp["pdfuaid:part"] = "1"
        with pdf.open_outline() as outline:
            outline.root.append(pikepdf.OutlineItem("Hello", 0))
    pdf.save(path)


def test_pdf_failing_file(tmp_path):
    _pdf(tmp_path / "almanac.pdf", tagged=False)
    found = fired(pdf_view(str(tmp_path), Tracer(None), "almanac.pdf"))
    for rule in ("pdf-tagged", "pdf-content-tagged-or-artifact", "pdf-fonts-unicode", "pdf-bookmarks",
                 "pdf-link-annotation", "pdf-tab-order", "pdf-display-doc-title", "pdf-ua-identifier",
                 "doc-title-missing", "doc-lang-missing", "heading-h1-count", "min-font-size"):
        assert rule in found, rule


def test_pdf_passing_file(tmp_path):
    _pdf(tmp_path / "almanac.pdf", tagged=True)
    found = fired(pdf_view(str(tmp_path), Tracer(None), "almanac.pdf"))
    assert set(found) == {"pdf-fonts-unicode"}, found  # a hand-made file uses an unembedded base font


def test_unreadable_outputs_are_reported_not_raised(tmp_path):
    from almanac_build.checks.run import collect_views
    from almanac_build.source.loader import load
    from conftest import SAMPLE

    (tmp_path / "almanac.html").write_bytes(b"")
    (tmp_path / "almanac.epub").write_bytes(b"not a zip")
    (tmp_path / "almanac.docx").write_bytes(b"PK\x03\x04 broken")
    (tmp_path / "almanac.pdf").write_bytes(b"%PDF-1.7 broken")
    problems: list[str] = []
    views = collect_views(load(str(SAMPLE)), str(tmp_path), problems)
    assert views["S"] and not views["H"] and not views["D"] and not views["P"] and not views["E"]
    assert any("almanac.html" in p for p in problems) and any("almanac.docx" in p for p in problems)


def test_epub_entities_are_not_expanded(tmp_path):
    path = tmp_path / "almanac.epub"
    bomb = '<!DOCTYPE html [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    _epub(path, GOOD_META, GOOD_NAV, GOOD_BODY.replace("<p>Text.</p>", "<p>&b;</p>"))
    with zipfile.ZipFile(path) as z:
        files = {n: z.read(n) for n in z.namelist()}
    files["EPUB/text/ch1.xhtml"] = files["EPUB/text/ch1.xhtml"].replace(b"<html", bomb.encode() + b"<html", 1)
    with zipfile.ZipFile(path, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    with pytest.raises(ValueError, match="entities"):
        epub_view(str(path), Tracer(None), "almanac.epub")
