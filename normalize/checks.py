"""Consistency checks: find where a report's stated numbers do not add up.

:func:`check_report` takes one report's normalised records and returns
:class:`~lkip.normalize._records.Flag` rows, each with the figures on both sides,
where they were printed (page or line) and the text they came from. Printed
precision is always allowed for (see :mod:`lkip.normalize._pct`): a flag means the
figures cannot agree under any rounding or truncation of the digits shown.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lkip.errors import ConfigError
from lkip.extract._records import RawCountClaim, SourceKind
from lkip.normalize._pct import (
    LOWER_IS_BETTER_FORMULAS,
    Formula,
    format_figure,
    match_formula,
    point_pct,
    stated_interval,
    value_interval,
    values_agree,
)
from lkip.normalize._records import Budget, Capaian, Flag, FlagKind, PkTarget, Severity

LOWER_IS_BETTER = "lower_is_better"
HIGHER_IS_BETTER = "higher_is_better"


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


def check_report(
    pk: Sequence[PkTarget],
    capaian: Sequence[Capaian],
    budget: Budget | None,
    claims: Sequence[RawCountClaim],
    *,
    directions: Mapping[str, str] | None = None,
    pk_table_found: bool = True,
    capaian_table_found: bool = True,
    settings: CheckSettings | Mapping[str, Any] | None = None,
) -> list[Flag]:
    """Run every consistency check on one report's records and return the flags.

    Args:
        pk: Perjanjian Kinerja rows.
        capaian: Achievement rows of every source kind.
        budget: The office's own budget, if found.
        claims: Count claims of the executive summary and BAB III.
        directions: ``indicator_code -> 'higher_is_better' | 'lower_is_better'``.
        pk_table_found: Whether the extractor located a PK table.
        capaian_table_found: Whether the extractor located a capaian table.
        settings: Thresholds (defaults when None).

    Returns:
        Flags in a stable order: missing tables, percentages, summary vs table,
        PK vs capaian, count claims, budget, unmatched indicators.

    """
    s = CheckSettings.resolve(settings)
    directions = directions or {}
    return [
        *check_missing_tables(pk_table_found, capaian_table_found),
        *check_percentages(capaian, directions, s),
        *check_summary_vs_table(capaian, s),
        *check_pk_vs_capaian(pk, capaian, s),
        *check_count_claims(claims, pk, capaian, directions, s),
        *check_budget(budget, s),
        *check_unmatched(pk, capaian, s),
    ]


# ---------------------------------------------------------------- helpers


def _where(page: int | None, line: int | None) -> str:
    if page is not None and line is not None:
        return f"page {page} line {line}"
    if page is not None:
        return f"page {page}"
    if line is not None:
        return f"line {line}"
    return "unknown place"


def _text(text: str | None, value: float | None) -> str:
    return text if text is not None else format_figure(value, 6)


def _kind_label(source_kind: str) -> str:
    return {
        SourceKind.MAIN_TABLE.value: "BAB III summary table",
        SourceKind.INDICATOR_TABLE.value: "per-indicator table",
        SourceKind.EXECUTIVE_SUMMARY.value: "executive summary",
    }.get(str(source_kind), str(source_kind))


def _row_evidence(row: Capaian) -> str:
    label = _kind_label(row.source_kind)
    if row.source_kind == SourceKind.INDICATOR_TABLE.value:
        label += f" {row.table_no}"
    parts = [f"{label}, {_where(row.page, row.line)}: {row.indicator_text!r}"]
    if row.target_value is not None or row.target_text:
        parts.append(f"target {_text(row.target_text, row.target_value)!r}")
    if row.realisasi_value is not None or row.realisasi_text:
        parts.append(f"realisasi {_text(row.realisasi_text, row.realisasi_value)!r}")
    if row.stated_pct is not None or row.pct_text:
        parts.append(f"capaian {_text(row.pct_text, row.stated_pct)!r}")
    return "; ".join(parts)


def _at(row: PkTarget | Capaian) -> tuple[int | None, int | None]:
    return row.page, row.line


def _pk_evidence(row: PkTarget) -> str:
    return (
        f"Perjanjian Kinerja row {row.row_no}, {_where(row.page, row.line)}: "
        f"{row.indicator_text!r}; target {row.target_text!r}"
    )


def _label(code: str | None, text: str) -> str:
    return code if code else repr(text[:80])


def _norm(text: str | None) -> str:
    return re.sub(r"[^0-9a-z]+", " ", (text or "").casefold()).strip()


def _formulas(
    code: str | None, directions: Mapping[str, str], s: CheckSettings
) -> tuple[Formula, ...]:
    direction = directions.get(code) if code else None
    if direction == LOWER_IS_BETTER:
        return LOWER_IS_BETTER_FORMULAS
    if direction is None and s.inverse_when_direction_unknown:
        return LOWER_IS_BETTER_FORMULAS
    return (Formula.STANDARD,)


def _first_by_code(rows: Iterable[Capaian], kind: SourceKind) -> dict[str, Capaian]:
    out: dict[str, Capaian] = {}
    for row in rows:
        if row.source_kind == kind.value and row.indicator_code and row.indicator_code not in out:
            out[row.indicator_code] = row
    return out


# ---------------------------------------------------------------- missing tables


def check_missing_tables(pk_table_found: bool, capaian_table_found: bool) -> list[Flag]:
    """Return a ``missing_table`` flag for each of the PK and capaian tables not found."""
    tables = (
        (pk_table_found, "No Perjanjian Kinerja (PK) table was found.", "a PK table"),
        (
            capaian_table_found,
            "No BAB III capaian (achievement) table was found.",
            "a capaian table",
        ),
    )
    kind, sev = FlagKind.MISSING_TABLE, Severity.WARNING
    return [
        Flag(kind, sev, None, msg, want, "none", None, None, "")
        for ok, msg, want in tables
        if not ok
    ]


# ---------------------------------------------------------------- stated percentages


def check_percentages(
    capaian: Sequence[Capaian], directions: Mapping[str, str], s: CheckSettings
) -> list[Flag]:
    """Return a ``pct_mismatch`` flag for each row whose stated % no formula and rounding explain.

    Rows of every source kind are checked; rows missing a figure, or with target 0,
    are skipped (nothing can be said).
    """
    flags = []
    for row in capaian:
        if row.stated_pct is None or row.target_value is None or row.realisasi_value is None:
            continue
        if row.target_value == 0:
            continue
        formulas = _formulas(row.indicator_code, directions, s)
        realisasi = value_interval(
            row.realisasi_value, row.realisasi_text, exact_integers=s.exact_integers
        )
        target = value_interval(row.target_value, row.target_text, exact_integers=s.exact_integers)
        stated = stated_interval(row.stated_pct, row.pct_text)
        if match_formula(realisasi, target, stated, formulas) is not None:
            continue
        flags.append(_pct_flag(row, formulas, directions, s))
    return flags


def _pct_flag(
    row: Capaian, formulas: Sequence[Formula], directions: Mapping[str, str], s: CheckSettings
) -> Flag:
    assert (
        row.stated_pct is not None
        and row.target_value is not None
        and row.realisasi_value is not None
    )
    tried = [(f, point_pct(row.realisasi_value, row.target_value, f)) for f in formulas]
    tried = [(f, v) for f, v in tried if v is not None]
    best = min((abs(v - row.stated_pct) for _, v in tried), default=0.0)
    standard = point_pct(row.realisasi_value, row.target_value, Formula.STANDARD)
    stated = _text(row.pct_text, row.stated_pct)
    computed = ", ".join(f"{f.value} = {format_figure(v)}%" for f, v in tried)
    direction = directions.get(row.indicator_code or "", "unknown direction")
    if len(tried) > 1:
        message = (
            f"{_kind_label(row.source_kind)} states capaian {stated} for "
            f"{_label(row.indicator_code, row.indicator_text)} ({direction}), but no formula "
            f"gives it at the precision shown: {computed}."
        )
    else:
        real, target = (
            _text(row.realisasi_text, row.realisasi_value),
            _text(row.target_text, row.target_value),
        )
        message = (
            f"{_kind_label(row.source_kind)} states capaian {stated} for "
            f"{_label(row.indicator_code, row.indicator_text)}, but {real} / {target} "
            f"x 100 = {format_figure(standard)}% (rounding and truncation allowed for)."
        )
    severity = Severity.ERROR if best > s.error_pct_points else Severity.WARNING
    expected, evidence = f"{format_figure(standard)}%", _row_evidence(row)
    kind, code = FlagKind.PCT_MISMATCH, row.indicator_code
    return Flag(kind, severity, code, message, expected, stated, row.page, row.line, evidence)


# ---------------------------------------------------------------- summary vs table

_FIELDS = (
    ("target", "target_value", "target_text"),
    ("realisasi", "realisasi_value", "realisasi_text"),
    ("capaian %", "stated_pct", "pct_text"),
)


def check_summary_vs_table(capaian: Sequence[Capaian], s: CheckSettings) -> list[Flag]:
    """Return a ``summary_vs_table`` flag per field that disagrees with the summary table.

    The executive summary's rows and the per-indicator tables' rows are compared, field
    by field, with the BAB III summary table's row of the same indicator code.
    """
    main = _first_by_code(capaian, SourceKind.MAIN_TABLE)
    flags = []
    for row in capaian:
        if row.source_kind == SourceKind.MAIN_TABLE.value or not row.indicator_code:
            continue
        ref = main.get(row.indicator_code)
        if ref is None:
            continue
        for name, value_attr, text_attr in _FIELDS:
            a, b = getattr(row, value_attr), getattr(ref, value_attr)
            if a is None or b is None:
                continue
            a_text, b_text = getattr(row, text_attr), getattr(ref, text_attr)
            ulps = s.pct_ulps if value_attr == "stated_pct" else s.value_ulps
            if values_agree(a, a_text, b, b_text, ulps=ulps):
                continue
            want, got = _text(b_text, b), _text(a_text, a)
            message = (
                f"{name.capitalize()} of {row.indicator_code}: the {_kind_label(row.source_kind)} "
                f"({_where(row.page, row.line)}) gives {got}, the BAB III summary table "
                f"({_where(ref.page, ref.line)}) gives {want}."
            )
            evidence = f"{_row_evidence(row)} | {_row_evidence(ref)}"
            kind, code, sev = FlagKind.SUMMARY_VS_TABLE, row.indicator_code, Severity.WARNING
            flags.append(Flag(kind, sev, code, message, want, got, row.page, row.line, evidence))
    return flags


# ---------------------------------------------------------------- PK vs capaian


def check_pk_vs_capaian(
    pk: Sequence[PkTarget], capaian: Sequence[Capaian], s: CheckSettings
) -> list[Flag]:
    """Return a ``pk_vs_capaian_target`` flag per PK target that a BAB III table does not use.

    Every BAB III table row with the same code is compared: the summary table's and
    each per-indicator table's (a report can agree in one and differ in another).
    """
    refs: dict[str, list[Capaian]] = {}
    for kind in (SourceKind.MAIN_TABLE, SourceKind.INDICATOR_TABLE):
        for ref in capaian:
            if ref.source_kind == kind.value and ref.indicator_code and ref.target_value is not None:
                refs.setdefault(ref.indicator_code, []).append(ref)
    flags = []
    for row in pk:
        if not row.indicator_code or row.target_value is None:
            continue
        seen: set[float] = set()
        for ref in refs.get(row.indicator_code, []):
            if ref.target_value in seen or values_agree(
                row.target_value, row.target_text, ref.target_value, ref.target_text, ulps=s.value_ulps
            ):
                continue
            seen.add(ref.target_value)
            ref_text = _text(ref.target_text, ref.target_value)
            message = (
                f"Target of {row.indicator_code}: the Perjanjian Kinerja "
                f"({_where(row.page, row.line)}) sets {row.target_text}, the "
                f"{_kind_label(ref.source_kind)} ({_where(ref.page, ref.line)}) uses {ref_text}."
            )
            evidence = f"{_pk_evidence(row)} | {_row_evidence(ref)}"
            kind, code, sev = FlagKind.PK_VS_CAPAIAN_TARGET, row.indicator_code, Severity.WARNING
            flags.append(Flag(kind, sev, code, message, row.target_text, ref_text, *_at(row), evidence))
    return flags


# ---------------------------------------------------------------- count claims


def _rows_for_counting(capaian: Sequence[Capaian]) -> list[Capaian]:
    rows = [r for r in capaian if r.source_kind == SourceKind.MAIN_TABLE.value]
    if rows:
        return rows
    seen: set[str] = set()
    out = []
    for r in capaian:
        key = r.indicator_code or _norm(r.indicator_text)
        if r.source_kind == SourceKind.INDICATOR_TABLE.value and key not in seen:
            seen.add(key)
            out.append(r)
    return out


def _class_by_figures(row: Capaian, directions: Mapping[str, str]) -> str | None:
    if row.target_value is None or row.realisasi_value is None:
        return None
    r, t = row.realisasi_value, row.target_value
    if directions.get(row.indicator_code or "") == LOWER_IS_BETTER:
        r, t = t, r
    return "above_target" if r > t else "at_target" if r == t else "below_target"


def _class_by_stated(row: Capaian) -> str | None:
    if row.stated_pct is None:
        return None
    p = row.stated_pct
    return "above_target" if p > 100 else "at_target" if p == 100 else "below_target"


def _count_ranges(classes: Sequence[str | None], subject: str) -> tuple[int, int]:
    known = sum(1 for c in classes if c == subject)
    unknown = sum(1 for c in classes if c is None)
    return known, known + unknown


def _row_pct(row: Capaian, directions: Mapping[str, str]) -> float | None:
    if row.target_value is None or row.realisasi_value is None:
        return None
    formula = (
        Formula.INVERSE_DIFF
        if directions.get(row.indicator_code or "") == LOWER_IS_BETTER
        else Formula.STANDARD
    )
    return point_pct(row.realisasi_value, row.target_value, formula)


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _overall_candidates(rows: Sequence[Capaian], directions: Mapping[str, str]) -> dict[str, float]:
    stated = [r.stated_pct for r in rows if r.stated_pct is not None]
    computed = [p for p in (_row_pct(r, directions) for r in rows) if p is not None]
    classes = [c for c in (_class_by_figures(r, directions) for r in rows) if c is not None]
    candidates = {
        "mean of stated capaian": _mean(stated),
        "mean of computed capaian": _mean(computed),
        "mean of stated capaian capped at 100": _mean([min(p, 100.0) for p in stated]),
        "mean of computed capaian capped at 100": _mean([min(p, 100.0) for p in computed]),
        "share of indicators reaching target": (
            100.0 * sum(c != "below_target" for c in classes) / len(classes) if classes else None
        ),
    }
    return {k: v for k, v in candidates.items() if v is not None}


def check_count_claims(
    claims: Sequence[RawCountClaim],
    pk: Sequence[PkTarget],
    capaian: Sequence[Capaian],
    directions: Mapping[str, str],
    s: CheckSettings,
) -> list[Flag]:
    """Return a ``count_claim`` flag per claim the PK and capaian rows clearly contradict.

    A claim is only flagged when no reasonable way of counting (PK or summary table,
    stated or computed capaian, rows with missing figures either way) gives it.
    """
    rows = _rows_for_counting(capaian)
    summary = [r for r in capaian if r.source_kind == SourceKind.EXECUTIVE_SUMMARY.value]
    flags = []
    for claim in claims:
        verdict = _judge_claim(claim, pk, rows, summary, directions, s)
        if verdict is None:
            continue
        expected, detail = verdict
        message = (
            f"The report claims {format_figure(claim.value)} for {claim.subject} "
            f"({_where(claim.where.page, claim.where.line)}), but {detail}."
        )
        where, found = claim.where, format_figure(claim.value)
        kind, sev = FlagKind.COUNT_CLAIM, Severity.WARNING
        flags.append(
            Flag(
                kind, sev, None, message, expected, found, where.page, where.line, where.source_text
            )
        )
    return flags


def _judge_claim(
    claim: RawCountClaim,
    pk: Sequence[PkTarget],
    rows: Sequence[Capaian],
    summary: Sequence[Capaian],
    directions: Mapping[str, str],
    s: CheckSettings,
) -> tuple[str, str] | None:
    """Return (expected, explanation) when the claim is contradicted, else None."""
    value = claim.value
    if claim.subject == "indicators":
        counts = {}
        if pk:
            counts["the PK table"] = len({r.indicator_code or _norm(r.indicator_text) for r in pk})
        if rows:
            counts["the capaian table"] = len(
                {r.indicator_code or _norm(r.indicator_text) for r in rows}
            )
        if not counts:
            return None
        if any(value == n for n in counts.values()):
            return _summary_omissions(value, pk, rows, summary, s)
        detail = " and ".join(f"{where} has {n} indicators" for where, n in counts.items())
        return " / ".join(str(n) for n in counts.values()), detail
    if claim.subject == "sasaran":
        sasaran = {_norm(r.sasaran) for r in pk if r.sasaran}
        if not sasaran or value == len(sasaran):
            return None
        return str(len(sasaran)), f"the PK table has {len(sasaran)} distinct sasaran"
    if claim.subject in ("above_target", "at_target", "below_target"):
        if not rows:
            return None
        ranges = [
            _count_ranges([_class_by_figures(r, directions) for r in rows], claim.subject),
            _count_ranges([_class_by_stated(r) for r in rows], claim.subject),
        ]
        ranges = [(lo, hi) for lo, hi in ranges if hi - lo < len(rows)]
        if not ranges or any(lo <= value <= hi for lo, hi in ranges):
            return None
        lo, hi = ranges[0]
        shown = str(lo) if lo == hi else f"{lo}-{hi}"
        words = claim.subject.replace("_", " ")
        return shown, f"the capaian table has {shown} of {len(rows)} indicators {words}"
    if claim.subject == "overall_pct":
        candidates = _overall_candidates(rows, directions)
        if not candidates:
            return None
        allowed = stated_interval(value, claim.where.source_text or None)
        lo, hi = allowed.lo - s.overall_pct_tolerance, allowed.hi + s.overall_pct_tolerance
        if any(lo <= v <= hi for v in candidates.values()):
            return None
        detail = "; ".join(f"{k} = {format_figure(v)}%" for k, v in candidates.items())
        first = next(iter(candidates.values()))
        return f"{format_figure(first)}%", f"the rows give {detail}"
    return None


def _summary_omissions(
    value: float,
    pk: Sequence[PkTarget],
    rows: Sequence[Capaian],
    summary: Sequence[Capaian],
    s: CheckSettings,
) -> tuple[str, str] | None:
    """Given a right indicator count, return a contradiction if the summary left one out.

    Only when the executive summary lists figures for most, but not all, of the indicators.
    """
    listed = {r.indicator_code or _norm(r.indicator_text) for r in summary}
    if not listed or len(listed) >= value or len(listed) < s.summary_list_min_share * value:
        return None
    places: dict[str, str] = {}
    for r in [*pk, *rows]:
        if r.indicator_code and r.indicator_code not in listed and r.indicator_code not in places:
            places[r.indicator_code] = f"{r.indicator_code} ({_where(r.page, r.line)})"
    missing = ", ".join(places.values()) or "indicators without a catalogue code"
    return (
        f"{len(listed)} listed",
        f"the executive summary gives figures for only {len(listed)} indicators; "
        f"not listed: {missing}",
    )


# ---------------------------------------------------------------- budget


def check_budget(budget: Budget | None, s: CheckSettings) -> list[Flag]:
    """Return ``budget_arithmetic`` flags: a % realisasi/pagu does not give, realisasi > pagu."""
    if budget is None or budget.pagu is None or budget.realisasi is None or budget.pagu <= 0:
        return []
    text = budget.source_text or None
    pagu_txt, real_txt = format_figure(budget.pagu, 2), format_figure(budget.realisasi, 2)
    kind, at, evidence = FlagKind.BUDGET_ARITHMETIC, (budget.page, budget.line), budget.source_text
    flags = []
    if budget.realisasi > budget.pagu:
        message = f"Budget realisasi Rp {real_txt} exceeds the pagu Rp {pagu_txt}."
        want = f"<= {pagu_txt}"
        flags.append(Flag(kind, Severity.WARNING, None, message, want, real_txt, *at, evidence))
    if budget.stated_pct is not None:
        realisasi = value_interval(budget.realisasi, text, exact_integers=s.exact_integers)
        pagu = value_interval(budget.pagu, text, exact_integers=s.exact_integers)
        stated = stated_interval(budget.stated_pct, text)
        if match_formula(realisasi, pagu, stated, (Formula.STANDARD,)) is None:
            computed = 100.0 * budget.realisasi / budget.pagu
            sev = Severity.WARNING
            if abs(computed - budget.stated_pct) > s.error_pct_points:
                sev = Severity.ERROR
            found = f"{format_figure(budget.stated_pct)}%"
            message = (
                f"Budget: realisasi Rp {real_txt} of pagu Rp {pagu_txt} is stated as {found}, but "
                f"realisasi/pagu x 100 = {format_figure(computed, 3)}% (rounding and truncation "
                "allowed for)."
            )
            want = f"{format_figure(computed)}%"
            flags.append(Flag(kind, sev, None, message, want, found, *at, evidence))
    return flags


# ---------------------------------------------------------------- unmatched indicators


def check_unmatched(
    pk: Sequence[PkTarget], capaian: Sequence[Capaian], s: CheckSettings
) -> list[Flag]:
    """Return an ``unmatched_indicator`` info flag per distinct uncoded indicator text.

    Only when the report's other rows did get catalogue codes (so the miss is worth a
    review); a report of another agency, with nothing coded, gets none.
    """
    rows: list[PkTarget | Capaian] = [*pk, *capaian]
    if not rows:
        return []
    coded = sum(1 for r in rows if r.indicator_code)
    if coded == 0 or coded / len(rows) < s.unmatched_min_coded_share:
        return []
    flags = []
    seen: set[str] = set()
    for row in rows:
        key = _norm(row.indicator_text)
        if row.indicator_code or key in seen:
            continue
        seen.add(key)
        place = "Perjanjian Kinerja" if isinstance(row, PkTarget) else _kind_label(row.source_kind)
        message = (
            f"Indicator not matched to the catalogue ({place}, {_where(row.page, row.line)}): "
            f"{row.indicator_text!r}; it is in the review queue."
        )
        evidence = _pk_evidence(row) if isinstance(row, PkTarget) else _row_evidence(row)
        kind, sev = FlagKind.UNMATCHED_INDICATOR, Severity.INFO
        flags.append(
            Flag(kind, sev, None, message, "a catalogue code", "none", *_at(row), evidence)
        )
    return flags
