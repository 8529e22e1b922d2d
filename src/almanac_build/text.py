"""Small text helpers shared by the loader, writers and rules: plain text of inlines and blocks, ids from text."""

from __future__ import annotations

import re
import unicodedata

from . import model as m
from .walk import child_inlines, iter_blocks


def plain(inlines: list[m.Inline]) -> str:
    """The text a reader would hear for a run of inlines (alt text for inline images)."""
    parts: list[str] = []
    for node in inlines:
        if isinstance(node, (m.Text, m.Code)):
            parts.append(node.text)
        elif isinstance(node, m.LineBreak):
            parts.append(" ")
        elif isinstance(node, m.InlineImage):
            parts.append(node.alt)
        else:
            parts.append(plain(child_inlines(node)))  # a TypeError for an inline walk.py does not know
    return "".join(parts)


def own_text(block) -> str:
    """The text a block shows itself, not counting the blocks inside it: a heading's or paragraph's
    text, a code block, a figure's or table's caption, a case study's organisation, a practice theme's
    title. Every block class is named here, so a new one is a TypeError until it is."""
    if isinstance(block, (m.Heading, m.Paragraph)):
        return plain(block.children)
    if isinstance(block, m.CodeBlock):
        return block.text
    if isinstance(block, (m.Figure, m.Table)):
        return block.caption
    if isinstance(block, m.CaseStudy):
        return block.organisation
    if isinstance(block, m.PracticeTheme):
        return block.title
    if isinstance(block, (m.ListBlock, m.BlockQuote, m.Practice, m.ThematicBreak, m.Generated)):
        return ""
    raise TypeError(f"{type(block).__name__} is not a block text.py knows: add it to own_text")


def block_text(blocks: list[m.Block]) -> str:
    """Plain text of blocks and everything inside them, in reading order, separated by spaces (used
    for table cells, checks and the loader's look-ups)."""
    return " ".join(text for text in (own_text(block) for block in iter_blocks(blocks)) if text)


_OPENING = re.compile(r"(^|[\s(\[{\u2014\u2013-])(['\"])")


def smart_quotes(text: str) -> str:
    """Typographic quotes for text that Pandoc's `smart` extension never sees (front matter, block
    settings), so "council's" reads the same as in the body: council’s."""
    text = _OPENING.sub(lambda m: m.group(1) + ("\u2018" if m.group(2) == "'" else "\u201c"), text)
    return text.replace("'", "\u2019").replace('"', "\u201d")


def slugify(text: str) -> str:
    """A readable, stable id fragment: 'What we mean by data?' -> 'what-we-mean-by-data'."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text[:60].rstrip("-") or "section"


class IdAllocator:
    """Hands out unique ids across the book, adding -2, -3 … when a slug is already taken."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def claim(self, wanted: str) -> str:
        candidate, n = wanted, 2
        while candidate in self.taken:
            candidate = f"{wanted}-{n}"
            n += 1
        self.taken.add(candidate)
        return candidate
