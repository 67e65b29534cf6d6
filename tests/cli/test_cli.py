import json
import re
import subprocess
import sys
from pathlib import Path

import duckdb

from lkip.cli import app, main

REPO = Path(__file__).resolve().parents[2]


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_end_to_end_results_view_answers_sql(sample_db, capsys):
    code, out, err = run(capsys, "query", "--db", sample_db, "--format", "json",
                         "SELECT satker, level, province, regency, year, indicator_code, target_value, "
                         "realisasi_value, stated_pct, achieved FROM results ORDER BY satker, indicator_code")
    assert code == 0, err
    rows = json.loads(out)
    by = {(r["satker"], r["indicator_code"]): r for r in rows}
    kota = by[("BNN Kota Sukamaju", "partisipasi_indeks")]
    assert (kota["level"], kota["province"], kota["regency"], kota["year"]) == ("kota", "Nusa Lestari", "Sukamaju", 2023)
    assert (kota["target_value"], kota["realisasi_value"], kota["stated_pct"]) == (3.25, 3.31, 101.85)
    zi = by[("BNN Provinsi Nusa Lestari", "umum_zona_integritas")]
    assert (zi["target_value"], zi["realisasi_value"], zi["achieved"]) == (80.0, 72.4, False)
    # another agency's indicators land uncoded
    agency = [r for r in rows if r["satker"] == "Dinas Pariwisata Kabupaten Sukamaju"]
    assert agency and all(r["indicator_code"] is None for r in agency)


def test_planted_inconsistencies_are_flagged(sample_db, capsys):
    code, out, _ = run(capsys, "flags", "--db", sample_db, "--format", "json")
    assert code == 0
    found = {(f["satker"], f["kind"], f["indicator_code"]) for f in json.loads(out)}
    assert ("BNN Provinsi Nusa Lestari", "pct_mismatch", "umum_zona_integritas") in found
    assert ("BNN Provinsi Nusa Lestari", "pct_mismatch", "umum_ikpa") in found
    assert ("BNN Provinsi Nusa Lestari", "pk_vs_capaian_target", "berantas_berkas_p21") in found
    assert ("BNN Provinsi Nusa Lestari", "summary_vs_table", "umum_zona_integritas") in found
    assert ("BNN Kota Sukamaju", "budget_arithmetic", None) in found
    # rows whose arithmetic is right are not flagged
    assert not any(k == "pct_mismatch" and c == "umum_nka" for _, k, c in found)


def test_flags_filters(sample_db, capsys):
    _, out, _ = run(capsys, "flags", "--db", sample_db, "--kind", "budget_arithmetic", "--format", "csv")
    lines = out.strip().splitlines()
    assert lines[0].startswith("flag_id,report_id,satker")
    assert len(lines) >= 2 and all("budget_arithmetic" in line for line in lines[1:])
    _, out, _ = run(capsys, "flags", "--db", sample_db, "--year", "1999", "--format", "json")
    assert json.loads(out) == []


def test_show_by_file_name(sample_db, capsys):
    code, out, err = run(capsys, "show", "lkip_bnnk_sukamaju_2023.txt", "--db", sample_db)
    assert code == 0, err
    assert "== perjanjian kinerja (5)" in out
    assert "partisipasi_indeks" in out


def test_show_fits_100_columns_and_wide_shows_the_rest(sample_db, capsys):
    code, out, err = run(capsys, "show", "lkip_bnnp_nusa_lestari_2024.pdf", "--db", sample_db)
    assert code == 0, err
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 100
    assert any(line.startswith("doc_kind ") and line.split()[-1] == "lkip" for line in lines)  # a vertical list
    assert "…" in out  # long texts are cut, not wrapped
    assert "method" not in out and "bbox" not in out
    _, wide, _ = run(capsys, "show", "lkip_bnnp_nusa_lestari_2024.pdf", "--db", sample_db, "--wide")
    assert "method" in wide and "bbox" in wide and "sasaran" in wide


