"""The static HTML report: built from a small database, then opened in headless Chromium."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pytest

from lkip.errors import SchemaError
from lkip.report_html import build_report_html
from lkip.schema.store import read_ddl

NASTY = "<script>alert('x')</script> & \"quotes\""


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> None:
    for row in rows:
        cols = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        con.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", list(row.values()))


def _report(
    rid: str,
    satker: str | None,
    province: str | None,
    year: int | None,
    status: str = "ok",
    error: str | None = None,
) -> dict:
    return {
        "report_id": rid,
        "source_path": f"reports/{rid}.pdf",
        "file_sha256": rid * 4,
        "file_type": "pdf",
        "pages": 40,
        "satker": satker,
        "level": "provinsi",
        "province": province,
        "regency": None,
        "year": year,
        "status": status,
        "error": error,
        "parser_version": "0.1.0",
        "ingested_at": datetime(2025, 1, 2, 3, 4, 5),
    }


def _capaian(
    rid: str, code: str | None, target: float, real: float, line: int, text: str = "Indikator"
) -> dict:
    return {
        "report_id": rid,
        "source_kind": "main_table",
        "row_no": line,
        "table_no": 1,
        "indicator_text": text,
        "indicator_code": code,
        "target_value": target,
        "target_text": f"{target:g}",
        "realisasi_value": real,
        "realisasi_text": f"{real:g}",
        "stated_pct": None,
        "pct_text": None,
        "computed_pct": 100 * real / target,
        "page": line,
        "line": None,
        "method": "test",
    }


@pytest.fixture()
def con() -> duckdb.DuckDBPyConnection:
    """A small lkip database: three offices over two years, one failed file, flags, review items."""
    con = duckdb.connect(":memory:")
    con.execute(read_ddl())
    _insert(
        con,
        "indicators",
        [
            {"code": "ikpa", "name": "Nilai IKPA", "direction": "higher_is_better"},
            {"code": "p21", "name": "Jumlah berkas perkara P-21", "direction": "higher_is_better"},
        ],
    )
    _insert(
        con,
        "reports",
        [
            _report("aaaa", "BNN Provinsi Alpha", "Alpha", 2023),
            _report(
                "bbbb",
                "BNN Provinsi Alpha",
                "Alpha",
                2024,
                status="partial",
                error="no PK table found",
            ),
            _report("cccc", f"BNN Provinsi {NASTY}", "Beta", 2024),
            _report(
                "dddd", None, None, None, status="failed", error="broken.pdf: file is encrypted"
            ),
        ],
    )
    _insert(
        con,
        "capaian",
        [
            _capaian("aaaa", "ikpa", 96.0, 97.5, 12),
            _capaian("aaaa", "p21", 10, 12, 13),
            _capaian("bbbb", "ikpa", 96.5, 95.0, 14),
            _capaian("bbbb", "p21", 7, 16, 15),
            _capaian("cccc", "ikpa", 97.0, 99.0, 9),
            _capaian("cccc", "p21", 5, 30, 10),
            _capaian("cccc", None, 1, 1, 11, text=NASTY),
        ],
    )
    _insert(
        con,
        "pk_targets",
        [
            {
                "report_id": "aaaa",
                "row_no": 1,
                "indicator_text": "Nilai IKPA",
                "indicator_code": "ikpa",
                "target_value": 96.0,
                "target_text": "96",
                "page": 5,
                "method": "test",
            },
        ],
    )
    _insert(
        con,
        "budget",
        [
            {
                "report_id": "aaaa",
                "pagu": 13105774000.0,
                "realisasi": 12693487487.0,
                "stated_pct": 96.91,
                "page": 3,
                "source_text": "Rp 13.105.774.000",
            }
        ],
    )
    _insert(
        con,
        "flags",
        [
            {
                "report_id": "aaaa",
                "kind": "pct_mismatch",
                "severity": "error",
                "indicator_code": "ikpa",
                "message": "stated 96,52 but 88.44",
                "expected": "88.44%",
                "found": "96,52",
                "page": 12,
                "line": None,
                "evidence": "BAB III summary table, page 12: 'IKPA' "
                "| per-indicator table 3, page 30",
            },
            {
                "report_id": "aaaa",
                "kind": "budget_arithmetic",
                "severity": "warning",
                "indicator_code": None,
                "message": "budget 96,91 vs 96.85",
                "expected": "96.85%",
                "found": "96.91%",
                "page": 3,
                "line": None,
                "evidence": "Rp 13.105.774.000",
            },
            {
                "report_id": "cccc",
                "kind": "count_claim",
                "severity": "warning",
                "indicator_code": None,
                "message": NASTY,
                "expected": "4",
                "found": "5",
                "page": None,
                "line": 77,
                "evidence": NASTY,
            },
        ],
    )
    _insert(
        con,
        "review_queue",
        [
            {
                "report_id": "cccc",
                "indicator_text": NASTY,
                "best_code": "p21",
                "best_score": 61.5,
                "candidates": "[]",
            },
        ],
    )
    yield con
    con.close()


class _Collector(HTMLParser):
    """Counts the elements the report must contain and collects external references."""

    def __init__(self) -> None:
        super().__init__()
        self.flag_rows = 0
        self.svgs = 0
        self.rects = 0
        self.scripts = 0
        self.external: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "article" and "flag" in (a.get("class") or "").split():
            self.flag_rows += 1
        if tag == "svg":
            self.svgs += 1
        if tag == "rect":
            self.rects += 1
        if tag == "script":
            self.scripts += 1
        for key in ("src", "href"):
            value = a.get(key) or ""
            if value and not value.startswith("#"):
                self.external.append(value)
        if tag == "link":
            self.external.append(str(a))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _collect(page: str) -> _Collector:
    c = _Collector()
    c.feed(page)
    return c


def test_report_contents(con: duckdb.DuckDBPyConnection) -> None:
    page = build_report_html(con)
    c = _collect(page)
    assert c.flag_rows == 3
    assert c.svgs == 2 and c.rects == 6  # two coded indicators, three office-years each
    assert c.scripts == 1 and c.external == []  # the inline filter script; nothing fetched
    text = "".join(c.text)
    assert "broken.pdf: file is encrypted" in text and "no PK table found" in text
    assert "88.44%" in text and "page 12" in text and "line 77" in text
    assert "per-indicator table 3, page 30" in text  # both sides of the evidence
    assert "Jumlah berkas perkara P-21" in text  # catalogue name as chart caption
    assert "<script>alert" not in page and NASTY in text  # escaped, yet shown as written
    # the files are not where the database says: each PDF flag says so in place of its crop
    assert "reports/aaaa.pdf not found" in text and "has moved" in text
    assert ">aaaa.pdf</span>" in page and 'title="reports/aaaa.pdf"' in page  # file name, path as tooltip


def test_pk_document_is_ok_with_its_kind(con: duckdb.DuckDBPyConnection) -> None:
    """A short file with PK rows and no BAB III capaian is a PK document, and that is ok (a 40-page one is not)."""
    pk_doc = _report("eeee", "BNN Provinsi Gamma", "Gamma", 2024, status="partial",
                     error="reports/eeee.pdf: no BAB III capaian table found")
    _insert(con, "reports", [{**pk_doc, "pages": 3}])
    _insert(con, "pk_targets", [{"report_id": "eeee", "row_no": 1, "indicator_text": "Nilai IKPA",
                                 "indicator_code": "ikpa", "target_value": 95.0, "target_text": "95",
                                 "page": 2, "method": "test"}])
    kinds = dict(con.execute("SELECT report_id, doc_kind || ':' || status || ':' || coalesce(error, '-') "
                             "FROM report_kinds").fetchall())
    assert kinds["eeee"] == "pk_document:ok:-"
    assert kinds["aaaa"] == "lkip:ok:-" and kinds["bbbb"] == "lkip:partial:no PK table found"
    assert kinds["dddd"] is None  # a failed file is of no kind
    page = build_report_html(con)
    row = page[page.index("BNN Provinsi Gamma</div>"):]
    row = row[: row.index("</tr>")]
    assert "<td>PK document</td>" in row and 'class="badge status-ok"' in row and "no BAB III" not in row


def test_report_is_deterministic_and_handles_empty_db() -> None:
    con = duckdb.connect(":memory:")
    con.execute(read_ddl())
    page = build_report_html(con)
    assert page == build_report_html(con)
    assert "No reports ingested yet" in page and "No flags" in page


def test_report_needs_lkip_tables() -> None:
    with pytest.raises(SchemaError, match="lacks .*reports"):
        build_report_html(duckdb.connect(":memory:"))


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    pytest.skip("headless Chromium not installed (Debian: apt-get install -y chromium)")


def _run_chromium(browser: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "profile"
    cmd = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        *args,
    ]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)


def test_report_renders_in_headless_chromium(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    browser = _chromium()
    out = tmp_path / "report.html"
    out.write_text(build_report_html(con), encoding="utf-8")
    done = _run_chromium(browser, tmp_path, "--dump-dom", out.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    dom = _collect(done.stdout)
    assert dom.flag_rows == 3 and dom.svgs == 2 and dom.rects == 6
    assert "file is encrypted" in "".join(dom.text)

    shot = tmp_path / "shot.png"
    done = _run_chromium(
        browser,
        tmp_path,
        f"--screenshot={shot}",
        "--window-size=1280,2400",
        "--hide-scrollbars",
        out.as_uri(),
    )
    assert shot.exists(), done.stderr[-2000:]
    from PIL import Image

    with Image.open(shot) as img:
        colors = img.convert("RGB").getcolors(maxcolors=1 << 20)
    # a rendered page has the header's dark blue and many shades; a blank one has a handful
    assert colors is not None and len(colors) > 50
    assert any(c == (0x1F, 0x3A, 0x5F) for _, c in colors)
