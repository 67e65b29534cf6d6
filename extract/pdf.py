"""Extract an LKIP from a PDF, born-digital or scanned, into the same raw records as the text path.

Pipeline (each step a small function; the expensive ones only where needed):

1. one pass over the pages with pypdfium2: every page's text layer, and on the
   upright pages whose words look like a PK or capaian table (and the page after
   each) the vector rules and character boxes, from which ruled tables are built
   (:mod:`lkip.extract._pdf_objects`, a few ms a page);
2. OCR the pages without a text layer (Tesseract), when allowed and available;
3. borderless tables on candidate pages without a ruled LKIP table (their words
   laid out as column-aligned text, read by the text path's table finder);
   turned (rotated) pages by camelot (lattice, then stream); tables joined over
   page breaks and mapped by :mod:`lkip.extract._tables`;
4. a PK given as a bulleted list when no PK table exists;
5. metadata, executive-summary claims, count claims and budget from the text lines.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from lkip.errors import BadInputError, ConfigError, LkipError
from lkip.extract._files import read_head
from lkip.extract._pdf_objects import (
    PageObjects,
    borderless_tables,
    caption_above,
    page_objects,
    read_page_objects,
    tables_from_rules,
)
from lkip.extract._pdf_rows import rows_from_tables
from lkip.extract._pdf_tables import (
    PageTable,
    camelot_tables,
    header_span,
    join_continued,
    merge_wrapped_rows,
    texts_of,
)
from lkip.extract._pdf_triage import (
    PageText,
    iter_pages,
    lines_of_pages,
    score_page,
    select_table_pages,
)
from lkip.extract._records import (
    Extraction,
    FileType,
    Provenance,
    RawCapaianRow,
    RawMeta,
    RawPkRow,
    TextLine,
)
from lkip.extract._table_running import running_keys
from lkip.extract._tables import TableKind

if TYPE_CHECKING:
    from lkip.extract._ocr import OcrPage

log = logging.getLogger(__name__)

__all__ = ["PdfSettings", "extract_pdf"]


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
    """

    ocr: Literal["auto", "always", "never"] = "auto"
    password: str | None = None
    ocr_dpi: int = 300
    ocr_triage_dpi: int | None = 150
    ocr_orient: bool = True
    ocr_languages: str = "ind+eng"
    ocr_workers: int = 2
    ocr_max_pages: int | None = 250

    def __post_init__(self) -> None:
        if self.ocr not in ("auto", "always", "never"):
            raise ConfigError(f"ocr must be 'auto', 'always' or 'never', got {self.ocr!r}")
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


def extract_pdf(path: Path, settings: PdfSettings | None = None) -> Extraction:
    """Given a PDF path, return everything found in it, each value with page, bbox and method.

    Raises:
        BadInputError: The file is missing, not a PDF, truncated/damaged, or encrypted
            without the right password.
        ConfigError: Invalid settings.
    """
    settings = PdfSettings.resolve(settings)
    path = Path(path)
    _check_pdf_header(path)
    first = _first_pass(path, settings.password)
    pages = first.pages
    warnings: list[str] = []
    ocr_tables: list[PageTable] = []
    pages, ocr_tables = _apply_ocr(path, pages, settings, warnings)
    lines = lines_of_pages(pages)
    meta = _call("lkip.extract._meta", "extract_meta", lines, default=RawMeta())
    year = meta.year or guess_year(lines)

    text_pages = [p for p in pages if p.number not in {t.page for t in ocr_tables} and p.has_text]
    tables = _born_digital_tables(path, first, text_pages, year, running_keys(lines), settings, warnings)
    tables = join_continued(sorted(tables + ocr_tables, key=lambda t: (t.page, t.bbox[1])))
    pk, capaian = rows_from_tables(tables, year)
    pk_found = bool(pk)
    if not pk:
        pk = pk_rows_from_list(lines, year)
        pk_found = bool(pk)
    if any(t.method.startswith("ocr:") for t in tables):
        from lkip.extract._ocr import pk_targets_checked

        checked = pk_targets_checked(pk, capaian)
        warnings.extend(f"page {a.where.page}: OCR'd PK target '{a.target_text}' taken as '{b.target_text}' "
                        f"(the capaian table's reading of the same digits)"
                        for a, b in zip(pk, checked, strict=True) if a.target_text != b.target_text)
        pk = checked
        warnings.extend(check_ocr_rows(capaian))
    summary = _call("lkip.extract._summary", "extract_summary_claims", lines, default=[])
    claims = _call("lkip.extract._summary", "extract_count_claims", lines, default=[])
    budget = _call("lkip.extract._budget", "extract_budget", lines, default=None)
    if not pk_found:
        warnings.append("no Perjanjian Kinerja table found")
    if not capaian:
        warnings.append("no BAB III capaian table found")
    return Extraction(
        file_type=FileType.PDF,
        pages=len(pages),
        meta=meta,
        pk=tuple(pk),
        capaian=tuple(capaian) + tuple(summary),
        budget=budget,
        claims=tuple(claims),
        pk_table_found=pk_found,
        capaian_table_found=bool(capaian),
        warnings=tuple(warnings),
    )


