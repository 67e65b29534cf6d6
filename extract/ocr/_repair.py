"""Repair of OCR misreads: letter-for-digit confusions and single-digit misreads that make a row add up."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from lkip.extract.model import (
    RawCapaianRow,
)
from lkip.figures import Formula, parse_number, pct_fits

if TYPE_CHECKING:
    pass

_DIGIT_CONFUSIONS: dict[str, str] = {"O": "0", "o": "0", "l": "1", "I": "1", "|": "1"}
_NUMERIC_TOKEN = re.compile(r"(?<![A-Za-z])[\dOolI|][\dOolI|.,]*\d[\dOolI|.,]*(?![A-Za-z])")

_PCT_AS_96 = re.compile(r"(?<=\d[.,]\d\d)96(?=\s|$|\))")
_PCT_AS_4 = re.compile(r"^\d+[.,]\s?\d\d4$")


def repair_text(text: str) -> str:
    """Given OCR text, return it with frequent figure misreads fixed.

    "105,3696" -> "105,36%" ("%" read as "96" after a two-decimal figure); letters
    O/l/I/| inside a run of digits -> 0/1; a leading "|" or "I" stuck to a word
    (a table rule read as a letter) dropped.
    """
    t = _PCT_AS_96.sub("%", text)
    t = _NUMERIC_TOKEN.sub(lambda m: "".join(_DIGIT_CONFUSIONS.get(ch, ch) for ch in m.group(0)), t)
    t = re.sub(r"(?:(?<=\s)|^)[|!](?=\s|$)", "", t)
    t = re.sub(r"(?:(?<=\s)|^)[|I](?=[A-Z][a-z])", "", t)
    return " ".join(t.split())


#: OCR'd rows may state capaian either way round (a lower-is-better row as target/realisasi).
OCR_FORMULAS = (Formula.STANDARD, Formula.INVERSE_RATIO)


def figures_fit(texts: Sequence[str | None], formulas: Sequence[Formula] = OCR_FORMULAS) -> bool:
    """Return whether ``(target, realisasi, percentage)`` texts fit the one stated-% rule (``pct_fits``)."""
    target, real, pct = texts
    values = [parse_number(x).value if x else None for x in texts]
    return pct_fits(values[0], target, values[1], real, values[2], pct, formulas) is not None


_CONFUSED_DIGITS: dict[str, str] = {"6": "0", "0": "6", "8": "0", "3": "8", "5": "6", "9": "0"}


def figure_variants(text: str) -> list[str]:
    """Given an OCR'd figure, return the readings a frequent misread could have turned into it.

    One digit confused ("160" for "100"), a lost decimal comma before the last two
    digits ("177%" for "1,77%") or "%" read as "4" after two decimals ("60,734"
    for "60,73%"), a space inside the figure ("60, 73").
    """
    t = text.strip()
    m = re.match(r"^(\d[\d.,]*)(\s*%?)(.*)$", t.replace(", ", ",").replace(". ", "."))
    if not m:
        return []
    digits, pct, rest = m.groups()
    out = []
    for i, ch in enumerate(digits):
        if ch in _CONFUSED_DIGITS:
            out.append(digits[:i] + _CONFUSED_DIGITS[ch] + digits[i + 1:])
    if digits.isdigit() and len(digits) >= 3:
        out.append(f"{digits[:-2]},{digits[-2:]}")
    return [f"{d}{pct}{rest}" for d in out if d != digits]


def repair_figures(target: str, realisasi: str, pct: str) -> tuple[str, str, str] | None:
    """Given a capaian row's OCR'd target, realisasi and percentage, return them with one misread fixed.

    When the percentage does not agree with realisasi/target, each single-figure
    misread of :func:`figure_variants` is tried; the row is repaired only when
    exactly one variant makes the three figures agree. None when they already
    agree or no single repair explains them.
    """
    texts = [target, realisasi, pct]
    for k in (0, 1):  # "60,734" beside "62%": the "4" is the "%" sign
        if "%" in texts[1 - k] and _PCT_AS_4.match(texts[k].strip()):
            fixed = texts[k].strip()[:-1] + "%"
            if figures_fit([fixed if j == k else x for j, x in enumerate(texts)]):
                texts[k] = fixed
                return texts[0], texts[1], texts[2]
    if figures_fit(texts):
        return None
    fixes = [(k, v) for k in range(3) for v in figure_variants(texts[k])
             if figures_fit([v if j == k else x for j, x in enumerate(texts)])]
    unit_fixes = [(k, v) for k, v in fixes if k < 2 and _percent_sign_matches(v, texts[1 - k])
                  and not _percent_sign_matches(texts[k], texts[1 - k])]
    if len(fixes) > 1 and unit_fixes:  # the reading giving target and realisasi one unit: "62%", "60,73%"
        fixes = unit_fixes
    if len(fixes) > 1 and texts[0].strip() == texts[1].strip():  # two reads agreeing are taken as right
        fixes = [(k, v) for k, v in fixes if k == 2]
    if len(fixes) > 1:  # the reading where capaian is realisasi/target, the usual direction
        fixes = [(k, v) for k, v in fixes
                 if figures_fit([v if j == k else x for j, x in enumerate(texts)], (Formula.STANDARD,))]
    if len(fixes) != 1:
        return None
    k, v = fixes[0]
    texts[k] = v
    return texts[0], texts[1], texts[2]


def _percent_sign_matches(a: str, b: str) -> bool:
    return ("%" in a) == ("%" in b)


def pk_targets_checked(pk: Sequence, capaian: Sequence, min_score: float = 90.0) -> list:
    """Given OCR'd PK rows and the report's capaian rows, return the PK rows with lost separators restored.

    OCR drops decimal points and commas ("7205 %" for "72.05 %"). When a PK row's
    indicator matches a capaian row's (rapidfuzz token-set ratio >= ``min_score``)
    whose target has the same digits but a separator, and the two values differ,
    the PK target takes the capaian table's reading; anything else stays as read.

    Args:
        pk: :class:`lkip.extract.model._records.RawPkRow` rows.
        capaian: :class:`lkip.extract.model._records.RawCapaianRow` rows.
        min_score: Lowest indicator match that counts as the same indicator.
    """
    from rapidfuzz import fuzz

    out = []
    for row in pk:
        target = row.target_text or ""
        digits = re.sub(r"\D", "", target.split()[0] if target.split() else "")
        best = None
        if row.where.method.startswith("ocr:") and digits and not re.search(r"\d[.,]\d", target):
            scored = [(fuzz.token_set_ratio(row.indicator_text.lower(), c.indicator_text.lower()), c)
                      for c in capaian if c.target_text]
            score, best = max(scored, key=lambda x: x[0], default=(0.0, None))
            if score < min_score:
                best = None
        if best is not None:
            m = re.match(r"\s*(\d[\d.,]*\d)", best.target_text or "")
            if m and re.sub(r"\D", "", m.group(1)) == digits and re.search(r"[.,]", m.group(1)):
                first = target.split()[0]
                row = replace(row, target_text=target.replace(first, m.group(1) + first[len(digits):], 1))
        out.append(row)
    return out



# --- OCR validation ----------------------------------------------------------------------------


def check_ocr_rows(rows: Sequence[RawCapaianRow]) -> list[str]:
    """Given capaian rows (some from OCR), return warnings for OCR figures that do not check out."""
    out = []
    for r in rows:
        if not r.where.method.startswith("ocr:"):
            continue
        texts = (r.target_text, r.realisasi_text, r.pct_text)
        if r.pct_text and parse_number(r.pct_text).value is not None and not figures_fit(texts):
            out.append(f"page {r.where.page}: OCR figures of '{r.indicator_text[:50]}' do not check "
                       f"(target {r.target_text}, realisasi {r.realisasi_text}, capaian {r.pct_text}): verify by hand")
    return out