def test_show_evidence_writes_crops_and_quotes(sample_db, tmp_path, capsys):
    code, _, err = run(capsys, "show", "lkip_bnnp_nusa_lestari_2024.pdf", "--db", sample_db,
                       "--evidence", tmp_path / "pdf")
    assert code == 0, err
    flags = sorted(p.name for p in (tmp_path / "pdf").glob("flag-*"))
    assert len(flags) >= 6 and all(name.endswith(".png") for name in flags)  # 4 flags, 2 with two sides
    assert len(list((tmp_path / "pdf").glob("pk-*.png"))) == 9
    code, _, err = run(capsys, "show", "lkip_bnnp_nusa_lestari_2024.txt", "--db", sample_db,
                       "--evidence", tmp_path / "txt")
    assert code == 0, err
    quote = next((tmp_path / "txt").glob("flag-*-2.txt")).read_text(encoding="utf-8")
    assert len(quote.splitlines()) == 6 and sum(line.startswith(">") for line in quote.splitlines()) == 1


def test_show_unknown_report_is_a_clear_error(sample_db, capsys):
    code, _, err = run(capsys, "show", "no-such-report", "--db", sample_db)
    assert code == 3
    assert "no report matches 'no-such-report'" in err


def test_export_parquet_and_csv(sample_db, tmp_path, capsys):
    for fmt in ("parquet", "csv"):
        out_dir = tmp_path / fmt
        code, out, err = run(capsys, "export", "--db", sample_db, "--format", fmt, "--out", out_dir)
        assert code == 0, err
        assert (out_dir / f"results.{fmt}").exists()
    n = duckdb.sql(f"SELECT count(*) FROM read_parquet('{tmp_path / 'parquet' / 'pk_targets.parquet'}')").fetchall()[0][0]
    m = duckdb.connect(str(sample_db), read_only=True).execute("SELECT count(*) FROM pk_targets").fetchone()[0]
    assert n == m > 0


def test_reingest_is_idempotent(text_samples, db_path, capsys):
    assert run(capsys, "ingest", text_samples, "--db", db_path, "-q", "--workers", "0")[0] == 0
    code, out, _ = run(capsys, "ingest", text_samples, "--db", db_path, "-q", "--workers", "0")
    assert code == 0
    assert "0 ok" in out and "2 unchanged (skipped)" in out
    con = duckdb.connect(str(db_path), read_only=True)
    assert con.execute("SELECT count(*) FROM reports").fetchone()[0] == 2
    assert con.execute("SELECT count(*) FROM pk_targets").fetchone()[0] == 14


def test_changed_file_replaces_its_rows(text_samples, db_path, capsys):
    run(capsys, "ingest", text_samples, "--db", db_path, "-q", "--workers", "0")
    f = text_samples / "lkip_bnnk_sukamaju_2023.txt"
    f.write_text(f.read_text(encoding="utf-8").replace("3,25\tIndeks", "3,30\tIndeks"), encoding="utf-8")
    code, out, _ = run(capsys, "ingest", text_samples, "--db", db_path, "-q", "--workers", "0")
    assert "1 ok" in out
    con = duckdb.connect(str(db_path), read_only=True)
    assert con.execute("SELECT count(*) FROM reports").fetchone()[0] == 2
    assert con.execute("SELECT target_value FROM pk_targets WHERE indicator_code = 'partisipasi_indeks'").fetchall() == [(3.3,)]


def test_bad_file_does_not_stop_the_batch(text_samples, db_path, capsys):
    (text_samples / "empty.txt").write_bytes(b"")
    (text_samples / "broken.pdf").write_bytes(b"%PDF-1.7\n garbage")
    code, out, err = run(capsys, "ingest", text_samples, "--db", db_path, "-q")
    assert code == 1
    assert "2 ok" in out and "2 failed" in out
    assert "empty.txt: empty file (0 bytes)" in err
    con = duckdb.connect(str(db_path), read_only=True)
    failed = dict(con.execute("SELECT source_path, error FROM reports WHERE status = 'failed'").fetchall())
    assert any(p.endswith("broken.pdf") and "broken.pdf" in e for p, e in failed.items())


