"""OpenCV adapter: ruling lines, blank pages, resizing and the text direction of page images."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal

from lkip.extract.geometry import Word, grid_with_spans, positions, span_anchors

Direction = Literal["horizontal", "vertical", "unknown"]
#: Fewest ink blobs a page needs before its text direction is judged.
MIN_BLOBS = 40

#: A page image with a smaller share of ink pixels than this is blank (or one flat colour).
BLANK_INK = 0.002


def is_blank(image) -> bool:
    """Return whether a grayscale page image holds (almost) no ink: a blank or flat-coloured page, nothing to OCR."""
    import numpy as np

    sample = image[::4, ::4].astype(np.int16)
    background = int(np.median(sample))
    return float((np.abs(sample - background) > 64).mean()) < BLANK_INK


def resized(image, factor: float):
    """Return the image scaled by ``factor`` (area averaging when shrinking)."""
    import cv2

    if abs(factor - 1.0) < 1e-6:
        return image
    h, w = image.shape[:2]
    return cv2.resize(image, (max(1, round(w * factor)), max(1, round(h * factor))),
                      interpolation=cv2.INTER_AREA if factor < 1 else cv2.INTER_LINEAR)


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


def text_direction(image) -> Direction:
    """Given a small grayscale page image (about 75 dpi), return whether its text lines run across or down it.

    Ruling lines are removed first; the remaining ink is grouped into blobs (at
    this size the letters of a word merge). When most blobs are clearly wider than
    tall the lines are horizontal; when most are taller than wide the page is
    turned. A page with little text or no clear majority is ``unknown``.
    """
    import cv2
    import numpy as np

    ink = (np.asarray(image) < 128).astype(np.uint8)
    h, w = ink.shape
    if h < 20 or w < 20:
        return "unknown"
    hk = cv2.getStructuringElement(cv2.MORPH_RECT, (max(10, w // 20), 1))
    vk = cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(10, h // 20)))
    rules = cv2.dilate(cv2.erode(ink, hk), hk) | cv2.dilate(cv2.erode(ink, vk), vk)
    text = ink & (1 - rules)
    count, _, stats, _ = cv2.connectedComponentsWithStats(cv2.dilate(text, np.ones((3, 3), np.uint8)))
    ws, hs = stats[1:, 2], stats[1:, 3]
    keep = (ws * hs > 6) & (ws < w / 4) & (hs < h / 4)
    ws, hs = ws[keep], hs[keep]
    if len(ws) < MIN_BLOBS:
        return "unknown"
    wide = int((ws > 1.5 * hs).sum())
    tall = int((hs > 1.5 * ws).sum())
    if wide >= 2 * tall:
        return "horizontal"
    if tall >= 2 * wide:
        return "vertical"
    return "unknown"


def ruled_tables(mask_h, mask_v, words: Sequence[Word], page: int, scale: float, method: str,
                 repair: Callable[[str], str] = str):
    """Yield ``(bbox_px, grid)`` for each ruled table of a page image's rule masks (merged cells respected)."""
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
        ys = positions(grown_h.mean(axis=1), 0.4)
        xs = positions(grown_v.mean(axis=0), 0.25)
        sub_h = grown_h
        if len(xs) < 3 or len(ys) < 2:
            continue
        anchor = span_anchors(sub_h, sub_v, xs, ys)
        xs_pt = [(x + v) * scale for v in xs]
        ys_pt = [(y + v) * scale for v in ys]
        yield (x, y, x + w, y + h), grid_with_spans(words, xs_pt, ys_pt, anchor, page, method, repair)
