"""Shared fixtures: the samples folder, the shared reference material, temp paths."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    """The repository's own sample LKIP files."""
    return SAMPLES


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` (real reports); tests using it skip cleanly when it is absent."""
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture()
def db_path(tmp_path: Path) -> Path:
    """A fresh DuckDB path in a temporary folder."""
    return tmp_path / "test.duckdb"


@pytest.fixture()
def held_db(db_path: Path) -> Iterator[Path]:
    """``db_path``, held open by another process (as a running ingest would) during the test."""
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('held', flush=True); time.sleep(60)",
         str(db_path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield db_path
    finally:
        holder.kill()
        holder.wait()
