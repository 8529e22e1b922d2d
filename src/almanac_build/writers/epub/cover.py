"""The EPUB's cover: an SVG made from the almanac's cover illustration with the title drawn on it (so a
library shelf shows what the book is), and the front pages around it (cover page, title page).

The cover image gets alt text naming the book; the illustration's own description (cover `alt:` in
almanac.yaml) is added when the source gives one. A decorative illustration adds nothing.
"""

from __future__ import annotations

import textwrap

from lxml import etree

from ... import model as m
from ...styles import Theme
from ..publication import closing_lines, contact_pieces, publisher_and_address
from .xhtml import esc, parse_xml

WIDTH, HEIGHT = 595, 842
SVG_NS = "http://www.w3.org/2000/svg"


def cover_alt(book: m.Book) -> str:
    """What the cover shows, as short as the alt rules ask (model.ALT_TEXT_LIMIT): the fullest wording
    that fits, dropping first the publisher's words, then the publisher, then the subtitle."""
    meta = book.meta
    art = f" {meta.cover_alt.rstrip('.')}." if meta.cover_alt and not meta.cover_decorative else ""
    subtitle = f": {meta.subtitle.rstrip('.')}" if meta.subtitle else ""
    wordings = [f"Cover of {meta.title}{subtitle}. Published by the {meta.publisher}.{art}",
                f"Cover of {meta.title}{subtitle}. {meta.publisher}.{art}", f"Cover of {meta.title}{subtitle}.{art}",
                f"Cover of {meta.title}{subtitle}.", f"Cover of {meta.title}."]
    return next((w for w in wordings if len(w) <= m.ALT_TEXT_LIMIT), wordings[-1])


def cover_svg(book: m.Book, theme: Theme) -> bytes:
    """The illustration (if any) under a band with the title, subtitle and publisher."""
    meta = book.meta
    art = _illustration(meta.cover_image) if meta.cover_image else ""
    lines = textwrap.wrap(meta.title, 22)
    band = 90 + 46 * len(lines) + 70
    text = "".join(f'<text x="40" y="{90 + 46 * i}" font-size="40" font-weight="bold">{esc(line)}</text>'
                   for i, line in enumerate(lines))
    if meta.subtitle:
        text += f'<text x="40" y="{90 + 46 * len(lines) + 16}" font-size="22">{esc(meta.subtitle)}</text>'
    footer = (f'<rect y="{HEIGHT - 70}" width="{WIDTH}" height="70" fill="{theme.colour("brand")}"/>'
              f'<text x="40" y="{HEIGHT - 28}" font-size="22">{esc(meta.publisher)}</text>')
    svg = (f'<svg xmlns="{SVG_NS}" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}">'
           f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{theme.colour("background")}"/>{art}'
           f'<rect width="{WIDTH}" height="{band}" fill="{theme.colour("brand")}"/>'
           f'<g fill="{theme.colour("on_brand")}" font-family="{esc(theme.font_family)}, Arial, sans-serif">'
           f"{text}{footer}</g></svg>")
    return etree.tostring(parse_xml(svg), xml_declaration=True, encoding="utf-8")


def _illustration(path: str) -> str:
    """The source SVG nested as-is (the loader has already refused scripts and external references)."""
    with open(path, "rb") as handle:
        data = handle.read()
    if not data.lstrip().startswith(b"<") or b"<svg" not in data[:2048]:
        return ""  # a raster illustration is not nested: the cover then shows the title alone
    root = parse_xml(data)
    root.attrib.pop("aria-hidden", None)
    for key in ("x", "y"):
        root.set(key, "0")
    root.set("width", str(WIDTH))
    root.set("height", str(HEIGHT))
    return etree.tostring(root, encoding="unicode")


def cover_page(book: m.Book, image_href: str) -> str:
    return (f'<section epub:type="cover" class="cover">'
            f'<img role="doc-cover" src="{esc(image_href)}" alt="{esc(cover_alt(book))}"/></section>')


def title_page(book: m.Book, logo_href: str = "") -> str:
    """The title page holds the publication's only h1 (see content.py for the heading scheme); the
    publisher's logo, if any, is decorative (its name is written under the title)."""
    meta = book.meta
    closing = closing_lines(meta)
    reference = "".join(f"<p>{esc(p.label)} {esc(p.text)}</p>" for p in closing if p.label)
    imprint = "".join(f"<p>{esc(p.text)}</p>" for p in closing if not p.label)
    pieces = [f'{esc(p.label)} <a href="{esc(p.href)}">{esc(p.text)}</a>' if p.href else f"{esc(p.label)} {esc(p.text)}"
              for p in contact_pieces(meta, web_label="Web")]
    contact = ". ".join([esc(publisher_and_address(meta)), *pieces])
    subtitle = f'<p class="subtitle">{esc(meta.subtitle)}</p>' if meta.subtitle else ""
    publisher = ", ".join(filter(None, (meta.publisher, meta.edition)))
    return (f'<section epub:type="titlepage" class="titlepage" aria-labelledby="book-title">'
            + (f'<p class="logo"><img src="{esc(logo_href)}" alt=""/></p>' if logo_href else "")
            + f'<h1 id="book-title">{esc(meta.title)}</h1>{subtitle}'
            f'<p class="publisher">{esc(publisher)}</p>'
            f"<p>{esc(meta.description)}</p></section>"
            f'<section epub:type="copyright-page" class="imprint" aria-label="Publication details">'
            f"{imprint}<p>{contact}</p>{reference}</section>")
