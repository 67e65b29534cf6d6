"""lkip as a pip user gets it: the wheel built, installed into a fresh venv outside the checkout, run from an empty folder.

Takes a couple of minutes (the build, then the dependencies installed into the new
venv); deselect with ``-m "not slow and not wheel"`` while working on something else.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from lkip import PARSER_VERSION, __version__
from lkip.api import catalogue_rows
from lkip.schema.store import SCHEMA_VERSION

pytestmark = pytest.mark.wheel

REPO = Path(__file__).resolve().parents[2]
README = (REPO / "README.md").read_text(encoding="utf-8")
NUSA_TEXT = "lkip_bnnp_nusa_lestari_2024.txt"
#: The README's results query for the nusa_lestari text sample (its output is shown there).
RESULTS_SQL = (
    "SELECT satker, year, indicator_code, target_value AS target, realisasi_value AS realisasi, "
    "stated_pct, achieved, flagged FROM results WHERE source_path LIKE '%nusa_lestari_2024.txt' "
    "ORDER BY indicator_code"
)


def _run(cmd: list[str | Path], cwd: Path, **env: str) -> str:
    """Run a command outside the checkout's environment and return its stdout (fail with its stderr)."""
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    clean.update(COLUMNS="250", **env)
    proc = subprocess.run([str(c) for c in cmd], cwd=cwd, env=clean, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, f"{cmd} exited {proc.returncode}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc.stdout


def _empty_dir(factory: pytest.TempPathFactory, name: str) -> Path:
    path = factory.mktemp(name)
    assert not path.resolve().is_relative_to(REPO) and not any(path.iterdir())
    return path


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist and the wheel (built from that sdist), as `python -m build` makes them."""
    out = _empty_dir(tmp_path_factory, "dist")
    _run([sys.executable, "-m", "build", "--outdir", out, REPO], cwd=out)
    return out


@pytest.fixture(scope="module")
def venv(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv outside the checkout holding the wheel and its dependencies (nothing else)."""
    root = _empty_dir(tmp_path_factory, "venv") / "venv"
    _run([sys.executable, "-m", "venv", root], cwd=root.parent)
    (wheel,) = dist.glob("*.whl")
    _run([root / "bin" / "python", "-m", "pip", "install", "--quiet", "--no-compile", wheel], cwd=root.parent)
    return root


@pytest.fixture(scope="module")
def demo(venv: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The README's demo (scripts/demo.sh: `lkip ingest` without paths) run with the installed lkip."""
    cwd = _empty_dir(tmp_path_factory, "demo")
    return cwd, _run(["bash", REPO / "scripts" / "demo.sh"], cwd=cwd, LKIP=str(venv / "bin" / "lkip"))


def _lkip(venv: Path, cwd: Path, *args: str | Path) -> str:
    return _run([venv / "bin" / "lkip", *args], cwd=cwd)


def _readme_block_after(prompt: str) -> list[str]:
    """Return the README's output lines shown after the command line starting with ``prompt``."""
    lines = README.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(prompt)) + 1
    while lines[start].startswith(" "):  # continuation lines of the command
        start += 1
    out = []
    for line in lines[start:]:
        if line.startswith(("$ ", "```")):
            break
        out.append(line)
    return [line for line in out if line.strip()]


def _readme_nusa_text_flags() -> set[tuple[str, ...]]:
    """The nusa_lestari text sample's flags as the README shows them: (kind, code, expected, found, line)."""
    rows = list(csv.DictReader(_readme_block_after("$ .venv/bin/lkip flags --report")))
    assert len(rows) >= 4
    return {(r["kind"], r["indicator_code"], r["expected"], r["found"], r["line"]) for r in rows}


def _flags(venv: Path, cwd: Path, db: str, report: str) -> set[tuple[str, ...]]:
    rows = json.loads(_lkip(venv, cwd, "flags", "--db", db, "--report", report, "--format", "json"))
    return {(r["kind"], r["indicator_code"] or "", r["expected"], r["found"], str(r["line"] or "")) for r in rows}


def test_wheel_ships_lkip_and_the_sample_reports_only(dist: Path) -> None:
    (wheel,) = dist.glob(f"lkip-{__version__}-py3-none-any.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        assert {n.split("/")[0] for n in names} == {"lkip", f"lkip-{__version__}.dist-info"}
        shipped = {n.removeprefix("lkip/"): zf.read(n) for n in names if n.startswith("lkip/samples/")}
        meta = zf.read(f"lkip-{__version__}.dist-info/METADATA").decode()
    checkout = {f"samples/{p.parent.name}/{p.name}": p.read_bytes()
                for p in [*REPO.glob("samples/text/*.txt"), *REPO.glob("samples/pdf/*.pdf")]}
    assert len(checkout) == 6 and shipped == checkout  # the one copy, byte for byte; no JSON, no generators
    assert "lkip/schema/ddl.sql" in names and "lkip/schema/data/bnn_catalogue.yaml" in names
    for field in ("License-Expression: MIT", "Requires-Python: >=3.11", "Keywords: LKIP",
                  "Classifier: Programming Language :: Python :: 3.11", "Requires-Dist: duckdb"):
        assert field in meta
    (sdist,) = dist.glob(f"lkip-{__version__}.tar.gz")
    with tarfile.open(sdist) as tf:
        members = {m.name.split("/", 1)[1] for m in tf.getmembers() if "/" in m.name}
    assert set(checkout) <= members and "pyproject.toml" in members


def test_installed_lkip_is_the_wheel_and_prints_its_versions(venv: Path, tmp_path_factory) -> None:
    cwd = _empty_dir(tmp_path_factory, "where")
    out = _run([venv / "bin" / "python", "-c",
                "import importlib.metadata as m, lkip; print(lkip.__file__); print(m.version('lkip'))"], cwd=cwd)
    where, version = out.split()
    assert Path(where).is_relative_to(venv) and not Path(where).is_relative_to(REPO)
    assert version == __version__
    assert _lkip(venv, cwd, "--version").strip() == f"lkip {__version__} (parser {PARSER_VERSION}, schema {SCHEMA_VERSION})"


def test_demo_lands_the_samples_as_the_readme_shows(venv: Path, demo: tuple[Path, str]) -> None:
    cwd, out = demo
    summary = next(line for line in README.splitlines() if re.match(r"\d+ files: .* -> lkip\.duckdb$", line))
    assert summary.startswith("6 files: 6 ok") and out.splitlines()[0] == summary
    assert (cwd / "lkip.duckdb").is_file()
    paths = json.loads(_lkip(venv, cwd, "query", "--format", "json", "SELECT source_path FROM reports"))
    assert len(paths) == 6 and all(Path(p["source_path"]).is_relative_to(venv) for p in paths)
    assert _flags(venv, cwd, "lkip.duckdb", NUSA_TEXT) == _readme_nusa_text_flags()
    rows = [line for line in _lkip(venv, cwd, "query", RESULTS_SQL).splitlines() if line.startswith("│")]
    readme_rows = [line for line in _readme_block_after("$ .venv/bin/lkip query") if line.startswith("│")]
    assert len(readme_rows) == 9 and rows == readme_rows


def test_show_report_and_catalogue_of_the_installed_lkip(venv: Path, demo: tuple[Path, str]) -> None:
    cwd, _ = demo
    show = _lkip(venv, cwd, "show", NUSA_TEXT)
    versions = show.split("== versions (1)")[1].split("==")[0]
    assert PARSER_VERSION in versions and re.search(rf"│ {SCHEMA_VERSION}\s+│", versions)
    _lkip(venv, cwd, "report", "--out", "report.html")
    page = (cwd / "report.html").read_text(encoding="utf-8")
    assert f"Schema version {SCHEMA_VERSION} · parser version {PARSER_VERSION}" in page
    assert "BNN Provinsi Nusa Lestari" in page and "umum_zona_integritas" in page
    listed = list(csv.DictReader(_lkip(venv, cwd, "catalogue", "list", "--format", "csv").splitlines()))
    names, rows = catalogue_rows()
    assert [r["code"] for r in listed] == [r[names.index("code")] for r in rows] and len(rows) > 20


def test_explicit_text_and_pdf_files(venv: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    cwd = _empty_dir(tmp_path_factory, "explicit")
    shutil.copy(REPO / "samples" / "text" / NUSA_TEXT, cwd)
    shutil.copy(REPO / "samples" / "pdf" / "lkip_bnnk_sukamaju_2023.pdf", cwd)
    out = _lkip(venv, cwd, "ingest", NUSA_TEXT, "--db", "text.duckdb", "-q", "--workers", "0")
    assert re.fullmatch(r"1 files: 1 ok, 0 partial, 0 failed, .*; \d+ rows, 4 flags -> text\.duckdb\n", out)
    assert _flags(venv, cwd, "text.duckdb", NUSA_TEXT) == _readme_nusa_text_flags()
    out = _lkip(venv, cwd, "ingest", "lkip_bnnk_sukamaju_2023.pdf", "--db", "pdf.duckdb", "-q", "--workers", "0")
    assert re.fullmatch(r"1 files: 1 ok, 0 partial, 0 failed, .*; \d+ rows, 1 flags -> pdf\.duckdb\n", out)
    (flag,) = json.loads(_lkip(venv, cwd, "flags", "--db", "pdf.duckdb", "--format", "json"))
    assert (flag["satker"], flag["kind"], flag["expected"], flag["found"], flag["page"]) == (
        "BNN Kota Sukamaju", "budget_arithmetic", "94.5%", "94%", 1)
