"""Issue 16: hostile files and bad days. Failures heal, memory is bounded, document text is
data, the database and the exit codes tell the truth.

Faults are injected through the pipeline's extraction adapter (``FileOptions.extractor``),
real file-system conditions (links, permissions under a dropped uid, a file-size limit) and
real signals; nothing patches extraction internals.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zlib
from pathlib import Path

import duckdb
import pytest

from lkip.cli import main
from lkip.errors import MissingDependencyError
from lkip.extract import extract_path
from lkip.pipeline import FileOptions, IngestOptions, ingest


def _cli(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def _rows(db: Path, sql: str, params=()):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def _status(db: Path) -> dict[str, tuple[str, str | None]]:
    return {Path(p).name: (s, e) for p, s, e in _rows(
        db, "SELECT f.path, r.status, r.error FROM report_files f JOIN reports r USING (report_id)")}


@pytest.fixture()
def good(tmp_path, samples_dir) -> Path:
    """A folder with one good text sample."""
    d = tmp_path / "in"
    d.mkdir()
    shutil.copy(samples_dir / "text" / "lkip_bnnk_sukamaju_2023.txt", d / "good.txt")
    return d


# -- adapters (module level: they travel to worker processes) -------------------------


def crash_on_flaky(path, settings, **kw):
    """Kill the worker on files named flaky*, as the OOM killer would."""
    if path.name.startswith("flaky"):
        os._exit(9)
    return extract_path(path, settings, **kw)


def hang_on_flaky(path, settings, **kw):
    """Hang on files named flaky* (``--timeout`` must stop it)."""
    if path.name.startswith("flaky"):
        time.sleep(60)
    return extract_path(path, settings, **kw)


def no_tesseract_on_flaky(path, settings, **kw):
    """Fail as a missing OCR engine would."""
    if path.name.startswith("flaky"):
        raise MissingDependencyError("tesseract is not installed")
    return extract_path(path, settings, **kw)


# -- failures heal ---------------------------------------------------------------------


@pytest.mark.parametrize(("adapter", "workers", "words"), [
    (crash_on_flaky, 1, "worker crashed or was killed"),
    (hang_on_flaky, 0, "longer than 2 s (--timeout)"),  # --workers 0 honours --timeout
    (no_tesseract_on_flaky, 1, "tesseract is not installed"),
])
def test_failure_of_the_run_is_retried_by_the_next_ingest(good, tmp_path, samples_dir, adapter, workers, words):
    shutil.copy(samples_dir / "text" / "lkip_bnnp_nusa_lestari_2024.txt", good / "flaky.txt")
    db = tmp_path / "heal.duckdb"
    started = time.monotonic()
    first = ingest([good], db, IngestOptions(workers=workers, timeout=2, file=FileOptions(extractor=adapter)))
    assert time.monotonic() - started < 30
    assert [o.path for o in first.failed] == [str(good / "flaky.txt")]
    assert words in first.failed[0].error
    assert _status(db)["good.txt"][0] == "ok"
    second = ingest([good], db, IngestOptions(workers=workers))  # the run's trouble is over
    assert not second.failed
    assert {Path(o.path).name: o.status for o in second.outcomes} == {"good.txt": "skipped", "flaky.txt": "ok"}
    assert _status(db)["flaky.txt"][0] == "ok"


def test_failure_of_the_file_is_reported_again_and_retried_only_on_request(good, tmp_path, capsys):
    (good / "empty.txt").write_bytes(b"")
    db = tmp_path / "file.duckdb"
    assert _cli(capsys, "ingest", good, "--db", db, "-q")[0] == 1
    when = _rows(db, "SELECT ingested_at FROM reports WHERE status = 'failed'")
    code, out, err = _cli(capsys, "ingest", good, "--db", db, "-q")
    assert code == 1  # the real state: a file is still failed
    assert f"failed: {good / 'empty.txt'}: empty file (0 bytes)" in err
    assert "1 failed, 1 unchanged" in out
    assert _rows(db, "SELECT ingested_at FROM reports WHERE status = 'failed'") == when  # not re-extracted
    code, out, err = _cli(capsys, "ingest", good, "--db", db, "-q", "--retry-failed")
    assert code == 1 and "1 failed" in out
    assert _rows(db, "SELECT ingested_at FROM reports WHERE status = 'failed'") != when


def test_identical_failing_files_are_each_named(good, tmp_path, capsys):
    for i in range(8):
        (good / f"empty_{i}.txt").write_bytes(b"")
    code, out, err = _cli(capsys, "ingest", good, "--db", tmp_path / "e.duckdb", "-q")
    assert code == 1
    assert "8 failed" in out and "0 duplicate copies" in out
    for i in range(8):
        assert f"failed: {good / f'empty_{i}.txt'}: empty file (0 bytes)" in err.splitlines()
    code, out, err = _cli(capsys, "ingest", good, "--db", tmp_path / "e.duckdb", "-q")  # and again on re-run
    assert code == 1 and "8 failed" in out
    assert sum(line.startswith("failed: ") for line in err.splitlines()) == 8


def test_missing_paths_and_broken_links_fail_alone(good, tmp_path, capsys):
    (good / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (good / "loop.txt").symlink_to(good / "loop.txt")
    (good / "sub").mkdir()
    (good / "sub" / "again").symlink_to(good, target_is_directory=True)  # a folder loop
    missing = tmp_path / "no such.txt"
    code, out, err = _cli(capsys, "ingest", missing, good, "--db", tmp_path / "l.duckdb", "-q")
    assert code == 1
    assert f"failed: {missing}: no such file or folder" in err
    assert f"failed: {good / 'dangling.txt'}: broken or looping symbolic link" in err
    assert f"failed: {good / 'loop.txt'}: broken or looping symbolic link" in err
    assert "1 ok" in out and "3 failed" in out  # good.txt once, the folder loop never followed twice
    assert _status(tmp_path / "l.duckdb") == {"good.txt": ("ok", None)}


#: Run as root without the powers that bypass file permissions (tests run as root).
_NO_DAC = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-dac_override,-dac_read_search"]


def _without_root_powers(*args) -> subprocess.CompletedProcess:
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        pytest.skip("needs root and setpriv to drop the permission-bypassing capabilities")
    return subprocess.run([*_NO_DAC, sys.executable, "-m", "lkip", *map(str, args)],
                          capture_output=True, text=True, timeout=300)


def test_unreadable_file_and_folder_fail_alone(good, tmp_path, samples_dir):
    shutil.copy(good / "good.txt", good / "secret.txt")
    (good / "closed").mkdir()
    shutil.copy(samples_dir / "text" / "lkip_bnnp_nusa_lestari_2024.txt", good / "closed" / "inside.txt")
    (good / "secret.txt").chmod(0)
    (good / "closed").chmod(0)
    try:
        run = _without_root_powers("ingest", good, "--db", tmp_path / "n.duckdb", "-q", "--workers", "1")
    finally:
        (good / "closed").chmod(0o755)
    assert run.returncode == 1, run.stderr
    assert f"failed: {good / 'secret.txt'}: cannot read file: Permission denied" in run.stderr
    assert f"failed: {good / 'closed'}: cannot read folder: Permission denied" in run.stderr
    assert "1 ok" in run.stdout


def test_read_only_folder_is_a_database_error(good, tmp_path, samples_dir, capsys):
    ro = tmp_path / "ro"
    ro.mkdir()
    assert _cli(capsys, "ingest", good, "--db", ro / "x.duckdb", "-q")[0] == 0
    shutil.copy(samples_dir / "text" / "lkip_bnnp_nusa_lestari_2024.txt", good / "new.txt")
    ro.chmod(0o555)  # the database stays writable, its folder (where the WAL goes) does not
    try:
        run = _without_root_powers("ingest", good, "--db", ro / "x.duckdb", "-q")
    finally:
        ro.chmod(0o755)
    assert run.returncode == 5, run.stderr
    assert "x.duckdb" in run.stderr and "unexpected" not in run.stderr
    assert sorted(p.name for p in ro.iterdir()) == ["x.duckdb"]
    assert _status(ro / "x.duckdb") == {"good.txt": ("ok", None)}


# -- memory is bounded --------------------------------------------------------------


def bomb_pdf(path: Path, pixels: int = 20000, inches: int = 200) -> Path:
    """Write a small PDF whose one page (inches square) is a pixels x pixels grey image of zeros."""
    comp = zlib.compressobj(1)
    rows = bytes(pixels) * 500
    data = b"".join(comp.compress(rows) for _ in range(pixels // 500)) + comp.flush()
    side = inches * 72
    content = f"q {side} 0 0 {side} 0 0 cm /Im0 Do Q".encode()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {side} {side}] "
         "/Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>").encode(),
        (f"<< /Type /XObject /Subtype /Image /Width {pixels} /Height {pixels} /ColorSpace /DeviceGray "
         f"/BitsPerComponent 8 /Filter /FlateDecode /Length {len(data)} >>\nstream\n").encode() + data + b"\nendstream",
        f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path


def test_bomb_pdf_fails_alone_within_the_memory_cap(good, tmp_path, samples_dir, capsys):
    bomb_pdf(good / "bomb.pdf")
    shutil.copy(samples_dir / "text" / "lkip_bnnp_nusa_lestari_2024.txt", good / "other.txt")
    db = tmp_path / "bomb.duckdb"
    code, out, err = _cli(capsys, "ingest", good, "--db", db, "-q", "--workers", "2", "--max-memory", "1024")
    status = _status(db)
    assert status["good.txt"][0] == status["other.txt"][0] == "ok"
    bomb_state, error = status["bomb.pdf"]
    # The render budget scales the page down (with a warning), so it is read within the cap;
    # it holds no LKIP table, so it fails alone, naming both.
    assert code == 1 and bomb_state == "failed"
    assert "bomb.pdf" in error and "render budget" in error and "no Perjanjian Kinerja table" in error


def allocate_on_flaky(path, settings, **kw):
    """Allocate far more memory than the worker cap allows on files named flaky* (a bomb of another kind)."""
    if path.name.startswith("flaky"):
        hog = bytearray(3 * 1024**3)
        hog[-1] = 1
    return extract_path(path, settings, **kw)


def test_a_worker_over_the_memory_cap_fails_alone(good, tmp_path, samples_dir):
    shutil.copy(samples_dir / "text" / "lkip_bnnp_nusa_lestari_2024.txt", good / "flaky.txt")
    db = tmp_path / "cap.duckdb"
    options = IngestOptions(workers=1, max_memory=1024 * 1024**2, file=FileOptions(extractor=allocate_on_flaky))
    summary = ingest([good], db, options)
    assert [o.path for o in summary.failed] == [str(good / "flaky.txt")]
    assert "--max-memory" in summary.failed[0].error
    assert _status(db)["good.txt"][0] == "ok"


def test_big_text_file_fails_with_the_cap_named(good, tmp_path, capsys):
    (good / "huge.txt").write_text("LAPORAN KINERJA\n" * 150_000, encoding="utf-8")  # 2.4 MB
    code, out, err = _cli(capsys, "ingest", good, "--db", tmp_path / "t.duckdb", "-q", "--max-text-size", "1")
    assert code == 1
    assert f"failed: {good / 'huge.txt'}: text file of 2 MB is over the 1 MB cap for text files (--max-text-size)" in err
    assert "1 ok" in out


# -- numbers ----------------------------------------------------------------------------


def test_query_json_is_valid_json_with_infinity(sample_db, capsys):
    code, out, _ = _cli(capsys, "query", "--db", sample_db, "--format", "json",
                        "SELECT 'inf'::DOUBLE AS up, '-inf'::DOUBLE AS down, 'nan'::DOUBLE AS nothing, 1.5 AS x")

    def refuse(name):
        raise ValueError(name)

    assert code == 0
    assert json.loads(out, parse_constant=refuse) == [{"up": None, "down": None, "nothing": None, "x": 1.5}]


# -- document text is data ----------------------------------------------------------------

EVIL = "=HYPERLINK(\"http://evil\") Nilai zona [/bold][link=http://evil.example]integritas[/link]\x1b]0;pwned\x07"


@pytest.fixture(scope="module")
def evil_db(tmp_path_factory, samples_dir) -> Path:
    """A database of a report whose indicator names carry markup, escapes and a formula."""
    d = tmp_path_factory.mktemp("evil")
    src = (samples_dir / "text" / "lkip_bnnp_nusa_lestari_2024.txt").read_text(encoding="utf-8")
    (d / "evil.txt").write_text(src.replace("Nilai zona integritas", EVIL), encoding="utf-8")
    db = d / "evil.duckdb"
    assert main(["ingest", str(d), "--db", str(db), "-q"]) == 0
    return db


@pytest.mark.parametrize("command", [
    ["flags"], ["show", "evil.txt", "--wide"], ["query", "SELECT indicator_text FROM pk_targets"],
    ["catalogue", "review"],
])
def test_document_text_is_printed_as_text(evil_db, capsys, command):
    code, out, err = _cli(capsys, *command, "--db", evil_db)
    assert code == 0, err  # markup in a document once crashed the whole command
    assert "\x1b" not in out and "\x07" not in out
    if command[0] != "catalogue":
        assert "\\x1b" in "".join(out.replace("│", "").split())  # shown escaped


def test_markup_is_printed_literally(sample_db, capsys):
    code, out, err = _cli(capsys, "query", "--db", sample_db, "SELECT '[/bold] [link=http://e]x[/link]' AS \"[red]n\"")
    assert code == 0, err
    assert "[/bold] [link=http://e]x[/link]" in out and "[red]n" in out


def test_control_characters_in_file_names_are_escaped(tmp_path, capsys):
    d = tmp_path / "in"
    d.mkdir()
    (d / "x\x1b]0;owned\x07\nfailed: forged.txt").write_bytes(b"")
    code, out, err = _cli(capsys, "ingest", d, "--db", tmp_path / "c.duckdb", "-q")
    assert code == 1
    assert "\x1b" not in err and "\x07" not in err
    assert not any(line.startswith("failed: forged") for line in err.splitlines())
    assert "\\x1b]0;owned\\x07\\nfailed: forged.txt" in err


def test_csv_neutralises_formula_text_but_not_numbers(sample_db, capsys):
    sql = "SELECT '=HYPERLINK(\"http://x\")' AS a, -3.5 AS b, '@SUM(A1)' AS c, '+1' AS d, 'plain' AS e"
    code, out, _ = _cli(capsys, "query", "--db", sample_db, "--format", "csv", sql)
    assert code == 0
    assert out.splitlines()[1] == "\"'=HYPERLINK(\"\"http://x\"\")\",-3.5,'@SUM(A1),'+1,plain"
    code, out, _ = _cli(capsys, "query", "--db", sample_db, "--format", "csv", "--keep-formulas", sql)
    assert out.splitlines()[1] == "\"=HYPERLINK(\"\"http://x\"\")\",-3.5,@SUM(A1),+1,plain"


def test_csv_export_neutralises_document_formulas(evil_db, tmp_path, capsys):
    code, _, err = _cli(capsys, "export", "--db", evil_db, "--format", "csv", "--out", tmp_path / "csv")
    assert code == 0, err
    text = (tmp_path / "csv" / "pk_targets.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text
    _cli(capsys, "export", "--db", evil_db, "--format", "csv", "--out", tmp_path / "raw", "--keep-formulas")
    assert "'=HYPERLINK" not in (tmp_path / "raw" / "pk_targets.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_export_path_is_never_sql(sample_db, tmp_path, capsys, fmt):
    out = tmp_path / "it's (FORMAT csv); COPY reports TO 'stolen.csv"
    code, stdout, err = _cli(capsys, "export", "--db", sample_db, "--format", fmt, "--out", out)
    assert code == 0, err
    assert (out / f"results.{fmt}").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]
    assert not Path("stolen.csv").exists()


@pytest.mark.parametrize("sql", [
    "SELECT * FROM read_csv('/etc/hostname')",
    "COPY (SELECT 1) TO 'written-by-query.csv'",
    "ATTACH 'written-by-query.duckdb' AS other",
    "INSTALL httpfs",
])
def test_query_cannot_touch_files_or_extensions(sample_db, capsys, sql, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = _cli(capsys, "query", "--db", sample_db, sql)
    assert code == 3, err
    assert not list(tmp_path.iterdir())


def test_allow_files_reads_own_parquet(sample_db, tmp_path, capsys):
    own = tmp_path / "own.parquet"
    duckdb.sql("SELECT 42 AS answer").write_parquet(str(own))
    sql = f"SELECT answer FROM read_parquet('{own}')"
    assert _cli(capsys, "query", "--db", sample_db, sql)[0] == 3
    code, out, err = _cli(capsys, "query", "--db", sample_db, "--allow-files", "--format", "json", sql)
    assert code == 0, err
    assert json.loads(out) == [{"answer": 42}]


def test_parquet_shards_stay_queryable_in_the_sandbox(tmp_path, samples_dir, capsys):
    from lkip.pipeline import process_file
    from lkip.schema.shards import write_shards

    path = str(samples_dir / "text" / "lkip_bnnk_sukamaju_2023.txt")
    write_shards(process_file(path, FileOptions()), [path], tmp_path / "shards")
    code, out, err = _cli(capsys, "query", "--parquet", tmp_path / "shards", "--format", "json",
                          "SELECT satker, count(*) AS n FROM results GROUP BY 1")
    assert code == 0, err
    assert json.loads(out) == [{"satker": "BNN Kota Sukamaju", "n": 5}]
    code, _, err = _cli(capsys, "query", "--parquet", tmp_path / "shards", "SELECT * FROM read_csv('/etc/hostname')")
    assert code == 3


# -- the database and the exit codes tell the truth -------------------------------------


def test_another_programs_database_is_refused_untouched(good, tmp_path, capsys):
    db = tmp_path / "theirs.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE reports (id INTEGER, title VARCHAR)")
    con.close()
    code, _, err = _cli(capsys, "ingest", good, "--db", db, "-q")
    assert code == 5
    assert "not an lkip database" in err and "reports" in err
    assert _rows(db, "SELECT table_name FROM information_schema.tables") == [("reports",)]
    assert _cli(capsys, "flags", "--db", db)[0] == 5


def test_truncated_database_is_a_database_error(sample_db, tmp_path, capsys):
    db = tmp_path / "cut.duckdb"
    data = sample_db.read_bytes()
    db.write_bytes(data[: len(data) // 2])
    for command in (["flags"], ["show", "sukamaju"], ["ingest", "--quiet"]):
        code, _, err = _cli(capsys, *command, "--db", db)
        assert code == 5, (command, err)
        assert "unexpected" not in err and str(db) in err


def test_disk_full_is_a_database_error_and_leaves_whole_reports(tmp_path, samples_dir):
    src = (samples_dir / "text" / "lkip_bnnp_nusa_lestari_2024.txt").read_text(encoding="utf-8")
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(40):
        (folder / f"copy_{i:02d}.txt").write_text(src + f"\nLampiran {i}\n", encoding="utf-8")
    db = tmp_path / "full.duckdb"
    code = ("import resource, signal, sys\n"
            "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"  # writes past the limit fail with EFBIG, as on a full disk
            "resource.setrlimit(resource.RLIMIT_FSIZE, (400_000, 400_000))\n"
            "from lkip.cli import main\n"
            "sys.exit(main(sys.argv[1:]))\n")
    run = subprocess.run([sys.executable, "-c", code, "ingest", str(folder), "--db", str(db), "-q", "--workers", "1"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 5, run.stderr
    assert "File too large" in run.stderr and "unexpected" not in run.stderr
    if db.exists():
        per = _rows(db, "SELECT r.report_id, count(p.row_no) FROM reports r LEFT JOIN pk_targets p "
                        "USING (report_id) GROUP BY 1")
        assert {n for _, n in per} <= {9}  # whole reports or none


def test_usage_error_exits_2(capsys):
    code, _, err = _cli(capsys, "ingest", "--bogus-option")
    assert code == 2
    assert "No such option" in err


@pytest.mark.parametrize("where", ["missing folder", "a folder"])
def test_report_out_that_cannot_be_written_is_a_usage_error(sample_db, tmp_path, capsys, where):
    out = tmp_path / "nope" / "r.html" if where == "missing folder" else tmp_path
    before = sorted(tmp_path.rglob("*"))
    code, _, err = _cli(capsys, "report", "--db", sample_db, "--out", out)
    assert code == 2, err
    assert str(out) in err
    assert sorted(tmp_path.rglob("*")) == before  # no stray .part


def test_encrypted_pdf_tells_the_cli_user_about_password(tmp_path, capsys):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(tmp_path / "locked.pdf"), pagesize=A4, encrypt="rahasia")
    c.drawString(50, 800, "LAPORAN KINERJA")
    c.showPage()
    c.save()
    code, _, err = _cli(capsys, "ingest", tmp_path / "locked.pdf", "--db", tmp_path / "p.duckdb", "-q")
    assert code == 1
    assert "--password" in err and "PdfSettings" not in err


def _many_copies(folder: Path, samples_dir: Path, n: int) -> None:
    src = (samples_dir / "text" / "lkip_bnnp_nusa_lestari_2024.txt").read_text(encoding="utf-8")
    folder.mkdir()
    for i in range(n):
        (folder / f"copy_{i:03d}.txt").write_text(src + f"\nLampiran {i}\n", encoding="utf-8")


def _reader_count(db: Path) -> int:
    """Read the report count the way ``lkip query`` does (waiting for a commit to end)."""
    from lkip.api import run_query

    return run_query(db, "SELECT count(*) FROM reports")[1][0][0]


def test_reader_gets_in_during_an_ingest_and_sigterm_ends_it_cleanly(tmp_path, samples_dir):
    folder = tmp_path / "many"
    copies = 150
    _many_copies(folder, samples_dir, copies)
    db = tmp_path / "term.duckdb"
    cmd = [sys.executable, "-m", "lkip", "ingest", str(folder), "--db", str(db), "--quiet", "--workers", "1"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        seen = 0
        while time.monotonic() < deadline and proc.poll() is None:
            if db.exists():
                try:
                    seen = _reader_count(db)
                except Exception:  # noqa: BLE001 - the file is being created
                    seen = 0
                if seen >= 3:
                    break
            time.sleep(0.05)
        assert proc.poll() is None, "the ingest finished before a reader got in; make it longer"
        assert 3 <= seen < copies  # a reader got in while the ingest was running
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 143, err
    assert err.strip().splitlines() == [
        "lkip: terminated (SIGTERM); every report written so far is complete; the one being written was rolled back"]
    for _ in range(100):  # no worker left behind
        try:
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        pytest.fail("a worker process outlived lkip")
    per = _rows(db, "SELECT report_id, count(*) FROM pk_targets GROUP BY 1")
    assert {n for _, n in per} == {9}
    assert len(per) == _rows(db, "SELECT count(*) FROM reports")[0][0]
