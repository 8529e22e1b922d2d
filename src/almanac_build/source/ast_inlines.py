"""Reading Pandoc's inlines into the model: text runs, emphasis, code, links (through the address
gate), images and figures."""

from __future__ import annotations

import re

from .. import model as m
from ..diagnostics import Loc, quoted
from ..text import plain
from .fences import code_lines
from .gate import ADDRESS_HINT, link_problem
from .link_labels import definitions, label_key

_BRACKETS = re.compile(r"\[((?:[^\[\]\\]|\\.)*)\]")
QUOTES = {"SingleQuote": ("‘", "’"), "DoubleQuote": ("“", "”")}


class Inlines:
    """Part of AstReader (needs `bodies` to name a reference link's definition)."""

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
