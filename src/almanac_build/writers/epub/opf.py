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
from ...evidence import Evidence, gather
from ..base import contents_sections
from ..pagination import Page
from .xhtml import DC_NS, OPF_NS, esc

# True of every EPUB this tool makes: navigation, headings, spine order, reflowable text, and alt text on
# the cover page at least (figures without alt text or a decorative mark are refused by the loader).
FEATURES = ("structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability", "alternativeText")
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


def accessibility_summary(evidence: Evidence, has_pages: bool) -> str:
    """The summary, sentence by sentence from what the publication contains."""
    sentences = [f"This EPUB edition has a table of contents, {_count(evidence.chapters, 'chapter')} with "
                 "headings, and a reading order that follows the printed edition."]
    if evidence.tables:
        sentences.append(_tables(evidence))
    if evidence.colour_coded_cells:
        sentences.append(f"{_count(evidence.colour_coded_cells, 'table cell', capital=True)} shown in colour "
                         f"{_has(evidence.colour_coded_cells, 'also has', 'also have')} the rating written as a word.")
    pictures = ["The cover has a text description."]
    if evidence.described_images:
        pictures.append(f"{_count(evidence.described_images, 'other picture', capital=True)} "
                        f"{_has(evidence.described_images)} a text description.")
    if evidence.decorative_images:
        pictures.append(f"{_count(evidence.decorative_images, 'picture', capital=True)} "
                        f"{_has(evidence.decorative_images, 'is', 'are')} decorative and hidden from screen readers.")
    if not evidence.images:
        pictures.append("There are no other pictures.")
    sentences += pictures
    sentences.append("The text reflows and can be resized, and links are underlined.")
    if has_pages:
        sentences.append("A page list and page markers take you to the page numbers of the printed PDF edition.")
    sentences.append("There is no sound or video, and nothing moves or flashes.")
    return " ".join(sentences)


def _tables(evidence: Evidence) -> str:
    """"12 tables have captions and marked column headers; 10 of them have marked row headers." """
    n = evidence.tables
    captions = evidence.tables_with_captions
    counted = ((captions, "a caption" if captions == 1 else "captions"),
               (evidence.tables_with_column_headers, "marked column headers"),
               (evidence.tables_with_row_headers, "marked row headers"))
    every = [what for count, what in counted if count == n]
    some = [f"{_count(count, '')}of them {_has(count)} {what}" for count, what in counted if 0 < count < n]
    opening = (f"{_count(n, 'table', capital=True)} {_has(n)} {_and(every)}" if every
               else f"There {_has(n, 'is', 'are')} {_count(n, 'table')}")
    return "; ".join([opening, *some]) + "."


def _and(items: list[str]) -> str:
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else items[0]


def _count(n: int, noun: str, capital: bool = False) -> str:
    words = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine"}
    number = words.get(n, str(n))
    text = f"{number} {noun}{'' if n == 1 or not noun else 's'}" if noun else f"{number} "
    return text[0].upper() + text[1:] if capital else text


def _has(n: int, one: str = "has", many: str = "have") -> str:
    return one if n == 1 else many


def print_source(book: m.Book) -> str:
    meta = book.meta
    return ", ".join(filter(None, (meta.title, f"print edition ({meta.slug}.pdf)", meta.publisher, meta.edition)))


def package_document(book: m.Book, items: list[Item], epoch: int, has_pages: bool) -> str:
    meta = book.meta
    modified = dt.datetime.fromtimestamp(epoch, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    evidence = gather(book)
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
        '<meta property="schema:accessMode">visual</meta>',  # the cover is a picture in every EPUB
        '<meta property="schema:accessModeSufficient">textual</meta>',  # every picture has alt text or is decorative
        *[f'<meta property="schema:accessibilityFeature">{f}</meta>' for f in features],
        # no sound or video can be in an edition, and the loader refuses moving pictures (animated GIF or SVG)
        '<meta property="schema:accessibilityHazard">none</meta>',
        f'<meta property="schema:accessibilitySummary">{esc(accessibility_summary(evidence, has_pages))}</meta>',
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
