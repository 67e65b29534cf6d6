"""Find and read the PK and capaian tables of a document printed as text lines."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from lkip.extract.model import Method, Provenance, RawCapaianRow, RawPkRow, SourceKind, TableSpan, TextLine
from lkip.extract.prose import pk_rows_from_list
from lkip.extract.tables import (
    Cell,
    TableKind,
    TableModel,
    capaian_rows_from_grid,
    pk_rows_from_grid,
    split_foreign,
    split_header,
    tables_once,
)
from lkip.extract.text_tables._header import HeaderBlock, read_header, read_tab_header
from lkip.extract.text_tables._layout import is_layout_text, read_layout_table
from lkip.extract.text_tables._raw_rows import read_raw_table
from lkip.extract.text_tables._running import mask_running_lines
from lkip.extract.vocab import ColumnRole, caption_of, names_comparison, names_lower_pk

TSV_METHOD = Method.TEXT_TSV
LIST_METHOD = Method.TEXT_LIST
_PK_TITLE = re.compile(r"(perjanjian|penetapan)\s*kinerja", re.IGNORECASE)
_NOT_PK_TITLE = re.compile(
    r"rencana\s*kinerja\s*tahunan|\brkt\b|rencana\s*strategis|renstra|renproja|matri[kx]|"
    r"rencana\s*kinerja|rencana\s*kerja|\brenja\b|indikator\s*kinerja\s*utama|\biku\b|target\s*jangka\s*menengah",
    re.IGNORECASE,
)
_LIST_ITEM = re.compile(r"^\s*(?:[-\u2022\u25cf\u25aa\u00b7–*]|\(?\d{1,2}[.)]|[a-z][.)])\s+")
_PAGE_BREAK_LINES = 3  # short lines (page number, running footer/header) a page break may put in a table
_PAGE_NUMBER = re.compile(
    r"^\W*(?:(?:hal(?:aman)?|page)\.?\s*)?(?:\d{1,4}|[ivxlc]{1,6})(?:\s*(?:dari|of|/)\s*\d{1,4})?\W*$", re.I)
_TITLE_LINES = 12  # non-blank lines above a header searched for its title


@dataclass(frozen=True, slots=True)
class TextTable:
    """A table found in a text dump.

    Attributes:
        model: Its column model.
        grid: Its data rows as cells (header rows removed).
        start: Index of its header's first line.
        end: Index just past its last line.
        title: The non-blank lines just above its header (for telling tables apart).
        first_line: The 1-based line number of its header's first line.
        last_line: The 1-based line number of its last line.

    """

    model: TableModel
    grid: tuple[tuple[Cell, ...], ...]
    start: int
    end: int
    title: str
    first_line: int | None = None
    last_line: int | None = None

    def span(self) -> TableSpan:
        """Return where the table lies and what it reads as, for the report's table inventory."""
        first = Provenance(line=self.first_line, method="text:table", source_text=self.title)
        return TableSpan(str(self.model.kind), caption_of(self.title), first, self.last_line, rows=len(self.grid))


_PIPE_ROW = re.compile(r"^\s*\|(?P<cells>.*\|.*)\|\s*$")
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$")


def pipe_rows_as_tabs(lines: Sequence[TextLine]) -> list[TextLine]:
    """Given a document's lines, return them with markdown pipe-table rows as tab-separated rows.

    ``| No | Indikator | Target |`` becomes ``No\tIndikator\tTarget`` (read like any
    tab-separated dump); the ``|---|---|`` rule under a pipe table's header is left out.
    Other lines, and every line's own line number, are kept.
    """
    out = []
    for line in lines:
        if "|" in line.text and _PIPE_RULE.match(line.text):
            continue
        if "|" in line.text and (m := _PIPE_ROW.match(line.text)):
            out.append(replace(line, text="\t".join(c.strip() for c in m.group("cells").split("|"))))
        else:
            out.append(line)
    return out


def find_tables(lines: Sequence[TextLine], *, year: int | None = None,
                indicator_score: Callable[[str], float] | None = None) -> list[TextTable]:
    """Given a document's lines, return every LKIP-shaped table in it, in order.

    Tables of every kind are returned (PK, capaian, Renstra, RKT, per-office,
    multi-year) so that callers can skip over them; a table's header repeated after a
    page break is part of the table, not a new one (running page headers and footers
    between them are ignored). ``indicator_score`` (0-100, e.g. a catalogue match)
    helps find where an indicator's name starts in a cell-per-line dump.
    """
    lines = pipe_rows_as_tabs(mask_running_lines(lines))  # page footers inside a table would cut it
    out: list[TextTable] = []
    layout = is_layout_text(lines)  # column-aligned dump: tables read by _table_layout
    i = 0
    while i < len(lines):
        tab = read_tab_header(lines, i)
        lay = read_layout_table(lines, i) if layout and tab is None else None
        if tab is not None:
            table = _read_tsv_table(lines, tab)
        elif lay is not None:
            table = TextTable(lay.model, lay.grid, lay.start, lay.end, "")
        elif layout:
            i += 1
            continue
        else:
            head = read_header(lines, i)
            if head is None:
                i += 1
                continue
            raw = read_raw_table(lines, head, year=year, score=indicator_score)
            table = TextTable(raw.model, raw.grid, raw.start, raw.end, "")
        title = _title_above(lines, table.start, out[-1].end if out else 0)
        out.append(TextTable(table.model, table.grid, table.start, table.end, title, lines[table.start].line,
                             lines[max(table.start, table.end - 1)].line))
        i = max(table.end, i + 1)
    return out


