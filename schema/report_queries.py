"""The SQL the HTML report, evidence crops and flag reviews run (kept here: only schema/ holds SQL).

Each function takes an open connection and returns plain rows as dicts, so callers in
``lkip/`` never write SQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import duckdb

#: Relations the HTML report reads.
REPORT_RELATIONS = (
    "reports", "pk_targets", "capaian", "budget", "flags", "review_queue", "results",
    "report_kinds", "flag_list", "flag_reviews",
)

_REPORTS = """
    SELECT r.report_id, r.source_path, r.file_sha256, r.file_type, r.pages, r.satker, r.level,
           r.province, r.regency, r.year, r.status, r.error, r.doc_kind, r.parser_version,
           r.pk_rows, r.capaian_rows,
           (SELECT count(*) FROM flag_list f WHERE f.report_id = r.report_id
              AND f.review_status IS DISTINCT FROM 'dismissed') AS flag_count,
           b.pagu, b.realisasi AS budget_realisasi, b.stated_pct AS budget_pct
    FROM report_kinds r
    LEFT JOIN (SELECT report_id, any_value(pagu) AS pagu, any_value(realisasi) AS realisasi,
                      any_value(stated_pct) AS stated_pct
               FROM budget GROUP BY report_id) b USING (report_id)
    ORDER BY CASE r.status WHEN 'failed' THEN 0 WHEN 'partial' THEN 1 ELSE 2 END,
             r.province NULLS LAST, r.satker NULLS LAST, r.year NULLS LAST, r.source_path
"""

_FLAGS = """
    SELECT f.flag_id, f.report_id, f.kind, f.severity, f.indicator_code, f.message, f.expected,
           f.found, f.page, f.line, f.evidence, f.satker, f.province, f.regency, f.year,
           f.source_path, f.file_sha256, f.file_type, f.review_status, f.review_note, f.review_match
    FROM flag_list f
    ORDER BY f.province NULLS LAST, f.satker NULLS LAST, f.year NULLS LAST, f.report_id,
             CASE f.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END,
             f.kind, f.page NULLS FIRST, f.line NULLS FIRST, f.message
"""

_RESULTS = """
    SELECT report_id, satker, level, province, regency, year, indicator_code, indicator_text,
           target_value, realisasi_value, stated_pct, computed_pct, achieved, flagged
    FROM results
    WHERE indicator_code IS NOT NULL
    ORDER BY indicator_code, province NULLS LAST, satker NULLS LAST, year NULLS LAST, report_id
"""

_REVIEW_QUEUE = """
    SELECT q.indicator_text, q.best_code, q.best_score, count(*) AS times,
           string_agg(DISTINCT coalesce(r.satker, q.report_id), '; ') AS offices
    FROM review_queue q LEFT JOIN reports r USING (report_id)
    GROUP BY q.indicator_text, q.best_code, q.best_score
    ORDER BY times DESC, q.best_score DESC NULLS LAST, q.indicator_text
    LIMIT ?
"""

#: One report's located rows (PK, capaian, budget) for evidence crops; same columns each.
_LOCATED_ROWS = """
    SELECT 'pk' AS source, NULL AS source_kind, row_no, NULL AS table_no, indicator_code,
           indicator_text, target_text, NULL AS realisasi_text, NULL AS pct_text, page, line, bbox
    FROM pk_targets WHERE report_id = ?
    UNION ALL
    SELECT 'capaian', source_kind, row_no, table_no, indicator_code, indicator_text, target_text,
           realisasi_text, pct_text, page, line, bbox
    FROM capaian WHERE report_id = ?
    UNION ALL
    SELECT 'budget', NULL, NULL, NULL, NULL, source_text, NULL, NULL, NULL, page, line, NULL
    FROM budget WHERE report_id = ?
"""


def rows_of(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    """Run SQL and return its rows as dicts."""
    cur = con.execute(sql, list(params))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def relations(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Return the names of the tables and views in the database."""
    return {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}


