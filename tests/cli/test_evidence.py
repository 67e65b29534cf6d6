"""Evidence crops sit over the figures they show; text sides quote their lines; moved files are said."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image

from lkip import evidence as ev
from lkip.extract import extract_path
from lkip.pipeline import sha256_of

PDF = "pdf/lkip_bnnp_nusa_lestari_2024.pdf"


def _red_box(png: bytes) -> tuple[int, int, int, int]:
    """Return the bounding box of the highlight's pixels in a crop."""
    img = Image.open(io.BytesIO(png)).convert("RGB")
    red = Image.eval(img.split()[0], lambda v: 255 if v > 180 else 0)
    not_green = Image.eval(img.split()[1], lambda v: 255 if v < 90 else 0)
    mask = Image.composite(red, Image.new("L", img.size, 0), not_green)
    box = mask.getbbox()
    assert box, "no highlight drawn"
    return box


def _word_box(pdf: Path, page_no: int, text: str, right_of: float, level: tuple[float, float]
              ) -> tuple[float, float, float, float]:
    """Return a word's box (top-left-origin points), read with pdfplumber: an independent reader."""
    with pdfplumber.open(pdf) as doc:
        words = doc.pages[page_no - 1].extract_words()
    hits = [w for w in words if w["text"] == text and w["x0"] > right_of and level[0] <= w["top"] <= level[1]]
    assert hits, f"{text!r} not on page {page_no}"
    w = hits[0]
    return w["x0"], w["top"], w["x1"], w["bottom"]


@pytest.fixture(scope="module")
def extracted(samples_dir: Path) -> object:
    return extract_path(samples_dir / PDF)


@pytest.mark.parametrize(
    ("table", "figure"),
    [
        ("pk", "9"),  # the PK row of berantas_berkas_p21: target 9 Berkas Perkara
        ("capaian", "137,5"),  # its BAB III row: target 8, realisasi 11, capaian 137,5
    ],
)
def test_crop_outlines_the_row_over_its_figure(samples_dir: Path, extracted: object, table: str, figure: str) -> None:
    pdf = samples_dir / PDF
    rows = getattr(extracted, table)
    row = next(r for r in rows if "berkas perkara" in r.indicator_text.lower() and r.where.bbox)
    side = ev.Side("row", row.where.page, None, row.where.bbox)  # the bbox extraction stores for this row
    png = ev.crop_png(pdf, side)
    x0, y0, x1, y1 = _red_box(png)
    # back to page points: the crop spans the page's width from a margin above the row
    band = ev.highlight_box(pdf, side)
    assert band is not None
    top = max(0.0, band[1] - ev.MARGIN_Y)
    box_pt = (x0 / ev.SCALE, y0 / ev.SCALE + top, x1 / ev.SCALE, y1 / ev.SCALE + top)
    fx0, ftop, fx1, fbottom = _word_box(pdf, row.where.page, figure, right_of=row.where.bbox[2] - 5,
                                        level=(row.where.bbox[1], row.where.bbox[3]))
    assert box_pt[0] <= fx0 and fx1 <= box_pt[2] and box_pt[1] <= ftop and fbottom <= box_pt[3], (box_pt, figure)
    # and the figure's pixels are really there: dark text inside its box in the crop
    img = Image.open(io.BytesIO(png)).convert("L")
    glyphs = img.crop((int(fx0 * ev.SCALE), int((ftop - top) * ev.SCALE), int(fx1 * ev.SCALE) + 1,
                       int((fbottom - top) * ev.SCALE) + 1))
    assert min(glyphs.tobytes()) < 100, "no dark text pixels where the figure should be"


def test_crop_of_a_sentence_without_box_finds_it_on_the_page(samples_dir: Path) -> None:
    side = ev.Side("executive summary", 1, None, None, "Nilai zona integritas BNN berdasarkan penilaian internal")
    box = ev.highlight_box(samples_dir / PDF, side)
    assert box is not None and box[2] - box[0] > 100
    assert _red_box(ev.crop_png(samples_dir / PDF, side))


def test_text_side_quotes_two_lines_of_context(samples_dir: Path) -> None:
    path = samples_dir / "text/lkip_bnnp_nusa_lestari_2024.txt"
    source = ev.locate_source([str(path)], sha256_of(path), "text")
    shown = ev.show_side(source, ev.Side("main table", None, 399))
    assert [n for n, _, _ in shown.lines] == [397, 398, 399, 400, 401]
    assert [hit for _, _, hit in shown.lines] == [False, False, True, False, False]
    assert shown.lines[2][1] == path.read_text(encoding="utf-8").splitlines()[398]


def test_moved_or_changed_file_is_said(samples_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "report.pdf"
    shutil.copy(samples_dir / PDF, copy)
    sha = sha256_of(copy)
    assert ev.locate_source([str(copy)], sha, "pdf").path == copy
    copy.write_bytes(copy.read_bytes() + b"\n%changed\n")
    changed = ev.show_side(ev.locate_source([str(copy)], sha, "pdf"), ev.Side("row", 3, None))
    assert changed.png is None and "has changed" in (changed.problem or "")
    moved = ev.locate_source([str(tmp_path / "gone.pdf")], sha, "pdf")
    assert moved.path is None and "moved" in (moved.problem or "")
