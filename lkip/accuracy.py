"""Accuracy of extraction against hand-checked expectations (``../shared/corpus`` format).

Ingests a set of inputs into a database, then compares, per report, the stored
rows with ``<stem>.json``: metadata fields, PK targets, capaian target /
realisasi / stated %, executive-summary claims (each with its catalogue code),
budget and flags. Rows are paired by catalogue code, else by indicator text (fuzzy).
"""

from __future__ import annotations

import json
import math
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from lkip.pipeline import IngestOptions, ingest
from lkip.schema import queries
from lkip.schema.store import Store, open_store

META_FIELDS = ("satker", "level", "province", "regency", "year")
#: Expected-JSON section -> (fields compared, JSON key of each field, DB column of each field)
SECTIONS = {
    "pk": (("target",), ("target_value",)),
    "capaian": (("target", "realisasi", "stated_pct"), ("target_value", "realisasi_value", "stated_pct")),
    "summary_claims": (("target", "realisasi"), ("target_value", "realisasi_value")),
}
TEXT_MATCH_MIN = 80.0


@dataclass(slots=True)
class Score:
    """True positives, false positives and false negatives of compared fields."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Score) -> None:
        """Add another score to this one."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        """Share of extracted fields that are right."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """Share of expected fields extracted right."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class ReportScore:
    """The comparison of one report with its expectation."""

    name: str
    found: bool
    sections: dict[str, Score] = field(default_factory=dict)
    meta_right: dict[str, bool] = field(default_factory=dict)
    meta_found: dict[str, Any] = field(default_factory=dict)
    budget_right: bool | None = None
    flags_expected: list[str] = field(default_factory=list)
    flags_found: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    kind: str = ""  # the document kind and how it was read: "lkip, born-digital PDF", "pk_document, scanned PDF"

    @property
    def fields(self) -> Score:
        """PK + capaian fields together (the headline figure)."""
        total = Score()
        for name in ("pk", "capaian"):
            total.add(self.sections.get(name, Score()))
        return total


def same_number(a: float | None, b: float | None) -> bool:
    """Return whether two figures are equal (to 1e-6 relative)."""
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def _pair_rows(expected: list[dict], got: list[dict], text_key: str) -> list[tuple[dict, dict | None]]:
    """Pair expected rows with extracted ones: by code first, then by indicator text."""
    free = list(range(len(got)))
    pairs: list[tuple[dict, dict | None]] = []
    pending = []
    for exp in expected:
        code = exp.get("code")
        idx = next((i for i in free if code and got[i]["indicator_code"] == code), None)
        if idx is None:
            pending.append(exp)
            continue
        free.remove(idx)
        pairs.append((exp, got[idx]))
    for exp in pending:
        text = exp.get(text_key) or ""
        best, best_score = None, TEXT_MATCH_MIN
        for i in free:  # in document order: a tie goes to the earlier row
            s = fuzz.token_set_ratio(text.lower(), (got[i]["indicator_text"] or "").lower())
            if s > best_score or (best is None and s == best_score):
                best, best_score = i, s
        if best is not None:
            free.remove(best)
        pairs.append((exp, got[best] if best is not None else None))
    pairs.extend(({}, got[i]) for i in free)
    return pairs


def score_section(
    expected: list[dict],
    got: list[dict],
    keys: Sequence[str],
    cols: Sequence[str],
    text_key: str,
    misses: list[str],
    section: str,
) -> Score:
    """Score one section's fields: an expected field right is a TP, wrong or missing an FN.

    The catalogue code counts as a field too: a row with the right figures but no
    (or a wrong) code is not usable across reports.
    """
    score = Score()
    for exp, row in _pair_rows(expected, got, text_key):
        for key, col in zip((*keys, "code"), (*cols, "indicator_code"), strict=True):
            want = exp.get(key) if exp else None
            have = row.get(col) if row else None
            if want is None and have is None:
                continue
            if want is not None and have is not None and (want == have if key == "code" else same_number(want, have)):
                score.tp += 1
                continue
            if want is not None:
                score.fn += 1
            if have is not None:
                score.fp += 1
            where = f"line {exp.get('line')}" if exp.get("line") else f"page {exp.get('page')}" if exp else ""
            label = (
                (exp.get("code") or (exp.get(text_key) or "")[:40])
                if exp
                else (row or {}).get("indicator_text", "")[:40]
            )
            misses.append(f"{section} {label} {key}: expected {want} got {have} ({where})")
    return score


