"""Dates and numbers written the way the publication's `language` writes them.

Only the conventions the tool itself generates text with (a publication date, a file size) live here;
the publication's own words are the editor's. Quotation marks are the editor's too: the tool writes
none into an edition, and straight quotes become typographic ones as typed (Pandoc's `smart`
extension in the text, `text.smart_quotes` in the metadata), so ‘single’ or “double” first is the
writer's choice in any language. The table is small on purpose: en-GB,
en-US and cy (Welsh) are the languages the publications are written in. Any other tag gets en-GB's
conventions, and the loader warns about it (see `supported`). No machine locale is consulted, so the
same source gives the same bytes everywhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Conventions:
    months: tuple[str, ...]
    date: str  # format with {day}, {month}, {year}
    decimal: str
    thousands: str


ENGLISH_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                  "October", "November", "December")
WELSH_MONTHS = ("Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi",
                "Hydref", "Tachwedd", "Rhagfyr")

# British style (GOV.UK): 21 March 2023; US style: March 21, 2023; Welsh: 21 Mawrth 2023.
CONVENTIONS = {
    "en-gb": Conventions(ENGLISH_MONTHS, "{day} {month} {year}", ".", ","),
    "en-us": Conventions(ENGLISH_MONTHS, "{month} {day}, {year}", ".", ","),
    "cy": Conventions(WELSH_MONTHS, "{day} {month} {year}", ".", ","),
}
# A tag without its region, or with another one, is written like its closest entry.
ALIASES = {"en": "en-gb", "cy-gb": "cy"}
DEFAULT = "en-gb"


def key(language: str) -> str:
    """The table entry for a BCP 47 tag: exact (case-insensitive), then by alias, then by its language."""
    tag = language.strip().lower()
    if tag in CONVENTIONS:
        return tag
    if tag in ALIASES:
        return ALIASES[tag]
    primary = tag.split("-")[0]
    return primary if primary in CONVENTIONS else ALIASES.get(primary, DEFAULT)


def supported(language: str) -> bool:
    """Whether the table knows this language (else en-GB conventions are used)."""
    tag = language.strip().lower()
    return tag in CONVENTIONS or tag in ALIASES or tag.split("-")[0] in CONVENTIONS or tag.split("-")[0] in ALIASES


def conventions(language: str) -> Conventions:
    return CONVENTIONS[key(language)]


def long_date(iso: str, language: str = "en-GB") -> str:
    """'2023-03-21' -> '21 March 2023' (en-GB), 'March 21, 2023' (en-US), '21 Mawrth 2023' (cy)."""
    day = dt.date.fromisoformat(iso)
    c = conventions(language)
    return c.date.format(day=day.day, month=c.months[day.month - 1], year=day.year)


def month_year(iso: str, language: str = "en-GB") -> str:
    day = dt.date.fromisoformat(iso)
    return f"{conventions(language).months[day.month - 1]} {day.year}"


def number(value: float, language: str = "en-GB", decimals: int = 0) -> str:
    """A number with the language's decimal mark and thousands separator: 1,234.5."""
    c = conventions(language)
    whole, _, fraction = f"{value:,.{decimals}f}".partition(".")
    whole = whole.replace(",", c.thousands)
    return f"{whole}{c.decimal}{fraction}" if fraction else whole