def extract_pk(lines: Sequence[TextLine], *, year: int | None,
               indicator_score: Callable[[str], float] | None = None,
               foreign: Callable[[Provenance], str | None] | None = None,
               tables: Sequence[TextTable] | None = None,
               ) -> tuple[list[RawPkRow], list[RawPkRow], bool]:
    """Given a document's lines, return the report's PK rows, other offices' PK rows and whether a PK was found.

    Args:
        lines: The document's lines.
        year: The reported year (chooses the target column and checks the title's year).
        indicator_score: See :func:`find_tables`.
        foreign: Tells, from a PK row's place, the office that signs its PK when that is
            not the report's own (``ProseFindings.foreign_office``); None: every PK is the report's.
        tables: The document's tables when already found (:func:`find_tables`).

    Returns:
        ``(own, other, found)``; without a PK table of the report's own, the targets of a
        bulleted PK list; ``([], [], False)`` when neither is present (a Renstra matrix or
        RKT funding table is never taken for a PK table).

    """
    candidates: list[tuple[int, list[RawPkRow]]] = []
    if tables is None:
        tables = find_tables(lines, year=year, indicator_score=indicator_score)
    for table in tables:
        if table.model.kind is not TableKind.PK:
            continue
        rank = _pk_title_rank(table.title, year)
        if rank < 0:
            continue
        rows = pk_rows_from_grid(table.grid, year=year, model=table.model)
        if rows:
            candidates.append((rank, rows))
    own: list[tuple[int, Sequence[RawPkRow]]] = []
    other: list[Sequence[RawPkRow]] = []
    for rank, rows in candidates:
        mine, theirs = split_foreign([rows], foreign)
        own += [(rank, r) for r in mine]
        other += theirs
    if not own:
        listed = [r for r in _pk_rows_from_list(lines, year) if not (foreign and foreign(r.where))]
        return listed, tables_once(other), bool(listed)
    # every PK table of the best title rank (a document may hold one PK per unit), each once
    top = max(rank for rank, _ in own)
    return tables_once([rows for rank, rows in own if rank == top]), tables_once(other), True


def _pk_rows_from_list(lines: Sequence[TextLine], year: int | None) -> list[RawPkRow]:
    """Return PK targets stated as a bulleted list under a sentence naming the PK (used when no PK table exists).

    "Target kinerja ... dalam Perjanjian Kinerja Tahun 2024 ...:" followed by "• Jumlah
    kunjungan ... sebanyak 250.000 orang;"; a list under "... target angka 78,70 ... sebagai
    berikut:" (a classification) is not a PK.
    """
    rows = pk_rows_from_list(lines, year, pk_intro_only=True)
    return [replace(r, row_no=n, where=replace(r.where, method=LIST_METHOD)) for n, r in enumerate(rows, start=1)]


def extract_capaian_tables(
    lines: Sequence[TextLine], *, year: int | None, indicator_score: Callable[[str], float] | None = None,
    tables: Sequence[TextTable] | None = None,
) -> tuple[list[RawCapaianRow], bool]:
    """Given a document's lines, return the BAB III capaian rows and whether such a table was found.

    The largest capaian table (on ties the first with a percent column, else the
    first) gives ``main_table`` rows; every other
    capaian table gives ``indicator_table`` rows, ``table_no`` counting those tables
    and ``row_no`` running across them.

    Args:
        lines: The document's lines.
        year: The reported year (chooses target/realisasi columns of that year).
        indicator_score: See :func:`find_tables`.
        tables: The document's tables when already found (:func:`find_tables`).

    Returns:
        ``(rows, found)``.

    """
    found: list[tuple[TextTable, int]] = []
    if tables is None:
        tables = find_tables(lines, year=year, indicator_score=indicator_score)
    tables = [t for t in tables if t.model.kind is TableKind.CAPAIAN and _of_year(t.model, year)]
    if any(not names_comparison(caption_of(t.title)) for t in tables):  # the year's own table is there
        tables = [t for t in tables if not names_comparison(caption_of(t.title))]
    for table in tables:
        n = len(
            capaian_rows_from_grid(
                table.grid, source_kind=SourceKind.MAIN_TABLE, year=year, model=table.model
            )
        )
        if n:
            found.append((table, n))
    if not found:
        return [], False
    sizes = [n for _, n in found]
    # the largest table; on a tie, the first one stating capaian percentages
    ranks = [(n, _states_percent(t.model)) for t, n in found]
    main = ranks.index(max(ranks)) if max(sizes) > 1 else None
    out: list[RawCapaianRow] = []
    table_no = 0
    next_row = 1
    for k, (table, _) in enumerate(found):
        if k == main:
            out.extend(
                capaian_rows_from_grid(
                    table.grid, source_kind=SourceKind.MAIN_TABLE, year=year, model=table.model
                )
            )
            continue
        table_no += 1
        rows = capaian_rows_from_grid(
            table.grid,
            source_kind=SourceKind.INDICATOR_TABLE,
            year=year,
            model=table.model,
            table_no=table_no,
            first_row_no=next_row,
        )
        next_row += len(rows)
        out.extend(rows)
    return out, True


