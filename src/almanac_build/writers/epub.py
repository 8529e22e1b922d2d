"""The EPUB 3 edition: Pandoc writes it from the model, one XHTML file per chapter."""

from __future__ import annotations

import datetime as dt

from .. import model as m
from ..source import pandoc
from .base import BuildContext, Writer
from .pandoc_ast import PandocConverter, text_inlines


class EpubWriter(Writer):
    name = "epub"
    outputs = ("almanac.epub",)

    def write(self, book: m.Book, ctx: BuildContext) -> None:
        date = dt.datetime.fromtimestamp(ctx.epoch, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        meta = {"title": {"t": "MetaInlines", "c": text_inlines(book.meta.title)},
                "subtitle": {"t": "MetaInlines", "c": text_inlines(book.meta.subtitle)},
                "lang": {"t": "MetaString", "c": book.meta.language},
                "identifier": {"t": "MetaString", "c": book.meta.identifier},
                "publisher": {"t": "MetaString", "c": book.meta.publisher},
                "rights": {"t": "MetaString", "c": book.meta.copyright},
                "date": {"t": "MetaString", "c": date}}
        document = PandocConverter(offset=0).document(book, meta)
        fonts = [ctx.theme.font_path(face) for face in ("regular", "bold", "italic", "bold_italic")]
        args = ["--split-level=1", "--toc-depth=2", *[f"--epub-embed-font={f}" for f in fonts]]
        pandoc.write(document, "epub3", ctx.path(self.outputs[0]), args)
