"""Issue 9: the Ray engine gives the same database as the local engine."""

import duckdb
import pytest

from lkip.cli import main

ray = pytest.importorskip("ray", reason="Ray is an optional extra: pip install 'lkip[ray]'")

COMPARE = {
    "reports": "SELECT * EXCLUDE (ingested_at, seconds, source_path) FROM reports",
    "report_files": "SELECT path, report_id FROM report_files",
    "pk_targets": "SELECT * FROM pk_targets",
    "capaian": "SELECT * FROM capaian",
    "budget": "SELECT * FROM budget",
    "flags": "SELECT * FROM flags",
    "review_queue": "SELECT * FROM review_queue",
    "results": "SELECT * FROM results",
    "indicators": "SELECT * FROM indicators",
}


def _dump(db):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: sorted(map(repr, con.execute(sql).fetchall())) for t, sql in COMPARE.items()}
    finally:
        con.close()


def test_ray_and_local_engines_give_identical_databases(tmp_path, samples_dir, capsys):
    inputs = samples_dir / "text"
    local_db, ray_db, shards = tmp_path / "local.duckdb", tmp_path / "ray.duckdb", tmp_path / "shards"
    assert main(["ingest", str(inputs), "--db", str(local_db), "-q"]) == 0
    assert main(["ingest", str(inputs), "--db", str(ray_db), "-q", "--engine", "ray", "--workers", "2",
                 "--shards", str(shards)]) == 0
    local, remote = _dump(local_db), _dump(ray_db)
    for table in COMPARE:
        assert local[table] == remote[table], table
    assert local["pk_targets"], "nothing was extracted"
    # shards are partitioned by table, year and province
    assert list((shards / "pk_targets").glob("year=2023/province=Nusa_Lestari/*.parquet"))
    capsys.readouterr()
    # idempotent: a second run finds everything in the shards
    assert main(["ingest", str(inputs), "--db", str(ray_db), "-q", "--engine", "ray", "--shards", str(shards)]) == 0
    assert "2 unchanged (skipped)" in capsys.readouterr().out
    # the shards answer SQL in place, without loading
    assert main(["query", "--parquet", str(shards), "--format", "csv",
                 "SELECT count(*) AS n FROM results WHERE indicator_code IS NOT NULL"]) == 0
    n = int(capsys.readouterr().out.splitlines()[1])
    con = duckdb.connect(str(local_db), read_only=True)
    assert n == con.execute("SELECT count(*) FROM results WHERE indicator_code IS NOT NULL").fetchone()[0] > 0
    con.close()
    # lkip load loads shards into a fresh database, identical again
    fresh = tmp_path / "fresh.duckdb"
    assert main(["load", str(shards), "--db", str(fresh)]) == 0
    loaded = _dump(fresh)
    for table in ("reports", "pk_targets", "capaian", "flags"):
        assert loaded[table] == local[table], table
