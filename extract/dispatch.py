"""Which reader reads a file: text dumps by the text path, PDFs by the PDF path.

The PDF path (and with it pypdfium2, camelot, OCR) is imported only when a PDF is
read, so reading text dumps never loads it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from lkip.extract.model import Extraction, decode_text, is_pdf, read_head
from lkip.extract.text import extract_text

if TYPE_CHECKING:
    from lkip.extract.pdf import PdfSettings

#: File endings a folder scan picks up.
SUPPORTED_SUFFIXES = (".pdf", ".txt", ".md")


def extract_path(path: Path, pdf_settings: PdfSettings | None = None, *,
                 indicator_score: Callable[[str], float] | None = None) -> Extraction:
    """Given a file path, return its extraction (PDF or text by content and name).

    Args:
        path: The file.
        pdf_settings: Settings of the PDF reader (OCR, password, adapters).
        indicator_score: How much a text reads like a known indicator (0-100, e.g. a
            catalogue match), used to find indicator names in cell-per-line tables.

    Raises:
        BadInputError: The file is empty, unreadable or of an unsupported kind.
        ParseError: The content could not be understood.
    """
    head = read_head(path)
    if is_pdf(path, head):
        from lkip.extract.pdf import extract_pdf  # loaded on the first PDF only: see the module docstring

        return extract_pdf(path, pdf_settings, indicator_score=indicator_score)
    return extract_text(decode_text(path.read_bytes(), str(path)), indicator_score=indicator_score)
