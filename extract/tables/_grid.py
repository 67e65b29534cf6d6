"""The one grid and header model: cells, columns and their roles, and PK/capaian rows read from a grid."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from lkip.extract.model import Provenance, RawCapaianRow, RawPkRow, SourceKind
from lkip.extract.tables._list_cells import split_listed_rows, strip_list_marker
from lkip.extract.vocab import (
    ColumnRole,
    collapse_spacing,
    decimal_mark_of,
    is_numbering,
    is_year_only,
    names_office,
    opens_indicator,
    opens_sasaran,
    role_of_header,
    year_label,
    years_in,
)

_VALUE_ROLES = (ColumnRole.TARGET, ColumnRole.REALISASI, ColumnRole.PCT)


class TableKind(StrEnum):
    """What a table is, judged from its header."""

    PK = "pk"  # Perjanjian/Penetapan Kinerja: sasaran, indikator, target (satuan)
    CAPAIAN = "capaian"  # target, realisasi and/or capaian of the reported year
    RENSTRA = "renstra"  # multi-year plan matrix: targets for several years
    RKT_FUNDING = "rkt_funding"  # annual plan with a funding (anggaran) column
    PER_OFFICE = "per_office"  # rows per satker/office or region
    MULTI_YEAR = "multi_year"  # one row per year (T.A) or several years of realisasi


@dataclass(frozen=True, slots=True)
class Cell:
    """One table cell as printed.

    Attributes:
        text: The cell's text (wrapped lines joined with spaces or newlines).
        where: Provenance of the cell (its first line or its page and bbox).

    """

    text: str
    where: Provenance = field(default_factory=Provenance)


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a table as its header names it.

    Attributes:
        index: 0-based position in the grid row.
        role: What the column holds.
        year: The year the header gives it ("Target 2024"), if any.
        header: The header text, letter spacing collapsed.

    """

    index: int
    role: ColumnRole | None
    year: int | None
    header: str


@dataclass(frozen=True, slots=True)
class TableModel:
    """A table's column model, read from its header rows.

    Attributes:
        columns: Every column of the header, in grid order.
        kind: What the table is, or None when the header is not an LKIP table header.
        header_rows: How many grid rows the header spans.

    """

    columns: tuple[Column, ...]
    kind: TableKind | None
    header_rows: int = 1

    def pick(self, role: ColumnRole, year: int | None = None) -> Column | None:
        """Return the column of a role for the reported year (see :func:`_pick_column`)."""
        current = year is not None and any(c.year == year for c in self.columns)
        return _pick_column([c for c in self.columns if c.role is role], year, current=current)

    @property
    def headers(self) -> tuple[str, ...]:
        """The header texts in grid order."""
        return tuple(c.header for c in self.columns)


def classify_header(cells: Sequence[str]) -> TableKind | None:
    """Given a table's header cells (one merged row), return what kind of table it heads.

    Args:
        cells: Header texts in column order; a multi-row header merged column-wise.

    Returns:
        The table kind, or None when the cells do not name LKIP table columns.

    """
    return _kind_of_columns(_columns_of(cells))


def model_from_header(rows: Sequence[Sequence[str]]) -> TableModel:
    """Given one or more header rows (texts), return the table's column model.

    Year-only cells spanning sub-columns ("2021" or "Tahun (2021)" above "Target |
    Realisasi") are carried right over the empty cells of their row; such a group
    label gives its sub-columns the year only, not the word "Tahun".
    """
    width = max((len(r) for r in rows), default=0)
    merged = ["" for _ in range(width)]
    for r, row in enumerate(rows):
        cells = [(row[i] if i < len(row) else "") or "" for i in range(width)]
        below = rows[r + 1] if r + 1 < len(rows) else None
        if below is not None:
            cells = [_as_group_year(t, below[i] if i < len(below) else "") for i, t in enumerate(cells)]
        carry = ""
        for i, text in enumerate(cells):
            if text.strip():
                carry = text if is_year_only(text) else ""
            elif carry and below is not None and i < len(below) and (below[i] or "").strip():
                text = carry
            merged[i] = f"{merged[i]} {text}".strip()
    columns = _columns_of(merged)
    return TableModel(columns, _kind_of_columns(columns), len(rows))


