"""The download page, `index.html`: every edition with its format, file size and (for PDFs) page
count in the link text, as GOV.UK lists attachments ("PDF, 1.2 MB, 86 pages"), so a reader knows
what they are getting before they choose. It runs after every other writer and reads their files
from the staging folder; it shares the almanac page's stylesheet and frame.

The accessibility statement and the check report are written by `make check` (the checks command),
so their links work once that has run.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from html import escape

import pikepdf

from ... import model as m
from ...diagnostics import ToolError
from ..base import BuildContext, Writer
from .layout import document
from .page import ASSETS

STATEMENT = "accessibility-statement.html"
REPORT = "reports/accessibility.html"


@dataclass(frozen=True)
class Edition:
    writer: str
    file: str
    title: str
    kind: str  # the format as GOV.UK names it in attachment metadata
    thumbnail: str
    about: str
    optional: bool = False  # listed only when this build has it (braille needs liblouis)


def editions(large_print_pt: float) -> tuple[Edition, ...]:
    size = f"{large_print_pt:g}"
    return (
        Edition("html", "almanac.html", "Read online", "HTML", "HTML",
                "One web page for phones, computers and screen readers. Text can be resized and reflows."),
        Edition("pdf", "almanac.pdf", "Print edition", "PDF", "PDF",
                "A4, for printing and for reading on screen."),
        Edition("pdf-large-print", "almanac-large-print.pdf", "Large-print edition", "PDF", "PDF",
                f"The same text in {size} point type."),
        Edition("docx", "almanac.docx", "Word document", "MS Word Document", "DOCX",
                "For reusing the text in Word or another word processor."),
        Edition("epub", "almanac.epub", "E-book", "EPUB", "EPUB",
                "For e-readers and read-aloud apps."),
        Edition("braille", "almanac.brf", "Braille edition", "BRF (ASCII braille)", "BRF",
                "Contracted Unified English Braille, 40 cells by 25 lines a page, for embossers and braille "
                "displays, with the print page numbers.", optional=True),
    )


class DownloadsWriter(Writer):
    """index.html: every edition with its format, size and page count in the link text."""

    def write(self, book: m.Book, ctx: BuildContext) -> None:
        items = [attachment(e, ctx.path(e.file)) for e in editions(ctx.theme.sizes(large_print=True)["body"])
                 if not e.optional or os.path.isfile(ctx.path(e.file))]
        with open(ctx.path("index.html"), "w", encoding="utf-8") as handle:
            handle.write(render(book, items))


def attachment(edition: Edition, path: str) -> str:
    if not os.path.isfile(path):
        raise ToolError(f"the download page lists {edition.file}, which this build did not make; "
                        "build every format with 'make'")
    details = [edition.kind, human_size(os.path.getsize(path))]
    if edition.file.endswith(".pdf"):
        pages = pdf_pages(path)
        details.append(f"{pages} page{'s' if pages != 1 else ''}")
    elif edition.file.endswith(".brf"):
        pages = brf_pages(path)
        details.append(f"{pages} braille page{'s' if pages != 1 else ''}")
    return (f'<li class="attachment">\n<div class="attachment-thumbnail" aria-hidden="true">'
            f"{escape(edition.thumbnail)}</div>\n<div>\n"
            f'<p class="attachment-title"><a href="{escape(edition.file)}">{escape(edition.title)} '
            f'<span class="attachment-meta">({escape(", ".join(details))})</span></a></p>\n'
            f'<p class="attachment-about">{escape(edition.about)}</p>\n</div>\n</li>')


def brf_pages(path: str) -> int:
    """A BRF file ends each page with a form feed."""
    with open(path, "rb") as handle:
        return handle.read().count(b"\f")


def human_size(size: int) -> str:
    """GOV.UK style: '812 KB', '1.2 MB' (1 KB = 1024 bytes)."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def pdf_pages(path: str) -> int:
    with pikepdf.open(path) as pdf:
        return len(pdf.pages)


def render(book: m.Book, items: list[str]) -> str:
    contact = book.meta.contact
    main = "\n".join([
        '<h2 id="formats">Choose a format</h2>',
        "<p>Every edition has the same text, made from one source.</p>",
        '<ul class="attachments">', *items, "</ul>",
        '<h2 id="accessibility">Accessibility</h2>',
        "<p>How accessible each edition is, and what we are doing about any problems:</p>",
        f'<ul>\n<li><a href="{STATEMENT}">Accessibility statement for this almanac</a></li>',
        f'<li><a href="{REPORT}">Accessibility check report for every edition</a></li>\n</ul>',
        '<h2 id="other-formats">Ask for another format</h2>',
        f"<p>{escape(book.meta.other_formats)}</p>",
        f'<p>Email <a href="mailto:{escape(contact.email)}">{escape(contact.email)}</a> or telephone '
        f"{escape(contact.telephone)}.</p>",
    ])
    return document(book, title=f"{book.meta.title}: every format to download", css=f"{ASSETS}/almanac.css",
                    header_extra="", main=main)
