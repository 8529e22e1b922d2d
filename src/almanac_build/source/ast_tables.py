"""Reading tables: pipe tables and list tables in a `::: table` block, with caption, header rows and
columns, traffic-light status cells, and row groups merged into row spans."""

from __future__ import annotations

from .. import model as m
from ..diagnostics import Loc

STATUS_WORDS = {"red", "amber", "green"}
TABLE_ATTRS = {"caption", "description", "row-headers", "header-rows", "status"}


class Tables:
    """Part of AstReader."""

    def table_block(self, attr, content, loc):
        attrs = self.user_attrs(attr)
        self.check_attrs(attrs, TABLE_ATTRS, "table", loc)
        numbers = {}
        for key in ("row-headers", "header-rows"):
            value = attrs.get(key, "1" if key == "header-rows" else "0")
            if not value.isdigit() or int(value) > 3:
                self.out.error(loc or Loc("?"), f"{key} must be a small whole number such as 1, not '{value}'",
                               f"write {key}=1")
                value = "0"
            numbers[key] = int(value)
        if attrs.get("status", "traffic-light") != "traffic-light":
            self.out.error(loc or Loc("?"), f"status must be \"traffic-light\", not '{attrs['status']}'",
                           'write status="traffic-light" or leave it out')
        inner = [n for n in content if not (n["t"] == "Div" and self.is_wrapper(n["c"][0]) and not n["c"][1])]
        inner = self.unwrap(inner)
        if len(inner) != 1 or inner[0]["t"] not in ("Table", "BulletList"):
            self.out.error(loc or Loc("?"), "a table block must hold exactly one table",
                           "put one pipe table ('| a | b |') or one list table inside it")
            return []
        if inner[0]["t"] == "Table":
            table = self.pipe_table(inner[0]["c"], loc)
        else:
            table = self.list_table(inner[0]["c"], numbers["header-rows"], loc)
        if table is None:
            return []
        table.caption = attrs.get("caption", "").strip()
        table.description = attrs.get("description", "").strip()
        table.row_header_cols = max(table.row_header_cols, numbers["row-headers"])
        table.id = self.ident(attr)
        table.loc = loc
        if "status" in attrs:
            mark_status_words(table)
        for row in table.body:
            for cell in row[:table.row_header_cols]:
                cell.header = True
        merge_row_groups(table)
        return [table]

    def pipe_table(self, c, loc) -> m.Table:
        attr, _caption, _specs, head, bodies, _foot = c
        here = self.loc(attr, loc)
        head_rows = [self.row(r, True, here) for r in head[1]]
        body_rows: list[list[m.Cell]] = []
        row_heads = 0
        for body in bodies:
            _battr, row_head_cols, inter, rows = body
            row_heads = max(row_heads, row_head_cols)
            body_rows += [self.row(r, False, here) for r in inter + rows]
        return m.Table(head_rows, body_rows, row_header_cols=row_heads, loc=here)

    def row(self, row, header: bool, loc) -> list[m.Cell]:
        cells = []
        for cell_attr, _align, rowspan, colspan, content in row[1]:
            blocks = self.blocks(content, self.loc(cell_attr, loc))
            cells.append(m.Cell(blocks, header, cell_status(blocks), colspan, rowspan, loc))
        return cells

    def list_table(self, items, header_rows: int, loc) -> m.Table | None:
        rows: list[list[m.Cell]] = []
        for number, item in enumerate(items, start=1):
            item = self.unwrap(item)
            if len(item) != 1 or item[0]["t"] != "BulletList":
                self.out.error(loc or Loc("?"), f"row {number} of the list table is not a list of cells",
                               "write each row as '- - first cell' with the other cells as '  - …' below it")
                return None
            cells = [self.blocks(cell, loc) for cell in item[0]["c"]]
            rows.append([m.Cell(b, False, cell_status(b), loc=loc) for b in cells])
        widths = {len(r) for r in rows}
        if len(widths) > 1:
            self.out.error(loc or Loc("?"), f"the rows of the list table have different numbers of cells ({sorted(widths)})",
                           "give every row the same number of '- ' cells (an empty cell is '- \"\"' or '-')")
        head = rows[:header_rows]
        for row in head:
            for cell in row:
                cell.header = True
        return m.Table(head, rows[header_rows:], loc=loc)


def cell_status(blocks: list[m.Block]) -> str:
    """A cell's traffic-light status from a `[Amber]{.status-amber}` span inside it."""
    for block in blocks:
        for node in getattr(block, "children", []):
            if isinstance(node, m.Span):
                for cls in node.classes:
                    if cls.startswith("status-") and cls[7:] in STATUS_WORDS:
                        return cls[7:]
    return ""


def mark_status_words(table: m.Table) -> None:
    """With status="traffic-light", cells whose whole text is Red, Amber or Green take that status."""
    from ..text import block_text

    for row in table.body:
        for cell in row:
            word = block_text(cell.blocks).strip().lower()
            if word in STATUS_WORDS:
                cell.status = word


def merge_row_groups(table: m.Table) -> None:
    """An empty first-column row header under a filled one continues its group: the filled cell spans
    those rows instead (`rowspan`), so no reader meets an empty header cell."""
    from ..text import block_text

    if not table.row_header_cols:
        return
    owner: m.Cell | None = None
    for row in table.body:
        first = row[0] if row else None
        if first is None or first.colspan != 1:
            owner = None
            continue
        if owner is not None and not block_text(first.blocks).strip():
            owner.rowspan += 1
            row.pop(0)
        else:
            owner = first
