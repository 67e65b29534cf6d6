"""The batch pipeline: find files, extract them in worker processes, write with one writer.

:func:`process_file` is the per-file unit of work: a pure function from one file
to its records (no database access), so any engine (a local process pool, Ray)
can run it. :func:`ingest` drives a batch into one DuckDB file.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import resource
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, wait
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from lkip import PARSER_VERSION
from lkip.errors import (
    BadInputError,
    ConfigError,
    DatabaseBusyError,
    FileTimeoutError,
    LkipError,
    MissingDependencyError,
    TerminatedError,
)
from lkip.extract import SUPPORTED_SUFFIXES, Extraction, OcrMode, extract_path
from lkip.extract.pdf import PdfSettings
from lkip.normalize._records import Report, ReportRecords, Status
from lkip.normalize._report import normalize_extraction
from lkip.normalize.catalogue import Catalogue, indicator_scorer, load_catalogue
from lkip.normalize.checks import check_report
from lkip.schema.store import Store, open_store

_READ_CHUNK = 1 << 20
_MB = 1 << 20
#: Default cap of one worker's address space (``--max-memory``).
DEFAULT_MAX_MEMORY = 2048 * _MB
#: Default cap of a text file's size (``--max-text-size``): a text dump needs about 18 times its size in memory.
DEFAULT_MAX_TEXT = 64 * _MB

#: The per-file extraction a pipeline runs, called like :func:`lkip.extract.extract_path`
#: (an adapter: tests swap it to inject faults).
Extractor = Callable[..., Extraction]


class FailureCause(StrEnum):
    """Why a file failed, which decides whether the next ingest retries it."""

    RUN = "run"  # timeout, crashed or killed worker, missing dependency: retried by the next ingest
    FILE = "file"  # the file itself (not a PDF, wrong password, ...): retried only with --retry-failed


@dataclass(frozen=True, slots=True)
class FileOptions:
    """Settings for extracting one file (sent to worker processes).

    Attributes:
        ocr: ``auto`` (OCR pages without a text layer), ``always`` or ``never``.
        password: Password for encrypted PDFs.
        catalogue: The indicator catalogue to match against.
        max_text_bytes: Text files larger than this fail without being read.
        extractor: The extraction adapter (default :func:`lkip.extract.extract_path`).
    """

    ocr: OcrMode = OcrMode.AUTO
    password: str | None = None
    catalogue: Catalogue | None = None
    max_text_bytes: int = DEFAULT_MAX_TEXT
    extractor: Extractor | None = None

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "ocr", OcrMode(self.ocr))
        except ValueError:
            raise ConfigError(f"--ocr must be auto, always or never, not {self.ocr!r}") from None
        if self.max_text_bytes <= 0:
            raise ConfigError("--max-text-size must be a positive number of MB")


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """Settings of one ingest batch.

    Attributes:
        workers: Worker processes (0 = extract in this process, for debugging).
        force: Re-extract files whose content is already stored.
        timeout: Seconds one file may take before it is abandoned as failed.
        file: Per-file extraction settings.
        catalogue_path: Another catalogue file (default: the packaged BNN catalogue).
        retry_failed: Also re-extract files that failed because of the file itself.
        max_memory: Cap of each worker process's address space, in bytes (not applied with 0 workers).
    """

    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    force: bool = False
    timeout: float = 600.0
    file: FileOptions = field(default_factory=FileOptions)
    catalogue_path: Path | None = None
    retry_failed: bool = False
    max_memory: int = DEFAULT_MAX_MEMORY

    def __post_init__(self) -> None:
        if self.workers < 0:
            raise ConfigError("--workers must be 0 or more")
        if self.timeout <= 0:
            raise ConfigError("--timeout must be a positive number of seconds")
        if self.max_memory < 256 * _MB:
            raise ConfigError("--max-memory must be at least 256 MB")


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


def error_for_path(path: str, error: str | None, source: str) -> str:
    """Return a failed content's ``error`` (which names ``source``) as it applies to ``path``."""
    return f"{path}: {(error or 'failed').removeprefix(source + ': ')}"


def path_outcomes(first: FileOutcome, paths: Sequence[str]) -> list[FileOutcome]:
    """Return the outcomes of every path of one content: the first carries the report, the rest are copies.

    Copies of a failed content are failures too, each named (eight empty files are eight failures).
    """
    if first.status == "failed":
        return [first, *(FileOutcome(p, first.report_id, "failed", error_for_path(p, first.error, first.path))
                         for p in paths[1:])]
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


