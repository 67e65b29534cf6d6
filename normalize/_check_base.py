"""Shared pieces of the consistency checks: direction names, row keys and evidence text.

Used by :mod:`lkip.normalize.checks` and :mod:`lkip.normalize._claims` to say where a
figure was printed and how a row reads, the same way in every flag.
"""

from __future__ import annotations

import re

from lkip.extract._records import SourceKind
from lkip.normalize._pct import format_figure
from lkip.normalize._records import Capaian, PkTarget

LOWER_IS_BETTER = "lower_is_better"
HIGHER_IS_BETTER = "higher_is_better"


def describe_place(page: int | None, line: int | None) -> str:
    """Return where a figure was printed: page and line, either, or 'unknown place'."""
    if page is not None and line is not None:
        return f"page {page} line {line}"
    if page is not None:
        return f"page {page}"
    if line is not None:
        return f"line {line}"
    return "unknown place"


def figure_text(text: str | None, value: float | None) -> str:
    """Return the figure as printed, or the value formatted when no text was kept."""
    return text if text is not None else format_figure(value, 6)


def kind_label(source_kind: str) -> str:
    """Return a reader's name for a capaian row's source kind."""
    return {
        SourceKind.MAIN_TABLE.value: "BAB III summary table",
        SourceKind.INDICATOR_TABLE.value: "per-indicator table",
        SourceKind.EXECUTIVE_SUMMARY.value: "executive summary",
    }.get(str(source_kind), str(source_kind))


def row_evidence(row: Capaian) -> str:
    """Return one line of evidence for a capaian row: where it is and its figures."""
    label = kind_label(row.source_kind)
    if row.source_kind == SourceKind.INDICATOR_TABLE.value:
        label += f" {row.table_no}"
    parts = [f"{label}, {describe_place(row.page, row.line)}: {row.indicator_text!r}"]
    if row.target_value is not None or row.target_text:
        parts.append(f"target {figure_text(row.target_text, row.target_value)!r}")
    if row.realisasi_value is not None or row.realisasi_text:
        parts.append(f"realisasi {figure_text(row.realisasi_text, row.realisasi_value)!r}")
    if row.stated_pct is not None or row.pct_text:
        parts.append(f"capaian {figure_text(row.pct_text, row.stated_pct)!r}")
    return "; ".join(parts)


def place_of(row: PkTarget | Capaian) -> tuple[int | None, int | None]:
    """Return a row's (page, line)."""
    return row.page, row.line


def pk_evidence(row: PkTarget) -> str:
    """Return one line of evidence for a Perjanjian Kinerja row."""
    return (
        f"Perjanjian Kinerja row {row.row_no}, {describe_place(row.page, row.line)}: "
        f"{row.indicator_text!r}; target {row.target_text!r}"
    )


def indicator_label(code: str | None, text: str) -> str:
    """Return the indicator's code, or the start of its text when uncoded."""
    return code if code else repr(text[:80])


def norm_key(text: str | None) -> str:
    """Return text casefolded with runs of other than letters and digits made one space."""
    return re.sub(r"[^0-9a-z]+", " ", (text or "").casefold()).strip()
