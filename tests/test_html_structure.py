"""The HTML edition's structure, read back with lxml from the real almanac's build: landmarks, one h1,
heading order, contents, tables, images, links, case studies, practice actions, print details."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from lxml import html

from almanac_build import model as m
from almanac_build.source.loader import load
from almanac_build.styles import load_theme
from almanac_build.text import plain
from almanac_build.walk import iter_blocks, iter_inlines
from conftest import SOURCE


@pytest.fixture(scope="module")
def page(built_almanac):
    return html.parse(str(built_almanac / "almanac.html")).getroot()


@pytest.fixture(scope="module")
def book():
    return load(str(SOURCE))


def headings(root) -> list:
    return root.xpath("//h1|//h2|//h3|//h4|//h5|//h6")


def test_head_language_title_viewport_description(page, book):
    assert page.get("lang") == book.meta.language == "en-GB"
    assert page.findtext("head/title") == book.meta.title
    viewport = page.xpath("//meta[@name='viewport']/@content")[0]
    assert "width=device-width" in viewport
    assert not re.search(r"user-scalable\s*=\s*(no|0)|maximum-scale", viewport), "zoom must never be blocked"
    assert page.xpath("//meta[@name='description']/@content")[0] == book.meta.description
    assert page.xpath("//meta[@charset='utf-8']")


def test_skip_link_first_then_landmarks(page):
    focusable = page.xpath("//body//*[self::a[@href] or self::button or self::input or @tabindex]")
    assert focusable[0].get("class") == "skip-link" and focusable[0].get("href") == "#main"
    body_children = [child.tag for child in page.find("body")]
    assert body_children[0] == "a", "the skip link comes first"
    assert [len(page.xpath(f"//{tag}")) for tag in ("header", "nav", "main", "footer")] == [1, 1, 1, 1]
    assert page.xpath("//main/@id") == ["main"]
    assert page.xpath("//nav/@aria-labelledby") == ["contents"]


def test_one_h1_chapters_h2_and_no_skipped_level(page, book):
    levels = [int(h.tag[1]) for h in headings(page)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert page.findtext(".//h1") == book.meta.title
    for before, after in zip(levels, levels[1:]):
        assert after <= before + 1, f"heading level skips from h{before} to h{after}"
    chapter_h2 = page.xpath("//section[contains(@class,'chapter')]/descendant::h2[1]")
    assert [(h.get("id"), h.text_content()) for h in chapter_h2] == [(c.id, c.title) for c in book.chapters]
    assert all(h.text_content().strip() for h in headings(page)), "no empty headings"


def test_contents_links_every_chapter_and_section_by_model_ids(page, book):
    nav_links = page.xpath("//nav//a/@href")
    wanted = []
    for chapter in book.chapters:
        wanted.append(f"#{chapter.id}")
        wanted += [f"#{b.id}" for b in chapter.blocks if isinstance(b, m.Heading) and b.level == 2]
    assert nav_links == wanted
    ids = set(page.xpath("//@id"))
    assert all(link[1:] in ids for link in nav_links)
    # the ids are the model's readable slugs, e.g. connectivity-what-we-mean-by-connectivity
    assert "#connectivity-what-we-mean-by-connectivity" in nav_links


def test_back_to_contents_after_every_chapter(page, book):
    sections = page.xpath("//main/section[contains(@class,'chapter')]")
    assert len(sections) == len(book.chapters)
    for section in sections:
        last = section[-1]
        assert last.get("class") == "back-to-contents"
        assert last.xpath("a/@href") == ["#contents"] and last.text_content() == "Back to contents"


def test_every_internal_link_resolves_and_none_is_empty(page):
    ids = Counter(page.xpath("//@id"))
    assert not [i for i, n in ids.items() if n > 1], "ids are unique"
    hrefs = page.xpath("//a/@href")
    assert "#" not in hrefs and "" not in hrefs
    broken = [h for h in hrefs if h.startswith("#") and h[1:] not in ids]
    assert not broken
    assert page.xpath("//a[starts-with(@href,'#')]"), "the page has internal links to check"


def test_placeholder_links_are_plain_text(page, book):
    placeholders = [i for c in book.chapters for i in iter_inlines(c.blocks) if isinstance(i, m.Link) and i.placeholder]
    spans = page.xpath("//span[@class='link-placeholder']")
    assert len(spans) == len(placeholders) > 100
    assert not page.xpath("//span[@class='link-placeholder']/ancestor::a")


def test_images_have_alt_and_icons_are_decorative(page, book):
    images = page.xpath("//img")
    assert images, "outcome chapters show their icon"
    assert all(img.get("alt") is not None for img in images)
    icons = page.xpath("//img[@class='chapter-icon']")
    assert len(icons) == sum(1 for c in book.chapters if c.icon)
    assert {img.get("alt") for img in icons} == {""}, "the heading beside the icon names the chapter"
    assert all(img.get("src").startswith("almanac-assets/") for img in images)


def test_tables_have_captions_scoped_headers_and_labelled_scroll_regions(page, book):
    tables = page.xpath("//table")
    model_tables = [b for c in book.chapters for b in iter_blocks(c.blocks) if isinstance(b, m.Table)]
    assert len(tables) == len(model_tables) > 5
    for table in tables:
        caption = table.find("caption")
        assert caption is not None and caption.text_content().strip()
        assert table.xpath(".//th"), "every table has header cells"
        assert all(th.get("scope") in ("col", "row") for th in table.xpath(".//th"))
        assert all(th.get("scope") == "col" for th in table.xpath("./thead//th"))
        assert all(th.get("scope") == "row" for th in table.xpath("./tbody//th"))
        assert all(th.text_content().strip() for th in table.xpath(".//th")), "no empty header cell"
        wrap = table.getparent()
        assert wrap.get("class") == "table-wrap" and wrap.get("role") == "region" and wrap.get("tabindex") == "0"
        assert wrap.get("aria-labelledby") == caption.get("id")


def test_row_headers_where_the_model_marks_them(page, book):
    model_tables = [b for c in book.chapters for b in iter_blocks(c.blocks) if isinstance(b, m.Table)]
    for table, element in zip(model_tables, page.xpath("//table")):
        assert element.get("id") == table.id
        assert bool(element.xpath("./tbody//th")) == (table.row_header_cols > 0), table.id


def test_blank_row_headers_extend_the_one_above(page):
    """In 'Broadband and mobile speeds' the blank Type cells under 'Broadband' belong to it."""
    table = page.xpath("//table[caption='Broadband and mobile speeds']")[0]
    broadband = table.xpath(".//th[text()='Broadband']")[0]  # text(): a PDF page anchor may start the cell
    assert broadband.get("rowspan") == "4" and broadband.get("scope") == "row"
    assert table.xpath(".//th[text()='Mobile']")[0].get("rowspan") == "2"


def test_traffic_light_cells_show_their_word(page):
    cells = page.xpath("//td[starts-with(@class,'status-')]")
    assert len(cells) > 20
    for cell in cells:
        word = cell.get("class").removeprefix("status-")
        assert cell.text_content().strip().lower() == word


def test_case_studies_and_practice_actions_are_sections(page, book):
    cases = [b for c in book.chapters for b in iter_blocks(c.blocks) if isinstance(b, m.CaseStudy)]
    sections = page.xpath("//section[@class='case-study']")
    assert [s.xpath("./*[1]")[0].text_content() for s in sections] == [c.organisation for c in cases]
    assert all(s.xpath("./*[1]")[0].tag in ("h4", "h5") for s in sections)
    assert not page.xpath("//table[.//section or .//h3 or .//h4]"), "no layout tables"
    themes = [t for c in book.chapters for b in c.blocks if isinstance(b, m.Practice) for t in b.themes]
    theme_sections = page.xpath("//div[@class='practice']/section[@class='practice-theme']")
    assert [s.xpath("./*[self::h4 or self::h5]")[0].get("id") for s in theme_sections] == [t.id for t in themes]
    assert all(s.xpath("./ul/li") for s in theme_sections)


def test_outcome_statement_in_every_outcome_chapter(page, book):
    for chapter in (c for c in book.chapters if c.outcome):
        box = page.xpath(f"//section[@id='chapter-{chapter.id}']//div[@class='outcome-statement']")
        assert len(box) == 1
        assert " ".join(box[0].text_content().split()) == f"Outcome: {chapter.outcome}"


def test_print_only_block_and_footer(page, book):
    block = page.xpath("//div[contains(@class,'print-only')]")[0]
    text = " ".join(block.text_content().split())
    assert book.meta.copyright in text and book.meta.publisher in text
    assert "21 March 2023" in text and book.meta.contact.web in text
    footer = " ".join(page.find(".//footer").text_content().split())
    assert book.meta.contact.telephone in footer and book.meta.other_formats in footer


def test_nothing_external_and_no_script(page):
    assert not page.xpath("//script|//iframe|//object|//embed|//@style|//@*[starts-with(name(),'on')]")
    sources = page.xpath("//img/@src|//link/@href")
    assert sources and all(not re.match(r"^[a-z]+:|^//", s) for s in sources)


def test_every_visible_text_block_of_the_model_reaches_the_page(page, book):
    text = " ".join(page.find(".//main").text_content().split())
    paragraphs = [b for c in book.chapters for b in iter_blocks(c.blocks) if isinstance(b, m.Paragraph)]
    missing = [plain(p.children) for p in paragraphs if " ".join(plain(p.children).split()) not in text]
    assert not missing


def test_stylesheet_print_rules_and_theme_colours(built_almanac, book):
    css = (built_almanac / "almanac-assets" / "almanac.css").read_text(encoding="utf-8")
    theme = load_theme()
    assert f"--link: {theme.colour('link')};" in css and f"--text: {theme.colour('text')};" in css
    assert f"--status-red-bg: {theme.status('red')['background']};" in css
    for chapter in (c for c in book.chapters if c.colour):
        assert f"#chapter-{chapter.id} {{ --chapter-colour: {chapter.colour}; }}" in css
    printed = css[css.index("@media print"):]
    assert re.search(r"\.contents[^{]*\{\s*display: none", printed) or ".contents, " in printed
    assert ".chapter { break-before: page;" in printed
    assert 'content: " (" attr(href) ")"' in printed
    assert ".print-only { display: block;" in printed
    assert "url(\"fonts/AtkinsonHyperlegible-Regular.ttf\")" in css
    assert (built_almanac / "almanac-assets" / "fonts" / "AtkinsonHyperlegible-Regular.ttf").is_file()


def test_figures_have_alt_and_caption_and_decorative_images_empty_alt(built_sample):
    sample = html.parse(str(built_sample / "almanac.html")).getroot()
    figure = sample.xpath("//figure")[0]
    assert figure.xpath("img/@alt") == ["Bar chart of broadband coverage rising from 40 to 70 per cent"]
    assert figure.findtext("figcaption") == "Gigabit coverage"
    decorative = sample.xpath("//img[contains(@class,'decorative')]")
    assert decorative and all(img.get("alt") == "" for img in decorative)
    assert all((built_sample / img.get("src")).is_file() for img in sample.xpath("//img"))


def test_finish_body_on_a_bare_pandoc_table():
    """Pandoc's own table markup, finished: blank corner cell, scopes, the labelled region, tails kept."""
    from almanac_build.writers.html.finish import finish_body

    body = ("<p>Before</p><table><thead><tr><th></th><th>Speed</th></tr></thead>"
            "<tbody><tr><th>Fibre</th><td>Fast</td></tr></tbody></table>after<p><img src='a.png'></p>")
    root = html.fromstring(f"<div>{finish_body(body)}</div>")
    table = root.find(".//table")
    assert [(c.tag, c.get("scope")) for c in table.iter("th", "td")] == \
        [("td", None), ("th", "col"), ("th", "row"), ("td", None)]
    wrap = table.getparent()
    assert (wrap.get("role"), wrap.get("tabindex"), wrap.get("aria-label")) == ("region", "0", "Table 1")
    assert wrap.tail == "after" and table.tail is None
    assert root.find(".//img").get("alt") == ""


def test_markup_in_metadata_is_text_never_markup(sample_copy, tmp_path):
    from almanac_build.build import build

    yaml_file = sample_copy() / "almanac.yaml"
    text = yaml_file.read_text(encoding="utf-8")
    yaml_file.write_text(text.replace("title: The sample almanac", 'title: "<script>alert(1)</script> & co"')
                           .replace("description: A test book for almanac_build.",
                                    'description: "\\"><img src=x onerror=alert(1)>"'), encoding="utf-8")
    build(str(yaml_file.parent), str(tmp_path / "out"), ["html"])
    root = html.parse(str(tmp_path / "out" / "almanac.html")).getroot()
    assert not root.xpath("//script|//@onerror")
    assert root.findtext(".//h1") == "<script>alert(1)</script> & co"
    assert root.xpath("//meta[@name='description']/@content")[0].endswith("><img src=x onerror=alert(1)>")
    assert not root.xpath("//img[@src='x']")