def _as_group_year(text: str, below: str | None) -> str:
    """Return a year group label above a filled sub-header cell as the bare year, else the text."""
    year = year_label(text) if text.strip() and (below or "").strip() else None
    return str(year) if year is not None else text


def pk_rows_from_grid(
    grid: Sequence[Sequence[Cell | None]],
    *,
    year: int | None = None,
    model: TableModel | None = None,
) -> list[RawPkRow]:
    """Given a cell grid of a Perjanjian Kinerja table, return its indicator rows.

    Args:
        grid: Rows of cells, header rows first (unless ``model`` is given).
        year: The reported year, to choose among target columns of several years.
        model: A column model read elsewhere; when given, ``grid`` holds data rows only
            (repeated headers and column-number rows are still skipped).

    Returns:
        One row per indicator in grid order, numbered from 1; empty when the grid has
        no recognisable header or its header is not a PK table's.

    """
    model, rows = split_header(grid, model)
    if model is None or model.kind is not TableKind.PK:
        return []
    target, unit = model.pick(ColumnRole.TARGET, year), model.pick(ColumnRole.UNIT)
    out: list[RawPkRow] = []
    assembled = _assemble(model, rows, year)
    mark = decimal_mark_of(r.get(target) for r in assembled)
    for n, r in enumerate(assembled, start=1):
        t = r.get(target)
        u = r.get(unit) if unit else None
        text = t
        if u and not t.endswith(u):
            text = f"{t} {u}".strip()
        out.append(RawPkRow(n, r.sasaran or None, r.indicator, text, u or None, r.where, mark))
    return out


def capaian_rows_from_grid(
    grid: Sequence[Sequence[Cell | None]],
    *,
    source_kind: SourceKind,
    year: int | None = None,
    model: TableModel | None = None,
    table_no: int = 1,
    first_row_no: int = 1,
) -> list[RawCapaianRow]:
    """Given a cell grid of a BAB III capaian table, return its indicator rows.

    Columns are mapped by header, not position: in "Realisasi 2024 | Target 2024 |
    Realisasi 2023" the reported year's target and realisasi are taken. A "Capaian"
    column is the percentage when the table also has a Realisasi column, else the
    realisasi itself.

    Args:
        grid: Rows of cells, header rows first (unless ``model`` is given).
        source_kind: Main summary table or per-indicator table.
        year: The reported year.
        model: A column model read elsewhere; when given, ``grid`` holds data rows only.
        table_no: Which table of that kind this is (1-based).
        first_row_no: Number of the first row (to continue numbering across tables).

    Returns:
        The rows, empty when the header is not a capaian table's (Renstra matrix,
        funding table, per-office or multi-year table) or the rows name offices.

    """
    model, rows = split_header(grid, model)
    if model is None or model.kind is not TableKind.CAPAIAN:
        return []
    target = model.pick(ColumnRole.TARGET, year)
    real = model.pick(ColumnRole.REALISASI, year)
    pct = model.pick(ColumnRole.PCT, year)
    cap = model.pick(ColumnRole.CAPAIAN, year)
    if real is None and cap is not None:
        real, cap = cap, None
    if pct is None:
        pct = cap
    unit = model.pick(ColumnRole.UNIT)
    assembled = _assemble(model, rows, year)
    if assembled and sum(names_office(r.indicator) for r in assembled) * 2 > len(assembled):
        return []
    out: list[RawCapaianRow] = []
    mark = decimal_mark_of(r.get(c) for r in assembled for c in (target, real, pct))
    for n, r in enumerate(assembled, start=first_row_no):
        out.append(
            RawCapaianRow(
                source_kind=source_kind,
                row_no=n,
                indicator_text=r.indicator,
                target_text=r.get(target) or None,
                realisasi_text=r.get(real) or None,
                pct_text=r.get(pct) or None,
                unit_text=(r.get(unit) or None) if unit else None,
                where=r.where,
                table_no=table_no,
                decimal_mark=mark,
            )
        )
    return out


