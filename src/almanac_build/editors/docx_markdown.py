"""A Pandoc document read from Word → a chapter's Markdown in the source format (docs/source-format.md).

Written here rather than by Pandoc's Markdown writer because the source format has its own blocks
(`::: {.table caption=…}`, list tables, `{.decorative}` figures) and allows no raw HTML, which Pandoc
falls back to for any table it cannot draw with pipes. Whatever cannot be carried over is not
guessed: it is reported through `note(what, text)` with the Word paragraph it came from.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..text import smart_quotes

_SAFE_SCHEMES = ("http://", "https://", "mailto:", "tel:")
_ESCAPE = re.compile(r"([\\`*_\[\]{}<>|~^])")
_LINE_START = re.compile(r"^(\s*)([#>+=:-]|\d+[.)](?=\s|$))")


class MarkdownWriter:
    """`picture(src, alt, inline)` returns the Markdown of a picture (or "" when it was left out);
    `note(what, near_text)` records something that could not be carried over."""

    def __init__(self, heading_shift: int, picture: Callable[[str, list, str], str],
                 note: Callable[[str, str], None], known_ids: frozenset[str] = frozenset(),
                 row_headers: list[int] | None = None):
        self.shift = heading_shift
        self.row_headers = row_headers or []  # per table: header columns the Word file marks (docx_facts)
        self.known_ids = known_ids  # chapter and heading ids of the almanac: a Word link to one is kept
        self.picture = picture
        self.note = note
        self.tables = 0

    # ------------------------------------------------------------ blocks
    def document(self, blocks: list[dict]) -> str:
        return "\n\n".join(chunk for chunk in self.blocks(blocks) if chunk.strip()) + "\n"

    def blocks(self, blocks: list[dict]) -> list[str]:
        out: list[str] = []
        for index, block in enumerate(blocks):
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if block["t"] == "Figure" and following and following["t"] == "Table" and \
                    _plain_blocks(block["c"][1][1]) == _plain_blocks(following["c"][1][1]):
                # Pandoc's reader also gives a picture the caption of a table right after it
                block = {"t": "Figure", "c": [block["c"][0], [None, []], block["c"][2]]}
            out.extend(self.block(block))
        return out

    def block(self, b: dict) -> list[str]:
        kind, c = b["t"], b.get("c")
        if kind in ("Para", "Plain"):
            figure = self._lone_picture(c)
            if figure is not None:
                return [figure] if figure else []
            text = self.inlines(c).strip()
            return [_guard_line_start(text)] if text else []
        if kind == "Header":
            level, _attr, inlines = c
            text = self.inlines(inlines).strip()
            if not text:
                return []
            level = level + self.shift
            if level > 6:
                self.note("a heading nested deeper than the source allows was made a level-6 heading", text)
            return [f"{'#' * max(2, min(level, 6))} {text}"]
        if kind == "BulletList":
            return [self._list(c, lambda i: "-")]
        if kind == "OrderedList":
            (start, _style, _delim), items = c
            return [self._list(items, lambda i: f"{start + i}.")]
        if kind == "BlockQuote":
            inner = "\n\n".join(self.blocks(c))
            return ["\n".join(("> " + line).rstrip() for line in inner.split("\n"))] if inner.strip() else []
        if kind == "CodeBlock":
            text = c[1]
            fence = "`" * max(3, _longest_run(text, "`") + 1)
            return [f"{fence}\n{text}\n{fence}"]
        if kind == "LineBlock":
            return ["\\\n".join(self.inlines(line) for line in c)]
        if kind == "HorizontalRule":
            return ["* * *"]
        if kind == "Table":
            return [self.table(c)]
        if kind == "Figure":
            return self.figure(c)
        if kind == "Div":
            return self.blocks(c[1])
        if kind == "DefinitionList":
            out = []
            for term, definitions in c:
                self.note("a definition list was written as a bold term and its paragraphs", _plain(term))
                out.append(f"**{self.inlines(term).strip()}**")
                for definition in definitions:
                    out.extend(self.blocks(definition))
            return out
        if kind == "RawBlock":
            self.note("raw content was left out", c[1][:60])
            return []
        return []

    def _list(self, items: list, marker) -> str:
        out = []
        for index, item in enumerate(items):
            mark = marker(index)
            pad = " " * (len(mark) + 1)
            chunks = self.blocks(item) or [""]
            body = "\n\n".join(chunks)
            lines = body.split("\n")
            out.append("\n".join([f"{mark} {lines[0]}".rstrip()] + [(pad + l).rstrip() if l else "" for l in lines[1:]]))
        loose = any(len(self.blocks(item)) > 1 for item in items)
        return ("\n\n" if loose else "\n").join(out)

    def figure(self, c) -> list[str]:
        _attr, (_short, caption_blocks), body = c
        caption = " ".join(_plain_blocks(caption_blocks).split())
        images = [n for b in body for n in _walk_inlines(b) if n["t"] == "Image"]
        if len(images) != 1:
            out = self.blocks(body)
            if caption:
                out.append(self.inlines_text(caption))
            return out
        return [p for p in [self.picture(images[0]["c"][2][0], images[0]["c"][1], caption)] if p]

    def _lone_picture(self, inlines: list) -> str | None:
        content = [n for n in inlines if n["t"] not in ("Space", "SoftBreak", "LineBreak")]
        if len(content) == 1 and content[0]["t"] == "Image":
            return self.picture(content[0]["c"][2][0], content[0]["c"][1], "")
        return None

    def inlines_text(self, text: str) -> str:
        return _guard_line_start(_escape(text))

    # ------------------------------------------------------------ tables
    def table(self, c) -> str:
        _attr, (_short, caption_blocks), _specs, (_hattr, head), bodies, (_fattr, foot) = c
        self.tables += 1
        caption = " ".join(_plain_blocks(caption_blocks).split())
        rows_head = [self._row(r) for r in head]
        rows_body, row_heads = [], 0
        for _battr, heads, inter, rows in bodies:
            row_heads = max(row_heads, heads)
            rows_body += [self._row(r) for r in inter + rows]
        rows_body += [self._row(r) for r in foot]
        if self.tables <= len(self.row_headers):
            row_heads = max(row_heads, self.row_headers[self.tables - 1])
        grid_head, grid_body = _grid(rows_head + rows_body, self.note, row_heads)
        width = max((len(r) for r in grid_head + grid_body), default=0)
        all_rows = [r + [[]] * (width - len(r)) for r in grid_head + grid_body]
        nhead = len(rows_head)
        if not caption:
            self.note(f"table {self.tables} has no caption: add one (caption=\"…\") saying what the table shows",
                      _plain_blocks([b for row in all_rows[:1] for cell in row for b in cell]))
        if not nhead:
            self.note(f"table {self.tables} has no header row: in Word, select the first row and set "
                      "“Repeat as header row”, or write header-rows=1 in the chapter", "")
        attrs = []
        if caption:
            attrs.append(f'caption="{_attr_value(caption)}"')
        if row_heads:
            attrs.append(f"row-headers={min(row_heads, 3)}")
        simple = nhead == 1 and all(self._simple(cell) for row in all_rows for cell in row)
        if simple:
            lines = ["| " + " | ".join(self._cell_line(cell) for cell in row) + " |" for row in all_rows]
            lines.insert(1, "|" + "|".join("---" for _ in range(width)) + "|")
            inner = "\n".join(lines)
        else:
            if nhead != 1:
                attrs.append(f"header-rows={min(nhead, 3)}")
            inner = self._list_table(all_rows)
        opening = "::: {.table" + "".join(" " + a for a in attrs) + "}"
        return f"{opening}\n{inner}\n:::"

    def _row(self, row) -> list[tuple[int, int, list]]:
        return [(rowspan, colspan, blocks) for _attr, _align, rowspan, colspan, blocks in row[1]]

    def _simple(self, cell: list) -> bool:
        return len(cell) <= 1 and all(b["t"] in ("Plain", "Para") and self._lone_picture(b["c"]) is None for b in cell)

    def _cell_line(self, cell: list) -> str:
        text = self.inlines(cell[0]["c"]).strip() if cell else ""
        return text.replace("\\\n", " ").replace("\n", " ").replace("|", "\\|")

    def _list_table(self, rows: list) -> str:
        out = []
        for row in rows:
            cells = []
            for cell in row:
                body = "\n\n".join(self.blocks(cell)) if cell else ""
                lines = body.split("\n") if body.strip() else [""]  # an empty cell is a bare "-"
                cells.append("\n".join([f"  - {lines[0]}".rstrip()] + [("    " + l).rstrip() if l else "" for l in lines[1:]]))
            first = "- " + cells[0][2:]  # the row's own marker before its first cell's
            out.append("\n".join([first] + cells[1:]))
        return "\n".join(out)

    # ------------------------------------------------------------ inlines
    def inlines(self, nodes: list[dict]) -> str:
        return "".join(self.inline(n) for n in nodes)

    def inline(self, n: dict) -> str:
        kind, c = n["t"], n.get("c")
        if kind == "Str":
            return _escape(c)
        if kind in ("Space", "SoftBreak"):
            return " "
        if kind == "LineBreak":
            return "\\\n"
        if kind in ("Emph", "Strong"):
            return _wrap(self.inlines(c), "*" if kind == "Emph" else "**")
        if kind in ("Underline", "Strikeout", "SmallCaps", "Superscript", "Subscript"):
            return self.inlines(c)
        if kind == "Quoted":
            open_, close = ("\u2018", "\u2019") if c[0]["t"] == "SingleQuote" else ("\u201c", "\u201d")
            return open_ + self.inlines(c[1]) + close
        if kind == "Cite":
            return self.inlines(c[1])
        if kind == "Code":
            fence = "`" * (_longest_run(c[1], "`") + 1)
            pad = " " if c[1].startswith("`") or c[1].endswith("`") else ""
            return f"{fence}{pad}{c[1]}{pad}{fence}"
        if kind == "Math":
            self.note("an equation was kept as plain text", c[1][:60])
            return _escape(c[1])
        if kind == "RawInline":
            return ""
        if kind == "Span":
            return self.inlines(c[1])
        if kind == "Link":
            return self.link(c)
        if kind == "Image":
            alt = _plain(c[1])
            self.note("a picture inside a line of text was left out: put it on its own line in Word", alt)
            return ""
        if kind == "Note":
            self.note("a footnote was left out (footnotes are not supported): put its text in the paragraph, "
                      f"in brackets — it read “{' '.join(_plain_blocks(c).split())[:200]}”", "")
            return ""
        return ""

    def link(self, c) -> str:
        _attr, content, (url, _title) = c
        text = self.inlines(content).strip()
        if not text:
            return ""
        url = url.strip()
        if url.lower().startswith(_SAFE_SCHEMES) and not any(ch.isspace() or ch in "<>\\`" for ch in url):
            return f"[{text}]({url.replace('(', '%28').replace(')', '%29')})"
        if url.startswith("#") and url[1:] in self.known_ids:
            return f"[{text}]({url})"
        if url.startswith("#"):
            self.note("a link to a place inside the Word file was kept as plain text: link it to a chapter or "
                      "heading id (#id) in the chapter if it is needed", _plain(content))
        else:
            self.note(f"the link address “{url[:80]}” is not a web, email or telephone address: the text was kept "
                      "without the link", _plain(content))
        return text


def _wrap(text: str, mark: str) -> str:
    """Emphasis with the spaces Word leaves inside a bold run moved outside, so the Markdown reads back."""
    stripped = text.strip()
    if not stripped:
        return text
    lead = text[:len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()):]
    return f"{lead}{mark}{stripped}{mark}{trail}"


def _escape(text: str) -> str:
    return _ESCAPE.sub(r"\\\1", text)


def _guard_line_start(text: str) -> str:
    """A paragraph that starts like a heading, quote, list item or fence is escaped to stay a paragraph."""
    lines = text.split("\n")
    return "\n".join(_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2) if not m.group(2)[0].isdigit()
                                     else m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], line)
                     for line in lines)


def _attr_value(text: str) -> str:
    return smart_quotes(text).replace("\\", "\\\\")


def _longest_run(text: str, ch: str) -> int:
    runs = re.findall(re.escape(ch) + "+", text)
    return max((len(r) for r in runs), default=0)


def _walk_inlines(block: dict):
    c = block.get("c")
    if block["t"] in ("Plain", "Para"):
        for n in c:
            yield n


def _plain(inlines: list) -> str:
    out = []
    for n in inlines:
        kind, c = n["t"], n.get("c")
        if kind == "Str":
            out.append(c)
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif kind in ("Code", "Math"):
            out.append(c[1])
        elif kind in ("Emph", "Strong", "Underline", "Strikeout", "SmallCaps", "Superscript", "Subscript"):
            out.append(_plain(c))
        elif kind in ("Quoted", "Cite", "Span"):
            out.append(_plain(c[1]))
        elif kind in ("Link", "Image"):
            out.append(_plain(c[1]))
    return "".join(out)


def _plain_blocks(blocks: list) -> str:
    out = []
    for b in blocks:
        kind, c = b["t"], b.get("c")
        if kind in ("Plain", "Para", "Header"):
            out.append(_plain(c if kind != "Header" else c[2]))
        elif kind in ("BulletList",):
            out.extend(_plain_blocks(item) for item in c)
        elif kind == "OrderedList":
            out.extend(_plain_blocks(item) for item in c[1])
        elif kind in ("BlockQuote",):
            out.append(_plain_blocks(c))
        elif kind == "Div":
            out.append(_plain_blocks(c[1]))
    return " ".join(o for o in out if o)


def _grid(rows: list[list[tuple[int, int, list]]], note, row_heads: int) -> tuple[list, list]:
    """Cells placed on a grid: a cell merged down its rows (Word's vertical merge) keeps its text in the
    first row and leaves the rows below empty, which is how the source writes a row group; merged across
    columns, the columns after it are left empty and the editor is told."""
    taken: dict[tuple[int, int], bool] = {}
    placed: list[dict[int, list]] = [dict() for _ in rows]
    for r, row in enumerate(rows):
        col = 0
        for rowspan, colspan, blocks in row:
            while taken.get((r, col)):
                col += 1
            placed[r][col] = blocks
            for dr in range(max(1, rowspan)):
                for dc in range(max(1, colspan)):
                    taken[(r + dr, col + dc)] = True
            if colspan > 1:
                note("a cell merged across columns was split: the columns after it are empty", _plain_blocks(blocks))
            if rowspan > 1 and col >= max(row_heads, 1):
                note("a cell merged down several rows outside the row-header columns was split: the rows below "
                     "it are empty", _plain_blocks(blocks))
            col += max(1, colspan)
    width = max((c + 1 for (_, c) in taken), default=0)
    grid = [[placed[r].get(c, []) for c in range(width)] for r in range(len(rows))]
    return grid, []
