"""Consistency checks: inline cases per check, and the corpus's known inconsistencies."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from lkip.errors import ConfigError
from lkip.extract.model._records import Provenance, RawCountClaim
from lkip.figures import (
    Formula,
    Interval,
    displayed_decimals,
    match_formula,
    stated_interval,
    value_interval,
    values_agree,
)
from lkip.normalize._records import Budget, Capaian, Flag, FlagKind, PkTarget, Severity
from lkip.normalize.checks import CheckSettings, check_report

# ---------------------------------------------------------------- builders


def row(
    target: float | None,
    realisasi: float | None,
    pct: float | None,
    *,
    texts: tuple[str | None, str | None, str | None] | None = None,
    code: str | None = "ind_a",
    kind: str = "main_table",
    line: int = 10,
    text: str = "Indikator A",
) -> Capaian:
    """A capaian row; texts default to the figures written with comma decimals."""

    def show(v: float | None) -> str | None:
        return None if v is None else f"{v:g}".replace(".", ",")

    t_text, r_text, p_text = texts or (show(target), show(realisasi), show(pct))
    return Capaian(
        source_kind=kind,
        row_no=1,
        table_no=1,
        indicator_text=text,
        indicator_code=code,
        match_score=None,
        target_value=target,
        target_text=t_text,
        realisasi_value=realisasi,
        realisasi_text=r_text,
        stated_pct=pct,
        pct_text=p_text,
        computed_pct=None,
        unit=None,
        page=None,
        line=line,
        method="test",
    )


def pk_row(
    target: float,
    target_text: str,
    *,
    code: str | None = "ind_a",
    sasaran: str = "S1",
    line: int = 5,
    text: str = "Indikator A",
) -> PkTarget:
    return PkTarget(
        row_no=1,
        sasaran=sasaran,
        indicator_text=text,
        indicator_code=code,
        match_score=None,
        target_value=target,
        target_text=target_text,
        target_unit=None,
        page=None,
        line=line,
        method="test",
    )


def claim(subject: str, value: float, text: str = "", line: int = 3) -> RawCountClaim:
    return RawCountClaim(subject, value, Provenance(line=line, method="test", source_text=text))


def run(capaian=(), pk=(), budget=None, claims=(), **kw) -> list[Flag]:
    return check_report(list(pk), list(capaian), budget, list(claims), **kw)


def kinds(flags: list[Flag]) -> list[str]:
    return [f.kind.value for f in flags]


# ---------------------------------------------------------------- precision arithmetic


@pytest.mark.parametrize(
    ("text", "value", "decimals"),
    [
        ("3,60 Indeks", 3.6, 2),
        ("86,429", 86.429, 3),
        ("13.105.774.000", 13105774000.0, 0),
        ("Rp. 1.544.257.000,-", 1544257000.0, 0),
        ("7,988,525,000", 7988525000.0, 0),
        ("96.095", 96.095, 3),
        ("58,34 % (Sedang)", 58.34, 2),
        ("2 Kabupaten/ Kota", 2.0, 0),
        ("no figure", 2.0, None),
    ],
)
def test_displayed_decimals(text: str, value: float, decimals: int | None) -> None:
    assert displayed_decimals(text, value) == decimals


def test_stated_interval_allows_rounding_and_truncation() -> None:
    got = stated_interval(102.77, "102,77%")
    assert got.lo == pytest.approx(102.765) and got.hi == pytest.approx(102.78)


def test_value_interval_integers_exact_unless_told() -> None:
    assert value_interval(75.0, "75") == Interval(75.0, 75.0)
    loose = value_interval(75.0, "75", exact_integers=False)
    assert (loose.lo, loose.hi) == (74.5, 75.5)


def test_match_formula_names_the_inverse() -> None:
    exact = Interval
    got = match_formula(
        exact(8, 8),
        exact(10, 10),
        stated_interval(120.0, "120"),
        (Formula.STANDARD, Formula.INVERSE_DIFF),
    )
    assert got is Formula.INVERSE_DIFF


def test_values_agree_precision() -> None:
    assert values_agree(3.6, "3,6", 3.6, "3,60")
    assert values_agree(78.0, "78", 78.42, "78,42")
    assert not values_agree(1.0, "1", 2.0, "2")
    assert values_agree(2.5, "2,5", 2.51, "2,51")
    assert not values_agree(2.5, "2,5", 2.56, "2,56")
    assert values_agree(102.7, "102,7", 102.8, "102,8", ulps=1)


# ---------------------------------------------------------------- pct_mismatch


@pytest.mark.parametrize(
    ("target", "realisasi", "pct", "texts"),
    [
        (2, 1, 50, None),
        (3.6, 3.7, 102.77, ("3,60", "3,70", "102,77%")),  # truncated
        (3.6, 3.7, 102.78, ("3,60", "3,70", "102,78%")),  # rounded
        (86, 99.98, 116.25, ("86 Indeks", "99,98 Indeks", "116,25%")),  # truncated
        (7, 16, 228.57, ("7 Berkas", "16 Berkas", "228,57%")),
        (7, 16, 228.0, ("7", "16", "228 %")),  # truncated to whole percent
        (3.6, 3.86, 107.2, ("3,6", "3,86", "107,2")),
    ],
)
def test_pct_right_arithmetic_is_not_flagged(target, realisasi, pct, texts) -> None:
    assert run([row(target, realisasi, pct, texts=texts)]) == []


def test_pct_wrong_arithmetic_is_flagged_with_evidence() -> None:
    flags = run(
        [row(75, 66.33, 96.52, texts=("75", "66,33", "96,52"), line=1444)],
        directions={"ind_a": "higher_is_better"},
    )
    assert kinds(flags) == ["pct_mismatch"]
    f = flags[0]
    assert f.expected == "88.44%" and f.found == "96,52"
    assert f.line == 1444 and f.severity is Severity.ERROR
    assert "'66,33'" in f.evidence and "'96,52'" in f.evidence and "line 1444" in f.evidence


def test_pct_small_miss_is_a_warning() -> None:
    flags = run(
        [row(3.6, 3.7, 103.5, texts=("3,60", "3,70", "103,5"))],
        directions={"ind_a": "higher_is_better"},
    )
    assert kinds(flags) == ["pct_mismatch"] and flags[0].severity is Severity.WARNING


def test_pct_realisasi_rounding_is_allowed_for() -> None:
    # 3,7 may be 3,65..3,75, so 3,72/3,6 = 103,33% is possible
    assert (
        run(
            [row(3.6, 3.7, 103.33, texts=("3,60", "3,7", "103,33"))],
            directions={"ind_a": "higher_is_better"},
        )
        == []
    )


def test_pct_lower_is_better_inverse_formula_accepted() -> None:
    directions = {"ind_a": "lower_is_better"}
    assert run([row(10, 8, 120, texts=("10", "8", "120"))], directions=directions) == []
    assert run([row(10, 8, 125, texts=("10", "8", "125"))], directions=directions) == []
    flags = run([row(10, 8, 130, texts=("10", "8", "130"))], directions=directions)
    assert kinds(flags) == ["pct_mismatch"]
    assert "(2 x target - realisasi)/target" in flags[0].message
    assert "target/realisasi" in flags[0].message


def test_pct_higher_is_better_rejects_inverse() -> None:
    flags = run(
        [row(10, 8, 120, texts=("10", "8", "120"))], directions={"ind_a": "higher_is_better"}
    )
    assert kinds(flags) == ["pct_mismatch"]


def test_pct_unknown_direction_accepts_inverse_unless_told() -> None:
    r = row(10, 8, 120, texts=("10", "8", "120"), code=None)
    assert kinds(run([r])) == []
    assert kinds(run([r], settings={"inverse_when_direction_unknown": False})) == ["pct_mismatch"]


def test_pct_target_zero_or_missing_is_silent() -> None:
    assert run([row(0, 5, 100), row(None, 5, 100), row(5, None, 80), row(5, 4, None)]) == []


def test_pct_checked_for_every_source_kind() -> None:
    rows = [
        row(4, 2, 70, kind=k, code=None)
        for k in ("main_table", "indicator_table", "executive_summary")
    ]
    assert (
        kinds(run(rows, settings={"inverse_when_direction_unknown": False})) == ["pct_mismatch"] * 3
    )


# ---------------------------------------------------------------- summary_vs_table


def test_summary_vs_table_flags_each_differing_field() -> None:
    main = row(1, 2, 200, line=1400)
    summary = row(2, 2, None, kind="executive_summary", line=143)
    table = row(1, 2, 100, kind="indicator_table", line=2691)
    flags = [f for f in run([main, summary, table]) if f.kind is FlagKind.SUMMARY_VS_TABLE]
    assert [(f.line, f.expected, f.found) for f in flags] == [(143, "1", "2"), (2691, "200", "100")]
    assert "line 1400" in flags[0].evidence and "line 143" in flags[0].evidence
    assert "executive summary" in flags[0].message


def test_summary_vs_table_agreeing_figures_not_flagged() -> None:
    main = row(3.6, 3.7, 102.77, texts=("3,60", "3,70", "102,77%"))
    summary = row(3.6, 3.7, 102.78, texts=("3,6", "3,70", "102,78"), kind="executive_summary")
    other = row(5, 5, None, kind="executive_summary", code="ind_b")  # no main row for ind_b
    assert run([main, summary, other]) == []


def test_two_tables_of_an_uncoded_indicator_that_disagree_are_flagged_with_both_sides() -> None:
    # the same indicator (no catalogue code) in the main table and in a later table, keyed by its text
    main = row(10, 9, 90, code=None, text="Jumlah  desa bersinar", line=300)
    again = row(10, 9.9, 99, code=None, text="Jumlah desa Bersinar:", kind="indicator_table", line=420)
    other = row(5, 5, 100, code=None, text="Jumlah sekolah bersinar", kind="indicator_table", line=430)
    flags = [f for f in run([main, again, other]) if f.kind is FlagKind.SUMMARY_VS_TABLE]
    assert [(f.line, f.expected, f.found, f.indicator_key) for f in flags] == [
        (420, "9", "9,9", "text:jumlah desa bersinar"), (420, "90", "99", "text:jumlah desa bersinar")]
    assert "line 300" in flags[0].evidence and "line 420" in flags[0].evidence
    assert "whose row the results use" in flags[0].message


def test_chosen_rows_prefer_the_main_table_then_table_order() -> None:
    from dataclasses import replace

    from lkip.normalize.checks import chosen_rows

    ind2 = replace(row(1, 1, 100, kind="indicator_table", line=50), table_no=2)
    ind1 = row(2, 2, 100, kind="indicator_table", line=60)
    assert chosen_rows([ind2, ind1])["ind_a"] is ind1
    main = row(3, 3, 100, line=70)
    assert chosen_rows([ind2, ind1, main])["ind_a"] is main


# ---------------------------------------------------------------- pk_vs_capaian_target


def test_pk_vs_capaian_target() -> None:
    flags = run(
        [row(3.4, 3.52, None, texts=("3,40", "3.52", None))], pk=[pk_row(3.41, "3,41 Indeks")]
    )
    assert kinds(flags) == ["pk_vs_capaian_target"]
    assert (flags[0].expected, flags[0].found, flags[0].line) == ("3,41 Indeks", "3,40", 5)
    assert run([row(3.41, 3.52, None)], pk=[pk_row(3.41, "3,41 Indeks")]) == []


def test_pk_vs_capaian_falls_back_to_indicator_table() -> None:
    table = row(2, 2, None, kind="indicator_table")
    assert kinds(run([table], pk=[pk_row(1, "1 BNN")])) == ["pk_vs_capaian_target"]
    assert run([table], pk=[pk_row(2, "2 BNN")]) == []


# ---------------------------------------------------------------- count_claim


def _table() -> list[Capaian]:
    return [
        row(2, 3, 150, code="a"),
        row(2, 2, 100, code="b"),
        row(2, 2, 100, code="c"),
        row(2, 1, 50, code="d"),
    ]


def test_count_claims_that_hold() -> None:
    pk = [
        pk_row(2, "2", code=c, sasaran=s)
        for c, s in zip("abcd", ["S1", "S1", "S2", "S3"], strict=True)
    ]
    claims = [
        claim("indicators", 4),
        claim("sasaran", 3),
        claim("above_target", 1),
        claim("at_target", 2),
        claim("below_target", 1),
        claim("overall_pct", 100, "rata-rata capaian 100%"),
    ]
    assert run(_table(), pk=pk, claims=claims) == []


@pytest.mark.parametrize(
    ("subject", "value", "expected"),
    [
        ("indicators", 5, "4 / 4"),
        ("sasaran", 4, "3"),
        ("above_target", 2, "1"),
        ("at_target", 3, "2"),
        ("below_target", 0, "1"),
    ],
)
def test_count_claims_contradicted(subject: str, value: float, expected: str) -> None:
    pk = [
        pk_row(2, "2", code=c, sasaran=s)
        for c, s in zip("abcd", ["S1", "S1", "S2", "S3"], strict=True)
    ]
    flags = run(_table(), pk=pk, claims=[claim(subject, value, "kalimat", line=77)])
    assert kinds(flags) == ["count_claim"]
    assert (flags[0].expected, flags[0].line, flags[0].evidence) == (expected, 77, "kalimat")


def test_indicator_count_right_but_summary_leaves_one_out() -> None:
    table = _table()
    summary = [
        row(
            r.target_value,
            r.realisasi_value,
            None,
            code=r.indicator_code,
            kind="executive_summary",
            line=60,
        )
        for r in table[:3]
    ]
    flags = run(table + summary, claims=[claim("indicators", 4, line=53)])
    assert kinds(flags) == ["count_claim"]
    assert flags[0].expected == "3 listed" and "d (line 10)" in flags[0].message
    assert (
        run(table + summary[:2], claims=[claim("indicators", 4)]) == []
    )  # a selection, not a list
    assert (
        run(
            table + summary + [row(2, 1, None, code="d", kind="executive_summary")],
            claims=[claim("indicators", 4)],
        )
        == []
    )


def test_overall_pct_accepts_any_usual_average_only() -> None:
    # mean 100; capped mean 87.5; share reaching target 75
    for ok in (100, 87.5, 75):
        assert run(_table(), claims=[claim("overall_pct", ok)]) == []
    assert kinds(run(_table(), claims=[claim("overall_pct", 90)])) == ["count_claim"]


def test_count_claim_with_missing_figures_is_not_flagged() -> None:
    rows = [row(2, 3, None, code="a"), row(2, None, None, code="b")]
    assert run(rows, claims=[claim("above_target", 2)]) == []
    assert kinds(run(rows, claims=[claim("above_target", 3)])) == ["count_claim"]


# ---------------------------------------------------------------- budget_arithmetic


def _budget(pagu: float, real: float, pct: float | None, text: str) -> Budget:
    return Budget(pagu, real, pct, None, None, 161, text)


def test_budget_right_and_wrong() -> None:
    good = _budget(
        2251931000, 2156144253, 95.75, "Rp. 2.156.144.253 dari pagu Rp. 2.251.931.000 atau 95.75 %"
    )
    assert run(budget=good) == []
    bad = _budget(
        13105774000, 12693487487, 96.91, "Rp 13.105.774.000 ... Rp 12.693.487.487 atau 96,91 %"
    )
    flags = run(budget=bad)
    assert kinds(flags) == ["budget_arithmetic"]
    assert flags[0].expected == "96.85%" and flags[0].line == 161 and "96,91" in flags[0].evidence


def test_budget_realisasi_above_pagu() -> None:
    assert kinds(run(budget=_budget(100, 120, None, ""))) == ["budget_arithmetic"]


# ---------------------------------------------------------------- missing / unmatched


def test_missing_tables() -> None:
    flags = run(pk_table_found=False, capaian_table_found=False)
    assert kinds(flags) == ["missing_table", "missing_table"]
    assert run() == []


def test_unmatched_indicator_only_when_others_matched() -> None:
    rows = [
        row(1, 1, 100, code="a"),
        row(1, 1, 100, code="b"),
        row(1, 1, 100, code=None, text="Aneh"),
    ]
    flags = run(rows)
    assert kinds(flags) == ["unmatched_indicator"] and flags[0].severity is Severity.INFO
    assert "Aneh" in flags[0].message
    uncoded = [row(1, 1, 100, code=None, text=t) for t in ("X", "Y")]
    assert run(uncoded) == []  # another agency's report: nothing was coded, nothing to review


def test_settings_resolve_rejects_unknown_and_bad() -> None:
    assert CheckSettings.resolve(None) == CheckSettings()
    with pytest.raises(ConfigError, match="unknown check setting"):
        CheckSettings.resolve({"nope": 1})
    with pytest.raises(ConfigError, match="error_pct_points"):
        CheckSettings(error_pct_points=-1)


# ---------------------------------------------------------------- real corpus


#: Count claims of the corpus reports as (file prefix, subject, value, line). The test
#: checks each number occurs on its line, so the table cannot drift from the text.
CORPUS_CLAIMS = [
    ("000", "sasaran", 13, 53),
    ("000", "indicators", 18, 53),
    ("002", "sasaran", 13, 69),
    ("002", "indicators", 18, 69),
    ("002", "above_target", 6, 93),
    ("002", "at_target", 11, 94),
    ("002", "below_target", 1, 95),
    ("002", "overall_pct", 107.34, 99),
    ("004", "overall_pct", 90, 110),
    ("004", "sasaran", 11, 1664),
    ("004", "indicators", 11, 1666),
]
INCONSISTENCY_KINDS = {"pct_mismatch", "summary_vs_table", "pk_vs_capaian_target", "count_claim"}


def corpus_records(json_path: Path) -> dict:
    """Convert a corpus expected-extraction JSON into check inputs (records and claims)."""
    data = json.loads(json_path.read_text(encoding="utf-8"))
    lines = json_path.with_suffix(".txt").read_text(encoding="utf-8").splitlines()
    capaian = [
        Capaian(
            "main_table",
            i,
            1,
            c["indicator"],
            c["code"],
            None,
            c["target"],
            c["target_text"],
            c["realisasi"],
            c["realisasi_text"],
            c["stated_pct"],
            c["pct_text"],
            None,
            None,
            None,
            c["line"],
            "corpus",
        )
        for i, c in enumerate(data["capaian"], 1)
    ]
    capaian += [
        Capaian(
            "executive_summary",
            i,
            1,
            c["text"],
            c["code"],
            None,
            c["target"],
            None,
            c["realisasi"],
            None,
            c["stated_pct"],
            None,
            None,
            None,
            None,
            c["line"],
            "corpus",
        )
        for i, c in enumerate(data["summary_claims"], 1)
    ]
    pk = [
        PkTarget(
            p["no"],
            p["sasaran"],
            p["indicator"],
            p["code"],
            None,
            p["target"],
            p["target_text"],
            p["unit"],
            None,
            p["line"],
            "corpus",
        )
        for p in data["pk"]
    ]
    b = data.get("budget")
    budget = None
    if b:
        text = lines[b["line"] - 1] if b.get("line") else ""
        budget = Budget(b["pagu"], b["realisasi"], b["stated_pct"], None, None, b.get("line"), text)
    prefix = json_path.name[:3]
    claims = []
    for p, subject, value, line in CORPUS_CLAIMS:
        if p == prefix:
            text = lines[line - 1]
            claims.append(claim(subject, value, text, line=line))
    return {
        "pk": pk,
        "capaian": capaian,
        "budget": budget,
        "claims": claims,
        "pk_table_found": bool(pk),
        "inconsistencies": data["inconsistencies"],
        "lines": lines,
    }


def in_scope(inc: dict, records: dict) -> bool:
    """Whether a corpus inconsistency concerns the records built from the JSON."""
    if inc["kind"] not in INCONSISTENCY_KINDS:
        return False
    budget = records["budget"]
    record_lines = {r.line for r in [*records["pk"], *records["capaian"]]}
    record_lines |= {c.where.line for c in records["claims"]}
    if budget is not None:
        record_lines.add(budget.line)
    return bool(record_lines & set(inc["lines"]))


def flag_matches(flag: Flag, inc: dict) -> bool:
    """Whether a flag reports a given corpus inconsistency (same place, same code if any)."""
    if inc["code"] is not None and flag.indicator_code not in (None, inc["code"]):
        return False
    places = {flag.line} | {int(n) for n in re.findall(r"line (\d+)", flag.evidence + flag.message)}
    return bool(places & set(inc["lines"]))


def corpus_run(json_path: Path) -> tuple[dict, list[Flag]]:
    records = corpus_records(json_path)
    flags = check_report(
        records["pk"],
        records["capaian"],
        records["budget"],
        records["claims"],
        pk_table_found=records["pk_table_found"],
    )
    return records, flags


def test_corpus_claim_table_matches_text(shared_dir: Path) -> None:
    for prefix, _subject, value, line in CORPUS_CLAIMS:
        path = next((shared_dir / "corpus").glob(f"{prefix}_*.txt"))
        text = path.read_text(encoding="utf-8").splitlines()[line - 1]
        shown = f"{value:g}".replace(".", ",")
        assert shown in text, (prefix, line, text)


@pytest.mark.shared
def test_corpus_inconsistencies_found_and_right_rows_silent(shared_dir: Path) -> None:
    jsons = sorted((shared_dir / "corpus").glob("*.json"))
    assert jsons
    found = total = 0
    for path in jsons:
        records, flags = corpus_run(path)
        wanted = [i for i in records["inconsistencies"] if in_scope(i, records)]
        for inc in wanted:
            total += 1
            found += any(flag_matches(f, inc) for f in flags)
        # every flag other than missing-table must point at a known inconsistency
        stray = [
            f
            for f in flags
            if f.kind is not FlagKind.MISSING_TABLE
            and not any(flag_matches(f, i) for i in records["inconsistencies"])
        ]
        assert stray == [], (path.name, stray)
    assert total >= 5 and found == total


@pytest.mark.shared
def test_corpus_named_cases(shared_dir: Path) -> None:
    corpus = shared_dir / "corpus"
    _, flags_002 = corpus_run(next(corpus.glob("002_*.json")))
    pct_002 = {f.indicator_code for f in flags_002 if f.kind is FlagKind.PCT_MISMATCH}
    assert "rehab_indeks_kepuasan" not in pct_002 and "umum_nka" not in pct_002  # 102,77 / 116,25
    assert [f.kind for f in flags_002 if f.kind is FlagKind.MISSING_TABLE] == [
        FlagKind.MISSING_TABLE
    ]
    _, flags_000 = corpus_run(next(corpus.glob("000_*.json")))
    zona = [f for f in flags_000 if f.kind is FlagKind.PCT_MISMATCH]
    assert [f.indicator_code for f in zona] == ["umum_zona_integritas"]
    assert zona[0].found == "96,52" and zona[0].expected == "88.44%"
