"""The package document (metadata, manifest, spine) and the navigation document (contents, landmarks,
page list) of the EPUB edition.

Accessibility metadata follows EPUB Accessibility 1.1 and the schema.org values DAISY Ace accepts. The
print page features (printPageNumbers, pageNavigation, dc:source, pageBreakSource) are declared only
when the build placed page-break markers from the print PDF; the conformance claim is added later by
`claim_conformance`, and only when the checks pass.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ... import model as m
from ..base import contents_sections
from ..pagination import Page
from .xhtml import DC_NS, OPF_NS, esc

FEATURES = ("structuralNavigation", "tableOfContents", "readingOrder", "alternativeText",
            "displayTransformability")
PAGE_FEATURES = ("printPageNumbers", "pageNavigation")
MEDIA_TYPES = {".xhtml": "application/xhtml+xml", ".css": "text/css", ".ttf": "font/ttf",
               ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
               ".gif": "image/gif"}


@dataclass(frozen=True)
class Item:
    href: str  # relative to the package document
    id: str
    properties: str = ""
    linear: bool | None = None  # None: not in the spine

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES["." + self.href.rsplit(".", 1)[-1].lower()]


def accessibility_summary(has_pages: bool) -> str:
    pages = (" A page list and page markers take you to the page numbers of the printed PDF edition."
             if has_pages else "")
    return ("This EPUB edition has a table of contents, headings in a logical order and a reading order "
            "that follows the printed edition. Tables have captions and marked header cells, and the "
            "traffic-light ratings in them are written as words as well as shown in colour. The cover "
            "image has a text description; the other pictures are decorative. The text reflows and can be "
            "resized, and links are underlined." + pages + " It has no known hazards.")


def print_source(book: m.Book) -> str:
    meta = book.meta
    return ", ".join(filter(None, (meta.title, f"print edition ({meta.slug}.pdf)", meta.publisher, meta.edition)))


def package_document(book: m.Book, items: list[Item], epoch: int, has_pages: bool) -> str:
    meta = book.meta
    modified = dt.datetime.fromtimestamp(epoch, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    features = FEATURES + (PAGE_FEATURES if has_pages else ())
    source = esc(print_source(book))
    lines = [
        f'<dc:identifier id="pub-id">{esc(meta.identifier)}</dc:identifier>',
        f'<dc:title id="title">{esc(meta.title)}</dc:title>',
        '<meta refines="#title" property="title-type">main</meta>',
        *([f'<dc:title id="subtitle">{esc(meta.subtitle)}</dc:title>',
           '<meta refines="#subtitle" property="title-type">subtitle</meta>'] if meta.subtitle else []),
        f"<dc:language>{esc(meta.language)}</dc:language>",
        f"<dc:creator>{esc(meta.publisher)}</dc:creator>",
        f"<dc:publisher>{esc(meta.publisher)}</dc:publisher>",
        *([f"<dc:rights>{esc(meta.copyright)}</dc:rights>"] if meta.copyright else []),
        f"<dc:date>{esc(meta.date)}</dc:date>",
        f"<dc:description>{esc(meta.description)}</dc:description>",
        f'<meta property="dcterms:modified">{modified}</meta>',
        '<meta name="cover" content="cover-image"/>',
        '<meta property="schema:accessMode">textual</meta>',
        '<meta property="schema:accessMode">visual</meta>',
        '<meta property="schema:accessModeSufficient">textual</meta>',
        *[f'<meta property="schema:accessibilityFeature">{f}</meta>' for f in features],
        '<meta property="schema:accessibilityHazard">none</meta>',
        f'<meta property="schema:accessibilitySummary">{esc(accessibility_summary(has_pages))}</meta>',
    ]
    if has_pages:
        lines += [f"<dc:source>{source}</dc:source>", f'<meta property="pageBreakSource">{source}</meta>']
    manifest = "".join(f'<item id="{i.id}" href="{esc(i.href)}" media-type="{i.media_type}"'
                       + (f' properties="{i.properties}"' if i.properties else "") + "/>" for i in items)
    spine = "".join(f'<itemref idref="{i.id}"' + ("" if i.linear else ' linear="no"') + "/>"
                    for i in items if i.linear is not None)
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<package xmlns="{OPF_NS}" version="3.0" '
            f'unique-identifier="pub-id" xml:lang="{esc(meta.language)}" dir="ltr">'
            f'<metadata xmlns:dc="{DC_NS}">{"".join(lines)}</metadata>'
            f"<manifest>{manifest}</manifest><spine>{spine}</spine></package>")


def nav_body(book: m.Book, files: dict[str, str], pages: list[Page], landmarks: list[tuple]) -> str:
    """`files` maps chapter id -> content document href (relative to the nav document)."""
    def item(chapter: m.Chapter, chapters: list[m.Chapter]) -> str:  # a part's chapters nest under it
        href = files[chapter.id]
        inner = "".join(f'<li><a href="{href}#{esc(id_)}">{esc(text)}</a></li>' for id_, text in contents_sections(chapter))
        inner += "".join(item(c, []) for c in chapters)
        nested = f"<ol>{inner}</ol>" if inner else ""
        return f'<li><a href="{href}#{esc(chapter.id)}">{esc(chapter.title)}</a>{nested}</li>'

    items = [item(chapter, held) for chapter, held in book.contents()]
    out = (f'<nav epub:type="toc" role="doc-toc" id="toc" aria-labelledby="toc-title">'
           f'<h2 id="toc-title">Contents</h2><ol>{"".join(items)}</ol></nav>')
    marks = "".join(f'<li><a epub:type="{kind}" href="{href}">{esc(label)}</a></li>'
                    for kind, href, label in landmarks)
    out += f'<nav epub:type="landmarks" id="landmarks" aria-label="Landmarks" hidden=""><ol>{marks}</ol></nav>'
    if pages:
        entries = "".join(f'<li><a href="{files[p.chapter]}#{p.anchor}">{esc(p.label)}</a></li>' for p in pages)
        out += (f'<nav epub:type="page-list" role="doc-pagelist" id="page-list" aria-label="Print page list" '
                f'hidden=""><ol>{entries}</ol></nav>')
    return out