def _wanted(name: str) -> bool:
    stem, suffix = os.path.splitext(name)
    return suffix.lower() in SUPPORTED_SUFFIXES and not stem.lower().startswith(DOC_NAMES)


def _walk(root: Path, problems: list[FileOutcome]) -> Iterator[Path]:
    """Yield the wanted files under ``root``; unreadable folders and broken links go to ``problems``.

    Folder links are followed, but a folder already visited (a link loop) is never entered twice.
    """
    seen: set[tuple[int, int]] = set()

    def unreadable(exc: OSError) -> None:
        problems.append(FileOutcome(str(exc.filename), None, "failed",
                                    f"{exc.filename}: cannot read folder: {exc.strerror}"))

    for folder, subfolders, names in os.walk(root, onerror=unreadable, followlinks=True):
        try:
            st = os.stat(folder)
        except OSError as exc:
            unreadable(exc)
            subfolders[:] = []
            continue
        if (st.st_dev, st.st_ino) in seen:  # reached again through a link: do not recurse
            subfolders[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for name in names:
            if name.startswith(".") or not _wanted(name):
                continue
            f = Path(folder, name)
            if f.is_file():
                yield f
            else:
                problems.append(FileOutcome(str(f), None, "failed", f"{f}: {_not_a_file(f)}"))


def _not_a_file(p: Path) -> str:
    if p.is_symlink():
        try:
            p.stat()
        except OSError as exc:
            return f"broken or looping symbolic link ({exc.strerror})"
    return "no such file or folder" if not p.exists() else "not a regular file"


def discover(paths: Sequence[Path], problems: list[FileOutcome] | None = None) -> list[Path]:
    """Given files and folders, return the input files (folders scanned recursively), sorted.

    A folder scan takes .pdf, .txt and .md files, except hidden ones and README,
    LICENSE and CHANGELOG files; a file named explicitly is always taken.

    Args:
        paths: Files and folders.
        problems: When given, each path that cannot be used (missing, broken link, unreadable
            folder) is added to it as a ``failed`` outcome and the rest are still returned.

    Raises:
        BadInputError: A path cannot be used and ``problems`` was not given.
    """
    found: list[Path] = []
    bad: list[FileOutcome] = []
    for p in paths:
        if p.is_dir():
            found.extend(_walk(p, bad))
        elif p.is_file():
            found.append(p)
        else:
            bad.append(FileOutcome(str(p), None, "failed", f"{p}: {_not_a_file(p)}"))
    if problems is None and bad:
        raise BadInputError(bad[0].error)
    if problems is not None:
        problems.extend(bad)
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

    Errors of the file itself (unreadable, encrypted, not an LKIP, too big for the memory
    cap) do not raise: they come back as a ``failed`` report whose ``error`` names the file
    and the problem.

    Raises:
        MissingDependencyError: A program the file needs (Tesseract, ...) is not installed:
            a failure of the run, not of the file.
    """
    started = time.perf_counter()
    p = Path(path)
    sha = sha256 or sha256_of(p)
    catalogue = options.catalogue or load_catalogue()
    base = report_base(sha, path)
    size = base["file_size"] or 0
    if p.suffix.lower() != ".pdf" and size > options.max_text_bytes:
        return failed_records(base, f"{path}: text file of {size / _MB:.0f} MB is over the "
                                    f"{options.max_text_bytes / _MB:g} MB cap for text files (--max-text-size); "
                                    "not read", started)
    try:
        settings = PdfSettings(ocr=options.ocr, password=options.password)
        extraction = (options.extractor or extract_path)(p, settings, indicator_score=indicator_scorer(catalogue))
    except (MissingDependencyError, FileTimeoutError, TerminatedError):
        raise  # failures of the run, not of the file
    except LkipError as exc:
        return failed_records(base, str(exc), started)
    except MemoryError:
        return failed_records(base, f"{path}: needs more memory than this worker may use "
                                    f"({_memory_cap()}, --max-memory); not extracted", started)
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
        attached_pk=normalized.attached_pk, tables=normalized.tables,
    )


#: Library wording in extraction errors -> the command-line option that does the same.
def _memory_cap() -> str:
    soft = resource.getrlimit(resource.RLIMIT_AS)[0]
    return "no cap set" if soft == resource.RLIM_INFINITY else f"address space capped at {soft / _MB:.0f} MB"


def _address_space() -> int:
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0


def limit_memory(max_bytes: int) -> None:
    """Let this process (a worker) grow by at most ``max_bytes`` more address space (RLIMIT_AS).

    The cap counts from the worker's size when it starts (a forked worker inherits its parent's
    mappings), so a bomb fails alone with MemoryError instead of driving the machine into swap.
    """
    cap = _address_space() + max_bytes
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


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


def _retry(known: Any, options: IngestOptions) -> bool:
    """Return whether to retry a stored failure: the run caused it (or its cause is unknown), or asked to."""
    return known.status == "failed" and (known.cause != FailureCause.FILE or options.retry_failed)


def plan_jobs(files: Iterable[Path], store: Store, options: IngestOptions
              ) -> tuple[list[_Job], list[FileOutcome]]:
    """Given files and the store, return the jobs to run and the outcomes of paths not re-extracted.

    A stored failure that is not retried is reported again as ``failed`` (its state is the truth).
    """
    by_hash: dict[str, _Job] = {}
    done: list[FileOutcome] = []
    for f in files:
        try:
            sha = sha256_of(f)
        except OSError as exc:
            done.append(FileOutcome(str(f), None, "failed", f"{f}: cannot read file: {exc.strerror or exc}"))
            continue
        known = store.report_for_hash(sha)
        if (known and not options.force and known.parser_version == PARSER_VERSION
                and not _retry(known, options) and sha not in by_hash):
            moved = store.report_for_path(str(f)) != known.report_id
            if moved:
                store.add_path(str(f), known.report_id)
            if known.status == "failed":
                done.append(FileOutcome(str(f), known.report_id, "failed",
                                        error_for_path(str(f), known.error, known.source_path)))
            else:
                done.append(FileOutcome(str(f), known.report_id, "duplicate" if moved else "skipped"))
            continue
        by_hash.setdefault(sha, _Job(sha, [])).paths.append(str(f))
    return list(by_hash.values()), done


#: Seconds between the writer's commits: results finishing in between are written together,
#: and the database is closed in between, so readers get in.
COMMIT_EVERY = 1.0
_DONE = object()
#: One extracted job: the job, its records, and for a failure what caused it.
Result = tuple[_Job, ReportRecords, FailureCause | None]


def _run_jobs(jobs: list[_Job], options: IngestOptions, file_options: FileOptions,
              tick: float = COMMIT_EVERY) -> Iterator[Result | None]:
    """Yield each job's result as it finishes, and None every ``tick`` seconds without one."""
    if options.workers == 0 or len(jobs) == 0:
        for job in jobs:
            try:
                with _time_limit(options.timeout, job.paths[0]):
                    records = process_file(job.paths[0], file_options, job.sha256)
            except (FileTimeoutError, MissingDependencyError) as exc:
                yield job, _failed_job(job, str(exc)), FailureCause.RUN
                continue
            yield job, records, _cause(records)
        return
    from pebble import ProcessPool

    # Largest files first: a big file started last would leave the other workers idle at the end.
    biggest_first = sorted(range(len(jobs)), key=lambda i: -_size(jobs[i].paths[0]))
    with ProcessPool(max_workers=min(options.workers, len(jobs)), max_tasks=20,
                     initializer=limit_memory, initargs=(options.max_memory,)) as pool:
        order = {
            pool.schedule(process_file, args=(jobs[i].paths[0], file_options, jobs[i].sha256),
                          timeout=options.timeout): i
            for i in biggest_first
        }
        pending = set(order)
        try:
            while pending:
                done, pending = wait(pending, timeout=tick, return_when=FIRST_COMPLETED)
                if not done:
                    yield None
                for fut in sorted(done, key=order.__getitem__):  # files finishing together: in batch order
                    job = jobs[order[fut]]
                    yield (job, *_result_or_failure(job, fut, options))
        except BaseException:
            pool.stop()
            raise


