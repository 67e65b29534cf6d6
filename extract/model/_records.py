"""The raw records every reader produces: metadata, PK rows, capaian rows, claims, budget, each with provenance."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class FileType(StrEnum):
    """Kinds of input file."""

    PDF = "pdf"
    TEXT = "text"


class OcrMode(StrEnum):
    """When scanned pages are OCR'd: pages without a text layer, every page, or none."""

    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


class Method(StrEnum):
    """How a value was read: the reader (a provenance's ``method`` starts with one of these).

    OCR'd values of a turned page add the rotation (``ocr:tesseract:rot90``); prose
    readers name their rule (``text:executive_summary``).
    """

    TEXT_TSV = "text:tsv"
    TEXT_LIST = "text:list"
    TEXT_LAYOUT = "text:layout"
    TEXT_RAW_LINES = "text:raw_lines"
    PDF_RULED = "pdf:pdfium_ruled"
    PDF_LAYOUT = "pdf:pdfium_layout"
    PDF_TEXT_LIST = "pdf:text_list"
    PDF_CAMELOT_LATTICE = "pdf:camelot_lattice"
    PDF_CAMELOT_STREAM = "pdf:camelot_stream"
    PDF_PLUMBER_LINES = "pdf:pdfplumber_lines"
    PDF_PLUMBER_TEXT = "pdf:pdfplumber_text"
    OCR = "ocr:tesseract"


class SourceKind(StrEnum):
    """Where a capaian row was read from."""

    MAIN_TABLE = "main_table"
    INDICATOR_TABLE = "indicator_table"
    EXECUTIVE_SUMMARY = "executive_summary"


