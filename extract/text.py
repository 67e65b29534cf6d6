"""Extract an LKIP from a text dump (a PDF already converted to text by some tool)."""

from __future__ import annotations

from lkip.extract._budget import extract_budget
from lkip.extract._meta import extract_meta
from lkip.extract._records import Extraction, FileType, TextLine, lines_of_text
from lkip.extract._summary import extract_count_claims, extract_summary_claims
from lkip.extract._text_tables import extract_capaian_tables, extract_pk


def extract_lines(lines: list[TextLine], *, file_type: FileType = FileType.TEXT,
                  pages: int | None = None) -> Extraction:
    """Given the lines of a report, return everything found in them."""
    meta = extract_meta(lines)
    pk, pk_found = extract_pk(lines, year=meta.year)
    capaian, capaian_found = extract_capaian_tables(lines, year=meta.year)
    claims = extract_summary_claims(lines)
    warnings = []
    if not pk_found:
        warnings.append("no Perjanjian Kinerja table found")
    if not capaian_found:
        warnings.append("no BAB III capaian table found")
    return Extraction(
        file_type=file_type,
        pages=pages,
        meta=meta,
        pk=tuple(pk),
        capaian=tuple(capaian) + tuple(claims),
        budget=extract_budget(lines),
        claims=tuple(extract_count_claims(lines)),
        pk_table_found=pk_found,
        capaian_table_found=capaian_found,
        warnings=tuple(warnings),
    )


def extract_text(text: str) -> Extraction:
    """Given a text dump of an LKIP, return everything found in it."""
    return extract_lines(lines_of_text(text))
