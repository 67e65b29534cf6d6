"""The batch pipeline: find files, extract them in worker processes, write with one writer.

:func:`process_file` is the per-file unit of work: a pure function from one file
to its records (no database access), so any engine (a local process pool, Ray)
can run it. :func:`ingest` drives a batch into one DuckDB file.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, wait
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from lkip import PARSER_VERSION
from lkip.errors import BadInputError, ConfigError, FileTimeoutError, LkipError
from lkip.extract import SUPPORTED_SUFFIXES, OcrMode, extract_path
from lkip.extract.pdf import PdfSettings
from lkip.normalize._records import Report, ReportRecords, Status
from lkip.normalize._report import normalize_extraction
from lkip.normalize.catalogue import Catalogue, indicator_scorer, load_catalogue
from lkip.normalize.checks import check_report
from lkip.schema.store import Store, open_store

_READ_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class FileOptions:
    """Settings for extracting one file (sent to worker processes).

    Attributes:
        ocr: ``auto`` (OCR pages without a text layer), ``always`` or ``never``.
        password: Password for encrypted PDFs.
        catalogue: The indicator catalogue to match against.
    """

    ocr: OcrMode = OcrMode.AUTO
    password: str | None = None
    catalogue: Catalogue | None = None

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "ocr", OcrMode(self.ocr))
        except ValueError:
            raise ConfigError(f"--ocr must be auto, always or never, not {self.ocr!r}") from None


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """Settings of one ingest batch.

    Attributes:
        workers: Worker processes (0 = extract in this process, for debugging).
        force: Re-extract files whose content is already stored.
        timeout: Seconds one file may take before it is abandoned as failed.
        file: Per-file extraction settings.
        catalogue_path: Another catalogue file (default: the packaged BNN catalogue).
    """

    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    force: bool = False
    timeout: float = 600.0
    file: FileOptions = field(default_factory=FileOptions)
    catalogue_path: Path | None = None

    def __post_init__(self) -> None:
        if self.workers < 0:
            raise ConfigError("--workers must be 0 or more")
        if self.timeout <= 0:
            raise ConfigError("--timeout must be a positive number of seconds")


@dataclass(slots=True)
class FileOutcome:
    """What happened to one path of a batch."""

    path: str
    report_id: str | None
    status: str  # ok | partial | failed | skipped | duplicate
    error: str | None = None
    pages: int = 0
    rows: int = 0
    flags: int = 0


def outcome_of(records: ReportRecords, path: str) -> FileOutcome:
    """Return the outcome of the path a report was extracted from."""
    rep = records.report
    return FileOutcome(path, rep.report_id, rep.status.value, rep.error, rep.pages or 0,
                       len(records.pk) + len(records.capaian), len(records.flags))


def path_outcomes(first: FileOutcome, paths: Sequence[str]) -> list[FileOutcome]:
    """Return the outcomes of every path of one content: the first carries the report, the rest are copies."""
    return [first, *(FileOutcome(p, first.report_id, "duplicate", first.error) for p in paths[1:])]


@dataclass(slots=True)
class IngestSummary:
    """The result of a batch."""

    outcomes: list[FileOutcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        """Return how many paths ended with this status."""
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def rows(self) -> int:
        """PK and capaian rows written."""
        return sum(o.rows for o in self.outcomes)

    @property
    def flags(self) -> int:
        """Flags written."""
        return sum(o.flags for o in self.outcomes)

    @property
    def failed(self) -> list[FileOutcome]:
        """The paths that failed."""
        return [o for o in self.outcomes if o.status == "failed"]


# -- finding files -------------------------------------------------------------


#: Documentation files a folder scan passes over (named explicitly, they are ingested).
DOC_NAMES = ("readme", "license", "changelog")


def discover(paths: Sequence[Path]) -> list[Path]:
    """Given files and folders, return the input files (folders scanned recursively), sorted.

    A folder scan takes .pdf, .txt and .md files, except hidden ones and README,
    LICENSE and CHANGELOG files; a file named explicitly is always taken.

    Raises:
        BadInputError: A path does not exist.
    """
    found: list[Path] = []
    for p in paths:
        if p.is_dir():
            found.extend(
                f for f in p.rglob("*")
                if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES
                and not f.stem.lower().startswith(DOC_NAMES)
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
        elif p.is_file():
            found.append(p)
        else:
            raise BadInputError(f"{p}: no such file or folder")
    unique = {str(f.resolve()): f for f in found}
    return sorted(unique.values(), key=lambda f: str(f))


def sha256_of(path: Path) -> str:
    """Return the SHA-256 hex digest of a file's content."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_READ_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def report_id_of(sha256: str) -> str:
    """Return the report_id of a content hash (its first 16 hex digits)."""
    return sha256[:16]


