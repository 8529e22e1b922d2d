"""The PDF editions read back: the structural verifier on the real almanac and the sample (both
editions), headings, bookmarks, links, tables, figures, words at line breaks, large-print sizes."""

from __future__ import annotations

import pikepdf
import pytest

from almanac_build import model as m
from almanac_build.source.loader import load
from almanac_build.text import block_text, plain
from almanac_build.walk import iter_blocks, iter_inlines
from conftest import SOURCE
from pdf_verify import verify

EDITIONS = ("almanac.pdf", "almanac-large-print.pdf")
_cache: dict = {}


def report(out, name):
    key = (str(out), name)
    if key not in _cache:
        _cache[key] = verify(str(out / name))
    return _cache[key]


def book(root):
    if root not in _cache:
        _cache[root] = load(str(root))
    return _cache[root]


def texts(rep, role):
    return [text for r, text in rep.structure if r == role]


@pytest.mark.parametrize("name", EDITIONS)
def test_real_almanac_passes_the_structural_verifier(built_almanac, name):
    rep = report(built_almanac, name)
    assert rep.problems == []
    assert rep.mcids > 1000 and rep.links >= 16
    for role in ("Document", "H1", "H2", "H3", "H4", "P", "L", "LI", "Lbl", "LBody", "Table", "THead", "TBody",
                 "TR", "TH", "TD", "Caption", "TOC", "TOCI", "Link"):
        assert rep.roles.get(role), f"no {role} element"


@pytest.mark.parametrize("name", EDITIONS)
def test_sample_passes_the_structural_verifier_with_a_figure(built_sample, name):
    rep = report(built_sample, name)
    assert rep.problems == []
    assert rep.roles.get("Figure") == 1  # the chart; the decorative copy is an artifact
    with pikepdf.open(built_sample / name) as pdf:
        figures = [e for e in _elements(pdf.Root.StructTreeRoot) if e.S == "/Figure"]
        assert str(figures[0].Alt) == "Bar chart of broadband coverage rising from 40 to 70 per cent"
        assert figures[0].A.O == "/Layout" and len(figures[0].A.BBox) == 4


@pytest.mark.parametrize("name", EDITIONS)
def test_heading_levels_follow_the_contract(built_almanac, name):
    rep, source = report(built_almanac, name), book(SOURCE)
    assert texts(rep, "H1") == [source.meta.title]
    assert texts(rep, "H2") == ["Contents"] + [c.title for c in source.chapters]
    model_h3 = [plain(b.children) for c in source.chapters for b in iter_blocks(c.blocks)
                if isinstance(b, m.Heading) and b.level == 2]
    assert texts(rep, "H3") == model_h3
    for role in ("H1", "H2", "H3", "H4"):
        assert all(texts(rep, role)), f"an empty {role}"


@pytest.mark.parametrize("name", EDITIONS)
def test_bookmarks_mirror_h1_to_h3(built_almanac, name):
    rep = report(built_almanac, name)
    with pikepdf.open(built_almanac / name) as pdf, pdf.open_outline() as outline:
        titles = [(depth, item.title) for depth, item in _outline(outline.root)]
    expected = [(int(role[1]) - 1, text) for role, text in rep.structure if role in ("H1", "H2", "H3")]
    assert titles == expected


@pytest.mark.parametrize("name", EDITIONS)
def test_words_keep_their_spaces_at_soft_line_breaks(built_almanac, name):
    """Every long source paragraph reads back from the structure tree exactly, spaces included."""
    rep, source = report(built_almanac, name), book(SOURCE)
    tagged = set(texts(rep, "P")) | set(texts(rep, "TD"))
    long_paragraphs = [" ".join(plain(b.children).split()) for c in source.chapters for b in iter_blocks(c.blocks)
                       if isinstance(b, m.Paragraph) and len(plain(b.children).split()) > 40]
    assert len(long_paragraphs) > 100
    missing = [p for p in long_paragraphs if p not in tagged]
    assert missing == []


@pytest.mark.parametrize("name", EDITIONS)
def test_external_links_are_annotations_with_their_urls(built_almanac, name):
    source = book(SOURCE)
    wanted = {n.url for c in source.chapters for n in iter_inlines(c.blocks)
              if isinstance(n, m.Link) and not n.placeholder and not n.internal}
    wanted |= {"mailto:" + source.meta.contact.email, source.meta.contact.web}
    with pikepdf.open(built_almanac / name) as pdf:
        uris = {str(a.A.URI) for p in pdf.pages for a in p.get("/Annots", []) if "/A" in a and "/URI" in a.A}
        internal = [a for p in pdf.pages for a in p.get("/Annots", []) if "/Dest" in a]
    assert uris == wanted
    assert len(internal) >= 2 * len(source.chapters)  # contents: title and page number of every chapter


def test_traffic_light_cells_carry_words_and_colours(built_almanac):
    rep, theme_colours = report(built_almanac, "almanac.pdf"), _status_colours()
    status = [c for ch in book(SOURCE).chapters for b in iter_blocks(ch.blocks) if isinstance(b, m.Table)
              for row in b.body for c in row if c.status]
    cells = texts(rep, "TD")
    for word in ("red", "amber", "green"):
        wanted = [" ".join(block_text(c.blocks).split()) for c in status if c.status == word]
        assert wanted and all(cells.count(w) >= wanted.count(w) for w in wanted), f"{word} cells lost their words"
    with pikepdf.open(built_almanac / "almanac.pdf") as pdf:
        content = b"".join(pdf.pages[i].Contents.read_bytes() for i in range(len(pdf.pages))).decode("latin-1")
    for rgb in theme_colours:
        assert f"{rgb} rg" in content


