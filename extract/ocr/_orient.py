"""Orientation of scanned pages: which way the text runs, and turning pages upright."""

from __future__ import annotations

from collections.abc import Callable

from lkip.extract.adapters import Direction, osd_rotation, text_direction

Box = tuple[float, float, float, float]

#: Resolution of the image the text direction is measured on.
DIRECTION_DPI = 75
#: Resolution of the image given to Tesseract's orientation detector (100 dpi is unreliable).
OSD_DPI = 150
#: Below this OSD confidence the detector's answer is not taken on its own.
MIN_OSD_CONFIDENCE = 1.0


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