def score_report(store: Store, report_id: str | None, expected: dict, name: str) -> ReportScore:
    """Compare one stored report with its expected JSON."""
    result = ReportScore(name=name, found=report_id is not None)
    if report_id is None:
        return result
    rep = queries.report_dicts(store, "report_kinds", report_id)[0]
    for f in META_FIELDS:
        result.meta_found[f] = rep[f]
        result.meta_right[f] = (str(rep[f]).lower() if rep[f] is not None else None) == (
            str(expected.get(f)).lower() if expected.get(f) is not None else None
        )
    pk = queries.report_dicts(store, "pk_targets", report_id)
    cap = queries.report_dicts(store, "capaian", report_id)
    result.kind = f"{rep['doc_kind'] or 'failed'}, {_read_as(rep, [*pk, *cap])}"
    main = [r for r in cap if r["source_kind"] == "main_table"] or [
        r for r in cap if r["source_kind"] == "indicator_table"
    ]
    summ = [r for r in cap if r["source_kind"] == "executive_summary"]
    for section, got, text_key in (
        ("pk", pk, "indicator"),
        ("capaian", main, "indicator"),
        ("summary_claims", summ, "text"),
    ):
        keys, cols = SECTIONS[section]
        result.sections[section] = score_section(
            expected.get(section) or [], got, keys, cols, text_key, result.misses, section
        )
    budget = queries.report_dicts(store, "budget", report_id)
    exp_budget = expected.get("budget")
    if exp_budget:
        b = budget[0] if budget else {}
        result.budget_right = all(same_number(exp_budget.get(k), b.get(k)) for k in ("pagu", "realisasi", "stated_pct"))
        if not result.budget_right:
            result.misses.append(f"budget: expected {exp_budget} got {b or None}")
    result.flags_expected = sorted({f"{i['kind']}:{i.get('code')}" for i in expected.get("inconsistencies") or []})
    result.flags_found = sorted(
        {
            f"{r['kind']}:{r['indicator_code']}"
            for r in queries.report_dicts(store, "flags", report_id)
        }
    )
    return result


def _read_as(report: dict[str, Any], rows: Sequence[dict[str, Any]]) -> str:
    """Return how a report was read: a text dump, a born-digital PDF, or a scanned PDF (rows read by OCR)."""
    if report["file_type"] != "pdf":
        return "text dump"
    return "scanned PDF" if any(str(r["method"] or "").startswith("ocr:") for r in rows) else "born-digital PDF"


_MISS = re.compile(r": expected (\S+) got (\S+) \(")


def power_of_ten_errors(score: ReportScore) -> int:
    """Given a report's score, return how many extracted numbers are off by a power of ten.

    Read from the miss lines ("... expected 3.65 got 36.5 (...)").

    Raises:
        ValueError: a miss line no longer has that shape (the count would silently be 0).
    """
    count = 0
    for miss in score.misses:
        if miss.startswith("budget"):
            continue
        m = _MISS.search(miss)
        if m is None:
            raise ValueError(f"unexpected miss line: {miss!r}")
        try:
            want, have = float(m.group(1)), float(m.group(2))
        except ValueError:
            continue  # a code, or None
        if want and have and want != have:
            k = math.log10(abs(have / want))
            if abs(k - round(k)) < 1e-6 and round(k) != 0:
                count += 1
    return count


def find_expected(path: Path, expected_dirs: Iterable[Path]) -> Path | None:
    """Return the expected JSON for an input file: beside it, or in one of ``expected_dirs``."""
    for folder in (path.parent, *expected_dirs):
        candidate = folder / f"{path.stem}.json"
        if candidate.exists():
            return candidate
    return None


