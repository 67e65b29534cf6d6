"""The ``lkip`` command: a thin layer over :mod:`lkip.api` and :mod:`lkip.pipeline`.

Each command parses its options, builds an options object, calls one library
function and writes the result to stdout; diagnostics go to stderr. Errors are
handled in one place, :func:`main`.
"""

from __future__ import annotations

import signal
import sys
import traceback
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import click
import typer
from rich.console import Console

from lkip import api, bundled
from lkip.errors import ExitCode, LkipError, TerminatedError
from lkip.extract import OcrMode
from lkip.output import OutputFormat, printable, write_record, write_rows

app = typer.Typer(
    name="lkip",
    help="Turn Indonesian LKIP performance reports into a queryable DuckDB dataset.\n\n"
    "Example: lkip ingest reports/ --db lkip.duckdb && lkip flags --db lkip.duckdb",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
catalogue_app = typer.Typer(
    help="Inspect the indicator catalogue and the review queue.\n\nExample: lkip catalogue review --db lkip.duckdb",
    no_args_is_help=True,
)
bench_app = typer.Typer(
    help="Measure extraction accuracy.\n\nExample: lkip bench accuracy ../shared/corpus", no_args_is_help=True
)
app.add_typer(catalogue_app, name="catalogue")
app.add_typer(bench_app, name="bench")

_err = Console(stderr=True)
_state = {"verbose": False}

DbOpt = Annotated[Path, typer.Option("--db", help="The DuckDB file.", show_default=True)]
FmtOpt = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]
FormulasOpt = Annotated[bool, typer.Option(
    "--keep-formulas", help="CSV: keep text cells starting with = + - @ as they are (default: prefix ').")]
DEFAULT_DB = Path("lkip.duckdb")
#: Columns `lkip show` fits in (unless --wide).
SHOW_WIDTH = 100


class Engine(StrEnum):
    """Where ``lkip ingest`` extracts: a local process pool, or Ray tasks writing Parquet shards."""

    LOCAL = "local"
    RAY = "ray"


def _print_version(value: bool) -> None:
    if value:
        print(api.version_line())
        raise typer.Exit()


@app.callback()
def _root(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show tracebacks of unexpected errors.")] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the lkip, parser and schema versions."
        ),
    ] = False,
) -> None:
    _state["verbose"] = verbose


def _default_inputs() -> list[Path]:
    """Return the bundled samples, the input of ``lkip ingest`` without paths."""
    folders = bundled.sample_folders()
    if not folders:
        raise click.UsageError(
            "no PATHS given and this lkip has no bundled samples to ingest instead; "
            "pass the LKIP files or folders to ingest, e.g. `lkip ingest reports/`"
        )
    return folders


