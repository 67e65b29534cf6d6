"""The library API behind each ``lkip`` command (the CLI only parses and prints)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from lkip.errors import BadInputError, ConfigError, UsageError
from lkip.output import write_csv
from lkip.schema import queries
from lkip.schema.queries import Rows
from lkip.schema.store import SCHEMA_VERSION, open_store

#: DuckDB settings of a ``query`` connection: no files, no extensions installed or loaded.
SANDBOX = {"enable_external_access": False, "autoinstall_known_extensions": False,
           "autoload_known_extensions": False}
#: With ``--allow-files``: the user's own files may be read (read_parquet), extensions still never installed.
ALLOW_FILES = {**SANDBOX, "enable_external_access": True}


def version_line() -> str:
    """Return this lkip's versions: the package, its parser (``reports.parser_version``) and schema (``meta``)."""
    from lkip import PARSER_VERSION, __version__

    return f"lkip {__version__} (parser {PARSER_VERSION}, schema {SCHEMA_VERSION})"


def run_query(db: Path, sql: str, *, allow_files: bool = False) -> Rows:
    """Run one SQL statement against the database, read-only and sandboxed, and return its rows.

    Args:
        db: The DuckDB file.
        sql: The statement.
        allow_files: Let the SQL read and write files (``read_parquet``, ``COPY``); off by default.

    Raises:
        BadInputError: The SQL is invalid or not allowed (the message is DuckDB's).
    """
    with open_store(db, read_only=True, config=ALLOW_FILES if allow_files else SANDBOX) as store:
        return queries.run_user_sql(store, sql)


def run_query_shards(root: Path, sql: str, *, allow_files: bool = False) -> Rows:
    """Run SQL over a folder of Parquet shards in place (same tables and views as a database).

    Without ``allow_files`` the SQL can read the shard files and nothing else.

    Raises:
        BadInputError: No shards there, or the SQL is invalid or not allowed.
    """
    return queries.run_user_sql_on_shards(root, sql, sandbox=not allow_files)


def load_shard_folder(root: Path, db: Path) -> int:
    """Load a folder of Parquet shards into the database; return the number of reports."""
    from lkip.schema.shards import load_shards

    if not (root / "reports").is_dir():
        raise BadInputError(f"{root}: no Parquet shards here (expected {root / 'reports'})")
    with open_store(db) as store:
        return load_shards(root, store)


@dataclass(frozen=True, slots=True)
class FlagFilter:
    """Filters for :func:`list_flags` (None = any)."""

    kind: str | None = None
    province: str | None = None
    year: int | None = None
    report: str | None = None


def list_flags(db: Path, filt: FlagFilter | None = None) -> Rows:
    """Return every flag with its evidence and its report's office, filtered."""
    filt = filt or FlagFilter()
    with open_store(db, read_only=True) as store:
        return queries.filtered_flags(store, kind=filt.kind, province=filt.province, year=filt.year, report=filt.report)


def find_report(db: Path, key: str) -> str:
    """Return the report_id a user means by an id prefix or (part of) a file name.

    Raises:
        BadInputError: No report, or more than one, matches.
    """
    with open_store(db, read_only=True) as store:
        ids = queries.report_ids_matching(store, key)
    if not ids:
        raise BadInputError(
            f'no report matches {key!r}; list them with: lkip query "SELECT report_id, source_path FROM reports"'
        )
    if len(ids) > 1:
        raise BadInputError(f"{key!r} matches {len(ids)} reports ({', '.join(ids[:10])}); give more of the id or name")
    return ids[0]


@dataclass(frozen=True, slots=True)
class ReportView:
    """One report for ``lkip show``: metadata as (field, value) pairs, then its tables."""

    report_id: str
    metadata: list[tuple[str, object]]
    sections: dict[str, Rows]


