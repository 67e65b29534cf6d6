"""Tesseract adapter: OCR of scanned PDF pages into text lines and table grids.

Pages are rendered with pypdfium2 (in the calling thread: pdfium is not thread
safe), turned upright when scanned sideways (:mod:`lkip.extract._ocr_orient`),
ruling lines are found and erased with OpenCV, and each page is read by one
Tesseract process (``-l ind+eng``: ``ind`` alone misreads "%" as "96") with
``OMP_THREAD_LIMIT=1``, several pages at a time. Words keep their boxes, so a
ruled table is rebuilt cell by cell from the line positions and goes through the
same grid model as born-digital tables.

With a triage resolution, every page is first read quickly for its text and
only likely table pages are read again fully (:mod:`lkip.extract._ocr_triage`).
Boxes of a turned page are in the turned page's frame, and its values carry the
method ``ocr:tesseract:rot90`` (180, 270); see :func:`method_for`.
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
        rotation: Clockwise degrees the page image was turned before reading;
            boxes are in the frame of the turned page (0: the page's own frame).
        words: The words read, boxes in points (same frame as ``lines``), for
            laying a page out as column-aligned text (:mod:`lkip.extract._ocr_layout`).
    """

    page: int
    width: float
    height: float
    lines: tuple[TextLine, ...]
    tables: tuple[PageTable, ...]
    rotation: int = 0
    words: tuple[Word, ...] = ()

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
              workers: int = 2, password: str | None = None, triage_dpi: int | None = None,
              orient: bool = True) -> Iterator[OcrPage]:
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
            tables; see :mod:`lkip.extract._ocr_triage`. None reads every page fully.
        orient: Detect each page's orientation and turn it upright before OCR.

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
        if triage_dpi is None or triage_dpi >= dpi:
            yield from _read_pages(doc, pages, dpi, languages, workers, orient, tables=True)
            return
        from lkip.extract._ocr_triage import pages_to_reread

        quick = list(_read_pages(doc, pages, triage_dpi, languages, workers, orient, tables=False))
        again = pages_to_reread([(r.page, r.text) for r in quick])
        turns = {r.page: r.rotation for r in quick}
        full = {r.page: r for r in _read_pages(doc, again, dpi, languages, workers, turns, tables=True)}
        for r in quick:
            yield full.get(r.page, r)
    finally:
        doc.close()


def _read_pages(doc, pages: Sequence[int], dpi: int, languages: str, workers: int,
                orient: bool | dict[int, int], *, tables: bool) -> Iterator[OcrPage]:
    """Yield the OCR of ``pages`` of an open pdfium document, in page order.

    Pages are rendered in this thread (pdfium is not thread safe); orientation
    detection and Tesseract run in the workers.
    """
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        pending: list[Future[OcrPage]] = []
        for number in pages:
            page = doc[number - 1]
            w, h = page.get_size()
            image = _render(page, dpi)
            page.close()
            rotation = orient.get(number, 0) if isinstance(orient, dict) else None if orient else 0
            pending.append(pool.submit(_read_upright, image, number, float(w), float(h), dpi, languages,
                                       rotation, tables))
            while len(pending) > workers:
                yield pending.pop(0).result()
        for fut in pending:
            yield fut.result()


def _read_upright(image, page: int, width: float, height: float, dpi: int, languages: str,
                  rotation: int | None, tables: bool) -> OcrPage:
    """Turn a page image upright (detecting how when ``rotation`` is None), then read it."""
    from lkip.extract._ocr_orient import detect_rotation, turn

    if is_blank(image):
        return OcrPage(page, width, height, (), (), 0, ())
    if rotation is None:
        rotation = detect_rotation(lambda d: _resized(image, d / dpi))
    return read_page_image(turn(image, rotation), page, width, height, dpi, languages,
                           rotation=rotation, tables=tables)


#: A page image with a smaller share of ink pixels than this is blank (or one flat colour).
BLANK_INK = 0.002


def is_blank(image) -> bool:
    """Return whether a grayscale page image holds (almost) no ink: a blank or flat-coloured page, nothing to OCR."""
    import numpy as np

    sample = image[::4, ::4].astype(np.int16)
    background = int(np.median(sample))
    return float((np.abs(sample - background) > 64).mean()) < BLANK_INK


def _resized(image, factor: float):
    """Return the image scaled by ``factor`` (area averaging when shrinking)."""
    import cv2

    if abs(factor - 1.0) < 1e-6:
        return image
    h, w = image.shape[:2]
    return cv2.resize(image, (max(1, round(w * factor)), max(1, round(h * factor))),
                      interpolation=cv2.INTER_AREA if factor < 1 else cv2.INTER_LINEAR)


