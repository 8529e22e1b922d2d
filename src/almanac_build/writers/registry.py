"""The formats the tool builds, in one table. Each entry says what a writer writes and whose build data
it reads without importing it: the build imports only the writers it runs (so `--format pdf-print` never
loads python-docx), and the cache can key every writer without importing any.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass, replace

from ..buildcache import files_under
from .base import Writer

WRITERS_DIR = os.path.dirname(os.path.abspath(__file__))


@dataclass(frozen=True)
class WriterEntry:
    name: str
    target: str  # "module:Class", the module relative to almanac_build.writers
    outputs: tuple[str, ...]  # file or folder names relative to output/; "{slug}" is the publication's slug
    requires: tuple[str, ...] = ()  # writers whose build data (or outputs) this one reads; they run first
    in_default: bool = True  # built by a plain `make`; False: only when asked for by name
    available: str = ""  # "almanac_build.module:function" saying whether an optional format's tool is here

    def usable(self) -> bool:
        """Whether this machine can build the format (an optional one may need a Debian package). The
        probe lives outside writers/: deciding what to build imports no writer."""
        if not self.available:
            return True
        module, function = self.available.split(":")
        return bool(getattr(importlib.import_module(module), function)())

    @property
    def own_files(self) -> tuple[str, ...]:
        """The writer's own code, relative to the package folder: its whole sub-package (writers/pdf/)
        or its module file. The cache keys a writer on these, and every writer on the rest."""
        top = self.target.split(":")[0].split(".")[0]
        folder = os.path.join(WRITERS_DIR, top)
        if not os.path.isdir(folder):
            return (os.path.join("writers", top + ".py"),)
        return tuple(sorted(os.path.relpath(p, os.path.dirname(WRITERS_DIR)) for p in files_under(folder)))

    def named(self, slug: str) -> WriterEntry:
        """This entry with the publication's `slug` in its output names (almanac.yaml's `slug:`)."""
        return replace(self, outputs=tuple(o.replace(SLUG, slug) for o in self.outputs))

    def load(self) -> Writer:
        """Import the writer's module and make the writer, named and described by this entry."""
        module, cls = self.target.split(":")
        writer = getattr(importlib.import_module(f"{__package__}.{module}"), cls)()
        writer.name, writer.outputs, writer.requires = self.name, self.outputs, self.requires
        return writer


SLUG = "{slug}"

# Registry order is build order when nothing else decides: the print PDF first (others read its pages).
ENTRIES = (
    WriterEntry("pdf", "pdf.writer:PdfWriter", ("{slug}.pdf",)),
    WriterEntry("pdf-large-print", "pdf.writer:LargePrintPdfWriter", ("{slug}-large-print.pdf",)),
    WriterEntry("html", "html.page:HtmlWriter", ("{slug}.html", "{slug}-assets"), ("pdf",)),
    WriterEntry("docx", "docx:DocxWriter", ("{slug}.docx",)),
    WriterEntry("epub", "epub:EpubWriter", ("{slug}.epub",), ("pdf",)),
    WriterEntry("braille", "braille.writer:BrailleWriter", ("{slug}.brf",), ("pdf",),
                available="almanac_build.liblouis:available"),
    WriterEntry("braille-uncontracted", "braille.writer:UncontractedBrailleWriter", ("{slug}-uncontracted.brf",),
                ("pdf",), in_default=False, available="almanac_build.liblouis:available"),
    WriterEntry("downloads", "html.downloads:DownloadsWriter", ("index.html",),
                ("html", "pdf", "pdf-large-print", "docx", "epub", "braille")),
)
WRITERS = {entry.name: entry for entry in ENTRIES}

# `make pdf` builds both PDF editions (`pdf-print` the print edition alone); other names map to themselves.
FORMAT_GROUPS = {"pdf": ("pdf", "pdf-large-print"), "pdf-print": ("pdf",), "html": ("html",), "docx": ("docx",),
                 "epub": ("epub",), "braille": ("braille",), "braille-uncontracted": ("braille-uncontracted",)}


def all_writers(slug: str = "almanac") -> dict[str, Writer]:
    """Every writer, imported and made, its outputs named for `slug` (tests run writers alone through this)."""
    return {entry.name: entry.named(slug).load() for entry in ENTRIES}
