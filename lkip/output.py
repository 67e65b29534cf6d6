"""Write query results as a readable table, CSV or JSON; make document text safe to print.

Document text (indicator names, file names, errors quoting them) is data: nothing
written here is parsed as rich markup, control characters are shown escaped
(``\\x1b``), and CSV text cells that a spreadsheet would run as formulas get a
leading ``'`` unless the caller turns that off.
"""

from __future__ import annotations

import csv
import json
import math
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text


class OutputFormat(StrEnum):
    """Formats for tabular output."""

    TABLE = "table"
    CSV = "csv"
    JSON = "json"


#: C0/C1 controls, DEL, line/paragraph separators and bidi overrides: never sent to a terminal raw.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_CONTROL_BUT_LINES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
#: First characters that make a spreadsheet treat a cell as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _escape(match: re.Match[str]) -> str:
    return match.group().encode("unicode_escape").decode("ascii")


def printable(text: object, *, keep_lines: bool = False) -> str:
    """Return ``text`` with control characters shown as escapes (``\\x1b``, ``\\n``).

    Args:
        text: Anything; converted with ``str``.
        keep_lines: Keep newlines and tabs (for CSV cells, where quoting holds them).
    """
    return (_CONTROL_BUT_LINES if keep_lines else _CONTROL).sub(_escape, str(text))


def neutralise_formula(value: str) -> str:
    """Return a text cell a spreadsheet would run as a formula with a leading ``'``; others unchanged."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        value = float(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 6) if math.isfinite(value) else None  # JSON has no Infinity or NaN
    return value


def _cell(value: Any) -> Text:
    if value is None:
        return Text("")
    if isinstance(value, float) and math.isfinite(value):
        return Text(f"{value:,.2f}".rstrip("0").rstrip(".") if abs(value) >= 1e6 else f"{value:g}")
    return Text(printable(value))


def _csv_cell(value: Any, *, formulas: bool, terminal: bool) -> Any:
    if not isinstance(value, str):
        return value
    if terminal:
        value = printable(value, keep_lines=True)
    return value if formulas else neutralise_formula(value)


def write_csv(names: Sequence[str], batches: Iterable[Sequence[Sequence[Any]]], stream: TextIO, *,
              formulas: bool = False, terminal: bool = True, plain: bool = True) -> None:
    """Write a header and batches of rows as CSV.

    Args:
        names: Column names.
        batches: Row batches (a single list of rows is one batch).
        stream: Where to write.
        formulas: Keep text cells starting with ``= + - @`` as they are (default: prefix ``'``).
        terminal: The stream may be a terminal: show control characters escaped.
        plain: Round floats to 6 decimals (display); False keeps every digit (export).
    """
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow([_csv_cell(n, formulas=formulas, terminal=terminal) for n in names])
    for rows in batches:
        writer.writerows([[_csv_cell(_plain(v) if plain else _export(v), formulas=formulas, terminal=terminal)
                           for v in r] for r in rows])


def _export(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return value.isoformat() if isinstance(value, (datetime, date)) else value


def _json_value(value: Any) -> Any:
    value = _plain(value)
    return printable(value, keep_lines=True) if isinstance(value, str) else value


def write_rows(names: Sequence[str], rows: Sequence[Sequence[Any]], fmt: OutputFormat,
               stream: TextIO, *, title: str | None = None, formulas: bool = False) -> None:
    """Write rows to a stream in the chosen format (``formulas``: keep CSV formula cells as they are)."""
    if fmt is OutputFormat.CSV:
        write_csv(names, [rows], stream, formulas=formulas)
    elif fmt is OutputFormat.JSON:
        json.dump([{str(n): _json_value(v) for n, v in zip(names, r, strict=True)} for r in rows],
                  stream, ensure_ascii=False, indent=1, allow_nan=False, default=str)
        stream.write("\n")
    else:
        table = Table(title=Text(printable(title)) if title else None, show_lines=False, header_style="bold")
        for n in names:
            table.add_column(Text(printable(n)), overflow="fold")
        for r in rows:
            table.add_row(*[_cell(v) for v in r])
        console = Console(file=stream)
        # a terminal gets its own width; a pipe or file gets room for every column
        console.width = console.width if console.is_terminal else 240
        console.print(table)
