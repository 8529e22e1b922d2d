"""The print PDF and the large-print PDF (ReportLab)."""

from .writer import LargePrintPdfWriter, PdfWriter

__all__ = ["PdfWriter", "LargePrintPdfWriter"]