@app.command()
def ingest(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files or folders (recursive: .pdf, .txt, .md; README/LICENSE files skipped). "
            "Default: the sample reports bundled with lkip."
        ),
    ] = None,
    db: DbOpt = DEFAULT_DB,
    workers: Annotated[
        int | None, typer.Option(help="Worker processes (default: number of cores; 0 = in-process).")
    ] = None,
    force: Annotated[bool, typer.Option(help="Re-extract files already ingested (e.g. after an upgrade).")] = False,
    timeout: Annotated[float, typer.Option(help="Seconds one file may take before it is marked failed.")] = 600.0,
    ocr: Annotated[OcrMode, typer.Option(help="OCR for pages without text.")] = OcrMode.AUTO,
    password: Annotated[str | None, typer.Option(help="Password for encrypted PDFs.")] = None,
    catalogue: Annotated[Path | None, typer.Option(help="Use another agency's catalogue file (YAML).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    engine: Annotated[
        Engine, typer.Option(help="local (process pool) or ray (Ray tasks writing Parquet shards).")
    ] = Engine.LOCAL,
    address: Annotated[
        str | None, typer.Option(help="Ray cluster address (ray://host:port); default: a local Ray.")
    ] = None,
    shards: Annotated[
        Path | None, typer.Option(help="With --engine ray: folder of Parquet shards (default: <db>_shards).")
    ] = None,
    retry_failed: Annotated[bool, typer.Option(
        help="Also retry files that failed because of the file itself (not a PDF, wrong password).")] = False,
    max_memory: Annotated[int, typer.Option(help="MB of memory each worker process may use.")] = 2048,
    max_text_size: Annotated[int, typer.Option(help="MB: larger text files fail without being read.")] = 64,
) -> int:
    """Ingest LKIP files into the database, skipping files already there.

    Example: lkip ingest reports/ --db lkip.duckdb --workers 2
    """
    from lkip._progress import ingest_with_progress
    from lkip.pipeline import FileOptions, IngestOptions

    options = IngestOptions(
        force=force,
        timeout=timeout,
        catalogue_path=catalogue,
        file=FileOptions(ocr=ocr, password=password, max_text_bytes=max_text_size << 20),
        retry_failed=retry_failed,
        max_memory=max_memory << 20,
        **({"workers": workers} if workers is not None else {}),
    )
    inputs = paths or _default_inputs()
    if engine is Engine.RAY:
        from lkip.ray_engine import ingest_ray

        summary = ingest_ray(inputs, db, options, address=address, shards=shards or db.with_name(db.stem + "_shards"))
    else:
        summary = ingest_with_progress(inputs, db, options, quiet=quiet, console=_err)
    for o in summary.failed:
        print(f"failed: {printable(o.error)}", file=sys.stderr)
    print(
        f"{len(summary.outcomes)} files: {summary.count('ok')} ok, {summary.count('partial')} partial, "
        f"{summary.count('failed')} failed, {summary.count('skipped')} unchanged (skipped), "
        f"{summary.count('duplicate')} duplicate copies; {summary.rows} rows, {summary.flags} flags "
        f"-> {printable(db)}"
    )
    return ExitCode.FILES_FAILED if summary.failed else ExitCode.OK


@app.command()
def query(
    sql: Annotated[
        str,
        typer.Argument(
            help="One SQL statement (tables: reports, pk_targets, capaian, budget, flags, review_queue; view: results)."
        ),
    ],
    db: DbOpt = DEFAULT_DB,
    fmt: FmtOpt = OutputFormat.TABLE,
    parquet: Annotated[
        Path | None, typer.Option(help="Query a folder of Parquet shards (from --engine ray) instead of --db.")
    ] = None,
    allow_files: Annotated[bool, typer.Option(
        help="Let the SQL read and write files (read_parquet, COPY); off: only the database.")] = False,
    formulas: FormulasOpt = False,
) -> int:
    """Run SQL against the database (read-only, no file access) and print the rows.

    Example: lkip query "SELECT province, indicator_code, target_value, realisasi_value FROM results"
    """
    names, rows = (api.run_query_shards(parquet, sql, allow_files=allow_files) if parquet
                   else api.run_query(db, sql, allow_files=allow_files))
    write_rows(names, rows, fmt, sys.stdout, formulas=formulas)
    return ExitCode.OK


@app.command()
def load(
    shards: Annotated[Path, typer.Argument(help="Folder of Parquet shards written by --engine ray.")],
    db: DbOpt = DEFAULT_DB,
) -> int:
    """Load Parquet shards into the database (one transaction per report).

    Example: lkip load lkip_shards/ --db lkip.duckdb
    """
    print(f"{api.load_shard_folder(shards, db)} reports loaded into {printable(db)}")
    return ExitCode.OK


flags_app = typer.Typer(
    help="List consistency flags, and record reviews of them.\n\n"
    "Example: lkip flags --kind pct_mismatch --year 2024 --format csv",
    invoke_without_command=True,
)
app.add_typer(flags_app, name="flags")


@flags_app.callback()
def flags(
    ctx: typer.Context,
    db: DbOpt = DEFAULT_DB,
    kind: Annotated[str | None, typer.Option(help="Only this kind, e.g. pct_mismatch.")] = None,
    province: Annotated[str | None, typer.Option(help="Only reports of this province.")] = None,
    year: Annotated[int | None, typer.Option(help="Only reports of this year.")] = None,
    report: Annotated[str | None, typer.Option(help="Only this report (id prefix or file name).")] = None,
    fmt: FmtOpt = OutputFormat.TABLE,
    formulas: FormulasOpt = False,
) -> int:
    """List consistency flags with their FLAG_ID, evidence, page/line and review.

    Example: lkip flags --kind pct_mismatch --year 2024 --format csv
    """
    if ctx.invoked_subcommand:
        return ExitCode.OK
    names, rows = api.list_flags(db, api.FlagFilter(kind, province, year, report))
    write_rows(names, rows, fmt, sys.stdout, title=f"{len(rows)} flags", formulas=formulas)
    return ExitCode.OK


