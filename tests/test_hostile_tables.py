"""Wide tables lay out or are refused clearly: too wide for portrait → a landscape page (test_pdf.py);
too wide for that → smaller type down to the theme's `table_min_text`; too wide even then → an error at
the table saying how many of its columns fit. (Shape limits — columns, cells, list items, headings — are
cases in bad_inputs.SHAPE.)"""

from __future__ import annotations

import re

import pikepdf

from almanac_build import cli
from bad_inputs import DATA_END, data_plus, pipe_table
from conftest import ROOT
from test_bad_input import apply


def _table(columns: int, word: str) -> str:
    return pipe_table(columns, 3).replace("x", word)


def _landscape_font_sizes(pdf_path) -> list[set[float]]:
    out = []
    with pikepdf.open(pdf_path) as pdf:
        for page in pdf.pages:
            box = [float(v) for v in page.MediaBox]
            if box[2] > box[3]:
                data = b"".join(c.read_bytes() for c in (page.Contents if isinstance(page.Contents, pikepdf.Array)
                                                         else [page.Contents]))
                out.append({float(s) for s in re.findall(rb" ([\d.]+) Tf", data)})
    return out


def test_a_table_too_wide_for_landscape_gets_smaller_type(tmp_path, capsys):
    """19 columns fit a landscape page only below the 10 pt of the cells: drawn there, at 8 pt."""
    source = apply(tmp_path / "source", data_plus(_table(19, "Dorset")))
    out = tmp_path / "out"
    assert cli.main(["--source", str(source), "--output", str(out), "build", "--format", "pdf-print"]) == 0
    pages = _landscape_font_sizes(out / "almanac.pdf")
    assert len(pages) == 1
    assert 8.0 in pages[0], pages  # the table itself is on the landscape page (it once went missing)


def test_a_table_too_wide_at_the_smallest_type_is_refused_with_how_many_columns_fit(tmp_path, capsys):
    source = apply(tmp_path / "source", data_plus(_table(20, "Dorset")))
    status = cli.main(["--source", str(source), "--output", str(tmp_path / "out"), "build", "--format", "pdf-print"])
    errors = [line.split("/source/", 1)[1] for line in capsys.readouterr().err.splitlines() if ": error: " in line]
    assert status == 2
    assert errors == [
        f"chapters/03-data.md:{DATA_END + 3}:1: error: this table is too wide for a landscape page of the print PDF "
        "even at 8 pt, the smallest type it allows: its 20 columns need 260 mm for their longest words and 257 mm "
        "is there; 19 of its columns fit — split the table into narrower ones, or shorten its longest words"]
    assert not (tmp_path / "out" / "almanac.pdf").exists()


def test_large_print_keeps_its_own_minimum(tmp_path, capsys):
    source = apply(tmp_path / "source", data_plus(_table(12, "Northamptonshire")))
    status = cli.main(["--source", str(source), "--output", str(tmp_path / "out"), "build", "--format",
                       "pdf-large-print"])
    errors = [line.split("/source/", 1)[1] for line in capsys.readouterr().err.splitlines() if ": error: " in line]
    assert status == 2
    assert re.fullmatch(r"chapters/03-data\.md:\d+:1: error: this table is too wide for a landscape page of the "
                        r"large-print PDF even at 14 pt, the smallest type it allows: its 12 columns need \d+ mm "
                        r"for their longest words and \d+ mm is there; 5 of its columns fit — .*", errors[0]), errors


def test_the_theme_declares_each_editions_minimum():
    import yaml

    pdf = yaml.safe_load((ROOT / "styles" / "theme.yaml").read_text(encoding="utf-8"))["pdf"]
    assert pdf["table_min_text"] == 8 and pdf["large_print"]["table_min_text"] == 14
