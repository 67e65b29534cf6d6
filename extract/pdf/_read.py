"""Extract an LKIP from a PDF, born-digital or scanned, into the same raw records as the text path.

The steps (each a small function returning its result and its warnings):

1. one pass over the pages (:class:`PageReader`, pypdfium2): every page's text layer and,
   on upright pages whose words look like a PK or capaian table (and the page after each),
   the vector rules and words, from which ruled tables are built (:mod:`.objects`);
2. OCR of the pages without a text layer (:mod:`lkip.extract.ocr`), when allowed and available;
3. the document's prose read once (:func:`lkip.extract.prose.read_prose`): metadata, claims, budget;
4. borderless tables on candidate pages without a ruled LKIP table; turned pages by camelot;
   tables joined over page breaks and mapped by :mod:`lkip.extract.tables`;
5. a PK given as a bulleted list when no PK table exists.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from lkip.errors import BadInputError, ConfigError, LkipError
from lkip.extract.adapters import OcrEngine, PageReader, PdfiumPages, TesseractEngine, camelot_tables, pdfplumber_tables
from lkip.extract.geometry import tables_from_rules
from lkip.extract.model import Extraction, FileType, OcrMode, PageText, Provenance, TextLine, read_head
from lkip.extract.ocr import check_ocr_rows, ocr_page_tables, ocr_pages, pk_targets_checked
from lkip.extract.pdf._objects import (
    PageObjects,
    as_printed,
    borderless_tables,
    caption_from_words,
    page_objects,
    read_page_objects,
)
from lkip.extract.pdf._pages import lines_of_pages, select_table_pages
from lkip.extract.prose import pk_rows_from_list, read_prose
from lkip.extract.tables import (
    PageTable,
    TableKind,
    header_span,
    join_continued,
    merge_wrapped_rows,
    rows_from_tables,
    table_spans,
    texts_of,
)
from lkip.extract.text import assemble_extraction
from lkip.extract.text_tables import running_keys
from lkip.extract.vocab import score_page

__all__ = ["PdfSettings", "extract_pdf"]

Warnings = list[str]
Scorer = Callable[[str], float] | None


@dataclass(frozen=True, slots=True)
class PdfSettings:
    """Settings of the PDF extractor.

    Attributes:
        ocr: ``auto`` OCRs pages without a text layer, ``always`` every page,
            ``never`` none (scanned pages then leave the report partial).
        password: Password of an encrypted PDF.
        ocr_dpi: Rendering resolution of the full OCR read (text and ruled tables).
        ocr_triage_dpi: Resolution of the quick first read of every scanned page
            (text only); pages whose text looks like a PK or capaian table, and the
            page after each, are then read again at ``ocr_dpi``. None reads every
            page at ``ocr_dpi``.
        ocr_orient: Detect each scanned page's orientation (landscape tables are
            often scanned sideways) and turn it upright before OCR.
        ocr_languages: Tesseract languages (``ind+eng``: ``ind`` alone reads "%" as "96").
        ocr_workers: Tesseract processes run at once (one page each).
        ocr_max_pages: At most this many scanned pages are OCR'd (the first ones;
            the report is then partial, with a warning naming the pages not read);
            None for all. The default bounds a scan to a few minutes.
        ocr_engine: The OCR engine (Tesseract; tests swap in a fake).
        pages: The PDF page reader and renderer (pypdfium2; tests swap in a fake).
    """

    ocr: OcrMode = OcrMode.AUTO
    password: str | None = None
    ocr_dpi: int = 300
    ocr_triage_dpi: int | None = 150
    ocr_orient: bool = True
    ocr_languages: str = "ind+eng"
    ocr_workers: int = 2
    ocr_max_pages: int | None = 250
    ocr_engine: OcrEngine = field(default_factory=TesseractEngine, compare=False)
    pages: PageReader = field(default_factory=PdfiumPages, compare=False)

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "ocr", OcrMode(self.ocr))
        except ValueError:
            raise ConfigError(f"ocr must be 'auto', 'always' or 'never', got {self.ocr!r}") from None
        if not 72 <= self.ocr_dpi <= 600:
            raise ConfigError(f"ocr_dpi must be between 72 and 600, got {self.ocr_dpi}")
        if self.ocr_triage_dpi is not None and not 72 <= self.ocr_triage_dpi <= 600:
            raise ConfigError(f"ocr_triage_dpi must be between 72 and 600 (or None), got {self.ocr_triage_dpi}")
        if self.ocr_max_pages is not None and self.ocr_max_pages < 1:
            raise ConfigError(f"ocr_max_pages must be >= 1 (or None), got {self.ocr_max_pages}")
        if self.ocr_workers < 1:
            raise ConfigError(f"ocr_workers must be >= 1, got {self.ocr_workers}")

    @classmethod
    def resolve(cls, obj: PdfSettings | Mapping[str, Any] | None) -> PdfSettings:
        """Return settings from None (defaults), an instance, or a mapping of field names.

        Raises:
            ConfigError: Unknown keys or invalid values.
        """
        if obj is None:
            return cls()
        if isinstance(obj, cls):
            return obj
        if isinstance(obj, Mapping):
            known = {f.name for f in fields(cls)}
            unknown = sorted(set(obj) - known)
            if unknown:
                raise ConfigError(f"unknown PDF settings: {', '.join(unknown)} (known: {', '.join(sorted(known))})")
            return cls(**dict(obj))
        raise ConfigError(f"PDF settings must be None, PdfSettings or a mapping, not {type(obj).__name__}")


def extract_pdf(path: Path, settings: PdfSettings | None = None, *,
                indicator_score: Callable[[str], float] | None = None) -> Extraction:
    """Given a PDF path, return everything found in it, each value with page, bbox and method.

    Args:
        path: The PDF.
        settings: OCR and password settings, and the adapters to use.
        indicator_score: How much a text reads like a known indicator (0-100), for
            tables printed one cell fragment per line; None judges by wording alone.

    Raises:
        BadInputError: The file is missing, not a PDF, truncated/damaged, or encrypted
            without the right password.
        ConfigError: Invalid settings.
    """
    settings = PdfSettings.resolve(settings)
    path = Path(path)
    _check_pdf_header(path)
    first = _first_pass(path, settings)
    pages, ocr_tables, warnings = _apply_ocr(path, first.pages, settings)
    lines = lines_of_pages(pages)
    prose = read_prose(lines)
    year = prose.meta.year or guess_year(lines)

    text_pages = [p for p in pages if p.number not in {t.page for t in ocr_tables} and p.has_text]
    tables, found = _born_digital_tables(path, first, text_pages, year, running_keys(lines), settings,
                                         indicator_score)
    warnings += found
    tables = join_continued(sorted(tables + ocr_tables, key=lambda t: (t.page, t.bbox[1])))
    foreign = prose.foreign_office()
    pk, other_pk, capaian = rows_from_tables(tables, year, foreign)
    pk_found = bool(pk)
    if not pk:
        pk = [r for r in pk_rows_from_list(lines, year) if not foreign(r.where)]
        pk_found = bool(pk)
    if any(t.method.startswith("ocr:") for t in tables):
        checked = pk_targets_checked(pk, capaian)
        warnings += [f"page {a.where.page}: OCR'd PK target '{a.target_text}' taken as '{b.target_text}' "
                     f"(the capaian table's reading of the same digits)"
                     for a, b in zip(pk, checked, strict=True) if a.target_text != b.target_text]
        pk = checked
        warnings += check_ocr_rows(capaian)
    return assemble_extraction(FileType.PDF, len(pages), prose, pk, pk_found, capaian, bool(capaian), warnings,
                               other_pk, table_spans(tables))


def _check_pdf_header(path: Path) -> None:
    """Raise BadInputError unless the file exists and starts like a PDF."""
    if b"%PDF" not in read_head(path):
        raise BadInputError(f"{path}: not a PDF (no %PDF header)")


# --- OCR -------------------------------------------------------------------------------------


def _apply_ocr(path: Path, pages: list[PageText], settings: PdfSettings
               ) -> tuple[list[PageText], list[PageTable], Warnings]:
    """Return the pages with OCR text in place of missing text layers, the OCR tables, and warnings."""
    if settings.ocr is OcrMode.ALWAYS:
        wanted = [p.number for p in pages]
    else:
        wanted = [p.number for p in pages if not p.has_text]
    if not wanted:
        return pages, [], []
    if settings.ocr is OcrMode.NEVER:
        return pages, [], [f"{len(wanted)} page(s) have no text layer and OCR is off (ocr='never'): "
                            f"pages {_page_list(wanted)} not read"]
    reason = settings.ocr_engine.unavailable(settings.ocr_languages)
    if reason:
        return pages, [], [f"{len(wanted)} page(s) have no text layer and cannot be OCR'd: {reason}"]
    warnings: Warnings = []
    if settings.ocr_max_pages is not None and len(wanted) > settings.ocr_max_pages:
        skipped = wanted[settings.ocr_max_pages:]
        wanted = wanted[: settings.ocr_max_pages]
        warnings.append(f"OCR limited to {settings.ocr_max_pages} pages (ocr_max_pages); pages "
                        f"{_page_list(skipped)} not read: tables there are missing")
    by_number = {p.number: p for p in pages}
    tables: list[PageTable] = []
    try:
        for result in ocr_pages(path, wanted, dpi=settings.ocr_dpi, languages=settings.ocr_languages,
                                workers=settings.ocr_workers, password=settings.password,
                                triage_dpi=settings.ocr_triage_dpi, orient=settings.ocr_orient,
                                engine=settings.ocr_engine, reader=settings.pages):
            old = by_number[result.page]
            by_number[result.page] = PageText(result.page, old.width, old.height, old.rotation, result.text)
            found, repaired = ocr_page_tables(result)
            tables.extend(found)
            warnings += [*result.warnings, *repaired]
    except LkipError as exc:
        warnings.append(f"OCR failed: {exc}")
    return [by_number[p.number] for p in pages], tables, warnings


def _page_list(numbers: Sequence[int]) -> str:
    return ", ".join(str(n) for n in numbers[:12]) + (" ..." if len(numbers) > 12 else "")


# --- born-digital tables ----------------------------------------------------------------------


@dataclass(slots=True)
class _FirstPass:
    """What one pass over a PDF's pages gives: every page's text, and the tables of the candidate pages.

    Attributes:
        pages: Every page's text layer.
        tables: The ruled tables of the upright candidate pages (captions set).
        loose: Candidate pages scored as holding a table but without a ruled LKIP
            table, kept for the borderless reader (it needs the report's year).
        read: The pages whose objects were read.
    """

    pages: list[PageText] = field(default_factory=list)
    tables: list[PageTable] = field(default_factory=list)
    loose: dict[int, PageObjects] = field(default_factory=dict)
    read: set[int] = field(default_factory=set)

    def add(self, page: PageObjects, scored: bool) -> None:
        """Read one candidate page's ruled tables; keep the page for later when it has none of LKIP kind."""
        found = tables_from_rules(page.rules, page.words, page.number, page.height)
        lkip = [_is_lkip_table(t) for t in found]
        self.read.add(page.number)
        self.tables.extend(as_printed([replace(t, caption=caption_from_words(page.words, t.bbox)) if k else t
                                       for t, k in zip(found, lkip, strict=True)], page))
        if scored and not any(lkip):
            self.loose[page.number] = page


def _first_pass(path: Path, settings: PdfSettings) -> _FirstPass:
    """Read every page's text and, on upright pages that score as a table page or follow one, the ruled tables.

    One pass loads each page once; a page's rules and words are read while it is open.
    """
    out = _FirstPass()
    after_scored = False
    for text, page, textpage in settings.pages.read(path, settings.password):
        out.pages.append(text)
        scored = text.has_text and score_page(text.text).any
        if text.has_text and not text.rotation % 360 and (scored or after_scored):
            out.add(page_objects(page, textpage, text.number), scored)
        after_scored = scored
    return out


def _born_digital_tables(path: Path, first: _FirstPass, pages: Sequence[PageText], year: int | None,
                         running: frozenset[str], settings: PdfSettings,
                         indicator_score: Scorer) -> tuple[list[PageTable], Warnings]:
    """Return the tables of the candidate pages: ruled ones first, borderless ones where none is ruled.

    Upright pages are read from the PDF's own objects (:mod:`lkip.extract.pdf._objects`,
    a few ms a page), mostly in the first pass; turned pages by camelot (lattice, then stream).
    """
    chosen = select_table_pages(pages)
    scored = {p.number for p in pages if score_page(p.text).any}
    layer = {p.number for p in first.pages if p.has_text}
    turned = {p.number for p in pages if p.rotation % 360}
    missing = [n for n in chosen if n in layer and n not in turned and n not in first.read]
    warnings: Warnings = []
    try:
        for page in read_page_objects(path, missing, settings.password, settings.pages):
            first.add(page, page.number in scored)
    except LkipError as exc:
        warnings.append(str(exc))
    tables = list(first.tables)
    for number in sorted(first.loose):
        borderless = as_printed(borderless_tables(first.loose[number], year, running, indicator_score),
                                first.loose[number])
        if borderless:
            tables = [t for t in tables if t.page != number] + borderless
    turned_tables, found = _camelot_turned(path, pages, [n for n in chosen if n in turned], scored, settings)
    return tables + turned_tables, warnings + found


def _is_lkip_table(table: PageTable) -> bool:
    """Return whether a table has a PK or capaian header."""
    return header_span(table.grid)[2] in (TableKind.PK, TableKind.CAPAIAN)


def _camelot_turned(path: Path, pages: Sequence[PageText], numbers: Sequence[int], scored: set[int],
                    settings: PdfSettings) -> tuple[list[PageTable], Warnings]:
    """Return the tables of turned (rotated) pages by camelot (lattice, then stream where none is ruled), warnings."""
    if not numbers:
        return [], []
    heights = {p.number: p.height for p in pages}
    warnings: Warnings = []
    try:
        tables = camelot_tables(path, numbers, heights, flavor="lattice", password=settings.password)
    except LkipError as exc:
        warnings.append(str(exc))
        tables, found = _plumber_fallback(path, numbers, settings)
        warnings += found
    ruled = {t.page for t in tables if _is_lkip_table(t)}
    loose = [n for n in numbers if n in scored and n not in ruled]
    if loose:
        try:
            stream = camelot_tables(path, loose, heights, flavor="stream", password=settings.password)
        except LkipError as exc:
            warnings.append(str(exc))
            stream = []
        keep = [merge_wrapped_rows(t) for t in stream if _is_lkip_table(t)]
        tables = [t for t in tables if t.page not in {k.page for k in keep}] + keep
    return tables, warnings


def _plumber_fallback(path: Path, pages: Sequence[int], settings: PdfSettings) -> tuple[list[PageTable], Warnings]:
    """Return pdfplumber's ruled tables of ``pages`` (when camelot failed), and warnings."""
    try:
        return pdfplumber_tables(path, pages, strategy="lines", password=settings.password), []
    except LkipError as exc:
        return [], [str(exc)]


# --- text cues ---------------------------------------------------------------------------------

_YEAR_CUE = re.compile(r"\btahun\s+(?:anggaran\s+)?((?:19|20)\d{2})\b", re.I)


def guess_year(lines: Sequence[TextLine]) -> int | None:
    """Given a report's lines, return the year named most often as "Tahun 20xx" in its first pages."""
    counts: dict[int, int] = {}
    for line in lines[:400]:
        for m in _YEAR_CUE.finditer(line.text):
            counts[int(m.group(1))] = counts.get(int(m.group(1)), 0) + 1
    return max(counts, key=lambda y: (counts[y], y)) if counts else None


def provenance_of(table: PageTable) -> Provenance:
    """Return a provenance pointing at a whole table (its first page and box)."""
    return Provenance(page=table.page, method=table.method, bbox=table.bbox,
                      source_text=" | ".join(texts_of(table.grid[0])) if table.grid else "")