def _render(page, dpi: int):
    """Return a pdfium page rendered in grayscale at ``dpi`` as a 2-D numpy array."""
    image = page.render(scale=dpi / 72, grayscale=True).to_numpy().copy()
    return image[:, :, 0] if image.ndim == 3 else image


def read_page_image(image, page: int, width: float, height: float, dpi: int, languages: str, *,
                    rotation: int = 0, tables: bool = True) -> OcrPage:
    """Given a grayscale page image (numpy array, already turned upright), return its OCR lines and ruled tables.

    ``width``/``height`` are the page's own size; boxes are in the frame of the
    image as given (the page turned clockwise by ``rotation``).
    """
    from lkip.extract._ocr_orient import turned_size

    scale = 72.0 / dpi
    method = method_for(rotation)
    mask_h, mask_v = find_rules(image)
    clean = erase_rules(image, mask_h | mask_v)
    words = run_tesseract(clean, languages)
    pts = [Word(w.text, tuple(v * scale for v in w.bbox), w.line) for w in words]  # type: ignore[misc]
    lines = tuple(_lines_of_words(pts, page))
    _, frame_height = turned_size(width, height, rotation)
    found: list[PageTable] = []
    if tables:
        for box, grid in _tables_from_rules(mask_h, mask_v, pts, page, scale, method):
            bbox = tuple(v * scale for v in box)
            found.append(PageTable(page, bbox, grid, method, frame_height,  # type: ignore[arg-type]
                                   caption=caption_above(lines, bbox)))  # type: ignore[arg-type]
    return OcrPage(page, width, height, lines, tuple(found), rotation, tuple(pts))


def method_for(rotation: int) -> str:
    """Return the provenance method of OCR values read from a page turned by ``rotation`` degrees.

    ``ocr:tesseract`` for an upright page; ``ocr:tesseract:rot90`` (180, 270) when
    the page was turned clockwise before reading: its boxes are then in the turned
    page's frame (:func:`lkip.extract._ocr_orient.page_box` maps them back).
    """
    return METHOD if rotation % 360 == 0 else f"{METHOD}:rot{rotation % 360}"


def caption_above(lines: Sequence[TextLine], bbox: tuple[float, float, float, float],
                  band: float | None = None) -> str:
    """Given a page's OCR lines and a table box, return the caption printed just above the table."""
    from lkip.extract._pdf_triage import CAPTION_BAND, caption_of

    band = CAPTION_BAND if band is None else band
    x0, top, x1, _ = bbox
    above = [ln for ln in lines if ln.bbox and top - band <= ln.bbox[3] <= top + 2
             and ln.bbox[2] > x0 and ln.bbox[0] < x1]
    return caption_of("\n".join(ln.text for ln in above))


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


def _tables_from_rules(mask_h, mask_v, words: Sequence[Word], page: int, scale: float, method: str = METHOD):
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
        yield (x, y, x + w, y + h), grid_with_spans(words, xs_pt, ys_pt, anchor, page, method)


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
                    anchor: dict[tuple[int, int], tuple[int, int]], page: int,
                    method: str = METHOD) -> tuple[tuple[Cell, ...], ...]:
    """Given words, rule positions (points) and merged-cell anchors, return the table grid.

    A word goes to the slot holding its centre, then to that slot's merged-cell
    anchor (the top slot of a cell spanning rows), so a vertically centred text in a
    merged sasaran cell stays one cell.
    """
    from lkip.extract._pdf_tables import _read_words, words_by_slot

    buckets = words_by_slot(words, xs, ys, anchor)
    grid = []
    for r in range(len(ys) - 1):
        row = []
        for c in range(len(xs) - 1):
            text = repair_text(_read_words(buckets.get((r, c), [])))
            row.append(make_cell(text, page, (xs[c], ys[r], xs[c + 1], ys[r + 1]), method))
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


#: How close a repaired row's percentage must come to realisasi/target (stated to two decimals).
_TIGHT = 0.02
_PCT_AS_4 = re.compile(r"^\d+[.,]\s?\d\d4$")
_CONFUSED_DIGITS: dict[str, str] = {"6": "0", "0": "6", "8": "0", "3": "8", "5": "6", "9": "0"}


def figure_variants(text: str) -> list[str]:
    """Given an OCR'd figure, return the readings a frequent misread could have turned into it.

    One digit confused ("160" for "100"), a lost decimal comma before the last two
    digits ("177%" for "1,77%") or "%" read as "4" after two decimals ("60,734"
    for "60,73%"), a space inside the figure ("60, 73").
    """
    t = text.strip()
    m = re.match(r"^(\d[\d.,]*)(\s*%?)(.*)$", t.replace(", ", ",").replace(". ", "."))
    if not m:
        return []
    digits, pct, rest = m.groups()
    out = []
    for i, ch in enumerate(digits):
        if ch in _CONFUSED_DIGITS:
            out.append(digits[:i] + _CONFUSED_DIGITS[ch] + digits[i + 1:])
    if digits.isdigit() and len(digits) >= 3:
        out.append(f"{digits[:-2]},{digits[-2:]}")
    return [f"{d}{pct}{rest}" for d in out if d != digits]


