"""Pandoc JSON → the tool's model. The only code that knows Pandoc's AST shape.

`sourcepos` wraps most nodes in Div/Span "wrappers" carrying `data-pos`; they are unwrapped here and
their position handed to the node inside, so every block and inline knows its file, line and column.
Problems (raw HTML, unknown blocks, bad attributes, unsafe links) are collected, not raised one by one.
"""

from __future__ import annotations

import re
from typing import Callable

from .. import model as m
from ..diagnostics import Collector, Loc, quoted
from ..text import plain, smart_quotes
from .fences import code_lines
from .link_labels import definitions, label_key
from .gate import ADDRESS_HINT, link_problem

_BRACKETS = re.compile(r"\[((?:[^\[\]\\]|\\.)*)\]")
_POS = re.compile(r"^(.*)@(\d+):(\d+)-(\d+):(\d+)$")
STATUS_WORDS = {"red", "amber", "green"}
TABLE_ATTRS = {"caption", "description", "row-headers", "header-rows", "status"}
GENERATED = {"outcomes-overview": {"caption"}, "leader-checklist": {"caption"}, "council-table": {"caption", "list"}}
QUOTES = {"SingleQuote": ("‘", "’"), "DoubleQuote": ("“", "”")}


class FileScope:
    """What the source said, from what Pandoc's `--file-scope` made of it. With several files in a run,
    Pandoc writes the id `x` of file `f` as `f__x`, a link `#x` as `#f__x`, `#` as `#f`, and a link to
    another file `g` of the run as `#g` (Text.Pandoc.Transforms.adjustLinksAndIds)."""

    def __init__(self, name: str, batch: list[str]):
        self.name = name
        self.prefix = name + "__"
        self.batch = batch

    def ident(self, ident: str) -> str:
        return ident[len(self.prefix):] if ident.startswith(self.prefix) else ident

    def url(self, url: str) -> str:
        if not url.startswith("#"):
            return url
        target, _, fragment = url[1:].partition("__")
        if target == self.name:
            return "#" + fragment
        if target in self.batch:  # the source named one of the run's own file names: give it back (refused)
            return target + ("#" + fragment if fragment else "")
        return url


