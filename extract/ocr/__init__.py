"""OCR of scanned pages: orientation, triage, Tesseract reads, tables from the word layout, misread repair."""

from __future__ import annotations

from lkip.extract.ocr._read import OcrPage, ocr_pages
from lkip.extract.ocr._repair import check_ocr_rows, pk_targets_checked
from lkip.extract.ocr._tables import ocr_page_tables

__all__ = [
    "OcrPage",
    "check_ocr_rows",
    "ocr_page_tables",
    "ocr_pages",
    "pk_targets_checked",
]
