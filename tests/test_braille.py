"""The braille edition: layout limits, print page indicators, contents, structure and a back-translation
of the whole almanac against its source (liblouis is installed by tools/install-braille.sh)."""

from __future__ import annotations

import json

import pytest

from almanac_build import build as build_module
from almanac_build.diagnostics import ToolError
from almanac_build.source.loader import load
from almanac_build import liblouis as louis
from almanac_build.writers.braille.layout import BLANK, Pager, Unit, wrap
from almanac_build.writers.braille.linearise import HEADER_RULE, NOTE_OPEN
from almanac_build.writers.braille.translator import TO_BRF, Translator

from braille_support import indicators, is_indicator, pages, recovery
from conftest import SAMPLE, SOURCE, ROOT, run_cli

SECOND = ROOT / "tests" / "roots" / "cto-guidance"


@pytest.fixture(scope="module")
def g2() -> Translator:
    return Translator("en-ueb-g2.ctb")


@pytest.fixture(scope="module")
def almanac_brf(built_almanac) -> list[list[str]]:
    return pages((built_almanac / "almanac.brf").read_bytes().decode("ascii"))


@pytest.fixture(scope="module")
def almanac_book():
    return load(str(SOURCE))


def find_lines(page_lines, dots):
    return [(p, n) for p, page in enumerate(page_lines) for n, line in enumerate(page) if dots in line]


# ---------------------------------------------------------------- the file and its pages
def test_every_page_is_25_lines_of_at_most_40_cells(almanac_brf, built_almanac):
    raw = (built_almanac / "almanac.brf").read_bytes().decode("ascii")
    assert set(raw) <= set(TO_BRF.values()) | {"\r", "\n", "\f"}
    assert len(almanac_brf) > 100
    for page in almanac_brf:
        assert len(page) == 25
        assert all(len(line) <= 40 for line in page)


def test_braille_page_numbers_run_in_order(almanac_brf, g2):
    numbers = [g2.back(page[-1].strip(BLANK)) for page in almanac_brf]
    front = [n for n in numbers if n.startswith("p")]
    assert front == [f"p{n}" for n in range(1, len(front) + 1)]
    assert numbers[len(front):] == [str(n) for n in range(1, len(numbers) - len(front) + 1)]


def test_every_print_page_has_its_indicator_in_order(almanac_brf, built_almanac, g2):
    recorded = json.loads((built_almanac / ".build" / "pagination.json").read_text())["pages"]
    assert indicators(almanac_brf, g2) == [str(p["label"]) for p in recorded]
    import pikepdf

    with pikepdf.open(built_almanac / "almanac.pdf") as pdf:
        assert len(recorded) == len(pdf.pages)


def test_back_translation_recovers_the_source(almanac_brf, almanac_book, g2):
    found, total, missing = recovery(almanac_book, almanac_brf, g2)
    assert total > 10000
    assert found / total >= 0.99, missing


def test_contents_page_numbers_point_at_each_chapter(almanac_brf, almanac_book, g2, built_almanac):
    record = json.loads((built_almanac / ".build" / "braille.json").read_text())
    front = record["preliminary_pages"]
    contents = [line for page in almanac_brf[:front] for line in page]
    for chapter in almanac_book.chapters:
        number = record["contents"][chapter.id]
        title = wrap(g2.dots(chapter.title), 40)[0].strip(BLANK)
        body_page = almanac_brf[front + number - 1]
        assert any(line.strip(BLANK) == title for line in body_page), chapter.id
        entry = next(n for n, line in enumerate(contents) if line.startswith(g2.dots(chapter.title)[:20]))
        lines_to_number = contents[entry:entry + 3]
        assert any(line.endswith(BLANK + g2.dots(str(number))) for line in lines_to_number), chapter.id


# ---------------------------------------------------------------- structure
def test_headings_are_set_apart_by_level(almanac_brf, g2, built_almanac):
    record = json.loads((built_almanac / ".build" / "braille.json").read_text())
    opening = almanac_brf[record["preliminary_pages"] + record["contents"]["connectivity"] - 1]
    title = next(line for line in opening if line.strip(BLANK) == g2.dots("Connectivity"))
    assert title.startswith(BLANK * 10)  # centred
    cell5 = [line for page in almanac_brf for line in page if line.strip(BLANK) == g2.dots("What we mean by connectivity")]
    assert cell5 and cell5[0].startswith(BLANK * 4) and not cell5[0].startswith(BLANK * 5)


