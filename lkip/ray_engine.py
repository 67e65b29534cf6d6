"""Run the per-file extraction as Ray tasks, each writing Parquet shards; then load them.

The unit of work is :func:`lkip.pipeline.process_file`, unchanged. Ray is an
optional extra (``pip install 'lkip[ray]'``). Without an address, Ray starts an
in-process local cluster.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from lkip import PARSER_VERSION
from lkip.errors import MissingDependencyError
from lkip.normalize.catalogue import load_catalogue
from lkip.pipeline import (
    FileOutcome,
    IngestOptions,
    IngestSummary,
    catalogue_tables,
    discover,
    failed_records,
    outcome_of,
    path_outcomes,
    process_file,
    report_base,
    report_id_of,
    sha256_of,
)
from lkip.schema.shards import load_shards, stored_hashes, write_catalogue_shards, write_shards
from lkip.schema.store import open_store


def _import_ray() -> Any:
    try:
        import ray
    except ImportError as exc:
        raise MissingDependencyError(
            "--engine ray needs Ray: pip install 'lkip[ray]' (or: pip install 'ray[default]')"
        ) from exc
    return ray


def _extract_to_shards(path: str, sha: str, paths: list[str], options: Any, root: str) -> FileOutcome:
    """Ray task body: extract one file and write its shards; return its (small) outcome."""
    records = process_file(path, options, sha)
    write_shards(records, paths, Path(root))
    return outcome_of(records, path)


def ingest_ray(paths: Sequence[Path], db: Path | None, options: IngestOptions, *, shards: Path,
               address: str | None = None) -> IngestSummary:
    """Extract files on Ray into Parquet shards under ``shards``; load them into ``db`` if given.

    Idempotent like the local engine: content already in the shards (same parser
    version) is skipped unless ``options.force``.

    Raises:
        MissingDependencyError: Ray is not installed.
    """
    ray = _import_ray()
    summary = IngestSummary()
    files = discover(paths, summary.outcomes)  # paths that cannot be used fail alone
    catalogue = load_catalogue(options.catalogue_path)
    file_options = replace(options.file, catalogue=catalogue)
    shards.mkdir(parents=True, exist_ok=True)
    write_catalogue_shards(*catalogue_tables(catalogue), shards)
    done = stored_hashes(shards)
    jobs: dict[str, list[str]] = {}
    for f in files:
        sha = sha256_of(f)
        if not options.force and done.get(sha) == PARSER_VERSION:
            summary.outcomes.append(FileOutcome(str(f), report_id_of(sha), "skipped"))
            continue
        jobs.setdefault(sha, []).append(str(f))
    if jobs:
        started_here = not ray.is_initialized()
        if started_here:
            ray.init(address=address, include_dashboard=False, log_to_driver=False,
                     ignore_reinit_error=True, **({} if address else {"num_cpus": options.workers or 1}))
        try:
            task = ray.remote(max_retries=1)(_extract_to_shards)
            refs = {task.remote(p[0], sha, p, file_options, str(shards)): (sha, p) for sha, p in jobs.items()}
            deadline = {r: time.monotonic() + options.timeout for r in refs}
            pending = list(refs)
            while pending:
                ready, pending = ray.wait(pending, num_returns=1, timeout=1.0)
                for ref in ready:
                    sha, p = refs[ref]
                    try:
                        out = ray.get(ref)
                    except Exception as exc:  # noqa: BLE001 - a failed task fails only its file
                        out = _write_failure(sha, p, f"{p[0]}: worker failed: {exc}", shards)
                    summary.outcomes.extend(path_outcomes(out, p))
                now = time.monotonic()
                for ref in [r for r in pending if deadline[r] < now]:
                    ray.cancel(ref, force=True)
                    pending.remove(ref)
                    sha, p = refs[ref]
                    summary.outcomes.extend(path_outcomes(_write_failure(
                        sha, p, f"{p[0]}: extraction took longer than {options.timeout:g} s (--timeout); abandoned",
                        shards), p))
        finally:
            if started_here:
                ray.shutdown()
    if db is not None:
        with open_store(db) as store:
            store.sync_catalogue(*catalogue_tables(catalogue))
            load_shards(shards, store)
    return summary


def _write_failure(sha: str, paths: list[str], error: str, shards: Path) -> FileOutcome:
    records = failed_records(report_base(sha, paths[0]), error, time.perf_counter())
    write_shards(records, paths, shards)
    return outcome_of(records, paths[0])
