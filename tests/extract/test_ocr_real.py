"""OCR of a real scanned LKIP (../shared): orientation of sideways table pages, triage, whole-file read.

Skipped when Tesseract (with ind, eng and osd data) or ../shared is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lkip.extract.adapters._tesseract import osd_rotation, tesseract_available
from lkip.extract.ocr import ocr_pages
from lkip.extract.ocr._orient import detect_rotation
from lkip.extract.vocab._page_score import score_page

SCAN = "JabarProv_DinasSDA_LKIP_2016_scanned.pdf"
_REASON = tesseract_available("ind+eng+osd")
pytestmark = pytest.mark.skipif(_REASON is not None, reason=f"OCR unavailable: {_REASON}")


@pytest.fixture(scope="module")
def scan(shared_dir: Path) -> Path:
    path = shared_dir / "real_pdfs" / SCAN
    if not path.exists():
        pytest.skip(f"{SCAN} is not in ../shared/real_pdfs")
    return path


def _renderer(path: Path, number: int):
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(path)
    page = doc[number - 1]

    def render(dpi: int):
        image = page.render(scale=dpi / 72, grayscale=True).to_numpy().copy()
        return image[:, :, 0] if image.ndim == 3 else image

    return render, doc


@pytest.mark.parametrize(("page", "rotation"), [(27, 0), (52, 0), (28, 90), (34, 90), (35, 90)])
def test_orientation_of_scanned_pages(scan: Path, page: int, rotation: int) -> None:
    # Checked on the rendered pages: pp28-35 hold landscape tables scanned sideways.
    render, doc = _renderer(scan, page)
    try:
        assert detect_rotation(render, osd=osd_rotation) == rotation
    finally:
        doc.close()


def test_sideways_capaian_page_is_read_upright_and_triaged(scan: Path) -> None:
    (result,) = list(ocr_pages(scan, [34], triage_dpi=150))
    assert result.rotation == 90
    text = result.text.lower()
    assert "perbandingan pencapaian kinerja" in text and "realisasi" in text
    assert score_page(result.text).any
    assert all(t.method == "ocr:tesseract:rot90" for t in result.tables)
    # boxes are in the frame of the turned page: a landscape page 931 x 618 points
    assert all(ln.bbox and ln.bbox[2] <= 931.0 + 1 and ln.bbox[3] <= 618.0 + 1 for ln in result.lines)


@pytest.mark.slow
def test_whole_scan_is_read_without_cap(scan: Path) -> None:
    from lkip.extract.pdf._read import extract_pdf

    ex = extract_pdf(scan)
    assert ex.pages == 142
    assert not any("OCR limited" in w for w in ex.warnings)
    assert ex.meta.year == 2016
