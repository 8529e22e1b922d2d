"""The DOCX edition: Pandoc writes it from the model with a reference document generated from
styles/theme.yaml (reference.py); python-docx and lxml then finish it (finish.py)."""

from __future__ import annotations

import os
import tempfile

from ... import model as m
from ...source import pandoc
from ..base import BuildContext, Writer
from ..zipfiles import normalise_zip
from .convert import DocxConverter
from .finish import finish
from .reference import write_reference_docx


class DocxWriter(Writer):
    name = "docx"
    outputs = ("almanac.docx",)

    def write(self, book: m.Book, ctx: BuildContext) -> None:
        meta = {"lang": {"t": "MetaString", "c": book.meta.language}}
        document = DocxConverter().document(book, meta)
        path = ctx.path(self.outputs[0])
        with tempfile.TemporaryDirectory(prefix="reference-", dir=ctx.staging_dir) as folder:
            reference = os.path.join(folder, "reference.docx")
            write_reference_docx(ctx.theme, reference)
            pandoc.write(document, "docx", path, [f"--reference-doc={reference}"], epoch=ctx.epoch)
        finish(path, book, ctx.theme, ctx.epoch)
        normalise_zip(path, ctx.epoch)