# -- one file --------------------------------------------------------------------


def _status_and_error(extraction: Any) -> tuple[Status, str | None]:
    """Failed when no LKIP table or budget was found at all; partial when something is missing."""
    if not extraction.pk and not extraction.capaian and extraction.budget is None:
        reasons = "; ".join(extraction.warnings)
        return Status.FAILED, ("not an LKIP, or its tables could not be read: no Perjanjian Kinerja "
                               f"or capaian table found{f' ({reasons})' if reasons else ''}")
    if extraction.warnings:
        return Status.PARTIAL, "; ".join(extraction.warnings)
    return Status.OK, None


def process_file(path: str, options: FileOptions, sha256: str | None = None) -> ReportRecords:
    """Given one file, return its records: extracted, normalised and checked. No DB access.

    Errors of the file itself (unreadable, encrypted, not an LKIP) do not raise: they come
    back as a ``failed`` report whose ``error`` names the file and the problem.
    """
    started = time.perf_counter()
    p = Path(path)
    sha = sha256 or sha256_of(p)
    catalogue = options.catalogue or load_catalogue()
    base = report_base(sha, path)
    try:
        settings = PdfSettings(ocr=options.ocr, password=options.password)
        extraction = extract_path(p, settings, indicator_score=indicator_scorer(catalogue))
    except LkipError as exc:
        return failed_records(base, str(exc), started)
    except Exception as exc:  # noqa: BLE001 - one bad file must never stop the batch
        return failed_records(base, f"{path}: unexpected {type(exc).__name__}: {exc}", started)
    normalized = normalize_extraction(extraction, catalogue)
    directions = {i.code: i.direction for i in catalogue.indicators}
    flags = check_report(
        normalized.pk, normalized.capaian, normalized.budget, extraction.claims,
        directions=directions, pk_table_found=extraction.pk_table_found,
        capaian_table_found=extraction.capaian_table_found,
    )
    status, error = _status_and_error(extraction)
    meta = extraction.meta
    report = Report(
        **base, file_type=extraction.file_type.value, pages=extraction.pages,
        satker=meta.satker, level=meta.level.value if meta.level else None,
        province=meta.province, regency=meta.regency, year=meta.year,
        status=status, error=f"{path}: {error}" if error else None,
        seconds=round(time.perf_counter() - started, 3),
    )
    return ReportRecords(
        report=report, pk=normalized.pk, capaian=normalized.capaian, budget=normalized.budget,
        flags=tuple(flags), review=normalized.review, meta_evidence=normalized.meta_evidence,
    )


def failed_records(base: dict[str, Any], error: str, started: float) -> ReportRecords:
    """Return the records of a file that could not be extracted (a ``failed`` report row)."""
    return ReportRecords(report=Report(
        **base, file_type=None, pages=None, satker=None, level=None, province=None,
        regency=None, year=None, status=Status.FAILED, error=error,
        seconds=round(time.perf_counter() - started, 3),
    ))


# -- a batch ---------------------------------------------------------------------


@dataclass(slots=True)
class _Job:
    sha256: str
    paths: list[str]


def plan_jobs(files: Iterable[Path], store: Store, force: bool) -> tuple[list[_Job], list[FileOutcome]]:
    """Given files and the store, return the jobs to run and the paths skipped as unchanged."""
    by_hash: dict[str, _Job] = {}
    skipped: list[FileOutcome] = []
    for f in files:
        try:
            sha = sha256_of(f)
        except OSError as exc:
            skipped.append(FileOutcome(str(f), None, "failed", f"{f}: cannot read file: {exc}"))
            continue
        known = store.report_for_hash(sha)
        if known and not force and known[1] == PARSER_VERSION and sha not in by_hash:
            if store.report_for_path(str(f)) != known[0]:
                store.add_path(str(f), known[0])
                skipped.append(FileOutcome(str(f), known[0], "duplicate"))
            else:
                skipped.append(FileOutcome(str(f), known[0], "skipped"))
            continue
        by_hash.setdefault(sha, _Job(sha, [])).paths.append(str(f))
    return list(by_hash.values()), skipped