def test_crash_between_files_leaves_no_partial_report(text_samples, db_path, monkeypatch, capsys):
    from lkip.schema import store as store_mod

    real = store_mod.Store.write_report
    calls = {"n": 0}

    def crashing(self, records, paths, **kw):
        calls["n"] += 1
        if calls["n"] == 2:
            # the second report's rows are half inserted when the process dies
            with self.transaction():
                self._insert("reports", [store_mod._record_dict(records.report)])
                raise KeyboardInterrupt
        return real(self, records, paths, **kw)

    monkeypatch.setattr(store_mod.Store, "write_report", crashing)
    code, _, err = run(capsys, "ingest", text_samples, "--db", db_path, "-q", "--workers", "0")
    assert code == 130 and "interrupted" in err
    con = duckdb.connect(str(db_path), read_only=True)
    assert con.execute("SELECT count(*) FROM reports").fetchone()[0] == 1
    con.close()
    monkeypatch.setattr(store_mod.Store, "write_report", real)
    code, out, _ = run(capsys, "ingest", text_samples, "--db", db_path, "-q", "--workers", "0")
    assert code == 0 and "1 ok" in out and "1 unchanged" in out
    con = duckdb.connect(str(db_path), read_only=True)
    assert con.execute("SELECT count(*) FROM reports").fetchone()[0] == 2


def test_missing_path_is_a_failed_file(tmp_path, capsys):
    code, _, err = run(capsys, "ingest", tmp_path / "nowhere", "--db", tmp_path / "x.duckdb")
    assert code == 1
    assert "failed: " + str(tmp_path / "nowhere") + ": no such file or folder" in err


def test_query_error_names_the_problem(sample_db, capsys):
    code, _, err = run(capsys, "query", "--db", sample_db, "SELECT nope FROM results")
    assert code == 3 and "query failed" in err


def _commands(group, prefix=()):
    import typer.main

    click_group = typer.main.get_command(group)
    stack = [(prefix, click_group)]
    while stack:
        path, cmd = stack.pop()
        subs = getattr(cmd, "commands", None)
        if subs:
            stack.extend(((*path, name), sub) for name, sub in subs.items())
        else:
            yield path, cmd


def test_every_command_has_help_with_an_example():
    commands = list(_commands(app))
    assert len(commands) >= 10
    for path, cmd in commands:
        assert cmd.help and re.search(r"Example: lkip ", cmd.help), f"{' '.join(path)} has no example"


def test_module_runs_as_subprocess(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "lkip", "query", "SELECT 1", "--db", str(tmp_path / "none.duckdb")],
                          capture_output=True, text=True)
    assert proc.returncode == 5
    assert "no such database" in proc.stderr


def test_html_report_from_ingested_samples(sample_db, tmp_path, capsys):
    out = tmp_path / "report.html"
    code, _, err = run(capsys, "report", "--db", sample_db, "--out", out)
    assert code == 0, err
    html = out.read_text(encoding="utf-8")
    assert "BNN Provinsi Nusa Lestari" in html and "pct_mismatch" in html and "<svg" in html
    assert not re.search(r"""(src|href)\s*=\s*["']?https?:""", html)  # opens with no network
    assert "<script src" not in html


def test_catalogue_list_and_alias_recodes_rows(text_samples, db_path, capsys):
    code, out, _ = run(capsys, "catalogue", "list", "--format", "csv")
    codes = {line.split(",")[0] for line in out.strip().splitlines()[1:]}
    assert len(codes) == 22 and {"remaja_kabkota_tinggi", "umum_zona_integritas"} <= codes
    # a wording the catalogue cannot know lands uncoded; an alias fixes it and future ingests
    f = text_samples / "lkip_bnnk_sukamaju_2023.txt"
    f.write_text(f.read_text(encoding="utf-8").replace("Nilai Kinerja Anggaran (NKA)", "Skor SMART DJA satker"),
                 encoding="utf-8")
    assert run(capsys, "ingest", text_samples, "--db", db_path, "-q", "--workers", "0")[0] == 0
    con = duckdb.connect(str(db_path), read_only=True)
    assert con.execute("SELECT count(*) FROM capaian WHERE indicator_text LIKE 'Skor SMART%' "
                       "AND indicator_code IS NULL").fetchone()[0] > 0
    con.close()
    code, out, err = run(capsys, "catalogue", "alias", "Skor SMART DJA satker", "umum_nka", "--db", db_path)
    assert code == 0, err
    con = duckdb.connect(str(db_path), read_only=True)
    assert con.execute("SELECT count(*) FROM capaian WHERE indicator_text LIKE 'Skor SMART%' "
                       "AND indicator_code IS NULL").fetchone()[0] == 0
    con.close()
    code, _, err = run(capsys, "catalogue", "alias", "x", "no_such_code", "--db", db_path)
    assert code == 6 and "unknown code 'no_such_code'" in err