def test_links_keep_their_address_and_placeholders_do_not(almanac_brf, g2, almanac_book):
    from almanac_build import model as m
    from almanac_build.text import plain
    from almanac_build.walk import iter_inlines

    text = BLANK.join(line.strip(BLANK) for page in almanac_brf for line in page[:-1]
                      if line.strip(BLANK) and not is_indicator(line))
    links = [n for c in almanac_book.chapters for n in iter_inlines(c.blocks) if isinstance(n, m.Link)]
    external = [n for n in links if n.url.startswith("http")]
    placeholders = [n for n in links if n.placeholder]
    assert external and placeholders
    joined = text.replace(BLANK, "")  # a long address is broken where the line ends
    for link in external:
        assert g2.dots(f"{plain(link.children)} ({link.url})").replace(BLANK, "") in joined, link.url
    assert g2.dots("(#)") not in text
    assert g2.dots(f"{plain(placeholders[0].children)}") in text


def test_described_figures_are_transcribers_notes_and_decorative_ones_are_left_out(tmp_path, g2):
    out = tmp_path / "out"
    build_module.build(str(SAMPLE), str(out), ["braille"])
    book = load(str(SAMPLE))
    from almanac_build import model as m
    from almanac_build.walk import iter_blocks

    figures = [b for c in book.chapters for b in iter_blocks(c.blocks) if isinstance(b, m.Figure)]
    described = [f for f in figures if not f.decorative]
    assert described
    lines = pages((out / "almanac.brf").read_bytes().decode("ascii"))
    notes = [line for page in lines for line in page if NOTE_OPEN in line]
    assert len(notes) >= len(described)
    flat = "".join(line.strip(BLANK) for page in lines for line in page)
    for figure in described:
        assert g2.dots(figure.alt.split()[0]) in flat


def cell(text: str, header: bool = False):
    from almanac_build import model as m

    return m.Cell([m.Paragraph([m.Text(text)])], header)


def table_lines(table, g2) -> list[str]:
    from almanac_build import model as m
    from almanac_build.writers.braille.linearise import Lineariser

    book = m.Book(load(str(SAMPLE)).meta, [m.Chapter("t", "T", "front", [table], "t.md")], [])
    units = Lineariser(book, g2, 40, []).book_units()
    pager = Pager(40, 25, lambda n: g2.dots(str(n)))
    pager.add(units)
    return [line for page in pager.finish() for line in page.lines]


def test_lists_keep_their_nesting(g2):
    from almanac_build import model as m

    def para(text):
        return m.Paragraph([m.Text(text)])

    inner = m.ListBlock([[para("Fibre to the premises")], [para("Fixed wireless")]])
    outer = m.ListBlock([[para("Wired"), inner], [para("Mobile")]], ordered=True)
    lines = table_lines(outer, g2)
    first = next(n for n, line in enumerate(lines) if line.strip(BLANK) == g2.dots("1. Wired"))
    assert lines[first].startswith(g2.dots("1."))  # cell 1
    assert lines[first + 1] == BLANK * 2 + g2.dots("Fibre to the premises")  # nested: cell 3
    assert lines[first + 2] == BLANK * 2 + g2.dots("Fixed wireless")
    assert lines[first + 3] == g2.dots("2. Mobile")


def test_contents_lists_a_parts_chapters_under_it(g2):
    from almanac_build import model as m
    from almanac_build.writers.braille.writer import contents

    meta = load(str(SAMPLE)).meta
    book = m.Book(meta, [m.Chapter("p", "Part one", "part", [], "p.md"),
                         m.Chapter("c", "Getting started", "chapter", [], "c.md", part="p")], [])
    units = contents(book, g2, {"p": 1, "c": 2}, 40)
    part_line, chapter_line = units[1].lines[0], units[2].lines[0]
    assert part_line.startswith(g2.dots("Part one")) and part_line.endswith(g2.dots("1"))
    assert chapter_line.startswith(BLANK * 2 + g2.dots("Getting started")) and chapter_line.endswith(g2.dots("2"))
    assert len(part_line) == len(chapter_line) == 40


def test_a_narrow_table_stays_a_table(g2):
    from almanac_build import model as m

    table = m.Table([[cell("Area", True), cell("Score", True)]], [[cell("North", True), cell("Green")]],
                    "Scores", row_header_cols=1)
    lines = table_lines(table, g2)
    rule = next(n for n, line in enumerate(lines) if HEADER_RULE in line)
    assert lines[rule - 1].startswith(g2.dots("Area")) and g2.dots("Score") in lines[rule - 1]
    assert lines[rule + 1].startswith(g2.dots("North")) and lines[rule + 1].endswith(g2.dots("Green"))


