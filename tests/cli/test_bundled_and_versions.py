"""The default input of `lkip ingest`: the bundled samples, in the checkout's install."""

from pathlib import Path

from lkip import bundled
from lkip.cli import main

REPO = Path(__file__).resolve().parents[2]


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


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
