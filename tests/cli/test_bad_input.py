"""Issue 7: every kind of bad input gets a clear error and the rest of the batch lands."""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from lkip.cli import main


def _ingest(capsys, *args):
    code = main(["ingest", *map(str, args), "-q"])
    out, err = capsys.readouterr()
    return code, out, err


def _reports(db):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {Path(p).name: (s, e) for p, s, e in con.execute(
            "SELECT f.path, r.status, r.error FROM report_files f JOIN reports r USING (report_id)").fetchall()}
    finally:
        con.close()


def _plain_pdf(path: Path, lines: list[str], *, encrypt: str | None = None) -> Path:
    c = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    y = 800
    for line in lines:
        c.drawString(50, y, line)
        y -= 14
    c.showPage()
    c.save()
    return path


@pytest.fixture()
def batch(tmp_path, samples_dir):
    """A folder with the good text samples and every kind of bad file beside them."""
    d = tmp_path / "batch dir ñ"
    shutil.copytree(samples_dir / "text", d)
    good = d / "lkip_bnnk_sukamaju_2023.txt"
    (d / "zero.txt").write_bytes(b"")
    (d / "random.pdf").write_bytes(os.urandom(4096))
    pdf = (samples_dir / "pdf" / "lkip_bnnk_sukamaju_2023.pdf").read_bytes()
    (d / "truncated.pdf").write_bytes(pdf[: len(pdf) // 3])
    _plain_pdf(d / "no tables.pdf", ["Surat Edaran", "Kepada Yth. seluruh pegawai", "Harap hadir tepat waktu."])
    _plain_pdf(d / "locked.pdf", ["LAPORAN KINERJA"], encrypt="rahasia")
    text = good.read_text(encoding="utf-8")
    latin = text.replace("BNN Kota Sukamaju", "BNN Kota Sukamajú")
    (d / "latin1.txt").write_bytes(latin.encode("latin-1", errors="replace"))
    (d / "bom.txt").write_bytes(b"\xef\xbb\xbf" + text.replace("2023", "2022").encode("utf-8"))
    (d / "salinan laporan é.txt").write_bytes(good.read_bytes())  # a second copy of one file
    return d


def test_bad_files_fail_clearly_and_good_files_land(batch, db_path, capsys):
    code, out, err = _ingest(capsys, batch, "--db", db_path)
    assert code == 1
    rep = _reports(db_path)
    assert rep["zero.txt"] == ("failed", f"{batch / 'zero.txt'}: empty file (0 bytes)")
    for name in ("random.pdf", "truncated.pdf", "locked.pdf"):
        status, error = rep[name]
        assert status == "failed" and name in error, (name, error)
    assert "password" in rep["locked.pdf"][1].lower()
    assert rep["no tables.pdf"][0] in ("failed", "partial")
    assert "no tables.pdf" in rep["no tables.pdf"][1]
    for name in ("latin1.txt", "bom.txt", "lkip_bnnk_sukamaju_2023.txt", "lkip_bnnp_nusa_lestari_2024.txt"):
        assert rep[name][0] == "ok", (name, rep[name])
    # two copies of one file: one report, both paths recorded
    assert rep["salinan laporan é.txt"] == rep["lkip_bnnk_sukamaju_2023.txt"]
    con = duckdb.connect(str(db_path), read_only=True)
    assert con.execute("SELECT count(*) FROM reports WHERE satker = 'BNN Kota Sukamaju' AND year = 2023").fetchone()[0] == 1
    assert con.execute("SELECT satker FROM reports WHERE source_path LIKE '%latin1.txt'").fetchone()[0] == "BNN Kota Sukamajú"
    for name in ("zero.txt", "random.pdf", "truncated.pdf", "locked.pdf"):
        assert name in err


def test_hanging_file_is_stopped_by_timeout(batch, db_path, capsys, monkeypatch):
    import lkip.pipeline as pipeline

    real = pipeline.extract_path

    def slow(path, settings=None, **kw):
        if "hang" in path.name:
            time.sleep(60)
        return real(path, settings, **kw)

    monkeypatch.setattr(pipeline, "extract_path", slow)  # inherited by forked workers
    (batch / "hang.txt").write_text("LAPORAN KINERJA hang", encoding="utf-8")
    started = time.monotonic()
    code, out, err = _ingest(capsys, batch, "--db", db_path, "--timeout", "10", "--workers", "2")
    assert time.monotonic() - started < 55
    status, error = _reports(db_path)["hang.txt"]
    assert status == "failed" and "longer than 10 s" in error and "hang.txt" in error
    assert _reports(db_path)["lkip_bnnp_nusa_lestari_2024.txt"][0] == "ok"


def test_second_ingest_while_one_runs_is_told_busy(samples_dir, held_db, capsys):
    code, out, err = _ingest(capsys, samples_dir / "text", "--db", held_db)
    assert code == 8
    assert "database is busy" in err


def test_killed_batch_finishes_on_rerun_without_duplicates(tmp_path, samples_dir):
    src = (samples_dir / "text" / "lkip_bnnp_nusa_lestari_2024.txt").read_text(encoding="utf-8")
    folder = tmp_path / "many"
    folder.mkdir()
    copies = 150  # enough that the batch is still running when it is killed
    for i in range(copies):
        (folder / f"copy_{i:03d}.txt").write_text(src + f"\nLampiran {i}\n", encoding="utf-8")
    db = tmp_path / "kill.duckdb"
    cmd = [sys.executable, "-m", "lkip", "ingest", str(folder), "--db", str(db), "--quiet", "--workers", "1"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not db.exists():
        time.sleep(0.05)
    time.sleep(1.0)  # some reports have landed, others not yet
    assert proc.poll() is None, "the batch finished before it could be killed; make it longer"
    os.killpg(proc.pid, signal.SIGKILL)  # kill it hard, workers included
    proc.wait()
    rerun = subprocess.run(cmd, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM reports").fetchone()[0] == copies
    assert con.execute("SELECT count(*) FROM report_files").fetchone()[0] == copies
    per = con.execute("SELECT report_id, count(*) FROM pk_targets GROUP BY 1").fetchall()
    assert len(per) == copies and {n for _, n in per} == {9}


def test_thousand_page_pdf_lands_with_its_tables(tmp_path, samples_dir, capsys):
    sys.path.insert(0, str(samples_dir))
    from generate_pdfs import long_report_pdf

    big = long_report_pdf(samples_dir / "pdf" / "lkip_bnnp_nusa_lestari_2024.pdf", 1000, tmp_path / "long report.pdf")
    db = tmp_path / "long.duckdb"
    code, out, err = _ingest(capsys, big, "--db", db, "--workers", "1")
    assert code == 0, err
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT pages, status FROM reports").fetchone() == (1000, "ok")
    pages = [r[0] for r in con.execute("SELECT DISTINCT page FROM pk_targets ORDER BY 1").fetchall()]
    assert pages and all(495 <= p <= 510 for p in pages)
    assert con.execute("SELECT count(*) FROM pk_targets").fetchone()[0] == 9


def test_password_reaches_the_pdf_reader(tmp_path, capsys):
    locked = _plain_pdf(tmp_path / "locked.pdf", ["Surat Edaran"], encrypt="rahasia")
    db = tmp_path / "pw.duckdb"
    _ingest(capsys, locked, "--db", db)
    assert "encrypted" in _reports(db)["locked.pdf"][1]
    _ingest(capsys, locked, "--db", db, "--password", "rahasia", "--force")
    status, error = _reports(db)["locked.pdf"]
    assert status == "failed" and "encrypted" not in error and "not an LKIP" in error


def test_force_re_extracts_unchanged_files(tmp_path, samples_dir, capsys):
    db = tmp_path / "force.duckdb"
    _ingest(capsys, samples_dir / "text", "--db", db)
    code, out, _ = _ingest(capsys, samples_dir / "text", "--db", db, "--force")
    assert code == 0 and "2 ok" in out and "0 unchanged" in out
