"""Reading Pandoc's blocks into the model: paragraphs, headings, lists (tight or loose), quotes, code,
rules, and the dispatch of `:::` blocks to the structured readers."""

from __future__ import annotations

from .. import model as m
from ..diagnostics import Loc
from .ast_structured import GENERATED


class Blocks:
    """Part of AstReader: one `b_<Pandoc type>` per block type Pandoc can produce."""

    def blocks(self, nodes: list, loc: Loc | None = None) -> list[m.Block]:
        out: list[m.Block] = []
        for node in nodes:
            out.extend(self.block(node, loc))
        return out

    def block(self, node: dict, loc: Loc | None) -> list[m.Block]:
        kind, c = node["t"], node.get("c")
        handler = getattr(self, f"b_{kind}", None)
        if handler is None:
            self.out.error(loc or Loc("?"), f"this kind of Markdown ({kind}) is not supported in the almanac",
                           "use paragraphs, headings, lists, tables and the blocks in docs/source-format.md")
            return []
        return handler(c, loc)

    def b_Plain(self, c, loc):
        return self.b_Para(c, loc)

    def b_Para(self, c, loc):
        inlines = self.inlines(c, loc)
        figure = self.as_figure(inlines, loc)
        return [figure] if figure else [m.Paragraph(inlines, loc)]

    def b_LineBlock(self, c, loc):
        return [m.Paragraph(self.inlines(line, loc), loc) for line in c]

    def b_Header(self, c, loc):
        level, attr, content = c
        here = self.loc(attr, loc)
        return [m.Heading(level, self.inlines(content, here), self.ident(attr), here)]

    def b_BulletList(self, c, loc):
        return [m.ListBlock([self.blocks(item, loc) for item in c], False, 1, loc, self.tight(c))]

    def b_OrderedList(self, c, loc):
        (start, _style, _delim), items = c
        return [m.ListBlock([self.blocks(item, loc) for item in items], True, start, loc, self.tight(items))]

    def tight(self, items: list) -> bool:
        """Pandoc writes a tight list's paragraphs as Plain, a loose list's as Para."""
        return not any(node["t"] == "Para" for item in items for node in self.unwrap(item))

    def b_DefinitionList(self, c, loc):
        items = [[m.Paragraph([m.Strong(self.inlines(term, loc), loc)], loc), *self.blocks(sum(defs, []), loc)]
                 for term, defs in c]
        return [m.ListBlock(items, False, 1, loc)]

    def b_BlockQuote(self, c, loc):
        return [m.BlockQuote(self.blocks(c, loc), loc)]

    def b_CodeBlock(self, c, loc):
        return [m.CodeBlock(c[1], self.loc(c[0], loc))]

    def b_HorizontalRule(self, c, loc):
        return [m.ThematicBreak(loc)]

    def b_Null(self, c, loc):
        return []

    def b_RawBlock(self, c, loc):
        self.out.error(loc or Loc("?"), "raw HTML is not allowed in the source",
                       "use Markdown instead (for example '**bold**', '- item', or a ':::' block)")
        return []

    def b_Table(self, c, loc):
        table = self.pipe_table(c, loc)
        return [table] if table else []

    def b_Figure(self, c, loc):  # not produced (implicit_figures is off) but handled for safety
        return self.blocks(c[2], self.loc(c[0], loc))

    def b_Div(self, c, loc):
        attr, content = c
        here = self.loc(attr, loc)
        if self.is_wrapper(attr):
            return self.blocks(content, here)
        classes = attr[1]
        name = classes[0] if classes else ""
        handler = {"case-study": self.case_study, "practice": self.practice, "table": self.table_block,
                   "theme": self.stray_theme}.get(name)
        if name in GENERATED:
            return self.generated(name, attr, content, here)
        if handler is None:
            shown = f"'.{name}'" if name else "without a name"
            self.out.error(here or Loc("?"), f"unknown block {shown}",
                           "blocks are case-study, practice, theme, table, outcomes-overview, leader-checklist "
                           "and council-table (see docs/source-format.md)")
            return self.blocks(content, here)
        return handler(attr, content, here)
