"""Which embedded font draws each character.

The theme's font (Atkinson Hyperlegible for the almanac) covers Latin-1 and a little more: Welsh ŵ ŷ,
Greek, Cyrillic, arrows and ticks are not in it. Behind it, chosen per character, sits a fallback with
wide coverage and an open licence, DejaVu Sans (about 5,900 characters; Debian's fonts-dejavu-core and
-extra, Bitstream Vera licence, styles/fonts/DejaVu-LICENCE.txt); code is set in DejaVu Sans Mono.
A character that no font in the chain can draw is what the `glyph-missing` rule reports.
"""

from __future__ import annotations

import os
import unicodedata
from functools import lru_cache

from .styles import STYLES_DIR

FONTS_DIR = os.path.join(STYLES_DIR, "fonts")
FALLBACK_FAMILY = "DejaVu Sans"
FALLBACK = {"regular": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf", "italic": "DejaVuSans-Oblique.ttf",
            "bold_italic": "DejaVuSans-BoldOblique.ttf"}
MONO_FAMILY = "DejaVu Sans Mono"
MONO = {"regular": "DejaVuSansMono.ttf", "bold": "DejaVuSansMono-Bold.ttf"}


def fallback_path(face: str) -> str:
    return os.path.join(FONTS_DIR, FALLBACK[face])


def mono_path(face: str) -> str:
    """Code is never slanted: italic code uses the upright faces."""
    return os.path.join(FONTS_DIR, MONO["bold" if face.startswith("bold") else "regular"])


@lru_cache(maxsize=32)
def charset(path: str) -> frozenset[str]:
    """Every character the TrueType font at `path` maps to a glyph (its cmap)."""
    with open(path, "rb") as handle:
        return charset_of(handle.read())


@lru_cache(maxsize=32)
def charset_of(data: bytes) -> frozenset[str]:
    """The same for a font's bytes (a font inside an EPUB); empty when they are not a TrueType font."""
    import io

    from reportlab.pdfbase.ttfonts import TTFError, TTFontFile

    try:
        return frozenset(chr(code) for code, glyph in TTFontFile(io.BytesIO(data)).charToGlyph.items() if glyph)
    except (TTFError, ValueError, KeyError, IndexError, OSError):
        return frozenset()


class FontCharset:
    """A font's character set (`charset`), read from its file only when first asked: the fallback and
    code fonts behind the theme's are not read for a text the theme's font covers, or that has no code."""

    def __init__(self, path: str):
        self.path = path

    def issuperset(self, text: str) -> bool:
        return charset(self.path).issuperset(text)

    def __contains__(self, char: str) -> bool:
        return char in charset(self.path)


def ignorable(char: str) -> bool:
    """Characters no font needs to draw: controls, format characters (soft hyphen, zero-width joiners,
    variation selectors) and line or paragraph separators."""
    return unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") or "\ufe00" <= char <= "\ufe0f"


def clusters(text: str):
    """The text in clusters of a base character and the combining marks after it (a decomposed ŵ is
    w + U+0302, and both must come from one font)."""
    start = 0
    for index in range(1, len(text) + 1):
        if index == len(text) or not unicodedata.combining(text[index]):
            yield text[start:index]
            start = index


def runs(text: str, chain: list[frozenset[str]]) -> list[tuple[int, str]]:
    """`text` cut into runs, each with the index in `chain` of the first font that draws all of it.
    A cluster no font draws stays with the first font (it will be reported, not hidden)."""
    if chain[0].issuperset(text):
        return [(0, text)]
    out: list[tuple[int, str]] = []
    for cluster in clusters(text):
        pick = next((i for i, fonts in enumerate(chain) if all(c in fonts or ignorable(c) for c in cluster)), 0)
        if out and out[-1][0] == pick:
            out[-1] = (pick, out[-1][1] + cluster)
        else:
            out.append((pick, cluster))
    return out


def undrawable(text: str, chain: list) -> list[tuple[int, str]]:
    """(offset, character) of each character that no font in `chain` (character sets, or FontCharset)
    can draw."""
    if chain[0].issuperset(text):
        return []
    return [(i, c) for i, c in enumerate(text)
            if not ignorable(c) and not any(c in fonts for fonts in chain)]


def describe(char: str) -> str:
    """“ŷ” (U+0177 LATIN SMALL LETTER Y WITH CIRCUMFLEX), for messages."""
    return f"“{char}” (U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')})"


def fallback_needed(book, theme) -> bool:
    """Whether the publication uses a character the theme's font lacks: only then do the HTML and EPUB
    carry the fallback font (a browser or reading system would otherwise use whatever it has)."""
    from .text import block_text

    text = " ".join([book.meta.title, book.meta.subtitle or ""] +
                    [f"{c.title} {c.outcome} {block_text(c.blocks)}" for c in book.chapters])
    theirs = charset(theme.font_path("regular"))
    return any(c not in theirs and not ignorable(c) for c in set(text))


def css_fallback_faces(url_prefix: str) -> str:
    """@font-face rules for the fallback's regular and bold faces (browsers slant them for italics)."""
    return "".join(f'@font-face {{ font-family: "{FALLBACK_FAMILY}"; font-weight: {weight}; font-style: normal; '
                   f'src: url("{url_prefix}{FALLBACK[face]}") format("truetype"); }}\n'
                   for face, weight in (("regular", 400), ("bold", 700)))