def _cause(records: ReportRecords) -> FailureCause | None:
    return FailureCause.FILE if records.report.status.value == "failed" else None


@contextmanager
def _time_limit(seconds: float, path: str) -> Iterator[None]:
    """Raise :class:`FileTimeoutError` in this (main) thread after ``seconds`` (``--workers 0``)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise FileTimeoutError(_timeout_message(path, seconds))

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.5)  # again every 0.5 s, should a handler swallow it
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _timeout_message(path: str, seconds: float) -> str:
    return f"{path}: extraction took longer than {seconds:g} s (--timeout); abandoned"


def _size(path: str) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0


def _failed_job(job: _Job, error: str) -> ReportRecords:
    return failed_records(report_base(job.sha256, job.paths[0]), error, time.perf_counter())


def _result_or_failure(job: _Job, fut: Any, options: IngestOptions) -> tuple[ReportRecords, FailureCause | None]:
    try:
        records = fut.result()
    except FutureTimeout:
        return _failed_job(job, _timeout_message(job.paths[0], options.timeout)), FailureCause.RUN
    except MissingDependencyError as exc:
        return _failed_job(job, str(exc)), FailureCause.RUN
    except Exception as exc:  # noqa: BLE001 - a crashed worker fails only its file
        error = (f"{job.paths[0]}: worker crashed or was killed ({type(exc).__name__}: {exc}; its memory "
                 f"cap is {options.max_memory / _MB:.0f} MB, --max-memory); it will be retried by the next ingest")
        return _failed_job(job, error), FailureCause.RUN
    return records, _cause(records)


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


@contextmanager
def _sole_ingest(db: Path) -> Iterator[None]:
    """Hold an advisory lock on ``db`` for a whole ingest: a second ingest is told busy at once.

    Readers never take it; they wait only for DuckDB's own lock, held while a report commits.
    """
    fd = os.open(db, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise DatabaseBusyError(
                f"{db}: database is busy (another lkip ingest is writing to it); wait for it to finish and try again"
            ) from exc
        yield
    finally:
        os.close(fd)


def ingest(paths: Sequence[Path], db: Path, options: IngestOptions | None = None,
           *, on_planned: Callable[[int], None] | None = None,
           on_file: ProgressHook | None = None) -> IngestSummary:
    """Ingest files and folders into the DuckDB file ``db``.

    The database is opened to plan the batch and then about once a second to write the
    reports finished meanwhile (each in its own transaction), so readers (``lkip query``,
    ``flags``, ``report``) get in between commits.

    Args:
        paths: Files and folders (scanned recursively for .pdf, .txt, .md).
        db: The DuckDB file (created if missing).
        options: Batch settings.
        on_planned: Called once with the number of files to extract.
        on_file: Called after each path is done (for progress display).

    Returns:
        What happened to every path (a path that cannot be used is a ``failed`` outcome).

    Raises:
        DatabaseBusyError: Another ingest is writing to the database.
        SchemaError: The database is not lkip's, or cannot be written.
    """
    options = options or IngestOptions()
    summary = IngestSummary()

    def report(outcome: FileOutcome) -> None:
        summary.outcomes.append(outcome)
        if on_file:
            on_file(outcome)

    problems: list[FileOutcome] = []
    files = discover(paths, problems)
    for outcome in problems:
        report(outcome)
    with ExitStack() as held:
        with open_store(db) as store:  # creates the file, or refuses one that is not lkip's
            held.enter_context(_sole_ingest(db))
            catalogue = catalogue_for(store, options.catalogue_path)
            sync_catalogue(store, catalogue)
            jobs, done = plan_jobs(files, store, options)
        file_options = replace(options.file, catalogue=catalogue)
        for outcome in done:
            report(outcome)
        if on_planned:
            on_planned(len(jobs))
        waiting: list[Result] = []
        last = 0.0
        results = _run_jobs(jobs, options, file_options)
        while True:
            try:
                result = next(results, _DONE)
            except (KeyboardInterrupt, TerminatedError):  # stopped while waiting for workers
                _commit(db, waiting, report)  # keep the reports already extracted
                raise
            if result is _DONE:
                break
            if result is not None:
                waiting.append(result)
            if waiting and time.monotonic() - last >= COMMIT_EVERY:
                _commit(db, waiting, report)
                last = time.monotonic()
        _commit(db, waiting, report)
    return summary


def _commit(db: Path, results: list[Result], report: Callable[[FileOutcome], None]) -> None:
    """Write finished reports (one transaction each), closing the database after; empties ``results``."""
    if not results:
        return
    with open_store(db, create=False) as store:
        while results:
            job, records, cause = results[0]
            store.write_report(records, job.paths, cause=cause)
            results.pop(0)
            for outcome in path_outcomes(outcome_of(records, job.paths[0]), job.paths):
                report(outcome)
