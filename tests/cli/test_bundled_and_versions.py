"""The default input (the bundled samples) and the versions lkip reports, in the checkout's install."""

import importlib.metadata
import re
from pathlib import Path

from lkip import PARSER_VERSION, __version__, bundled
from lkip.cli import main
from lkip.schema.store import SCHEMA_VERSION

REPO = Path(__file__).resolve().parents[2]


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_version_names_package_parser_and_schema(capsys):
    code, out, err = run(capsys, "--version")
    assert code == 0, err
    assert out == f"lkip {__version__} (parser {PARSER_VERSION}, schema {SCHEMA_VERSION})\n"
    assert importlib.metadata.version("lkip") == __version__  # pyproject reads the version from lkip/__init__.py


def test_checkout_install_finds_the_samples_beside_the_package():
    assert bundled.sample_folders() == [REPO / "samples" / "text", REPO / "samples" / "pdf"]


def test_installed_layout_is_preferred_and_absence_is_empty(tmp_path):
    site = tmp_path / "site-packages" / "lkip"
    (site / "samples" / "pdf").mkdir(parents=True)
    assert bundled.sample_folders(site) == [site / "samples" / "pdf"]
    assert bundled.sample_folders(tmp_path / "elsewhere" / "lkip") == []
    (tmp_path / "site-packages" / "samples" / "text").mkdir(parents=True)  # another package's, not a checkout
    assert bundled.sample_folders(tmp_path / "site-packages" / "lkip2") == []


def test_ingest_without_paths_or_samples_says_what_to_pass(monkeypatch, db_path, capsys):
    monkeypatch.setattr(bundled, "sample_folders", lambda: [])
    code, out, err = run(capsys, "ingest", "--db", db_path, "-q")
    assert code == 2 and out == ""
    assert "no PATHS given" in err and "lkip ingest reports/" in err
    assert not db_path.exists()


def test_ingest_without_paths_reads_the_bundled_samples(monkeypatch, tmp_path, db_path, capsys):
    folder = tmp_path / "samples" / "text"
    folder.mkdir(parents=True)
    (folder / "lkip_bnnk_sukamaju_2023.txt").write_bytes((REPO / "samples/text/lkip_bnnk_sukamaju_2023.txt").read_bytes())
    monkeypatch.setattr(bundled, "sample_folders", lambda: [folder])
    code, out, err = run(capsys, "ingest", "--db", db_path, "-q", "--workers", "0")
    assert code == 0, err
    assert out.startswith("1 files: 1 ok, 0 partial, 0 failed")


def test_show_and_report_carry_parser_and_schema_versions(text_samples, db_path, tmp_path, capsys):
    assert run(capsys, "ingest", text_samples, "--db", db_path, "-q", "--workers", "0")[0] == 0
    code, out, err = run(capsys, "show", "lkip_bnnk_sukamaju_2023.txt", "--db", db_path)
    assert code == 0, err
    versions = out.split("== versions (1)")[1].split("==")[0]
    assert re.search(rf"│ {re.escape(PARSER_VERSION)}\s+│ {SCHEMA_VERSION}\s+│", versions)
    page = tmp_path / "report.html"
    assert run(capsys, "report", "--db", db_path, "--out", page)[0] == 0
    assert f"<footer>Schema version {SCHEMA_VERSION} · parser version {PARSER_VERSION}</footer>" in page.read_text()