def report_rows(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Return every report with its kind, row counts, open flags and budget, failed first."""
    return rows_of(con, _REPORTS)


def flag_rows(con: duckdb.DuckDBPyConnection, report_id: str | None = None) -> list[dict[str, Any]]:
    """Return every flag (or one report's) with its FLAG_ID, report and review."""
    if report_id is None:
        return rows_of(con, _FLAGS)
    return [f for f in rows_of(con, _FLAGS) if f["report_id"] == report_id]


def result_rows(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Return the coded rows of the ``results`` view."""
    return rows_of(con, _RESULTS)


def review_queue_rows(con: duckdb.DuckDBPyConnection, limit: int) -> tuple[list[dict[str, Any]], int]:
    """Return the most frequent review-queue texts (up to ``limit``) and the queue's size."""
    size = con.execute("SELECT count(*) FROM review_queue").fetchone()[0]
    return rows_of(con, _REVIEW_QUEUE, [limit]), int(size)


def indicator_names(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Return the catalogue's indicator names by code (empty without a catalogue table)."""
    if "indicators" not in relations(con):
        return {}
    return dict(con.execute("SELECT code, name FROM indicators").fetchall())


def located_rows(con: duckdb.DuckDBPyConnection, report_id: str) -> list[dict[str, Any]]:
    """Return one report's PK, capaian and budget rows with their page, line and bbox."""
    return rows_of(con, _LOCATED_ROWS, [report_id] * 3)


def report_file(con: duckdb.DuckDBPyConnection, report_id: str) -> dict[str, Any] | None:
    """Return a report's paths and content hash (``paths``: every path it was seen at)."""
    rows = rows_of(
        con,
        """SELECT r.report_id, r.source_path, r.file_sha256, r.file_type,
                  list(p.path ORDER BY p.seen_at DESC) FILTER (WHERE p.path IS NOT NULL) AS paths
           FROM reports r LEFT JOIN report_files p USING (report_id)
           WHERE r.report_id = ? GROUP BY ALL""",
        [report_id],
    )
    return rows[0] if rows else None


def stale_reviews(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Return reviews whose flag is gone (its file changed and the flag with it)."""
    return rows_of(con, "SELECT * FROM stale_flag_reviews ORDER BY reviewed_at")


def save_reviews(con: duckdb.DuckDBPyConnection, reviews: Sequence[tuple[str, str, str | None]]) -> list[str]:
    """Record ``(flag_id, status, note)`` reviews in one transaction; return unknown FLAG_IDs.

    Nothing is written when any FLAG_ID is unknown.
    """
    ids = [r[0] for r in reviews]
    found = {
        row["flag_id"]: row
        for row in rows_of(
            con,
            "SELECT flag_id, match_key, file_sha256, source_path, kind, indicator_code "
            "FROM flag_list WHERE list_contains(?, flag_id)",
            [ids],
        )
    }
    unknown = [i for i in ids if i not in found]
    if unknown:
        return unknown
    now = datetime.now()
    con.execute("BEGIN TRANSACTION")
    try:
        for flag_id, status, note in reviews:
            f = found[flag_id]
            con.execute(
                "INSERT OR REPLACE INTO flag_reviews VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [flag_id, f["match_key"], f["file_sha256"], f["source_path"], f["kind"],
                 f["indicator_code"], status, note, now],
            )
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
    return []


#: ``lkip show`` sections: (narrow columns, extra columns for ``--wide``, source, order).
_AT = "coalesce('p.' || page, 'l.' || line) AS at"
_SHOW_SECTIONS: dict[str, tuple[str, str, str, str]] = {
    "versions": ("parser_version, schema_version", "",
                 "(SELECT r.report_id, r.parser_version, m.value AS schema_version FROM reports r, meta m "
                 "WHERE m.key = 'schema_version') AS v", "parser_version"),
    "files": ("path", "seen_at", "report_files", "path"),
    "metadata evidence": (f"field, {_AT}, source_text", "", "report_meta_evidence", "field"),
    "tables": (f"table_no AS no, kind, use, {_AT}, rows, title", "reason", "report_tables", "table_no"),
    "perjanjian kinerja": (
        f"row_no AS no, indicator_code AS code, target_text AS target, {_AT}, indicator_text",
        "target_value, target_unit, sasaran, method, bbox", "pk_targets", "row_no",
    ),
    "attached PKs of other offices": (
        f"office, row_no AS no, indicator_code AS code, target_text AS target, {_AT}",
        "indicator_text, target_value, target_unit, sasaran, method", "attached_pk_targets", "office, row_no",
    ),
    "capaian": (
        "source_kind AS kind, table_no AS tbl, row_no AS no, indicator_code AS code, target_value AS target, "
        f"realisasi_value AS realisasi, stated_pct AS stated, round(computed_pct, 2) AS computed, {_AT}",
        "indicator_text, target_text, realisasi_text, pct_text, unit, method, bbox", "capaian",
        "source_kind DESC, table_no, row_no",
    ),
    "results": (
        f"indicator_key AS indicator, target_value AS target, realisasi_value AS realisasi, stated_pct AS stated, "
        f"source_kind AS source, table_no AS tbl, {_AT}",
        "source_reason, other_rows, indicator_text, achieved, flagged", "results", "source_kind, table_no, row_no",
    ),
    "budget": (f"pagu, realisasi, stated_pct, round(computed_pct, 2) AS computed_pct, {_AT}", "source_text",
               "budget", "pagu"),
    "flags": (
        f"flag_id, kind, indicator_code AS code, expected, found, {_AT}, review_status AS review",
        "severity, review_note, message, evidence", "flag_list", "kind, line, page",
    ),
    "flag messages": ("flag_id, message", "", "flag_list", "kind, line, page"),
    "review queue": ("indicator_text, best_code, best_score", "candidates", "review_queue", "best_score DESC"),
}


def report_metadata(con: duckdb.DuckDBPyConnection, report_id: str) -> list[tuple[str, Any]]:
    """Return one report's metadata as (field, value) pairs, with its document kind."""
    rows = rows_of(con, "SELECT * EXCLUDE (pk_rows, capaian_rows, budget_rows, attached_pk_rows) FROM report_kinds "
                        "WHERE report_id = ?", [report_id])
    return list(rows[0].items()) if rows else []


def show_sections(con: duckdb.DuckDBPyConnection, report_id: str, *, wide: bool = False
                  ) -> dict[str, tuple[list[str], list[tuple]]]:
    """Return ``lkip show``'s tables of one report: the columns that matter, or all with ``wide``."""
    out = {}
    for name, (narrow, extra, table, order) in _SHOW_SECTIONS.items():
        columns = f"{narrow}, {extra}" if wide and extra else narrow
        cur = con.execute(f"SELECT {columns} FROM {table} WHERE report_id = ? ORDER BY {order}", [report_id])
        out[name] = ([d[0] for d in cur.description], cur.fetchall())
    return out


def versions(con: duckdb.DuckDBPyConnection) -> tuple[str | None, list[str]]:
    """Return the database's schema version and the parser versions of its reports."""
    schema = None
    if "meta" in relations(con):
        schema = con.execute("SELECT any_value(value) FROM meta WHERE key = 'schema_version'").fetchone()[0]
    parsers = [r[0] for r in con.execute("SELECT DISTINCT parser_version FROM reports ORDER BY 1").fetchall()]
    return schema, parsers
