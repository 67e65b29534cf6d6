from datetime import datetime

import duckdb
import pytest

from lkip.errors import DatabaseBusyError, SchemaError
from lkip.normalize._records import (
    Capaian,
    Flag,
    FlagKind,
    PkTarget,
    Report,
    ReportRecords,
    Severity,
    Status,
)
from lkip.schema.store import SCHEMA_VERSION, open_store


def _records(rid: str, *, satker: str = "BNN Kota Contoh", n_pk: int = 2) -> ReportRecords:
    report = Report(
        report_id=rid, source_path=f"/x/{rid}.txt", file_sha256=rid * 4, file_type="text",
        pages=None, satker=satker, level="kota", province="Jawa Timur", regency="Contoh",
        year=2024, status=Status.OK, error=None, parser_version="t", ingested_at=datetime.now(),
    )
    pk = tuple(PkTarget(i, "Meningkatnya x", f"Indikator {i}", "umum_nka", 99.0, 86.0 + i, f"{86 + i} Indeks",
                        "Indeks", None, 10 + i, "text:raw_lines", (1.0, 2.0, 3.0, 4.0)) for i in range(1, n_pk + 1))
    cap = (Capaian("main_table", 1, 1, "Nilai Kinerja Anggaran", "umum_nka", 99.0, 86.0, "86", 98.6, "98,6",
                   114.65, "114,65", 114.651163, None, None, 20, "text:raw_lines"),)
    flag = Flag(FlagKind.PCT_MISMATCH, Severity.WARNING, "umum_nka", "m", "114.65", "120", None, 20, "86 98,6 120")
    return ReportRecords(report=report, pk=pk, capaian=cap, flags=(flag,))


def test_schema_is_created_with_version(db_path):
    with open_store(db_path) as store:
        names, rows = store.query("SELECT value FROM meta WHERE key = 'schema_version'")
        assert rows == [(SCHEMA_VERSION,)]
        _, tables = store.query("SELECT table_name FROM information_schema.tables ORDER BY 1")
        names = {t[0] for t in tables}
    assert {"reports", "pk_targets", "capaian", "budget", "flags", "indicators",
            "indicator_aliases", "review_queue", "results"} <= names


def test_other_schema_version_is_refused(db_path):
    with open_store(db_path) as store:
        store.con.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    with pytest.raises(SchemaError, match="schema version 999"):
        open_store(db_path)


def _as_schema_2(store) -> None:
    """Take schema 3's additions out of a fresh file (what a schema-2 file lacks)."""
    store.con.execute("DROP VIEW stale_flag_reviews; DROP VIEW flag_list; DROP VIEW results_by_indicator; "
                      "DROP VIEW results; DROP VIEW report_kinds; DROP TABLE attached_pk_targets; "
                      "DROP TABLE report_tables; ALTER TABLE capaian DROP COLUMN indicator_key; "
                      "ALTER TABLE flags DROP COLUMN indicator_key")


def test_version_1_file_is_upgraded_in_place(db_path):
    """A file of schema 1 (no flag_reviews, no flag_list) gains them, its rows kept."""
    with open_store(db_path) as store:
        store.write_report(_records("b" * 16), ["/x/b.txt"])
        _as_schema_2(store)
        store.con.execute("DROP TABLE flag_reviews")
        store.con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    with open_store(db_path) as store:
        _, version = store.query("SELECT value FROM meta WHERE key = 'schema_version'")
        _, flags = store.query("SELECT count(*), count(DISTINCT flag_id) FROM flag_list")
        _, reviews = store.query("SELECT count(*) FROM flag_reviews")
    assert version == [(SCHEMA_VERSION,)] and SCHEMA_VERSION == "3"
    assert flags == [(1, 1)] and reviews == [(0,)]


def test_version_2_file_is_upgraded_in_place(db_path):
    """A file of schema 2 gains the attached PKs, the table inventory and the indicator keys; rows kept."""
    with open_store(db_path) as store:
        store.write_report(_records("b" * 16), ["/x/b.txt"])
        _as_schema_2(store)
        store.con.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    with open_store(db_path) as store:
        _, results = store.query("SELECT indicator_key, source_kind, source_reason FROM results")
        _, tables = store.query("SELECT count(*) FROM report_tables")
        store.write_report(_records("c" * 16), ["/x/c.txt"])  # a new report writes every column
        _, keys = store.query("SELECT report_id, indicator_key FROM capaian ORDER BY 1")
    assert results == [("umum_nka", "main_table",
                        "main capaian table (the BAB III table giving most of the year's figures)")]
    assert tables == [(0,)]
    assert keys == [("b" * 16, None), ("c" * 16, "umum_nka")]


def test_read_only_open_of_missing_file_names_it(tmp_path):
    with pytest.raises(SchemaError, match="no such database"):
        open_store(tmp_path / "nope.duckdb", read_only=True)


def test_write_replaces_a_report_and_keeps_bbox(db_path):
    with open_store(db_path) as store:
        store.write_report(_records("a" * 16, n_pk=3), ["/x/a.txt"])
        store.write_report(_records("a" * 16, n_pk=1), ["/x/a.txt"])
        _, rows = store.query("SELECT count(*), any_value(bbox) FROM pk_targets")
    assert rows[0][0] == 1
    assert rows[0][1] == [1.0, 2.0, 3.0, 4.0]


def test_failed_write_leaves_nothing_half_written(db_path):
    with open_store(db_path) as store:
        store.write_report(_records("b" * 16), ["/x/b.txt"])
        bad = _records("c" * 16)
        # a capaian row violating NOT NULL makes the insert fail after reports/pk went in
        broken_cap = (Capaian("main_table", 1, 1, None, None, None, None, None, None, None, None, None,  # type: ignore[arg-type]
                              None, None, None, None, "x"),)
        bad = ReportRecords(report=bad.report, pk=bad.pk, capaian=broken_cap)
        with pytest.raises(duckdb.ConstraintException, match="NOT NULL"):
            store.write_report(bad, ["/x/c.txt"])
        _, rows = store.query("SELECT report_id FROM reports ORDER BY 1")
        _, pk = store.query("SELECT DISTINCT report_id FROM pk_targets")
    assert rows == [("b" * 16,)]
    assert pk == [("b" * 16,)]


def test_changed_file_at_same_path_replaces_old_report(db_path):
    with open_store(db_path) as store:
        store.write_report(_records("d" * 16), ["/x/report.txt"])
        store.write_report(_records("e" * 16), ["/x/report.txt"])
        _, rows = store.query("SELECT report_id FROM reports")
        _, files = store.query("SELECT path, report_id FROM report_files")
    assert rows == [("e" * 16,)]
    assert files == [("/x/report.txt", "e" * 16)]


def test_second_writer_gets_busy_error(held_db):
    with pytest.raises(DatabaseBusyError, match="database is busy"):
        open_store(held_db)