# --- header --------------------------------------------------------------------------------


def _columns_of(cells: Sequence[str]) -> tuple[Column, ...]:
    """Given merged header texts, return the columns with roles and years."""
    cols = []
    for i, raw in enumerate(cells):
        text = collapse_spacing(" ".join((raw or "").split()))
        years = years_in(text)
        words = text
        for y in years:
            words = words.replace(str(y), " ")
        role = role_of_header(words) if words.strip(" .()-") else None
        if role is None and years and not words.strip(" .()-,/"):
            role = None  # a bare year above sub-columns; kept as an unnamed column
        cols.append(Column(i, role, years[-1] if years else None, text))
    return tuple(cols)


def _kind_of_columns(cols: Sequence[Column]) -> TableKind | None:
    """Given a header's columns, return the table kind (None if not an LKIP table)."""
    roles = [c.role for c in cols if c.role is not None]
    if len(set(roles)) < 2:
        return None
    has = set(roles).__contains__
    if has(ColumnRole.BUDGET):
        return TableKind.RKT_FUNDING
    if has(ColumnRole.YEAR):
        return TableKind.MULTI_YEAR
    if has(ColumnRole.OFFICE) and not has(ColumnRole.INDICATOR):
        return TableKind.PER_OFFICE
    target_years = {c.year for c in cols if c.role is ColumnRole.TARGET}
    bare_years = {c.year for c in cols if c.role is None and c.year is not None}
    value_years = {
        c.year for c in cols if c.role in (ColumnRole.REALISASI, ColumnRole.CAPAIAN)
    } | target_years
    value_years.discard(None)
    if len(target_years - {None}) >= 3 or (has(ColumnRole.TARGET) and len(bare_years) >= 3):
        has_real = has(ColumnRole.REALISASI) or has(ColumnRole.CAPAIAN)
        return TableKind.MULTI_YEAR if has_real else TableKind.RENSTRA
    if len(value_years) >= 3:
        return TableKind.MULTI_YEAR
    if not has(ColumnRole.TARGET) and not has(ColumnRole.REALISASI):
        return None
    if has(ColumnRole.OFFICE):
        return TableKind.PER_OFFICE
    label = has(ColumnRole.INDICATOR) or has(ColumnRole.SASARAN)
    if not label:
        return None
    if has(ColumnRole.REALISASI) or has(ColumnRole.PCT) or has(ColumnRole.CAPAIAN):
        return TableKind.CAPAIAN if has(ColumnRole.INDICATOR) else None
    if has(ColumnRole.TARGET) and has(ColumnRole.INDICATOR):
        return TableKind.PK
    return None


def _pick_column(cols: Sequence[Column], year: int | None, *, current: bool = False) -> Column | None:
    """Return the column of the reported year, else the yearless one, else the latest.

    When the table has columns of the reported year (``current``), a column labelled
    with an earlier year ("Capaian Tahun Lalu 2015" beside "Tahun 2016") is last
    year's figure, never this year's: None when only such columns exist. A table
    labelled with an earlier year throughout (a stale label) still gives its latest.
    """
    if year is not None:
        same = [c for c in cols if c.year == year]
        if same:
            return same[0]
        if current:
            cols = [c for c in cols if c.year is None or c.year > year]
    if not cols:
        return None
    yearless = [c for c in cols if c.year is None]
    if yearless:
        return yearless[0]
    return max(cols, key=lambda c: (c.year or 0, -c.index))


