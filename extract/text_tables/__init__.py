"""Tables printed as text lines (cell-per-line, tab-separated, column-aligned) to PK and capaian rows."""

from __future__ import annotations

from lkip.extract.text_tables._find import TextTable, extract_capaian_tables, extract_pk, find_tables
from lkip.extract.text_tables._running import is_running, running_keys

__all__ = [
    "TextTable",
    "extract_capaian_tables",
    "extract_pk",
    "find_tables",
    "is_running",
    "running_keys",
]
