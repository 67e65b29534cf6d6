"""Tesseract adapter: OCR of scanned PDF pages into text lines and table grids.

Pages are rendered with pypdfium2 (in the calling thread: pdfium is not thread
safe), ruling lines are found and erased with OpenCV, and each page is read by
one Tesseract process (``-l ind+eng``: ``ind`` alone misreads "%" as "96") with
``OMP_THREAD_LIMIT=1``, several pages at a time. Words keep their boxes, so a
ruled table is rebuilt cell by cell from the line positions and goes through the
same grid model as born-digital tables.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from lkip.errors import BadInputError, MissingDependencyError
from lkip.extract._pdf_tables import PageTable, Word, make_cell
from lkip.extract._records import TextLine
from lkip.extract._tables import Cell

METHOD = "ocr:tesseract"


@dataclass(frozen=True, slots=True)
class OcrPage:
    """What OCR found on one page.

    Attributes:
        page: 1-based page number.
        width: Page width in points.
        height: Page height in points.
        lines: Text lines in reading order, with boxes in points.
        tables: Ruled tables rebuilt from line positions and words.
    """

    page: int
    width: float
    height: float
    lines: tuple[TextLine, ...]
    tables: tuple[PageTable, ...]

    @property
    def text(self) -> str:
        """The page's text, one line per text line."""
        return "\n".join(line.text for line in self.lines)


def tesseract_available(languages: str = "ind+eng") -> str | None:
    """Return None when Tesseract and the language data are usable, else the reason they are not."""
    if shutil.which("tesseract") is None:
        return "Tesseract is not installed (run scripts/install-system-packages.sh)"
    try:
        import pytesseract
    except ImportError:
        return "the pytesseract package is not installed"
    try:
        have = set(pytesseract.get_languages(config=""))
    except Exception as exc:  # pytesseract raises its own and OS errors
        return f"Tesseract does not run: {exc}"
    missing = [lang for lang in languages.split("+") if lang not in have]
    if missing:
        return f"Tesseract language data missing: {', '.join(missing)} (install tesseract-ocr-{missing[0]})"
    return None


def ocr_pages(path: Path, pages: Sequence[int], *, dpi: int = 300, languages: str = "ind+eng",
              workers: int = 2, password: str | None = None) -> Iterator[OcrPage]:
    """Given a PDF and pages to read, yield each page's OCR result in page order.

    Raises:
        MissingDependencyError: Tesseract or its language data is missing.
        BadInputError: The PDF cannot be rendered.
    """
    reason = tesseract_available(languages)
    if reason:
        raise MissingDependencyError(reason)
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(path, password=password)
    except pdfium.PdfiumError as exc:
        raise BadInputError(f"{path}: cannot render for OCR: {exc}") from exc
    try:
        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            pending: list[Future[OcrPage]] = []
            for number in pages:
                page = doc[number - 1]
                w, h = page.get_size()
                image = page.render(scale=dpi / 72, grayscale=True).to_numpy().copy()
                page.close()
                if image.ndim == 3:
                    image = image[:, :, 0]
                pending.append(pool.submit(read_page_image, image, number, float(w), float(h), dpi, languages))
                while len(pending) > workers:
                    yield pending.pop(0).result()
            for fut in pending:
                yield fut.result()
    finally:
        doc.close()


def read_page_image(image, page: int, width: float, height: float, dpi: int, languages: str) -> OcrPage:
    """Given a grayscale page image (numpy array), return its OCR text lines and ruled tables."""
    scale = 72.0 / dpi
    mask_h, mask_v = find_rules(image)
    clean = erase_rules(image, mask_h | mask_v)
    words = run_tesseract(clean, languages)
    pts = [Word(w.text, tuple(v * scale for v in w.bbox), w.line) for w in words]  # type: ignore[misc]
    tables = tuple(
        PageTable(page, tuple(v * scale for v in box), grid, METHOD, height)  # type: ignore[arg-type]
        for box, grid in _tables_from_rules(mask_h, mask_v, pts, page, scale)
    )
    return OcrPage(page, width, height, tuple(_lines_of_words(pts, page)), tables)


