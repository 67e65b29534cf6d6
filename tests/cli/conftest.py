"""Fixtures for CLI and pipeline tests: a database built once from the text samples."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lkip.cli import main


@pytest.fixture()
def text_samples(tmp_path: Path, samples_dir: Path) -> Path:
    """A private copy of the text samples (tests may modify it)."""
    dest = tmp_path / "in"
    shutil.copytree(samples_dir / "text", dest)
    return dest


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Path:
    """A database holding every sample (text and PDF), ingested once through the CLI."""
    samples = Path(request.config.rootpath) / "samples"
    db = tmp_path_factory.mktemp("db") / "samples.duckdb"
    assert main(["ingest", str(samples), "--db", str(db), "--quiet"]) == 0
    return db
