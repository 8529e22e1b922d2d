"""What Pandoc's HTML lacks, added with lxml after it runs:

- `alt=""` on decorative images (Pandoc drops an empty alt, which would make screen readers read the
  file name);
- tables: `scope="col"` on column headers, `scope="row"` on row headers; an empty row header under a
  row header ("same as above" in the source) becomes a `rowspan` of the one above, so no header cell
  is empty; the caption gets an id and the table sits in a focusable region labelled by it, which
  scrolls sideways on its own when the table is wider than the screen (WCAG 1.4.10 reflow).
"""

from __future__ import annotations

from lxml import html as lxml_html
from lxml.html import HtmlElement


def finish_body(body: str) -> str:
    fragment = lxml_html.fragment_fromstring(body, create_parent="div")
    for image in fragment.iter("img"):
        if image.get("alt") is None:
            image.set("alt", "")
    for number, table in enumerate(list(fragment.iter("table")), start=1):
        finish_table(table, number)
    return "".join(lxml_html.tostring(child, encoding="unicode") for child in fragment)


def finish_table(table: HtmlElement, number: int) -> None:
    for th in table.xpath("./thead/tr/th"):
        th.set("scope", "col")
    for tbody in table.findall("tbody"):
        merge_empty_row_headers(tbody)
    for th in table.xpath("./tbody/tr/th"):
        th.set("scope", "row")
    wrap(table, number)


def _is_empty(cell: HtmlElement) -> bool:
    return not cell.text_content().strip() and not cell.xpath(".//img")


def merge_empty_row_headers(tbody: HtmlElement) -> None:
    """Walk the grid row by row; an empty `th` directly under a one-column `th` extends that one."""
    covering: dict[int, tuple[HtmlElement, int]] = {}  # column -> (cell, last row it covers)
    for r, tr in enumerate(tbody.findall("tr")):
        col = 0
        for cell in list(tr):
            while col in covering and covering[col][1] >= r:
                col += 1
            above = covering.get(col)
            if (cell.tag == "th" and _is_empty(cell) and above is not None and above[1] == r - 1
                    and above[0].tag == "th" and int(above[0].get("colspan", "1")) == 1):
                above[0].set("rowspan", str(int(above[0].get("rowspan", "1")) + 1))
                covering[col] = (above[0], r)
                tr.remove(cell)
                col += 1
                continue
            if cell.tag == "th" and _is_empty(cell):
                cell.tag = "td"  # an empty header with nothing above to extend is no header at all
            rows, cols = int(cell.get("rowspan", "1")), int(cell.get("colspan", "1"))
            for c in range(col, col + cols):
                covering[c] = (cell, r + rows - 1)
            col += cols


def wrap(table: HtmlElement, number: int) -> None:
    """`<div class="table-wrap" role="region" aria-labelledby="…-caption" tabindex="0">` around it."""
    table_id = table.get("id") or f"table-{number}"
    table.set("id", table_id)
    region = lxml_html.Element("div", {"class": "table-wrap", "role": "region", "tabindex": "0"})
    caption = table.find("caption")
    if caption is not None and caption.text_content().strip():
        caption.set("id", f"{table_id}-caption")
        region.set("aria-labelledby", caption.get("id"))
    else:
        region.set("aria-label", f"Table {number}")
    tail, table.tail = table.tail, None
    table.getparent().replace(table, region)
    region.tail = tail
    region.append(table)
