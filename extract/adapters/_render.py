"""PDF page rendering for evidence crops (pypdfium2): a region of a page as an image, and its text runs.

Boxes are ``(x0, top, x1, bottom)`` in PDF points with the origin at the page's top
left, as ``pk_targets.bbox`` and ``capaian.bbox`` store them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

from lkip.errors import BadInputError
from lkip.extract.adapters._pdfium import capped_dpi

Box = tuple[float, float, float, float]


@contextmanager
def _page(path: Path, page_no: int) -> Iterator[pdfium.PdfPage]:
    """Open one page of a PDF (1-based), translating pdfium's errors; close the file after."""
    try:
        pdf = pdfium.PdfDocument(str(path))
    except (pdfium.PdfiumError, OSError) as exc:
        raise BadInputError(f"{path}: cannot open the PDF to show page {page_no}: {exc}") from exc
    try:
        if not 1 <= page_no <= len(pdf):
            raise BadInputError(f"{path}: no page {page_no} (the file has {len(pdf)})")
        yield pdf[page_no - 1]
    finally:
        pdf.close()


def render_region(path: Path, page_no: int, region: Box | None, scale: float) -> tuple[Image.Image, Box]:
    """Render part of one PDF page (the whole page when ``region`` is None).

    Args:
        path: The PDF file.
        page_no: 1-based page number.
        region: The part to render, in top-left-origin points; clipped to the page.
        scale: Pixels per point.

    Returns:
        The image and the region actually rendered (clipped), in points.

    Raises:
        BadInputError: The file cannot be opened or has no such page.
    """
    with _page(path, page_no) as page:
        width, height = page.get_size()  # rotation applied, as the extraction saw the page
        x0, top, x1, bottom = region or (0.0, 0.0, width, height)
        box = (max(0.0, x0), max(0.0, top), min(width, x1), min(height, bottom))
        if box[2] - box[0] < 1 or box[3] - box[1] < 1:
            box = (0.0, 0.0, width, height)
        crop = (box[0], height - box[3], width - box[2], box[1])  # left, bottom, right, top margins
        scale = capped_dpi(box[2] - box[0], box[3] - box[1], scale * 72) / 72
        image = page.render(scale=scale, crop=crop, may_draw_forms=True).to_pil().convert("RGB")
        return image, box


def page_text_boxes(path: Path, page_no: int) -> list[tuple[Box, str]]:
    """Return the boxes of a page's text-layer runs with their text (empty for a scan).

    Raises:
        BadInputError: The file cannot be opened or has no such page.
    """
    with _page(path, page_no) as page:
        height = page.get_height()
        text = page.get_textpage()
        out = []
        for i in range(text.count_rects()):
            left, bottom, right, top = text.get_rect(i)
            out.append(((left, height - top, right, height - bottom), text.get_text_bounded(left, bottom, right, top)))
        return out
