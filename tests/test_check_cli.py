"""`almanac check`: builds when outputs are missing, writes every report, prints the summary and exits
non-zero exactly while an unwaived error remains (`--strict`: or a warning); the EPUB claim is made
only when nothing blocks."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from almanac_build import check as check_command
from almanac_build.writers import epub
from conftest import run_cli

sys.path.insert(0, str(Path(__file__).parent / "rules"))  # the fixture helpers in tests/rules/books.py


def test_check_builds_writes_reports_and_sets_the_exit_status(sample_copy, tmp_path):
    source = sample_copy()
    out = tmp_path / "out"
    run = run_cli("--source", str(source), "--output", str(out), "check")
    for name in ("almanac.html", "reports/accessibility.html", "reports/accessibility.json",
                 "reports/accessibility.junit.xml", "reports/accessibility.sarif", "accessibility-statement.html"):
        assert (out / name).is_file(), name
    data = json.loads((out / "reports" / "accessibility.json").read_text(encoding="utf-8"))
    assert run.returncode == (1 if data["summary"]["blocking"] else 0), run.stdout + run.stderr
    assert "Accessibility checks:" in run.stdout and "Result:" in run.stdout
    strict = run_cli("--source", str(source), "--output", str(out), "check", "--strict")
    assert strict.returncode == (1 if data["summary"]["blocking"] or data["summary"]["open"]["warning"] else 0)
    assert not check_command.check(str(source), str(out)).built  # the outputs are up to date: no rebuild
    data_chapter = source / "chapters" / "03-data.md"
    data_chapter.write_text(data_chapter.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    assert check_command.check(str(source), str(out)).built


def test_claim_is_made_only_through_the_epub_writer(tmp_path, monkeypatch):
    calls = []
    (tmp_path / "almanac.epub").write_bytes(b"PK")
    monkeypatch.setattr(epub, "claim_conformance", lambda path, epoch, claimed: calls.append((path, epoch, claimed)))
    assert check_command.claim(str(tmp_path), 1679356800) is True
    assert check_command.claim(str(tmp_path), 1679356800, claimed=False) is False  # withdrawn through the writer too
    assert calls == [(str(tmp_path / "almanac.epub"), 1679356800, True), (str(tmp_path / "almanac.epub"), 1679356800, False)]


def test_no_claim_without_an_epub(tmp_path, monkeypatch):
    monkeypatch.setattr(epub, "claim_conformance", lambda path, epoch, claimed: None)
    assert check_command.claim(str(tmp_path), 0) is False


def test_bad_source_is_a_clear_error_not_a_traceback(sample_copy, tmp_path):
    source = sample_copy({"accessibility-waivers.yaml": "waivers:\n  - rule: nope\n"})
    run = run_cli("--source", str(source), "--output", str(tmp_path / "out"), "check")
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "accessibility-waivers.yaml:2" in run.stderr


def test_a_failing_claim_is_a_tool_error(tmp_path, monkeypatch):
    import pytest

    from almanac_build.diagnostics import ToolError

    (tmp_path / "almanac.epub").write_bytes(b"PK")

    def broken(path, epoch, claimed):
        raise ValueError("not a zip")
    monkeypatch.setattr(epub, "claim_conformance", broken)
    with pytest.raises(ToolError, match="conformance claim failed"):
        check_command.claim(str(tmp_path), 0)


def test_when_every_error_is_waived_the_check_passes_and_the_claim_follows_the_statement(sample_copy, tmp_path):
    """Waived errors pass the check; the EPUB claims conformance only if the statement says fully compliant
    (open warnings tied to WCAG AA keep it partially compliant: tests/test_claims.py)."""
    import zipfile

    source, out = sample_copy(), tmp_path / "out"
    first = run_cli("--source", str(source), "--output", str(out), "check")
    data = json.loads((out / "reports" / "accessibility.json").read_text(encoding="utf-8"))
    blocking = [f for f in data["findings"] if f["severity"] == "error" and f["status"] == "open"]
    assert first.returncode == (1 if blocking else 0)
    entries = {(f["rule"], f["source"]["file"].removeprefix("source/") if f["source"] else f["output"]["file"])
               for f in blocking}
    waivers = "waivers:\n" + "".join(f"  - rule: {rule}\n    location: {where}\n    reason: Accepted for the test.\n"
                                     f"    who: Test\n    date: 2024-01-01\n" for rule, where in sorted(entries))
    (source / "accessibility-waivers.yaml").write_text(waivers if entries else "", encoding="utf-8")
    second = run_cli("--source", str(source), "--output", str(out), "check")
    assert second.returncode == 0, second.stdout + second.stderr
    fully = "This publication is fully compliant" in (out / "accessibility-statement.html").read_text(encoding="utf-8")
    assert ("claims EPUB Accessibility 1.1" in second.stdout) == fully
    with zipfile.ZipFile(out / "almanac.epub") as epub_file:
        package = next(n for n in epub_file.namelist() if n.endswith(".opf"))
        assert (b"EPUB Accessibility 1.1 - WCAG 2.2 Level AA" in epub_file.read(package)) == fully
    data = json.loads((out / "reports" / "accessibility.json").read_text(encoding="utf-8"))
    assert all(f["status"] == "waived" for f in data["findings"] if f["severity"] == "error")


def test_check_runs_on_raster_figures_and_icons_reused_as_figures(sample_copy, tmp_path):
    """Two sources that once stopped the build before any check could run: a PNG figure (the PDF writer)
    and an outcome icon also used as a figure (the EPUB writer)."""
    from books import png

    source = sample_copy({"chapters/03-data.md": CHAPTER_WITH_FIGURES})
    (source / "images" / "photo.png").write_bytes(png())
    out = tmp_path / "out"
    run = run_cli("--source", str(source), "--output", str(out), "check")
    assert "Traceback" not in run.stderr and run.returncode in (0, 1), run.stderr
    data = json.loads((out / "reports" / "accessibility.json").read_text(encoding="utf-8"))
    alt_findings = {f["format"] for f in data["findings"] if f["rule"] == "img-alt-placeholder"}
    assert {"S", "H", "E", "D", "P"} <= alt_findings


CHAPTER_WITH_FIGURES = """---
id: data
title: Data
kind: front
---

## What we mean by data

![photo](images/photo.png)

![Data outcome icon shown larger](images/icons/data.svg)

Text.
"""
