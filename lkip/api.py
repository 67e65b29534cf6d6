"""The library API behind each ``lkip`` command (the CLI only parses and prints)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from lkip.errors import BadInputError, ConfigError
from lkip.schema.store import ALL_TABLES, SCHEMA_VERSION, open_store

Rows = tuple[list[str], list[tuple]]


def version_line() -> str:
    """Return this lkip's versions: the package, its parser (``reports.parser_version``) and schema (``meta``)."""
    from lkip import PARSER_VERSION, __version__

    return f"lkip {__version__} (parser {PARSER_VERSION}, schema {SCHEMA_VERSION})"


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
        SELECT f.flag_id, r.report_id, r.satker, r.year, f.kind, f.severity, f.indicator_code,
               f.expected, f.found, f.page, f.line, f.review_status, f.message, f.evidence
        FROM flag_list f JOIN reports r USING (report_id)
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


@dataclass(frozen=True, slots=True)
class ReportView:
    """One report for ``lkip show``: metadata as (field, value) pairs, then its tables."""

    report_id: str
    metadata: list[tuple[str, object]]
    sections: dict[str, Rows]


def show_report(db: Path, key: str, *, wide: bool = False) -> ReportView:
    """Return one report: metadata, files, PK rows, capaian rows, budget, flags, review queue.

    Args:
        db: The database.
        key: A report_id prefix or part of a file name.
        wide: Every column, not only those that matter.
    """
    from lkip.schema.report_queries import report_metadata, show_sections

    rid = find_report(db, key)
    with open_store(db, read_only=True) as store:
        return ReportView(rid, report_metadata(store.con, rid), show_sections(store.con, rid, wide=wide))


def write_evidence(db: Path, key: str, out: Path) -> list[Path]:
    """Write one report's evidence to ``out``: a PNG (PDF) or text quote per flag side and per row.

    Files: ``flag-<FLAG_ID>-<n>.png|txt`` for each flag's sides, ``<table>-<row>.png|txt`` for
    each PK, capaian and budget row. A moved or changed source file is said in ``PROBLEM.txt``.

    Returns:
        The files written.
    """
    from lkip.evidence import locate_source, write_shown
    from lkip.schema import report_queries as q

    rid = find_report(db, key)
    out.mkdir(parents=True, exist_ok=True)
    with open_store(db, read_only=True) as store:
        f = q.report_file(store.con, rid) or {}
        source = locate_source(f.get("paths") or [f.get("source_path") or ""], f.get("file_sha256") or "",
                               f.get("file_type") or "")
        if source.problem:
            problem = out / "PROBLEM.txt"
            problem.write_text(source.problem + "\n", encoding="utf-8")
            return [problem]
        return write_shown(source, q.flag_rows(store.con, rid), q.located_rows(store.con, rid), out)


REVIEW_STATUSES = ("confirmed", "dismissed")


def review_flags(db: Path, reviews: list[tuple[str, str, str | None]]) -> int:
    """Record reviews ``(FLAG_ID, confirmed|dismissed, note)`` in one transaction; return how many.

    Raises:
        BadInputError: A status is not confirmed/dismissed, or a FLAG_ID is unknown (nothing is written).
    """
    from lkip.schema.report_queries import save_reviews

    bad = [f"{i}: {st!r}" for i, st, _ in reviews if st not in REVIEW_STATUSES]
    if bad:
        raise BadInputError(f"review status must be confirmed or dismissed ({'; '.join(bad[:5])})")
    with open_store(db) as store:
        unknown = save_reviews(store.con, reviews)
    if unknown:
        raise BadInputError(
            f"no flag {', '.join(unknown[:10])}{' ...' if len(unknown) > 10 else ''}; nothing recorded. "
            "See the FLAG_IDs with `lkip flags`"
        )
    return len(reviews)


def read_reviews_csv(path: Path) -> list[tuple[str, str, str | None]]:
    """Read reviews from a CSV with columns flag_id,status,note (note optional).

    Raises:
        BadInputError: The file is missing, or lacks the flag_id/status columns.
    """
    import csv

    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
            names = set(rows[0]) if rows else set()
    except OSError as exc:
        raise BadInputError(f"{path}: cannot read the reviews CSV: {exc}") from exc
    if rows and not {"flag_id", "status"} <= names:
        raise BadInputError(f"{path}: the CSV needs the columns flag_id,status[,note]; it has {sorted(names)}")
    return [(r["flag_id"].strip(), r["status"].strip().lower(), (r.get("note") or "").strip() or None)
            for r in rows if (r.get("flag_id") or "").strip()]


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