def _run_jobs(jobs: list[_Job], options: IngestOptions, file_options: FileOptions
              ) -> Iterator[tuple[_Job, ReportRecords]]:
    if options.workers == 0 or len(jobs) == 0:
        for job in jobs:
            yield job, process_file(job.paths[0], file_options, job.sha256)
        return
    from pebble import ProcessPool

    # Largest files first: a big file started last would leave the other workers idle at the end.
    biggest_first = sorted(range(len(jobs)), key=lambda i: -_size(jobs[i].paths[0]))
    with ProcessPool(max_workers=min(options.workers, len(jobs)), max_tasks=20) as pool:
        order = {
            pool.schedule(process_file, args=(jobs[i].paths[0], file_options, jobs[i].sha256),
                          timeout=options.timeout): i
            for i in biggest_first
        }
        pending = set(order)
        try:
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for fut in sorted(done, key=order.__getitem__):  # files finishing together: in batch order
                    job = jobs[order[fut]]
                    yield job, _result_or_failure(job, fut, options.timeout)
        except BaseException:
            pool.stop()
            raise


def _size(path: str) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0


def _result_or_failure(job: _Job, fut: Any, timeout: float) -> ReportRecords:
    try:
        return fut.result()
    except FutureTimeout:
        err = FileTimeoutError(f"{job.paths[0]}: extraction took longer than {timeout:g} s (--timeout); abandoned")
        return failed_records(report_base(job.sha256, job.paths[0]), str(err), time.perf_counter() - timeout)
    except Exception as exc:  # noqa: BLE001 - a crashed worker fails only its file
        error = f"{job.paths[0]}: worker crashed: {type(exc).__name__}: {exc}"
        return failed_records(report_base(job.sha256, job.paths[0]), error, time.perf_counter())


def report_base(sha256: str, path: str) -> dict[str, Any]:
    """Return the ``reports`` fields known before extraction (id, path, hash, version, time)."""
    p = Path(path)
    return dict(report_id=report_id_of(sha256), source_path=str(p), file_sha256=sha256,
                parser_version=PARSER_VERSION, ingested_at=datetime.now(),
                file_size=p.stat().st_size if p.exists() else None)


ProgressHook = Callable[[FileOutcome], None]


def catalogue_for(store: Store, catalogue_path: Path | None) -> Catalogue:
    """Return the catalogue to use (file or packaged) with the store's user aliases applied."""
    return load_catalogue(catalogue_path, extra_aliases=store.user_aliases())


def catalogue_tables(catalogue: Catalogue) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Return the catalogue as rows of ``indicators`` and ``indicator_aliases``."""
    indicators = [dict(code=i.code, name=i.name, bidang=i.bidang, measure=i.measure,
                       direction=i.direction, unit=i.unit) for i in catalogue.indicators]
    aliases = {a: dict(alias=a, code=i.code, source="catalogue")
               for i in catalogue.indicators for a in i.aliases}
    return indicators, list(aliases.values())


def sync_catalogue(store: Store, catalogue: Catalogue) -> None:
    """Write the catalogue in use into the store's ``indicators`` tables."""
    store.sync_catalogue(*catalogue_tables(catalogue))


def ingest(paths: Sequence[Path], db: Path, options: IngestOptions | None = None,
           *, on_planned: Callable[[int], None] | None = None,
           on_file: ProgressHook | None = None) -> IngestSummary:
    """Ingest files and folders into the DuckDB file ``db``.

    Args:
        paths: Files and folders (scanned recursively for .pdf, .txt, .md).
        db: The DuckDB file (created if missing).
        options: Batch settings.
        on_planned: Called once with the number of files to extract.
        on_file: Called after each path is done (for progress display).

    Returns:
        What happened to every path.

    Raises:
        BadInputError: A path does not exist.
        DatabaseBusyError: Another process holds the database.
    """
    options = options or IngestOptions()
    files = discover(paths)
    summary = IngestSummary()
    with open_store(db) as store:
        catalogue = catalogue_for(store, options.catalogue_path)
        sync_catalogue(store, catalogue)
        file_options = replace(options.file, catalogue=catalogue)
        jobs, done = plan_jobs(files, store, options.force)
        for outcome in done:
            summary.outcomes.append(outcome)
            if on_file:
                on_file(outcome)
        if on_planned:
            on_planned(len(jobs))
        for job, records in _run_jobs(jobs, options, file_options):
            store.write_report(records, job.paths)
            for outcome in path_outcomes(outcome_of(records, job.paths[0]), job.paths):
                summary.outcomes.append(outcome)
                if on_file:
                    on_file(outcome)
    return summary
