"""The records every reader produces, and reading a file's bytes."""

from __future__ import annotations

from lkip.extract.model._records import (
    Extraction,
    FileType,
    Level,
    Method,
    OcrMode,
    PageText,
    Provenance,
    RawBudget,
    RawCapaianRow,
    RawCountClaim,
    RawMeta,
    RawPkRow,
    RawTable,
    SourceKind,
    TableSpan,
    TableUse,
    TextLine,
    lines_of_text,
)
from lkip.extract.model._source import decode_text, is_pdf, read_head

__all__ = [
    "Extraction",
    "FileType",
    "Level",
    "Method",
    "OcrMode",
    "PageText",
    "Provenance",
    "RawBudget",
    "RawCapaianRow",
    "RawCountClaim",
    "RawMeta",
    "RawPkRow",
    "RawTable",
    "SourceKind",
    "TableSpan",
    "TableUse",
    "TextLine",
    "decode_text",
    "is_pdf",
    "lines_of_text",
    "read_head",
]
