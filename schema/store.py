"""The DuckDB store: one file, created from ``ddl.sql``, written one report per transaction."""

from __future__ import annotations

import dataclasses
import time
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

SCHEMA_VERSION = "3"
#: Older versions this lkip upgrades in place: re-running the DDL adds what they lack
#: (version 2 added ``flag_reviews`` and the views ``report_kinds``, ``flag_list``; version 3
#: ``attached_pk_targets``, ``report_tables``, the ``indicator_key`` columns and the results'
#: ``source_reason``). Reports read by an older parser are read again by the next ingest.
UPGRADABLE_VERSIONS = ("1", "2")

#: Tables that hold one report's rows, keyed by report_id.
REPORT_TABLES = ("pk_targets", "attached_pk_targets", "capaian", "budget", "flags", "review_queue",
                 "report_meta_evidence", "report_tables")
#: Every table, in the order an export writes them.
ALL_TABLES = ("reports", "report_files", "report_failures", *REPORT_TABLES, "indicators", "indicator_aliases", "meta")
#: DuckDB errors of the file or the disk (not of the SQL): full disk, read-only folder, damaged file.
STORAGE_ERRORS = (duckdb.IOException, duckdb.TransactionException, duckdb.OutOfMemoryException,
                  duckdb.FatalException, duckdb.InternalException,
                  duckdb.SerializationException)
#: Seconds :func:`connect` waits for another process to release the file (an ingest holds it only to commit).
BUSY_WAIT = 10.0


def read_ddl() -> str:
    """Return the schema DDL shipped with the package."""
    return resources.files("lkip.schema").joinpath("ddl.sql").read_text(encoding="utf-8")


