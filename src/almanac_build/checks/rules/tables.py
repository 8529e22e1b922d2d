"""Table rules (guidance item 3; WCAG 1.3.1): header cells, captions, empty header cells."""

from __future__ import annotations

from ..registry import Example, Hit, rule

_TABLE = """::: {{.table caption="Broadband speeds"{extra}}}
| Type      | Name   | What it means             |
|-----------|--------|---------------------------|
| Broadband | Decent | Download speeds to 10Mbps |
:::"""


@rule("table-header-missing", "A data table has no header cells (or, in Word, no repeating header row).",
      "error", "3", "1.3.1", "tables",
      fix="Mark the first row as the header row (the first row of a pipe table always is), and use "
          "`row-headers=1` when the first column names each row.",
      failing=["::: {.table caption=\"Speeds\" header-rows=0}\n- - Broadband\n  - Decent\n- - Mobile\n  - 4G\n::: {table-header-missing}"],
      passing=[_TABLE.format(extra="")])
def header_missing(view):
    for table in view.tables:
        cells = [c for row in table.rows for c in row]
        if not cells:
            continue
        if not any(c.header for c in cells):
            yield Hit(table.where, f"the table {_name(table)} has no header cells")
        elif table.header_rows_marked is False:
            yield Hit(table.where, f"the table {_name(table)} has no header row marked to repeat (w:tblHeader)")
        elif view.facts.get("th_needs_scope"):  # PDF: a TH without Headers/IDs needs Scope (15-003)
            for cell in cells:
                if cell.header and not cell.scope:
                    yield Hit(cell.where, f"a TH cell “{cell.text[:40]}” in {_name(table)} has no Scope")
                    break


@rule("table-caption", "A data table has no caption, or fakes one with a first row that spans every column.",
      "notice", "3", "1.3.1", "tables",
      fix='Give the table block a caption: `::: {.table caption="What the table shows"}`.',
      failing=["| Type | Name |\n|---|---|\n| Broadband | Decent | {table-caption}"],
      passing=[_TABLE.format(extra="")])
def caption(view):
    for table in view.tables:
        widths = [len(r) for r in table.rows]
        if len(widths) > 1 and widths[0] == 1 and max(widths) > 1:
            yield Hit(table.where, "the first row is one cell across the table, used as a caption", "warning")
        elif not (table.caption or "").strip():
            yield Hit(table.where, "the table has no caption")


@rule("table-empty-header-cell", "A header cell has no text.", "warning", "3", "1.3.1", "tables",
      fix="Write what the column or row holds in the header cell.",
      failing=[Example("::: {.table caption=\"Speeds\"}\n| Type | |\n|---|---|\n| Broadband | Decent |\n"
                       "::: {table-empty-header-cell}", "Writers may turn a blank header cell into a data cell, so "
                       "the source is where the gap is certain.", "S")],
      passing=[_TABLE.format(extra="")])
def empty_header(view):
    for table in view.tables:
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row):
                if cell.header and not cell.text.strip() and not _continued_group(table, r, c):
                    yield Hit(cell.where, f"header cell {r + 1},{c + 1} of {_name(table)} is empty")


def _continued_group(table, r: int, c: int) -> bool:
    """A blank row-header cell under a filled one continues the group above (documented as fine)."""
    if r == 0:
        return False
    above = [row[c] for row in table.rows[1:r] if c < len(row) and row[c].header]
    return any(cell.text.strip() for cell in above)


def _name(table) -> str:
    return f"“{table.caption}”" if table.caption else "(no caption)"


@rule("table-blank-rows-columns", "A whole table row or column is empty.", "warning", "3", "1.3.1", "tables",
      fix="Delete the empty row or column; use spacing in the styles, not blank cells, for layout.",
      failing=["::: {.table caption=\"Speeds\"}\n| Type | Speed |\n|---|---|\n| Mobile | 4G |\n| | |\n::: "
               "{table-blank-rows-columns}"],
      passing=[_TABLE.format(extra="")])
def blank_rows_columns(view):
    for table in view.tables:
        rows = [r for r in table.rows if r]
        if len(rows) < 2:
            continue
        for r, row in enumerate(rows):
            if all(not c.text.strip() for c in row):
                yield Hit(row[0].where, f"row {r + 1} of {_name(table)} is empty")
        width = min(len(r) for r in rows)
        for c in range(width):
            if all(not row[c].text.strip() for row in rows):
                yield Hit(table.where, f"column {c + 1} of {_name(table)} is empty")
