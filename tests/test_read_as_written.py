"""`almanac check` reads each output while the other writers still run (checks/as_written.py): the
build calls its hook once per writer, with that writer's outputs complete in the staging folder, and
the views read that way are the views read from output/ after the build."""

from __future__ import annotations

import os

from almanac_build.build import build
from almanac_build.check import check
from almanac_build.checks.as_written import ReadAsWritten
from almanac_build.checks.run import collect_views
from almanac_build.source.loader import load
from almanac_build.writers.registry import WRITERS
from conftest import SAMPLE


def test_the_hook_sees_each_writer_once_with_its_outputs_complete(tmp_path):
    seen: list[tuple[str, bool]] = []
    settled: list[bool] = []

    prepared: list[bool] = []

    class Watcher:
        def prepare(self):  # in the thread importing the writers, while the source loads
            prepared.append(not seen)

        def written(self, book, name, folder):
            outputs = WRITERS[name].output_names(book.meta.slug)
            seen.append((name, all(os.path.exists(os.path.join(folder, o)) for o in outputs)))
            assert os.path.dirname(os.path.normpath(folder)) == str(tmp_path / "out")  # staging, not yet published
            assert not settled

        def settle(self):
            settled.append(not any(os.path.exists(tmp_path / "out" / o) for o in WRITERS["pdf"].output_names()))

    result = build(str(SAMPLE), str(tmp_path / "out"), ["pdf", "html", "docx", "epub"], watcher=Watcher())
    assert sorted(name for name, _ in seen) == sorted(set(name for name, _ in seen))
    assert {name for name, _ in seen} >= {"pdf", "pdf-large-print", "html", "docx", "epub"}
    assert all(complete for _, complete in seen), seen
    assert settled == [True]  # once, before anything was published
    assert prepared == [True]  # once, before the first writer was done
    assert result.written


def test_views_read_as_written_equal_views_read_after_the_build(tmp_path):
    early = ReadAsWritten()
    build(str(SAMPLE), str(tmp_path / "out"), ["pdf", "html", "docx", "epub"], watcher=early)
    book = load(str(SAMPLE))
    problems_early: list[str] = []
    as_written = collect_views(book, str(tmp_path / "out"), problems_early, early)
    problems_after: list[str] = []
    after = collect_views(book, str(tmp_path / "out"), problems_after)
    assert set(as_written) == set(after) and {"S", "P", "H", "D", "E"} <= set(after)
    for fmt in after:
        assert [v.file for v in as_written[fmt]] == [v.file for v in after[fmt]]
        for left, right in zip(as_written[fmt], after[fmt]):
            assert left == right, (fmt, left.file)
    assert problems_early == problems_after


def test_a_check_with_nothing_to_build_reads_everything_after(tmp_path):
    first = check(str(SAMPLE), str(tmp_path / "out"))
    again = check(str(SAMPLE), str(tmp_path / "out"))
    assert not again.built
    assert [f.key() for f in again.result.findings] == [f.key() for f in first.result.findings]
    assert again.result.formats_checked == first.result.formats_checked
    assert again.result.outcomes == first.result.outcomes and first.result.findings