def _check_pdf_header(path: Path) -> None:
    """Raise BadInputError unless the file exists and starts like a PDF."""
    if b"%PDF" not in read_head(path):
        raise BadInputError(f"{path}: not a PDF (no %PDF header)")


def _call(module: str, name: str, *args: Any, default: Any) -> Any:
    """Call a text-path function that may still be missing; return ``default`` when it is."""
    import importlib

    try:
        fn: Callable[..., Any] = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        log.debug("%s.%s not available", module, name)
        return default
    return fn(*args)


# --- OCR -------------------------------------------------------------------------------------


def _apply_ocr(path: Path, pages: list[PageText], settings: PdfSettings,
               warnings: list[str]) -> tuple[list[PageText], list[PageTable]]:
    """Return the pages with OCR text in place of missing text layers, and OCR tables."""
    if settings.ocr == "always":
        wanted = [p.number for p in pages]
    else:
        wanted = [p.number for p in pages if not p.has_text]
    if not wanted:
        return pages, []
    if settings.ocr == "never":
        warnings.append(f"{len(wanted)} page(s) have no text layer and OCR is off (ocr='never'): "
                        f"pages {_page_list(wanted)} not read")
        return pages, []
    from lkip.extract import _ocr

    reason = _ocr.availability_check(settings.ocr_languages)
    if reason:
        warnings.append(f"{len(wanted)} page(s) have no text layer and cannot be OCR'd: {reason}")
        return pages, []
    if settings.ocr_max_pages is not None and len(wanted) > settings.ocr_max_pages:
        skipped = wanted[settings.ocr_max_pages:]
        wanted = wanted[: settings.ocr_max_pages]
        warnings.append(f"OCR limited to {settings.ocr_max_pages} pages (ocr_max_pages); pages "
                        f"{_page_list(skipped)} not read: tables there are missing")
    by_number = {p.number: p for p in pages}
    tables: list[PageTable] = []
    try:
        for result in _ocr.ocr_pages(path, wanted, dpi=settings.ocr_dpi, languages=settings.ocr_languages,
                                     workers=settings.ocr_workers, password=settings.password,
                                     triage_dpi=settings.ocr_triage_dpi, orient=settings.ocr_orient):
            old = by_number[result.page]
            by_number[result.page] = PageText(result.page, old.width, old.height, old.rotation, result.text)
            tables.extend(_ocr_tables(result, warnings))
    except LkipError as exc:
        warnings.append(f"OCR failed: {exc}")
    return [by_number[p.number] for p in pages], tables


def _ocr_tables(result: OcrPage, warnings: list[str]) -> list[PageTable]:
    """Return an OCR'd page's PK/capaian tables: the ruled grids, else the tables read from its word layout.

    Dashed or broken ruling lines, or a header printed as a black band, leave the
    grid rebuilt from rules without an LKIP header; the page's words laid out as
    column-aligned text then go through the text path's layout-table reader
    (:mod:`lkip.extract._ocr_layout`). Pages whose text has no table cues are not read this way.
    Capaian figures a single OCR misread made disagree are repaired, with a warning
    naming both readings.
    """
    from lkip.extract._ocr_layout import banded_header, page_tables, repaired_figures, with_header_words_fixed

    ruled = list(result.tables)
    if any(header_span(t.grid)[2] in (TableKind.PK, TableKind.CAPAIAN) for t in ruled):
        found = ruled
    elif score_page(with_header_words_fixed(result.text)).any or any(banded_header(t, 1.0) for t in ruled):
        found = ruled + page_tables(result)
    else:
        return ruled
    out = [repaired_figures(t) for t in found]
    for before, after in zip(found, out, strict=True):
        for row_a, row_b in zip(before.grid, after.grid, strict=True):
            warnings.extend(f"page {b.where.page}: OCR figure '{a.text}' taken as '{b.text}' (the only single "
                            f"misread making the row's capaian agree with realisasi/target)"
                            for a, b in zip(row_a, row_b, strict=True) if a.text != b.text)
    return out


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
        self.tables.extend(replace(t, caption=caption_above(page.words, t.bbox)) if k else t
                           for t, k in zip(found, lkip, strict=True))
        if scored and not any(lkip):
            self.loose[page.number] = page


