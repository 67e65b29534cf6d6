"""The DuckDB store: one file, created from ``ddl.sql``, written one report per transaction."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from lkip.errors import DatabaseBusyError, SchemaError
from lkip.normalize._records import ReportRecords

SCHEMA_VERSION = "2"
#: Older versions this lkip upgrades in place: re-running the DDL adds what they lack
#: (version 2 added ``flag_reviews`` and the views ``report_kinds``, ``flag_list``).
UPGRADABLE_VERSIONS = ("1",)

#: Tables that hold one report's rows, keyed by report_id.
REPORT_TABLES = ("pk_targets", "capaian", "budget", "flags", "review_queue", "report_meta_evidence")
#: Every table, in the order an export writes them.
ALL_TABLES = ("reports", "report_files", *REPORT_TABLES, "indicators", "indicator_aliases", "meta")


def read_ddl() -> str:
    """Return the schema DDL shipped with the package."""
    return resources.files("lkip.schema").joinpath("ddl.sql").read_text(encoding="utf-8")


def connect(path: Path | str, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open a DuckDB file, turning a held lock into :class:`DatabaseBusyError`.

    Args:
        path: The database file.
        read_only: Open without write access (the file must exist).

    Raises:
        DatabaseBusyError: Another process holds the file.
        SchemaError: The file is not a DuckDB database.
    """
    path = Path(path)
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        text = str(exc)
        if "lock" in text.lower():
            raise DatabaseBusyError(
                f"{path}: database is busy (another lkip process is using it); "
                "wait for it to finish and try again"
            ) from exc
        raise SchemaError(f"{path}: cannot open as a DuckDB database: {text}") from exc
    except duckdb.Error as exc:
        raise SchemaError(f"{path}: cannot open as a DuckDB database: {exc}") from exc


def _rows_to_arrow(rows: list[dict[str, Any]], columns: Sequence[str]) -> pa.Table:
    return pa.table({c: [row.get(c) for row in rows] for c in columns if any(c in row for row in rows)})


def _record_dict(record: Any, **extra: Any) -> dict[str, Any]:
    out = {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}
    for key, value in list(out.items()):
        if isinstance(value, tuple) and key == "bbox":
            out[key] = list(value)
        elif hasattr(value, "value") and not isinstance(value, (int, float, str)):
            out[key] = value.value
    out.update(extra)
    return out


def records_to_rows(records: ReportRecords) -> dict[str, list[dict[str, Any]]]:
    """Given one report's records, return its rows per table (``reports`` first)."""
    rid = records.report.report_id
    return {
        "reports": [_record_dict(records.report)],
        "pk_targets": [_record_dict(r, report_id=rid) for r in records.pk],
        "capaian": [_record_dict(r, report_id=rid) for r in records.capaian],
        "budget": [_record_dict(records.budget, report_id=rid)] if records.budget else [],
        "flags": [_record_dict(r, report_id=rid) for r in records.flags],
        "review_queue": [_record_dict(r, report_id=rid) for r in records.review],
        "report_meta_evidence": [_record_dict(e, report_id=rid) for e in records.meta_evidence],
    }


