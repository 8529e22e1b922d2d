"""The formats the tool builds, in one table. Each entry says what a writer writes and whose build data
it reads without importing it: the build imports only the writers it runs (so `--format pdf-print` never
loads python-docx), and the cache can key every writer without importing any.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from .base import Writer


@dataclass(frozen=True)
class WriterEntry:
    name: str
    target: str  # "module:Class", the module relative to almanac_build.writers
    outputs: tuple[str, ...]  # file or folder names relative to output/
    requires: tuple[str, ...] = ()  # writers whose build data (or outputs) this one reads; they run first

    @property
    def module(self) -> str:
        """The writer's module, absolute: the build cache keys the writer on it and all it imports."""
        return f"{__package__}.{self.target.split(':')[0]}"

    def load(self) -> Writer:
        """Import the writer's module and make the writer, named and described by this entry."""
        module, cls = self.target.split(":")
        writer = getattr(importlib.import_module(f"{__package__}.{module}"), cls)()
        writer.name, writer.outputs, writer.requires = self.name, self.outputs, self.requires
        return writer


# Registry order is build order when nothing else decides: the print PDF first (others read its pages).
ENTRIES = (
    WriterEntry("pdf", "pdf.writer:PdfWriter", ("almanac.pdf",)),
    WriterEntry("pdf-large-print", "pdf.writer:LargePrintPdfWriter", ("almanac-large-print.pdf",)),
    WriterEntry("html", "html.page:HtmlWriter", ("almanac.html", "almanac-assets"), ("pdf",)),
    WriterEntry("docx", "docx:DocxWriter", ("almanac.docx",)),
    WriterEntry("epub", "epub:EpubWriter", ("almanac.epub",), ("pdf",)),
    WriterEntry("downloads", "html.downloads:DownloadsWriter", ("index.html",),
                ("html", "pdf", "pdf-large-print", "docx", "epub")),
)
WRITERS = {entry.name: entry for entry in ENTRIES}

# `make pdf` builds both PDF editions (`pdf-print` the print edition alone); other names map to themselves.
FORMAT_GROUPS = {"pdf": ("pdf", "pdf-large-print"), "pdf-print": ("pdf",), "html": ("html",), "docx": ("docx",),
                 "epub": ("epub",)}


def all_writers() -> dict[str, Writer]:
    """Every writer, imported and made (tests run writers alone through this)."""
    return {entry.name: entry.load() for entry in ENTRIES}
