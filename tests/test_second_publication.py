"""The second real publication (tests/roots/cto-guidance: GDS's "Guidance for CTOs", OGL) built in every
format: its own chapters, table, figure and links reach each edition, and nothing of the almanac or the
Local Government Association shows through. Its validators are in test_second_publication_validators.py."""

from __future__ import annotations

import re
import zipfile

import docx
import pytest
from lxml import etree, html

from almanac_build.source.loader import load
from conftest import ROOT, SECOND, SOURCE, editions, run_cli
from outputs_text import docx_text, epub_text, html_text, pdf_text

XHTML = {"x": "http://www.w3.org/1999/xhtml"}
ALT = ("Layered diagram: service desk, monitoring and other integration layers run across simple, "
       "integrated and complex services")
CAPTION = "The four areas of the end user device strategy"
READERS = {"pdf": pdf_text, "large-print": pdf_text, "html": html_text, "docx": docx_text, "epub": epub_text}

# Words, addresses and colours that belong to the almanac's publisher and must not leak into another's book.
FOREIGN_WORDS = ("Local Government Association", "LGA", "local.gov.uk", "Smith Square", "020 7664 3000",
                 "council")


@pytest.fixture(scope="module")
def book():
    return load(str(SECOND))


@pytest.fixture(scope="module")
def texts(built_second):
    return {kind: " ".join(READERS[kind](path).split()) for kind, path in editions(built_second).items()}


def test_the_port_is_a_real_document_of_the_size_asked(book):
    """At least 30 KB of text, with a table, links and an image (issue #12, item 7)."""
    size = sum(len(p.read_bytes()) for p in (SECOND / "chapters").glob("*.md"))
    assert size >= 30_000
    assert len(book.chapters) == 10
    readme = (SECOND / "README.md").read_text(encoding="utf-8")
    for origin in ("alphagov/government-service-design-manual", "4efa105e0dde7beb862f99253f118e140da8d487",
                   "Open Government Licence", "service-manual/technology/"):
        assert origin in readme


@pytest.mark.parametrize("kind", list(READERS))
def test_every_edition_has_every_chapter_the_table_and_the_figure(texts, book, kind):
    text = texts[kind]
    for chapter in book.chapters:
        assert " ".join(chapter.title.split()) in text, (kind, chapter.title)
    assert CAPTION in text and "Proportionate Security" in text and "Consumerised IT" in text
    assert "What service integration looks like for government" in text  # the figure's caption
    assert "Chief Technology Officers (CTOs)" in text
    assert book.meta.title in text and "Government Digital Service" in text


def test_its_pdfs_are_a5_as_its_theme_asks(built_second):
    import pikepdf

    for kind in ("pdf", "large-print"):
        with pikepdf.open(editions(built_second)[kind]) as pdf:
            width, height = (float(v) for v in pdf.pages[0].mediabox[2:])
        assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (148, 210), kind


def test_html_table_figure_and_links(built_second):
    page = html.parse(str(editions(built_second)["html"])).getroot()
    assert page.get("lang") == "en-GB"
    table = page.xpath(f"//table[caption='{CAPTION}']")[0]
    assert [th.text_content() for th in table.xpath(".//th[@scope='col']")] == ["Area", "Approach"]
    assert "User Experience" in [th.text_content() for th in table.xpath(".//th[@scope='row']")]
    image = page.xpath(f"//img[@alt='{ALT}']")[0]
    assert (built_second / image.get("src")).is_file()
    assert page.xpath("//a[@href='https://gds.blog.gov.uk/2013/05/21/rebalancing-tech-across-gov/']")
    targets = {a.get("href") for a in page.iter("a")}
    for wanted in ("#open-data", "#spending-controls", "#service-integration"):
        assert wanted in targets and page.xpath(f"//*[@id='{wanted[1:]}']"), wanted


def test_docx_table_figure_and_links(built_second):
    document = docx.Document(str(editions(built_second)["docx"]))
    assert document.core_properties.title == "Guidance for CTOs"
    assert any(t.rows[0].cells[0].text == "Area" and t.rows[1].cells[0].text == "User Experience"
               for t in document.tables)
    assert ALT in etree.tostring(document.element).decode()  # wp:docPr/@descr
    assert any(p.partname.endswith(".png") for p in document.part.package.parts)
    external = {r.target_ref for r in document.part.rels.values() if r.is_external}
    assert "https://www.gov.uk/government/publications/end-user-device-strategy" in external


def test_epub_table_figure_and_links(built_second):
    with zipfile.ZipFile(editions(built_second)["epub"]) as epub:
        trees = [etree.fromstring(epub.read(n)) for n in epub.namelist() if n.endswith(".xhtml")]
        assert any(n.endswith(".png") for n in epub.namelist())
    assert any(t.xpath(f"//x:table/x:caption[.='{CAPTION}']", namespaces=XHTML) for t in trees)
    assert ALT in [i.get("alt") for t in trees for i in t.xpath("//x:img", namespaces=XHTML)]
    assert any(t.xpath("//x:a[@href='https://www.gov.uk/government/publications/end-user-device-strategy']",
                       namespaces=XHTML) for t in trees)


