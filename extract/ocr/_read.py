"""OCR of scanned PDF pages into text lines and table grids."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from lkip.errors import MissingDependencyError
from lkip.extract.adapters import (
    MAX_RENDER_PIXELS,
    OcrEngine,
    PageImage,
    PageReader,
    PdfiumPages,
    TesseractEngine,
    erase_rules,
    find_rules,
    is_blank,
    resized,
    ruled_tables,
)
from lkip.extract.geometry import Word
from lkip.extract.model import Method, TextLine
from lkip.extract.ocr._orient import detect_rotation, turn, turned_size
from lkip.extract.ocr._repair import repair_text
from lkip.extract.ocr._triage import pages_to_reread
from lkip.extract.tables import PageTable
from lkip.extract.vocab import CAPTION_BAND, caption_of

METHOD = Method.OCR


@dataclass(frozen=True, slots=True)
class OcrPage:
    """What OCR found on one page.

    Attributes:
        page: 1-based page number.
        width: Page width in points.
        height: Page height in points.
        lines: Text lines in reading order, with boxes in points.
        tables: Ruled tables rebuilt from line positions and words.
        rotation: Clockwise degrees the page image was turned before reading;
            boxes are in the frame of the turned page (0: the page's own frame).
        words: The words read, boxes in points (same frame as ``lines``), for
            laying a page out as column-aligned text (:mod:`lkip.extract.geometry._layout`).
        warnings: What the reader should know (a page too large rendered at a lower dpi).
    """

    page: int
    width: float
    height: float
    lines: tuple[TextLine, ...]
    tables: tuple[PageTable, ...]
    rotation: int = 0
    words: tuple[Word, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """The page's text, one line per text line."""
        return "\n".join(line.text for line in self.lines)


def ocr_pages(path: Path, pages: Sequence[int], *, dpi: int = 300, languages: str = "ind+eng",
              workers: int = 2, password: str | None = None, triage_dpi: int | None = None,
              orient: bool = True, engine: OcrEngine | None = None,
              reader: PageReader | None = None) -> Iterator[OcrPage]:
    """Given a PDF and pages to read, yield each page's OCR result in page order.

    Args:
        path: The PDF.
        pages: 1-based pages to read.
        dpi: Resolution of the full read (text lines and ruled tables).
        languages: Tesseract languages.
        workers: Tesseract processes run at once.
        password: The PDF's password, if encrypted.
        triage_dpi: When set, every page is first read at this (lower) resolution
            for its text only, and only the pages that look like holding a PK or
            capaian table (and the page after each) are read again at ``dpi`` with
            tables; see :mod:`lkip.extract.ocr._triage`. None reads every page fully.
        orient: Detect each page's orientation and turn it upright before OCR.
        engine: The OCR engine (default: Tesseract).
        reader: The page renderer (default: pypdfium2).

    Raises:
        MissingDependencyError: The OCR engine or its language data is missing.
        BadInputError: The PDF cannot be rendered.
    """
    engine = engine or TesseractEngine()
    reader = reader or PdfiumPages()
    reason = engine.unavailable(languages)
    if reason:
        raise MissingDependencyError(reason)
    read = _PageRead(engine, languages, workers)
    if triage_dpi is None or triage_dpi >= dpi:
        yield from read.pages(reader.render(path, pages, dpi, password), dpi, orient, tables=True)
        return
    quick = list(read.pages(reader.render(path, pages, triage_dpi, password), triage_dpi, orient, tables=False))
    again = pages_to_reread([(r.page, r.text) for r in quick])
    turns = {r.page: r.rotation for r in quick}
    full = {r.page: r for r in read.pages(reader.render(path, again, dpi, password), dpi, turns, tables=True)}
    for r in quick:
        yield full.get(r.page, r)


@dataclass(frozen=True, slots=True)
class _PageRead:
    """How pages are read: the engine, its languages, and how many pages at once."""

    engine: OcrEngine
    languages: str
    workers: int

    def pages(self, images: Iterator[PageImage], dpi: int, orient: bool | dict[int, int], *,
              tables: bool) -> Iterator[OcrPage]:
        """Yield the OCR of rendered pages, in page order.

        Pages are rendered in this thread (pdfium is not thread safe); orientation
        detection and OCR run in the workers.
        """
        with ThreadPoolExecutor(max_workers=max(1, self.workers)) as pool:
            pending: list[Future[OcrPage]] = []
            for number, w, h, image, used in images:
                rotation = orient.get(number, 0) if isinstance(orient, dict) else None if orient else 0
                pending.append(pool.submit(self.upright, image, number, float(w), float(h), used, rotation, tables,
                                           _render_warning(number, w, h, dpi, used)))
                while len(pending) > self.workers:
                    yield pending.pop(0).result()
            for fut in pending:
                yield fut.result()

    def upright(self, image, page: int, width: float, height: float, dpi: int, rotation: int | None,
                tables: bool, warnings: tuple[str, ...] = ()) -> OcrPage:
        """Turn a page image upright (detecting how when ``rotation`` is None), then read it."""
        if is_blank(image):
            return OcrPage(page, width, height, (), (), 0, (), warnings)
        if rotation is None:
            rotation = detect_rotation(lambda d: resized(image, d / dpi), osd=self.engine.orientation)
        read = read_page_image(turn(image, rotation), page, width, height, dpi, self.languages,
                               rotation=rotation, tables=tables, engine=self.engine)
        return replace(read, warnings=warnings)


def _render_warning(page: int, width: float, height: float, dpi: int, used: int) -> tuple[str, ...]:
    """Return the warning of a page rendered below the dpi asked for (a page too large for the pixel budget)."""
    if used >= dpi:
        return ()
    return (f"page {page}: {width / 72:.0f} x {height / 72:.0f} inches is too large to render at {dpi} dpi; "
            f"OCR'd at {used} dpi (render budget {MAX_RENDER_PIXELS:,} pixels)",)


def read_page_image(image, page: int, width: float, height: float, dpi: int, languages: str, *,
                    rotation: int = 0, tables: bool = True, engine: OcrEngine | None = None) -> OcrPage:
    """Given a grayscale page image (numpy array, already turned upright), return its OCR lines and ruled tables.

    ``width``/``height`` are the page's own size; boxes are in the frame of the
    image as given (the page turned clockwise by ``rotation``).
    """
    scale = 72.0 / dpi
    method = method_for(rotation)
    mask_h, mask_v = find_rules(image)
    clean = erase_rules(image, mask_h | mask_v)
    words = (engine or TesseractEngine()).words(clean, languages)
    pts = [Word(w.text, tuple(v * scale for v in w.bbox), w.line) for w in words]  # type: ignore[misc]
    lines = tuple(_lines_of_words(pts, page))
    _, frame_height = turned_size(width, height, rotation)
    found: list[PageTable] = []
    if tables:
        for box, grid in ruled_tables(mask_h, mask_v, pts, page, scale, method, repair_text):
            bbox = tuple(v * scale for v in box)
            found.append(PageTable(page, bbox, grid, method, frame_height,  # type: ignore[arg-type]
                                   caption=caption_from_lines(lines, bbox)))  # type: ignore[arg-type]
    return OcrPage(page, width, height, lines, tuple(found), rotation, tuple(pts))


def method_for(rotation: int) -> str:
    """Return the provenance method of OCR values read from a page turned by ``rotation`` degrees.

    ``ocr:tesseract`` for an upright page; ``ocr:tesseract:rot90`` (180, 270) when
    the page was turned clockwise before reading: its boxes are then in the turned
    page's frame (:func:`lkip.extract.ocr._orient.page_box` maps them back).
    """
    return METHOD if rotation % 360 == 0 else f"{METHOD}:rot{rotation % 360}"


def caption_from_lines(lines: Sequence[TextLine], bbox: tuple[float, float, float, float],
                  band: float | None = None) -> str:
    """Given a page's OCR lines and a table box, return the caption printed just above the table."""
    band = CAPTION_BAND if band is None else band
    x0, top, x1, _ = bbox
    above = [ln for ln in lines if ln.bbox and top - band <= ln.bbox[3] <= top + 2
             and ln.bbox[2] > x0 and ln.bbox[0] < x1]
    return caption_of("\n".join(ln.text for ln in above))


def _lines_of_words(words: Sequence[Word], page: int) -> list[TextLine]:
    """Given OCR words (boxes in points), return text lines in reading order."""
    groups: dict[int, list[Word]] = {}
    for w in words:
        groups.setdefault(w.line, []).append(w)
    lines = []
    for ws in groups.values():
        ws.sort(key=lambda w: w.bbox[0])
        box = (min(w.bbox[0] for w in ws), min(w.bbox[1] for w in ws),
               max(w.bbox[2] for w in ws), max(w.bbox[3] for w in ws))
        lines.append(TextLine(repair_text(" ".join(w.text for w in ws)), page=page, bbox=box))
    lines.sort(key=lambda t: (t.bbox[1] if t.bbox else 0.0, t.bbox[0] if t.bbox else 0.0))
    return lines


# --- validating OCR figures ------------------------------------------------------------------



#: A hook for tests: replace to simulate Tesseract being absent.
