"""Bounds on the shape of the text: columns and cells per table, items per list, headings per chapter.

Within them every writer lays the book out in bounded time and memory (a 3,000-column table would ask
ReportLab and Word for a layout no reader could use, and each writer's table code grows with the number
of cells). The 2023 almanac's largest are 6 columns, 105 cells, 18 list items and 18 headings in a
chapter; the limits are far above that. Each error says the limit and how to split the content.
"""

from __future__ import annotations

from .. import model as m
from ..diagnostics import Collector, Loc
from ..walk import iter_blocks

MAX_COLUMNS = 50
MAX_CELLS = 10_000
MAX_LIST_ITEMS = 2_000
MAX_HEADINGS = 500  # per chapter


def check_shape(book: m.Book, out: Collector) -> bool:
    """Report every block over a limit; False if any table is (later passes lay tables on a grid)."""
    tables_ok = True
    for chapter in book.chapters:
        headings = 0
        for block in iter_blocks(chapter.blocks):
            loc = getattr(block, "loc", None) or Loc(chapter.path)
            if isinstance(block, m.Table):
                tables_ok = _check_table(block, loc, out) and tables_ok
            elif isinstance(block, m.ListBlock) and len(block.items) > MAX_LIST_ITEMS:
                out.error(loc, f"this list has {len(block.items):,} items; the most a list may have is "
                          f"{MAX_LIST_ITEMS:,}", "split it into several lists under their own headings, or make "
                          "it a table")
            elif isinstance(block, m.Heading):
                headings += 1
                if headings == MAX_HEADINGS + 1:
                    out.error(loc, f"this chapter has more than {MAX_HEADINGS} headings (this is heading "
                              f"{headings})", "split the chapter into several chapter files")
    return tables_ok


def _check_table(table: m.Table, loc: Loc, out: Collector) -> bool:
    rows = table.head + table.body
    cells = sum(len(row) for row in rows)
    # the widest row counted with its spans, without laying the table on a grid (that is what is bounded)
    columns = max((sum(max(1, cell.colspan) for cell in row) for row in rows), default=0)
    if columns > MAX_COLUMNS:
        out.error(loc, f"this table has {columns:,} columns; the most a table may have is {MAX_COLUMNS}",
                  f"split it into tables of at most {MAX_COLUMNS} columns, or turn it round so that the long "
                  "side runs down the page")
        return False
    if cells > MAX_CELLS:
        out.error(loc, f"this table has {cells:,} cells; the most a table may have is {MAX_CELLS:,}",
                  "split it into several tables (for example one per region or year)")
        return False
    if any(cell.rowspan > len(rows) or cell.rowspan < 1 or cell.colspan < 1 for row in rows for cell in row):
        out.error(loc, "a cell of this table spans more rows than the table has",
                  "correct the table's cell spans")
        return False
    return True
