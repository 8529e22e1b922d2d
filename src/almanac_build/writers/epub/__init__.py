"""The EPUB 3 edition, packaged by the tool itself (Pandoc writes the chapter markup only).

Spine: cover page, title page (the only h1), contents (the navigation document), one file per chapter.
Page-break markers and the page list come from the print PDF's pagination record (`pages.py`), so the
EPUB's page numbers are the printed ones. `claim_conformance` adds the accessibility conformance claim
once the build's own checks pass (called by the checks command).
"""

from __future__ import annotations

import os
import re
import zipfile

from ... import glyphs
from ... import model as m
from ...diagnostics import ToolError
from ..assets import book_images, book_logo, image_name
from ..base import BuildContext, Writer
from ..icon_tile import icon_tile
from ..zipfiles import normalise_zip
from .conformance import claim_conformance
from .content import body_type, chapter_documents
from .cover import cover_page, cover_svg, title_page
from .opf import Item, nav_body, package_document
from .pages import body_pages
from .xhtml import document, parse_xml, serialise

__all__ = ["EpubWriter", "claim_conformance"]

ROOT = "EPUB"
CSS = "css/epub.css"
COVER = "images/epub-cover.svg"
CONTAINER = ('<?xml version="1.0" encoding="utf-8"?>\n<container version="1.0" '
             'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
             f'<rootfile full-path="{ROOT}/package.opf" media-type="application/oebps-package+xml"/>'
             "</rootfiles></container>")
FACES = (("regular", 400, "normal"), ("bold", 700, "normal"), ("italic", 400, "italic"),
         ("bold_italic", 700, "italic"))


class EpubWriter(Writer):
    """The EPUB 3 e-book, packaged by the tool, with a page list from the print PDF."""

    def write(self, book: m.Book, ctx: BuildContext) -> None:
        files = package_files(book, ctx)
        path = ctx.path(self.outputs[0])
        with zipfile.ZipFile(path, "w") as archive:
            for name, data in files.items():
                archive.writestr(name, data)
        normalise_zip(path, ctx.epoch)


def package_files(book: m.Book, ctx: BuildContext) -> dict[str, bytes]:
    """Every file of the EPUB, by its path in the zip, in the order they are stored."""
    pages = body_pages(ctx.data_dir, book)
    in_text = {p for c in book.chapters for p in book_images(m.Book(book.meta, [c], [], book.source_dir))
               if p != c.icon and p != book.meta.cover_image}  # an icon also used as a figure is still needed
    skip = {book.meta.cover_image, *(c.icon for c in book.chapters)} - in_text  # icons go in as tiles
    images = {p: image_name(book, p) for p in book_images(book) if p not in skip}
    tiles = {c.id: f"images/tiles/{c.id}.svg" for c in book.chapters if c.icon}
    chapters = chapter_documents(book, pages, {p: f"../{h}" for p, h in images.items()}, f"../{CSS}",
                                 {chapter_id: f"../{href}" for chapter_id, href in tiles.items()})
    lang, title = book.meta.language, book.meta.title
    content: dict[str, bytes] = {
        "text/cover.xhtml": _page(cover_page(book, f"../{COVER}"), "Cover", book, "cover"),
        "text/title.xhtml": _page(title_page(book, f"../{images[book_logo(book)]}" if book_logo(book) else ""),
                                  "Title page", book, "frontmatter"),
    }
    hrefs = {doc.chapter.id: doc.name for doc in chapters}
    first_body = next((d.name for d in chapters if body_type(d.chapter) == "bodymatter"), chapters[0].name)
    landmarks = [("cover", "text/cover.xhtml", "Cover"), ("titlepage", "text/title.xhtml", "Title page"),
                 ("toc", "nav.xhtml#toc", "Contents"), ("bodymatter", first_body, "Start of content")]
    nav = document(f"Contents – {title}", lang, CSS, nav_body(book, hrefs, pages, landmarks), "frontmatter")
    content["nav.xhtml"] = serialise(parse_xml(nav))
    content.update({doc.name: serialise(doc.tree) for doc in chapters})
    content[CSS] = stylesheet(ctx, glyphs.fallback_needed(book, ctx.theme)).encode("utf-8")
    content.update(_media(book, ctx, images, tiles))
    items = _items(content, [d.name for d in chapters])
    content["package.opf"] = package_document(book, items, ctx.epoch, bool(pages)).encode("utf-8")
    files = {"mimetype": b"application/epub+zip", "META-INF/container.xml": CONTAINER.encode("utf-8")}
    files.update({f"{ROOT}/{name}": data for name, data in content.items()})
    return files


