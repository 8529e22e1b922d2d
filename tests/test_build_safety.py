"""A failed build leaves earlier outputs byte-identical; two builds give identical bytes."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from almanac_build.build import build
from almanac_build.diagnostics import AlmanacError, ToolError
from conftest import SAMPLE


def digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and ".lock" not in p.name}


def test_same_source_gives_identical_bytes(tmp_path):
    build(str(SAMPLE), str(tmp_path / "a"))
    build(str(SAMPLE), str(tmp_path / "b"))
    first, second = digests(tmp_path / "a"), digests(tmp_path / "b")
    assert first == second
    assert {"almanac.pdf", "almanac-large-print.pdf", "almanac.html", "almanac.docx", "almanac.epub"} <= set(first)


def test_failed_build_leaves_previous_outputs_untouched(tmp_path, sample_copy):
    out = tmp_path / "out"
    build(str(SAMPLE), str(out))
    before = digests(out)
    broken = sample_copy({"chapters/03-data.md": (SAMPLE / "chapters/03-data.md").read_text() + "\n::: {.case-study\n"})
    with pytest.raises(AlmanacError):
        build(str(broken), str(out))
    assert digests(out) == before
    assert not [p for p in out.iterdir() if p.name.startswith(".staging")]


def test_writer_failure_leaves_previous_outputs_untouched(tmp_path, monkeypatch):
    out = tmp_path / "out"
    build(str(SAMPLE), str(out))
    before = digests(out)
    from almanac_build.writers import epub

    def explode(self, book, ctx):
        Path(ctx.path("almanac.epub")).write_bytes(b"half-written")
        raise ToolError("disk full")

    monkeypatch.setattr(epub.EpubWriter, "write", explode)
    with pytest.raises(ToolError, match="the epub writer failed: disk full"):
        build(str(SAMPLE), str(out), force=True)
    assert digests(out) == before


def test_building_one_format_after_an_edit_also_lays_out_what_it_needs(tmp_path, sample_copy):
    """`make epub` after an edit: the EPUB page list needs the print PDF's fresh page record."""
    source = sample_copy()
    out = tmp_path / "out"
    build(str(source), str(out))
    chapter = source / "chapters" / "02-connectivity.md"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text.replace("## What we mean by connectivity\n", "## What we mean by connectivity\n\n"
                                    "A paragraph an editor added.\n", 1), encoding="utf-8")
    result = build(str(source), str(out), ["epub"])
    assert sorted(Path(p).name for p in result.written) == ["almanac.epub", "almanac.pdf"]


def test_the_command_exits_cleanly_into_a_closed_pipe(tmp_path):
    """`almanac build | head -0`: the outputs are complete, the exit status says the report was not
    all written, and there is no traceback (cli.run points stdout at /dev/null before the exit flush)."""
    import os
    import subprocess
    import sys

    from conftest import ROOT

    out = tmp_path / "out"
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    process = subprocess.Popen([sys.executable, "-m", "almanac_build", "--source", str(SAMPLE), "--output",
                                str(out), "build", "--format", "pdf-print"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=env)
    process.stdout.close()  # the reader goes away before the command prints anything
    stderr = process.stderr.read().decode()
    process.stderr.close()
    assert process.wait() == 1 and "Traceback" not in stderr, stderr
    assert (out / "almanac.pdf").read_bytes().rstrip().endswith(b"%%EOF")
    again = subprocess.run([sys.executable, "-m", "almanac_build", "--source", str(SAMPLE), "--output", str(out),
                            "build", "--format", "pdf-print"], capture_output=True, text=True, env=env)
    assert again.returncode == 0 and "Up to date (nothing changed): pdf." in again.stdout  # its record was kept
