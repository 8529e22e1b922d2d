"""No library failure escapes: an exception a library raises on one source element is an error located
at that element (exit 2); any other exception is a short internal error naming what was being built,
with the traceback in output/.build/internal-error.log (exit 3). Never a traceback on the terminal, and
the previous outputs are left as they were."""

from __future__ import annotations

import re

import pytest

from almanac_build import cli
from bad_inputs import DATA_END, data_plus
from conftest import SAMPLE, copy_sample
from test_bad_input import apply, digests


def raising_in(module, message: str, kind: type = ValueError, real=None, when: str = ""):
    """A function that raises as if from inside `module` (its frame belongs to the library); with `real`
    and `when`, only when its first argument contains `when` (else it calls `real`)."""
    namespace = dict(vars(module), real=real)
    test = f"if real is not None and {when!r} not in str(args[0]):\n        return real(*args, **kwargs)\n    "
    exec(f"def fake(*args, **kwargs):\n    {test}raise {kind.__name__}({message!r})\n", namespace)
    return namespace["fake"]


@pytest.fixture(scope="module")
def previous(tmp_path_factory):
    from almanac_build.build import build

    out = tmp_path_factory.mktemp("previous") / "out"
    build(str(SAMPLE), str(out))
    return out


def _build(source, out, capsys, *formats):
    extra = [arg for f in formats for arg in ("--format", f)]
    status = cli.main(["--source", str(source), "--output", str(out), "build", *extra])
    return status, capsys.readouterr().err


def test_svglib_failing_on_a_figure_is_an_error_at_the_figure(tmp_path, previous, capsys, monkeypatch):
    import svglib.svglib

    monkeypatch.setattr(svglib.svglib, "svg2rlg", raising_in(svglib.svglib, "too many values to unpack (expected 2)",
                                                             real=svglib.svglib.svg2rlg, when="broken.svg"))
    before = digests(previous)
    chart = (SAMPLE / "images" / "chart.svg").read_text(encoding="utf-8")
    source = apply(tmp_path / "source", {**data_plus("![A chart](images/broken.svg)\n"), "images/broken.svg": chart})
    status, err = _build(source, previous, capsys)
    errors = [line.split("/source/", 1)[1] for line in err.splitlines() if ": error: " in line]
    assert status == 2
    assert errors[0] == (
        f"chapters/03-data.md:{DATA_END + 2}:1: error: the PDF writer could not handle this element (svglib: too "
        "many values to unpack (expected 2)) — simplify or split it (a smaller table or picture, fewer columns, "
        "shorter cells); if it looks right, report it as a bug with this message")
    assert "Traceback" not in err and digests(previous) == before


def test_reportlab_failing_while_laying_out_a_table_is_an_error_at_the_table(tmp_path, previous, capsys,
                                                                               monkeypatch):
    from reportlab.platypus import tables

    table = "| Zebra | B |\n|---|---|\n| 1 | 2 |\n"
    source = apply(tmp_path / "source", data_plus(table))
    monkeypatch.setattr(tables.Table, "wrap", raising_in(tables, "negative availWidth -12", real=tables.Table.wrap,
                                                         when="Zebra"))
    before = digests(previous)
    status, err = _build(source, previous, capsys, "pdf")
    errors = [line.split("/source/", 1)[1] for line in err.splitlines() if ": error: " in line]
    assert status == 2
    assert errors[0].startswith(  # the table's position as the loader records it (its second line)
        f"chapters/03-data.md:{DATA_END + 3}:1: error: the PDF writer could not handle this element (ReportLab: "
        "negative availWidth -12)"), errors
    assert "Traceback" not in err and digests(previous) == before


def test_a_bug_in_a_writer_is_a_short_internal_error_with_a_log(tmp_path, previous, capsys, monkeypatch):
    from almanac_build.writers.pdf import front

    def broken(*args, **kwargs):
        raise KeyError("a bug")
    monkeypatch.setattr(front, "back_page", broken)
    before = digests(previous)
    source = apply(tmp_path / "source", data_plus("A changed paragraph, so the PDF is rebuilt.\n"))
    status, err = _build(source, previous, capsys, "pdf")
    assert status == 3
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert re.fullmatch(r"error: internal error while building the pdf(-large-print)? edition: KeyError: 'a bug'",
                        lines[0]), lines  # the two editions run at once: either may be first
    log = previous / ".build" / "internal-error.log"
    assert f"the details are in {log}" in err and "report it" in err
    assert "Traceback" in log.read_text(encoding="utf-8") and "back_page" not in err
    after = digests(previous)
    assert {k: v for k, v in after.items() if "internal-error" not in k} == before


def test_a_bug_outside_the_writers_is_an_internal_error_too(tmp_path, capsys, monkeypatch):
    from almanac_build.source import loader

    monkeypatch.setattr(loader, "resolve_references", lambda *a: 1 / 0)
    out = tmp_path / "out"
    status, err = _build(copy_sample(tmp_path / "source"), out, capsys)
    assert status == 3 and "Traceback" not in err
    assert "internal error while running 'build'" in err and "ZeroDivisionError" in err
    assert (out / ".build" / "internal-error.log").is_file()
    assert not [p for p in out.iterdir() if p.suffix in (".pdf", ".html", ".epub", ".docx")]


def test_the_log_of_an_old_internal_error_goes_once_a_build_succeeds(tmp_path, capsys):
    out = tmp_path / "out"
    (out / ".build").mkdir(parents=True)
    (out / ".build" / "internal-error.log").write_text("old", encoding="utf-8")
    status, _ = _build(copy_sample(tmp_path / "source"), out, capsys, "docx")
    assert status == 0
    assert not (out / ".build" / "internal-error.log").exists()


def test_resvg_failing_on_a_picture_in_the_docx_is_an_error_at_the_picture(tmp_path, capsys, monkeypatch):
    """resvg is compiled code (no Python frame of its own): the DOCX writer names it where it calls it."""
    import importlib

    finish = importlib.import_module("almanac_build.writers.docx.finish")
    real = finish.resvg_py.svg_to_bytes

    def fail_on_the_chart(svg_string, **kwargs):
        if "broken-marker" in svg_string:
            raise ValueError("SVG has an invalid size")
        return real(svg_string=svg_string, **kwargs)
    monkeypatch.setattr(finish.resvg_py, "svg_to_bytes", fail_on_the_chart)
    chart = (SAMPLE / "images" / "chart.svg").read_text(encoding="utf-8").replace("<svg ", '<svg id="broken-marker" ', 1)
    source = apply(tmp_path / "source", {**data_plus("![A chart](images/broken.svg)\n"), "images/broken.svg": chart})
    status, err = _build(source, tmp_path / "out", capsys, "docx")
    errors = [line.split("/source/", 1)[1] for line in err.splitlines() if ": error: " in line]
    assert status == 2 and "Traceback" not in err
    assert errors[0].startswith("images/broken.svg: error: the DOCX writer could not handle this element (resvg: SVG "
                                "has an invalid size)"), errors
