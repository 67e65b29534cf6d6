"""Full extraction snapshot of every labelled and sample file, for refactors that must not change behaviour.

Each file goes through ``lkip.pipeline.process_file`` (extract, normalise, check) and its records
are written as one JSON file (timings left out). Two snapshots are compared with ``--compare``:

    python benchmarks/snapshot.py --out /tmp/snap_before
    ... change the code ...
    python benchmarks/snapshot.py --out /tmp/snap_after --compare /tmp/snap_before
"""

from __future__ import annotations

import argparse
import dataclasses
import enum
import json
import os
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

REPO = Path(os.environ.get("LKIP_REPO") or Path(__file__).resolve().parents[1])
SHARED = REPO.parent / "shared"


def inputs() -> list[Path]:
    """Every sample and shared input (shared ones only when ../shared is present)."""
    found = sorted((REPO / "samples").rglob("*.pdf")) + sorted((REPO / "samples").rglob("*.txt"))
    if SHARED.is_dir():
        found += sorted((SHARED / "corpus").glob("*.txt")) + sorted((SHARED / "real_pdfs").glob("*.pdf"))
    return found


def plain(value: object) -> object:
    """Records to JSON-able values (dataclasses to dicts, enums to their values)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)
                if f.name not in ("seconds", "ingested_at")}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


def snapshot_one(path: str) -> tuple[str, str]:
    """Return (file name, JSON snapshot) of one file."""
    from lkip.pipeline import FileOptions, process_file

    records = process_file(path, FileOptions())
    data = plain(records)
    data["report"].pop("source_path", None)
    return Path(path).name, json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True, default=str)


def main(argv: list[str] | None = None) -> int:
    """Write the snapshot; with ``--compare``, list the files whose snapshot differs."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, required=True, help="folder for the snapshot (one JSON per file)")
    ap.add_argument("--compare", type=Path, help="an earlier snapshot folder to compare with")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    files = [str(p) for p in inputs()]
    with ProcessPoolExecutor(args.workers) as pool:
        for done in as_completed([pool.submit(snapshot_one, f) for f in files]):
            name, text = done.result()
            (args.out / f"{name}.json").write_text(text, encoding="utf-8")
    if args.compare is None:
        print(f"{len(files)} files -> {args.out}")
        return 0
    differ = [p.name for p in sorted(args.out.glob("*.json"))
              if not (args.compare / p.name).is_file()
              or (args.compare / p.name).read_text(encoding="utf-8") != p.read_text(encoding="utf-8")]
    print(f"{len(files)} files; {len(differ)} differ from {args.compare}" + "".join(f"\n  {d}" for d in differ))
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
