"""The model → Pandoc JSON for the DOCX edition: the shared conversion plus what Word needs.

- A title page built from paragraphs in Word's Title and Subtitle styles (not Pandoc's metadata title,
  so the cover illustration and the contents can follow it), ending in the "Contents" heading where the
  finishing step puts the table of contents field.
- Chapters at Heading 1, `##` at Heading 2 (offset 0: the model's levels are chapter-relative).
- A cell that spans rows is one merged cell (Pandoc writes `w:vMerge`), as in every other edition.
- Table header cells and traffic-light cells carry a paragraph style of their own (reference.py), so
  they read as bold headers and so the finishing step can find and shade the traffic-light cells.
- The publication block (publisher, address, contact, copyright, other formats) ends the document on a
  page of its own, as the print edition's back page does.
- Outcome icons on their chapter colour and the cover illustration appear as decorative pictures,
  as in the print edition.
"""

from __future__ import annotations

from xml.sax.saxutils import escape as xml_escape

from ... import glyphs
from ... import model as m
from ..assets import book_logo
from ..pandoc_ast import PandocConverter, attr, text_inlines
from ..publication import block_lines
from .reference import FALLBACK_STYLE, STATUS, TABLE_HEADER

CONTENTS_TITLE = "Contents"


def styled(style: str, blocks: list[dict]) -> dict:
    """A Div whose paragraphs Pandoc writes in the named Word style."""
    return {"t": "Div", "c": [attr("", [], {"custom-style": style}), blocks]}


class DocxConverter(PandocConverter):
    def __init__(self, tiles: dict[str, str] | None = None, theme_chars: frozenset[str] | None = None) -> None:
        super().__init__(offset=0)
        self.tiles = tiles or {}  # chapter id -> its icon tile (icon_tile.py), written by the writer
        self.theme_chars = theme_chars  # set when the text needs the fallback font: what the theme's font draws

    def document(self, book: m.Book, meta: dict | None = None) -> dict:
        document = super().document(book, meta)
        document["blocks"][:0] = self.title_page(book)
        document["blocks"] += self.publication_block(book)
        if self.theme_chars is not None:
            mark_fallback(document["blocks"], self.theme_chars)
        return document

    def title_page(self, book: m.Book) -> list[dict]:
        meta = book.meta
        out = []
        if book_logo(book):  # decorative, as in every edition: the publisher's name is written below
            out.append({"t": "Para", "c": [self.sized_image(book_logo(book), "", "4cm")]})
        out.append(styled("Title", [{"t": "Para", "c": text_inlines(meta.title)}]))
        if meta.subtitle:
            out.append(styled("Subtitle", [{"t": "Para", "c": text_inlines(meta.subtitle)}]))
        out.append({"t": "Para", "c": text_inlines(", ".join(filter(None, (meta.publisher, meta.edition))))})
        if meta.cover_image:
            alt = "" if meta.cover_decorative else meta.cover_alt
            out.append({"t": "Para", "c": [self.sized_image(meta.cover_image, alt, "8cm")]})
        out += [{"t": "Para", "c": text_inlines(text)} for text in (meta.copyright, meta.other_formats) if text]
        out.append(styled("TOC Heading", [{"t": "Para", "c": text_inlines(CONTENTS_TITLE)}]))
        return out

    def publication_block(self, book: m.Book) -> list[dict]:
        """The block the print edition's back page carries (publication.py), ending the document on a
        page of its own: publisher, address lines, telephone, email, web, copyright, other formats."""
        lines = block_lines(book.meta)
        out: list[dict] = [{"t": "RawBlock", "c": ["openxml", (  # the publisher, on a new page (not bold: a
            '<w:p><w:pPr><w:pageBreakBefore/></w:pPr><w:r>'  # short bold line would read as a fake heading)
            f'<w:t xml:space="preserve">{xml_escape(lines[0].text)}</w:t></w:r></w:p>')]}]
        for piece in lines[1:]:
            text = text_inlines(piece.text)
            if piece.href:
                text = [{"t": "Link", "c": [attr(), text, [piece.href, ""]]}]
            label = [*text_inlines(piece.label), {"t": "Space"}] if piece.label else []
            out.append({"t": "Para", "c": label + text})
        return out

    def chapter_opening(self, chapter: m.Chapter) -> list[dict]:
        out = super().chapter_opening(chapter)
        if chapter.id in self.tiles:  # decorative: the chapter title beside it says what it stands for
            out.insert(1, {"t": "Para", "c": [self.sized_image(self.tiles[chapter.id], "", "1.6cm")]})
        return out

    def sized_image(self, src: str, alt: str, width: str) -> dict:
        image = self.image(src, alt, not alt)
        image["c"][0] = attr("", image["c"][0][1], {"width": width})
        return image

    def cell(self, c: m.Cell) -> list:
        out = super().cell(c)
        style = STATUS.get(c.status) or (TABLE_HEADER if c.header else "")
        if style and out[4]:  # Pandoc applies a custom style to Para, not to Plain
            out[4] = [styled(style, [{"t": "Para", "c": b["c"]} if b["t"] == "Plain" else b for b in out[4]])]
        return out


def mark_fallback(node, theme_chars: frozenset[str]) -> None:
    """Every run of characters the theme's font lacks, in a Span of the Fallback Font character style
    (reference.py), so Word draws it with the embedded DejaVu Sans: Word itself would reach for
    whatever font the reader has installed. Code keeps its own font."""
    if isinstance(node, dict):
        if node.get("t") not in ("Code", "CodeBlock", "RawInline", "RawBlock"):
            mark_fallback(node.get("c"), theme_chars)
        return
    if not isinstance(node, list):
        return
    index = 0
    while index < len(node):
        item = node[index]
        if isinstance(item, dict) and item.get("t") == "Str" and not theme_chars.issuperset(item["c"]):
            pieces = _split_str(item["c"], theme_chars)
            node[index:index + 1] = pieces
            index += len(pieces)
            continue
        mark_fallback(item, theme_chars)
        index += 1


def _split_str(text: str, theme_chars: frozenset[str]) -> list[dict]:
    out: list[dict] = []
    for cluster in glyphs.clusters(text):
        lacking = any(c not in theme_chars and not glyphs.ignorable(c) for c in cluster)
        if out and out[-1]["t"] == ("Span" if lacking else "Str"):
            if lacking:
                out[-1]["c"][1][0]["c"] += cluster
            else:
                out[-1]["c"] += cluster
        else:
            out.append(_fallback_span(cluster) if lacking else {"t": "Str", "c": cluster})
    return out


def _fallback_span(text: str) -> dict:
    return {"t": "Span", "c": [attr("", [], {"custom-style": FALLBACK_STYLE}), [{"t": "Str", "c": text}]]}
