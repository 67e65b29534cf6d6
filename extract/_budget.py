"""The office's own budget: pagu (allocation), realisasi (spent) and the stated percentage.

Candidates come from two shapes:

* a sentence naming both amounts, "Pagu anggaran ... sebesar Rp. 13.105.774.000,- dengan
  realisasi sebesar Rp. 12.693.487.487,- atau sebesar 96,91 %" or "Realisasi anggaran ...
  sebesar Rp.Y ... atau 96,09% dari total anggaran yang disediakan yaitu sebesar Rp.X";
* the total row ("Jumlah", "Total") of a table whose header names Pagu/Anggaran and
  Realisasi columns, its amounts read in the header's column order.

Each amount is classed by the words since the previous amount: realisasi words
(realisasi, serapan, terserap) beat allocation words (pagu, alokasi, anggaran,
DIPA); blokir and sisa amounts are neither. Amounts of a program or of one
expenditure type ("program ini", "Belanja Pegawai") are parts, not the office's budget.

Choice: an LKIP may state both the office's own DIPA and a combined figure for the
office "beserta jajarannya" (with its subordinate offices). A figure is combined when
its sentence says so, or when it equals the largest amount of a passage that says so
(a per-office table's total). The first statement of a figure that is not combined
wins; when every statement is combined (the report gives no separate own figure),
the first combined one is taken.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from lkip.extract._prose import Prose, prose_of, sentences_of
from lkip.extract._records import RawBudget, TextLine

_AMOUNT = re.compile(
    r"(?:Rp\.?\s*)?(?<!\d)(?<!\d[.,])(?P<num>\d{1,3}(?:[.,]\d{3}){2,}(?:,\d{1,2})?)(?:\s*,\s*-+|,-+)?(?![\d])"
    r"|Rp\.?\s*(?P<num2>\d+(?:,\d{1,2})?)(?![\d.,])",
    re.IGNORECASE,
)
_PCT = re.compile(r"(?<![\d.,])(?P<num>\d{1,3}(?:[.,]\d{1,3})?)\s*(?:%|persen\b)", re.IGNORECASE)
_REAL_WORDS = re.compile(
    r"\b(?:realisasi|terealisasi|serapan|penyerapan|terserap|diserap|belanja\s+sebesar)", re.I
)
_PAGU_WORDS = re.compile(
    r"\b(?:pagu|alokasi|dialokasikan|anggaran|DIPA|disediakan|mendapat)", re.IGNORECASE
)
_OTHER_WORDS = re.compile(
    r"\b(?:blokir|sisa|hemat|penghematan|efisiensi|selisih|tidak\s+terserap)", re.I
)
_COMBINED = re.compile(
    r"\b(?:beserta\s+(?:seluruh\s+)?jajaran(?:nya)?|dan\s+jajaran(?:nya)?|se-?\s*jajaran|di\s*lingkup(?:\s+wilayah)?|"
    r"se-?\s*wilayah|seluruh\s+satuan\s+kerja|seluruh\s+satker|termasuk\s+BNN\s*K)",
    re.IGNORECASE,
)
_PART = re.compile(
    r"\b(?:program|kegiatan|output|sub\s*kegiatan)\s+(?:ini|tersebut)\b|^\s*(?:\d{1,2}[.)]\s*)?program\b|"
    r"\bbelanja\s+(?:pegawai|barang|modal|operasional|non\s*operasional)\b",
    re.IGNORECASE,
)
_TOTAL_ROW = re.compile(r"^\W*(?:jumlah|total|grand\s+total)\b|(?:jumlah|total)\W*$", re.IGNORECASE)
_HEADER_WORDS = re.compile(
    r"pagu|anggaran|alokasi|dipa|realisasi|serapan|blokir|sisa|persentase|capaian|%|target|volume|satuan",
    re.IGNORECASE,
)
_TABLE_LOOKBACK = 40
_COMBINED_PASSAGE = 25


@dataclass(frozen=True, slots=True)
class BudgetCandidate:
    """One statement of the budget.

    Attributes:
        pagu: Pagu text as printed.
        realisasi: Realisasi text as printed.
        pct: Stated percentage text, if any.
        offset: Stream offset of the pagu amount.
        combined: Whether it is a combined figure (office with its subordinate offices).
        part: Whether it is only a part (one program, one expenditure type).
        source: The sentence or row.

    """

    pagu: str
    realisasi: str
    pct: str | None
    offset: int
    combined: bool
    part: bool
    source: str


def extract_budget(lines: Sequence[TextLine]) -> RawBudget | None:
    """Given the lines of a report, return the office's own budget, or None when none is stated."""
    prose = prose_of(lines)
    candidates = budget_candidates(prose)
    chosen = choose_budget(candidates)
    if chosen is None:
        return None
    at = prose.line_at(chosen.offset)
    method = f"{'text' if at.line is not None else 'pdf'}:budget"
    return RawBudget(chosen.pagu, chosen.realisasi, chosen.pct, at.at(method, chosen.source))


def choose_budget(candidates: Sequence[BudgetCandidate]) -> BudgetCandidate | None:
    """Return the office's budget among the statements found.

    Own figures (not combined, not a part) beat combined ones; among them the largest
    pagu is the whole (an activity's or program's budget is smaller), and of the
    statements of that pagu the first in the document is taken.
    """
    whole = [c for c in candidates if not c.part]
    pool = [c for c in whole if not c.combined] or whole
    if not pool:
        return None
    top = max(int(_key(c.pagu) or 0) for c in pool)
    return min((c for c in pool if int(_key(c.pagu) or 0) == top), key=lambda c: c.offset)


