"""Every block and inline class of model.py is handled by the one traversal (walk.py), the text
extractor (text.py), the checks' source view and tracer, and every writer: a specimen of each class,
each carrying its own marker word, is walked, extracted, viewed, traced and written, and each marker
must come out. A class added to the model and missed anywhere fails here, not silently in an output."""

from __future__ import annotations

import dataclasses
import os
import typing
import zipfile

import pikepdf
import pytest

from almanac_build import model as m
from almanac_build.checks import trace
from almanac_build.checks.views import source as source_view
from almanac_build.diagnostics import Loc
from almanac_build.source.loader import load
from almanac_build.styles import load_theme
from almanac_build.text import block_text, own_text
from almanac_build.walk import child_groups, iter_blocks, iter_inlines
from almanac_build.writers.base import BuildContext
from almanac_build.writers.registry import ENTRIES
from conftest import SAMPLE, pdf_text

BLOCKS = set(typing.get_args(m.Block)) | {m.PracticeTheme}
INLINES = set(typing.get_args(m.Inline))
NOT_NODES = {m.Cell, m.Chapter, m.Council, m.Contact, m.Metadata, m.Book}  # parts of a table or the book
NO_TEXT = {m.ThematicBreak, m.LineBreak, m.Practice, m.Generated}  # no text of their own or inside
LOADER_ONLY = {m.Generated}  # filled from data by the loader: never reaches a writer


def _para(word: str) -> m.Paragraph:
    return m.Paragraph([m.Text(word)])


def specimen(image: str, chapter_file: str) -> list[m.Block]:
    """One of every block and inline class; each text is its class's marker, `Specimen<class>`."""
    here = Loc(chapter_file, 1, 1)
    inlines = [m.Text("Specimentext "), m.Emph([m.Text("Specimenemph")]), m.Text(" "),
               m.Strong([m.Text("Specimenstrong")]), m.Text(" "), m.Code("Specimeninlinecode"), m.LineBreak(),
               m.Link([m.Text("Specimenlink")], "https://example.org/specimen"), m.Text(" "),
               m.Span([m.Text("Specimenspan")], ["specimen"]), m.Text(" "),
               m.InlineImage(image, "Specimeninlineimage")]
    return [
        m.Heading(2, [m.Text("Specimenheading")], "specimen-heading", here),
        m.Paragraph(inlines, here),
        m.ListBlock([[_para("Specimenlistblock")]]),
        m.BlockQuote([_para("Specimenblockquote")]),
        m.CodeBlock("Specimencodeblock"),
        m.ThematicBreak(),
        m.Table([[m.Cell([_para("Specimenheadcell")], header=True)]], [[m.Cell([_para("Specimenbodycell")])]],
                "Specimentable", id="table-specimen", loc=here),
        m.Figure(image, "Specimenalt", caption="Specimenfigure", id="figure-specimen", loc=here),
        m.CaseStudy("Specimencasestudy", "Specimencategory", [], [_para("Specimencasebody")], "case-specimen", here),
        m.Practice([m.PracticeTheme("Specimenpracticetheme", [[_para("Specimenaction")]], "practice-specimen",
                                    here)]),
        m.Generated("council-table", {}),
    ]


MARKERS = {cls: f"Specimen{cls.__name__.lower()}" for cls in BLOCKS | INLINES if cls not in NO_TEXT}
MARKERS.update({m.Paragraph: "Specimentext", m.Code: "Specimeninlinecode"})  # no marker is inside another


@pytest.fixture(scope="module")
def book():
    loaded = load(str(SAMPLE))
    image = str(SAMPLE / "images" / "chart.svg")
    chapter = loaded.chapters[-1]
    chapter.blocks += specimen(image, chapter.path)
    return loaded


def test_every_model_node_class_is_a_block_or_an_inline():
    classes = {c for c in vars(m).values() if isinstance(c, type) and dataclasses.is_dataclass(c)
               and c.__module__ == m.__name__}
    assert classes - NOT_NODES == BLOCKS | INLINES


def test_the_traversal_and_the_text_extractor_know_every_class(book):
    blocks = book.chapters[-1].blocks
    assert {type(b) for b in iter_blocks(blocks)} >= BLOCKS
    assert {type(i) for i in iter_inlines(blocks)} >= INLINES
    text = block_text(blocks)  # every block's own text and its inlines' (an inline image: its alt)
    for cls, marker in MARKERS.items():
        assert marker in text, cls.__name__
    assert "Specimenalt" not in text  # a figure's alt is not its text: its caption is
    for cls in BLOCKS:
        sample = next(b for b in iter_blocks(blocks) if type(b) is cls)
        child_groups(sample), own_text(sample)  # neither raises for a known class