def connect(path: Path | str, *, read_only: bool = False, wait: float = BUSY_WAIT,
            config: dict[str, Any] | None = None) -> duckdb.DuckDBPyConnection:
    """Open a DuckDB file, waiting up to ``wait`` seconds while another process holds it.

    Args:
        path: The database file.
        read_only: Open without write access (the file must exist).
        wait: Seconds to keep trying while the file is locked (an ingest holds it only while it commits).
        config: DuckDB settings for the connection.

    Raises:
        DatabaseBusyError: Another process still holds the file after ``wait`` seconds.
        SchemaError: The file is not a DuckDB database.
    """
    path = Path(path)
    deadline = time.monotonic() + wait
    pause = 0.02
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only, config=config or {})
        except duckdb.IOException as exc:
            text = str(exc)
            if "lock" not in text.lower():
                raise SchemaError(f"{path}: cannot open as a DuckDB database: {text}") from exc
            if time.monotonic() >= deadline:
                raise DatabaseBusyError(
                    f"{path}: database is busy (another process has held it for {wait:g} s); "
                    "wait for it to finish and try again"
                ) from exc
        except duckdb.Error as exc:
            raise SchemaError(f"{path}: cannot open as a DuckDB database: {exc}") from exc
        time.sleep(pause)
        pause = min(pause * 2, 0.1)


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
        "attached_pk_targets": [_record_dict(r, report_id=rid) for r in records.attached_pk],
        "capaian": [_record_dict(r, report_id=rid) for r in records.capaian],
        "budget": [_record_dict(records.budget, report_id=rid)] if records.budget else [],
        "flags": [_record_dict(r, report_id=rid) for r in records.flags],
        "review_queue": [_record_dict(r, report_id=rid) for r in records.review],
        "report_meta_evidence": [_record_dict(e, report_id=rid) for e in records.meta_evidence],
        "report_tables": [_record_dict(t, report_id=rid) for t in records.tables],
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

    def __exit__(self, kind: object, exc: BaseException | None, tb: object) -> None:
        if isinstance(exc, STORAGE_ERRORS):  # the file or the disk failed, not lkip: say so (exit 5)
            self.con.close()
            raise SchemaError(
                f"{self.path}: cannot use the database (damaged, truncated, or not writable?): {exc}"
            ) from exc
        self.close()

    def close(self) -> None:
        """Close the connection (checkpointing the file).

        Raises:
            SchemaError: The checkpoint could not be written (disk full, read-only folder).
        """
        try:
            self.con.close()
        except STORAGE_ERRORS as exc:
            raise SchemaError(f"{self.path}: could not write the database: {exc}") from exc

    # -- schema -------------------------------------------------------------

    def check_schema(self) -> bool:
        """Return whether the file holds lkip's schema (False: an empty file, to be created).

        Raises:
            SchemaError: The file holds another program's tables, or another lkip schema version.
        """
        tables = sorted(r[0] for r in self.con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall())
        if not tables:
            return False
        version = None
        if "meta" in tables:
            try:
                rows = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
                version = rows[0][0] if rows else None
            except duckdb.Error:
                version = None
        if version is None:
            shown = ", ".join(tables[:5]) + (", ..." if len(tables) > 5 else "")
            raise SchemaError(
                f"{self.path}: not an lkip database (it holds other tables: {shown}, and no lkip "
                "schema_version in meta); nothing was written. Give lkip its own --db file"
            )
        if version != SCHEMA_VERSION and version not in UPGRADABLE_VERSIONS:
            raise SchemaError(
                f"{self.path}: schema version {version}, this lkip expects {SCHEMA_VERSION}; "
                "ingest into a new --db file"
            )
        return True

    def ensure_schema(self) -> None:
        """Create the tables and views if missing, upgrade an older version (in one transaction); refuse any other.

        Raises:
            SchemaError: Another program's database, an incompatible lkip version, or the file
                cannot be written.
        """
        self.check_schema()
        with self.transaction():
            self.con.execute(read_ddl())
            self.con.execute(
                "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION]
            )

    # -- look-ups -----------------------------------------------------------

    def report_for_hash(self, sha256: str) -> StoredReport | None:
        """Return what is stored for a content hash, or None."""
        row = self.con.execute(
            """SELECT r.report_id, r.parser_version, r.status, r.error, f.cause, r.source_path
               FROM reports r LEFT JOIN report_failures f USING (report_id) WHERE r.file_sha256 = ?""",
            [sha256]).fetchone()
        return StoredReport(*row) if row else None

    def report_for_path(self, path: str) -> str | None:
        """Return the report_id last ingested from this path, or None."""
        row = self.con.execute(
            "SELECT report_id FROM report_files WHERE path = ?", [path]
        ).fetchone()
        return row[0] if row else None

    # -- writing ------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Run a block in one transaction: all of it lands, or none of it.

        Raises:
            SchemaError: DuckDB could not write (disk full, read-only file, damaged file);
                the transaction was rolled back.
        """
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
            self.con.execute("COMMIT")
        except STORAGE_ERRORS as exc:
            self._rollback()
            raise SchemaError(
                f"{self.path}: could not write to the database ({exc}); this transaction was rolled back"
            ) from exc
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        try:
            self.con.execute("ROLLBACK")
        except duckdb.Error:
            pass  # a failed COMMIT has already ended the transaction

    def _delete_report(self, report_id: str) -> None:
        for table in (*REPORT_TABLES, "report_failures"):
            self.con.execute(f"DELETE FROM {table} WHERE report_id = ?", [report_id])
        self.con.execute("DELETE FROM reports WHERE report_id = ?", [report_id])

    def _insert(self, table: str, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        if table not in self._columns:
            self._columns[table] = [r[0] for r in self.con.execute(f"DESCRIBE {table}").fetchall()]
        arrow = _rows_to_arrow(rows, self._columns[table])  # noqa: F841 (read by DuckDB by name)
        self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM arrow")

    def write_report(self, records: ReportRecords, paths: Iterable[str], *, cause: str | None = None) -> None:
        """Replace one report's rows and record the paths it was seen at, atomically.

        A path that pointed at another (older) content is moved to this report; the
        older report is removed when no path refers to it any more.

        Args:
            records: The report's records.
            paths: Every path holding this content.
            cause: For a failed report, ``run`` (retried by the next ingest) or ``file``.
        """
        rid = records.report.report_id
        now = datetime.now()
        with self.transaction():
            self._delete_report(rid)
            for table, rows in records_to_rows(records).items():
                self._insert(table, rows)
            if cause is not None and records.report.status.value == "failed":
                self.con.execute("INSERT INTO report_failures VALUES (?, ?)", [rid, cause])
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
        """Run SQL and return ``(column names, rows)``.

        Raises:
            SchemaError: The file cannot be read (truncated or damaged).
            duckdb.Error: The SQL is invalid.
        """
        try:
            cur = self.con.execute(sql, params or [])
            names = [d[0] for d in cur.description] if cur.description else []
            return names, cur.fetchall()
        except STORAGE_ERRORS as exc:
            raise SchemaError(f"{self.path}: cannot read the database (damaged or truncated?): {exc}") from exc


@dataclasses.dataclass(frozen=True, slots=True)
class StoredReport:
    """What the store holds for one content hash.

    Attributes:
        report_id: The report's id.
        parser_version: The lkip version that extracted it.
        status: ``ok``, ``partial`` or ``failed``.
        error: What went wrong (failed/partial).
        cause: For a failed report: ``run`` (retry it) or ``file``; None when not recorded.
        source_path: The path it was extracted from (which ``error`` names).
    """

    report_id: str
    parser_version: str
    status: str
    error: str | None
    cause: str | None
    source_path: str


def open_store(path: Path | str, *, read_only: bool = False, create: bool = True,
               config: dict[str, Any] | None = None, wait: float = BUSY_WAIT) -> Store:
    """Open (and, unless read-only, create or upgrade) the store at ``path``.

    Args:
        path: The database file (``:memory:`` for a scratch store).
        read_only: Open without write access.
        create: Create the file and its tables when missing; False: the file must already
            hold lkip's schema (nothing is written on opening).
        config: DuckDB settings for the connection (e.g. the query sandbox).
        wait: Seconds to wait while another process holds the file.

    Raises:
        DatabaseBusyError: Another process holds the file.
        SchemaError: The file is not an lkip database of this schema version, is damaged, or
            cannot be written.
    """
    path = Path(path)
    if (read_only or not create) and not path.exists():
        raise SchemaError(f"{path}: no such database; run `lkip ingest --db {path}` first")
    store = Store(connect(path, read_only=read_only, config=config, wait=wait), path)
    try:
        if read_only or not create:
            store.check_schema()
        else:
            store.ensure_schema()
    except BaseException:
        store.con.close()
        raise
    return store
