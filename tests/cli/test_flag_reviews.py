"""Flag reviews: FLAG_IDs users can pass, reviews that survive re-ingests and follow a changed file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lkip import api
from lkip.cli import main
from lkip.schema.store import open_store

TEXT = "text/lkip_bnnp_nusa_lestari_2024.txt"


def _flags(db: Path) -> dict[tuple[str, str], dict]:
    names, rows = api.list_flags(db)
    out = {}
    for row in rows:
        r = dict(zip(names, row, strict=True))
        out[(r["kind"], r["indicator_code"])] = r
    return out


@pytest.fixture()
def report(samples_dir: Path, tmp_path: Path) -> Path:
    path = tmp_path / "in" / "lkip_nusa.txt"
    path.parent.mkdir()
    shutil.copy(samples_dir / TEXT, path)
    return path


def _ingest(db: Path, path: Path, *extra: str) -> None:
    assert main(["ingest", str(path.parent), "--db", str(db), "--workers", "0", "--quiet", *extra]) == 0


def test_review_survives_reingest_and_follows_a_changed_file(report: Path, db_path: Path, capsys) -> None:
    _ingest(db_path, report)
    capsys.readouterr()
    flags = _flags(db_path)
    ikpa = flags[("pct_mismatch", "umum_ikpa")]
    pk = flags[("pk_vs_capaian_target", "berantas_berkas_p21")]
    assert main(["flags", "--db", str(db_path), "--format", "csv"]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert listing[0].startswith("flag_id,") and any(ln.startswith(ikpa["flag_id"] + ",") for ln in listing)
    assert main(["flags", "review", ikpa["flag_id"], "--status", "dismissed", "--note", "rounding, fine",
                 "--db", str(db_path)]) == 0
    assert main(["flags", "review", pk["flag_id"], "--status", "confirmed", "--db", str(db_path)]) == 0

    _ingest(db_path, report, "--force")  # same content, re-extracted: same FLAG_IDs, reviews kept
    again = _flags(db_path)
    assert again[("pct_mismatch", "umum_ikpa")]["flag_id"] == ikpa["flag_id"]
    assert again[("pct_mismatch", "umum_ikpa")]["review_status"] == "dismissed"
    assert again[("pk_vs_capaian_target", "berantas_berkas_p21")]["review_status"] == "confirmed"

    # the file changes: a line added at the top moves every line; the ikpa figure is corrected
    text = report.read_text(encoding="utf-8").splitlines(keepends=True)
    fixed = [ln.replace("96,50 97,10 101,62", "96,50 97,10 100,62") for ln in text]
    assert fixed != text
    report.write_text("Catatan revisi\n" + "".join(fixed), encoding="utf-8")
    _ingest(db_path, report)
    changed = _flags(db_path)
    assert ("pct_mismatch", "umum_ikpa") not in changed
    moved = changed[("pk_vs_capaian_target", "berantas_berkas_p21")]
    assert moved["flag_id"] != pk["flag_id"]  # another file, another id ...
    assert moved["review_status"] == "confirmed"  # ... but the same flag: the review follows it
    with open_store(db_path, read_only=True) as store:
        _, stale = store.query("SELECT flag_id, status, note FROM stale_flag_reviews")
    assert stale == [(ikpa["flag_id"], "dismissed", "rounding, fine")]


def test_bulk_reviews_from_csv_and_errors(report: Path, db_path: Path, tmp_path: Path, capsys) -> None:
    _ingest(db_path, report)
    ids = [f["flag_id"] for f in _flags(db_path).values()]
    sheet = tmp_path / "reviews.csv"
    sheet.write_text("flag_id,status,note\n" + "".join(f"{i},dismissed,bulk {n}\n" for n, i in enumerate(ids)),
                     encoding="utf-8")
    assert main(["flags", "review", "--from-csv", str(sheet), "--db", str(db_path)]) == 0
    assert f"{len(ids)} review(s) recorded" in capsys.readouterr().out
    assert {f["review_status"] for f in _flags(db_path).values()} == {"dismissed"}

    assert main(["flags", "review", "nosuchflag", "--status", "dismissed", "--db", str(db_path)]) == 3
    assert "no flag nosuchflag" in capsys.readouterr().err
    assert main(["flags", "review", ids[0], "--status", "maybe", "--db", str(db_path)]) == 3
    assert "confirmed or dismissed" in capsys.readouterr().err
    assert main(["flags", "review", ids[0], "--db", str(db_path)]) == 2  # no --status: a usage error
    bad = tmp_path / "bad.csv"
    bad.write_text("id,verdict\nx,y\n", encoding="utf-8")
    assert main(["flags", "review", "--from-csv", str(bad), "--db", str(db_path)]) == 3
    assert "flag_id,status" in capsys.readouterr().err


def test_report_hides_dismissed_flags_and_shows_reviews(report: Path, db_path: Path) -> None:
    from lkip.report_html import build_report_html

    _ingest(db_path, report)
    flags = _flags(db_path)
    ikpa = flags[("pct_mismatch", "umum_ikpa")]["flag_id"]
    api.review_flags(db_path, [(ikpa, "dismissed", "a rounding the office explained")])
    with open_store(db_path, read_only=True) as store:
        page = build_report_html(store.con)
    at = page.index(f'id="flag-{ikpa}"')
    assert "dismissed" in page[page.rindex("<article", 0, at):at]  # hidden by default (CSS), shown on demand
    others = [f["flag_id"] for f in flags.values() if f["flag_id"] != ikpa]
    for other in others:
        at = page.index(f'id="flag-{other}"')
        assert "dismissed" not in page[page.rindex("<article", 0, at):at]
    assert "a rounding the office explained" in page
    assert "show the 1 dismissed flag(s)" in page
