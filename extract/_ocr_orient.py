"""Page orientation of scanned pages: which way to turn a page image before OCR.

A scanned LKIP often holds landscape tables printed on portrait pages (the
capaian tables of BAB III, annex plans), so Tesseract reads them sideways and
returns noise. The direction of the text lines is found cheaply from the shape
of ink blobs on a small image (words smeared together are wide and flat when
lines run across the page, tall and thin when the page is turned); only pages
whose lines run down the page go to Tesseract's orientation detector (OSD) to
tell 90 from 270 degrees.

Rotations are clockwise degrees, as Tesseract's OSD reports them: the angle the
page image must be turned clockwise to read upright.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

Direction = Literal["horizontal", "vertical", "unknown"]
Box = tuple[float, float, float, float]

#: Resolution of the image the text direction is measured on.
DIRECTION_DPI = 75
#: Resolution of the image given to Tesseract's orientation detector (100 dpi is unreliable).
OSD_DPI = 150
#: Below this OSD confidence the detector's answer is not taken on its own.
MIN_OSD_CONFIDENCE = 1.0
#: Fewest ink blobs a page needs before its text direction is judged.
MIN_BLOBS = 40


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


def osd_rotation(image) -> tuple[int, float] | None:
    """Given a grayscale page image (about 150 dpi), return Tesseract OSD's ``(rotation, confidence)``, or None.

    None when OSD cannot decide (too little text, or the ``osd`` language data is
    missing: Debian package ``tesseract-ocr-osd``).
    """
    import pytesseract

    try:
        osd = pytesseract.image_to_osd(image, config="--psm 0 -c min_characters_to_try=30",
                                       output_type=pytesseract.Output.DICT)
    except (pytesseract.TesseractError, OSError, ValueError):
        return None
    rotation = int(osd.get("rotate", 0)) % 360
    if rotation not in (0, 90, 180, 270):
        return None
    return rotation, float(osd.get("orientation_conf", 0.0))


def choose_rotation(direction: Direction, osd: tuple[int, float] | None) -> int:
    """Given a page's text direction and OSD's answer, return the clockwise rotation to apply.

    Text lines running down the page need 90 or 270: OSD decides, 90 when it
    cannot (the usual way a landscape page is scanned). Lines running across need
    0 or 180: only a confident OSD turns a page upside down.
    """
    if direction == "vertical":
        if osd is not None and osd[0] in (90, 270):
            return osd[0]
        return 90
    if osd is not None and osd[1] >= MIN_OSD_CONFIDENCE and (direction == "unknown" or osd[0] in (0, 180)):
        return osd[0]
    return 0


Detector = Callable[[object], "tuple[int, float] | None"]


def detect_rotation(render: Callable[[int], object], *, osd: Detector = osd_rotation,
                    check_upright: bool = False) -> int:
    """Given a function rendering the page at a dpi, return the clockwise rotation (0/90/180/270) to read it.

    Args:
        render: ``render(dpi)`` returns a grayscale numpy image of the page.
        osd: Orientation detector (replaceable in tests).
        check_upright: Also ask OSD about pages whose lines run across (to catch
            upside-down pages); otherwise they are taken as upright.
    """
    direction = text_direction(render(DIRECTION_DPI))
    if direction == "horizontal" and not check_upright:
        return 0
    return choose_rotation(direction, osd(render(OSD_DPI)))


def turn(image, rotation: int):
    """Return the image turned clockwise by ``rotation`` degrees (a multiple of 90)."""
    import numpy as np

    if rotation % 360 == 0:
        return image
    return np.ascontiguousarray(np.rot90(image, k=-(rotation // 90)))


def turned_size(width: float, height: float, rotation: int) -> tuple[float, float]:
    """Return a page's ``(width, height)`` after turning it by ``rotation`` degrees."""
    return (height, width) if rotation % 180 else (width, height)


def page_box(box: Box, rotation: int, width: float, height: float) -> Box:
    """Given a box in the frame of a page turned clockwise by ``rotation``, return it in the page's own frame.

    Args:
        box: ``(x0, top, x1, bottom)`` in the turned (upright reading) frame.
        rotation: The clockwise turn applied before OCR.
        width: The page's own width (points).
        height: The page's own height (points).
    """
    x0, top, x1, bottom = box
    r = rotation % 360
    if r == 0:
        return box
    if r == 90:  # a clockwise turn: page (x, y) went to (height - y, x)
        return (top, height - x1, bottom, height - x0)
    if r == 180:
        return (width - x1, height - bottom, width - x0, height - top)
    if r == 270:  # a counter-clockwise turn: page (x, y) went to (y, width - x)
        return (width - bottom, x0, width - top, x1)
    raise ValueError(f"rotation must be a multiple of 90, got {rotation}")