def _first_pass(path: Path, password: str | None) -> _FirstPass:
    """Read every page's text and, on upright pages that score as a table page or follow one, the ruled tables.

    One pass loads each page once; a page's rules and words are read while it is open.
    """
    out = _FirstPass()
    after_scored = False
    for text, page, textpage in iter_pages(path, password):
        out.pages.append(text)
        scored = text.has_text and score_page(text.text).any
        if text.has_text and not text.rotation % 360 and (scored or after_scored):
            out.add(page_objects(page, textpage, text.number), scored)
        after_scored = scored
    return out


def _born_digital_tables(path: Path, first: _FirstPass, pages: Sequence[PageText], year: int | None,
                         running: frozenset[str], settings: PdfSettings, warnings: list[str]) -> list[PageTable]:
    """Return the tables of the candidate pages: ruled ones first, borderless ones where none is ruled.

    Upright pages are read from the PDF's own objects (:mod:`lkip.extract._pdf_objects`,
    a few ms a page), mostly in the first pass; turned pages by camelot (lattice, then stream).
    """
    chosen = select_table_pages(pages)
    scored = {p.number for p in pages if score_page(p.text).any}
    layer = {p.number for p in first.pages if p.has_text}
    turned = {p.number for p in pages if p.rotation % 360}
    missing = [n for n in chosen if n in layer and n not in turned and n not in first.read]
    try:
        for page in read_page_objects(path, missing, settings.password):
            first.add(page, page.number in scored)
    except LkipError as exc:
        warnings.append(str(exc))
    tables = list(first.tables)
    for number in sorted(first.loose):
        borderless = borderless_tables(first.loose[number], year, running)
        if borderless:
            tables = [t for t in tables if t.page != number] + borderless
    tables.extend(_camelot_turned(path, pages, [n for n in chosen if n in turned], scored, settings, warnings))
    return tables


def _is_lkip_table(table: PageTable) -> bool:
    """Return whether a table has a PK or capaian header."""
    return header_span(table.grid)[2] in (TableKind.PK, TableKind.CAPAIAN)


def _camelot_turned(path: Path, pages: Sequence[PageText], numbers: Sequence[int], scored: set[int],
                    settings: PdfSettings, warnings: list[str]) -> list[PageTable]:
    """Return the tables of turned (rotated) pages by camelot: lattice, then stream where none is ruled."""
    if not numbers:
        return []
    heights = {p.number: p.height for p in pages}
    try:
        tables = camelot_tables(path, numbers, heights, flavor="lattice", password=settings.password)
    except LkipError as exc:
        warnings.append(str(exc))
        tables = _plumber_fallback(path, numbers, settings, warnings)
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
    return tables


def _plumber_fallback(path: Path, pages: Sequence[int], settings: PdfSettings,
                      warnings: list[str]) -> list[PageTable]:
    from lkip.extract._pdf_tables import pdfplumber_tables

    try:
        return pdfplumber_tables(path, pages, strategy="lines", password=settings.password)
    except LkipError as exc:
        warnings.append(str(exc))
        return []


# --- text cues ---------------------------------------------------------------------------------

_YEAR_CUE = re.compile(r"\btahun\s+(?:anggaran\s+)?((?:19|20)\d{2})\b", re.I)


def guess_year(lines: Sequence[TextLine]) -> int | None:
    """Given a report's lines, return the year named most often as "Tahun 20xx" in its first pages."""
    counts: dict[int, int] = {}
    for line in lines[:400]:
        for m in _YEAR_CUE.finditer(line.text):
            counts[int(m.group(1))] = counts.get(int(m.group(1)), 0) + 1
    return max(counts, key=lambda y: (counts[y], y)) if counts else None


