"""`almanac links export|import` on a copy of the real almanac: the spreadsheet round trip, the
refusals (nothing written), and the link-empty count the checks then report."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from almanac_build.checks.run import source_findings
from almanac_build.diagnostics import AlmanacError
from almanac_build.editors.placeholders import COLUMNS, export_links, import_links
from almanac_build.source.loader import load

from conftest import SOURCE, run_cli


@pytest.fixture
def almanac(tmp_path) -> Path:
    shutil.copytree(SOURCE, tmp_path / "source")
    return tmp_path / "source"


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _write(path: Path, rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


def _snapshot(source: Path) -> dict[str, bytes]:
    return {str(p.relative_to(source)): p.read_bytes() for p in source.rglob("*") if p.is_file()}


def _link_empty(source: Path) -> int:
    book = load(str(source))
    return sum(1 for f in source_findings(book, str(source)) if f.rule == "link-empty" and f.status == "open")


def test_export_lists_every_placeholder_with_place_and_sentence(almanac, tmp_path):
    sheet = tmp_path / "links.csv"
    count = export_links(str(almanac), str(sheet))
    rows = _rows(sheet)
    assert sheet.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    assert count == len(rows) == _link_empty(almanac) > 200
    assert len({r["id"] for r in rows}) == len(rows)  # ids are unique
    for row in rows:
        line = (almanac / row["file"]).read_text(encoding="utf-8").split("\n")[int(row["line"]) - 1]
        at = line[int(row["column"]) - 1:]
        assert at.startswith("[") and "](#)" in at
        assert row["address"] == ""
        assert row["text"] and row["text"] in row["sentence"].replace("\u2019", "'") or row["text"] in row["sentence"]
    first = next(r for r in rows if r["text"] == "Digital Switchover")
    assert first["file"] == "chapters/02-connectivity.md" and first["id"] == "connectivity:digital-switchover"
    assert first["sentence"].startswith("Known as the Digital Switchover, analogue lines")


def test_fill_import_and_check_shows_that_many_fewer_link_empty_errors(almanac, tmp_path):
    sheet = tmp_path / "links.csv"
    export_links(str(almanac), str(sheet))
    before = _link_empty(almanac)
    rows = _rows(sheet)
    ids_before = [r["id"] for r in rows]
    # two links on one line (the second's column moves when the first is filled), an address with
    # parentheses, an internal #id, a mailto
    same_line = [r for r in rows if r["file"] == "chapters/02-connectivity.md" and r["line"] == rows[2]["line"]]
    assert len(same_line) == 2
    filled = {same_line[0]["id"]: "https://www.gov.uk/guidance/digital-switchover",
              same_line[1]["id"]: "https://en.wikipedia.org/wiki/Broadband_(UK)",
              rows[10]["id"]: "#connectivity",
              rows[40]["id"]: "mailto:digital@local.gov.uk",
              rows[-1]["id"]: "https://www.local.gov.uk/?a=1&b=2"}
    for row in rows:
        row["address"] = filled.get(row["id"], "")
    _write(sheet, rows)
    untouched = {name: data for name, data in _snapshot(almanac).items()
                 if name not in {r["file"] for r in rows if r["address"]}}
    result = run_cli("--source", str(almanac), "links", "import", str(sheet))
    assert result.returncode == 0, result.stderr
    assert f"Filled {len(filled)} links" in result.stdout
    assert _link_empty(almanac) == before - len(filled)
    after = {name: data for name, data in _snapshot(almanac).items() if name in untouched}
    assert after == untouched  # files without a filled row are byte for byte the same
    line = (almanac / "chapters/02-connectivity.md").read_text(encoding="utf-8").split("\n")[int(same_line[0]["line"]) - 1]
    assert "[Digital Switchover](https://www.gov.uk/guidance/digital-switchover)" in line
    assert "(https://en.wikipedia.org/wiki/Broadband_\\(UK\\))" in line
    book = load(str(almanac))
    urls = {p.url for p in __import__("almanac_build.editors.placeholders", fromlist=["x"]).link_places(book)}
    assert set(filled.values()) <= urls  # each link reads back as exactly the address given
    export_links(str(almanac), str(sheet))
    remaining = [r["id"] for r in _rows(sheet)]
    assert remaining == [i for i in ids_before if i not in filled]  # the other ids are stable
    # importing the same filled sheet again changes nothing and says so
    for row in rows:
        row["address"] = filled.get(row["id"], "")
    _write(sheet, rows)
    again = import_links(str(almanac), str(sheet))
    assert again.filled == [] and again.already == len(filled)


def test_a_refused_row_changes_nothing_and_names_each_row(almanac, tmp_path):
    sheet = tmp_path / "links.csv"
    export_links(str(almanac), str(sheet))
    rows = _rows(sheet)
    rows[0]["address"] = "https://www.local.gov.uk/ok"  # a good row: not written either
    rows[1]["address"] = "javascript:alert(1)"
    rows[2]["address"] = "#no-such-heading"
    rows[3]["address"] = "https://example.org/a page"
    rows[4]["text"], rows[4]["address"] = "a changed text", "https://example.org/"
    rows[5]["line"], rows[5]["address"] = str(int(rows[5]["line"]) + 1), "https://example.org/moved"
    _write(sheet, rows)
    before = _snapshot(almanac)
    result = run_cli("--source", str(almanac), "links", "import", str(sheet))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    errors = [l for l in result.stderr.splitlines() if ": error: " in l]
    assert [l.split(":")[1] for l in errors] == ["3", "4", "5", "6", "7"]  # spreadsheet rows (header = row 1)
    assert "row 3: the address “javascript:alert(1)” is refused" in errors[0]
    assert "goes to no chapter or heading" in errors[1]
    assert "contains a space" in errors[2]
    assert f"now reads “{_rows_text(almanac, rows[4])}”, not “a changed text”" in errors[3]
    assert "there is no link" in errors[4] or "has moved" in errors[4]
    assert "Nothing was changed: 5 problems" in result.stderr
    assert _snapshot(almanac) == before


def _rows_text(almanac: Path, row: dict) -> str:
    from almanac_build.editors.placeholders import link_places

    places = link_places(load(str(almanac)))
    return next(p.text for p in places if (p.file, p.line, p.column) == (row["file"], int(row["line"]), int(row["column"])))


def test_line_endings_and_a_moved_link_are_kept_honest(almanac, tmp_path):
    chapter = almanac / "chapters/03-data.md"
    chapter.write_bytes(chapter.read_bytes().replace(b"\n", b"\r\n"))
    sheet = tmp_path / "links.csv"
    export_links(str(almanac), str(sheet))
    rows = _rows(sheet)
    row = next(r for r in rows if r["file"] == "chapters/03-data.md")
    row["address"] = "https://www.local.gov.uk/data"
    _write(sheet, [row])
    import_links(str(almanac), str(sheet))
    data = chapter.read_bytes()
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")  # CRLF kept everywhere
    assert b"](https://www.local.gov.uk/data)" in data
    # a line inserted above another placeholder: its old row is refused with where it went
    other = next(r for r in rows if r["file"] == "chapters/04-democracy-and-participation.md")
    path = almanac / other["file"]
    lines = path.read_text(encoding="utf-8").split("\n")
    lines.insert(int(other["line"]) - 1, "A new paragraph.\n")
    path.write_text("\n".join(lines), encoding="utf-8")
    other["address"] = "https://example.org/"
    _write(sheet, [other])
    with pytest.raises(AlmanacError) as exc:
        import_links(str(almanac), str(sheet))
    assert f"has moved to {other['file']}:{int(other['line']) + 2}:" in str(exc.value)


def test_a_sheet_that_is_not_the_export_is_refused_clearly(almanac, tmp_path):
    sheet = tmp_path / "links.csv"
    sheet.write_text("name,url\nx,y\n", encoding="utf-8")
    result = run_cli("--source", str(almanac), "links", "import", str(sheet))
    assert result.returncode == 2 and "the first row must be the column names" in result.stderr
    sheet.write_bytes(b"id,file\n\xff\xfe\n")
    result = run_cli("--source", str(almanac), "links", "import", str(sheet))
    assert result.returncode == 2 and "not UTF-8" in result.stderr and "Traceback" not in result.stderr
