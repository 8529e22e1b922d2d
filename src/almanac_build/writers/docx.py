"""The DOCX edition: Pandoc writes it from the model; python-docx then sets the document properties."""

from __future__ import annotations

import datetime as dt

import docx

from .. import model as m
from ..source import pandoc
from .base import BuildContext, Writer
from .pandoc_ast import PandocConverter, text_inlines


class DocxWriter(Writer):
    name = "docx"
    outputs = ("almanac.docx",)

    def write(self, book: m.Book, ctx: BuildContext) -> None:
        meta = {"title": {"t": "MetaInlines", "c": text_inlines(book.meta.title)},
                "subtitle": {"t": "MetaInlines", "c": text_inlines(book.meta.subtitle)},
                "lang": {"t": "MetaString", "c": book.meta.language},
                "toc-title": {"t": "MetaInlines", "c": text_inlines("Contents")}}
        document = PandocConverter(offset=0).document(book, meta)
        path = ctx.path(self.outputs[0])
        pandoc.write(document, "docx", path, ["--toc", "--toc-depth=2"])
        set_properties(path, book, ctx.epoch)


def set_properties(path: str, book: m.Book, epoch: int) -> None:
    document = docx.Document(path)
    props = document.core_properties
    when = dt.datetime.fromtimestamp(epoch, dt.timezone.utc).replace(tzinfo=None)
    props.title = book.meta.title
    props.subject = book.meta.subtitle
    props.author = book.meta.publisher
    props.keywords = "local government; digitalisation; almanac"
    props.language = book.meta.language
    props.created = props.modified = when
    props.last_modified_by = book.meta.publisher
    props.revision = 1
    document.save(path)
