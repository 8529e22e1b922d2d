"""Issue #12 items 1–3 on a small publication that is not the almanac (tests/roots/handbook): its own
theme (colours, logo, US Letter page), names from its metadata (slug, kind), American dates, optional
metadata left out, and parts (chapter groups with a landing page) in every contents list."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import docx
import pikepdf
import pytest
from lxml import etree, html

from almanac_build import locales
from almanac_build.build import build
from almanac_build.checks.rules.colour import text_contrast
from almanac_build.checks.views.theme import theme_view
from almanac_build.diagnostics import AlmanacError
from almanac_build.source.loader import load
from pdf_verify import verify
from conftest import ROOT, SOURCE, run_cli
from outputs_text import docx_text, epub_text, html_text, pdf_text

HANDBOOK = ROOT / "tests" / "roots" / "handbook"
SLUG = "tool-library-handbook"
XHTML = {"x": "http://www.w3.org/1999/xhtml"}
LETTER = (612, 792)  # points
A5 = (419.5, 595.3)


@pytest.fixture(scope="module")
def built_handbook(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("handbook-out")
    build(str(HANDBOOK), str(out))
    return out


@pytest.fixture(scope="module")
def handbook():
    return load(str(HANDBOOK))


def copy_handbook(target: Path, changes: dict[str, str]) -> Path:
    shutil.copytree(HANDBOOK, target)
    for name, text in changes.items():
        (target / name).write_text(text, encoding="utf-8")
    return target


def problems(source: Path) -> list[str]:
    with pytest.raises(AlmanacError) as caught:
        load(str(source))
    return [str(d).split(f"{source}/", 1)[-1] for d in caught.value.diagnostics]


# ---------------------------------------------------------------- item 1: the publication's design
def test_theme_is_merged_over_the_defaults_and_remembers_where_each_value_was_written(handbook):
    theme = handbook.theme
    assert theme.colour("brand") == "#5b2a86" and theme.data["page"]["size"] == "Letter"
    assert theme.colour("link") == "#1d70b8"  # not set by the handbook: the tool's default
    assert theme.where("colours.brand").file == str(HANDBOOK / "theme.yaml")
    assert theme.where("colours.brand").line == 4
    assert theme.where("colours.link").file.endswith("styles/theme.yaml")
    assert theme.logo == str(HANDBOOK / "images" / "logo.svg")


def test_the_almanac_look_is_the_almanacs_own_theme_and_the_defaults_name_no_publisher():
    almanac = load(str(SOURCE)).theme
    assert almanac.colour("brand") == "#1d4d7a" and almanac.where("colours.brand").file == str(SOURCE / "theme.yaml")
    defaults = (ROOT / "styles" / "theme.yaml").read_text(encoding="utf-8")
    assert "#1d4d7a" not in defaults and "LGA" not in defaults and "Local Government" not in defaults


@pytest.mark.parametrize("theme, expected", [
    ("colours:\n  brnad: \"#000000\"\n",
     "theme.yaml:2:3: error: unknown key 'brnad' in 'colours' of the theme — did you mean 'brand'?"),
    ("colours:\n  brand: navy\n",
     "theme.yaml:2:10: error: 'colours.brand' in the theme must be a colour like \"#00629B\", not 'navy'"),
    ("page:\n  size: A3\n",
     "theme.yaml:2:9: error: 'page.size' in the theme must be one of A4, A5, Letter, not 'A3' — did you mean"),
    ("sizes:\n  body: big\n", "theme.yaml:2:9: error: 'sizes.body' in the theme must be a number (0 or more)"),
    ("fonts:\n  family: Mine\n", "theme.yaml:2:3: error: the theme's fonts are missing 'regular', 'bold', 'italic', "
                                 "'bold_italic'"),
    ("logo: images/missing.svg\n", "theme.yaml:1:7: error: the image 'images/missing.svg' does not exist"),
])
def test_a_wrong_theme_value_is_reported_at_its_line(tmp_path, theme, expected):
    found = problems(copy_handbook(tmp_path / "source", {"theme.yaml": theme}))
    assert any(line.startswith(expected) for line in found), found


def test_the_publication_may_bring_its_own_font_files(tmp_path):
    source = copy_handbook(tmp_path / "source", {})
    (source / "fonts").mkdir()
    faces = {}
    for face, name in (("regular", "Regular"), ("bold", "Bold"), ("italic", "Italic"), ("bold_italic", "BoldItalic")):
        shutil.copy(ROOT / "styles" / "fonts" / f"AtkinsonHyperlegible-{name}.ttf", source / "fonts" / f"House-{name}.ttf")
        faces[face] = f"fonts/House-{name}.ttf"
    (source / "fonts" / "not-a-font.ttf").write_text("hello", encoding="utf-8")
    lines = "".join(f"  {face}: {path}\n" for face, path in faces.items())
    (source / "theme.yaml").write_text(f"fonts:\n  family: House Sans\n{lines}", encoding="utf-8")
    theme = load(str(source)).theme
    assert theme.font_family == "House Sans" and theme.font_path("bold") == str(source / "fonts" / "House-Bold.ttf")
    (source / "theme.yaml").write_text(f"fonts:\n  family: House Sans\n{lines}".replace("House-Bold.ttf", "not-a-font.ttf"),
                                       encoding="utf-8")
    assert any("'fonts/not-a-font.ttf' is not a TrueType or OpenType font file" in p for p in problems(source))


def test_every_colour_pair_of_the_merged_theme_is_contrast_checked_where_it_was_written(tmp_path):
    source = copy_handbook(tmp_path / "source", {"theme.yaml": "colours:\n  brand: \"#b0a0c0\"\n"})
    book = load(str(source))
    hits = list(text_contrast(theme_view(book.theme, book)))
    brand = [h for h in hits if "#b0a0c0" in h.message]
    assert {h.message.split(":")[0] for h in brand} == {"text on the brand colour",
                                                       "titles in the brand colour (cover, chapter titles)"}
    assert all(h.where.source.file == str(source / "theme.yaml") and h.where.source.line == 2 for h in brand)
    assert not list(text_contrast(theme_view(load(str(HANDBOOK)).theme, load(str(HANDBOOK)))))


def test_every_pdf_layout_and_the_docx_use_the_themes_page_size(built_handbook, tmp_path):
    for name in (f"{SLUG}.pdf", f"{SLUG}-large-print.pdf"):
        with pikepdf.open(built_handbook / name) as pdf:
            assert {tuple(round(float(v)) for v in p.mediabox[2:]) for p in pdf.pages} == {LETTER}, name
    section = docx.Document(str(built_handbook / f"{SLUG}.docx")).sections[0]
    assert (round(section.page_width.mm, 1), round(section.page_height.mm, 1)) == (215.9, 279.4)
    source = copy_handbook(tmp_path / "source", {"theme.yaml": "page:\n  size: A5\n"})
    build(str(source), str(tmp_path / "out"), ["pdf"])
    with pikepdf.open(tmp_path / "out" / f"{SLUG}.pdf") as pdf:
        assert {tuple(round(float(v), 1) for v in p.mediabox[2:]) for p in pdf.pages} == {A5}
        assert not verify(str(tmp_path / "out" / f"{SLUG}.pdf")).problems


def test_the_logo_is_in_the_masthead_title_pages_and_cover_as_decoration(built_handbook):
    page = html.parse(str(built_handbook / f"{SLUG}.html")).getroot()
    logo = page.xpath("//header//img[@class='logo']")
    assert len(logo) == 1 and logo[0].get("alt") == "" and logo[0].get("src") == f"{SLUG}-assets/images/logo.svg"
    assert (built_handbook / f"{SLUG}-assets" / "images" / "logo.svg").is_file()
    with zipfile.ZipFile(built_handbook / f"{SLUG}.epub") as epub:
        title = etree.fromstring(epub.read("EPUB/text/title.xhtml"))
        assert title.xpath("//x:img/@alt", namespaces=XHTML) == [""]
        assert "EPUB/images/logo.svg" in epub.namelist()
    report = verify(str(built_handbook / f"{SLUG}.pdf"))
    assert not report.problems  # the logo on the cover is an artifact: no untagged content
    first = docx.Document(str(built_handbook / f"{SLUG}.docx")).paragraphs[0]._p
    pictures = first.findall(".//{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")
    assert len(pictures) == 1 and pictures[0].get("descr") == "" and "decorative" in etree.tostring(pictures[0]).decode()


# ---------------------------------------------------------------- item 2: names and words from the metadata
def test_output_names_and_the_publications_kind_come_from_its_metadata(built_handbook):
    names = {p.name for p in built_handbook.iterdir() if not p.name.startswith(".")}
    assert {"index.html", f"{SLUG}-assets", f"{SLUG}-large-print.pdf", f"{SLUG}.docx", f"{SLUG}.epub",
            f"{SLUG}.html", f"{SLUG}.pdf"} <= names
    assert all(name == "index.html" or name.startswith(f"{SLUG}.") or name.startswith(f"{SLUG}-") for name in names)
    downloads = html.parse(str(built_handbook / "index.html")).getroot()
    assert {a.get("href") for a in downloads.xpath("//li[@class='attachment']//a")} >= {
        f"{SLUG}.html", f"{SLUG}.pdf", f"{SLUG}-large-print.pdf", f"{SLUG}.docx", f"{SLUG}.epub"}
    assert "Letter, for printing" in html_text(built_handbook / "index.html")
    assert "Accessibility statement for this handbook" in html_text(built_handbook / "index.html")
    assert "Download this handbook as a PDF" in html_text(built_handbook / f"{SLUG}.html")
    for path in built_handbook.rglob("*"):
        assert "almanac" not in path.name
    assert "almanac" not in html_text(built_handbook / f"{SLUG}.html").lower()


def test_dates_follow_the_publications_language(built_handbook):
    assert "Published July 4, 2024" in html_text(built_handbook / f"{SLUG}.html")
    assert "July 2024" in pdf_text(built_handbook / f"{SLUG}.pdf")
    assert locales.long_date("2023-03-21", "en-GB") == "21 March 2023"
    assert locales.long_date("2023-03-21", "en-US") == "March 21, 2023"
    assert locales.long_date("2023-03-21", "cy") == "21 Mawrth 2023"
    assert locales.month_year("2024-12-01", "cy-GB") == "Rhagfyr 2024"
    assert locales.number(1234.5, "en-US", 1) == "1,234.5" and locales.number(1234567, "en-GB") == "1,234,567"
    assert locales.supported("en") and not locales.supported("fr-FR")


def test_the_publications_kind_is_a_short_lower_case_noun(tmp_path):
    text = (HANDBOOK / "almanac.yaml").read_text(encoding="utf-8").replace("kind: handbook", "kind: Handbook 2024")
    found = problems(copy_handbook(tmp_path / "source", {"almanac.yaml": text}))
    assert found == ["almanac.yaml:3:7: error: 'kind' in almanac.yaml must be a short lower-case noun such as guide, "
                     "report or almanac, not 'Handbook 2024' — write a value such as guide"], found


def test_an_unknown_language_is_a_warning_not_an_error(tmp_path):
    text = (HANDBOOK / "almanac.yaml").read_text(encoding="utf-8").replace("language: en-US", "language: fr-FR")
    book = load(str(copy_handbook(tmp_path / "source", {"almanac.yaml": text})))
    assert any("'fr-FR' are not known" in str(w) and "almanac.yaml:6:" in str(w) for w in book.warnings)


def test_optional_metadata_left_out_leaves_no_bare_labels(built_handbook, handbook):
    meta = handbook.meta
    assert (meta.subtitle, meta.edition, meta.contact.telephone, meta.other_formats) == ("", "", "", "")
    assert meta.description == meta.title and meta.identifier == load(str(HANDBOOK)).meta.identifier  # stable
    assert meta.identifier.startswith("urn:uuid:") and meta.kind == "handbook"
    texts = {"html": html_text(built_handbook / f"{SLUG}.html"), "pdf": pdf_text(built_handbook / f"{SLUG}.pdf"),
             "docx": docx_text(built_handbook / f"{SLUG}.docx"), "epub": epub_text(built_handbook / f"{SLUG}.epub"),
             "downloads": html_text(built_handbook / "index.html")}
    for kind, text in texts.items():
        assert "Telephone" not in text and "telephone" not in text, kind
        assert "hello@riverside-tools.example.org" in text or kind == "downloads", kind
    assert "Ask for another format" in texts["downloads"]  # the email is a way to ask
    assert "Email hello@riverside-tools.example.org" in texts["pdf"]


def test_the_address_keeps_its_lines_and_its_commas(built_handbook):
    pdf = pdf_text(built_handbook / f"{SLUG}.pdf")
    assert "1200 Riverside Avenue, Suite 4" in pdf and "Springfield, OR 97477" in pdf
    footer = html.parse(str(built_handbook / f"{SLUG}.html")).getroot().xpath("//footer//p")[0].text_content()
    assert footer.startswith("Riverside Tool Library Cooperative, 1200 Riverside Avenue, Suite 4, Springfield, OR 97477.")


def test_every_edition_carries_the_publication_block(built_handbook):
    block = ("Riverside Tool Library Cooperative", "1200 Riverside Avenue, Suite 4", "Springfield, OR 97477",
             "hello@riverside-tools.example.org", "riverside-tools.example.org",
             "© 2024 Riverside Tool Library Cooperative. Free to copy with credit.")
    for name, read in ((f"{SLUG}.docx", docx_text), (f"{SLUG}.pdf", pdf_text), (f"{SLUG}.html", html_text),
                       (f"{SLUG}.epub", epub_text)):
        text = read(built_handbook / name)
        for line in block:
            assert line in text, (name, line)
    document = docx.Document(str(built_handbook / f"{SLUG}.docx"))
    last = [p.text for p in document.paragraphs if p.text.strip()][-5:]
    assert last == ["1200 Riverside Avenue, Suite 4", "Springfield, OR 97477", "Email hello@riverside-tools.example.org",
                    "riverside-tools.example.org", "© 2024 Riverside Tool Library Cooperative. Free to copy with credit."]


# ---------------------------------------------------------------- item 3: generic chapter kinds and parts
def test_kinds_default_to_chapter_and_parts_hold_the_chapters_after_them(handbook):
    kinds = {c.id: (c.kind, c.part) for c in handbook.chapters}
    assert kinds == {"about": ("front", ""), "getting-started": ("part", ""),
                     "finding-a-space": ("chapter", "getting-started"), "lending-rules": ("chapter", "getting-started"),
                     "running-the-library": ("part", ""), "volunteers": ("chapter", "running-the-library"),
                     "budget": ("chapter", "running-the-library"), "appendix-forms": ("appendix", "")}
    assert [(c.id, [k.id for k in held]) for c, held in handbook.contents()] == [
        ("about", []), ("getting-started", ["finding-a-space", "lending-rules"]),
        ("running-the-library", ["volunteers", "budget"]), ("appendix-forms", [])]


def test_a_part_with_no_chapters_and_a_wrong_kind_are_explained(tmp_path):
    source = copy_handbook(tmp_path / "source", {
        "chapters/06-budget.md": (HANDBOOK / "chapters/06-budget.md").read_text(encoding="utf-8").replace(
            "title: The first year's budget", "title: Budget\nkind: outcomes"),
        "chapters/07-appendix-forms.md": "---\nid: appendix-forms\ntitle: Empty part\nkind: part\n---\n"})
    found = problems(source)
    assert any("'kind' in the front matter must be one of chapter, front, part, annex, appendix, outcome, not "
               "'outcomes' — write a value such as chapter" in p for p in found), found
    assert any(p.startswith("chapters/07-appendix-forms.md") and "the part 'Empty part' holds no chapters" in p
               for p in found), found
    assert not any("kind: outcome" in p for p in found)


def test_parts_nest_in_the_html_nav_the_epub_nav_and_the_pdf_bookmarks(built_handbook):
    page = html.parse(str(built_handbook / f"{SLUG}.html")).getroot()
    part = page.xpath("//nav[@class='contents']/ol/li[a[@href='#running-the-library']]")[0]
    assert [a.get("href") for a in part.xpath("./ol[@class='contents-part']/li/a")] == ["#volunteers", "#budget"]
    with zipfile.ZipFile(built_handbook / f"{SLUG}.epub") as epub:
        nav = etree.fromstring(epub.read("EPUB/nav.xhtml"))
        types = {etree.fromstring(epub.read(f"EPUB/{n}")).xpath("//x:section/@*[local-name()='type']",
                                                                  namespaces=XHTML)[0]
                 for n in ("text/02-getting-started.xhtml", "text/08-appendix-forms.xhtml")}
    toc = nav.xpath("//x:nav[@id='toc']/x:ol/x:li", namespaces=XHTML)
    assert [li.xpath("./x:a", namespaces=XHTML)[0].text for li in toc] == [
        "About this handbook", "Part 1: Getting started", "Part 2: Running the library", "Appendix: Membership form"]
    assert [a.text for a in toc[2].xpath("./x:ol/x:li/x:a", namespaces=XHTML)] == ["Volunteers", "The first year’s budget"]
    assert types == {"part", "appendix"}
    with pikepdf.open(built_handbook / f"{SLUG}.pdf") as pdf, pdf.open_outline() as outline:
        top = outline.root[0].children  # under the cover title
        titles = [item.title for item in top]
        assert titles == ["Contents", "About this handbook", "Part 1: Getting started", "Part 2: Running the library",
                          "Appendix: Membership form"]
        assert [c.title for c in top[3].children] == ["Volunteers", "The first year’s budget"]
        assert [c.title for c in top[3].children[0].children] == ["Training"]
    contents = pdf_text(built_handbook / f"{SLUG}.pdf")
    assert "Part 2: Running the library" in contents and not verify(str(built_handbook / f"{SLUG}.pdf")).problems


def test_the_statements_contact_block_keeps_the_address_lines_and_leaves_out_what_is_missing(handbook):
    import dataclasses

    from almanac_build.report.statement import _contact

    meta = {"publisher": handbook.meta.publisher, "contact": dataclasses.asdict(handbook.meta.contact)}
    block = "".join(_contact(meta))  # the metadata as the checks hand it to the statement
    assert "<li>post: 1200 Riverside Avenue, Suite 4, Springfield, OR 97477</li>" in block
    assert "telephone" not in block and "hello@riverside-tools.example.org" in block


def test_the_handbook_passes_its_own_checks_with_no_error_or_warning(tmp_path):
    """`almanac check` on the handbook: its furniture (publication block, parts, logo) adds no finding;
    the statement names its own kind of contact details and no telephone."""
    done = run_cli("--source", str(HANDBOOK), "--output", str(tmp_path), "check")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "0 error(s), 0 warning(s)" in done.stdout, done.stdout[:2000]
    statement = html_text(tmp_path / "accessibility-statement.html")
    assert "post: 1200 Riverside Avenue, Suite 4, Springfield, OR 97477" in statement and "telephone" not in statement


def test_a_welsh_publication_dates_its_editions_in_welsh(tmp_path):
    text = (HANDBOOK / "almanac.yaml").read_text(encoding="utf-8").replace("language: en-US", "language: cy")
    source = copy_handbook(tmp_path / "source", {"almanac.yaml": text})
    build(str(source), str(tmp_path / "out"), ["html"])  # the print PDF is laid out with it (its pages)
    assert "Published 4 Gorffennaf 2024" in html_text(tmp_path / "out" / f"{SLUG}.html")
    assert "Gorffennaf 2024" in pdf_text(tmp_path / "out" / f"{SLUG}.pdf")
    assert html.parse(str(tmp_path / "out" / f"{SLUG}.html")).getroot().get("lang") == "cy"
