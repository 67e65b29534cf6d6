"""A table's caption from the lines printed above it."""

from __future__ import annotations

import re

#: How far above a table (points) its caption is looked for.
CAPTION_BAND = 90.0
_TABLE_LABEL = re.compile(r"^\s*(?:tabel|table)\b", re.I)


def caption_of(text: str) -> str:
    """Given the lines above a table, return its caption (from the last "Tabel ..." line, else the last two)."""
    lines = [x.strip() for x in text.split("\n") if x.strip()]
    labels = [i for i, x in enumerate(lines) if _TABLE_LABEL.match(x)]
    chosen = lines[labels[-1]:] if labels else lines[-2:]
    return " ".join(chosen)
