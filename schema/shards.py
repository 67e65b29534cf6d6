"""Parquet shards: one report's rows as files, for engines whose workers cannot share a DuckDB file.

Layout: ``SHARDS/<table>/year=<year>/province=<province>/<report_id>.parquet``, one
file per table and report, written by the worker that extracted the report. The
``reports`` file is written last, so its presence means the report is complete.
:func:`load_shards` loads them into a DuckDB store; :func:`connect_shards` queries
them in place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import duckdb

from lkip.normalize._records import ReportRecords
from lkip.schema.store import REPORT_TABLES, Store, open_store, read_ddl

#: Tables a report's shard set holds, ``reports`` last.
SHARD_TABLES = ("report_files", *REPORT_TABLES, "reports")
_UNSAFE = re.compile(r"[^0-9A-Za-z_.-]+")


def _part(value: object) -> str:
    text = "unknown" if value is None or value == "" else str(value)
    return _UNSAFE.sub("_", text)


def shard_dir(root: Path, table: str, year: int | None, province: str | None) -> Path:
    """Return the folder of a table's shard for one year and province."""
    return root / table / f"year={_part(year)}" / f"province={_part(province)}"


def write_catalogue_shards(indicators: list[dict], aliases: list[dict], root: Path) -> None:
    """Write the catalogue in use as ``indicators`` and ``indicator_aliases`` shards."""
    with open_store(":memory:") as mem:
        mem.sync_catalogue(indicators, aliases)
        for table in ("indicators", "indicator_aliases"):
            (root / table).mkdir(parents=True, exist_ok=True)
            tmp = root / table / f".{table}.parquet.part"
            mem.con.table(table).write_parquet(str(tmp))
            tmp.replace(root / table / f"{table}.parquet")


def write_shards(records: ReportRecords, paths: Iterable[str], root: Path) -> list[Path]:
    """Write one report's rows as Parquet files under ``root`` (atomically per file).

    Returns:
        The files written.
    """
    rep = records.report
    with open_store(":memory:") as mem:
        mem.write_report(records, list(paths))
        written = []
        for table in SHARD_TABLES:
            folder = shard_dir(root, table, rep.year, rep.province)
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / f"{rep.report_id}.parquet"
            tmp = folder / f".{rep.report_id}.parquet.part"
            mem.con.table(table).write_parquet(str(tmp))
            tmp.replace(target)
            written.append(target)
    return written


def stored_hashes(root: Path) -> dict[str, str]:
    """Return ``file_sha256 -> parser_version`` of the complete reports under ``root``."""
    files = list((root / "reports").glob("*/*/*.parquet")) if root.exists() else []
    if not files:
        return {}
    rows = duckdb.execute(
        "SELECT file_sha256, parser_version FROM read_parquet(?, hive_partitioning = false)",
        [[str(f) for f in files]]).fetchall()
    return dict(rows)


def load_shards(root: Path, store: Store) -> int:
    """Load every complete report under ``root`` into ``store``, one transaction per report.

    Returns:
        The number of reports loaded.
    """
    count = 0
    for rep_file in sorted((root / "reports").glob("*/*/*.parquet")):
        rid = rep_file.stem
        year_dir, prov_dir = rep_file.parent.parent.name, rep_file.parent.name
        with store.transaction():
            store._delete_report(rid)  # noqa: SLF001 - same package
            for table in SHARD_TABLES:
                f = root / table / year_dir / prov_dir / f"{rid}.parquet"
                if table == "report_files":
                    store.con.execute(
                        "DELETE FROM report_files WHERE path IN (SELECT path FROM read_parquet(?))", [str(f)])
                store.con.execute(
                    f"INSERT INTO {table} BY NAME SELECT * FROM read_parquet(?, hive_partitioning = false)",
                    [str(f)])
        count += 1
    return count


def connect_shards(root: Path, *, sandbox: bool = True) -> duckdb.DuckDBPyConnection:
    """Return an in-memory DuckDB whose tables are views over the shards (and the usual views).

    Args:
        root: The shard folder.
        sandbox: Let SQL on the connection read the shard files and nothing else (no other
            file, no extension installed or loaded).

    Raises:
        FileNotFoundError: ``root`` holds no shards.
    """
    if not (root / "reports").is_dir():
        raise FileNotFoundError(f"{root}: no Parquet shards here (expected {root / 'reports'})")
    con = duckdb.connect(":memory:", config={"autoinstall_known_extensions": False,
                                             "autoload_known_extensions": False})
    con.execute(read_ddl())  # empty tables with the right columns, and the views
    shard_files: list[str] = []
    for table in (*SHARD_TABLES, "indicators", "indicator_aliases"):
        files = [str(f) for f in sorted((root / table).glob("**/*.parquet"))] if (root / table).exists() else []
        if not files:
            continue
        shard_files.extend(files)
        con.execute(f"DROP TABLE {table}")
        con.read_parquet(files, hive_partitioning=False, union_by_name=True).create_view(table)
    if sandbox:
        con.execute("SET allowed_paths = ?", [shard_files])
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
    return con
