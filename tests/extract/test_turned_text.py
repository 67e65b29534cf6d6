"""A landscape table set sideways on a portrait page (text turned, no /Rotate): read turned back."""

from __future__ import annotations

from pathlib import Path

import pytest

from lkip.extract.geometry import Rule, Run, Turn, Word, text_run
from lkip.extract.model import SourceKind


def _line(texts: list[str], line: int, *, run: Run) -> list[Word]:
    """Words of one line laid out along the given direction on a 600 x 800 page."""
    out = []
    for k, t in enumerate(texts):
        along = 100 + 60 * k
        if run is Run.ACROSS:
            out.append(Word(t, (along, 100 + 20 * line, along + 50, 110 + 20 * line), line))
        elif run is Run.UP:  # bottom to top: y falls along the line, lines stack to the right
            out.append(Word(t, (100 + 20 * line, 800 - along - 50, 110 + 20 * line, 800 - along), line))
        else:  # top to bottom, lines stack to the left
            out.append(Word(t, (500 - 20 * line, along, 510 - 20 * line, along + 50), line))
    return out


@pytest.mark.parametrize("run", list(Run))
def test_text_run_tells_which_way_the_lines_go(run: Run) -> None:
    words = [w for n in range(6) for w in _line(["Jumlah", "desa", "bersinar", "di", "wilayah"], n, run=run)]
    assert text_run(words) is run


def test_a_few_words_are_not_enough_to_call_a_page_turned() -> None:
    assert text_run(_line(["Tabel", "3.1"], 0, run=Run.UP)) is Run.ACROSS


@pytest.mark.parametrize("run", [Run.UP, Run.DOWN])
def test_turned_words_read_across_and_boxes_turn_back(run: Run) -> None:
    turn = Turn(run, 600, 800)
    words = _line(["Jumlah", "desa", "bersinar"], 0, run=run) + _line(["Target", "Realisasi"], 1, run=run)
    turned = turn.words(words)
    first, second = turned[0].bbox, turned[1].bbox
    assert second[0] > first[2] and abs(second[1] - first[1]) < 1e-6  # the line reads left to right
    assert turned[3].bbox[1] > first[3]  # the next line is below
    assert all(turn.box_back(t.bbox) == pytest.approx(w.bbox) for t, w in zip(turned, words, strict=True))
    rules = turn.rules([Rule(True, 400.0, 50.0, 550.0), Rule(False, 300.0, 100.0, 700.0)])
    assert [r.horizontal for r in rules] == [False, True]


def test_a_sideways_capaian_table_on_a_portrait_page_is_read(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from lkip.extract.dispatch import extract_path

    path = tmp_path / "turned.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 10)
    c.drawString(72, 770, "LAPORAN KINERJA DINAS CONTOH PROVINSI JAWA BARAT TAHUN 2016")
    c.drawString(72, 750, "BAB III AKUNTABILITAS KINERJA")
    c.saveState()
    c.translate(A4[0] - 60, 60)
    c.rotate(90)  # the table's lines run up the page; the page itself is not rotated
    rows = [["No", "Indikator Kinerja", "Satuan", "Target", "Realisasi", "Capaian (%)"],
            ["1", "Jumlah desa bersinar", "Desa", "12", "9", "75,00"],
            ["2", "Persentase sekolah bersinar", "%", "80", "84", "105,00"],
            ["3", "Indeks kepuasan layanan", "Indeks", "3,60", "3,70", "102,78"]]
    c.drawString(0, 0, "Tabel 3.1 Pengukuran Capaian Kinerja Tahun 2016")
    xs = [0, 30, 230, 290, 350, 420]
    for k, row in enumerate(rows, start=1):
        for x, text in zip(xs, row, strict=True):
            c.drawString(x, -22 * k, text)
    c.restoreState()
    c.showPage()
    c.save()

    e = extract_path(path)
    main = [r for r in e.capaian if r.source_kind is SourceKind.MAIN_TABLE]
    assert [(r.indicator_text, r.target_text, r.realisasi_text, r.pct_text) for r in main] == [
        ("Jumlah desa bersinar", "12", "9", "75,00"),
        ("Persentase sekolah bersinar", "80", "84", "105,00"),
        ("Indeks kepuasan layanan", "3,60", "3,70", "102,78")]
    # provenance is on the page as printed: a tall, narrow box in the right half of the portrait page
    x0, top, x1, bottom = main[0].where.bbox
    assert x0 > A4[0] / 2 and bottom - top > x1 - x0
