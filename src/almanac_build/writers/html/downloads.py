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
from ...locales import number
from ..base import BuildContext, Writer
from ..registry import DEFAULT_SLUG, DOWNLOADS
from .layout import document, stylesheet_href

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


def editions(large_print_pt: float, slug: str = DEFAULT_SLUG, page: str = "A4") -> tuple[Edition, ...]:
    """Every edition the registry offers for download, in its order, named from the publication's slug."""
    return tuple(Edition(e.name, e.output_names(slug)[0], e.download.title, e.format.kind, e.format.name,
                         e.download.about.format(large_print_pt=f"{large_print_pt:g}", page=page),
                         optional=bool(e.available)) for e in DOWNLOADS)


class DownloadsWriter(Writer):
    """index.html: every edition with its format, size and page count in the link text."""

    def write(self, book: m.Book, ctx: BuildContext) -> None:
        theme = ctx.theme
        items = [attachment(e, ctx.path(e.file), book.meta.language)
                 for e in editions(theme.sizes(large_print=True)["body"], book.meta.slug, theme.page_size_name)
                 if not e.optional or os.path.isfile(ctx.path(e.file))]
        with open(ctx.path(self.outputs[0]), "w", encoding="utf-8") as handle:
            handle.write(render(book, items))


def attachment(edition: Edition, path: str, language: str = "en-GB") -> str:
    if not os.path.isfile(path):
        raise ToolError(f"the download page lists {edition.file}, which this build did not make; "
                        "build every format with 'make'")
    details = [edition.kind, human_size(os.path.getsize(path), language)]
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


def ask_for_another_format(meta: m.Metadata) -> list[str]:
    """The section saying how to ask for another format: the publication's own words and the ways to
    ask that it gives (email, telephone); left out when it gives neither words nor a way."""
    ways = []
    if meta.contact.email:
        ways.append(f'email <a href="mailto:{escape(meta.contact.email)}">{escape(meta.contact.email)}</a>')
    if meta.contact.telephone:
        ways.append(f"telephone {escape(meta.contact.telephone)}")
    if not ways and not meta.other_formats:
        return []
    out = ['<h2 id="other-formats">Ask for another format</h2>']
    if meta.other_formats:
        out.append(f"<p>{escape(meta.other_formats)}</p>")
    if ways:
        sentence = " or ".join(ways)
        out.append(f"<p>{sentence[0].upper()}{sentence[1:]}.</p>")
    return out


def human_size(size: int, language: str = "en-GB") -> str:
    """GOV.UK style: '812 KB', '1.2 MB' (1 KB = 1024 bytes), numbers written as the language writes them."""
    if size < 1024:
        return f"{number(size, language)} bytes"
    if size < 1024 * 1024:
        return f"{number(round(size / 1024), language)} KB"
    return f"{number(size / (1024 * 1024), language, 1)} MB"


def pdf_pages(path: str) -> int:
    with pikepdf.open(path) as pdf:
        return len(pdf.pages)


def render(book: m.Book, items: list[str]) -> str:
    meta = book.meta
    main = "\n".join([
        '<h2 id="formats">Choose a format</h2>',
        "<p>Every edition has the same text, made from one source.</p>",
        '<ul class="attachments">', *items, "</ul>",
        '<h2 id="accessibility">Accessibility</h2>',
        "<p>How accessible each edition is, and what we are doing about any problems:</p>",
        f'<ul>\n<li><a href="{STATEMENT}">Accessibility statement for this {escape(meta.kind)}</a></li>',
        f'<li><a href="{REPORT}">Accessibility check report for every edition</a></li>\n</ul>',
        *ask_for_another_format(meta),
    ])
    return document(book, title=f"{meta.title}: every format to download", css=stylesheet_href(meta.slug),
                    header_extra="", main=main)
