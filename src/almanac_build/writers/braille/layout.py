"""Braille pages: lines of at most `width` cells, pages of at most `height` lines, a braille page number
on each page, print page indicators where the print edition turns a page.

Everything here works on Unicode braille cells (one character per cell), so a line's length is its
number of cells. The rules follow BANA's *Braille Formats* (2016), which UK transcribers also use for
general text, in its simplest form:
- the last line of every page carries the braille page number at the right margin, and nothing else;
- a paragraph begins in cell 3 and runs over to cell 1 ("3-1"); list items are "1-3", nested "3-5" …;
- a level-1 heading is centred with a blank line before and after, level 2 begins in cell 5, level 3
  and below in cell 7, each with a blank line before; a heading never ends a page (it moves over with
  at least one line of what follows);
- a print page indicator is a line of dots 3-6 ending at the right margin with the print page number;
- a chapter starts on a new braille page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .translator import BLANK

PAGE_INDICATOR_FILL = "\u2824"  # dots 3-6
GUIDE_DOT = "\u2810"  # dot 5: contents entries lead to their page number with it


@dataclass
class Unit:
    """One thing to lay out: a run of braille and how it sits on the page."""

    dots: str
    first: int = 0  # cells of indent on the first line
    runover: int = 0  # cells of indent on the lines after
    centred: bool = False
    blank_before: bool = False
    blank_after: bool = False
    keep_with_next: bool = False  # headings: never the last thing on a page
    new_page: bool = False
    print_page: str = ""  # set (to the page's braille number) for a print page indicator
    lines: list[str] = field(default_factory=list)  # preformatted lines (tables): used as they are
    anchor: str = ""  # an id to remember the braille page of (contents entries)


# Cells after which a word longer than a line (an address) is best broken: slash (dots 4-5-6, 3-4), full
# stop (dots 2-5-6), hyphen (dots 3-6). Breaking there keeps the address's own words whole.
BREAK_AFTER = ("\u280c", "\u2832", "\u2824")


def split_point(word: str, room: int) -> int:
    """Where to break a word longer than `room` cells: after the last slash, full stop or hyphen that
    fits, else where the line ends (braille breaks addresses without a hyphen)."""
    at = max(word.rfind(cell, 0, room) for cell in BREAK_AFTER) + 1
    return at if at > room // 2 else room


def wrap(dots: str, width: int, first: int = 0, runover: int = 0) -> list[str]:
    """Lines of at most `width` cells, broken at blank cells; a word longer than a line (an address) is
    broken inside, preferably after a slash, full stop or hyphen."""
    words = [w for w in dots.split(BLANK) if w]
    lines: list[str] = []
    line, indent = "", first
    for word in words:
        room = width - indent
        candidate = f"{line}{BLANK}{word}" if line else word
        if len(candidate) <= room:
            line = candidate
            continue
        if line:
            lines.append(BLANK * indent + line)
            indent = runover
            room = width - indent
        while len(word) > room:
            at = split_point(word, room)
            lines.append(BLANK * indent + word[:at])
            word, indent = word[at:], runover
            room = width - indent
        line = word
    if line or not lines:
        lines.append(BLANK * indent + line)
    return lines


def centre(line: str, width: int) -> str:
    text = line.strip(BLANK)
    return BLANK * ((width - len(text)) // 2) + text


def indicator_line(number: str, width: int) -> str:
    """A print page indicator: dots 3-6 across the line, the print page number at the right margin."""
    return PAGE_INDICATOR_FILL * (width - len(number)) + number


@dataclass
class Page:
    number: str  # braille page number as shown (Unicode braille)
    lines: list[str]


class Pager:
    """Pours units into pages. `number(n)` gives the braille form of page n's number; `pages` is the
    result, and `anchors` the braille page (index from 1) each anchored unit began on."""

    def __init__(self, width: int, height: int, number):
        self.width, self.height, self.number = width, height, number
        self.pages: list[Page] = []
        self.anchors: dict[str, int] = {}
        self._lines: list[str] = []
        self._has_text = False  # the page holds more than print page indicators

    @property
    def room(self) -> int:
        """Lines left on this page above the page-number line."""
        return self.height - 1 - len(self._lines)

    def add(self, units: list[Unit]) -> None:
        for index, unit in enumerate(units):
            lines = self.lines_of(unit)
            if unit.new_page and self._has_text:
                self.break_page()
            need = len(lines) + (1 if unit.blank_before and self._lines else 0)
            if unit.keep_with_next and index + 1 < len(units):
                follower = units[index + 1]
                need += 1 + (1 if follower.blank_before else 0)
            # a heading moves over with what follows it, a line or two moves whole; longer things flow on
            if self._lines and need > self.room and (unit.keep_with_next or len(lines) <= 2):
                self.break_page()
            if unit.blank_before and self._lines and self._lines[-1].strip(BLANK):
                self._put("")
            if unit.anchor:
                self.anchors[unit.anchor] = len(self.pages) + 1
            for line in lines:
                self._put(line)
            self._has_text = self._has_text or not unit.print_page
            if unit.blank_after:
                self._put("")

    def lines_of(self, unit: Unit) -> list[str]:
        if unit.print_page:
            return [indicator_line(unit.print_page, self.width)]
        if unit.lines:
            return list(unit.lines)
        lines = wrap(unit.dots, self.width, unit.first, unit.runover)
        return [centre(line, self.width) for line in lines] if unit.centred else lines

    def _put(self, line: str) -> None:
        if self.room <= 0:
            self.break_page()
            if not line.strip(BLANK):
                return  # no blank line at the top of a page
        self._lines.append(line)

    def break_page(self) -> None:
        number = self.number(len(self.pages) + 1)
        body = [line.rstrip(BLANK) for line in self._lines]
        body += [""] * (self.height - 1 - len(body))
        body.append(BLANK * (self.width - len(number)) + number)
        self.pages.append(Page(number, body))
        self._lines, self._has_text = [], False

    def finish(self) -> list[Page]:
        if self._lines:
            self.break_page()
        return self.pages
