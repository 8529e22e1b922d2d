"""Small text helpers shared by the loader, writers and rules: plain text of inlines, ids from text."""

from __future__ import annotations

import re
import unicodedata

from . import model as m


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
            parts.append(plain(node.children))
    return "".join(parts)


def block_text(blocks: list[m.Block]) -> str:
    """Plain text of blocks, paragraphs separated by a space (used for tables and checks)."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, (m.Paragraph, m.Heading)):
            out.append(plain(block.children))
        elif isinstance(block, m.ListBlock):
            out.extend(block_text(item) for item in block.items)
        elif isinstance(block, m.BlockQuote):
            out.append(block_text(block.blocks))
        elif isinstance(block, m.CodeBlock):
            out.append(block.text)
    return " ".join(t for t in out if t)


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
