"""Extract an LKIP from a text dump: its tables and its prose."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from lkip.extract.model import Extraction, FileType, RawCapaianRow, RawPkRow, TableSpan, TextLine, lines_of_text
from lkip.extract.prose import ProseFindings, read_prose
from lkip.extract.tables import table_inventory
from lkip.extract.text_tables import extract_capaian_tables, extract_pk, find_tables


def extract_lines(lines: Sequence[TextLine], *, file_type: FileType = FileType.TEXT, pages: int | None = None,
                  indicator_score: Callable[[str], float] | None = None) -> Extraction:
    """Given the lines of a report, return everything found in them.

    Args:
        lines: The report's lines.
        file_type: What the lines came from.
        pages: The page count, when known.
        indicator_score: How much a text reads like a known indicator (0-100), used to
            find where an indicator's name starts in a cell-per-line dump; None
            judges by wording alone.
    """
    found = read_prose(lines)
    year = found.meta.year
    tables = find_tables(lines, year=year, indicator_score=indicator_score)
    pk, other_pk, pk_found = extract_pk(lines, year=year, indicator_score=indicator_score,
                                        foreign=found.foreign_office(), tables=tables)
    capaian, capaian_found = extract_capaian_tables(lines, year=year, indicator_score=indicator_score, tables=tables)
    return assemble_extraction(file_type, pages, found, pk, pk_found, capaian, capaian_found, [], other_pk,
                               [t.span() for t in tables])


def assemble_extraction(file_type: FileType, pages: int | None, prose: ProseFindings, pk: Sequence[RawPkRow],
                        pk_found: bool, capaian: Sequence[RawCapaianRow], capaian_found: bool,
                        warnings: Sequence[str], other_pk: Sequence[RawPkRow] = (),
                        spans: Sequence[TableSpan] = ()) -> Extraction:
    """Given what a reader found (prose, PK and capaian rows, warnings), return the file's extraction.

    ``other_pk`` holds the rows of other offices' PKs attached to the report; ``spans``, the
    tables found, from which the table inventory is made.

    A missing PK or capaian table adds its warning; the executive summary's claims join the capaian rows.
    """
    if not pk and other_pk and not capaian:
        # a PK document whose signer was not recognised as the office it names: its first PK is its own
        office = other_pk[0].office
        pk = [replace(r, office=None) for r in other_pk if r.office == office]
        other_pk = [r for r in other_pk if r.office != office]
        pk_found = True
    missing = [w for w, found in (("no Perjanjian Kinerja table found", pk_found),
                                  ("no BAB III capaian table found", capaian_found)) if not found]
    return Extraction(
        file_type=file_type,
        pages=pages,
        meta=prose.meta,
        pk=tuple(pk),
        other_pk=tuple(other_pk),
        tables=table_inventory(spans, pk, other_pk, capaian),
        capaian=tuple(capaian) + prose.summary,
        budget=prose.budget,
        claims=prose.counts,
        pk_table_found=pk_found,
        capaian_table_found=capaian_found,
        warnings=(*warnings, *missing),
    )


def extract_text(text: str, *, indicator_score: Callable[[str], float] | None = None) -> Extraction:
    """Given a text dump of an LKIP, return everything found in it."""
    return extract_lines(lines_of_text(text), indicator_score=indicator_score)
