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


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and math.isfinite(value):
        return f"{value:,.2f}".rstrip("0").rstrip(".") if abs(value) >= 1e6 else f"{value:g}"
    return printable(value)


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
        stream.write(f"{printable(key):<{pad}}  {shorten(_cell(value), max(10, width - pad - 2))}\n")


def write_rows(names: Sequence[str], rows: Sequence[Sequence[Any]], fmt: OutputFormat,
               stream: TextIO, *, title: str | None = None, width: int | None = None,
               formulas: bool = False) -> None:
    """Write rows to a stream in the chosen format.

    With ``width``, a table fits that many columns: cells stay on one line, cut with an
    ellipsis (the terminal's width wins when it is narrower). ``formulas`` keeps CSV
    formula cells as they are. Table cells are text, never rich markup.
    """
    if fmt is OutputFormat.CSV:
        write_csv(names, [rows], stream, formulas=formulas)
    elif fmt is OutputFormat.JSON:
        json.dump([{str(n): _json_value(v) for n, v in zip(names, r, strict=True)} for r in rows],
                  stream, ensure_ascii=False, indent=1, allow_nan=False, default=str)
        stream.write("\n")
    else:
        table = Table(title=Text(printable(title)) if title else None, show_lines=False, header_style="bold")
        cells = [[_cell(v) for v in r] for r in rows]
        console = Console(file=stream)
        if width:
            width = min(console.width, width) if console.is_terminal else width
            natural = [max([len(n), *(len(c[i]) for c in cells)]) for i, n in enumerate(names)]
            for n, w in zip(names, fit_widths(natural, width - 3 * len(names) - 1), strict=True):
                table.add_column(Text(printable(n)), overflow="ellipsis", no_wrap=True, width=w)
        else:
            for n in names:
                table.add_column(Text(printable(n)), overflow="fold")
        for c in cells:
            table.add_row(*map(Text, c))
        # a terminal gets its own width; a pipe or file gets room for every column (or ``width``)
        console.width = width or (console.width if console.is_terminal else 240)
        console.print(table)
