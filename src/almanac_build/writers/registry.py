"""The formats the tool makes, in one table: everything the rest of the tool knows about a format is
declared here, and the build, the download page, the checks, the statement and the reports read it.

A `Format` is what readers and the checks call a format: its name, media type, how the checks read it,
and what its view can show (its capabilities: a rule applies to every format that has what the rule
needs). A `WriterEntry` is one writer: its module, its outputs (named from the publication's slug), the
writers whose build data it reads, and how the download page offers what it makes. Adding a format is
one `Format`, its writer entries, and its own package (writer, and the reader the checks use).

The build imports only the writers it runs (so `--format pdf-print` never loads python-docx), and the
cache keys every writer without importing any: this module imports no writer.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, replace

from .base import Writer

SLUG = "{slug}"  # in output names: the publication's slug (almanac.yaml `slug:`)
DEFAULT_SLUG = "almanac"  # output names when a book gives none (tests that run a writer alone)


@dataclass(frozen=True)
class Format:
    code: str  # the one-letter id the reports use (report schema), unique; "S" is the source
    name: str  # as the reports name it: "PDF"
    label: str  # as the accessibility statement lists it: "PDF and large-print PDF"
    media_type: str
    option: str  # the --format value (and make target) that builds it: "pdf"
    reader: str  # "module:function" below almanac_build: the checks' view of one output, f(output_dir, tracer,
    # name); "" when the checks do not read the format (it is then in no report)
    capabilities: frozenset[str]  # what its view shows (checks/registry.py CAPABILITIES)
    read_apart: bool = False  # the checks read it in a forked process (the slow readers)
    kind: str = ""  # the format as GOV.UK names it in attachment metadata ("MS Word Document")


@dataclass(frozen=True)
class Download:
    """How the download page offers one output, and how the HTML page's header names it."""

    title: str  # "Large-print edition"
    about: str  # one sentence; {large_print_pt}: the large-print body size, {page}: the page size (A4)
    called: str  # in the HTML header's "Download this almanac as a PDF, large-print PDF, …" ("": not named)
    named: str = ""  # in the accessibility statement's list of editions: "a large-print PDF"


@dataclass(frozen=True)
class WriterEntry:
    name: str
    target: str  # "module:Class", the module relative to almanac_build.writers
    outputs: tuple[str, ...]  # file or folder names relative to output/, with {slug}
    requires: tuple[str, ...] = ()  # writers whose build data (or outputs) this one reads; they run first
    format: Format | None = None  # the format of its first output (the checks read it if it has a reader)
    download: Download | None = None  # offered on the download page
    in_default: bool = True  # built by a plain `make`; False: only when asked for by name
    available: str = ""  # "almanac_build.module:function" saying whether an optional format's tool is here

    @property
    def module(self) -> str:
        """The writer's module, absolute: the build cache keys the writer on it and all it imports."""
        return f"{__package__}.{self.target.split(':')[0]}"

    def usable(self) -> bool:
        """Whether this machine can build the format (an optional one may need a Debian package). The
        probe lives outside writers/: deciding what to build imports no writer."""
        if not self.available:
            return True
        module, function = self.available.split(":")
        return bool(getattr(importlib.import_module(module), function)())

    def output_names(self, slug: str = DEFAULT_SLUG) -> tuple[str, ...]:
        return tuple(name.replace(SLUG, slug) for name in self.outputs)

    def named(self, slug: str) -> WriterEntry:
        """This entry with the publication's `slug` in its output names (almanac.yaml's `slug:`)."""
        return replace(self, outputs=self.output_names(slug))

    def load(self, slug: str = DEFAULT_SLUG) -> Writer:
        """Import the writer's module and make the writer, named and described by this entry."""
        module, cls = self.target.split(":")
        writer = getattr(importlib.import_module(f"{__package__}.{module}"), cls)()
        writer.name, writer.outputs, writer.requires = self.name, self.output_names(slug), self.requires
        return writer


_COMMON = frozenset({"title", "language", "headings", "images", "links", "tables", "paragraphs", "glyphs"})
HTML = Format("H", "HTML", "HTML web page", "text/html", "html", "checks.views.html:html_view",
              _COMMON | {"link-markup", "image-surroundings", "rendered", "link-styles", "landmarks"},
              kind="HTML")
