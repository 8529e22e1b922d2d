"""Blocks the build fills from data, so each fact is written once in the source.

`outcomes-overview` and `leader-checklist` come from the outcome chapters' front matter;
`council-table` from data/councils.yaml.
"""

from __future__ import annotations

from .. import model as m


def expand_generated(book: m.Book) -> None:
    for chapter in book.chapters:
        chapter.blocks = [_expand(block, book) for block in chapter.blocks]


def _expand(block: m.Block, book: m.Book) -> m.Block:
    if not isinstance(block, m.Generated):
        return block
    builder = {"outcomes-overview": outcomes_overview, "leader-checklist": leader_checklist,
               "council-table": council_table}[block.what]
    table = builder(book, block.attrs)
    table.loc = block.loc
    return table


def _cell(text: str, header: bool = False, link: str = "") -> m.Cell:
    inline: m.Inline = m.Text(text)
    if link:
        inline = m.Link([m.Text(text)], f"#{link}")
    return m.Cell([m.Paragraph([inline])], header)


def outcomes_overview(book: m.Book, attrs: dict) -> m.Table:
    rows = [[_cell(c.title, True, c.id), _cell(c.outcome)] for c in book.chapters if c.kind == "outcome"]
    return m.Table([[_cell("Outcome", True), _cell("The council’s ambition", True)]], rows,
                   attrs.get("caption", "The 12 digitalisation outcomes"), row_header_cols=1)


def leader_checklist(book: m.Book, attrs: dict) -> m.Table:
    rows = [[_cell(c.title, True, c.id), _cell(c.leader_check)]
            for c in book.chapters if c.kind == "outcome" and c.leader_check]
    return m.Table([[_cell("Outcome", True), _cell("What to check for", True)]], rows,
                   attrs.get("caption", "What to check for as a digital leader"), row_header_cols=1)


def council_table(book: m.Book, attrs: dict) -> m.Table:
    flag = "contributor" if attrs.get("list") == "contributors" else "notable_practice"
    councils = sorted((c for c in book.councils if getattr(c, flag)), key=lambda c: c.name.lower())
    rows = [[_cell(c.name, True), _cell(c.type), _cell(c.region)] for c in councils]
    caption = attrs.get("caption", "Councils")
    return m.Table([[_cell("Council", True), _cell("Type", True), _cell("Region", True)]], rows, caption,
                   row_header_cols=1)
