"""Bad days, measured: how long a reader waits during a long ingest, and what a bomb PDF costs.

Usage: python benchmarks/hostile.py [--files 60] [--seconds-per-file 0.5] [--workers 2] [--no-bomb]

Reader wait: an ingest of ``--files`` copies of a text sample runs in another process,
each file made slow (``--seconds-per-file``, standing in for OCR) through the
pipeline's extraction adapter. Meanwhile this process runs ``lkip query``'s read
(:func:`lkip.api.run_query`) in a loop and records how long each took, waits for the
writer's commits included. Prints the longest and the 95th-percentile read, and how
many reads were refused as busy (exit 8).

Bomb: a 20000 x 20000 image on a 200-inch page (generated, about 2 MB) ingested with
two good files under ``--max-memory 1024``; prints its status, the wall time and the
peak RSS of the largest worker.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lkip.api import run_query
from lkip.errors import DatabaseBusyError

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "samples" / "text" / "lkip_bnnp_nusa_lestari_2024.txt"

_SLOW_INGEST = """
import sys, time
from pathlib import Path
from lkip.extract import extract_path
from lkip.pipeline import FileOptions, IngestOptions, ingest

def slow(path, settings, **kw):
    time.sleep(float(sys.argv[3]))  # stands in for OCR
    return extract_path(path, settings, **kw)

ingest([Path(sys.argv[1])], Path(sys.argv[2]),
       IngestOptions(workers=int(sys.argv[4]), file=FileOptions(extractor=slow)))
"""


def reader_wait(tmp: Path, files: int, seconds: float, workers: int) -> None:
    """Print how long reads take while a slow ingest of ``files`` files runs."""
    folder = tmp / "many"
    folder.mkdir()
    text = SAMPLE.read_text(encoding="utf-8")
    for i in range(files):
        (folder / f"copy_{i:03d}.txt").write_text(text + f"\nLampiran {i}\n", encoding="utf-8")
    db = tmp / "wait.duckdb"
    proc = subprocess.Popen([sys.executable, "-c", _SLOW_INGEST, str(folder), str(db), str(seconds), str(workers)])
    while not db.exists():
        time.sleep(0.01)
    waits: list[float] = []
    busy = 0
    started = time.monotonic()
    while proc.poll() is None:
        t = time.monotonic()
        try:
            run_query(db, "SELECT count(*) FROM reports")
            waits.append(time.monotonic() - t)
        except DatabaseBusyError:
            busy += 1
        except Exception:  # noqa: BLE001 - the schema is being created
            pass
        time.sleep(0.05)
    total = time.monotonic() - started
    waits.sort()
    p95 = waits[int(len(waits) * 0.95)] if waits else float("nan")
    print(f"reader during a {total:.0f} s ingest of {files} files ({seconds:g} s each, {workers} workers): "
          f"{len(waits)} reads, longest {max(waits, default=float('nan')) * 1000:.0f} ms, "
          f"p95 {p95 * 1000:.0f} ms, median {waits[len(waits) // 2] * 1000 if waits else float('nan'):.0f} ms, "
          f"{busy} refused as busy")


def bomb(tmp: Path) -> None:
    """Print what a bomb PDF costs next to two good files under a 1 GB worker cap."""
    sys.path.insert(0, str(REPO / "tests" / "cli"))
    from test_hostile import bomb_pdf

    folder = tmp / "bomb"
    folder.mkdir()
    bomb_pdf(folder / "bomb.pdf")
    for name in ("lkip_bnnk_sukamaju_2023.txt", "lkip_bnnp_nusa_lestari_2024.txt"):
        shutil.copy(REPO / "samples" / "text" / name, folder / name)
    started = time.monotonic()
    run = subprocess.run([sys.executable, "-m", "lkip", "ingest", str(folder), "--db", str(tmp / "bomb.duckdb"),
                          "-q", "--workers", "2", "--max-memory", "1024"], capture_output=True, text=True)
    took = time.monotonic() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"bomb PDF ({(folder / 'bomb.pdf').stat().st_size / 1e6:.1f} MB): exit {run.returncode} in {took:.1f} s, "
          f"largest process peak RSS {peak:.0f} MB")
    print("  " + (run.stdout + run.stderr).strip().replace("\n", "\n  "))


def main() -> None:
    """Run the measurements."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=60)
    parser.add_argument("--seconds-per-file", type=float, default=0.5)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-bomb", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        reader_wait(Path(tmp), args.files, args.seconds_per_file, args.workers)
        if not args.no_bomb:
            bomb(Path(tmp))


if __name__ == "__main__":
    main()
