"""Which page tables feed the report: PK and capaian rows chosen from every table found."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from lkip.extract.model import Provenance, RawCapaianRow, RawPkRow, SourceKind, TableSpan
from lkip.extract.tables._grid import TableKind, TableModel, capaian_rows_from_grid, pk_rows_from_grid, row_key
from lkip.extract.tables._page_table import PageTable, header_model
from lkip.extract.vocab import ColumnRole, names_comparison, names_lower_pk

_PK_CAPTION = re.compile(r"\b(?:perjanjian|penetapan)\s+kinerja\b", re.I)
_PLAN_CAPTION = re.compile(
    r"\brencana\s+(?:kinerja|strategis|kerja)\b|\b(?:RKT|Renstra|Renja)\b|\bindikator\s+kinerja\s+utama\b", re.I
)
#: Share of a table's indicators another table must repeat to count as the same indicators.
OVERLAP = 0.5


def caption_kind(caption: str) -> str | None:
    """Given the text printed above a table, return ``pk``, ``lower_pk``, ``plan`` or None.

    "Tabel 2.2 Perjanjian Kinerja Tahun 2016" is ``pk``; "Tabel 2.3 Perjanjian Kinerja
    Program (Outcome)" is ``lower_pk`` (a program's or activity's PK); "Tabel 2.1 Rencana
    Kinerja Tahun 2016" (an RKT), a work plan (Rencana Kerja, Renja), a Renstra or IKU
    table is ``plan``.
    """
    if names_lower_pk(caption):
        return "lower_pk"
    if _PK_CAPTION.search(caption):
        return "pk"
    if _PLAN_CAPTION.search(caption):
        return "plan"
    return None


def rows_from_tables(tables: Sequence[PageTable], year: int | None,
                     foreign: Callable[[Provenance], str | None] | None = None
                     ) -> tuple[list[RawPkRow], list[RawPkRow], list[RawCapaianRow]]:
    """Given joined tables in document order, return the own PK rows, other offices' PK rows and capaian rows.

    PK: when some PK table is captioned as the Perjanjian Kinerja, tables captioned
    as a plan or as a program's or activity's PK are left out (tables captioned as a plan
    also when any other PK-shaped table is there); a PK table repeating rows already taken (the same PK
    printed twice) is skipped; a table ``foreign`` gives an office for is that office's
    PK (see :func:`split_foreign`). Capaian: see :func:`_capaian_rows`; a table captioned as
    set against a Renstra or national target is left out when another capaian table is there.
    """
    mapped = [(t, *header_model(t.grid)) for t in tables]
    pk_tables = [(t, m, g) for t, m, g in mapped if m is not None and m.kind is TableKind.PK]
    if any(caption_kind(t.caption) == "pk" for t, _, _ in pk_tables):
        pk_tables = [x for x in pk_tables if caption_kind(x[0].caption) not in ("plan", "lower_pk")]
    elif any(caption_kind(t.caption) != "plan" for t, _, _ in pk_tables):
        pk_tables = [x for x in pk_tables if caption_kind(x[0].caption) != "plan"]
    groups = [pk_rows_from_grid(grid, year=year, model=model) for _, model, grid in pk_tables]
    own, other = split_foreign([g for g in groups if g], foreign)
    cap = [(t, m, g) for t, m, g in mapped if m is not None and m.kind is TableKind.CAPAIAN]
    if any(not names_comparison(t.caption) for t, _, _ in cap):
        cap = [x for x in cap if not names_comparison(x[0].caption)]  # the year's own table is there
    cap_tables = [(m, g) for _, m, g in cap]
    return tables_once(own), tables_once(other), _capaian_rows(cap_tables, year)


def table_spans(tables: Sequence[PageTable]) -> list[TableSpan]:
    """Given joined page tables, return where each LKIP-shaped one lies, for the report's table inventory."""
    out = []
    for t in tables:
        model, grid = header_model(t.grid)
        if model is not None:
            first = Provenance(page=t.page, method=t.method, source_text=t.caption, bbox=t.bbox)
            out.append(TableSpan(str(model.kind), t.caption, first, pages=t.pages, rows=len(grid)))
    return out