class Store:
    """A DuckDB file holding lkip's tables.

    Use :func:`open_store` to get one; it is a context manager that closes the file.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path) -> None:
        self.con = con
        self.path = path
        self._columns: dict[str, list[str]] = {}  # per table, read once (the schema does not change)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (checkpointing the file)."""
        self.con.close()

    # -- schema -------------------------------------------------------------

    def ensure_schema(self) -> None:
        """Create the tables and views if missing, upgrade an older version; refuse any other.

        Raises:
            SchemaError: The file was written by an incompatible lkip version.
        """
        has_meta = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'"
        ).fetchone()[0]
        if has_meta:
            row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            if row and row[0] != SCHEMA_VERSION and row[0] not in UPGRADABLE_VERSIONS:
                raise SchemaError(
                    f"{self.path}: schema version {row[0]}, this lkip expects {SCHEMA_VERSION}; "
                    "ingest into a new --db file"
                )
        self.con.execute(read_ddl())
        self.con.execute(
            "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION]
        )

    # -- look-ups -----------------------------------------------------------

    def report_for_hash(self, sha256: str) -> tuple[str, str, str] | None:
        """Return ``(report_id, parser_version, status)`` of a stored content hash, or None."""
        row = self.con.execute(
            "SELECT report_id, parser_version, status FROM reports WHERE file_sha256 = ?", [sha256]
        ).fetchone()
        return tuple(row) if row else None  # type: ignore[return-value]

    def report_for_path(self, path: str) -> str | None:
        """Return the report_id last ingested from this path, or None."""
        row = self.con.execute(
            "SELECT report_id FROM report_files WHERE path = ?", [path]
        ).fetchone()
        return row[0] if row else None

    # -- writing ------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Run a block in one transaction: all of it lands, or none of it."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    def _delete_report(self, report_id: str) -> None:
        for table in REPORT_TABLES:
            self.con.execute(f"DELETE FROM {table} WHERE report_id = ?", [report_id])
        self.con.execute("DELETE FROM reports WHERE report_id = ?", [report_id])

    def _insert(self, table: str, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        if table not in self._columns:
            self._columns[table] = [r[0] for r in self.con.execute(f"DESCRIBE {table}").fetchall()]
        arrow = _rows_to_arrow(rows, self._columns[table])  # noqa: F841 (read by DuckDB by name)
        self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM arrow")

    def write_report(self, records: ReportRecords, paths: Iterable[str]) -> None:
        """Replace one report's rows and record the paths it was seen at, atomically.

        A path that pointed at another (older) content is moved to this report; the
        older report is removed when no path refers to it any more.
        """
        rid = records.report.report_id
        now = datetime.now()
        with self.transaction():
            self._delete_report(rid)
            for table, rows in records_to_rows(records).items():
                self._insert(table, rows)
            for path in paths:
                self._move_path(path, rid, now)

    def add_path(self, path: str, report_id: str) -> None:
        """Record that ``path`` holds the content of ``report_id`` (a copy or a re-ingest)."""
        with self.transaction():
            self._move_path(path, report_id, datetime.now())

    def _move_path(self, path: str, report_id: str, now: datetime) -> None:
        old = self.report_for_path(path)
        self.con.execute("INSERT OR REPLACE INTO report_files VALUES (?, ?, ?)", [path, report_id, now])
        if old and old != report_id:
            still = self.con.execute(
                "SELECT count(*) FROM report_files WHERE report_id = ?", [old]
            ).fetchone()[0]
            if not still:
                self._delete_report(old)

    def sync_catalogue(self, indicators: list[dict[str, Any]], aliases: list[dict[str, Any]]) -> None:
        """Replace the catalogue tables (user aliases are kept)."""
        with self.transaction():
            self.con.execute("DELETE FROM indicators")
            self.con.execute("DELETE FROM indicator_aliases WHERE source = 'catalogue'")
            self._insert("indicators", indicators)
            user = {r[0] for r in self.con.execute(
                "SELECT alias FROM indicator_aliases WHERE source = 'user'").fetchall()}
            self._insert("indicator_aliases", [a for a in aliases if a["alias"] not in user])

    def user_aliases(self) -> dict[str, str]:
        """Return the aliases users added (alias text -> code)."""
        return dict(self.con.execute(
            "SELECT alias, code FROM indicator_aliases WHERE source = 'user'").fetchall())

    # -- reading ------------------------------------------------------------

    def query(self, sql: str, params: list[Any] | None = None) -> tuple[list[str], list[tuple]]:
        """Run SQL and return ``(column names, rows)``."""
        cur = self.con.execute(sql, params or [])
        names = [d[0] for d in cur.description] if cur.description else []
        return names, cur.fetchall()


def open_store(path: Path | str, *, read_only: bool = False, create: bool = True) -> Store:
    """Open (and, unless read-only, create or upgrade) the store at ``path``.

    Raises:
        DatabaseBusyError: Another process holds the file.
        SchemaError: The file is not an lkip database of this schema version.
        FileNotFoundError: ``read_only`` or not ``create`` and the file does not exist.
    """
    path = Path(path)
    if (read_only or not create) and not path.exists():
        raise SchemaError(f"{path}: no such database; run `lkip ingest --db {path}` first")
    store = Store(connect(path, read_only=read_only), path)
    if not read_only:
        try:
            store.ensure_schema()
        except BaseException:
            store.close()
            raise
    return store
