"""The library API behind each ``lkip`` command (the CLI only parses and prints)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from lkip.errors import BadInputError, ConfigError
from lkip.schema.store import ALL_TABLES, open_store

Rows = tuple[list[str], list[tuple]]


def run_query(db: Path, sql: str) -> Rows:
    """Run one SQL statement against the database (read-only) and return its rows.

    Raises:
        BadInputError: The SQL is invalid (the message is DuckDB's).
    """
    with open_store(db, read_only=True) as store:
        try:
            return store.query(sql)
        except duckdb.Error as exc:
            raise BadInputError(f"query failed: {exc}") from exc


def run_query_shards(root: Path, sql: str) -> Rows:
    """Run SQL over a folder of Parquet shards in place (same tables and views as a database).

    Raises:
        BadInputError: No shards there, or the SQL is invalid.
    """
    from lkip.schema.shards import connect_shards

    try:
        con = connect_shards(root)
    except FileNotFoundError as exc:
        raise BadInputError(str(exc)) from exc
    try:
        cur = con.execute(sql)
        return [d[0] for d in cur.description or []], cur.fetchall()
    except duckdb.Error as exc:
        raise BadInputError(f"query failed: {exc}") from exc
    finally:
        con.close()


def load_shard_folder(root: Path, db: Path) -> int:
    """Load a folder of Parquet shards into the database; return the number of reports."""
    from lkip.schema.shards import load_shards

    if not (root / "reports").is_dir():
        raise BadInputError(f"{root}: no Parquet shards here (expected {root / 'reports'})")
    with open_store(db) as store:
        return load_shards(root, store)


@dataclass(frozen=True, slots=True)
class FlagFilter:
    """Filters for :func:`list_flags` (None = any)."""

    kind: str | None = None
    province: str | None = None
    year: int | None = None
    report: str | None = None


def list_flags(db: Path, filt: FlagFilter | None = None) -> Rows:
    """Return every flag with its evidence and its report's office, filtered."""
    filt = filt or FlagFilter()
    where, params = ["TRUE"], []
    if filt.kind:
        where.append("f.kind = ?")
        params.append(filt.kind)
    if filt.province:
        where.append("lower(r.province) = lower(?)")
        params.append(filt.province)
    if filt.year:
        where.append("r.year = ?")
        params.append(filt.year)
    if filt.report:
        where.append("(r.report_id LIKE ? || '%' OR r.source_path LIKE '%' || ? || '%')")
        params.extend([filt.report, filt.report])
    sql = f"""
        SELECT r.report_id, r.satker, r.year, f.kind, f.severity, f.indicator_code,
               f.expected, f.found, f.page, f.line, f.message, f.evidence
        FROM flags f JOIN reports r USING (report_id)
        WHERE {" AND ".join(where)}
        ORDER BY r.satker, r.year, f.kind, f.line, f.page"""
    with open_store(db, read_only=True) as store:
        return store.query(sql, params)


def find_report(db: Path, key: str) -> str:
    """Return the report_id a user means by an id prefix or (part of) a file name.

    Raises:
        BadInputError: No report, or more than one, matches.
    """
    with open_store(db, read_only=True) as store:
        _, rows = store.query(
            """SELECT DISTINCT r.report_id FROM reports r
               LEFT JOIN report_files p USING (report_id)
               WHERE r.report_id LIKE ? || '%' OR p.path LIKE '%' || ? || '%'
                  OR r.source_path LIKE '%' || ? || '%'""",
            [key, key, key],
        )
    if not rows:
        raise BadInputError(
            f'no report matches {key!r}; list them with: lkip query "SELECT report_id, source_path FROM reports"'
        )
    if len(rows) > 1:
        ids = ", ".join(r[0] for r in rows[:10])
        raise BadInputError(f"{key!r} matches {len(rows)} reports ({ids}); give more of the id or name")
    return rows[0][0]


def show_report(db: Path, key: str) -> dict[str, Rows]:
    """Return one report's sections: metadata, files, PK rows, capaian rows, budget, flags, review."""
    rid = find_report(db, key)
    sections = {
        "report": "SELECT * EXCLUDE (file_sha256) FROM reports WHERE report_id = ?",
        "files": "SELECT path, seen_at FROM report_files WHERE report_id = ? ORDER BY path",
        "metadata evidence": "SELECT field, page, line, source_text FROM report_meta_evidence WHERE report_id = ?",
        "perjanjian kinerja": """SELECT row_no, indicator_code, indicator_text, target_value, target_text,
               target_unit, page, line, method FROM pk_targets WHERE report_id = ? ORDER BY row_no""",
        "capaian": """SELECT source_kind, table_no, row_no, indicator_code, indicator_text, target_value,
               realisasi_value, stated_pct, round(computed_pct, 2) AS computed_pct, page, line
               FROM capaian WHERE report_id = ? ORDER BY source_kind DESC, table_no, row_no""",
        "budget": """SELECT pagu, realisasi, stated_pct, round(computed_pct, 2) AS computed_pct, page, line
               FROM budget WHERE report_id = ?""",
        "flags": """SELECT kind, severity, indicator_code, expected, found, page, line, message
               FROM flags WHERE report_id = ? ORDER BY kind, line, page""",
        "review queue": "SELECT indicator_text, best_code, best_score FROM review_queue WHERE report_id = ?",
    }
    with open_store(db, read_only=True) as store:
        return {name: store.query(sql, [rid]) for name, sql in sections.items()}


def export_tables(db: Path, out: Path, fmt: str) -> list[Path]:
    """Write every table and the ``results`` view to ``out`` as Parquet or CSV files.

    Returns:
        The files written.

    Raises:
        ConfigError: Unknown format.
    """
    if fmt not in ("parquet", "csv"):
        raise ConfigError(f"--format must be parquet or csv, not {fmt!r}")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    options = "(FORMAT parquet)" if fmt == "parquet" else "(FORMAT csv, HEADER)"
    with open_store(db, read_only=True) as store:
        for table in (*ALL_TABLES, "results"):
            target = out / f"{table}.{fmt}"
            tmp = target.with_suffix(target.suffix + ".part")
            store.con.execute(f"COPY (SELECT * FROM {table}) TO '{tmp}' {options}")
            tmp.replace(target)
            written.append(target)
    return written


def write_html_report(db: Path, out: Path) -> Path:
    """Write the static HTML report of the database to ``out``, its evidence crops to ``<stem>_evidence/``."""
    from lkip.report_html import build_report_html, folder_crop_sink

    crops = folder_crop_sink(out.parent / f"{out.stem}_evidence", f"{out.stem}_evidence")
    with open_store(db, read_only=True) as store:
        html = build_report_html(store.con, crops)
    tmp = out.with_suffix(out.suffix + ".part")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(out)
    return out


def catalogue_rows(catalogue_path: Path | None = None) -> Rows:
    """Return the catalogue's indicators (code, name, bidang, measure, direction, unit, aliases)."""
    from lkip.normalize.catalogue import load_catalogue

    cat = load_catalogue(catalogue_path)
    return (
        ["code", "name", "bidang", "measure", "direction", "unit", "aliases"],
        [(i.code, i.name, i.bidang, i.measure, i.direction, i.unit, len(i.aliases)) for i in cat.indicators],
    )


def review_rows(db: Path) -> Rows:
    """Return the review queue grouped by text, best candidates first."""
    with open_store(db, read_only=True) as store:
        return store.query("""
            SELECT indicator_text, best_code, max(best_score) AS best_score,
                   count(DISTINCT report_id) AS reports, any_value(candidates) AS candidates
            FROM review_queue GROUP BY indicator_text, best_code
            ORDER BY best_score DESC NULLS LAST, reports DESC""")


def add_alias(db: Path, alias: str, code: str, catalogue_path: Path | None = None) -> int:
    """Store a user alias and re-code existing rows whose text matches it.

    Returns:
        The number of PK and capaian rows updated.

    Raises:
        ConfigError: ``code`` is not in the catalogue.
    """
    from lkip.normalize.catalogue import Outcome, load_catalogue, match_indicator

    with open_store(db) as store:
        aliases = store.user_aliases()
        aliases[alias] = code
        cat = load_catalogue(catalogue_path, extra_aliases=aliases)
        if cat.get(code) is None:
            raise ConfigError(f"unknown indicator code {code!r}; see `lkip catalogue list`")
        updated = 0
        with store.transaction():
            store.con.execute("INSERT OR REPLACE INTO indicator_aliases VALUES (?, ?, 'user')", [alias, code])
            for table in ("pk_targets", "capaian"):
                texts = [
                    r[0]
                    for r in store.con.execute(
                        f"SELECT DISTINCT indicator_text FROM {table} WHERE indicator_code IS NULL"
                    ).fetchall()
                ]
                for text in texts:
                    m = match_indicator(text, cat)
                    if m.outcome is Outcome.ACCEPTED and m.code:
                        n = store.con.execute(
                            f"UPDATE {table} SET indicator_code = ?, match_score = ? "
                            "WHERE indicator_code IS NULL AND indicator_text = ?",
                            [m.code, m.score, text],
                        ).fetchone()
                        updated += n[0] if n else 0
                        store.con.execute("DELETE FROM review_queue WHERE indicator_text = ?", [text])
        return updated