def _states_percent(model: TableModel) -> bool:
    """Return whether a table has a capaian/percent column (not only targets and realisasi)."""
    return model.pick(ColumnRole.PCT) is not None or model.pick(ColumnRole.CAPAIAN) is not None


def _of_year(model: TableModel, year: int | None) -> bool:
    """Return whether a table's value columns can be the reported year's capaian table.

    Columns of several other years ("Target 2014 | Realisasi 2014 | Target 2015 ...",
    "Realisasi 2014 | Realisasi 2015") make a comparison table, not the year's; a
    target/realisasi pair of one other year is kept (a report may carry over last
    year's header by mistake).
    """
    roles = (ColumnRole.TARGET, ColumnRole.REALISASI, ColumnRole.CAPAIAN)
    years = [c.year for c in model.columns if c.role in roles]
    if year is None or not years or None in years or year in years:
        return True
    return model.pick(ColumnRole.TARGET) is not None and len(set(years)) == 1


def _read_tsv_table(lines: Sequence[TextLine], head: HeaderBlock) -> TextTable:
    """Given a tab-separated header, return the table of the tab-separated rows under it."""
    grid: list[tuple[Cell, ...]] = []
    end = head.end
    j = head.end
    gap = False
    while j < len(lines):
        text = lines[j].text
        if not text.strip():
            gap = True
            j += 1
            continue
        if "\t" not in text:
            resumed = _repeated_tab_header(lines, j, head) if grid else None
            if resumed is None:
                break
            j, gap = resumed, True  # a page number or footer between the table and its repeated header
            continue
        again = read_tab_header(lines, j)
        if again is not None and again.model.headers != head.model.headers:
            break
        if gap and again is None:
            break  # after a blank line only a repeated header (page break) continues the table
        gap = False
        grid.append(tuple(Cell(t, lines[j].at(TSV_METHOD, t)) for t in text.split("\t")))
        j += 1
        end = j
    model, rows = split_header(grid, head.model)
    assert model is not None
    return TextTable(
        model, tuple(tuple(c or Cell("") for c in r) for r in rows), head.start, end, ""
    )


def _repeated_tab_header(lines: Sequence[TextLine], j: int, head: HeaderBlock) -> int | None:
    """Return the index of ``head`` repeated after a page break at ``j``, or None.

    Between the last row on one page and the header repeated on the next there may be
    page numbers ("14", "Halaman 14", "- 14 -", "14 dari 60"; running headers and footers
    are already masked): at most ``_PAGE_BREAK_LINES`` of them. Any other line, such as
    the title of the next table, ends the table.
    """
    seen = 0
    for k in range(j, min(len(lines), j + 4 * _PAGE_BREAK_LINES)):
        text = lines[k].text
        if not text.strip():
            continue
        if "\t" in text:
            again = read_tab_header(lines, k)
            return k if again is not None and again.model.headers == head.model.headers else None
        seen += 1
        if seen > _PAGE_BREAK_LINES or not _PAGE_NUMBER.match(text):
            return None
    return None


def _title_above(lines: Sequence[TextLine], start: int, floor: int) -> str:
    """Return the last few non-blank lines above a header (not reaching into the previous table)."""
    got: list[str] = []
    k = start - 1
    while k >= floor and len(got) < _TITLE_LINES:
        t = lines[k].text.strip()
        if t:
            got.append(t)
        k -= 1
    return "\n".join(reversed(got))


def _pk_title_rank(title: str, year: int | None) -> int:
    """Rank a PK candidate by its title: +2 names the PK (+1 a program's or activity's PK), -1 names a plan.

    A wrong year costs 1.
    """
    rank = 0
    pk = [m.start() for m in _PK_TITLE.finditer(title)]
    plan = [m.start() for m in _NOT_PK_TITLE.finditer(title)]
    if pk and (not plan or max(pk) > max(plan)):
        rank += 1 if names_lower_pk(title.splitlines()[-1] if title else "") else 2
    elif plan:
        return -1
    years = [
        int(y) for y in re.findall(r"(?<!\d)20\d{2}(?!\d)", title.splitlines()[-1] if title else "")
    ]
    if year is not None and years and year not in years:
        rank -= 1
    return rank
