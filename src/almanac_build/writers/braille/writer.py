"""The braille edition: `<slug>.brf`, Unified English Braille (contracted by default) in the ASCII
braille form embossers and braille displays read, laid out as a braille book (layout.py) from the same
model as every other edition, with the print edition's page numbers (writers/pagination.py).

Front matter on preliminary pages numbered p1, p2 …: a title page with a transcriber's note that says
how the edition is laid out, then the contents with each chapter's braille page. The body follows on
pages numbered from 1. A summary of what was laid out goes to `.build/braille.json` for the download
page and the tests.
"""

from __future__ import annotations

import json
import os

from ... import model as m
from .. import pagination
from ..base import BuildContext, Writer
from .layout import BLANK, GUIDE_DOT, Page, Pager, Unit, wrap
from .linearise import NOTE_CLOSE, NOTE_OPEN, Lineariser
from .translator import Translator, table_for, to_brf

RECORD = "braille.json"
DEFAULTS = {"cells_per_line": 40, "lines_per_page": 25, "grade": 2, "table": ""}
NOTE = ("Transcriber's note: this braille edition is made from the same source as the print edition. "
        "A line of dots 3-6 ending in a number shows where a print page begins, and gives its number. "
        "Braille page numbers are at the foot of each page; the preliminary pages are numbered p1, p2 and so on. "
        "Pictures are described in transcriber's notes; decorative pictures are left out.")


def settings(theme) -> dict:
    """The theme's `braille:` values over the defaults (40 cells by 25 lines, contracted)."""
    values = dict(DEFAULTS)
    values.update(theme.data.get("braille") or {})
    return values


class BrailleWriter(Writer):
    """`<slug>.brf` from the book, with print page indicators from the print PDF's page record."""

    grade: int | None = None  # None: the theme's choice

    def write(self, book: m.Book, ctx: BuildContext) -> None:
        options = settings(ctx.theme)
        grade = int(ctx.options.get("braille_grade") or self.grade or options["grade"])
        width, height = int(options["cells_per_line"]), int(options["lines_per_page"])
        translator = Translator(table_for(book.meta.language, grade, options["table"]))
        print_pages = pagination.read(ctx.data_dir, book)
        lineariser = Lineariser(book, translator, width, print_pages)
        body = Pager(width, height, lambda n: translator.dots(str(n)))
        body.add(lineariser.book_units())
        body_pages = body.finish()
        front = Pager(width, height, lambda n: translator.dots(f"p{n}"))
        front.add(title_page(book, translator) + contents(book, translator, body.anchors, width))
        front_pages = front.finish()
        with open(ctx.path(self.outputs[0]), "w", encoding="ascii", newline="") as handle:
            handle.write(brf(front_pages + body_pages))
        record = {"grade": grade, "table": translator.tables[-1], "cells_per_line": width, "lines_per_page": height,
                  "preliminary_pages": len(front_pages), "pages": len(body_pages),
                  "print_pages": [p.label for p in print_pages],
                  "contents": {c.id: body.anchors.get(c.id) for c in book.chapters}}
        os.makedirs(ctx.data_dir, exist_ok=True)
        with open(os.path.join(ctx.data_dir, RECORD), "w", encoding="utf-8") as handle:
            json.dump(record, handle, indent=1)


def title_page(book: m.Book, tr: Translator) -> list[Unit]:
    meta = book.meta
    units = [Unit(tr.dots(meta.title), centred=True, blank_after=True)]
    for line in (getattr(meta, "subtitle", ""), getattr(meta, "edition", ""), meta.publisher):
        if line:
            units.append(Unit(tr.dots(line), centred=True))
    units.append(Unit(NOTE_OPEN + tr.dots(NOTE) + NOTE_CLOSE, first=6, runover=4, blank_before=True))
    return units


def contents(book: m.Book, tr: Translator, anchors: dict[str, int], width: int) -> list[Unit]:
    """Each chapter's title, guide dots and its braille page number at the right margin (titles run over
    two cells further in, and the number always ends the entry's last line); the chapters of a part are
    listed two cells in, under the part."""
    units = [Unit(tr.dots("Contents"), centred=True, blank_after=True, new_page=True, keep_with_next=True)]
    for chapter in book.chapters:
        number = tr.dots(str(anchors.get(chapter.id, "")))
        indent = 2 if chapter.part else 0
        units.append(Unit("", lines=entry_lines(tr.dots(chapter.title), number, width, indent)))
    return units


def entry_lines(title: str, number: str, width: int, indent: int = 0) -> list[str]:
    """A contents entry: the title (wrapped short of the number), guide dots, the number at the margin."""
    lines = wrap(title, width - len(number) - 3, indent, indent + 2)
    last = lines[-1]
    fill = width - len(last) - len(number) - 2
    lines[-1] = last + BLANK + GUIDE_DOT * fill + BLANK + number if fill > 0 else last
    if fill <= 0:
        lines.append(BLANK * (width - len(number)) + number)
    return lines


def brf(pages: list[Page]) -> str:
    """BRF text: CR LF after each line, a form feed after each page (as embossers expect)."""
    return "".join("".join(to_brf(line) + "\r\n" for line in page.lines) + "\f" for page in pages)


class UncontractedBrailleWriter(BrailleWriter):
    """The same edition in uncontracted (grade 1) braille, built on request (`make braille GRADE=1`)."""

    grade = 1
