"""The EPUB edition read back: files, headings across the spine, tables, images, links, fonts, metadata."""

from __future__ import annotations

import re

import pytest

from almanac_build.source.loader import load
from almanac_build.writers.epub import claim_conformance
from almanac_build.writers.epub.opf import FEATURES, PAGE_FEATURES
from almanac_build import model as m
from almanac_build.walk import iter_blocks
from conftest import SAMPLE, SOURCE, write_edition
from epub_support import EPUB_TYPE, NS, read_epub


@pytest.fixture(scope="module")
def book():
    return load(str(SOURCE))


@pytest.fixture(scope="module")
def epub(built_almanac):
    return read_epub(built_almanac / "almanac.epub")


def chapter_docs(epub):
    return [name for name in epub.spine if re.search(r"/\d\d-[^/]+\.xhtml$", name)]


def test_one_xhtml_file_per_chapter_with_title_and_language(epub, book):
    docs = chapter_docs(epub)
    assert len(docs) == len(book.chapters)
    for name, chapter in zip(docs, book.chapters, strict=True):
        tree = epub.xml(name)
        assert tree.get("lang") == tree.get("{http://www.w3.org/XML/1998/namespace}lang") == "en-GB"
        assert tree.findtext(".//x:title", namespaces=NS).startswith(chapter.title)
        first_heading = tree.xpath("(//x:h1|//x:h2|//x:h3)[1]", namespaces=NS)[0]
        assert (first_heading.tag.split("}")[1], first_heading.xpath("string()")) == ("h2", chapter.title)
        section = tree.xpath("//x:section", namespaces=NS)[0]
        assert section.get(EPUB_TYPE) == ("appendix" if chapter.kind == "annex" else "chapter")


def test_headings_across_the_spine_have_one_h1_and_never_skip(epub):
    levels = []
    for name in epub.spine:
        tree = epub.xml(name)
        levels += [int(h.tag[-1]) for h in tree.iter() if re.fullmatch(r"\{[^}]+\}h[1-6]", str(h.tag))
                   if not h.xpath("ancestor::x:nav[@hidden]", namespaces=NS)]
    assert levels.count(1) == 1 and levels[0] == 1
    skips = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
    assert not skips, f"heading levels skip: {skips[:5]}"
    assert max(levels) <= 5


def test_tables_have_captions_scoped_headers_and_worded_traffic_lights(epub, book):
    tables = [t for name in chapter_docs(epub) for t in epub.xml(name).iter(f"{{{NS['x']}}}table")]
    assert len(tables) >= 5
    for table in tables:
        assert table.xpath("string(x:caption)", namespaces=NS).strip()
        headers = table.xpath(".//x:th", namespaces=NS)
        assert headers and all(th.get("scope") in ("col", "row") for th in headers)
        assert all(th.xpath("string()").strip() for th in headers), "no empty header cells"
        described = table.get("aria-describedby")
        if described:
            assert table.xpath(f"string(//*[@id='{described}'])", namespaces=NS).strip().startswith("Table showing")
    described = [b for c in book.chapters for b in iter_blocks(c.blocks) if isinstance(b, m.Table) and b.description]
    assert sum(1 for t in tables if t.get("aria-describedby")) == len(described) > 0
    status = [td for t in tables for td in t.xpath(".//x:td[starts-with(@class,'status-')]", namespaces=NS)]
    assert len(status) >= 20
    for cell in status:
        assert cell.xpath("string()").strip() == cell.get("class").removeprefix("status-").capitalize()


def test_images_have_alt_and_the_cover_is_described(epub, book):
    images = [img for name in epub.spine for img in epub.xml(name).iter(f"{{{NS['x']}}}img")]
    assert images and all(img.get("alt") is not None for img in images)
    cover = epub.xml(epub.spine[0]).xpath("//x:img[@role='doc-cover']", namespaces=NS)[0]
    assert cover.get("alt").startswith(f"Cover of {book.meta.title}")
    cover_item = epub.opf.xpath("//opf:item[@properties='cover-image']/@href", namespaces=NS)[0]
    assert epub.resolve(epub.spine[0], cover.get("src"))[0] == epub.href(cover_item)
    assert book.meta.title.split()[-1].encode() in epub.files[epub.href(cover_item)]


def test_the_generated_cover_alt_obeys_the_alt_rules(book):
    """The alt text the writer makes itself keeps within img-alt-too-long, dropping the least needed
    words first, and never reads like a file name or says it is an image."""
    import dataclasses

    from almanac_build.checks.registry import Hit, load_rules
    from almanac_build.checks.view import Image, View
    from almanac_build.writers.epub.cover import cover_alt

    rules = [r for r in load_rules().values() if r.id.startswith("img-alt") and "E" in r.formats]
    long_meta = dataclasses.replace(book.meta, subtitle="A simple guide for local councils, their partners and "
                                    "every resident who wants to know how services are going digital",
                                    cover_alt="Illustration of a town", cover_decorative=False)
    for meta in (book.meta, long_meta):
        alt = cover_alt(dataclasses.replace(book, meta=meta))
        assert alt.startswith(f"Cover of {meta.title}") and len(alt) <= m.ALT_TEXT_LIMIT, alt
        view = View("E", "almanac.epub")
        view.images.append(Image(alt, False, "cover.svg", view.here("cover")))
        hits: list[Hit] = [hit for rule in rules for hit in rule.check(view)]
        assert not hits, [h.message for h in hits]