def show_report(db: Path, key: str, *, wide: bool = False) -> ReportView:
    """Return one report: metadata, files, PK rows, capaian rows, budget, flags, review queue.

    Args:
        db: The database.
        key: A report_id prefix or part of a file name.
        wide: Every column, not only those that matter.
    """
    from lkip.schema.report_queries import report_metadata, show_sections

    rid = find_report(db, key)
    with open_store(db, read_only=True) as store:
        return ReportView(rid, report_metadata(store.con, rid), show_sections(store.con, rid, wide=wide))


def write_evidence(db: Path, key: str, out: Path) -> list[Path]:
    """Write one report's evidence to ``out``: a PNG (PDF) or text quote per flag side and per row.

    Files: ``flag-<FLAG_ID>-<n>.png|txt`` for each flag's sides, ``<table>-<row>.png|txt`` for
    each PK, capaian and budget row. A moved or changed source file is said in ``PROBLEM.txt``.

    Returns:
        The files written.
    """
    from lkip.evidence import locate_source, write_shown
    from lkip.schema import report_queries as q

    rid = find_report(db, key)
    out.mkdir(parents=True, exist_ok=True)
    with open_store(db, read_only=True) as store:
        f = q.report_file(store.con, rid) or {}
        source = locate_source(f.get("paths") or [f.get("source_path") or ""], f.get("file_sha256") or "",
                               f.get("file_type") or "")
        if source.problem:
            problem = out / "PROBLEM.txt"
            problem.write_text(source.problem + "\n", encoding="utf-8")
            return [problem]
        return write_shown(source, q.flag_rows(store.con, rid), q.located_rows(store.con, rid), out)


REVIEW_STATUSES = ("confirmed", "dismissed")


def review_flags(db: Path, reviews: list[tuple[str, str, str | None]]) -> int:
    """Record reviews ``(FLAG_ID, confirmed|dismissed, note)`` in one transaction; return how many.

    Raises:
        BadInputError: A status is not confirmed/dismissed, or a FLAG_ID is unknown (nothing is written).
    """
    from lkip.schema.report_queries import save_reviews

    bad = [f"{i}: {st!r}" for i, st, _ in reviews if st not in REVIEW_STATUSES]
    if bad:
        raise BadInputError(f"review status must be confirmed or dismissed ({'; '.join(bad[:5])})")
    with open_store(db) as store:
        unknown = save_reviews(store.con, reviews)
    if unknown:
        raise BadInputError(
            f"no flag {', '.join(unknown[:10])}{' ...' if len(unknown) > 10 else ''}; nothing recorded. "
            "See the FLAG_IDs with `lkip flags`"
        )
    return len(reviews)


def read_reviews_csv(path: Path) -> list[tuple[str, str, str | None]]:
    """Read reviews from a CSV with columns flag_id,status,note (note optional).

    Raises:
        BadInputError: The file is missing, or lacks the flag_id/status columns.
    """
    import csv

    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
            names = set(rows[0]) if rows else set()
    except OSError as exc:
        raise BadInputError(f"{path}: cannot read the reviews CSV: {exc}") from exc
    if rows and not {"flag_id", "status"} <= names:
        raise BadInputError(f"{path}: the CSV needs the columns flag_id,status[,note]; it has {sorted(names)}")
    return [(r["flag_id"].strip(), r["status"].strip().lower(), (r.get("note") or "").strip() or None)
            for r in rows if (r.get("flag_id") or "").strip()]


@contextmanager
def _replacing(target: Path) -> Iterator[Path]:
    """Yield a ``.part`` path beside ``target``; move it over ``target`` on success, remove it on failure.

    Raises:
        UsageError: ``target``'s folder does not exist, or ``target`` is a folder.
    """
    if target.is_dir():
        raise UsageError(f"{target}: is a folder; give a file name (e.g. {target / 'report.html'})")
    if not target.parent.is_dir():
        raise UsageError(f"{target}: the folder {target.parent} does not exist; create it first")
    tmp = target.with_name(target.name + ".part")
    try:
        yield tmp
        tmp.replace(target)
    except OSError as exc:
        raise UsageError(f"{target}: cannot write: {exc.strerror or exc}") from exc
    finally:
        tmp.unlink(missing_ok=True)