# --- Tesseract -------------------------------------------------------------------------------


def run_tesseract(image, languages: str, psm: int = 6) -> list[Word]:
    """Given a grayscale image, return Tesseract's words with pixel boxes (one process, one thread)."""
    import pytesseract

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    data = pytesseract.image_to_data(image, lang=languages, config=f"--psm {psm}",
                                     output_type=pytesseract.Output.DICT)
    words = []
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        if not text or float(data["conf"][i]) < 0:
            continue
        x, y, w, h = data["left"][i], data["top"][i], data["width"][i], data["height"][i]
        line = data["block_num"][i] * 10_000 + data["par_num"][i] * 100 + data["line_num"][i]
        words.append(Word(text, (float(x), float(y), float(x + w), float(y + h)), line))
    return words


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


# --- ruling lines ----------------------------------------------------------------------------


def find_rules(image):
    """Given a grayscale image, return masks of its horizontal and vertical ruling lines."""
    import cv2
    import numpy as np

    binary = cv2.adaptiveThreshold(255 - image, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 15, -2)
    h, w = binary.shape
    hk = cv2.getStructuringElement(cv2.MORPH_RECT, (max(20, w // 30), 1))
    vk = cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(20, h // 60)))
    mask_h = cv2.dilate(cv2.erode(binary, hk), hk)
    mask_v = cv2.dilate(cv2.erode(binary, vk), vk)
    return mask_h.astype(np.uint8) > 0, mask_v.astype(np.uint8) > 0


def erase_rules(image, mask):
    """Return a copy of the image with the masked (ruling line) pixels painted white."""
    import cv2
    import numpy as np

    grown = cv2.dilate(mask.astype(np.uint8), cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3))) > 0
    out = image.copy()
    out[grown] = 255
    return out


def _positions(profile, min_fill: float) -> list[int]:
    """Given a 1-D coverage profile (0..1), return the centres of runs above ``min_fill``."""
    out, start = [], None
    for i, v in enumerate(list(profile) + [0.0]):
        if v >= min_fill and start is None:
            start = i
        elif v < min_fill and start is not None:
            out.append((start + i - 1) // 2)
            start = None
    return out


def _tables_from_rules(mask_h, mask_v, words: Sequence[Word], page: int, scale: float):
    """Yield ``(bbox_px, grid)`` for each ruled table of a page (merged cells respected)."""
    import cv2
    import numpy as np

    both = (mask_h | mask_v).astype(np.uint8)
    both = cv2.dilate(both, cv2.getStructuringElement(cv2.MORPH_RECT, (5, 5)))
    count, _, stats, _ = cv2.connectedComponentsWithStats(both)
    img_h, img_w = both.shape
    boxes = [tuple(int(v) for v in stats[i][:4]) for i in range(1, count)]
    for x, y, w, h in sorted(boxes, key=lambda b: b[1]):
        if w < img_w * 0.3 or h < img_h * 0.03:
            continue
        sub_h, sub_v = mask_h[y:y + h, x:x + w], mask_v[y:y + h, x:x + w]
        # A scan is slightly skewed: a rule spreads over several pixel rows, so
        # coverage is measured over a band a few pixels high (wide).
        band = max(3, img_h // 300)
        grown_h = cv2.dilate(sub_h.astype(np.uint8), np.ones((2 * band + 1, 1), np.uint8)) > 0
        grown_v = cv2.dilate(sub_v.astype(np.uint8), np.ones((1, 2 * band + 1), np.uint8)) > 0
        ys = _positions(grown_h.mean(axis=1), 0.4)
        xs = _positions(grown_v.mean(axis=0), 0.25)
        sub_h = grown_h
        if len(xs) < 3 or len(ys) < 2:
            continue
        anchor = _span_anchors(sub_h, sub_v, xs, ys)
        xs_pt = [(x + v) * scale for v in xs]
        ys_pt = [(y + v) * scale for v in ys]
        yield (x, y, x + w, y + h), grid_with_spans(words, xs_pt, ys_pt, anchor, page)


def _span_anchors(sub_h, sub_v, xs: Sequence[int], ys: Sequence[int]) -> dict[tuple[int, int], tuple[int, int]]:
    """Return, for each grid slot, the slot of the merged cell it belongs to (row spans only)."""
    anchor: dict[tuple[int, int], tuple[int, int]] = {}
    for c in range(len(xs) - 1):
        x0, x1 = xs[c] + 3, xs[c + 1] - 3
        top = 0
        for r in range(len(ys) - 1):
            if r > 0:
                y = ys[r]
                band = sub_h[max(0, y - 2):y + 3, x0:x1].any(axis=0)
                if band.size and band.mean() >= 0.6:
                    top = r
            anchor[(r, c)] = (top, c)
    return anchor


def grid_with_spans(words: Sequence[Word], xs: Sequence[float], ys: Sequence[float],
                    anchor: dict[tuple[int, int], tuple[int, int]], page: int) -> tuple[tuple[Cell, ...], ...]:
    """Given words, rule positions (points) and merged-cell anchors, return the table grid.

    A word goes to the slot holding its centre, then to that slot's merged-cell
    anchor (the top slot of a cell spanning rows), so a vertically centred text in a
    merged sasaran cell stays one cell.
    """
    from lkip.extract._pdf_tables import _read_words, _slot

    buckets: dict[tuple[int, int], list[Word]] = {}
    for w in words:
        c = _slot(xs, (w.bbox[0] + w.bbox[2]) / 2)
        r = _slot(ys, (w.bbox[1] + w.bbox[3]) / 2)
        if c is None or r is None:
            continue
        buckets.setdefault(anchor.get((r, c), (r, c)), []).append(w)
    grid = []
    for r in range(len(ys) - 1):
        row = []
        for c in range(len(xs) - 1):
            text = repair_text(_read_words(buckets.get((r, c), [])))
            row.append(make_cell(text, page, (xs[c], ys[r], xs[c + 1], ys[r + 1]), METHOD))
        grid.append(tuple(row))
    return tuple(grid)


# --- validating OCR figures ------------------------------------------------------------------

_PCT_AS_96 = re.compile(r"(?<=\d[.,]\d\d)96(?=\s|$|\))")
_DIGIT_CONFUSIONS: dict[str, str] = {"O": "0", "o": "0", "l": "1", "I": "1", "|": "1"}
_NUMERIC_TOKEN = re.compile(r"(?<![A-Za-z])[\dOolI|][\dOolI|.,]*\d[\dOolI|.,]*(?![A-Za-z])")


def repair_text(text: str) -> str:
    """Given OCR text, return it with frequent figure misreads fixed.

    "105,3696" -> "105,36%" ("%" read as "96" after a two-decimal figure); letters
    O/l/I/| inside a run of digits -> 0/1; a leading "|" or "I" stuck to a word
    (a table rule read as a letter) dropped.
    """
    t = _PCT_AS_96.sub("%", text)
    t = _NUMERIC_TOKEN.sub(lambda m: "".join(_DIGIT_CONFUSIONS.get(ch, ch) for ch in m.group(0)), t)
    t = re.sub(r"(?:(?<=\s)|^)[|!](?=\s|$)", "", t)
    t = re.sub(r"(?:(?<=\s)|^)[|I](?=[A-Z][a-z])", "", t)
    return " ".join(t.split())


def checked_percent(target: float | None, realisasi: float | None, pct: float | None,
                    tolerance: float = 1.0) -> bool:
    """Return whether an OCR'd percentage agrees with realisasi/target (or target/realisasi)."""
    if target in (None, 0) or realisasi is None or pct is None:
        return False
    up = realisasi / target * 100  # type: ignore[operator]
    down = target / realisasi * 100 if realisasi else None  # type: ignore[operator]
    return abs(up - pct) <= tolerance or (down is not None and abs(down - pct) <= tolerance)


#: A hook for tests: replace to simulate Tesseract being absent.
availability_check: Callable[[str], str | None] = tesseract_available
