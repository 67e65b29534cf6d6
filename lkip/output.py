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


def shorten(text: str, width: int) -> str:
    """Return ``text`` on one line, cut to ``width`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: max(0, width - 1)] + "…"


def fit_widths(natural: Sequence[int], budget: int, minimum: int = 4) -> list[int]:
    """Return column widths that fit ``budget`` characters.

    The last column (a free text, by convention) gives way first, down to 24 characters;
    then the widest columns. None is cut below ``minimum``.
    """
    widths = list(natural)
    if widths and sum(widths) > budget:
        widths[-1] = max(min(widths[-1], 24), widths[-1] - (sum(widths) - budget))
    while sum(widths) > budget:
        widest = max(range(len(widths)), key=lambda i: widths[i])
        if widths[widest] <= minimum:
            break
        second = max((w for i, w in enumerate(widths) if i != widest), default=minimum)
        widths[widest] = max(minimum, min(widths[widest] - 1, max(second, widths[widest] - (sum(widths) - budget))))
    return widths


def write_record(pairs: Sequence[tuple[str, Any]], stream: TextIO, *, width: int = 100) -> None:
    """Write field/value pairs as a vertical list, each value cut to fit ``width`` columns."""
    pad = max((len(k) for k, _ in pairs), default=0)
    for key, value in pairs:
        stream.write(f"{key:<{pad}}  {shorten(_cell(value), max(10, width - pad - 2))}\n")


def write_rows(names: Sequence[str], rows: Sequence[Sequence[Any]], fmt: OutputFormat,
               stream: TextIO, *, title: str | None = None, width: int | None = None) -> None:
    """Write rows to a stream in the chosen format.

    With ``width``, a table fits that many columns: cells stay on one line, cut with an
    ellipsis (the terminal's width wins when it is narrower).
    """
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
        cells = [[_cell(v) for v in r] for r in rows]
        console = Console(file=stream)
        if width:
            width = min(console.width, width) if console.is_terminal else width
            natural = [max([len(n), *(len(c[i]) for c in cells)]) for i, n in enumerate(names)]
            for n, w in zip(names, fit_widths(natural, width - 3 * len(names) - 1), strict=True):
                table.add_column(n, overflow="ellipsis", no_wrap=True, width=w)
        else:
            for n in names:
                table.add_column(n, overflow="fold")
        for c in cells:
            table.add_row(*c)
        # a terminal gets its own width; a pipe or file gets room for every column (or ``width``)
        console.width = width or (console.width if console.is_terminal else 240)
        console.print(table)
