"""The text path: a text dump (or any document's lines) to raw records."""

from __future__ import annotations

from lkip.extract.text._read import assemble_extraction, extract_lines, extract_text

__all__ = [
    "assemble_extraction",
    "extract_lines",
    "extract_text",
]