class Level(StrEnum):
    """Administrative level of the reporting office."""

    PUSAT = "pusat"
    PROVINSI = "provinsi"
    KABUPATEN = "kabupaten"
    KOTA = "kota"


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a value was found.

    Attributes:
        page: 1-based PDF page (None for text files).
        line: 1-based line of a text file (None for PDFs).
        method: How it was found, e.g. ``text:raw_lines``, ``pdf:pdfplumber_lines``,
            ``pdf:pdfium_ruled``, ``pdf:camelot_lattice``, ``ocr:tesseract``.
        source_text: The text the value came from, as printed.
        bbox: ``(x0, top, x1, bottom)`` in PDF points, when known.
    """

    page: int | None = None
    line: int | None = None
    method: str = ""
    source_text: str = ""
    bbox: tuple[float, float, float, float] | None = None

    def __post_init__(self) -> None:
        if self.page is not None and self.page < 1:
            raise ValueError(f"page must be >= 1, got {self.page}")
        if self.line is not None and self.line < 1:
            raise ValueError(f"line must be >= 1, got {self.line}")
        if self.bbox is not None:
            x0, top, x1, bottom = self.bbox
            if x1 < x0 or bottom < top:
                raise ValueError(f"impossible bbox {self.bbox}")

    def order(self) -> tuple[int, int, float]:
        """Return a key that sorts places in document order: page, line, then height on the page."""
        return (self.page or 0, self.line or 0, self.bbox[1] if self.bbox else 0.0)


@dataclass(frozen=True, slots=True)
class RawMeta:
    """Report metadata as found.

    Attributes:
        satker: The office as the report names itself ("BNN Provinsi Bengkulu").
        level: Administrative level of the office.
        province: Province name without the word "Provinsi".
        regency: Kabupaten/kota name without "Kabupaten"/"Kota"; None for a province.
        year: The reported year.
        evidence: Where each field came from, keyed by field name.
    """

    satker: str | None = None
    level: Level | None = None
    province: str | None = None
    regency: str | None = None
    year: int | None = None
    evidence: dict[str, Provenance] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RawPkRow:
    """One Perjanjian Kinerja indicator row.

    Attributes:
        row_no: 1-based position in document order.
        sasaran: The sasaran (goal) cell, carried down over merged cells.
        indicator_text: The indicator cell, wrapped lines joined.
        target_text: The target cell as printed (may include the unit).
        unit_text: The Satuan cell when the table has one, else None.
        where: Provenance of the row (the indicator cell's first line/page).
        decimal_mark: The decimal separator ("," or ".") the row's table shows
            unambiguously in its figures ("185.80", "6,831,222"), else None; a hint
            for ambiguous figures such as "202,955" (``parse_number(decimal_mark=...)``).
        office: The office that signs the row's PK as PIHAK PERTAMA, when the row
            belongs to another office's PK attached to the report, else None.
    """

    row_no: int
    sasaran: str | None
    indicator_text: str
    target_text: str
    unit_text: str | None
    where: Provenance
    decimal_mark: str | None = None
    office: str | None = None


@dataclass(frozen=True, slots=True)
class RawCapaianRow:
    """One achievement row: target, realisasi and stated percentage.

    Attributes:
        source_kind: Summary table, per-indicator table or executive summary.
        row_no: 1-based position within its source kind.
        indicator_text: The indicator as written.
        target_text: Target cell as printed.
        realisasi_text: Realisasi cell as printed.
        pct_text: Capaian (%) cell as printed, None when there is no such column.
        unit_text: Satuan cell, when the table has one.
        table_no: Which table of that kind (1-based), to tell tables apart.
        where: Provenance of the row.
        decimal_mark: The decimal separator the row's table shows unambiguously, else
            None (see :class:`RawPkRow`).
    """

    source_kind: SourceKind
    row_no: int
    indicator_text: str
    target_text: str | None
    realisasi_text: str | None
    pct_text: str | None
    unit_text: str | None
    where: Provenance
    table_no: int = 1
    decimal_mark: str | None = None


@dataclass(frozen=True, slots=True)
class RawBudget:
    """The office's own budget: pagu, realisasi and stated percentage.

    Attributes:
        pagu_text: The pagu (allocation) as printed.
        realisasi_text: The realisasi (spent) as printed.
        pct_text: The stated percentage as printed, if any.
        where: Provenance.
    """

    pagu_text: str | None
    realisasi_text: str | None
    pct_text: str | None
    where: Provenance


@dataclass(frozen=True, slots=True)
class RawCountClaim:
    """A sentence that states a count, e.g. "18 indikator" or "5 indikator melebihi target".

    Attributes:
        subject: What is counted: ``indicators``, ``sasaran``, ``above_target``,
            ``at_target``, ``below_target`` or ``overall_pct``.
        value: The number stated.
        where: Provenance (the sentence).
    """

    subject: str
    value: float
    where: Provenance


class TableUse(StrEnum):
    """What a table found in a report is used for."""

    PK = "pk"  # the report's own Perjanjian Kinerja
    OTHER_OFFICE_PK = "other_office_pk"  # another office's PK attached to the report, kept apart
    CAPAIAN_MAIN = "capaian_main"  # the main capaian table: feeds results
    CAPAIAN_INDICATOR = "capaian_indicator"  # a per-indicator table: feeds results where the main table has no row
    NOT_USED = "not_used"


@dataclass(frozen=True, slots=True)
class TableSpan:
    """Where a table found by a reader lies, and what its header says it is.

    Attributes:
        kind: The kind its header reads as (``pk``, ``capaian``, ``renstra``, ``rkt_funding``,
            ``per_office``, ``multi_year``), or ``pk_list`` for a PK written as a list.
        title: The title or caption printed above it, as read ("" when none).
        first: Its first line (text dumps: ``line``; PDFs: ``page`` and ``bbox`` of the table).
        last_line: The 1-based line of its last row (text dumps), else None.
        pages: Every PDF page it covers (empty for text dumps).
        rows: How many data rows it has.
    """

    kind: str
    title: str
    first: Provenance
    last_line: int | None = None
    pages: tuple[int, ...] = ()
    rows: int = 0

    def holds(self, where: Provenance) -> bool:
        """Return whether a row found at ``where`` lies in this table."""
        if self.first.line is not None:
            return where.line is not None and self.first.line <= where.line <= (self.last_line or self.first.line)
        if where.page is None or where.page not in self.pages:
            return False
        if where.page != self.first.page or self.first.bbox is None or where.bbox is None:
            return True
        top, bottom = self.first.bbox[1], self.first.bbox[3]
        return top - 2 <= where.bbox[1] <= bottom + 2


@dataclass(frozen=True, slots=True)
class RawTable:
    """One entry of a report's table inventory.

    Attributes:
        table_no: 1-based, in document order.
        kind: What its header reads as (see :class:`TableSpan`).
        title: The title or caption above it.
        where: Its first line or page.
        rows: Its data rows.
        use: What it is used for.
        reason: Why, in words.
    """

    table_no: int
    kind: str
    title: str
    where: Provenance
    rows: int
    use: TableUse
    reason: str


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything an extractor found in one file.

    Attributes:
        file_type: PDF or text.
        pages: Number of PDF pages (None for text files).
        meta: Report metadata.
        pk: The report's own Perjanjian Kinerja rows.
        other_pk: Rows of other offices' PKs attached to the report (each with its ``office``).
        tables: The report's table inventory: every LKIP-shaped table, what it is used for and why.
        capaian: Achievement rows of every source kind.
        budget: The office's own budget, if stated.
        claims: Count claims of the executive summary and BAB III.
        pk_table_found: Whether a PK table was located at all.
        capaian_table_found: Whether a BAB III capaian table was located.
        warnings: Problems that make the report only partly understood.
    """

    file_type: FileType
    pages: int | None = None
    meta: RawMeta = field(default_factory=RawMeta)
    pk: tuple[RawPkRow, ...] = ()
    capaian: tuple[RawCapaianRow, ...] = ()
    budget: RawBudget | None = None
    other_pk: tuple[RawPkRow, ...] = ()
    tables: tuple[RawTable, ...] = ()
    claims: tuple[RawCountClaim, ...] = ()
    pk_table_found: bool = False
    capaian_table_found: bool = False
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TextLine:
    """One line of text with its place in the source.

    Text dumps give ``line`` (1-based line of the file); PDFs give ``page``
    (1-based) and, for text-layer or OCR lines, ``bbox``.

    Attributes:
        text: The line's text.
        line: 1-based line number in a text file, or None.
        page: 1-based PDF page, or None.
        bbox: ``(x0, top, x1, bottom)`` in PDF points, when known.
    """

    text: str
    line: int | None = None
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None

    def at(self, method: str, source_text: str | None = None) -> Provenance:
        """Return a :class:`Provenance` pointing at this line."""
        return Provenance(
            page=self.page,
            line=self.line,
            method=method,
            source_text=self.text if source_text is None else source_text,
            bbox=self.bbox,
        )


def lines_of_text(text: str) -> list[TextLine]:
    """Given a text dump, return its lines numbered from 1 (``\\r\\n`` and ``\\r`` folded)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [TextLine(t, line=i) for i, t in enumerate(text.split("\n"), start=1)]

#: Pages with fewer visible characters than this count as having no text layer.
MIN_TEXT_CHARS = 40


@dataclass(frozen=True, slots=True)
class PageText:
    """One page's text layer.

    Attributes:
        number: 1-based page number.
        width: Page width in points (after rotation).
        height: Page height in points (after rotation).
        rotation: The page's /Rotate value (0, 90, 180, 270).
        text: The page's text, lines separated by ``\\n``.
    """

    number: int
    width: float
    height: float
    rotation: int
    text: str

    def __post_init__(self) -> None:
        if self.number < 1:
            raise ValueError(f"page number must be >= 1, got {self.number}")

    @property
    def has_text(self) -> bool:
        """Whether the page has a usable text layer (else it needs OCR)."""
        return len("".join(self.text.split())) >= MIN_TEXT_CHARS
