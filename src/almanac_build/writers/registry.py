"""The formats the tool builds, by name. Built-in writers are registered here in one table."""

from __future__ import annotations

from .base import Writer


def all_writers() -> dict[str, Writer]:
    from .docx import DocxWriter
    from .epub import EpubWriter
    from .html import HtmlWriter
    from .html.downloads import DownloadsWriter
    from .pdf import LargePrintPdfWriter, PdfWriter

    writers = [PdfWriter(), LargePrintPdfWriter(), HtmlWriter(), DocxWriter(), EpubWriter(), DownloadsWriter()]
    return {w.name: w for w in writers}


# `make pdf` builds both PDF editions (`pdf-print` the print edition alone); other names map to themselves.
FORMAT_GROUPS = {"pdf": ("pdf", "pdf-large-print"), "pdf-print": ("pdf",), "html": ("html",), "docx": ("docx",),
                 "epub": ("epub",)}
