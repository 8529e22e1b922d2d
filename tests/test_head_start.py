"""The head start (source/batches.py): Pandoc begun on the chapter files before the loader runs. Its
result is used only for exactly the files the loader would send, it never changes the book, and runs
nobody takes are stopped."""

from __future__ import annotations

import os

import pytest

from almanac_build.diagnostics import AlmanacError
from almanac_build.source.batches import HeadStart, make_batches, pandoc_files
from almanac_build.source.loader import load
from conftest import SAMPLE

DATA = "chapters/03-data.md"


def test_the_head_start_is_taken_and_gives_the_same_book():
    head = HeadStart.begin(str(SAMPLE))
    assert len(head.readings) == 2  # two batches, one Pandoc run each
    try:
        book = load(str(SAMPLE), head)
        assert head.readings == {}  # the loader took both runs instead of starting its own
    finally:
        head.close()
    assert book == load(str(SAMPLE))


def test_a_chapter_changed_after_the_start_is_read_again(sample_copy):
    source = sample_copy()
    head = HeadStart.begin(str(source))
    data = source / DATA
    data.write_text(data.read_text(encoding="utf-8") + "\nA sentence written after Pandoc began.\n", encoding="utf-8")
    try:
        book = load(str(source), head)
        left = list(head.readings.values())
    finally:
        head.close()
    assert len(left) == 1  # the batch with the data chapter was not used; the other one was
    assert left[0].process.poll() is not None  # and close() stopped or collected it
    assert book == load(str(source))
    chapter = next(c for c in book.chapters if c.id == "data")
    assert "A sentence written after Pandoc began." in repr(chapter.blocks)


def test_chapters_listed_out_of_file_name_order_are_read_in_the_listed_order(sample_copy):
    almanac = (SAMPLE / "almanac.yaml").read_text(encoding="utf-8")
    swapped = almanac.replace("  - 02-connectivity.md\n  - 03-data.md", "  - 03-data.md\n  - 02-connectivity.md")
    source = sample_copy({"almanac.yaml": swapped})
    head = HeadStart.begin(str(source))
    try:
        book = load(str(source), head)
    finally:
        head.close()
    assert [c.id for c in book.chapters][1:3] == ["data", "connectivity"]
    assert book == load(str(source))


def test_a_source_error_stops_the_head_start(sample_copy):
    text = (SAMPLE / DATA).read_text(encoding="utf-8")
    source = sample_copy({DATA: text + "\n::: {.case-study organisation=\"X\"}\nNever closed.\n"})
    head = HeadStart.begin(str(source))
    readings, folder = list(head.readings.values()), head.folder
    assert readings and os.path.isdir(folder)
    with pytest.raises(AlmanacError, match="never closed|not closed|unclosed"):
        load(str(source), head)
    head.close()
    assert all(r.process.poll() is not None for r in readings)
    assert not os.path.exists(folder)


def test_no_head_start_without_readable_chapters(tmp_path):
    assert HeadStart.begin(str(tmp_path)).readings == {}  # no chapters folder: nothing started, nothing raised
    (tmp_path / "chapters").mkdir()
    (tmp_path / "chapters" / "01.md").write_text("no front matter\n", encoding="utf-8")
    head = HeadStart.begin(str(tmp_path))
    assert head.readings == {} and head.folder == ""


def test_batches_are_even_consecutive_and_cover_every_file():
    files = pandoc_files(["x" * size for size in (818, 2770, 13196, 10692, 9961, 7987, 10408, 11596, 6803, 10234,
                                                  10445, 9999, 12255, 10363, 494, 144)])
    batches = make_batches(files)
    assert [name for batch in batches for name, _ in batch] == [name for name, _ in files]
    assert [sum(len(text) for _, text in batch) for batch in batches] == [67428 + 8, 60737 + 8]  # each text ends with a newline
    long = make_batches(pandoc_files(["y" * 150_000] * 10))
    assert len(long) % 2 == 0 and sum(len(b) for b in long) == 10


def test_load_meanwhile_runs_the_work_here_while_the_source_loads(monkeypatch):
    import threading

    from almanac_build.source import batches

    seen = []
    book, value = batches.load_meanwhile(str(SAMPLE), lambda: seen.append(threading.current_thread()) or 42)
    assert value == 42 and seen == [threading.main_thread()]
    assert book == load(str(SAMPLE))
    started: list = []
    original = HeadStart.begin.__func__
    monkeypatch.setattr(HeadStart, "begin", classmethod(lambda cls, d: started.append(original(cls, d)) or started[0]))
    with pytest.raises(ZeroDivisionError):  # the work fails: the load finishes, the head start is closed
        batches.load_meanwhile(str(SAMPLE), lambda: 1 / 0)
    assert started[0].readings == {} and started[0].folder == ""