def export_tables(db: Path, out: Path, fmt: str, *, formulas: bool = False) -> list[Path]:
    """Write every table and the ``results`` view to ``out`` as Parquet or CSV files.

    Args:
        db: The DuckDB file.
        out: The folder (created if missing).
        fmt: ``parquet`` or ``csv``.
        formulas: In CSV, keep text cells starting with ``= + - @`` as they are (default: prefix ``'``).

    Returns:
        The files written.

    Raises:
        ConfigError: Unknown format.
        UsageError: ``out`` cannot be created or written.
    """
    if fmt not in ("parquet", "csv"):
        raise ConfigError(f"--format must be parquet or csv, not {fmt!r}")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"{out}: cannot create the folder: {exc.strerror or exc}") from exc
    written = []
    with open_store(db, read_only=True) as store:
        for table in queries.EXPORT_RELATIONS:
            target = out / f"{table}.{fmt}"
            with _replacing(target) as tmp:
                if fmt == "parquet":
                    queries.write_parquet(store, table, tmp)
                else:
                    names, batches = queries.relation_batches(store, table)
                    with tmp.open("w", encoding="utf-8", newline="") as fh:
                        write_csv(names, batches, fh, formulas=formulas, terminal=False, plain=False)
            written.append(target)
    return written


def write_html_report(db: Path, out: Path) -> Path:
    """Write the static HTML report of the database to ``out``, its evidence crops to ``<stem>_evidence/``.

    Raises:
        UsageError: ``out``'s folder does not exist, or ``out`` is a folder.
    """
    from lkip.report_html import build_report_html, folder_crop_sink

    with _replacing(out) as tmp:
        crops = folder_crop_sink(out.parent / f"{out.stem}_evidence", f"{out.stem}_evidence")
        with open_store(db, read_only=True) as store:
            html = build_report_html(store.con, crops)
        tmp.write_text(html, encoding="utf-8")
    return out


def catalogue_rows(catalogue_path: Path | None = None) -> Rows:
    """Return the catalogue's indicators (code, name, bidang, measure, direction, unit, aliases)."""
    from lkip.normalize import load_catalogue

    cat = load_catalogue(catalogue_path)
    return (
        ["code", "name", "bidang", "measure", "direction", "unit", "aliases"],
        [(i.code, i.name, i.bidang, i.measure, i.direction, i.unit, len(i.aliases)) for i in cat.indicators],
    )


def review_rows(db: Path) -> Rows:
    """Return the review queue grouped by text, best candidates first."""
    with open_store(db, read_only=True) as store:
        return queries.review_rows(store)


def add_alias(db: Path, alias: str, code: str, catalogue_path: Path | None = None) -> int:
    """Store a user alias and re-code existing rows whose text matches it.

    Returns:
        The number of PK and capaian rows updated.

    Raises:
        ConfigError: ``code`` is not in the catalogue.
    """
    from lkip.normalize import Outcome, load_catalogue, match_indicator

    with open_store(db) as store:
        aliases = store.user_aliases()
        aliases[alias] = code
        cat = load_catalogue(catalogue_path, extra_aliases=aliases)
        if cat.get(code) is None:
            raise ConfigError(f"unknown indicator code {code!r}; see `lkip catalogue list`")
        updated = 0
        with store.transaction():
            queries.store_user_alias(store, alias, code)
            for table, texts in queries.uncoded_texts(store).items():
                for text in texts:
                    m = match_indicator(text, cat)
                    if m.outcome is Outcome.ACCEPTED and m.code:
                        updated += queries.recode_text(store, table, text, m.code, m.score)
        return updated
