"""The DOCX edition: Pandoc writes it from the model with a reference document generated from
styles/theme.yaml (reference.py); python-docx and lxml then finish it (finish.py)."""

from __future__ import annotations

import os
import shutil
import tempfile

from ... import glyphs
from ... import model as m
from ...source import pandoc
from ..base import BuildContext, Writer
from ..icon_tile import icon_tile
from ..zipfiles import normalise_zip
from .convert import DocxConverter
from .finish import finish
from .reference import write_reference_docx


class DocxWriter(Writer):
    """The Word document: Pandoc writes it from the model, then finish.py adds what Pandoc cannot."""

    def write(self, book: m.Book, ctx: BuildContext) -> None:
        meta = {"lang": {"t": "MetaString", "c": book.meta.language}}
        path = ctx.path(self.outputs[0])
        with tempfile.TemporaryDirectory(prefix="docx-", dir=ctx.staging_dir) as folder:
            reference = os.path.join(folder, "reference.docx")
            fallback = glyphs.fallback_needed(book, ctx.theme)  # DejaVu Sans behind the theme's font
            write_reference_docx(ctx.theme, reference, fallback)
            converter = DocxConverter(_write_tiles(book, ctx, folder),
                                      glyphs.charset(ctx.theme.font_path("regular")) if fallback else None)
            converter.image_src = lambda src: _copy_beside(src, book, folder)
            document = converter.document(book, meta)
            pandoc.write(document, "docx", path, [f"--reference-doc={reference}"], epoch=ctx.epoch)
        finish(path, book, ctx.theme, ctx.epoch, fallback)
        normalise_zip(path, ctx.epoch)


def _copy_beside(src: str, book: m.Book, folder: str) -> str:
    """Every picture Pandoc reads from one folder, under a name taken from its path in source/: Pandoc
    orders the DOCX's media by path, so paths in two places (source/, staging) made the bytes depend on
    where output/ is."""
    if not src.startswith(book.source_dir + os.sep):
        return src  # already in the folder (an icon tile)
    target = os.path.join(folder, "source-" + os.path.relpath(src, book.source_dir).replace(os.sep, "-"))
    if not os.path.exists(target):
        shutil.copyfile(src, target)
    return target


def _write_tiles(book: m.Book, ctx: BuildContext, folder: str) -> dict[str, str]:
    tiles = {}
    for chapter in book.chapters:
        if chapter.icon:
            tiles[chapter.id] = os.path.join(folder, f"icon-{chapter.id}.svg")
            with open(tiles[chapter.id], "wb") as handle:
                handle.write(icon_tile(chapter.icon, chapter.colour or ctx.theme.colour("brand")))
    return tiles
