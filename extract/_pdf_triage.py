"""Read a PDF's text layer cheaply (pypdfium2) and pick the pages worth table extraction.

Table detection costs far more than reading text, so only pages whose words look
like an LKIP table (header words such as Sasaran/Indikator/Target/Realisasi,
captions such as "Perjanjian Kinerja ... Tahun 2016" or "Pengukuran Capaian
Kinerja") and the page after each (a table may run over the page break) are
handed to the table adapters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from lkip.errors import BadInputError
from lkip.extract._records import TextLine

#: Pages with fewer visible characters than this count as having no text layer.
MIN_TEXT_CHARS = 40
#: Scores from which a page is a PK / capaian table candidate (see :func:`score_page`).
PK_THRESHOLD = 3
CAPAIAN_THRESHOLD = 4


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


@dataclass(frozen=True, slots=True)
class PageScore:
    """How much a page looks like it holds a PK or capaian table.

    Attributes:
        pk: Score for a Perjanjian Kinerja table (0 when none).
        capaian: Score for a target/realisasi/capaian table (0 when none).
    """

    pk: int
    capaian: int

    @property
    def any(self) -> bool:
        """Whether the page is a table candidate (enough cues for a PK or a capaian table)."""
        return self.pk >= PK_THRESHOLD or self.capaian >= CAPAIAN_THRESHOLD


def read_text_layer(path: Path, password: str | None = None) -> list[PageText]:
    """Given a PDF path, return every page's text layer (pypdfium2, about 350 pages/s).

    Raises:
        BadInputError: The file is not a PDF, is damaged, or is encrypted and no
            (or a wrong) password was given.
    """
    return [text for text, _, _ in iter_pages(path, password)]


def iter_pages(path: Path, password: str | None = None,
               numbers: Sequence[int] | None = None) -> Iterator[tuple[PageText, Any, Any]]:
    """Given a PDF path, yield ``(text layer, pdfium page, pdfium text page)`` for every page in order.

    The page and text page stay open until the next item is asked for, so a caller
    may read more from them (rules, character boxes) without loading the page again.
    ``numbers`` (1-based) limits the pages read.

    Raises:
        BadInputError: The file is not a PDF, is damaged, or is encrypted and no
            (or a wrong) password was given.
    """
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(path, password=password)
    except pdfium.PdfiumError as exc:
        raise BadInputError(_describe_open_error(path, exc, password)) from exc
    except (OSError, ValueError) as exc:
        raise BadInputError(f"{path}: cannot open as PDF: {exc}") from exc
    try:
        if len(doc) == 0:
            raise BadInputError(f"{path}: the PDF has no pages (truncated or damaged file)")
        for i in (range(len(doc)) if numbers is None else [n - 1 for n in numbers]):
            page = doc[i]
            textpage = None
            try:
                try:
                    w, h = page.get_size()
                    textpage = page.get_textpage()
                    text = PageText(i + 1, float(w), float(h), int(page.get_rotation()),
                                    clean_text(textpage.get_text_bounded()))
                except pdfium.PdfiumError as exc:
                    raise BadInputError(f"{path}: page {i + 1} cannot be read: {exc}") from exc
                yield text, page, textpage
            finally:
                if textpage is not None:
                    textpage.close()
                page.close()
    finally:
        doc.close()


def _describe_open_error(path: Path, exc: Exception, password: str | None) -> str:
    """Return a message for the person at the terminal about why a PDF did not open."""
    msg = str(exc)
    if "password" in msg.lower():
        if password is None:
            return f"{path}: the PDF is encrypted; give its password (PdfSettings(password=...))"
        return f"{path}: the PDF is encrypted and the password given is wrong"
    if "format" in msg.lower():
        return f"{path}: not a PDF, or a truncated/damaged one (PDFium: {msg})"
    return f"{path}: cannot open as PDF ({msg})"


_CONTROLS = str.maketrans({**{chr(c): None for c in range(32) if chr(c) not in "\n\t"}, "\x02": "-", "\ufffe": "-"})


def clean_text(text: str) -> str:
    """Given pdfium text, return it with ``\\r\\n`` folded, control characters dropped, hyphen marks as "-"."""
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_CONTROLS)


def lines_of_pages(pages: Sequence[PageText]) -> list[TextLine]:
    """Given page texts, return their non-blank lines as :class:`TextLine` records (page set, line None)."""
    out = []
    for p in pages:
        for raw in p.text.split("\n"):
            if raw.strip():
                out.append(TextLine(raw.rstrip(), page=p.number))
    return out


_WORD = {
    "sasaran": re.compile(r"\bsasaran\b", re.I),
    "indikator": re.compile(r"\bindikator\b", re.I),
    "target": re.compile(r"\btarget\b", re.I),
    "satuan": re.compile(r"\bsatuan\b", re.I),
    "realisasi": re.compile(r"\brealisasi\b", re.I),
    "capaian": re.compile(r"\bcapaian\b", re.I),
    "pct": re.compile(r"%|\bpersen", re.I),
}
_PK_CAPTION = re.compile(r"\b(?:perjanjian|penetapan)\s+kinerja\b", re.I)
_CAPAIAN_CAPTION = re.compile(
    r"\b(?:pengukuran\s+(?:capaian\s+)?kinerja|capaian\s+(?:indikator\s+)?kinerja|realisasi\s+dan\s+capaian)\b",
    re.I,
)
_NUMBERISH = re.compile(r"(?<![\w.,])-?\d[\d.,]*\s*%?(?![\w])")


@lru_cache(maxsize=512)
def score_page(text: str) -> PageScore:
    """Given a page's text, return how much it looks like holding a PK or capaian table.

    A page scores when its header words co-occur (an indicator/sasaran word with
    Target, and for capaian Realisasi or Capaian) and it carries figures; a caption
    adds to the score.
    """
    has = {k: bool(rx.search(text)) for k, rx in _WORD.items()}
    figures = len(_NUMBERISH.findall(text))
    if figures < 2:
        return PageScore(0, 0)
    label = has["indikator"] or has["sasaran"]
    pk = cap = 0
    if label and has["target"]:
        pk = 1 + has["satuan"] + has["sasaran"] + 2 * bool(_PK_CAPTION.search(text))
        if has["realisasi"] or has["capaian"]:
            cap = 1 + has["realisasi"] + has["capaian"] + has["pct"] + 2 * bool(_CAPAIAN_CAPTION.search(text))
    elif label and has["realisasi"]:
        cap = 1 + has["capaian"] + has["pct"]
    return PageScore(pk, cap)


def select_table_pages(pages: Sequence[PageText], *, follow: bool = True) -> list[int]:
    """Given page texts, return the 1-based pages to run table extraction on, in order.

    Args:
        pages: The document's pages (text layer or OCR text).
        follow: Also take the page after each candidate (a table may continue there).
    """
    chosen: set[int] = set()
    count = len(pages)
    for p in pages:
        if score_page(p.text).any:
            chosen.add(p.number)
            if follow and p.number < count:
                chosen.add(p.number + 1)
    return sorted(chosen)


#: How far above a table (points) its caption is looked for.
CAPTION_BAND = 90.0
_TABLE_LABEL = re.compile(r"^\s*(?:tabel|table)\b", re.I)


def caption_of(text: str) -> str:
    """Given the lines above a table, return its caption (from the last "Tabel ..." line, else the last two)."""
    lines = [x.strip() for x in text.split("\n") if x.strip()]
    labels = [i for i, x in enumerate(lines) if _TABLE_LABEL.match(x)]
    chosen = lines[labels[-1]:] if labels else lines[-2:]
    return " ".join(chosen)
