"""Blank pages are not sent to Tesseract."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from lkip.extract.adapters._opencv import is_blank
from lkip.extract.adapters._pdfium import render_page


def test_flat_pages_are_blank() -> None:
    assert is_blank(np.full((1200, 900), 255, np.uint8))
    assert is_blank(np.full((1200, 900), 20, np.uint8))  # a black back cover
    speckled = np.full((1200, 900), 255, np.uint8)
    speckled[::97, ::89] = 0  # scanner dust
    assert is_blank(speckled)


def test_a_few_lines_of_text_are_not_blank() -> None:
    page = np.full((1200, 900), 250, np.uint8)
    for top in range(100, 400, 30):
        page[top:top + 12, 80:820:2] = 30  # strokes of a text line
    assert not is_blank(page)


@pytest.mark.parametrize(("name", "number", "blank"), [
    ("JabarProv_Disbun_LKIP_2016.pdf", 40, True),
    ("JabarProv_BAPPEDA_LKIP_2016.pdf", 61, False),  # a dark back cover with its title: read it
    ("JabarProv_Disperindag_LKIP_2016.pdf", 2, False),
    ("JabarProv_BAPPEDA_LKIP_2016.pdf", 1, False),
])
def test_real_image_pages(shared_dir: Path, name: str, number: int, blank: bool) -> None:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(shared_dir / "real_pdfs" / name)
    try:
        assert is_blank(render_page(doc[number - 1], 150)) is blank
    finally:
        doc.close()
