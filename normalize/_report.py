"""Turn one file's raw extraction into normalised, coded records."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from lkip.extract.model import Extraction, RawBudget, RawCapaianRow, RawPkRow
from lkip.figures import compute_pct, parse_number
from lkip.normalize._check_base import formulas_for
from lkip.normalize._records import (
    AttachedPkTarget,
    Budget,
    Capaian,
    MetaEvidence,
    PkTarget,
    ReportTable,
    ReviewItem,
)
from lkip.normalize._scale import settle_scales
from lkip.normalize.catalogue import Catalogue, Match, Outcome, match_indicator


@dataclass(frozen=True, slots=True)
class Normalized:
    """The normalised content of one report (everything but the ``reports`` row and flags)."""

    pk: tuple[PkTarget, ...] = ()
    capaian: tuple[Capaian, ...] = ()
    budget: Budget | None = None
    review: tuple[ReviewItem, ...] = ()
    meta_evidence: tuple[MetaEvidence, ...] = field(default=())
    attached_pk: tuple[AttachedPkTarget, ...] = ()
    tables: tuple[ReportTable, ...] = ()


class _Matcher:
    """Match indicator texts once each and collect the review queue."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.seen: dict[tuple[str, str | None], Match] = {}
        self.review: dict[str, ReviewItem] = {}

    def match(self, text: str, unit: str | None) -> Match:
        key = (text, unit)
        if key not in self.seen:
            m = match_indicator(text, self.catalogue, unit=unit)
            self.seen[key] = m
            if m.outcome is Outcome.REVIEW and text not in self.review:
                self.review[text] = ReviewItem(
                    indicator_text=text,
                    best_code=m.candidates[0][0] if m.candidates else None,
                    best_score=m.candidates[0][1] if m.candidates else m.score,
                    candidates=json.dumps(
                        [{"code": c, "score": round(s, 1)} for c, s in m.candidates],
                        ensure_ascii=False,
                    ),
                )
        return self.seen[key]

    def measure_of(self, m: Match) -> str | None:
        ind = self.catalogue.get(m.code) if m.code else None
        return ind.measure if ind else None


def _pk_target(row: RawPkRow, matcher: _Matcher) -> PkTarget:
    unit_hint = row.unit_text or parse_number(row.target_text).unit
    m = matcher.match(row.indicator_text, unit_hint)
    num = parse_number(row.target_text, measure=matcher.measure_of(m), decimal_mark=row.decimal_mark)
    return PkTarget(
        row_no=row.row_no,
        sasaran=row.sasaran,
        indicator_text=row.indicator_text,
        indicator_code=m.code,
        match_score=round(m.score, 2),
        target_value=num.value,
        target_text=row.target_text,
        target_unit=row.unit_text or num.unit,
        page=row.where.page,
        line=row.where.line,
        method=row.where.method,
        bbox=row.where.bbox,
        number_rule=num.rule,
    )


def _capaian(row: RawCapaianRow, matcher: _Matcher) -> Capaian:
    target_unit = parse_number(row.target_text).unit if row.target_text else None
    m = matcher.match(row.indicator_text, row.unit_text or target_unit)
    measure = matcher.measure_of(m)
    mark = row.decimal_mark
    target = parse_number(row.target_text, measure=measure, decimal_mark=mark)
    realisasi = parse_number(row.realisasi_text, measure=measure, decimal_mark=mark)
    pct = parse_number(row.pct_text, measure="percent", decimal_mark=mark) if row.pct_text else None
    ind = matcher.catalogue.get(m.code) if m.code else None
    formulas = formulas_for(ind.direction if ind else None)
    target_value, realisasi_value, pct_value = settle_scales(target, realisasi, pct, formulas)
    return Capaian(
        source_kind=row.source_kind,
        row_no=row.row_no,
        table_no=row.table_no,
        indicator_text=row.indicator_text,
        indicator_code=m.code,
        match_score=round(m.score, 2),
        target_value=target_value,
        target_text=row.target_text,
        realisasi_value=realisasi_value,
        realisasi_text=row.realisasi_text,
        stated_pct=pct_value,
        pct_text=row.pct_text,
        computed_pct=compute_pct(realisasi_value, target_value),
        unit=row.unit_text or target.unit or realisasi.unit,
        page=row.where.page,
        line=row.where.line,
        method=row.where.method,
        bbox=row.where.bbox,
    )


def _budget(raw: RawBudget) -> Budget:
    pagu = parse_number(raw.pagu_text, measure="money").value
    realisasi = parse_number(raw.realisasi_text, measure="money").value
    pct = parse_number(raw.pct_text, measure="percent").value if raw.pct_text else None
    return Budget(
        pagu=pagu,
        realisasi=realisasi,
        stated_pct=pct,
        computed_pct=compute_pct(realisasi, pagu),
        page=raw.where.page,
        line=raw.where.line,
        source_text=raw.where.source_text,
    )


def normalize_extraction(extraction: Extraction, catalogue: Catalogue) -> Normalized:
    """Given a raw extraction and a catalogue, return parsed, coded records and the review queue."""
    matcher = _Matcher(catalogue)
    pk = tuple(_pk_target(r, matcher) for r in extraction.pk)
    others = _Matcher(catalogue)  # other offices' indicators: coded, never sent to the review queue
    attached = tuple(AttachedPkTarget(**asdict(_pk_target(r, others)), office=r.office or "")
                     for r in extraction.other_pk)
    capaian = tuple(_capaian(r, matcher) for r in extraction.capaian)
    budget = _budget(extraction.budget) if extraction.budget else None
    evidence = tuple(
        MetaEvidence(name, p.page, p.line, p.source_text)
        for name, p in extraction.meta.evidence.items()
    )
    tables = tuple(ReportTable(t.table_no, t.kind, t.title, t.where.page, t.where.line, t.rows, t.use.value, t.reason)
                   for t in extraction.tables)
    return Normalized(pk, capaian, budget, tuple(matcher.review.values()), evidence, attached, tables)