def _media(book: m.Book, ctx: BuildContext, images: dict[str, str], tiles: dict[str, str]) -> dict[str, bytes]:
    """The cover, icon tiles, figures and the four font faces, by path in the package."""
    out = {COVER: cover_svg(book, ctx.theme)}
    for chapter in book.chapters:
        if chapter.id in tiles:
            out[tiles[chapter.id]] = icon_tile(chapter.icon, chapter.colour or ctx.theme.colour("brand"))
    files = {href: path for path, href in images.items()}
    files.update({f"fonts/{os.path.basename(ctx.theme.font_path(face))}": ctx.theme.font_path(face)
                  for face, _, _ in FACES})
    if glyphs.fallback_needed(book, ctx.theme):
        files.update({f"fonts/{glyphs.FALLBACK[face]}": glyphs.fallback_path(face) for face in ("regular", "bold")})
    for href, path in files.items():
        with open(path, "rb") as handle:
            out[href] = handle.read()
    return out


def _page(body: str, heading: str, book: m.Book, body_type: str) -> bytes:
    title = f"{heading} – {book.meta.title}"
    return serialise(parse_xml(document(title, book.meta.language, f"../{CSS}", body, body_type)))


def _items(content: dict[str, bytes], chapter_names: list[str]) -> list[Item]:
    """Manifest entries; spine order is cover, title page, contents, chapters."""
    spine = ["text/cover.xhtml", "text/title.xhtml", "nav.xhtml", *chapter_names]
    properties = {"nav.xhtml": "nav", COVER: "cover-image"}
    items = [Item(name, _item_id(name), properties.get(name, ""), True) for name in spine]
    items += [Item(name, _item_id(name), properties.get(name, "")) for name in content if name not in spine]
    return items


def _item_id(href: str) -> str:
    if href == COVER:
        return "cover-image"
    return "i-" + re.sub(r"[^A-Za-z0-9_-]", "-", href)


def stylesheet(ctx: BuildContext, fallback: bool = False) -> str:
    """styles/epub.css with theme colours filled in and the embedded font declared."""
    theme = ctx.theme
    with open(os.path.join(theme.directory, "epub.css"), encoding="utf-8") as handle:
        rules = handle.read()
    variables = theme.css_variables()
    if fallback:  # behind the theme's font, per character, as in the PDFs (glyphs.py)
        variables["font-family"] += f', "{glyphs.FALLBACK_FAMILY}"'
    unknown = set(re.findall(r"var\(--([a-z-]+)\)", rules)) - set(variables)
    if unknown:
        raise ToolError(f"styles/epub.css uses {', '.join(sorted(unknown))}, which theme.yaml does not define; "
                        "add the colour to theme.yaml or correct the name")
    rules = re.sub(r"var\(--([a-z-]+)\)", lambda match: variables[match.group(1)], rules)
    faces = "".join(f'@font-face {{ font-family: "{theme.font_family}"; font-weight: {weight}; '
                    f'font-style: {style}; src: url("../fonts/{os.path.basename(theme.font_path(face))}"); }}\n'
                    for face, weight, style in FACES)
    if fallback:
        faces += glyphs.css_fallback_faces("../fonts/")
    return faces + rules
