"""pypdfium2 adapter: open a PDF, read each page's text layer, vector rules and words, and render pages to images."""

from __future__ import annotations

import ctypes
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from lkip.errors import BadInputError
from lkip.extract.geometry import THIN, Rule, Word, straight_rule
from lkip.extract.model import PageText


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
            return f"{path}: the PDF is encrypted; give its password (lkip ingest --password)"
        return f"{path}: the PDF is encrypted and the password given is wrong"
    if "format" in msg.lower():
        return f"{path}: not a PDF, or a truncated/damaged one (PDFium: {msg})"
    return f"{path}: cannot open as PDF ({msg})"


_CONTROLS = str.maketrans({**{chr(c): None for c in range(32) if chr(c) not in "\n\t"}, "\x02": "-", "\ufffe": "-"})


def clean_text(text: str) -> str:
    """Given pdfium text, return it with ``\\r\\n`` folded, control characters dropped, hyphen marks as "-"."""
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_CONTROLS)


def page_rules(page, height: float) -> list[Rule]:
    """Return the rules drawn on a pypdfium2 page (form XObjects included), top-down coordinates."""
    import pypdfium2.raw as raw

    reader = _RuleReader(height)
    count = raw.FPDFPage_CountObjects(page.raw)
    reader.walk([raw.FPDFPage_GetObject(page.raw, i) for i in range(count)], _IDENTITY)
    return reader.rules


_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


class _RuleReader:
    """Reads the rules of a page's path objects; ctypes buffers are made once a page (80k objects cost)."""

    def __init__(self, height: float) -> None:
        import pypdfium2.raw as raw

        self.raw = raw
        self.height = height
        self.rules: list[Rule] = []
        self._fill, self._stroke = ctypes.c_int(), ctypes.c_int()
        self._box = [ctypes.c_float() for _ in range(4)]
        self._x, self._y = ctypes.c_float(), ctypes.c_float()
        self._matrix = raw.FS_MATRIX()

    def walk(self, handles, matrix: Sequence[float]) -> None:
        """Read the rules of ``handles`` (page objects) under the forms' ``matrix``."""
        raw = self.raw
        get_type, path, form = raw.FPDFPageObj_GetType, raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM
        for obj in handles:
            kind = get_type(obj)
            if kind == path:
                self._path(obj, matrix)
            elif kind == form:
                count = raw.FPDFFormObj_CountObjects(obj)
                self.walk([raw.FPDFFormObj_GetObject(obj, i) for i in range(count)],
                          _compose(self._matrix_of(obj), matrix))

    def _matrix_of(self, obj) -> tuple[float, float, float, float, float, float]:
        m = self._matrix
        if not self.raw.FPDFPageObj_GetMatrix(obj, m):
            return _IDENTITY
        return (m.a, m.b, m.c, m.d, m.e, m.f)

    def _path(self, obj, outer: Sequence[float]) -> None:
        """Read one path: a stroked one gives its horizontal and vertical pieces, a filled thin bar its box."""
        if not self.raw.FPDFPath_GetDrawMode(obj, self._fill, self._stroke):
            return
        if self._stroke.value:
            self._stroked(obj, _compose(self._matrix_of(obj), outer))
        elif self._fill.value:
            self._thin_fill(obj, outer)

    def _stroked(self, obj, m: Sequence[float]) -> None:
        raw, height = self.raw, self.height
        a, b, c, d, e, f = m
        x, y = self._x, self._y
        subpaths: list[list[tuple[float, float]]] = []
        for i in range(raw.FPDFPath_CountSegments(obj)):
            seg = raw.FPDFPath_GetPathSegment(obj, i)
            raw.FPDFPathSegment_GetPoint(seg, x, y)
            point = (a * x.value + c * y.value + e, height - (b * x.value + d * y.value + f))
            kind = raw.FPDFPathSegment_GetType(seg)
            if kind == raw.FPDF_SEGMENT_LINETO and subpaths:
                subpaths[-1].append(point)
            else:  # a move, or a curve (not a rule): start afresh
                subpaths.append([point])
            if raw.FPDFPathSegment_GetClose(seg) and len(subpaths[-1]) > 1:
                subpaths[-1].append(subpaths[-1][0])
        for points in subpaths:
            for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
                rule = straight_rule(x0, y0, x1, y1)
                if rule is not None:
                    self.rules.append(rule)

    def _thin_fill(self, obj, outer: Sequence[float]) -> None:
        """Read a filled path that is a thin bar (box at most THIN thick: its bounds turned by ``outer``)."""
        left, bottom, right, top = self._box
        if not self.raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            return
        a, b, c, d, e, f = outer
        corners = [(x, y) for x in (left.value, right.value) for y in (bottom.value, top.value)]
        xs = [a * x + c * y + e for x, y in corners]
        ys = [self.height - (b * x + d * y + f) for x, y in corners]
        w, h = max(xs) - min(xs), max(ys) - min(ys)
        if min(w, h) <= THIN < max(w, h):
            if w >= h:
                self.rules.append(Rule(True, (min(ys) + max(ys)) / 2, min(xs), max(xs)))
            else:
                self.rules.append(Rule(False, (min(xs) + max(xs)) / 2, min(ys), max(ys)))