def test_row_and_column_headers_have_scope(built_almanac):
    with pikepdf.open(built_almanac / "almanac.pdf") as pdf:
        scopes = [str(e.A.Scope) for e in _elements(pdf.Root.StructTreeRoot) if e.S == "/TH"]
    assert {"/Column", "/Row"} <= set(scopes)


def test_large_print_text_is_at_least_16_points(built_almanac):
    sizes = report(built_almanac, "almanac-large-print.pdf").sizes.values()
    assert min(sizes) >= 16
    body = report(built_almanac, "almanac.pdf").sizes.values()
    assert 11 <= max(set(body), key=list(body).count) <= 12  # the commonest size is the 11–12 pt body


def test_no_standard_font_is_referenced(built_almanac):
    for name in EDITIONS:
        with pikepdf.open(built_almanac / name) as pdf:
            for page in pdf.pages:
                for font in page.Resources.get("/Font", {}).values():
                    assert "/FontFile2" in font.get("/FontDescriptor", {}) or "/DescendantFonts" in font, \
                        f"{font.get('/BaseFont')} is not embedded"
                    assert "/ToUnicode" in font


def _status_colours():
    from reportlab.lib.colors import HexColor
    from reportlab.lib.rl_accel import fp_str

    from almanac_build.styles import load_theme

    theme = load_theme()
    return [fp_str(*HexColor(theme.status(w)["background"]).rgb()) for w in ("red", "amber", "green")]


def _elements(node):
    kids = node.get("/K")
    for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]) if kids is not None else []:
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") not in ("/MCR", "/OBJR"):
            yield kid
            yield from _elements(kid)


def _outline(items, depth=0):
    for item in items:
        yield depth, item
        yield from _outline(item.children, depth + 1)


@pytest.mark.parametrize("name", EDITIONS)
def test_contents_entries_link_to_the_page_each_chapter_starts_on(built_almanac, name):
    rep, source = report(built_almanac, name), book(SOURCE)
    entries = [text for role, text in rep.structure if role == "Link"][:len(source.chapters)]
    with pikepdf.open(built_almanac / name) as pdf, pdf.open_outline() as outline:
        starts = {item.title: _page_of(pdf, item) for _, item in _outline(outline.root)}
    assert entries == [f"{c.title} {starts[c.title]}" for c in source.chapters]


def _page_of(pdf, item) -> int:
    target = item.destination[0] if isinstance(item.destination, pikepdf.Array) else item.action.D[0]
    return next(n + 1 for n, page in enumerate(pdf.pages) if page.obj.objgen == target.objgen)


def test_every_text_colour_pair_the_pdf_paints_has_4_5_to_1_contrast():
    from almanac_build.checks.rules.colour import contrast as _contrast
    from almanac_build.styles import load_theme

    c = load_theme().data["colours"]
    pairs = [(c["text"], c["background"]), (c["link"], c["background"]), (c["secondary_text"], c["background"]),
             (c["text"], c["box_background"]), (c["link"], c["box_background"]),
             (c["text"], c["table_header_background"]), (c["link"], c["table_header_background"]),
             (c["on_brand"], c["brand"]), (c["brand"], c["background"])]
    pairs += [(s["text"], s["background"]) for s in c["status"].values()]
    pairs += [(c["on_brand"], ch.colour) for ch in book(SOURCE).chapters if ch.colour]  # openers
    low = [(fg, bg, round(_contrast(fg, bg), 2)) for fg, bg in pairs if _contrast(fg, bg) < 4.5]
    assert low == []


def test_repeated_header_rows_are_artifacts_not_content(built_almanac):
    """Tables run over pages and repeat their header row there, but each header cell is tagged once."""
    from collections import Counter

    rep, source = report(built_almanac, "almanac.pdf"), book(SOURCE)
    assert any(len(pages) > 1 for _, pages in rep.table_pages)
    expected = Counter()
    for table in (b for c in source.chapters for b in iter_blocks(c.blocks) if isinstance(b, m.Table)):
        for r, row in enumerate(table.grid()):
            for col, cell in enumerate(row):
                text = " ".join(block_text(cell.blocks).split()) if cell is not None else ""
                if text and (r < len(table.head) or col < table.row_header_cols):
                    expected[text] += 1
    assert Counter(texts(rep, "TH")) == expected


def test_lists_nest_and_number(built_sample):
    with pikepdf.open(built_sample / "almanac.pdf") as pdf:
        elements = list(_elements(pdf.Root.StructTreeRoot))
        nested = [e for e in elements if e.S == "/L" and e.P.S == "/LBody"]
        numbering = {str(e.A.ListNumbering) for e in elements if e.S == "/L"}
    assert nested, "the nested bullet list is not inside its item's LBody"
    assert {"/Decimal", "/Disc"} <= numbering
    labels = texts(report(built_sample, "almanac.pdf"), "Lbl")
    assert "1." in labels and "2." in labels and "•" in labels


@pytest.mark.parametrize("name", EDITIONS)
def test_no_heading_or_caption_ends_a_page(built_almanac, name):
    """Orphans, found from the tree: a heading or caption whose next content is on a later page."""
    assert report(built_almanac, name).orphans == []
