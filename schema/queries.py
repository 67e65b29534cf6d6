"""Named reads and small writes over an lkip store: the only SQL outside ``store.py`` and ``ddl.sql``.

Each function takes an open :class:`~lkip.schema.store.Store` and plain values; values
reach DuckDB as parameters, never pasted into SQL text. Files are written through
DuckDB's Python relation API (no path in any SQL text).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb

from lkip.errors import BadInputError
from lkip.schema.shards import connect_shards
from lkip.schema.store import ALL_TABLES, Store

Rows = tuple[list[str], list[tuple]]

#: Tables and views an export writes, one file each.
EXPORT_RELATIONS = (*ALL_TABLES, "results")
#: Tables of indicator rows (the ones an alias can re-code).
_REPORT_ROW_TABLES = ("pk_targets", "capaian")


def filtered_flags(store: Store, *, kind: str | None = None, province: str | None = None,
              year: int | None = None, report: str | None = None) -> Rows:
    """Return every flag with its evidence and its report's office, filtered (None = any)."""
    where, params = ["TRUE"], []
    if kind:
        where.append("f.kind = ?")
        params.append(kind)
    if province:
        where.append("lower(r.province) = lower(?)")
        params.append(province)
    if year:
        where.append("r.year = ?")
        params.append(year)
    if report:
        where.append("(r.report_id LIKE ? || '%' OR r.source_path LIKE '%' || ? || '%')")
        params.extend([report, report])
    return store.query(f"""
        SELECT f.flag_id, r.report_id, r.satker, r.year, f.kind, f.severity, f.indicator_code,
               f.expected, f.found, f.page, f.line, f.review_status, f.message, f.evidence
        FROM flag_list f JOIN reports r USING (report_id)
        WHERE {" AND ".join(where)}
        ORDER BY r.satker, r.year, f.kind, f.line, f.page""", params)


def report_ids_matching(store: Store, key: str) -> list[str]:
    """Return the report_ids whose id starts with ``key`` or whose file name contains it."""
    _, rows = store.query(
        """SELECT DISTINCT r.report_id FROM reports r
           LEFT JOIN report_files p USING (report_id)
           WHERE r.report_id LIKE ? || '%' OR p.path LIKE '%' || ? || '%'
              OR r.source_path LIKE '%' || ? || '%'""",
        [key, key, key],
    )
    return [r[0] for r in rows]


def review_rows(store: Store) -> Rows:
    """Return the review queue grouped by text, best candidates first."""
    return store.query("""
        SELECT indicator_text, best_code, max(best_score) AS best_score,
               count(DISTINCT report_id) AS reports, any_value(candidates) AS candidates
        FROM review_queue GROUP BY indicator_text, best_code
        ORDER BY best_score DESC NULLS LAST, reports DESC""")


def store_user_alias(store: Store, alias: str, code: str) -> None:
    """Record a user alias (inside the caller's transaction)."""
    store.con.execute("INSERT OR REPLACE INTO indicator_aliases VALUES (?, ?, 'user')", [alias, code])


def uncoded_texts(store: Store) -> dict[str, list[str]]:
    """Return, per table of indicator rows (PK, capaian), the distinct indicator texts without a code."""
    return {table: [r[0] for r in store.con.execute(
        f"SELECT DISTINCT indicator_text FROM {table} WHERE indicator_code IS NULL").fetchall()]
        for table in _REPORT_ROW_TABLES}


def recode_text(store: Store, table: str, text: str, code: str, score: float) -> int:
    """Give uncoded rows of ``table`` with this indicator text a code; drop the text from the review queue.

    Returns:
        The number of rows re-coded.
    """
    if table not in _REPORT_ROW_TABLES:
        raise ValueError(f"not a table of indicator rows: {table!r}")
    n = store.con.execute(
        f"UPDATE {table} SET indicator_code = ?, match_score = ? WHERE indicator_code IS NULL AND indicator_text = ?",
        [code, score, text]).fetchone()
    store.con.execute("DELETE FROM review_queue WHERE indicator_text = ?", [text])
    return n[0] if n else 0


def report_exists(store: Store, report_id: str) -> bool:
    """Return whether a report with this id is stored."""
    return bool(store.query("SELECT count(*) FROM reports WHERE report_id = ?", [report_id])[1][0][0])


def report_dicts(store: Store, table: str, report_id: str) -> list[dict[str, Any]]:
    """Return one report's rows of a table as dicts, in document order (row_no, table_no where present)."""
    order = {"pk_targets": " ORDER BY row_no", "capaian": " ORDER BY table_no, row_no"}.get(table, "")
    if table not in (*ALL_TABLES, "report_kinds"):
        raise ValueError(f"not an lkip table: {table!r}")
    names, rows = store.query(f"SELECT * FROM {table} WHERE report_id = ?{order}", [report_id])
    return [dict(zip(names, r, strict=True)) for r in rows]


def relation_batches(store: Store, name: str, size: int = 10_000) -> tuple[list[str], Iterator[list[tuple]]]:
    """Return a table's or view's column names and an iterator over its rows in batches of ``size``."""
    if name not in EXPORT_RELATIONS:
        raise ValueError(f"not an lkip table or view: {name!r}")
    cur = store.con.cursor().execute(f"SELECT * FROM {name}")  # name: one of ours, checked above
    return [d[0] for d in cur.description], iter(lambda: cur.fetchmany(size), [])


def write_parquet(store: Store, name: str, path: Path) -> None:
    """Write one table or view to a Parquet file through DuckDB's Python API (no SQL text)."""
    if name not in EXPORT_RELATIONS:
        raise ValueError(f"not an lkip table or view: {name!r}")
    store.con.table(name).write_parquet(str(path))


def run_user_sql(store: Store, sql: str) -> Rows:
    """Run a user's SQL (``lkip query``) on the store's (sandboxed) connection.

    Raises:
        BadInputError: The SQL is invalid or not allowed (the message is DuckDB's).
    """
    try:
        return store.query(sql)
    except duckdb.Error as exc:
        raise BadInputError(f"query failed: {exc}") from exc


def run_user_sql_on_shards(root: Path, sql: str, *, sandbox: bool = True) -> Rows:
    """Run a user's SQL over a folder of Parquet shards in place (same tables and views as a database).

    Raises:
        BadInputError: No shards there, or the SQL is invalid or not allowed.
    """
    try:
        con = connect_shards(root, sandbox=sandbox)
    except FileNotFoundError as exc:
        raise BadInputError(str(exc)) from exc
    try:
        cur = con.execute(sql)
        return [d[0] for d in cur.description or []], cur.fetchall()
    except duckdb.Error as exc:
        raise BadInputError(f"query failed: {exc}") from exc
    finally:
        con.close()
