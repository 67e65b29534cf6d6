"""Extraction: one LKIP file (text dump, PDF, scan) into raw records with provenance.

Public entry points: :func:`extract_path` (any file), :func:`lkip.extract.text.extract_text`
(a text dump) and :func:`lkip.extract.pdf.extract_pdf` (a PDF). Nothing here parses
numbers beyond :mod:`lkip.figures`, or touches the database.
"""

from lkip.extract.dispatch import SUPPORTED_SUFFIXES, extract_path
from lkip.extract.model import (
    Extraction,
    FileType,
    Level,
    OcrMode,
    Provenance,
    RawBudget,
    RawCapaianRow,
    RawCountClaim,
    RawMeta,
    RawPkRow,
    SourceKind,
    TextLine,
)

__all__ = [
    "SUPPORTED_SUFFIXES",
    "Extraction",
    "FileType",
    "Level",
    "OcrMode",
    "Provenance",
    "RawBudget",
    "RawCapaianRow",
    "RawCountClaim",
    "RawMeta",
    "RawPkRow",
    "SourceKind",
    "TextLine",
    "extract_path",
]
