"""Count claims: check "N indikator / N sasaran" style claims against the report's tables.

:func:`check_count_claims` compares what the executive summary and BAB III claim (how
many indicators and sasaran, how many reached target, the overall capaian) with what
the Perjanjian Kinerja and capaian rows hold, allowing every reasonable way of counting.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from lkip.extract.model import RawCountClaim, SourceKind
from lkip.figures import Formula, format_figure, point_pct, stated_interval
from lkip.normalize._check_base import LOWER_IS_BETTER, CheckSettings, describe_place
from lkip.normalize._records import Capaian, Flag, FlagKind, PkTarget, Severity, indicator_key, norm_key


def _rows_for_counting(capaian: Sequence[Capaian]) -> list[Capaian]:
    rows = [r for r in capaian if r.source_kind == SourceKind.MAIN_TABLE]
    if rows:
        return rows
    seen: set[str] = set()
    out = []
    for r in capaian:
        key = r.indicator_key
        if r.source_kind == SourceKind.INDICATOR_TABLE and key not in seen:
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
    summary = [r for r in capaian if r.source_kind == SourceKind.EXECUTIVE_SUMMARY]
    flags = []
    for claim in claims:
        verdict = _judge_claim(claim, pk, rows, summary, directions, s)
        if verdict is None:
            continue
        expected, detail = verdict
        message = (
            f"The report claims {format_figure(claim.value)} for {claim.subject} "
            f"({describe_place(claim.where.page, claim.where.line)}), but {detail}."
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
            counts["the PK table"] = len({indicator_key(r.indicator_code, r.indicator_text) for r in pk})
        if rows:
            counts["the capaian table"] = len({r.indicator_key for r in rows})
        if not counts:
            return None
        if any(value == n for n in counts.values()):
            return _summary_omissions(value, pk, rows, summary, s)
        detail = " and ".join(f"{where} has {n} indicators" for where, n in counts.items())
        return " / ".join(str(n) for n in counts.values()), detail
    if claim.subject == "sasaran":
        sasaran = {norm_key(r.sasaran) for r in pk if r.sasaran}
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
    listed = {r.indicator_key for r in summary}
    if not listed or len(listed) >= value or len(listed) < s.summary_list_min_share * value:
        return None
    places: dict[str, str] = {}
    for r in [*pk, *rows]:
        if r.indicator_code and r.indicator_code not in listed and r.indicator_code not in places:
            places[r.indicator_code] = f"{r.indicator_code} ({describe_place(r.page, r.line)})"
    missing = ", ".join(places.values()) or "indicators without a catalogue code"
    return (
        f"{len(listed)} listed",
        f"the executive summary gives figures for only {len(listed)} indicators; "
        f"not listed: {missing}",
    )
