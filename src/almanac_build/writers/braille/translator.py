"""liblouis, the braille translator, and the ASCII braille (BRF) form of its dots.

Translation is liblouis's job, not ours: this module asks it (through `almanac_build.liblouis`, which
finds Debian's binding) for Unicode braille, so the result is dot patterns whatever display table a
system defaults to, and maps the dots to North American Braille ASCII, the form `.brf` files, embossers
and braille displays read.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...diagnostics import ToolError
from ...liblouis import louis_module

# Unicode braille U+2800 + dots bitmask → North American Braille ASCII (the BRF character set).
_ASCII = " A1B'K2L@CIF/MSP\"E3H9O6R^DJG>NTQ,*5<-U8V.%[$+X!&;:4\\0Z7(_?W]#Y)="
TO_BRF = {chr(0x2800 + i): ch for i, ch in enumerate(_ASCII)}
FROM_BRF = {ch: dots for dots, ch in TO_BRF.items()}
BLANK = "\u2800"
NOT_A_CELL = re.compile("[^\u2800-\u28ff]")

# The contracted (grade 2) and uncontracted (grade 1) table for each language liblouis covers here.
TABLES = {
    "en": {2: "en-ueb-g2.ctb", 1: "en-ueb-g1.ctb"},
    "cy": {2: "cy-cy-g2.ctb", 1: "cy-cy-g1.utb"},
}


def table_for(language: str, grade: int, override: str = "") -> str:
    """The liblouis table for a publication's language ('en-GB' → UEB), or the theme's own choice."""
    if override:
        return override
    base = language.split("-")[0].lower()
    return TABLES.get(base, TABLES["en"])[grade]


class Translator:
    """Text to Unicode braille and back, through one liblouis table (results cached: headings and
    labels repeat)."""

    def __init__(self, table: str):
        self.louis = louis_module()
        self.tables = ["unicode.dis", table]
        try:
            self.louis.translateString(self.tables, "a")
        except Exception as exc:  # liblouis raises a bare RuntimeError for a table it cannot compile
            raise ToolError(f"liblouis cannot use the braille table '{table}' ({exc}); name one of the tables "
                            "in /usr/share/liblouis/tables under braille: table: in the theme") from None
        self._cache: dict[str, str] = {}

    def dots(self, text: str) -> str:
        """Unicode braille for `text`, spaces as the blank cell; line breaks are the layout's business."""
        text = " ".join(text.split())
        if not text:
            return ""
        found = self._cache.get(text)
        if found is None:
            found = self.louis.translateString(self.tables, text).replace(" ", BLANK)
            self._cache[text] = found
        return found

    def back(self, dots: str) -> str:
        """Back-translation of Unicode braille to print (used to check the edition against its source)."""
        return self.louis.backTranslateString(self.tables, dots) if dots.strip(BLANK + " ") else ""


def to_brf(dots: str) -> str:
    """Unicode braille → BRF characters (a character that is not a braille cell is a bug: say which).
    BRF has six dots: liblouis writes a character its table lacks (Cyrillic, Chinese, emoji) as the
    escape '\\x0416' with the backslash on dots 1256 plus dot 7, so dots 7 and 8 are dropped and the
    escape reads as liblouis means it."""
    stray = NOT_A_CELL.search(dots)
    if stray:
        raise ToolError(f"internal error: liblouis gave a character that is not a braille cell: {stray.group()!r}")
    return dots.translate(_CELL_TO_BRF)


def _six_dots(cell: str) -> str:
    code = ord(cell) - 0x2800
    return chr(0x2800 + (code & 0x3F)) if 0x40 <= code <= 0xFF else cell


_CELL_TO_BRF = {0x2800 + code: TO_BRF[_six_dots(chr(0x2800 + code))] for code in range(256)}  # one C pass

def from_brf(brf: str) -> str:
    """BRF characters → Unicode braille (for checking and for showing a sighted reviewer the layout)."""
    return "".join(FROM_BRF.get(ch.upper(), ch) for ch in brf)