EPUB = Format("E", "EPUB", "EPUB e-book", "application/epub+zip", "epub", "checks.views.epub:read_epub",
              _COMMON | {"link-markup", "image-surroundings", "rendered", "link-styles", "epub-package"}, kind="EPUB")
DOCX = Format("D", "DOCX", "Word document (DOCX)",
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx",
              "checks.views.docx:docx_view",
              _COMMON | {"link-markup", "rendered", "link-styles", "point-sizes", "text-colours", "word-styles"},
              kind="MS Word Document")
PDF = Format("P", "PDF", "PDF and large-print PDF", "application/pdf", "pdf", "checks.views.pdf:pdf_view",
             _COMMON | {"rendered", "point-sizes", "pdf-structure"}, read_apart=True, kind="PDF")
BRAILLE = Format("B", "BRF", "Braille (BRF)", "text/plain", "braille", "", frozenset(), kind="BRF (ASCII braille)")
FORMATS = (HTML, EPUB, DOCX, PDF, BRAILLE)  # the order reports list them in
CHECKED = tuple(f for f in FORMATS if f.reader)  # the formats the checks read

# Registry order is build order when nothing else decides: the print PDF first (others read its pages).
ENTRIES = (
    WriterEntry("pdf", "pdf.writer:PdfWriter", ("{slug}.pdf",), format=PDF,
                download=Download("Print edition", "{page}, for printing and for reading on screen.", "PDF", "a PDF")),
    WriterEntry("pdf-large-print", "pdf.writer:LargePrintPdfWriter", ("{slug}-large-print.pdf",), format=PDF,
                download=Download("Large-print edition", "The same text in {large_print_pt} point type.",
                                  "large-print PDF", "a large-print PDF")),
    WriterEntry("html", "html.page:HtmlWriter", ("{slug}.html", "{slug}-assets"), ("pdf",), format=HTML,
                download=Download("Read online", "One web page for phones, computers and screen readers. Text "
                                  "can be resized and reflows.", "", "a web page (HTML)")),
    WriterEntry("docx", "docx:DocxWriter", ("{slug}.docx",), format=DOCX,
                download=Download("Word document", "For reusing the text in Word or another word processor.",
                                  "Word document", "a Word document")),
    WriterEntry("epub", "epub:EpubWriter", ("{slug}.epub",), ("pdf",), format=EPUB,
                download=Download("E-book", "For e-readers and read-aloud apps.", "EPUB e-book", "an e-book (EPUB)")),
    WriterEntry("braille", "braille.writer:BrailleWriter", ("{slug}.brf",), ("pdf",), format=BRAILLE,
                download=Download("Braille edition", "Contracted Unified English Braille, 40 cells by 25 lines a "
                                  "page, for embossers and braille displays, with the print page numbers.", "",
                                  "braille (BRF)"),
                available="almanac_build.liblouis:available"),
    WriterEntry("braille-uncontracted", "braille.writer:UncontractedBrailleWriter", ("{slug}-uncontracted.brf",),
                ("pdf",), format=BRAILLE, in_default=False, available="almanac_build.liblouis:available"),
)
# The editions as the download page lists them (an optional one only when this build made it).
DOWNLOAD_ORDER = ("html", "pdf", "pdf-large-print", "docx", "epub", "braille")
ENTRIES += (WriterEntry("downloads", "html.downloads:DownloadsWriter", ("index.html",), DOWNLOAD_ORDER, format=HTML),)
WRITERS = {entry.name: entry for entry in ENTRIES}
DOWNLOADS = tuple(WRITERS[name] for name in DOWNLOAD_ORDER)

# `--format pdf` (`make pdf`) builds every edition of the format on the download page (both PDFs); a
# writer that is not offered there is asked for by its own name (`--format braille-uncontracted`).
FORMAT_GROUPS: dict[str, tuple[str, ...]] = {}
for _entry in ENTRIES:
    _option = _entry.format.option if _entry.download else _entry.name
    FORMAT_GROUPS[_option] = FORMAT_GROUPS.get(_option, ()) + (_entry.name,)
FORMAT_GROUPS.pop("downloads")


def slug_of(book) -> str:
    """The publication's slug, which names its outputs ({slug}.pdf …)."""
    return getattr(book.meta, "slug", "") or DEFAULT_SLUG


def all_writers(slug: str = DEFAULT_SLUG) -> dict[str, Writer]:
    """Every writer, imported and made (tests run writers alone through this)."""
    return {entry.name: entry.load(slug) for entry in ENTRIES}
