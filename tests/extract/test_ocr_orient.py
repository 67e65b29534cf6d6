"""Orientation of scanned pages, OCR triage and OCR table captions: pure pieces (no Tesseract needed)."""

from __future__ import annotations

import numpy as np
import pytest

from lkip.errors import ConfigError
from lkip.extract.adapters._opencv import text_direction
from lkip.extract.model._records import TextLine
from lkip.extract.ocr._orient import choose_rotation, detect_rotation, page_box, turn, turned_size
from lkip.extract.ocr._read import caption_from_lines, method_for
from lkip.extract.ocr._triage import pages_to_reread
from lkip.extract.pdf._read import PdfSettings


def _text_page(width: int = 620, height: int = 930) -> np.ndarray:
    """A white page (about 75 dpi) with rows of word-sized black blobs, like lines of text."""
    page = np.full((height, width), 255, np.uint8)
    rng = np.random.default_rng(7)
    for top in range(60, height - 60, 18):
        x = 50
        while x < width - 80:
            w = int(rng.integers(15, 60))
            page[top:top + 6, x:x + w] = 0
            x += w + 8
    return page


# --- turning and mapping boxes back --------------------------------------------------------------


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_page_box_undoes_turn(rotation: int) -> None:
    img = np.zeros((60, 40), np.uint8)
    img[10:14, 5:9] = 1
    ys, xs = np.nonzero(turn(img, rotation))
    box = (float(xs.min()), float(ys.min()), float(xs.max() + 1), float(ys.max() + 1))
    assert page_box(box, rotation, 40.0, 60.0) == (5.0, 10.0, 9.0, 14.0)


def test_turned_size_swaps_for_quarter_turns() -> None:
    assert turned_size(618.0, 931.0, 90) == (931.0, 618.0)
    assert turned_size(618.0, 931.0, 180) == (618.0, 931.0)


def test_page_box_rejects_odd_angle() -> None:
    with pytest.raises(ValueError, match="multiple of 90"):
        page_box((0, 0, 1, 1), 45, 10, 10)


# --- text direction and the rotation decision ----------------------------------------------------


def test_text_direction_of_upright_and_sideways_pages() -> None:
    page = _text_page()
    assert text_direction(page) == "horizontal"
    assert text_direction(turn(page, 90)) == "vertical"
    assert text_direction(turn(page, 270)) == "vertical"


def test_text_direction_of_blank_page_is_unknown() -> None:
    assert text_direction(np.full((900, 600), 255, np.uint8)) == "unknown"


@pytest.mark.parametrize(
    ("direction", "osd", "expected"),
    [
        ("vertical", (270, 3.0), 270),
        ("vertical", (90, 0.2), 90),  # lines run down the page: OSD only picks the side
        ("vertical", (0, 5.0), 90),  # OSD contradicting the line direction is not followed
        ("vertical", None, 90),
        ("horizontal", (180, 4.0), 180),
        ("horizontal", (180, 0.3), 0),  # an unsure OSD never turns a page upside down
        ("horizontal", (90, 6.0), 0),
        ("unknown", (270, 2.0), 270),
        ("unknown", None, 0),
    ],
)
def test_choose_rotation(direction: str, osd: tuple[int, float] | None, expected: int) -> None:
    assert choose_rotation(direction, osd) == expected  # type: ignore[arg-type]


def test_detect_rotation_asks_osd_only_for_sideways_pages() -> None:
    page = _text_page()
    calls: list[int] = []

    def fake_osd(image) -> tuple[int, float]:
        calls.append(1)
        return (270, 4.0)

    assert detect_rotation(lambda dpi: page, osd=fake_osd) == 0
    assert calls == []
    assert detect_rotation(lambda dpi: turn(page, 90), osd=fake_osd) == 270
    assert calls == [1]


# --- provenance and captions of OCR tables -------------------------------------------------------


def test_method_names_the_turn() -> None:
    assert method_for(0) == "ocr:tesseract"
    assert method_for(90) == "ocr:tesseract:rot90"
    assert method_for(-90) == "ocr:tesseract:rot270"


def test_caption_above_takes_the_table_label_line() -> None:
    lines = [
        TextLine("Adapun capaian kinerja adalah sebagai berikut :", page=3, bbox=(70, 300, 500, 312)),
        TextLine("Tabel 3.6", page=3, bbox=(280, 330, 330, 342)),
        TextLine("Perbandingan Pencapaian Kinerja dan Anggaran", page=3, bbox=(200, 345, 420, 357)),
        TextLine("SASARAN STRATEGIS", page=3, bbox=(80, 380, 200, 392)),  # inside the table
    ]
    assert caption_from_lines(lines, (60, 365, 560, 700)) == "Tabel 3.6 Perbandingan Pencapaian Kinerja dan Anggaran"
    assert caption_from_lines(lines, (600, 365, 800, 700)) == ""  # no line above this box


# --- triage ----------------------------------------------------------------------------------------

_CAPAIAN_PAGE = """Tabel 3.1 Pengukuran Capaian Kinerja Tahun 2016
Sasaran Indikator Kinerja Target Realisasi Capaian (%)
Prosentase jaringan irigasi 72,05% 72,06% 100,01"""


def test_pages_to_reread_takes_table_pages_and_the_next_one() -> None:
    texts = [(1, "LAPORAN KINERJA 2016"), (5, "BAB I PENDAHULUAN\nLatar belakang"), (6, _CAPAIAN_PAGE),
             (7, "lanjutan tabel"), (9, _CAPAIAN_PAGE)]
    assert pages_to_reread(texts) == [6, 7, 9]
    assert pages_to_reread(texts, follow=False) == [6, 9]
    assert pages_to_reread([(1, "")]) == []


# --- settings -----------------------------------------------------------------------------------


def test_ocr_settings_defaults_and_validation() -> None:
    s = PdfSettings()
    assert s.ocr_orient and s.ocr_triage_dpi is not None and s.ocr_triage_dpi < s.ocr_dpi
    assert PdfSettings.resolve({"ocr_triage_dpi": None}).ocr_triage_dpi is None
    with pytest.raises(ConfigError, match="ocr_triage_dpi"):
        PdfSettings(ocr_triage_dpi=20)
    with pytest.raises(ConfigError, match="ocr_max_pages"):
        PdfSettings(ocr_max_pages=0)