def is_header_row(texts: Sequence[str | None]) -> bool:
    """Return whether a row holds only header words, years or blanks, and some header words."""
    filled = [t for t in texts if t and t.strip()]
    if not filled:
        return False
    named = 0
    for t in filled:
        words = collapse_spacing(" ".join(t.split()))
        if role_of_header(words) is not None:
            named += 1
        elif not (
            is_year_only(words)
            or words.strip() in {"(%)", "%", "Kinerja", "KINERJA", "Kegiatan", "KEGIATAN"}
        ):
            return False
    return named >= 1


def is_column_numbers(texts: Sequence[str]) -> bool:
    """Return whether a row only numbers the columns ("1 2 3 4" or "(1) (2) (3)")."""
    filled = [t.strip() for t in texts if t.strip()]
    if len(filled) < 2 or not all(is_numbering(t) for t in filled):
        return False
    nums = [int("".join(ch for ch in t if ch.isdigit())) for t in filled]
    return nums == sorted(nums) and len(set(nums)) == len(nums) and nums[0] <= 2


def _texts(row: Sequence[Cell | None]) -> list[str]:
    return [(c.text if c is not None else "") or "" for c in row]


def split_header(
    grid: Sequence[Sequence[Cell | None]], model: TableModel | None = None
) -> tuple[TableModel | None, list[Sequence[Cell | None]]]:
    """Given a grid, return its column model (None without a header) and the rows after it."""
    rows = list(grid)
    if model is not None:
        return model, rows
    start = 0
    while start < len(rows) and not is_header_row(_texts(rows[start])):
        if any(t.strip() for t in _texts(rows[start])):
            return None, rows  # data before any header: not a table we can map
        start += 1
    end = start
    while end < len(rows) and is_header_row(_texts(rows[end])):
        end += 1
    if end == start:
        return None, rows
    found = model_from_header([_texts(r) for r in rows[start:end]])
    return found, rows[end:]


# --- rows ----------------------------------------------------------------------------------


class _Row:
    """A row being assembled (mutable while continuation rows arrive)."""

    __slots__ = ("cells", "group", "indicator_parts", "where")

    def __init__(self, where: Provenance, group: list[str]) -> None:
        self.where = where
        self.group = group
        self.indicator_parts: list[str] = []
        self.cells: dict[int, list[str]] = {}

    @property
    def indicator(self) -> str:
        return _join(self.indicator_parts)

    @property
    def sasaran(self) -> str:
        return _join(self.group)

    def get(self, col: Column | None) -> str:
        if col is None:
            return ""
        return _join(self.cells.get(col.index, []))

    def has_values(self, cols: Sequence[Column]) -> bool:
        return any(self.cells.get(c.index) for c in cols)


def _join(parts: Sequence[str]) -> str:
    """Join wrapped cell fragments with single spaces."""
    return " ".join(" ".join(p.split()) for p in parts if p and p.strip())