@flags_app.command("review")
def flags_review(
    flag_id: Annotated[str | None, typer.Argument(help="The FLAG_ID (first column of `lkip flags`).")] = None,
    status: Annotated[str | None, typer.Option(help="confirmed or dismissed.")] = None,
    note: Annotated[str | None, typer.Option(help="Why: shown beside the flag in the report.")] = None,
    from_csv: Annotated[
        Path | None, typer.Option("--from-csv", help="Review many: a CSV with columns flag_id,status,note.")
    ] = None,
    db: DbOpt = DEFAULT_DB,
) -> int:
    """Confirm or dismiss a flag; reviews survive re-ingests and follow a changed file.

    Example: lkip flags review 3f9c2a71b0 --status dismissed --note "typo in the report, figure is right"
    """
    if from_csv is not None:
        if flag_id or status or note:
            raise click.UsageError("give either FLAG_ID with --status/--note, or --from-csv, not both")
        reviews = api.read_reviews_csv(from_csv)
    elif flag_id and status:
        reviews = [(flag_id, status, note)]
    else:
        raise click.UsageError("give FLAG_ID and --status confirmed|dismissed, or --from-csv FILE")
    print(f"{api.review_flags(db, reviews)} review(s) recorded in {printable(db)}")
    return ExitCode.OK


@app.command()
def show(
    report: Annotated[str, typer.Argument(help="A report_id (or its start) or part of a file name.")],
    db: DbOpt = DEFAULT_DB,
    fmt: FmtOpt = OutputFormat.TABLE,
    wide: Annotated[bool, typer.Option(help="Every column (texts, methods, boxes), not the key ones.")] = False,
    evidence: Annotated[
        Path | None, typer.Option(help="Write page crops (PDF) or quoted lines (text) of the flags and rows here.")
    ] = None,
    formulas: FormulasOpt = False,
) -> int:
    """Show one report: metadata, PK rows, capaian rows, budget, flags, provenance.

    Example: lkip show lkip_bnnp_nusa_lestari_2024 --evidence crops/
    """
    view = api.show_report(db, report, wide=wide)
    width = None if wide else SHOW_WIDTH
    if fmt is OutputFormat.TABLE:
        print("== report")
        write_record(view.metadata, sys.stdout, width=SHOW_WIDTH)
    else:
        write_rows([k for k, _ in view.metadata], [tuple(v for _, v in view.metadata)], fmt, sys.stdout,
                   formulas=formulas)
    for title, (names, rows) in view.sections.items():
        if fmt is OutputFormat.TABLE:
            print(f"\n== {title} ({len(rows)})")
        write_rows(names, rows, fmt, sys.stdout, width=width, formulas=formulas)
    if evidence is not None:
        written = api.write_evidence(db, view.report_id, evidence)
        print(f"\n{len(written)} evidence file(s) written to {printable(evidence)}", file=sys.stderr)
    return ExitCode.OK


@app.command()
def export(
    out: Annotated[Path, typer.Option(help="Folder to write one file per table into.")] = Path("out"),
    fmt: Annotated[str, typer.Option("--format", "-f", help="parquet or csv.")] = "parquet",
    db: DbOpt = DEFAULT_DB,
    formulas: FormulasOpt = False,
) -> int:
    """Export every table and the results view to Parquet or CSV.

    Example: lkip export --format parquet --out out/
    """
    for path in api.export_tables(db, out, fmt, formulas=formulas):
        print(printable(path))
    return ExitCode.OK


@app.command()
def report(
    out: Annotated[Path, typer.Option(help="The HTML file to write.")] = Path("report.html"),
    db: DbOpt = DEFAULT_DB,
) -> int:
    """Write a static HTML report: reports, flags with evidence, charts per indicator.

    Example: lkip report --out report.html
    """
    print(printable(api.write_html_report(db, out)))
    return ExitCode.OK