@pytest.mark.parametrize("kind", list(READERS))
def test_no_almanac_publisher_wording_in_any_edition(texts, kind):
    found = [w for w in FOREIGN_WORDS if re.search(rf"\b{re.escape(w)}\b", texts[kind], re.I)]
    assert found == [], f"{kind}: {found}"


@pytest.fixture(scope="module")
def checked_second(tmp_path_factory):
    """`almanac check` on the second publication: its reports and draft statement."""
    out = tmp_path_factory.mktemp("second-checked")
    done = run_cli("--source", str(SECOND), "--output", str(out), "check")
    assert done.returncode in (0, 1), done.stderr
    return out


def almanac_colours() -> set[str]:
    """The almanac's own colours: its theme's values that differ from the tool's defaults, and its
    chapters' colours."""
    import yaml

    def flat(node):
        if isinstance(node, dict):
            return {c for v in node.values() for c in flat(v)}
        return {node.lower()} if isinstance(node, str) and node.startswith("#") else set()

    defaults = flat(yaml.safe_load((ROOT / "styles" / "theme.yaml").read_text(encoding="utf-8"))["colours"])
    own = flat(yaml.safe_load((SOURCE / "theme.yaml").read_text(encoding="utf-8"))["colours"]) - defaults
    return own | {c.colour.lower() for c in load(str(SOURCE)).chapters if c.colour} - defaults


def colours_in(path) -> set[str]:
    """Every #rrggbb an output uses: in its text files (HTML, CSS, SVG, XHTML, DOCX XML), and the fill and
    stroke colours (rg/RG) of a PDF's content streams."""
    import pikepdf

    if path.suffix == ".pdf":
        found = set()
        with pikepdf.open(path) as pdf:
            for page in pdf.pages:
                for r, g, b in re.findall(rb"([\d.]+) ([\d.]+) ([\d.]+) (?:rg|RG)", page.Contents.read_bytes()
                                          if not isinstance(page.Contents, pikepdf.Array)
                                          else b" ".join(c.read_bytes() for c in page.Contents)):
                    found.add("#" + "".join(f"{round(float(x) * 255):02x}" for x in (r, g, b)))
        return found
    if path.is_dir():
        texts = [p.read_bytes() for p in path.rglob("*") if p.suffix in (".css", ".svg", ".html")]
    elif path.suffix in (".epub", ".docx"):
        with zipfile.ZipFile(path) as archive:
            texts = [archive.read(n) for n in archive.namelist() if n.rsplit(".", 1)[-1] in ("xml", "xhtml", "css", "svg", "opf")]
    else:
        texts = [path.read_bytes()]
    return {"#" + m.decode().lower() for text in texts
            for m in re.findall(rb"(?<![0-9A-Za-z])#?([0-9A-Fa-f]{6})(?![0-9A-Za-z])", text)}


def test_no_almanac_colour_in_any_edition(built_second, built_almanac):
    """Not the almanac's deep blue, table header tint or any outcome colour: the publication's theme and
    the tool's defaults only. (The same reading finds them in the almanac's own PDF.)"""
    theirs = almanac_colours()
    assert "#1d4d7a" in theirs and len(theirs) > 10
    assert {"#1d4d7a", "#00629b"} <= colours_in(built_almanac / "almanac.pdf")
    outputs = list(editions(built_second).values()) + [built_second / "index.html"]
    outputs += [p for p in built_second.iterdir() if p.is_dir() and p.name.endswith("-assets")]
    for path in outputs:
        assert colours_in(path) & theirs == set(), path.name
    assert "#003078" in colours_in(editions(built_second)["pdf"])  # its own brand colour is used


def test_no_almanac_file_name_or_word(built_second):
    names = [p.name for p in built_second.rglob("*")]
    assert not [n for n in names if "almanac" in n.lower()], names
    for kind, path in editions(built_second).items():
        text = READERS[kind](path)
        assert "almanac" not in text.lower(), kind
    assert "Download this guide" in html_text(editions(built_second)["html"])


def test_no_almanac_publisher_wording_on_the_download_page_or_in_the_statement(checked_second):
    for name in ("index.html", "accessibility-statement.html"):
        text = " ".join(html_text(checked_second / name).split())
        found = [w for w in FOREIGN_WORDS + ("almanac",) if re.search(rf"\b{re.escape(w)}\b", text, re.I)]
        assert found == [], f"{name}: {found}"
    assert [p.name for p in checked_second.rglob("*") if "almanac" in p.name] == []
