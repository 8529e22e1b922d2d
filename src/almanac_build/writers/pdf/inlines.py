"""Model inlines → ReportLab paragraph markup. Links are underlined and coloured; placeholder links
(the 2023 text's lost targets) are plain text, so a reader never meets a dead link."""

from __future__ import annotations

from xml.sax.saxutils import escape

from ... import model as m
from .fonts import MONO_BASE


def attr(value: str) -> str:
    return escape(value, {'"': "&quot;"})


class InlineMarkup:
    """Turns inlines into markup; `link_colour` is the theme's link colour for the current surface."""

    def __init__(self, link_colour: str):
        self.link_colour = link_colour

    def markup(self, nodes: list[m.Inline]) -> str:
        return "".join(self.inline(n) for n in nodes)

    def inline(self, n: m.Inline) -> str:
        if isinstance(n, m.Text):
            return escape(n.text)
        if isinstance(n, m.Code):  # monospace; the paragraph tags it Code (paragraphs.py)
            return f'<font face="{MONO_BASE}">{escape(n.text)}</font>'
        if isinstance(n, m.LineBreak):
            return "<br/>"
        if isinstance(n, m.Emph):
            return f"<i>{self.markup(n.children)}</i>"
        if isinstance(n, m.Strong):
            return f"<b>{self.markup(n.children)}</b>"
        if isinstance(n, m.Span):
            return self.markup(n.children)
        if isinstance(n, m.InlineImage):
            return escape(n.alt)
        if isinstance(n, m.Link):
            text = self.markup(n.children)
            return text if n.placeholder else self.link(n.url, text)
        raise TypeError(f"unknown inline {type(n).__name__}")

    def link(self, url: str, text_markup: str, colour: str = "") -> str:
        return f'<a href="{attr(url)}" color="{colour or self.link_colour}"><u>{text_markup}</u></a>'