def repair_figures(target: str, realisasi: str, pct: str,
                   parse: Callable[[str], float | None]) -> tuple[str, str, str] | None:
    """Given a capaian row's OCR'd target, realisasi and percentage, return them with one misread fixed.

    When the percentage does not agree with realisasi/target, each single-figure
    misread of :func:`figure_variants` is tried; the row is repaired only when
    exactly one variant makes the three figures agree. None when they already
    agree or no single repair explains them.
    """
    texts = [target, realisasi, pct]
    for k in (0, 1):  # "60,734" beside "62%": the "4" is the "%" sign
        if "%" in texts[1 - k] and _PCT_AS_4.match(texts[k].strip()):
            fixed = texts[k].strip()[:-1] + "%"
            trial = [parse(t) for t in texts]
            trial[k] = parse(fixed)
            if checked_percent(*trial):
                texts[k] = fixed
                return texts[0], texts[1], texts[2]
    values = [parse(t) for t in texts]
    if checked_percent(*values, tolerance=_TIGHT):
        return None
    fixes = []
    for k in range(3):
        for v in figure_variants(texts[k]):
            trial = list(values)
            trial[k] = parse(v)
            if checked_percent(*trial, tolerance=_TIGHT):
                fixes.append((k, v))
    unit_fixes = [(k, v) for k, v in fixes if k < 2 and _percent_sign_matches(v, texts[1 - k])
                  and not _percent_sign_matches(texts[k], texts[1 - k])]
    if len(fixes) > 1 and unit_fixes:  # the reading giving target and realisasi one unit: "62%", "60,73%"
        fixes = unit_fixes
    if len(fixes) > 1 and texts[0].strip() == texts[1].strip():  # two reads agreeing are taken as right
        fixes = [(k, v) for k, v in fixes if k == 2]
    if len(fixes) > 1:  # the reading where capaian is realisasi/target, the usual direction
        fixes = [(k, v) for k, v in fixes if _checks_up([v if j == k else t for j, t in enumerate(texts)], parse)]
    if len(fixes) != 1:
        return None
    k, v = fixes[0]
    texts[k] = v
    return texts[0], texts[1], texts[2]


def _checks_up(texts: Sequence[str], parse: Callable[[str], float | None]) -> bool:
    """Return whether realisasi/target*100 gives the stated percentage (to two decimals)."""
    target, real, pct = (parse(t) for t in texts)
    return bool(target) and real is not None and pct is not None and abs(real / target * 100 - pct) <= _TIGHT  # type: ignore[operator]


def _percent_sign_matches(a: str, b: str) -> bool:
    return ("%" in a) == ("%" in b)


def pk_targets_checked(pk: Sequence, capaian: Sequence, min_score: float = 90.0) -> list:
    """Given OCR'd PK rows and the report's capaian rows, return the PK rows with lost separators restored.

    OCR drops decimal points and commas ("7205 %" for "72.05 %"). When a PK row's
    indicator matches a capaian row's (rapidfuzz token-set ratio >= ``min_score``)
    whose target has the same digits but a separator, and the two values differ,
    the PK target takes the capaian table's reading; anything else stays as read.

    Args:
        pk: :class:`lkip.extract._records.RawPkRow` rows.
        capaian: :class:`lkip.extract._records.RawCapaianRow` rows.
        min_score: Lowest indicator match that counts as the same indicator.
    """
    from dataclasses import replace

    from rapidfuzz import fuzz

    out = []
    for row in pk:
        target = row.target_text or ""
        digits = re.sub(r"\D", "", target.split()[0] if target.split() else "")
        best = None
        if row.where.method.startswith("ocr:") and digits and not re.search(r"\d[.,]\d", target):
            scored = [(fuzz.token_set_ratio(row.indicator_text.lower(), c.indicator_text.lower()), c)
                      for c in capaian if c.target_text]
            score, best = max(scored, key=lambda x: x[0], default=(0.0, None))
            if score < min_score:
                best = None
        if best is not None:
            m = re.match(r"\s*(\d[\d.,]*\d)", best.target_text or "")
            if m and re.sub(r"\D", "", m.group(1)) == digits and re.search(r"[.,]", m.group(1)):
                first = target.split()[0]
                row = replace(row, target_text=target.replace(first, m.group(1) + first[len(digits):], 1))
        out.append(row)
    return out


#: A hook for tests: replace to simulate Tesseract being absent.
availability_check: Callable[[str], str | None] = tesseract_available
