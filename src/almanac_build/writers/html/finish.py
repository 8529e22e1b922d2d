"""What Pandoc's HTML lacks, added with lxml after it runs:

- `alt=""` on decorative images (Pandoc drops an empty alt, which would make screen readers read the
  file name);
- tables: `scope="col"` on column headers, `scope="row"` on row headers (grouped rows arrive as
  `rowspan` from the model), an empty header cell becomes a data cell; the caption gets an id and
  the table sits in a focusable region labelled by it, which scrolls sideways on its own when the
  table is wider than the screen (WCAG 1.4.10 reflow).
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
    for th in table.iter("th"):
        if _is_empty(th):  # a blank corner cell is no header (the model already merges grouped rows)
            th.tag = "td"
    for th in table.xpath("./thead/tr/th"):
        th.set("scope", "col")
    for th in table.xpath("./tbody/tr/th"):
        th.set("scope", "row")
    wrap(table, number)


def _is_empty(cell: HtmlElement) -> bool:
    return not cell.text_content().strip() and not cell.xpath(".//img")


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
