"""The page around the content, shared by the almanac page and the download page: head, skip link,
header, print-only publication block, footer. GOV.UK HTML publications are the model: one h1 (the
title), landmarks for header/nav/main/footer, and a block that only prints (publisher, copyright,
date, web address), since a printed page has no browser chrome to say where it came from."""

from __future__ import annotations

import datetime as dt
from html import escape

from ... import model as m

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


def long_date(iso: str) -> str:
    """'2023-03-21' -> '21 March 2023' (GOV.UK style), without depending on the machine's locale."""
    day = dt.date.fromisoformat(iso)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def document(book: m.Book, *, title: str, css: str, header_extra: str, main: str, nav: str = "",
             footer_start: str = "") -> str:
    meta = book.meta
    return f"""<!DOCTYPE html>
<html lang="{escape(meta.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<meta name="description" content="{escape(meta.description)}">
<meta name="author" content="{escape(meta.publisher)}">
<link rel="stylesheet" href="{escape(css)}">
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="masthead">
<div class="masthead-inner">
<p class="publisher">{escape(meta.publisher)}</p>
<h1>{escape(meta.title)}</h1>
<p class="subtitle">{escape(meta.subtitle)}</p>
<p class="published">Published {long_date(meta.date)}</p>
{header_extra}
</div>
</header>
{print_block(book)}
<div class="page-body">
{nav}
<main id="main" tabindex="-1">
{main}
</main>
</div>
<footer class="site-footer">
{footer_start}{footer(book)}
</footer>
</body>
</html>
"""


def print_block(book: m.Book) -> str:
    """Shown only on paper: who published this, when, under what copyright, and where it lives online."""
    meta = book.meta
    return (f'<div class="print-only print-details">\n'
            f"<p>{escape(meta.copyright)}</p>\n"
            f"<p>Published by the {escape(meta.publisher)} on {long_date(meta.date)}.</p>\n"
            f"<p>This publication is available at {escape(meta.contact.web)}</p>\n"
            f"</div>")


def footer(book: m.Book) -> str:
    meta, contact = book.meta, book.meta.contact
    web = contact.web.split("//")[-1].rstrip("/")
    return (f'<div class="footer-inner">\n'
            f"<p>{escape(meta.publisher)}, {escape(contact.address)}. Telephone {escape(contact.telephone)}. "
            f'Email <a href="mailto:{escape(contact.email)}">{escape(contact.email)}</a>. '
            f'Website <a href="{escape(contact.web)}">{escape(web)}</a></p>\n'
            f"<p>{escape(meta.copyright)}</p>\n<p>{escape(meta.other_formats)}</p>\n"
            + (f"<p>Reference: {escape(meta.reference)}</p>\n" if meta.reference else "")
            + "</div>")
