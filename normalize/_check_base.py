"""Shared pieces of the consistency checks: direction names, row keys and evidence text.

Used by :mod:`lkip.normalize.checks` and :mod:`lkip.normalize._claims` to say where a
figure was printed and how a row reads, the same way in every flag.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from lkip.errors import ConfigError
from lkip.extract.model import SourceKind
from lkip.figures import LOWER_IS_BETTER_FORMULAS, Formula, format_figure
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


def kind_label(source_kind: SourceKind | str) -> str:
    """Return a reader's name for a capaian row's source kind."""
    return {
        SourceKind.MAIN_TABLE: "BAB III summary table",
        SourceKind.INDICATOR_TABLE: "per-indicator table",
        SourceKind.EXECUTIVE_SUMMARY: "executive summary",
    }.get(str(source_kind), str(source_kind))


def row_evidence(row: Capaian) -> str:
    """Return one line of evidence for a capaian row: where it is and its figures."""
    label = kind_label(row.source_kind)
    if row.source_kind == SourceKind.INDICATOR_TABLE:
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


def formulas_for(direction: str | None, *, inverse_when_unknown: bool = True) -> tuple[Formula, ...]:
    """Return the formulas a stated % may follow for an indicator of this direction (None: unknown)."""
    if direction == LOWER_IS_BETTER or (direction is None and inverse_when_unknown):
        return LOWER_IS_BETTER_FORMULAS
    return (Formula.STANDARD,)


def indicator_label(code: str | None, text: str) -> str:
    """Return the indicator's code, or the start of its text when uncoded."""
    return code if code else repr(text[:80])


@dataclass(frozen=True, slots=True)
class CheckSettings:
    """Thresholds of the consistency checks.

    Attributes:
        exact_integers: Figures printed without decimals are exact (counts, set
            targets); otherwise "75" stands for 74.5-75.5 like "75,0" for 74.95-75.05.
        inverse_when_direction_unknown: Accept the lower-is-better formulas for
            indicators whose direction is unknown (uncoded indicators of other agencies).
        error_pct_points: A percentage off by more than this many points is an
            ``error``; a smaller miss is a ``warning``.
        value_ulps: Target/realisasi figures of two places agree when they differ by at
            most this many units of the coarser precision shown.
        pct_ulps: The same for stated percentages (1 allows truncation vs rounding).
        overall_pct_tolerance: Points by which a claimed overall capaian may miss
            every way of averaging the rows before it is flagged.
        unmatched_min_coded_share: Uncoded rows are review items only when at least
            this share of the report's rows got a catalogue code.
        summary_list_min_share: A right indicator count is still contradicted when the
            executive summary lists figures for at least this share of the indicators,
            but not all (it left some out); below it the list is taken as a selection.

    """

    exact_integers: bool = True
    inverse_when_direction_unknown: bool = True
    error_pct_points: float = 5.0
    value_ulps: float = 0.5
    pct_ulps: float = 1.0
    overall_pct_tolerance: float = 0.5
    unmatched_min_coded_share: float = 0.5
    summary_list_min_share: float = 0.75

    def __post_init__(self) -> None:
        for name in ("error_pct_points", "value_ulps", "pct_ulps", "overall_pct_tolerance"):
            if getattr(self, name) < 0:
                raise ConfigError(f"check setting {name} must be >= 0, got {getattr(self, name)}")
        for name in ("unmatched_min_coded_share", "summary_list_min_share"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ConfigError(
                    f"check setting {name} must be between 0 and 1, got {getattr(self, name)}"
                )

    @classmethod
    def resolve(cls, value: CheckSettings | Mapping[str, Any] | None) -> CheckSettings:
        """Return settings from nothing (defaults), an instance, or a mapping of overrides.

        Raises:
            ConfigError: A key is not a setting or a value is out of range.

        """
        if value is None:
            return cls()
        if isinstance(value, cls):
            return value
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(value) - known)
        if unknown:
            raise ConfigError(
                f"unknown check setting(s): {', '.join(unknown)}; known: {sorted(known)}"
            )
        return cls(**dict(value))
