"""The HTML edition: `{slug}.html`, one page in the manner of a GOV.UK HTML publication, with its
stylesheet, fonts and images in `{slug}-assets/` beside it (the page requests nothing else).

Pandoc writes the body from the model (through HtmlConverter); finish.py completes tables and images;
layout.py puts the page around it. Reads the print PDF's pagination, when present, for page anchors.
"""

from __future__ import annotations

import os
from html import escape

from ... import model as m
from ...source import pandoc
from ..assets import copy_images
from ..base import BuildContext, Writer, contents_sections
from .convert import CONTENTS_ID, HtmlConverter, page_anchor
from .finish import finish_body
from .layout import assets_folder, document, stylesheet_href
from .page_marks import PageMarks, read_marks
from .stylesheet import write_stylesheet




class HtmlWriter(Writer):
    """The accessible HTML page and its assets folder ({slug}-assets/)."""

    def write(self, book: m.Book, ctx: BuildContext) -> None:
        page, folder = self.outputs  # {slug}.html and {slug}-assets (registry.py)
        assets = ctx.path(folder)
        os.makedirs(assets, exist_ok=True)
        images = copy_images(book, assets)
        marks = read_marks(ctx.data_dir, book)  # a stale record is a ToolError, as in the EPUB
        write_stylesheet(book, ctx.theme, assets, f"{book.meta.slug}.css")
        with open(ctx.path(page), "w", encoding="utf-8") as handle:
            handle.write(render(book, images, marks))


def render(book: m.Book, images: dict[str, str], marks: PageMarks) -> str:
    """The whole page as a string (images: source path -> path inside the assets folder)."""
    def src(path: str) -> str:
        return f"{assets_folder(book.meta.slug)}/{images[path]}"

    converter = HtmlConverter(marks, icon_src=src, image_src=src)
    body = finish_body(pandoc.convert(converter.document(book), "html5", ["--wrap=none"]))
    after = "".join(page_anchor(page) for page in marks.after)
    return document(book, title=book.meta.title, css=stylesheet_href(book.meta.slug), header_extra=other_formats(book),
                    nav=contents_nav(book, marks), main=body, footer_start=after)


def other_formats(book: m.Book) -> str:
    """The header's link to the download page, naming the other editions the registry says to name."""
    from ..registry import DOWNLOADS, WRITERS

    called = [e.download.called for e in DOWNLOADS if e.download.called]
    listed = ", ".join(called[:-1]) + f" or {called[-1]}" if len(called) > 1 else "".join(called)
    page = WRITERS["downloads"].output_names()[0]
    return (f'<p class="other-formats"><a href="{page}">Download this {escape(book.meta.kind)} as a {listed}'
            "</a></p>")


def contents_nav(book: m.Book, marks: PageMarks) -> str:
    before = "".join(page_anchor(page) for page in marks.before)
    return (f'<nav class="contents" aria-labelledby="{CONTENTS_ID}">\n{before}'
            f'<h2 id="{CONTENTS_ID}">Contents</h2>\n{contents_list(book)}\n</nav>')


def contents_list(book: m.Book) -> str:
    """Every chapter and its sections (the `##` headings), linked by the model's stable ids; a part's
    chapters in a list of their own under the part."""
    def item(chapter: m.Chapter, chapters: list[m.Chapter]) -> str:
        inner = "".join(f'<li><a href="#{escape(id_)}">{escape(text)}</a></li>' for id_, text in contents_sections(chapter))
        nested = f"<ul>{inner}</ul>" if inner else ""
        if chapters:
            nested += '<ol class="contents-part">' + "".join(item(c, []) for c in chapters) + "</ol>"
        return f'<li><a href="#{escape(chapter.id)}">{escape(chapter.title)}</a>{nested}</li>'

    return '<ol class="contents-list">' + "".join(item(c, held) for c, held in book.contents()) + "</ol>"
