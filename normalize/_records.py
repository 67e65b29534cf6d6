"""Normalised records: numbers parsed, indicators coded, flags raised.

These are what :mod:`lkip.schema` stores: one :class:`ReportRecords` per file.
Field names follow the DuckDB columns (see ``schema/ddl.sql``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from lkip.extract.model import SourceKind


def norm_key(text: str | None) -> str:
    """Return text casefolded with runs of other than letters and digits made one space."""
    return re.sub(r"[^0-9a-z]+", " ", (text or "").casefold()).strip()


def indicator_key(code: str | None, text: str | None) -> str:
    """Return what identifies an indicator within a report: its code, else ``text:`` and its normalised text."""
    return code if code else f"text:{norm_key(text)}"


class Status(StrEnum):
    """How well a file was understood."""

    OK = "ok"
    PARTIAL = "partial"
    FAILED = "failed"


class Severity(StrEnum):
    """How serious a flag is."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class FlagKind(StrEnum):
    """Kinds of consistency flag."""

    PCT_MISMATCH = "pct_mismatch"
    SUMMARY_VS_TABLE = "summary_vs_table"
    PK_VS_CAPAIAN_TARGET = "pk_vs_capaian_target"
    COUNT_CLAIM = "count_claim"
    BUDGET_ARITHMETIC = "budget_arithmetic"
    MISSING_TABLE = "missing_table"
    UNMATCHED_INDICATOR = "unmatched_indicator"


@dataclass(frozen=True, slots=True)
class Report:
    """One ingested file (a row of ``reports``)."""

    report_id: str
    source_path: str
    file_sha256: str
    file_type: str
    pages: int | None
    satker: str | None
    level: str | None
    province: str | None
    regency: str | None
    year: int | None
    status: Status
    error: str | None
    parser_version: str
    ingested_at: datetime
    file_size: int | None = None
    seconds: float | None = None


@dataclass(frozen=True, slots=True)
class PkTarget:
    """One Perjanjian Kinerja indicator (a row of ``pk_targets``)."""

    row_no: int
    sasaran: str | None
    indicator_text: str
    indicator_code: str | None
    match_score: float | None
    target_value: float | None
    target_text: str
    target_unit: str | None
    page: int | None
    line: int | None
    method: str
    bbox: tuple[float, float, float, float] | None = None
    number_rule: str | None = None


@dataclass(frozen=True, slots=True)
class AttachedPkTarget(PkTarget):
    """A row of another office's PK attached to the report (a row of ``attached_pk_targets``).

    Attributes:
        office: The office that signs that PK as PIHAK PERTAMA, as printed.
    """

    office: str = ""


@dataclass(frozen=True, slots=True)
class Capaian:
    """One achievement row (a row of ``capaian``)."""

    source_kind: SourceKind
    row_no: int
    table_no: int
    indicator_text: str
    indicator_code: str | None
    match_score: float | None
    target_value: float | None
    target_text: str | None
    realisasi_value: float | None
    realisasi_text: str | None
    stated_pct: float | None
    pct_text: str | None
    computed_pct: float | None
    unit: str | None
    page: int | None
    line: int | None
    method: str
    bbox: tuple[float, float, float, float] | None = None
    indicator_key: str = ""  # the code, else "text:" and the normalised text (one results row per key)

    def __post_init__(self) -> None:
        if not self.indicator_key:
            object.__setattr__(self, "indicator_key", indicator_key(self.indicator_code, self.indicator_text))


@dataclass(frozen=True, slots=True)
class Budget:
    """The office's own budget (a row of ``budget``)."""

    pagu: float | None
    realisasi: float | None
    stated_pct: float | None
    computed_pct: float | None
    page: int | None
    line: int | None
    source_text: str = ""


@dataclass(frozen=True, slots=True)
class Flag:
    """A consistency problem found in a report, with its evidence (a row of ``flags``)."""

    kind: FlagKind
    severity: Severity
    indicator_code: str | None
    message: str
    expected: str | None
    found: str | None
    page: int | None
    line: int | None
    evidence: str
    indicator_key: str | None = None  # the flagged capaian row's key (see Capaian), when one row is flagged


@dataclass(frozen=True, slots=True)
class ReportTable:
    """One entry of a report's table inventory (a row of ``report_tables``)."""

    table_no: int
    kind: str
    title: str
    page: int | None
    line: int | None
    rows: int
    use: str
    reason: str


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """An indicator text that did not match the catalogue well enough (``review_queue``)."""

    indicator_text: str
    best_code: str | None
    best_score: float | None
    candidates: str  # JSON list of {"code", "score"}, best first


@dataclass(frozen=True, slots=True)
class MetaEvidence:
    """Where one metadata field came from (a row of ``report_meta_evidence``)."""

    field: str
    page: int | None
    line: int | None
    source_text: str


@dataclass(frozen=True, slots=True)
class ReportRecords:
    """Everything stored for one file."""

    report: Report
    pk: tuple[PkTarget, ...] = ()
    capaian: tuple[Capaian, ...] = ()
    budget: Budget | None = None
    flags: tuple[Flag, ...] = ()
    attached_pk: tuple[AttachedPkTarget, ...] = ()
    tables: tuple[ReportTable, ...] = ()
    review: tuple[ReviewItem, ...] = ()
    meta_evidence: tuple[MetaEvidence, ...] = field(default=())
