"""A report's table inventory: every LKIP-shaped table found, what it is used for and why."""

from __future__ import annotations

from collections.abc import Sequence

from lkip.extract.model import RawCapaianRow, RawPkRow, RawTable, SourceKind, TableSpan, TableUse

#: Why a table of each kind feeds nothing.
_NOT_USED = {
    "pk": ("PK-shaped, not taken: its title names a plan, another year or a program's or activity's PK, "
           "or it repeats a PK already taken"),
    "capaian": ("capaian-shaped, not taken: no figures of the reported year, or set against a Renstra or "
                "national target"),
    "renstra": "a multi-year plan (Renstra) matrix",
    "rkt_funding": "an annual work plan with a funding column",
    "per_office": "rows per office or region, not per indicator",
    "multi_year": "one row per year",
}


def table_inventory(spans: Sequence[TableSpan], pk: Sequence[RawPkRow], other_pk: Sequence[RawPkRow],
                    capaian: Sequence[RawCapaianRow]) -> tuple[RawTable, ...]:
    """Given the tables a reader found and the rows it took, return the inventory in document order.

    A table's use follows from the rows taken from it: the report's own PK, another
    office's PK, the main capaian table or another capaian table; else it is not used, and
    its kind says why. A PK read from a list rather than a table gets an entry of its own.
    """
    spans = list(spans)
    if pk and not any(s.holds(pk[0].where) for s in spans):
        pages = tuple(sorted({r.where.page for r in pk if r.where.page is not None}))
        spans.append(TableSpan("pk_list", "", pk[0].where, last_line=pk[-1].where.line, pages=pages, rows=len(pk)))
    spans.sort(key=lambda s: s.first.order())
    rows: list[list[RawPkRow | RawCapaianRow]] = [[] for _ in spans]
    for row in (*pk, *other_pk, *capaian):
        # a row belongs to the last table that starts before it and covers its place
        home = [i for i, s in enumerate(spans) if s.first.order() <= row.where.order() and s.holds(row.where)]
        if home:
            rows[home[-1]].append(row)
    return tuple(RawTable(n, span.kind, span.title, span.first, span.rows, *_use(span, taken))
                 for n, (span, taken) in enumerate(zip(spans, rows, strict=True), start=1))


def _use(span: TableSpan, taken: Sequence[RawPkRow | RawCapaianRow]) -> tuple[TableUse, str]:
    pk = [r for r in taken if isinstance(r, RawPkRow)]
    if any(r.office is None for r in pk):
        written = " (written as a list)" if span.kind == "pk_list" else ""
        return TableUse.PK, f"the report's own Perjanjian Kinerja{written}"
    if pk:
        return TableUse.OTHER_OFFICE_PK, (f"another office's PK, signed by {pk[0].office} as PIHAK PERTAMA: "
                                          "kept apart from the report's own")
    kinds = {r.source_kind for r in taken if isinstance(r, RawCapaianRow)}
    if SourceKind.MAIN_TABLE in kinds:
        return TableUse.CAPAIAN_MAIN, "main capaian table (the most of the reported year's figures): feeds results"
    if SourceKind.INDICATOR_TABLE in kinds:
        return TableUse.CAPAIAN_INDICATOR, ("another capaian table: feeds results only for indicators the main "
                                            "table lacks, and is compared with it")
    return TableUse.NOT_USED, _NOT_USED.get(span.kind, "not an LKIP table")
