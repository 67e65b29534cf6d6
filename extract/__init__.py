"""Extraction: one LKIP file (text dump, PDF, scan) into raw records with provenance.

Public entry points: :func:`extract_path` (a file), :func:`extract_text` (a text
dump) and :func:`extract_pdf` (a PDF). Nothing here parses numbers or touches
the database.
"""

from lkip.extract._files import SUPPORTED_SUFFIXES, extract_path
from lkip.extract._records import (
    Extraction,
    FileType,
    Level,
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
