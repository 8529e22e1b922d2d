"""The page around the content, shared by the almanac page and the download page: head, skip link,
header, print-only publication block, footer. GOV.UK HTML publications are the model: one h1 (the
title), landmarks for header/nav/main/footer, and a block that only prints (publisher, copyright,
date, web address), since a printed page has no browser chrome to say where it came from."""

from __future__ import annotations

from html import escape

from ... import model as m
from ...locales import long_date
from ..assets import book_logo, image_name
from ..publication import closing_lines, contact_pieces, publisher_and_address


def assets_folder(slug: str) -> str:
    """The folder beside the page holding its stylesheet, fonts and images: `{slug}-assets`."""
    return f"{slug}-assets"


def stylesheet_href(slug: str) -> str:
    return f"{assets_folder(slug)}/{slug}.css"


def _logo(book: m.Book) -> str:
    """The publisher's logo before its name in the masthead: decorative (alt=""), as the name is
    written beside it; copied into the assets folder with the other images (assets.py)."""
    logo = book_logo(book)
    if not logo:
        return ""
    src = f"{assets_folder(book.meta.slug)}/{image_name(book, logo)}"
    return f'<img class="logo" src="{escape(src)}" alt="">'


def _optional(tag_open: str, text: str, tag_close: str) -> str:
    return f"{tag_open}{escape(text)}{tag_close}\n" if text else ""


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
<p class="publisher">{_logo(book)}{escape(meta.publisher)}</p>
<h1>{escape(meta.title)}</h1>
{_optional('<p class="subtitle">', meta.subtitle, '</p>')}<p class="published">Published {long_date(meta.date, meta.language)}</p>
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
            + _optional("<p>", meta.copyright, "</p>")
            + f"<p>Published by the {escape(meta.publisher)} on {long_date(meta.date, meta.language)}.</p>\n"
            + (f"<p>This publication is available at {escape(meta.contact.web)}</p>\n" if meta.contact.web else "")
            + "</div>")


def footer(book: m.Book) -> str:
    """The publication block: who, where, how to get in touch, copyright, other formats, reference."""
    meta = book.meta
    sentence = ". ".join([escape(publisher_and_address(meta)), *(_piece(p) for p in contact_pieces(meta))])
    closing = "".join(f"<p>{escape(' '.join(filter(None, (p.label, p.text))))}</p>\n" for p in closing_lines(meta))
    return f'<div class="footer-inner">\n<p>{sentence}</p>\n{closing}</div>'


def _piece(piece) -> str:
    text = f'<a href="{escape(piece.href)}">{escape(piece.text)}</a>' if piece.href else escape(piece.text)
    return f"{escape(piece.label)} {text}"
