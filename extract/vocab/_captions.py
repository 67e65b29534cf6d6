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


# "Perjanjian Kinerja Program (Outcome)", "Perjanjian Kinerja Kegiatan (Output)": the PKs one level down
# (each program's or activity's), printed after the office's own in a cascading report.
_LOWER_PK = re.compile(
    r"(?:perjanjian|penetapan)\s*kinerja\s*(?:tingkat\s*)?(?:program|kegiatan|sub\s*kegiatan)\b"
    r"|(?:perjanjian|penetapan)\s*kinerja\b[^\n]{0,40}\((?:outcome|output)\)",
    re.IGNORECASE,
)


def names_lower_pk(title: str) -> bool:
    """Return whether a table's title names a program's or activity's PK (outcome/output), not the office's."""
    return bool(_LOWER_PK.search(title))


# "Pengukuran Pencapaian Kinerja s.d Tahun 2016 Terhadap Target Renstra 2013-2018", "... Terhadap
# Capaian Nasional": the year's figures set against a medium-term or national target, not the year's.
_COMPARISON = re.compile(
    r"\bterhadap\s+(?:target\s+|capaian\s+)?(?:renstra|rpjmd?|jangka\s+menengah|akhir\s+periode|nasional)\b",
    re.IGNORECASE,
)


def names_comparison(title: str) -> bool:
    """Return whether a table's title sets the figures against a medium-term or national target."""
    return bool(_COMPARISON.search(title))
