"""Consistency checks: find where a report's stated numbers do not add up.

:func:`check_report` takes one report's normalised records and returns
:class:`~lkip.normalize._records.Flag` rows, each with the figures on both sides,
where they were printed (page or line) and the text they came from. Printed
precision is always allowed for (see :mod:`lkip.normalize._pct`): a flag means the
figures cannot agree under any rounding or truncation of the digits shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from lkip.extract.model import RawCountClaim, SourceKind
from lkip.figures import (
    Formula,
    format_figure,
    pct_fits,
    point_pct,
    values_agree,
)
from lkip.normalize._check_base import HIGHER_IS_BETTER as HIGHER_IS_BETTER
from lkip.normalize._check_base import (
    CheckSettings,
    describe_place,
    figure_text,
    formulas_for,
    indicator_label,
    kind_label,
    pk_evidence,
    place_of,
    row_evidence,
)
from lkip.normalize._claims import check_count_claims
from lkip.normalize._records import Budget, Capaian, Flag, FlagKind, PkTarget, Severity, norm_key


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


def _formulas(
    code: str | None, directions: Mapping[str, str], s: CheckSettings
) -> tuple[Formula, ...]:
    direction = directions.get(code) if code else None
    return formulas_for(direction, inverse_when_unknown=s.inverse_when_direction_unknown)


def chosen_rows(rows: Iterable[Capaian]) -> dict[str, Capaian]:
    """Return, per indicator key, the table row a report's results use: the main table's, else the first other.

    The same choice as the ``results`` view: main table first, then table and row order.
    """
    ranked = sorted((r for r in rows if r.source_kind in (SourceKind.MAIN_TABLE, SourceKind.INDICATOR_TABLE)),
                    key=lambda r: (r.source_kind != SourceKind.MAIN_TABLE, r.table_no, r.row_no))
    out: dict[str, Capaian] = {}
    for row in ranked:
        out.setdefault(row.indicator_key, row)
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
        if pct_fits(row.target_value, row.target_text, row.realisasi_value, row.realisasi_text,
                    row.stated_pct, row.pct_text, formulas, exact_integers=s.exact_integers) is not None:
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
    stated = figure_text(row.pct_text, row.stated_pct)
    computed = ", ".join(f"{f.value} = {format_figure(v)}%" for f, v in tried)
    direction = directions.get(row.indicator_code or "", "unknown direction")
    if len(tried) > 1:
        message = (
            f"{kind_label(row.source_kind)} states capaian {stated} for "
            f"{indicator_label(row.indicator_code, row.indicator_text)} ({direction}), but no formula "
            f"gives it at the precision shown: {computed}."
        )
    else:
        real, target = (
            figure_text(row.realisasi_text, row.realisasi_value),
            figure_text(row.target_text, row.target_value),
        )
        message = (
            f"{kind_label(row.source_kind)} states capaian {stated} for "
            f"{indicator_label(row.indicator_code, row.indicator_text)}, but {real} / {target} "
            f"x 100 = {format_figure(standard)}% (rounding and truncation allowed for)."
        )
    severity = Severity.ERROR if best > s.error_pct_points else Severity.WARNING
    expected, evidence = f"{format_figure(standard)}%", row_evidence(row)
    kind, code = FlagKind.PCT_MISMATCH, row.indicator_code
    return Flag(kind, severity, code, message, expected, stated, row.page, row.line, evidence, row.indicator_key)


# ---------------------------------------------------------------- summary vs table

_FIELDS = (
    ("target", "target_value", "target_text"),
    ("realisasi", "realisasi_value", "realisasi_text"),
    ("capaian %", "stated_pct", "pct_text"),
)


def check_summary_vs_table(capaian: Sequence[Capaian], s: CheckSettings) -> list[Flag]:
    """Return a ``summary_vs_table`` flag per field where a report's tables or summary disagree.

    Each indicator's row in the results (the main table's, else the first per-indicator
    table's; see :func:`chosen_rows`) is compared, field by field, with every other row
    of the same indicator (code, else normalised text): the executive summary's, the
    per-indicator tables', a second summary table's.
    """
    chosen = chosen_rows(capaian)
    flags = []
    for row in capaian:
        ref = chosen.get(row.indicator_key)
        if ref is None or ref is row or (row.source_kind, row.table_no) == (ref.source_kind, ref.table_no):
            continue
        label = indicator_label(row.indicator_code, row.indicator_text)
        for name, value_attr, text_attr in _FIELDS:
            a, b = getattr(row, value_attr), getattr(ref, value_attr)
            if a is None or b is None:
                continue
            a_text, b_text = getattr(row, text_attr), getattr(ref, text_attr)
            ulps = s.pct_ulps if value_attr == "stated_pct" else s.value_ulps
            if values_agree(a, a_text, b, b_text, ulps=ulps):
                continue
            want, got = figure_text(b_text, b), figure_text(a_text, a)
            message = (
                f"{name.capitalize()} of {label}: the {_table_label(row)} "
                f"({describe_place(row.page, row.line)}) gives {got}, the {_table_label(ref)} "
                f"({describe_place(ref.page, ref.line)}), whose row the results use, gives {want}."
            )
            evidence = f"{row_evidence(row)} | {row_evidence(ref)}"
            kind, code, sev = FlagKind.SUMMARY_VS_TABLE, row.indicator_code, Severity.WARNING
            flags.append(Flag(kind, sev, code, message, want, got, row.page, row.line, evidence, row.indicator_key))
    return flags


def _table_label(row: Capaian) -> str:
    label = kind_label(row.source_kind)
    return f"{label} {row.table_no}" if row.source_kind != SourceKind.EXECUTIVE_SUMMARY and row.table_no > 1 else label


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
            ref_text = figure_text(ref.target_text, ref.target_value)
            message = (
                f"Target of {row.indicator_code}: the Perjanjian Kinerja "
                f"({describe_place(row.page, row.line)}) sets {row.target_text}, the "
                f"{kind_label(ref.source_kind)} ({describe_place(ref.page, ref.line)}) uses {ref_text}."
            )
            evidence = f"{pk_evidence(row)} | {row_evidence(ref)}"
            kind, code, sev = FlagKind.PK_VS_CAPAIAN_TARGET, row.indicator_code, Severity.WARNING
            flags.append(Flag(kind, sev, code, message, row.target_text, ref_text, *place_of(row), evidence))
    return flags


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
        if pct_fits(budget.pagu, text, budget.realisasi, text, budget.stated_pct, text,
                    exact_integers=s.exact_integers) is None:
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
        key = norm_key(row.indicator_text)
        if row.indicator_code or key in seen:
            continue
        seen.add(key)
        place = "Perjanjian Kinerja" if isinstance(row, PkTarget) else kind_label(row.source_kind)
        message = (
            f"Indicator not matched to the catalogue ({place}, {describe_place(row.page, row.line)}): "
            f"{row.indicator_text!r}; it is in the review queue."
        )
        evidence = pk_evidence(row) if isinstance(row, PkTarget) else row_evidence(row)
        kind, sev = FlagKind.UNMATCHED_INDICATOR, Severity.INFO
        flags.append(
            Flag(kind, sev, None, message, "a catalogue code", "none", *place_of(row), evidence)
        )
    return flags