def budget_candidates(prose: Prose) -> list[BudgetCandidate]:
    """Return every statement of pagu and realisasi in the report, combined figures marked."""
    found = list(_sentence_candidates(prose)) + list(_table_candidates(prose))
    combined_totals = _combined_totals(prose)
    out = []
    for c in found:
        if not c.combined and _key(c.pagu) in combined_totals:
            c = BudgetCandidate(c.pagu, c.realisasi, c.pct, c.offset, True, c.part, c.source)
        out.append(c)
    return sorted(out, key=lambda c: c.offset)


def _sentence_candidates(prose: Prose) -> Iterator[BudgetCandidate]:
    text = prose.text
    for start, end in sentences_of(text):
        sentence = text[start:end]
        amounts = list(_AMOUNT.finditer(sentence))
        if len(amounts) < 2 or not _REAL_WORDS.search(sentence):
            continue
        pagu = real = None
        prev = 0
        for m in amounts:
            role = _role(sentence[prev : m.start()])
            prev = m.end()
            if role == "realisasi" and real is None:
                real = m
            elif role == "pagu" and pagu is None:
                pagu = m
        if pagu is None or real is None:
            continue
        pct = _PCT.search(sentence, min(pagu.end(), real.end()))
        yield BudgetCandidate(
            pagu=_flat(pagu.group(0)),
            realisasi=_flat(real.group(0)),
            pct=_flat(pct.group(0)) if pct else None,
            offset=start + pagu.start(),
            combined=bool(_COMBINED.search(sentence)),
            part=bool(_PART.search(sentence)),
            source=_flat(sentence),
        )


def _role(words: str) -> str | None:
    """Class the amount that follows ``words`` (the text since the previous amount)."""
    if _OTHER_WORDS.search(words):
        return None
    if _REAL_WORDS.search(words):
        return "realisasi"
    if _PAGU_WORDS.search(words):
        return "pagu"
    return None


def _table_candidates(prose: Prose) -> Iterator[BudgetCandidate]:
    for i in range(len(prose.lines)):
        row = prose.text[
            prose.starts[i] : prose.starts[i + 1] - 1 if i + 1 < len(prose.starts) else None
        ]
        if not _TOTAL_ROW.search(row):
            continue
        values = list(_AMOUNT.finditer(row)) + [m for m in _PCT.finditer(row)]
        cells = _row_values(row)
        header = _header_above(prose, i)
        if header is None or len(cells) < 2:
            continue
        roles = _header_roles(header)
        picked = dict(zip(roles, cells, strict=False))
        if "pagu" not in picked or "realisasi" not in picked or not values:
            continue
        pagu_offset = prose.starts[i] + row.find(picked["pagu"])
        yield BudgetCandidate(
            pagu=picked["pagu"],
            realisasi=picked["realisasi"],
            pct=picked.get("pct"),
            offset=pagu_offset,
            combined=False,  # a table's total is combined when its passage says so
            part=False,
            source=_flat(row),
        )


def _row_values(row: str) -> list[str]:
    """Return the figures of a table row in order: amounts, percentages and plain numbers."""
    out = []
    for m in re.finditer(r"(?:Rp\.?\s*)?\d[\d.,]*(?:\s*,\s*-+|,-+)?(?:\s*%)?", row):
        token = m.group(0).strip()
        if re.search(r"\d", token):
            out.append(token)
    return out


def _header_above(prose: Prose, row: int) -> str | None:
    """Return the header line of the table whose total row is ``row``, or None."""
    for i in range(row - 1, max(-1, row - _TABLE_LOOKBACK), -1):
        t = prose.text[prose.starts[i] : prose.starts[i + 1] - 1]
        if _TOTAL_ROW.search(t):
            return None  # the previous table's total: this row's table has no such header
        if re.search(r"\brealisasi\b", t, re.I) and re.search(
            r"pagu|anggaran|alokasi|dipa", t, re.I
        ):
            return t
    return None


def _header_roles(header: str) -> list[str]:
    """Return the roles of the header's value columns in order: pagu, blokir, realisasi, pct, ..."""
    roles = []
    for m in _HEADER_WORDS.finditer(header):
        w = m.group(0).lower()
        if w in ("pagu", "anggaran", "alokasi", "dipa"):
            role = "pagu"
        elif w in ("realisasi", "serapan"):
            role = "realisasi"
        elif w in ("%", "persentase", "capaian"):
            role = "pct"
        else:
            role = w
        if roles and roles[-1] == role == "pagu":
            continue  # "Pagu DIPA", "Anggaran (Pagu)": one column
        roles.append(role if role not in roles else f"{role}2")
    return roles


def _combined_totals(prose: Prose) -> set[str]:
    """Return the combined amounts: the largest amount of each passage that says so."""
    totals = set()
    text = prose.text
    for m in _COMBINED.finditer(text):
        i = prose.index_at(m.start())
        start = prose.starts[i]
        end_line = min(len(prose.lines), i + _COMBINED_PASSAGE)
        end = prose.starts[end_line] if end_line < len(prose.starts) else len(text)
        passage = text[start:end]
        heading = re.search(r"\n(?:BAB\s+[IVX\d]+\b|[A-H]\.\s+[A-Z])", passage)
        if heading:
            passage = passage[: heading.start()]
        amounts = [a.group(0) for a in _AMOUNT.finditer(passage)]
        if amounts:
            totals.add(_key(max(amounts, key=lambda a: float(_key(a) or 0))))
    return totals


def _key(amount: str) -> str:
    """Return the digits of an amount's integer part ("Rp. 7.988.525,00" -> "7988525")."""
    t = re.sub(r"[^\d.,]", "", amount).rstrip(",.")
    t = re.sub(r"[.,]\d{1,2}$", "", t)
    return re.sub(r"\D", "", t)


def _flat(text: str) -> str:
    return " ".join(text.split())
