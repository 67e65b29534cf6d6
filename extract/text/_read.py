"""Extract an LKIP from a text dump: its tables and its prose."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from lkip.extract.model import Extraction, FileType, RawCapaianRow, RawPkRow, TextLine, lines_of_text
from lkip.extract.prose import ProseFindings, read_prose
from lkip.extract.text_tables import extract_capaian_tables, extract_pk


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
    pk, pk_found = extract_pk(lines, year=year, indicator_score=indicator_score)
    capaian, capaian_found = extract_capaian_tables(lines, year=year, indicator_score=indicator_score)
    return assemble_extraction(file_type, pages, found, pk, pk_found, capaian, capaian_found, [])


def assemble_extraction(file_type: FileType, pages: int | None, prose: ProseFindings, pk: Sequence[RawPkRow],
                        pk_found: bool, capaian: Sequence[RawCapaianRow], capaian_found: bool,
                        warnings: Sequence[str]) -> Extraction:
    """Given what a reader found (prose, PK and capaian rows, warnings), return the file's extraction.

    A missing PK or capaian table adds its warning; the executive summary's claims join the capaian rows.
    """
    missing = [w for w, found in (("no Perjanjian Kinerja table found", pk_found),
                                  ("no BAB III capaian table found", capaian_found)) if not found]
    return Extraction(
        file_type=file_type,
        pages=pages,
        meta=prose.meta,
        pk=tuple(pk),
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