def measure(
    inputs: Sequence[Path], expected_dirs: Sequence[Path], db: Path, options: IngestOptions | None = None
) -> list[ReportScore]:
    """Ingest the inputs that have an expectation into ``db`` and score each report."""
    from lkip.pipeline import discover, report_id_of, sha256_of

    files = [f for f in discover(list(inputs)) if find_expected(f, expected_dirs)]
    ingest(files, db, options or IngestOptions())
    scores = []
    with open_store(db, read_only=True) as store:
        for f in files:
            expected = json.loads(find_expected(f, expected_dirs).read_text(encoding="utf-8"))  # type: ignore[union-attr]
            rid = report_id_of(sha256_of(f))
            found = queries.report_exists(store, rid)
            scores.append(score_report(store, rid if found else None, expected, f.name))
    return scores


def format_scores(scores: Sequence[ReportScore], *, show_misses: int = 12) -> str:
    """Return a plain-text table of per-report and total precision/recall/F1."""
    lines = [f"{'report':58} {'P':>6} {'R':>6} {'F1':>6}  {'pk':>7} {'capaian':>9} {'summary':>9}  meta  budget"]
    total = Score()
    sections_total = {k: Score() for k in SECTIONS}
    meta_ok = meta_all = 0
    for s in scores:
        if not s.found:
            lines.append(f"{s.name[:58]:58} NOT INGESTED")
            continue
        f = s.fields
        total.add(f)
        for k, v in s.sections.items():
            sections_total[k].add(v)
        wrong_meta = [k for k, ok in s.meta_right.items() if not ok]
        meta_ok += len(s.meta_right) - len(wrong_meta)
        meta_all += len(s.meta_right)
        sec = {k: f"{v.tp}/{v.tp + v.fn}" for k, v in s.sections.items()}
        lines.append(
            f"{s.name[:58]:58} {f.precision:6.3f} {f.recall:6.3f} {f.f1:6.3f}  {sec.get('pk', ''):>7} "
            f"{sec.get('capaian', ''):>9} {sec.get('summary_claims', ''):>9}  "
            f"{'ok' if not wrong_meta else 'WRONG ' + ','.join(wrong_meta):5} "
            f"{'' if s.budget_right is None else 'ok' if s.budget_right else 'WRONG'}"
        )
        for m in s.misses[:show_misses]:
            lines.append(f"    - {m}")
        if len(s.misses) > show_misses:
            lines.append(f"    ... {len(s.misses) - show_misses} more")
        for w in wrong_meta:
            lines.append(f"    - meta {w}: got {s.meta_found.get(w)!r}")
        exp_kinds = {k.split(":")[0] for k in s.flags_expected}
        found_kinds = {k.split(":")[0] for k in s.flags_found}
        if exp_kinds or found_kinds:
            lines.append(f"    flags expected kinds {sorted(exp_kinds)}; found {sorted(found_kinds)}")
    lines.append(f"{'TOTAL (pk + capaian fields)':58} {total.precision:6.3f} {total.recall:6.3f} {total.f1:6.3f}")
    for k, v in sections_total.items():
        lines.append(
            f"  {k:20} P {v.precision:.3f} R {v.recall:.3f} F1 {v.f1:.3f} "
            f"({v.tp} right, {v.fn} missed, {v.fp} wrong/extra)"
        )
    lines.append(f"  metadata fields right: {meta_ok}/{meta_all}")
    lines.append(f"  values off by a power of ten: {sum(power_of_ten_errors(s) for s in scores if s.found)}")
    by_kind: dict[str, Score] = {}
    for s in scores:
        if s.found:
            by_kind.setdefault(s.kind, Score()).add(s.fields)
    lines.append("  by document kind (pk + capaian fields):")
    for kind, v in sorted(by_kind.items()):
        n = sum(1 for s in scores if s.found and s.kind == kind)
        lines.append(f"    {kind:34} {n:3} files  P {v.precision:.3f} R {v.recall:.3f} F1 {v.f1:.3f}")
    return "\n".join(lines)


def run_accuracy(
    inputs: Sequence[Path], expected_dirs: Sequence[Path], *, db: Path | None = None, workers: int | None = None
) -> str:
    """Measure and format accuracy (a temporary database unless ``db`` is given)."""
    options = IngestOptions(force=True, **({"workers": workers} if workers is not None else {}))
    if db is not None:
        return format_scores(measure(inputs, expected_dirs, db, options))
    with tempfile.TemporaryDirectory() as tmp:
        return format_scores(measure(inputs, expected_dirs, Path(tmp) / "bench.duckdb", options))