@catalogue_app.command("list")
def catalogue_list(
    catalogue: Annotated[Path | None, typer.Option(help="Another catalogue file.")] = None,
    fmt: FmtOpt = OutputFormat.TABLE,
) -> int:
    """List the catalogue's indicators and their codes.

    Example: lkip catalogue list --format csv
    """
    names, rows = api.catalogue_rows(catalogue)
    write_rows(names, rows, fmt, sys.stdout)
    return ExitCode.OK


@catalogue_app.command("review")
def catalogue_review(db: DbOpt = DEFAULT_DB, fmt: FmtOpt = OutputFormat.TABLE) -> int:
    """Show indicator texts waiting for review, best candidates first.

    Example: lkip catalogue review --db lkip.duckdb
    """
    names, rows = api.review_rows(db)
    write_rows(names, rows, fmt, sys.stdout, title=f"{len(rows)} texts to review")
    return ExitCode.OK


@catalogue_app.command("alias")
def catalogue_alias(
    text: Annotated[str, typer.Argument(help="The indicator text as reports write it.")],
    code: Annotated[str, typer.Argument(help="The catalogue code it means.")],
    db: DbOpt = DEFAULT_DB,
    catalogue: Annotated[Path | None, typer.Option(help="Another catalogue file.")] = None,
) -> int:
    """Teach the catalogue an alias; applied to existing rows and future ingests.

    Example: lkip catalogue alias "Nilai SAKIP BNNK" umum_nka
    """
    n = api.add_alias(db, text, code, catalogue)
    print(f"alias stored; {n} existing rows re-coded")
    return ExitCode.OK


@bench_app.command("accuracy")
def bench_accuracy(
    inputs: Annotated[list[Path], typer.Argument(help="Folders with inputs and their expected *.json.")],
    expected: Annotated[list[Path] | None, typer.Option(help="Extra folders holding expected JSON.")] = None,
    db: Annotated[Path | None, typer.Option(help="Keep the benchmark database here (default: temporary).")] = None,
    workers: Annotated[int | None, typer.Option(help="Worker processes.")] = None,
) -> int:
    """Ingest inputs and compare with expected JSON: precision, recall, F1 per report.

    Example: lkip bench accuracy ../shared/corpus samples
    """
    from lkip.accuracy import run_accuracy

    text = run_accuracy(inputs, expected or [], db=db, workers=workers)
    print(printable(text, keep_lines=True))
    return ExitCode.OK


def _terminate(signum: int, frame: object) -> None:
    raise TerminatedError("terminated (SIGTERM)")


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code.

    SIGTERM is turned into :class:`TerminatedError` while a command runs, so the report being
    written is rolled back, worker processes are stopped and one line is printed.
    """
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        return _run(argv)
    finally:
        signal.signal(signal.SIGTERM, previous)


_INTERRUPTED = "every report written so far is complete; the one being written was rolled back"


def _run(argv: list[str] | None) -> int:
    try:
        result = app(args=argv, prog_name="lkip", standalone_mode=False)
    except TerminatedError:
        print(f"lkip: terminated (SIGTERM); {_INTERRUPTED}", file=sys.stderr)
        return int(ExitCode.TERMINATED)
    except LkipError as exc:
        print(f"lkip: error: {printable(exc)}", file=sys.stderr)
        return int(exc.exit_code)
    except (click.exceptions.Exit, typer.Exit) as exc:
        return int(exc.exit_code)
    except (click.exceptions.Abort, typer.Abort, KeyboardInterrupt):
        print(f"lkip: interrupted; {_INTERRUPTED}", file=sys.stderr)
        return int(ExitCode.INTERRUPTED)
    except (click.exceptions.ClickException, typer.TyperException) as exc:
        # usage errors (unknown option, bad value) exit 2; typer raises its own copy of click's classes
        exc.show(file=sys.stderr)  # type: ignore[union-attr]
        return int(getattr(exc, "exit_code", ExitCode.USAGE))
    except Exception as exc:  # noqa: BLE001 - the one generic handler
        print(f"lkip: unexpected error: {type(exc).__name__}: {printable(exc)} (run with --verbose for details)",
              file=sys.stderr)
        if _state["verbose"]:
            traceback.print_exc()
        return int(ExitCode.SOFTWARE)
    code = int(result) if isinstance(result, int) else 0
    if code == ExitCode.INTERRUPTED:  # typer turns Ctrl-C into this exit code
        print(f"lkip: interrupted; {_INTERRUPTED}", file=sys.stderr)
    return code
