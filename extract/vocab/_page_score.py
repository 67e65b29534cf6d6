"""How much a page's text looks like holding a PK or capaian table (header words, captions, figures)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

#: Scores from which a page is a PK / capaian table candidate (see :func:`score_page`).
PK_THRESHOLD = 3
CAPAIAN_THRESHOLD = 4


@dataclass(frozen=True, slots=True)
class PageScore:
    """How much a page looks like it holds a PK or capaian table.

    Attributes:
        pk: Score for a Perjanjian Kinerja table (0 when none).
        capaian: Score for a target/realisasi/capaian table (0 when none).
    """

    pk: int
    capaian: int

    @property
    def any(self) -> bool:
        """Whether the page is a table candidate (enough cues for a PK or a capaian table)."""
        return self.pk >= PK_THRESHOLD or self.capaian >= CAPAIAN_THRESHOLD


_WORD = {
    "sasaran": re.compile(r"\bsasaran\b", re.I),
    "indikator": re.compile(r"\bindikator\b", re.I),
    "target": re.compile(r"\btarget\b", re.I),
    "satuan": re.compile(r"\bsatuan\b", re.I),
    "realisasi": re.compile(r"\brealisasi\b", re.I),
    "capaian": re.compile(r"\bcapaian\b", re.I),
    "pct": re.compile(r"%|\bpersen", re.I),
}
_PK_CAPTION = re.compile(r"\b(?:perjanjian|penetapan)\s+kinerja\b", re.I)
_CAPAIAN_CAPTION = re.compile(
    r"\b(?:pengukuran\s+(?:capaian\s+)?kinerja|capaian\s+(?:indikator\s+)?kinerja|realisasi\s+dan\s+capaian)\b",
    re.I,
)
_NUMBERISH = re.compile(r"(?<![\w.,])-?\d[\d.,]*\s*%?(?![\w])")


@lru_cache(maxsize=512)
def score_page(text: str, caption_above: str = "") -> PageScore:
    """Given a page's text, return how much it looks like holding a PK or capaian table.

    A page scores when its header words co-occur (an indicator/sasaran word with
    Target, and for capaian Realisasi or Capaian) and it carries figures; a caption
    adds to the score, also one in ``caption_above`` (the foot of the page before:
    "PERJANJIAN KINERJA", then a page break, then the table).
    """
    has = {k: bool(rx.search(text)) for k, rx in _WORD.items()}
    figures = len(_NUMBERISH.findall(text))
    if figures < 2:
        return PageScore(0, 0)
    label = has["indikator"] or has["sasaran"]
    pk = cap = 0
    if label and has["target"]:
        pk = 1 + has["satuan"] + has["sasaran"] + 2 * bool(_PK_CAPTION.search(text) or
                                                            _PK_CAPTION.search(caption_above))
        if has["realisasi"] or has["capaian"]:
            cap = 1 + has["realisasi"] + has["capaian"] + has["pct"] + 2 * bool(
                _CAPAIAN_CAPTION.search(text) or _CAPAIAN_CAPTION.search(caption_above))
    elif label and has["realisasi"]:
        cap = 1 + has["capaian"] + has["pct"]
    return PageScore(pk, cap)