class AstReader:
    """Converts one parse of the chapter files; `path_for` maps Pandoc's relative names to real paths."""

    def __init__(self, path_for: Callable[[str], str], out: Collector):
        self.path_for = path_for
        self.out = out
        self.scope: FileScope | None = None  # set while reading a node of a several-file Pandoc run
        self.bodies: dict[str, str] = {}  # each chapter's text, to find where a reference link was defined

    # ------------------------------------------------------------ positions
    def loc(self, attr, fallback: Loc | None) -> Loc | None:
        for key, value in attr[2]:
            if key == "data-pos":
                first = value.split(";")[0]
                found = _POS.match(first)
                if found:
                    name, a, b, c, d = found.groups()
                    return Loc(self.path_for(name), int(a), int(b), int(c), int(d))
        return fallback

    def ident(self, attr) -> str:
        """The id the source gave a node (`{#id}`)."""
        return self.scope.ident(attr[0]) if self.scope else attr[0]

    def address(self, url: str) -> str:
        """A link's or image's address as the source wrote it."""
        return self.scope.url(url) if self.scope else url

    @staticmethod
    def is_wrapper(attr) -> bool:
        return any(key == "wrapper" for key, _ in attr[2])

    @staticmethod
    def user_attrs(attr) -> dict[str, str]:
        return {k: smart_quotes(v) for k, v in attr[2] if k not in ("data-pos", "wrapper")}

    # ------------------------------------------------------------ blocks
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
        return [m.Rule(loc)]

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

    # ------------------------------------------------------------ structured blocks
    def check_attrs(self, attrs: dict, allowed: set[str], block: str, loc: Loc | None) -> None:
        for key in attrs:
            if key not in allowed:
                self.out.error(loc or Loc("?"), f"unknown setting '{key}' on a {block} block",
                               f"the settings allowed are: {', '.join(sorted(allowed)) or 'none'}")

    def case_study(self, attr, content, loc):
        attrs = self.user_attrs(attr)
        self.check_attrs(attrs, {"organisation", "category", "council"}, "case-study", loc)
        for key in ("organisation", "council"):
            if not attrs.get(key, "").strip():
                self.out.error(loc or Loc("?"), f"the case-study block has no {key}",
                               f'add {key}="…" inside the {{…}} of its opening line')
        return [m.CaseStudy(attrs.get("organisation", "").strip(), attrs.get("category", "").strip(),
                            attrs.get("council", "").split(), self.blocks(content, loc), self.ident(attr), loc)]

    def practice(self, attr, content, loc):
        self.check_attrs(self.user_attrs(attr), set(), "practice", loc)
        themes: list[m.Theme] = []
        for node in content:
            theme = self.theme(node, loc)
            if theme:
                themes.append(theme)
        if not themes:
            self.out.error(loc or Loc("?"), "the practice block has no themes",
                           "put '::: {.theme title=\"…\"}' blocks, each with a list of actions, inside it")
        return [m.Practice(themes, loc)]

    def theme(self, node, loc) -> m.Theme | None:
        if node["t"] == "Div" and self.is_wrapper(node["c"][0]):
            inner = [self.theme(n, self.loc(node["c"][0], loc)) for n in node["c"][1]]
            return next((t for t in inner if t), None)
        here = self.loc(node["c"][0], loc) if node["t"] == "Div" else loc
        if node["t"] != "Div" or "theme" not in node["c"][0][1]:
            self.out.error(here or Loc("?"), "a practice block may only hold theme blocks",
                           "wrap each group of actions in '::: {.theme title=\"…\"}' … ':::'")
            return None
        attr, content = node["c"]
        attrs = self.user_attrs(attr)
        self.check_attrs(attrs, {"title"}, "theme", here)
        if not attrs.get("title", "").strip():
            self.out.error(here or Loc("?"), "the theme block has no title", 'add title="…" to its opening line')
        blocks = self.blocks(content, here)
        actions: list[list[m.Block]] = []
        for block in blocks:
            if isinstance(block, m.ListBlock):
                actions.extend(block.items)
            else:
                actions.append([block])
        return m.Theme(attrs.get("title", "").strip(), actions, self.ident(attr), here)

    def stray_theme(self, attr, content, loc):
        self.out.error(loc or Loc("?"), "a theme block must be inside a practice block",
                       "put ':::: practice' on the line before it and '::::' after the last theme")
        return self.blocks(content, loc)

    def generated(self, name, attr, content, loc):
        attrs = self.user_attrs(attr)
        self.check_attrs(attrs, GENERATED[name], name, loc)
        if self.blocks(content, loc):
            self.out.error(loc or Loc("?"), f"the {name} block must be empty: the build fills it from data",
                           "delete the lines between its opening and closing ':::'")
        if name == "council-table" and attrs.get("list") not in ("contributors", "notable-practice"):
            self.out.error(loc or Loc("?"), "council-table needs list=\"contributors\" or list=\"notable-practice\"",
                           "add one of them to the block's opening line")
        return [m.Generated(name, attrs, loc)]

    # ------------------------------------------------------------ tables
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

    def unwrap(self, nodes: list) -> list:
        out = []
        for node in nodes:
            if node["t"] == "Div" and self.is_wrapper(node["c"][0]):
                out.extend(self.unwrap(node["c"][1]))
            else:
                out.append(node)
        return out

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

    # ------------------------------------------------------------ inlines
    def inlines(self, nodes: list, loc: Loc | None) -> list[m.Inline]:
        """Adjacent text becomes one Text (with its first word's position), joined once at the end of the
        run: adding word by word would copy the text for every word, quadratic in a long paragraph."""
        out: list[m.Inline] = []
        run: list[str] = []  # the pieces of out[-1], a Text, while it grows
        for node in nodes:
            word = _wrapped_word(node)
            if word is not None and out and type(out[-1]) is m.Text:
                run.append(word)  # no need to read this word's position
                continue
            for item in self.inline(node, loc):
                if type(item) is m.Text and out and type(out[-1]) is m.Text:
                    run.append(item.text)
                    continue
                if run:
                    out[-1].text += "".join(run)
                    run = []
                out.append(item)
        if run:
            out[-1].text += "".join(run)
        return out

    def inline(self, node: dict, loc: Loc | None) -> list[m.Inline]:
        kind, c = node["t"], node.get("c")
        if kind == "Str":
            return [m.Text(c, loc)]
        if kind in ("Space", "SoftBreak"):
            return [m.Text(" ", loc)]
        if kind == "LineBreak":
            return [m.LineBreak(loc)]
        if kind == "Span":
            here = self.loc(c[0], loc)
            if self.is_wrapper(c[0]):
                return self.inlines(c[1], here)
            return [m.Span(self.inlines(c[1], here), list(c[0][1]), here)]
        if kind in ("Emph", "Underline"):
            return [m.Emph(self.inlines(c, loc), loc)]
        if kind == "Strong":
            return [m.Strong(self.inlines(c, loc), loc)]
        if kind in ("Strikeout", "Superscript", "Subscript", "SmallCaps"):
            return [m.Span(self.inlines(c, loc), [kind.lower()], loc)]
        if kind == "Quoted":
            left, right = QUOTES[c[0]["t"]]
            return [m.Text(left, loc), *self.inlines(c[1], loc), m.Text(right, loc)]
        if kind == "Cite":
            return self.inlines(c[1], loc)
        if kind in ("Code", "Math"):
            return [m.Code(c[1], loc)]
        if kind == "Link":
            return [self.link(c, loc)]
        if kind == "Image":
            return [self.image(c, loc)]
        if kind == "RawInline":
            self.out.error(loc or Loc("?"), f"raw HTML ({quoted(c[1])}) is not allowed in the source",
                           "use Markdown instead: '**bold**', '*italic*', or a link written [text](address)")
            return []
        if kind == "Note":
            self.out.error(loc or Loc("?"), "footnotes are not supported",
                           "put the note's text in the paragraph, in brackets")
            return []
        return []

    def link(self, c, loc) -> m.Link:
        attr, content, (url, title) = c
        here = self.loc(attr, loc)
        url = self.address(url).strip() or "#"  # an empty address is a placeholder, as `(#)` is
        problem = link_problem(url)
        if problem:
            defined = self.definition_of(here)
            source = f" (from the definition of [{defined[0]}] at {defined[1]})" if defined else ""
            self.out.error(here or Loc("?"), f"the link address '{quoted(url, 60)}'{source} {problem}", ADDRESS_HINT)
            url = "#"
        return m.Link(self.inlines(content, here), url, title, here)

    def definition_of(self, here: Loc | None) -> tuple[str, Loc] | None:
        """For a reference-style link (`[text]`, `[text][label]`, `[label][]`): its label as written and
        the line of the chapter's `[label]: address` that gave it its address."""
        body = self.bodies.get(here.file) if here and here.end_line else None
        lines = body.split("\n") if body is not None else []
        if not lines or here.end_line > len(lines):
            return None
        span = "\n".join(lines[here.line - 1:here.end_line])
        span = span[here.col - 1:len(span) - len(lines[here.end_line - 1]) + here.end_col - 1]
        labels = _BRACKETS.findall(span)
        if not span.startswith("[") or not span.endswith("]") or not labels:
            return None
        label = labels[-1] if labels[-1] or len(labels) == 1 else labels[0]
        line = definitions(lines, code_lines(lines)[0]).get(label_key(label or labels[0]), (0, ""))[0]
        return (label or labels[0], Loc(here.file, line)) if line else None

    def image(self, c, loc) -> m.InlineImage:
        attr, content, (src, _title) = c
        here = self.loc(attr, loc)
        return m.InlineImage(self.address(src), plain(self.inlines(content, here)).strip(), "decorative" in attr[1],
                             here, self.user_attrs(attr), self.ident(attr))

    def as_figure(self, inlines: list[m.Inline], loc) -> m.Figure | None:
        content = [n for n in inlines if not (isinstance(n, m.Text) and not n.text.strip())]
        if len(content) != 1 or not isinstance(content[0], m.InlineImage):
            return None
        image = content[0]
        self.check_attrs(image.attrs, {"caption"}, "figure", image.loc)
        return m.Figure(image.src, image.alt, image.decorative, image.attrs.get("caption", "").strip(),
                        image.id, image.loc or loc)


def _wrapped_word(node: dict) -> str | None:
    """The text of a `sourcepos` wrapper around a single word or space (most of the AST), else None."""
    if node["t"] != "Span":
        return None
    attr, content = node["c"]
    if len(content) != 1 or not attr[2] or attr[2][0][0] != "wrapper" or attr[1] or attr[0]:
        return None
    inner = content[0]
    kind = inner["t"]
    if kind == "Str":
        return inner["c"]
    return " " if kind in ("Space", "SoftBreak") else None


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
