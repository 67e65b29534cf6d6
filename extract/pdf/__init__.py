"""The PDF path: a born-digital or scanned PDF to raw records."""

from __future__ import annotations

from lkip.extract.pdf._read import PdfSettings, extract_pdf

__all__ = [
    "PdfSettings",
    "extract_pdf",
]
