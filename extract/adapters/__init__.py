"""The only modules that import pypdfium2, camelot, pdfplumber, pytesseract or OpenCV.

Each outside library has its own module; the OCR engine and the PDF page reader are
objects (:class:`OcrEngine`, :class:`PageReader`) that tests replace with fakes.
"""

from __future__ import annotations

from lkip.extract.adapters._camelot import camelot_tables
from lkip.extract.adapters._opencv import (
    Direction,
    erase_rules,
    find_rules,
    is_blank,
    resized,
    ruled_tables,
    text_direction,
)
from lkip.extract.adapters._pdfium import (
    MAX_RENDER_PIXELS,
    PageImage,
    PageReader,
    PdfiumPages,
    capped_dpi,
    page_rules,
    page_words,
    read_text_layer,
)
from lkip.extract.adapters._plumber import pdfplumber_tables
from lkip.extract.adapters._render import page_text_boxes, render_region
from lkip.extract.adapters._tesseract import OcrEngine, TesseractEngine, osd_rotation

__all__ = [
    "MAX_RENDER_PIXELS",
    "capped_dpi",
    "page_text_boxes",
    "render_region",
    "Direction",
    "OcrEngine",
    "PageImage",
    "PageReader",
    "PdfiumPages",
    "TesseractEngine",
    "camelot_tables",
    "erase_rules",
    "find_rules",
    "is_blank",
    "osd_rotation",
    "page_rules",
    "page_words",
    "pdfplumber_tables",
    "read_text_layer",
    "resized",
    "ruled_tables",
    "text_direction",
]