_BULLET = re.compile(r"^\s*(?:[\u2022\u25cf\u25aa\u00b7\-–*]|\d{1,2}[.)]|[a-z][.)])\s+(?P<body>.+)$")
_LIST_TARGET = re.compile(
    r"^(?P<ind>.+?)\s+(?:sebanyak|sebesar|sejumlah|dengan\s+target|target(?:nya)?)\s+"
    r"(?P<value>-?\d[\d.,]*\s*%?)\s*(?P<unit>[A-Za-z][A-Za-z/ ]{0,30}?)?\s*[;.,]?\s*(?:dan)?\s*$",
    re.I,
)
_LIST_INTRO = re.compile(r"\b(?:perjanjian|penetapan)\s+kinerja\b|\btarget\b", re.I)


def pk_rows_from_list(lines: Sequence[TextLine], year: int | None) -> list[RawPkRow]:
    """Given a report's lines, return PK rows stated as a bulleted list of targets.

    A list counts when a line shortly before it names the Perjanjian Kinerja or
    targets, and (when it names a year) the reported year: "• Daging sebanyak
    768.495 ton;" gives indicator "Daging", target "768.495 ton", unit "ton".
    """
    items = _bullet_items(lines)
    out: list[RawPkRow] = []
    for first, text, intro in items:
        if intro is None or not _LIST_INTRO.search(intro.text):
            continue
        years = {int(y) for y in re.findall(r"\b(?:19|20)\d{2}\b", intro.text)}
        if year is not None and years and year not in years:
            continue
        m = _LIST_TARGET.match(text)
        if not m:
            continue
        value, unit = " ".join(m.group("value").split()), (m.group("unit") or "").strip() or None
        if value.endswith("%") and not unit:
            unit = "%"
        target_text = f"{value} {unit}" if unit and unit != "%" else value
        where = first.at("pdf:text_list", text)
        out.append(RawPkRow(len(out) + 1, None, m.group("ind").strip(), target_text, unit, where))
    return out


def _bullet_items(lines: Sequence[TextLine]) -> list[tuple[TextLine, str, TextLine | None]]:
    """Return ``(first line, joined text, intro line)`` of each bulleted item (wrapped lines joined)."""
    items: list[tuple[TextLine, list[str], TextLine | None]] = []
    intro: TextLine | None = None
    open_item = False
    for line in lines:
        m = _BULLET.match(line.text)
        if m:
            items.append((line, [m.group("body")], intro))
            open_item = not re.search(r"[;.]\s*(?:dan)?\s*$", m.group("body"))
        elif open_item and items and line.page == items[-1][0].page and line.text.strip():
            items[-1][1].append(line.text.strip())
            open_item = not re.search(r"[;.]\s*(?:dan)?\s*$", line.text)
        else:
            open_item = False
            if line.text.strip():
                intro = line
    return [(first, " ".join(parts), i) for first, parts, i in items]


# --- OCR validation ----------------------------------------------------------------------------


def check_ocr_rows(rows: Sequence[RawCapaianRow]) -> list[str]:
    """Given capaian rows (some from OCR), return warnings for OCR figures that do not check out."""
    from lkip.extract._ocr import checked_percent

    out = []
    for r in rows:
        if not r.where.method.startswith("ocr:"):
            continue
        t, real, pct = (_plain_number(x) for x in (r.target_text, r.realisasi_text, r.pct_text))
        if pct is not None and not checked_percent(t, real, pct):
            out.append(f"page {r.where.page}: OCR figures of '{r.indicator_text[:50]}' do not check "
                       f"(target {r.target_text}, realisasi {r.realisasi_text}, capaian {r.pct_text}): verify by hand")
    return out


def _plain_number(text: str | None) -> float | None:
    """Return the value of a figure, for OCR plausibility checks only (the normaliser's parser)."""
    from lkip.normalize.numbers import parse_number

    return parse_number(text).value if text else None


def provenance_of(table: PageTable) -> Provenance:
    """Return a provenance pointing at a whole table (its first page and box)."""
    return Provenance(page=table.page, method=table.method, bbox=table.bbox,
                      source_text=" | ".join(texts_of(table.grid[0])) if table.grid else "")
