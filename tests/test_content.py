"""The real almanac in source/: every part present, structured, and the generated parts fed by data."""

from __future__ import annotations

import pytest

from almanac_build import model as m
from almanac_build.source.loader import load
from almanac_build.text import block_text, plain
from almanac_build.walk import iter_blocks, iter_inlines
from conftest import SAMPLE, SOURCE

OUTCOMES = ["connectivity", "data", "democracy-and-participation", "economic-productivity-and-growth",
            "ethics-and-sustainability", "inclusion", "leadership", "organisational-capability", "partnership",
            "security-and-resilience", "services", "value"]


@pytest.fixture(scope="module")
def book():
    return load(str(SOURCE))


def tables_in(book, chapter_id):
    chapter = next(c for c in book.chapters if c.id == chapter_id)
    return [b for b in iter_blocks(chapter.blocks) if isinstance(b, m.Table)]


def test_every_part_of_the_2023_edition_is_there(book):
    assert [c.id for c in book.chapters if c.kind == "outcome"] == OUTCOMES
    kinds = [c.kind for c in book.chapters]
    assert kinds[0] == "front" and kinds[-2:] == ["annex", "annex"]
    for chapter in book.chapters:
        if chapter.kind == "outcome":
            assert chapter.outcome and chapter.colour and chapter.icon.endswith(f"{chapter.id}.svg")
            blocks = list(iter_blocks(chapter.blocks))
            assert any(isinstance(b, m.CaseStudy) for b in blocks), chapter.id
            practice = [b for b in blocks if isinstance(b, m.Practice)]
            assert practice and all(t.actions for t in practice[0].themes), chapter.id
    assert book.meta.contact.email == "info@local.gov.uk" and book.meta.reference == "REF 67.4"


def test_outcomes_overview_lists_the_12_outcomes_from_front_matter(book):
    overview = next(t for t in tables_in(book, "introduction") if len(t.body) == 12)
    outcome_of = {c.title: c.outcome for c in book.chapters if c.kind == "outcome"}
    for row in overview.body:
        assert block_text(row[1].blocks) == outcome_of[block_text(row[0].blocks)]


def test_leader_checklist_comes_from_each_chapters_leader_check(book):
    checks = {c.title: c.leader_check for c in book.chapters if c.leader_check}
    checklist = next(t for t in tables_in(book, "leadership") if "digital leader" in t.caption.lower())
    assert {block_text(r[0].blocks): block_text(r[1].blocks) for r in checklist.body} == checks
    assert len(checks) == 11  # every outcome but Leadership itself, as in the 2023 edition


@pytest.mark.parametrize("chapter_id, flag", [("annex-a", "contributor"),
                                              ("annex-b", "notable_practice")])
def test_annex_tables_come_from_councils_yaml(book, chapter_id, flag):
    annex = next(c for c in book.chapters if c.id == chapter_id)
    table = next(b for b in annex.blocks if isinstance(b, m.Table))
    rows = [[block_text(c.blocks) for c in r] for r in table.body]
    expected = sorted(([c.name, c.type, c.region] for c in book.councils if getattr(c, flag)),
                      key=lambda r: r[0].lower())
    assert rows == expected and len(rows) > 20


def test_every_case_study_resolves_to_the_registry(book):
    known = {c.id for c in book.councils}
    cases = [b for c in book.chapters for b in iter_blocks(c.blocks) if isinstance(b, m.CaseStudy)]
    assert len(cases) >= 30
    assert all(case.councils and set(case.councils) <= known for case in cases)


def test_lost_links_stay_placeholders_and_addresses_are_real_links(book):
    links = [i for c in book.chapters for i in iter_inlines(c.blocks) if isinstance(i, m.Link)]
    placeholders = [link for link in links if link.placeholder]
    assert len(placeholders) > 250
    urls = {link.url for link in links if not link.placeholder}
    assert "https://www.local.gov.uk/cyberdigital/almanac" in urls
    assert all(u.startswith(("https://", "mailto:", "#")) for u in urls)


def test_traffic_light_table_keeps_its_words(book):
    speeds = next(t for t in tables_in(book, "connectivity") if any(c.status for r in t.body for c in r))
    cells = [c for r in speeds.body for c in r if c.status]
    assert {block_text(c.blocks) for c in cells} == {"Red", "Amber", "Green"}
    assert all(block_text(c.blocks).lower() == c.status for c in cells)


def test_icons_are_decorative_and_cover_is_declared(book):
    assert book.meta.cover_image.endswith("cover.svg")
    assert book.meta.cover_decorative or book.meta.cover_alt


def test_unmentioned_notable_practice_council_is_reported(sample_copy):
    councils = (SAMPLE / "data" / "councils.yaml").read_text() + (
        "  - id: hackney\n    name: Hackney\n    type: London Borough\n    region: Greater London\n"
        "    notable_practice: true\n")
    warnings = [str(w) for w in load(str(sample_copy({"data/councils.yaml": councils}))).warnings]
    assert len(warnings) == 1
    assert warnings[0].endswith("warning: notable-practice council 'Hackney' is not mentioned by any case study "
                                "or chapter — add a case study naming it, or set notable_practice: false")


def test_headings_in_chapters_never_skip_a_level(book):
    for chapter in book.chapters:
        level = 1
        for block in iter_blocks(chapter.blocks):
            if isinstance(block, m.Heading):
                assert block.level <= level + 1, f"{chapter.id}: {plain(block.children)}"
                level = block.level
