"""Characters no embedded font can draw: in the source (each at its own file:line:col, judged against
the fonts the writers embed: the theme's, then the fallback; the monospace one for code), in the HTML
and EPUB (their text against the fonts their stylesheets declare with @font-face) and in a PDF
(characters shown with the empty .notdef glyph, which the text layer leaves out)."""

from __future__ import annotations

import os
import re

import pikepdf

from ... import glyphs
from ... import model as m
from ...diagnostics import Loc
from ...walk import iter_blocks, iter_inlines
from .pdf_text import Unsupported, decode_table


def source_undrawable(chapter: m.Chapter, theme) -> list[tuple[str, Loc | None]]:
    """(character, where it is written) for each character of the chapter that no font draws."""
    fallback = glyphs.FontCharset(glyphs.fallback_path("regular"))
    text_chain = [glyphs.charset(theme.font_path("regular")), fallback]
    code_chain = [glyphs.FontCharset(glyphs.mono_path("regular")), fallback]
    found: list[tuple[str, Loc | None]] = []

    def judge(text: str, loc: Loc | None, chain=text_chain) -> None:
        for _offset, char in glyphs.undrawable(text, chain):
            found.append((char, _locate(char, loc)))

    judge(chapter.title, chapter.loc)
    judge(chapter.outcome, chapter.loc)
    for block in iter_blocks(chapter.blocks):
        if isinstance(block, m.CodeBlock):
            judge(block.text, block.loc, code_chain)
        for name in ("caption", "description", "organisation", "category", "title", "alt"):
            value = getattr(block, name, "")
            if isinstance(value, str) and value:
                judge(value, block.loc)
    for node in iter_inlines(chapter.blocks):
        if isinstance(node, m.Text):
            judge(node.text, node.loc)
        elif isinstance(node, m.Code):
            judge(node.text, node.loc, code_chain)
        elif isinstance(node, m.InlineImage):
            judge(node.alt, node.loc)
    return list(dict.fromkeys(found))  # one finding per character and place


_FILES: dict[str, list[str]] = {}


def _locate(char: str, loc: Loc | None) -> Loc | None:
    """The character's own line and column: a text run's position is that of its first word."""
    if loc is None or not loc.line or not os.path.isfile(loc.file):
        return loc
    if loc.file not in _FILES:
        with open(loc.file, encoding="utf-8") as handle:
            _FILES[loc.file] = handle.read().splitlines()
    lines = _FILES[loc.file]
    last = max(loc.end_line, loc.line) if loc.end_line else loc.line + 40
    for number in range(loc.line, min(last, len(lines)) + 1):
        start = loc.col - 1 if number == loc.line and loc.col else 0
        col = lines[number - 1].find(char, max(start, 0))
        if col < 0 and start:  # Pandoc's column may lie past the character
            col = lines[number - 1].find(char)
        if col >= 0:
            return Loc(loc.file, number, col + 1)
    return loc


def pdf_notdef(page, instructions, cache: dict | None = None) -> int:
    """How many characters the page shows with a code its font's ToUnicode map leaves out or maps to
    U+0000: ReportLab draws a character its font lacks as code 0, the empty box. `cache` keeps each
    font's answer across the pages of one PDF."""
    cache = {} if cache is None else cache
    fonts = page.obj.get("/Resources", {}).get("/Font", {})
    count, drawn = 0, None
    for operands, op in instructions:
        if op == "Tf" and operands:
            font = fonts.get(str(operands[0]))
            drawn = _drawn_codes(font, cache) if font is not None else None
        elif drawn is not None and op in ("Tj", "TJ", "'", '"'):
            for operand in operands:
                for piece in (operand if isinstance(operand, pikepdf.Array) else (operand,)):
                    if isinstance(piece, pikepdf.String):
                        count += len(bytes(piece).translate(None, drawn))  # what is left: empty boxes
    return count


def _drawn_codes(font, cache: dict) -> bytes | None:
    """The one-byte codes a font maps to real text (None: a font this reading does not judge)."""
    key = font.objgen if font.objgen != (0, 0) else id(font)
    if key not in cache:
        try:
            table = decode_table(font)
            cache[key] = bytes(code for code in range(256) if table[code] not in (None, "\x00"))
        except Unsupported:
            cache[key] = None
    return cache[key]


_FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}", re.S)
_URL = re.compile(r"""url\(\s*["']?([^"')]+)["']?\s*\)""")


def font_face_urls(css: str) -> list[str]:
    """The font files a stylesheet embeds (@font-face src urls, relative to the stylesheet)."""
    return [url for face in _FONT_FACE.findall(css) for url in _URL.findall(face) if "://" not in url]


def undrawable_in_view(view, fonts: list[frozenset[str]]) -> list[tuple[str, object]]:
    """(character, where) for each character of the view's text that none of `fonts` draws, once per
    character and place. No fonts: the output embeds none, and the rule does not apply to it."""
    if not fonts:
        return []
    drawn = frozenset().union(*fonts)
    items = [(b.text, b.where) for b in view.blocks] + [(h.text, h.where) for h in view.headings if h.text]
    items += [(c.text, c.where) for t in view.tables for row in t.rows for c in row]
    found = []
    for text, where in items:
        for char in sorted(set(text) - drawn):
            if not glyphs.ignorable(char) and not char.isspace():
                found.append((char, where))
    return list(dict.fromkeys(found))
