"""The PDF editions are read in forked processes (checks/readers.py). A view that comes back from a
process must be the view read here, and a reader process that dies must cost nothing but time."""

from __future__ import annotations

import os

from almanac_build.checks import readers
from almanac_build.checks.run import collect_views
from almanac_build.source.loader import load
from conftest import SAMPLE


def _views(out, monkeypatch=None, **patches):
    if monkeypatch is not None:
        for name, value in patches.items():
            monkeypatch.setattr(readers, name, value)
    problems: list[str] = []
    views = collect_views(load(str(SAMPLE)), str(out), problems)
    return views, problems


def _same(a, b) -> None:
    assert [v.file for v in a] == [v.file for v in b]
    for left, right in zip(a, b):
        assert left == right  # dataclasses: every heading, link, table, image, block, fact and location


def test_views_from_processes_equal_views_read_here(built_sample, monkeypatch):
    forked, problems = _views(built_sample)
    assert not problems and len(forked["P"]) == 2 and forked["P"][0].headings
    here, problems = _views(built_sample, monkeypatch, _can_fork=lambda: False)
    assert not problems
    for fmt in here:
        _same(forked[fmt], here[fmt])


def _die(job):
    os._exit(3)  # as if the reader process were killed (out of memory)


def test_a_reader_process_that_dies_is_replaced(built_sample, monkeypatch):
    expected, _ = _views(built_sample)
    read_here, original = [], readers.read_one

    def counting(readers_, job, problems):
        read_here.append((os.getpid(), job))
        return original(readers_, job, problems)

    died, problems = _views(built_sample, monkeypatch, _read_forked=_die, read_one=counting)
    assert not problems
    assert {job for pid, job in read_here if pid == os.getpid()} >= {("P", "almanac.pdf"),
                                                                     ("P", "almanac-large-print.pdf")}
    _same(died["P"], expected["P"])
