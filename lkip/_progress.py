"""Progress display for a batch (rich), kept out of the pipeline itself."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from lkip.output import printable
from lkip.pipeline import FileOutcome, IngestOptions, IngestSummary, ingest


def ingest_with_progress(paths: Sequence[Path], db: Path, options: IngestOptions, *,
                         quiet: bool, console: Console) -> IngestSummary:
    """Run :func:`lkip.pipeline.ingest` with a progress bar of files and pages on ``console``."""
    if quiet:
        return ingest(paths, db, options)
    progress = Progress(
        TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("files"),
        TextColumn("{task.fields[pages]} pages"), TimeElapsedColumn(),
        TextColumn("{task.fields[current]}"), console=console, transient=False,
    )
    with progress:
        task = progress.add_task("files", total=None, pages=0, current="")

        def planned(n: int) -> None:
            progress.update(task, total=n)

        def done(o: FileOutcome) -> None:
            current = escape(printable(f"{Path(o.path).name}: {o.status}"))  # a file name is not markup
            if o.status in ("skipped", "duplicate") and o.pages == 0 and o.rows == 0:
                progress.update(task, current=current)
                return
            fields = progress.tasks[0].fields
            progress.update(task, advance=1, pages=fields["pages"] + o.pages, current=current)

        return ingest(paths, db, options, on_planned=planned, on_file=done)
