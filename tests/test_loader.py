"""The loader: positions carried from Markdown into the model, structured blocks, generated tables."""

from __future__ import annotations

from almanac_build import model as m
from almanac_build.source.loader import load
from almanac_build.text import block_text, plain
from almanac_build.walk import iter_blocks, iter_inlines
from conftest import SAMPLE


def chapter(book, chapter_id):
    return next(c for c in book.chapters if c.id == chapter_id)


def test_heading_reports_the_line_it_is_written_on():
    book = load(str(SAMPLE))
    connectivity = chapter(book, "connectivity")
    heading = next(b for b in connectivity.blocks if isinstance(b, m.Heading)
                   and plain(b.children) == "Understand connectivity speeds")
    lines = (SAMPLE / "chapters" / "02-connectivity.md").read_text().split("\n")
    expected = lines.index("### Understand connectivity speeds") + 1
    assert heading.loc.line == expected == 15
    assert heading.loc.col == 1
    assert heading.loc.file.endswith("chapters/02-connectivity.md")
    assert heading.level == 3


def test_inline_positions_point_at_the_link():
    book = load(str(SAMPLE))
    links = [i for i in iter_inlines(chapter(book, "introduction").blocks) if isinstance(i, m.Link)]
    placeholder = next(link for link in links if link.placeholder)
    assert plain(placeholder.children) == "a placeholder link"
    line = (SAMPLE / "chapters" / "01-introduction.md").read_text().split("\n")[8]
    assert (placeholder.loc.line, placeholder.loc.col) == (9, line.index("[a placeholder link]") + 1)


def test_structured_blocks_become_model_objects():
    book = load(str(SAMPLE))
    blocks = list(iter_blocks(chapter(book, "connectivity").blocks))
    case = next(b for b in blocks if isinstance(b, m.CaseStudy))
    assert (case.organisation, case.category, case.councils) == ("Dorset Council", "Rural", ["dorset"])
    assert any(isinstance(b, m.ListBlock) for b in case.blocks)
    practice = next(b for b in blocks if isinstance(b, m.Practice))
    assert [t.title for t in practice.themes] == ["Building knowledge and skills", "Investing in infrastructure"]
    assert len(practice.themes[0].actions) == 2
    figure = next(b for b in blocks if isinstance(b, m.Figure))
    assert figure.alt.startswith("Bar chart") and figure.caption == "Gigabit coverage" and not figure.decorative


def test_tables_keep_captions_row_headers_and_status_words():
    book = load(str(SAMPLE))
    tables = [b for b in chapter(book, "connectivity").blocks if isinstance(b, m.Table)]
    speeds, traffic = tables
    assert speeds.caption == "Broadband and mobile speeds"
    assert speeds.row_header_cols == 1 and all(row[0].header for row in speeds.body)
    assert [block_text(c.blocks) for c in speeds.head[0]] == ["Type", "Name", "What it means"]
    statuses = [[c.status for c in row] for row in traffic.body]
    assert statuses == [["", "amber", "green"], ["", "red", "green"]]
    assert block_text(traffic.body[0][1].blocks) == "Amber"  # the word stays: never colour alone
    first_cell = traffic.body[0][0].blocks[0]
    assert isinstance(first_cell, m.ListBlock) and len(first_cell.items) == 2


def test_generated_tables_come_from_front_matter_and_councils():
    book = load(str(SAMPLE))
    overview = next(b for b in chapter(book, "introduction").blocks if isinstance(b, m.Table))
    assert [block_text(r[0].blocks) for r in overview.body] == ["Connectivity", "Data"]
    assert block_text(overview.body[0][1].blocks).startswith("The council supports residents")
    annex = next(b for b in chapter(book, "annex-a").blocks if isinstance(b, m.Table))
    assert [[block_text(c.blocks) for c in r] for r in annex.body] == [
        ["Brent", "London Borough", "Greater London"], ["Dorset", "Unitary Authority", "South West"]]


def test_changing_a_councils_region_changes_the_annex(sample_copy):
    councils = (SAMPLE / "data" / "councils.yaml").read_text().replace("region: South West", "region: Wessex")
    book = load(str(sample_copy({"data/councils.yaml": councils})))
    annex = next(b for b in chapter(book, "annex-a").blocks if isinstance(b, m.Table))
    assert ["Dorset", "Unitary Authority", "Wessex"] in [[block_text(c.blocks) for c in r] for r in annex.body]


def test_ids_are_stable_and_unique():
    book = load(str(SAMPLE))
    ids = [b.id for c in book.chapters for b in iter_blocks(c.blocks) if getattr(b, "id", "")]
    assert len(ids) == len(set(ids))
    assert "connectivity-what-we-mean-by-connectivity" in ids
    assert "connectivity-case-dorset-council" in ids


def test_metadata_is_read():
    meta = load(str(SAMPLE)).meta
    assert meta.language == "en-GB" and meta.contact.telephone == "020 7664 3000"
    assert meta.cover_decorative and meta.cover_image.endswith("images/cover.svg")


def test_empty_row_header_under_a_group_becomes_a_rowspan(sample_copy):
    table_text = """
::: {.table caption="Speeds" row-headers=1}
| Type | Name | Speed |
|---|---|---|
| Broadband | Decent | 10 |
| | Superfast | 30 |
| Mobile | 4G | 25 |
:::
"""
    connectivity = (SAMPLE / "chapters" / "02-connectivity.md").read_text() + table_text
    book = load(str(sample_copy({"chapters/02-connectivity.md": connectivity})))
    table = [b for b in chapter(book, "connectivity").blocks if isinstance(b, m.Table)][-1]
    assert [[block_text(c.blocks) for c in row] for row in table.body] == [
        ["Broadband", "Decent", "10"], ["Superfast", "30"], ["Mobile", "4G", "25"]]
    assert table.body[0][0].rowspan == 2 and table.body[0][0].header