def test_an_unknown_class_stops_every_walk():
    @dataclasses.dataclass
    class Callout:
        blocks: list

    with pytest.raises(TypeError, match="walk.py"):
        list(iter_blocks([Callout([])]))
    with pytest.raises(TypeError, match="text.py"):
        own_text(Callout([]))
    with pytest.raises(TypeError, match="source view"):
        source_view._walk(source_view.View("S", "x.md"), [Callout([])], "body")
    assert set(source_view._OWN) == BLOCKS and set(trace.TRACED_AS) == BLOCKS


def test_the_source_view_reads_every_class_it_judges(book):
    views = source_view.source_views(book)
    view = views[-1]
    seen = " ".join([h.text for h in view.headings] + [b.text for b in view.blocks] + [i.alt for i in view.images]
                    + [i.caption or "" for i in view.images] + [link.text for link in view.links]
                    + [t.caption or "" for t in view.tables] + [c.text for t in view.tables for r in t.rows for c in r])
    judged = {cls for cls, read in source_view._OWN.items() if read is not source_view._nothing_of_its_own}
    assert judged == {m.Heading, m.Paragraph, m.Figure, m.Table}
    not_judged = {m.CodeBlock, m.CaseStudy, m.PracticeTheme}  # verbatim code; titles the writers make headings
    for cls, marker in MARKERS.items():
        assert (marker in seen) == (cls not in not_judged), cls.__name__
    assert "Specimenalt" in seen
    assert "Specimencasebody" in seen
    assert next(b for b in view.blocks if b.text == "Specimenaction").context == "list"
    assert next(b for b in view.blocks if b.text == "Specimenlistblock").context == "list"
    assert next(b for b in view.blocks if b.text == "Specimenblockquote").context == "quote"


def test_the_tracer_finds_every_class_with_text_of_its_own(book):
    tracer = trace.Tracer(book)
    for block in iter_blocks(book.chapters[-1].blocks):
        kind = trace.TRACED_AS[type(block)]
        if kind and block.loc:
            text = block.alt if isinstance(block, m.Figure) else own_text(block)
            assert tracer.find(kind, text) == block.loc, type(block).__name__
    assert tracer.by_id("case-specimen") and tracer.by_id("practice-specimen") and tracer.by_id("table-specimen")


def _strings(path: str, book: m.Book) -> str:
    """Everything a reader can get from an output: its text and its alt texts (raw markup for the
    XML formats, where text nodes and attributes are both in the file; text and /Alt for a PDF; a
    braille file translated back to print, lines joined)."""
    if path.endswith(".brf"):
        from almanac_build.writers.braille.translator import Translator, from_brf, table_for

        grade = 1 if path.endswith("-uncontracted.brf") else 2
        with open(path, encoding="ascii") as handle:
            lines = handle.read().replace("\f", "\n").splitlines()
        back = Translator(table_for(book.meta.language, grade))
        return " ".join(back.back(from_brf(line)) for line in lines)
    if path.endswith(".pdf"):
        with pikepdf.open(path) as pdf:
            alts = [str(obj.Alt) for obj in pdf.objects if isinstance(obj, pikepdf.Dictionary) and "/Alt" in obj]
        return pdf_text(path) + " ".join(alts)
    if path.endswith((".epub", ".docx")):
        with zipfile.ZipFile(path) as archive:
            return " ".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist()
                            if n.endswith((".xhtml", ".xml")))
    with open(path, encoding="utf-8") as handle:
        return handle.read()


@pytest.fixture(scope="module")
def written(book, tmp_path_factory):
    staging = tmp_path_factory.mktemp("specimen")
    ctx = BuildContext(str(staging), book.theme or load_theme(), 1700000000, str(staging / ".build"))
    for entry in ENTRIES:  # registry order: the print PDF first, whose page record HTML and EPUB read
        entry.load().write(book, ctx)
    return {entry.name: str(staging / entry.output_names()[0]) for entry in ENTRIES}


@pytest.mark.parametrize("writer", [e.name for e in ENTRIES if e.name != "downloads"])
def test_every_writer_writes_every_class(book, written, writer):
    text = _strings(written[writer], book)
    missing = [cls.__name__ for cls, marker in MARKERS.items() if cls not in LOADER_ONLY and marker not in text]
    assert missing == [], f"{os.path.basename(written[writer])} lacks {missing}"