def split_foreign(groups: Sequence[Sequence[RawPkRow]], foreign: Callable[[Provenance], str | None] | None
                  ) -> tuple[list[Sequence[RawPkRow]], list[Sequence[RawPkRow]]]:
    """Given PK tables' rows, return the report's own tables and other offices' (rows tagged with the office).

    ``foreign`` tells, from a row's place, the office that signs its PK when that is not the
    report's own; None (or no ``foreign``) keeps the row as the report's. A table joined over
    pages from two PKs is split where its rows change office.
    """
    own: list[Sequence[RawPkRow]] = []
    other: list[Sequence[RawPkRow]] = []
    for rows in groups:
        offices = [foreign(r.where) if foreign else None for r in rows]
        mine = [r for r, office in zip(rows, offices, strict=True) if office is None]
        theirs = [replace(r, office=office) for r, office in zip(rows, offices, strict=True) if office is not None]
        own += [mine] if mine else []
        other += [theirs] if theirs else []
    return own, other


def tables_once(groups: Sequence[Sequence[RawPkRow]]) -> list[RawPkRow]:
    """Given PK tables' rows in order, return their rows numbered from 1, each table once.

    A table repeating rows already taken (the same PK printed twice) is skipped.
    """
    out: list[RawPkRow] = []
    seen: set[tuple[str | None, str, str]] = set()
    for rows in groups:
        keys = {(r.office, row_key(r.indicator_text), row_key(r.target_text)) for r in rows}
        if not rows or keys <= seen:
            continue
        seen |= keys
        base = len(out)
        out.extend(replace(r, row_no=base + i) for i, r in enumerate(rows, start=1))
    return out


@dataclass(slots=True)
class _Candidate:
    order: int
    model: TableModel
    grid: tuple
    names: set[str]
    score: int
    states_pct: bool  # most of its rows state a capaian %


def _capaian_rows(tables: Sequence[tuple[TableModel, tuple]], year: int | None) -> list[RawCapaianRow]:
    """Given capaian tables in order, return their rows: one main table per group of repeats.

    Tables sharing at least half of their indicators form a group; the member with
    the most reported-year figures (target, realisasi, percentage) is the main
    table, the others are per-indicator tables; a member stating the capaian % beats
    one that does not (the achievement table, not a recapitulation of targets and
    realisations). A one-row table is a per-indicator table when longer capaian tables
    exist. Rows keep document order within each
    source kind.
    """
    cands: list[_Candidate] = []
    for i, (model, grid) in enumerate(tables):
        probe = capaian_rows_from_grid(grid, source_kind=SourceKind.MAIN_TABLE, year=year, model=model)
        score = _figures(probe, model, year)
        if probe and score:
            states = sum(bool(r.pct_text) for r in probe) * 2 > len(probe)
            cands.append(_Candidate(i, model, grid, {row_key(r.indicator_text) for r in probe}, score, states))
    groups: list[list[_Candidate]] = []
    # one-row tables (an indicator discussed on its own) are per-indicator tables when longer ones exist
    grouped = [c for c in cands if len(c.names) > 1] or cands
    for c in grouped:
        home = next((g for g in groups if _overlaps(c.names, set().union(*(x.names for x in g)))), None)
        if home is None:
            groups.append([c])
        else:
            home.append(c)
    main = {max(g, key=lambda c: (c.states_pct, c.score, -c.order)).order for g in groups}
    out: list[RawCapaianRow] = []
    table_no = {SourceKind.MAIN_TABLE: 0, SourceKind.INDICATOR_TABLE: 0}
    for c in cands:
        source = SourceKind.MAIN_TABLE if c.order in main else SourceKind.INDICATOR_TABLE
        table_no[source] += 1
        first = 1 + sum(1 for r in out if r.source_kind is source)
        out.extend(capaian_rows_from_grid(c.grid, source_kind=source, year=year, model=c.model,
                                          table_no=table_no[source], first_row_no=first))
    return out


def _overlaps(a: set[str], b: set[str]) -> bool:
    return bool(a) and bool(b) and len(a & b) >= OVERLAP * min(len(a), len(b))


def _figures(rows: Sequence[RawCapaianRow], model: TableModel, year: int | None) -> int:
    """Return how many of the reported year's figures a table gives (a target of another year counts not)."""
    target = model.pick(ColumnRole.TARGET, year)
    off_year = target is not None and year is not None and target.year is not None and target.year != year
    n = 0
    for r in rows:
        n += bool(r.target_text) and not off_year
        n += bool(r.realisasi_text)
        n += bool(r.pct_text)
    return n
