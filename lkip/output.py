"""Write query results as a readable table, CSV or JSON."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from datetime import date, datetime
from enum import StrEnum
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table


class OutputFormat(StrEnum):
    """Formats for tabular output."""

    TABLE = "table"
    CSV = "csv"
    JSON = "json"


def _plain(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 6)
    return value


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".") if abs(value) >= 1e6 else f"{value:g}"
    return str(value)


def write_rows(names: Sequence[str], rows: Sequence[Sequence[Any]], fmt: OutputFormat,
               stream: TextIO, *, title: str | None = None) -> None:
    """Write rows to a stream in the chosen format."""
    if fmt is OutputFormat.CSV:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(names)
        writer.writerows([[_plain(v) for v in r] for r in rows])
    elif fmt is OutputFormat.JSON:
        json.dump([{n: _plain(v) for n, v in zip(names, r, strict=True)} for r in rows],
                  stream, ensure_ascii=False, indent=1)
        stream.write("\n")
    else:
        table = Table(title=title, show_lines=False, header_style="bold")
        for n in names:
            table.add_column(n, overflow="fold")
        for r in rows:
            table.add_row(*[_cell(v) for v in r])
        console = Console(file=stream)
        # a terminal gets its own width; a pipe or file gets room for every column
        console.width = console.width if console.is_terminal else 240
        console.print(table)