def test_links_underlined_font_embedded_and_cross_chapter_links_resolve(epub):
    css = epub.files[epub.href("css/epub.css")].decode()
    assert re.search(r"\ba \{[^}]*text-decoration: underline", css)
    assert "var(" not in css and css.count("@font-face") == 4
    fonts = epub.opf.xpath("//opf:item[@media-type='font/ttf']/@href", namespaces=NS)
    assert len(fonts) == 4 and all(f.split("/")[-1] in css for f in fonts)
    ids = {(name, i) for name in epub.spine for i in epub.xml(name).xpath("//@id")}
    internal = [(name, a.get("href")) for name in chapter_docs(epub) for a in epub.xml(name).iter(f"{{{NS['x']}}}a")
                if not re.match(r"(https?|mailto|tel):", a.get("href", ""))]
    assert internal, "the introduction's outcome table links to each chapter"
    for name, href in internal:
        assert epub.resolve(name, href) in ids, href


def test_toc_and_landmarks(epub, book):
    nav = epub.xml(epub.nav_path)
    toc = nav.xpath("//x:nav[@epub:type='toc']//x:a", namespaces=NS)
    ids = {(name, i) for name in epub.spine for i in epub.xml(name).xpath("//@id")}
    assert [a.text for a in toc if a.getparent().getparent().getparent().tag.endswith("nav")] == \
        [c.title for c in book.chapters]
    assert all(epub.resolve(epub.nav_path, a.get("href")) in ids for a in toc)
    marks = {a.get(EPUB_TYPE) for a in nav.xpath("//x:nav[@epub:type='landmarks']//x:a", namespaces=NS)}
    assert {"cover", "titlepage", "toc", "bodymatter"} <= marks


def test_package_metadata(epub, book, built_almanac):
    meta = book.meta
    assert epub.opf.get("{http://www.w3.org/XML/1998/namespace}lang") == "en-GB"
    assert epub.dc("title") == [meta.title, meta.subtitle]
    assert epub.dc("identifier") == [meta.identifier] and epub.dc("language") == ["en-GB"]
    assert epub.dc("publisher") == [meta.publisher] and epub.dc("rights") == [meta.copyright]
    assert epub.meta("dcterms:modified") == [f"{meta.date}T00:00:00Z"]  # SOURCE_DATE_EPOCH unset: the date
    assert sorted(epub.meta("schema:accessMode")) == ["textual", "visual"]
    assert epub.meta("schema:accessModeSufficient") == ["textual"]
    assert epub.meta("schema:accessibilityHazard") == ["none"]
    summary = epub.meta("schema:accessibilitySummary")[0]
    assert len(summary.split()) > 40 and "table of contents" in summary
    assert not epub.meta("dcterms:conformsTo"), "the claim is added by the checks, not the build"
    has_pages = bool(epub.xml(epub.nav_path).xpath("//x:nav[@epub:type='page-list']", namespaces=NS))
    assert has_pages == (built_almanac / ".build" / "pagination.json").exists()
    assert set(epub.meta("schema:accessibilityFeature")) == set(FEATURES + (PAGE_FEATURES if has_pages else ()))


def test_without_pagination_there_is_no_page_list(tmp_path):
    write_edition(SAMPLE, tmp_path, "epub")  # the EPUB writer alone: no PDF ran, so no pagination record
    epub = read_epub(tmp_path / "almanac.epub")
    assert not epub.xml(epub.nav_path).xpath("//x:nav[@epub:type='page-list']", namespaces=NS)
    assert not set(PAGE_FEATURES) & set(epub.meta("schema:accessibilityFeature"))
    assert not epub.dc("source") and not epub.meta("pageBreakSource")


def test_claim_conformance_adds_one_claim_atomically(built_sample, tmp_path):
    path = tmp_path / "book.epub"
    path.write_bytes((built_sample / "almanac.epub").read_bytes())
    claim_conformance(str(path), 1700000000)
    claim_conformance(str(path), 1700000000)
    epub = read_epub(path)
    assert epub.meta("dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.2 Level AA"]
    assert epub.meta("a11y:certifiedBy") == ["Local Government Association"]
    assert epub.meta("dcterms:modified") == ["2023-11-14T22:13:20Z"]
    assert [p.name for p in tmp_path.iterdir()] == ["book.epub"]


def test_outcome_chapters_open_with_their_icon_on_the_chapter_colour(epub, book):
    from lxml import etree

    for name, chapter in zip(chapter_docs(epub), book.chapters, strict=True):
        icons = epub.xml(name).xpath("//x:img[@class='chapter-icon']", namespaces=NS)
        assert len(icons) == (1 if chapter.icon else 0)
        if chapter.icon:
            assert icons[0].get("alt") == "" and icons[0].getnext().get("id") == chapter.id
            tile = etree.fromstring(epub.files[epub.resolve(name, icons[0].get("src"))[0]])
            assert tile[0].get("fill") == chapter.colour and tile[1].tag.endswith("svg")