def _compose(inner: Sequence[float], outer: Sequence[float]) -> tuple[float, float, float, float, float, float]:
    """Return the matrix applying ``inner`` then ``outer`` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


#: A word of the text layer and the break before it (spaces, line breaks).
_RUN = re.compile(r"([\s\u00a0\u3000]*)([^\s\u00a0\u3000]+)")


def page_words(textpage, height: float) -> list[Word]:
    """Given a pypdfium2 text page, return its words with boxes (top-down points) and line numbers.

    Words are the runs between the spaces and line breaks of the text layer (PDFium
    puts a space where letters stand apart and a line break between lines); a word's
    box spans its first and last characters' boxes.
    """
    import pypdfium2.raw as raw

    tp = textpage.raw
    count = raw.FPDFText_CountChars(tp)
    text = textpage.get_text_range(0, count) if count > 0 else ""
    if len(text) != count:  # characters outside the BMP: read one by one
        text = "".join(chr(raw.FPDFText_GetUnicode(tp, i)) for i in range(count))
    char_box = raw.FPDFText_GetLooseCharBox
    first, last = raw.FS_RECTF(), raw.FS_RECTF()
    out: list[Word] = []
    line = 0
    for m in _RUN.finditer(text):
        if "\n" in m.group(1) or "\r" in m.group(1):
            line += 1
        token = clean_text(m.group(2))
        i, j = m.start(2), m.end(2) - 1
        if not token.isprintable():
            token = "".join(ch for ch in token if ch.isprintable())
            if not token:
                continue
        if not (char_box(tp, i, first) and char_box(tp, j, last)):
            continue
        x0, x1 = min(first.left, last.left), max(first.right, last.right)
        top, bottom = max(first.top, last.top), min(first.bottom, last.bottom)
        out.append(Word(token, (x0, height - top, x1, height - bottom), line))
    return out


#: One rendered page: ``(1-based number, width in points, height in points, grayscale image, dpi rendered at)``.
PageImage = tuple[int, float, float, Any, int]
#: Most pixels one rendered page (or region) may have: a 200-inch page at 300 dpi would
#: need 3.6 billion. Larger renders are scaled down (a warning says so).
MAX_RENDER_PIXELS = 40_000_000


def capped_dpi(width: float, height: float, dpi: float, budget: int = MAX_RENDER_PIXELS) -> float:
    """Given a size in points and a resolution, return the resolution keeping the render within ``budget`` pixels."""
    pixels = (width * dpi / 72) * (height * dpi / 72)
    return dpi if pixels <= budget else dpi * (budget / pixels) ** 0.5


def render_pages(path: Path, numbers: Sequence[int], dpi: int, password: str | None = None) -> Iterator[PageImage]:
    """Given a PDF and 1-based pages, yield each page rendered in grayscale at ``dpi``, in the order given.

    Raises:
        BadInputError: The PDF cannot be opened for rendering.
    """
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(path, password=password)
    except pdfium.PdfiumError as exc:
        raise BadInputError(f"{path}: cannot render for OCR: {exc}") from exc
    try:
        for number in numbers:
            page = doc[number - 1]
            try:
                w, h = page.get_size()
                used = int(capped_dpi(w, h, dpi))
                image = render_page(page, used)
            finally:
                page.close()
            yield number, float(w), float(h), image, used
    finally:
        doc.close()


def render_page(page, dpi: float):
    """Return a pdfium page rendered in grayscale at ``dpi`` (capped by :data:`MAX_RENDER_PIXELS`) as a 2-D array."""
    w, h = page.get_size()
    image = page.render(scale=capped_dpi(w, h, dpi) / 72, grayscale=True).to_numpy().copy()
    return image[:, :, 0] if image.ndim == 3 else image


class PageReader(Protocol):
    """What the PDF path needs of a page reader (pypdfium2 here; tests swap in a fake)."""

    def read(self, path: Path, password: str | None = None,
             numbers: Sequence[int] | None = None) -> Iterator[tuple[PageText, Any, Any]]:
        """Yield ``(text layer, page, text page)`` of each page (all, or ``numbers``), in order."""

    def render(self, path: Path, numbers: Sequence[int], dpi: int, password: str | None = None) -> Iterator[PageImage]:
        """Yield each of ``numbers`` rendered in grayscale at ``dpi``."""


@dataclass(frozen=True, slots=True)
class PdfiumPages:
    """The pypdfium2 page reader and renderer."""

    def read(self, path: Path, password: str | None = None,
             numbers: Sequence[int] | None = None) -> Iterator[tuple[PageText, Any, Any]]:
        """Yield ``(text layer, pdfium page, pdfium text page)`` of each page (see :func:`iter_pages`)."""
        return iter_pages(path, password, numbers)

    def render(self, path: Path, numbers: Sequence[int], dpi: int, password: str | None = None) -> Iterator[PageImage]:
        """Yield each of ``numbers`` rendered in grayscale at ``dpi`` (see :func:`render_pages`)."""
        return render_pages(path, numbers, dpi, password)