def _assemble(
    model: TableModel, rows: Sequence[Sequence[Cell | None]], year: int | None
) -> list[_Row]:
    """Given data rows and the column model, return assembled indicator rows.

    Rules: repeated headers and column-number rows are skipped; a row with no values
    and no row number continues the previous row (its cells' tails after a page
    break), unless it opens a new indicator after a complete row; an empty sasaran
    cell carries the sasaran down; values arriving in a row without labels fill a
    pending row that has none.
    """
    header = [c.header.lower() for c in model.columns]
    ind = model.pick(ColumnRole.INDICATOR)
    sas = model.pick(ColumnRole.SASARAN)
    no = model.pick(ColumnRole.NO)
    value_cols = [
        c
        for c in (model.pick(r, year) for r in (*_VALUE_ROLES, ColumnRole.CAPAIAN, ColumnRole.UNIT))
        if c
    ]
    if ind is None:
        return []
    out: list[_Row] = []
    group: list[str] = []
    roles = {c.index: c.role for c in value_cols if c.role is not None}
    figure_cols = [c for c in value_cols if c.role in (ColumnRole.TARGET, ColumnRole.REALISASI, ColumnRole.CAPAIAN)]
    printed = [[(c.where.source_text if c is not None else "").split("\n") for c in r] for r in rows]
    for src, texts in split_listed_rows([_texts(r) for r in rows], roles, ind.index, printed):
        row = rows[src]
        if not any(t.strip() for t in texts):
            continue
        if is_column_numbers(texts) or is_header_row(texts) or _same_header(texts, header):
            continue

        def at(col: Column | None, texts: list[str] = texts) -> str:
            return texts[col.index].strip() if col is not None and col.index < len(texts) else ""

        ind_text, sas_text, no_text = at(ind), at(sas), at(no)
        has_values = any(at(c) for c in value_cols)
        prev = out[-1] if out else None
        opens_new = bool(ind_text) and (
            no_text != ""
            or has_values
            or prev is None
            or (prev.has_values(value_cols) and opens_indicator(ind_text))
        )
        if (
            not ind_text
            and not sas_text
            and has_values
            and prev is not None
            and not prev.has_values(value_cols)
        ):
            for c in value_cols:
                if at(c):
                    prev.cells.setdefault(c.index, []).append(at(c))
            continue
        if (
            not ind_text
            and sas_text
            and opens_sasaran(sas_text)
            and (prev is None or prev.has_values(value_cols))
        ):
            group = [sas_text]
            continue
        if not ind_text and not sas_text and not no_text and prev is not None and _is_sub_row(
            prev, {c.index: at(c) for c in figure_cols}
        ):
            new = _Row(_first_where(row, value_cols), prev.group)
            new.indicator_parts = list(prev.indicator_parts)
            new.cells = {c.index: [at(c)] for c in value_cols if at(c)}
            out.append(new)
            continue
        if not opens_new:
            if prev is None:
                if sas_text:
                    group = [sas_text]
                continue
            if sas_text:
                prev.group.append(sas_text)
            if ind_text:
                prev.indicator_parts.append(ind_text)
            for c in value_cols:
                if at(c):
                    prev.cells.setdefault(c.index, []).append(at(c))
            continue
        if sas_text:
            group = [sas_text]
        cell = row[ind.index] if ind.index < len(row) else None
        where = cell.where if cell is not None else Provenance()
        new = _Row(where, group)
        new.indicator_parts.append(strip_list_marker(ind_text))
        for c in value_cols:
            if at(c):
                new.cells[c.index] = [at(c)]
        out.append(new)
    return [r for r in out if sum(ch.isalpha() for ch in r.indicator) >= 3]


def _is_sub_row(prev: _Row, figures: dict[int, str]) -> bool:
    """Return whether a label-less row is a second figure line of the row above.

    One indicator cell beside two ruled value sub-cells ("UTTP : 6.831.222 buah" /
    "BDKT : 3.900 buah") gives a row with figures but no labels while the row
    above already has figures in the same columns: it is a row of its own under
    the same indicator (a tail such as "Kota" or "(Sedang)" has no figure).
    """
    return any(
        _has_figure(text) and any(_has_figure(t) for t in prev.cells.get(index, []))
        for index, text in figures.items()
    )


def _has_figure(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


def _first_where(row: Sequence[Cell | None], cols: Sequence[Column]) -> Provenance:
    """Return the provenance of a row's first filled value cell."""
    for c in cols:
        cell = row[c.index] if c.index < len(row) else None
        if cell is not None and cell.text.strip():
            return cell.where
    return Provenance()


def _same_header(texts: Sequence[str], header: Sequence[str]) -> bool:
    """Return whether a row repeats the header (a page break inside the table)."""
    filled = [" ".join(t.split()).lower() for t in texts if t.strip()]
    return len(filled) >= 2 and all(any(f and f in h for h in header) for f in filled)


def row_key(text: str | None) -> str:
    """Return a cell's text reduced to lower-case letters and digits (to spot a repeated table)."""
    return re.sub(r"\W+", "", (text or "").lower())