def test_a_wide_table_is_read_row_by_row_with_its_column_headers(almanac_brf, g2):
    from almanac_build import model as m

    heads = ["Use", "Activity", "Decent speed", "Superfast speed", "Ultrafast speed"]
    table = m.Table([[cell(h, True) for h in heads]], [[cell("At home", True), cell("Streaming video"), cell("Amber"),
                                                        cell("Green"), cell("Green")]], "Speeds", row_header_cols=1)
    lines = [line.strip(BLANK) for line in table_lines(table, g2)]
    at = lines.index(g2.dots("At home"))
    assert lines[at + 1:at + 5] == [g2.dots(f"{h}: {v}") for h, v in zip(heads[1:], ["Streaming video", "Amber", "Green", "Green"])]
    # the almanac's broadband table (six columns) is read that way, its status words kept
    flat = [line.strip(BLANK) for page in almanac_brf for line in page]
    assert g2.dots("Superfast: Green") in flat and g2.dots("Decent: Amber") in flat


def test_uncontracted_on_request(tmp_path, g2):
    out = tmp_path / "out"
    build_module.build(str(SAMPLE), str(out), ["braille-uncontracted"])
    g1 = Translator("en-ueb-g1.ctb")
    text = (out / "almanac-uncontracted.brf").read_bytes().decode("ascii")
    assert g1.dots("the council") != g2.dots("the council")
    assert "".join(TO_BRF[c] for c in g1.dots("council")) in text
    assert json.loads((out / ".build" / "braille.json").read_text())["grade"] == 1


def test_download_page_lists_the_braille_edition(built_almanac):
    page = (built_almanac / "index.html").read_text(encoding="utf-8")
    assert 'href="almanac.brf"' in page and "braille pages" in page and "embossers" in page


def test_second_publication_has_a_braille_edition(tmp_path, g2):
    out = tmp_path / "out"
    result = build_module.build(str(SECOND), str(out), ["braille"])
    brf = [p for p in result.written if p.endswith(".brf")]
    assert brf
    with open(brf[0], "rb") as handle:
        lines = pages(handle.read().decode("ascii"))
    book = load(str(SECOND))
    found, total, missing = recovery(book, lines, g2)
    assert found / total >= 0.99, missing


# ---------------------------------------------------------------- layout rules
def test_wrap_breaks_at_blank_cells_and_splits_only_what_cannot_fit():
    words = BLANK.join(["⠁" * 10] * 5)
    lines = wrap(words, 40, 2, 0)
    assert lines[0].startswith(BLANK * 2) and all(len(line) <= 40 for line in lines)
    assert [w for line in lines for w in line.split(BLANK) if w] == ["⠁" * 10] * 5
    assert wrap("⠁" * 90, 40) == ["⠁" * 40, "⠁" * 40, "⠁" * 10]


def test_a_heading_never_ends_a_page_and_no_page_starts_blank():
    pager = Pager(40, 5, lambda n: "⠼" + "⠁⠃⠉"[n - 1])
    pager.add([Unit("⠁", first=2), Unit("⠃", first=2), Unit("⠉", first=2),
               Unit("⠓⠓", first=4, blank_before=True, keep_with_next=True), Unit("⠙", first=2)])
    result = pager.finish()
    assert [line.strip(BLANK) for line in result[0].lines[:4]] == ["⠁", "⠃", "⠉", ""]
    assert result[1].lines[0].strip(BLANK) == "⠓⠓"  # moved over with its paragraph, no blank line above it
    assert all(len(page.lines) == 5 for page in result)


# ---------------------------------------------------------------- without liblouis
def test_without_liblouis_the_rest_is_built_and_braille_says_how_to_get_it(monkeypatch):
    monkeypatch.setattr(louis, "BINDING_DIRS", ())
    monkeypatch.delitem(__import__("sys").modules, "louis", raising=False)
    louis.louis_module.cache_clear()
    try:
        assert not louis.available()
        names = [entry.name for entry in build_module.select_writers(None)]
        assert "braille" not in names and "pdf" in names and "downloads" in names
        assert build_module.missing_optional(None) == ["braille"]
        with pytest.raises(ToolError, match="make braille"):
            Translator("en-ueb-g2.ctb")
    finally:
        louis.louis_module.cache_clear()