def test_other_agency_catalogue_file(text_samples, tmp_path, capsys):
    cat = tmp_path / "pariwisata.yaml"
    cat.write_text(
        "name: Pariwisata\nindicators:\n"
        "  - code: wisnus_kunjungan\n    name: Jumlah kunjungan wisatawan nusantara\n"
        "    bidang: destinasi\n    measure: count\n    direction: higher_is_better\n    unit: Orang\n",
        encoding="utf-8")
    code, out, err = run(capsys, "catalogue", "list", "--catalogue", cat, "--format", "csv")
    assert code == 0, err
    assert out.splitlines()[1].startswith("wisnus_kunjungan,Jumlah kunjungan wisatawan nusantara")
    db = tmp_path / "agency.duckdb"
    pdf = text_samples.parent / "agency.pdf"
    pdf.write_bytes((REPO / "samples" / "pdf" / "lkip_dinas_pariwisata_sukamaju_2024.pdf").read_bytes())
    assert run(capsys, "ingest", pdf, "--db", db, "-q", "--catalogue", cat)[0] == 0
    con = duckdb.connect(str(db), read_only=True)
    coded = con.execute("SELECT indicator_code FROM pk_targets ORDER BY row_no").fetchall()
    assert coded[0] == ("wisnus_kunjungan",) and coded[1] == (None,)
    bad = tmp_path / "broken.yaml"
    bad.write_text("indicators: [{code: 1}]\n", encoding="utf-8")
    code, _, err = run(capsys, "catalogue", "list", "--catalogue", bad)
    assert code == 6 and "broken.yaml" in err


def test_ray_engine_without_ray_says_how_to_install(text_samples, db_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "ray", None)  # as if Ray were not installed
    code, _, err = run(capsys, "ingest", text_samples, "--db", db_path, "--engine", "ray", "-q")
    assert code == 7
    assert "pip install 'lkip[ray]'" in err


def test_an_lkip_with_another_offices_pk_keeps_it_apart_and_shows_its_tables(tmp_path, capsys):
    from tests.extract.test_signers import OWN_AND_ATTACHED

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bnnp_bengkulu_2024.txt").write_text(OWN_AND_ATTACHED, encoding="utf-8")
    db = tmp_path / "a.duckdb"
    code, _, err = run(capsys, "ingest", folder, "--db", db)
    assert code == 0, err
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT target_value FROM pk_targets ORDER BY row_no").fetchall() == [(70.0,), (88.0,)]
        assert con.execute("SELECT office, target_value FROM attached_pk_targets ORDER BY row_no").fetchall() == [
            ("Kepala BNN Kabupaten Kaur", 75.0), ("Kepala BNN Kabupaten Kaur", 90.0)]
        assert con.execute("SELECT doc_kind FROM report_kinds").fetchall() == [("lkip_with_attached_pk",)]
        assert con.execute("SELECT table_no, use FROM report_tables ORDER BY 1").fetchall() == [
            (1, "pk"), (2, "capaian_main"), (3, "other_office_pk")]
        # the attached PK's targets are not compared with the report's own: no pk_vs_capaian flag from them
        assert con.execute("SELECT count(*) FROM flags WHERE kind = 'pk_vs_capaian_target'").fetchone() == (0,)
    finally:
        con.close()
    code, out, err = run(capsys, "show", "bnnp_bengkulu_2024.txt", "--db", db)
    assert code == 0, err
    assert "== tables (3)" in out and "other_office_pk" in out
    assert "== attached PKs of other offices (2)" in out


def test_results_say_which_table_each_row_comes_from(sample_db, capsys):
    code, out, err = run(capsys, "query", "--db", sample_db, "--format", "json",
                         "SELECT report_id, satker, indicator_key, source_kind, source_reason, other_rows FROM results")
    assert code == 0, err
    rows = json.loads(out)
    keys = [(r["report_id"], r["indicator_key"]) for r in rows]
    assert len(keys) == len(set(keys))  # one row per report and indicator, coded or not
    assert all(r["source_reason"].startswith(("main capaian table", "per-indicator table")) for r in rows)
    uncoded = [r for r in rows if r["satker"] == "Dinas Pariwisata Kabupaten Sukamaju"]
    assert uncoded and all(r["indicator_key"].startswith("text:") for r in uncoded)
