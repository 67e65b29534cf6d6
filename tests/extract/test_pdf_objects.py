"""Tables read from a PDF's own objects: rules from path objects, words from character boxes."""

from __future__ import annotations

from pathlib import Path

import pytest

from lkip.extract.geometry._rules import Rule, group_rules, merge_rules, tables_from_rules
from lkip.extract.geometry._words import Word
from lkip.extract.pdf._objects import PageObjects, borderless_tables, caption_from_words, read_page_objects
from lkip.extract.tables._grid import TableKind
from lkip.extract.tables._page_table import header_span, texts_of


def _h(y: float, x0: float, x1: float) -> Rule:
    return Rule(True, y, x0, x1)


def _v(x: float, y0: float, y1: float) -> Rule:
    return Rule(False, x, y0, y1)


def _word(text: str, x0: float, top: float, line: int = 0) -> Word:
    return Word(text, (x0, top, x0 + 6 * len(text), top + 10), line)


def test_dashed_pieces_join_into_one_rule() -> None:
    pieces = [_h(100.0, 10, 50), _h(100.4, 51.5, 90), _h(100.2, 91, 130), _h(200, 10, 130)]
    merged = merge_rules(pieces)
    assert sorted((r.at, r.start, r.end) for r in merged if r.horizontal)[0][1:] == (10, 130)
    assert len([r for r in merged if r.horizontal]) == 2


def test_rules_that_do_not_touch_are_two_tables() -> None:
    top = [_h(10, 0, 100), _h(50, 0, 100), _v(0, 10, 50), _v(100, 10, 50)]
    bottom = [_h(300, 0, 100), _h(340, 0, 100), _v(0, 300, 340), _v(100, 300, 340)]
    assert len(group_rules(merge_rules(top + bottom))) == 2


def _pk_rules() -> list[Rule]:
    # 3 columns (No | Indikator | Target), header + 2 body rows; the No column is merged over both body rows.
    xs, ys = (50, 80, 300, 400), (100, 120, 150, 180)
    rules = [_h(ys[0], 50, 400), _h(ys[1], 50, 400), _h(ys[3], 50, 400), _h(ys[2], 80, 400)]
    rules += [_v(x, 100, 180) for x in xs]
    return rules


def test_merged_cell_text_goes_to_its_top_slot() -> None:
    words = [_word("No", 55, 105), _word("Indikator", 85, 105), _word("Target", 305, 105),
             _word("1", 60, 160), _word("Jumlah", 85, 125), _word("desa", 130, 125), _word("12", 305, 125),
             _word("Persentase", 85, 155), _word("80%", 305, 155)]
    (table,) = tables_from_rules(_pk_rules(), words, page=4, height=842)
    assert [texts_of(r) for r in table.grid] == [
        ["No", "Indikator", "Target"], ["1", "Jumlah desa", "12"], ["", "Persentase", "80%"]]
    assert table.grid[1][0].where.bbox == (50, 120, 80, 180)  # the merged cell's whole box
    assert table.page == 4 and table.bbox == (50, 100, 400, 180)


def test_rule_ends_bound_a_table_without_side_rules() -> None:
    # Only inner verticals: the outer columns come from where the horizontal rules end.
    rules = [_h(100, 50, 400), _h(120, 50, 400), _h(140, 50, 400), _v(80, 100, 140), _v(300, 100, 140)]
    words = [_word("No", 55, 105), _word("Indikator", 85, 105), _word("Target", 305, 105),
             _word("1", 60, 125), _word("Jumlah", 85, 125), _word("12", 305, 125)]
    (table,) = tables_from_rules(rules, words, page=1, height=842)
    assert table.width == 3 and texts_of(table.grid[1]) == ["1", "Jumlah", "12"]


def test_an_empty_frame_is_not_a_table() -> None:
    rules = [_h(700, 50, 400), _h(703, 50, 400), _v(50, 700, 703), _v(400, 700, 703)]
    assert tables_from_rules(rules, [_word("Footer", 60, 720)], page=1, height=842) == []


def test_sample_pdf_ruled_tables_with_boxes(samples_dir: Path) -> None:
    pdf = samples_dir / "pdf" / "lkip_bnnp_nusa_lestari_2024.pdf"
    pages = list(read_page_objects(pdf, [2, 3]))
    assert [p.number for p in pages] == [2, 3] and all(p.rules and p.words for p in pages)
    tables = [t for p in pages for t in tables_from_rules(p.rules, p.words, p.number, p.height)]
    assert tables and all(t.method == "pdf:pdfium_ruled" for t in tables)
    for t in tables:
        for row in t.grid:
            for cell in row:
                x0, top, x1, bottom = cell.where.bbox
                assert 0 <= x0 < x1 <= 842 and 0 <= top < bottom <= 842


def test_borderless_sample_table_is_read_from_word_layout(samples_dir: Path) -> None:
    pdf = samples_dir / "pdf" / "lkip_bnnk_sukamaju_2023.pdf"
    (page,) = read_page_objects(pdf, [2])
    assert tables_from_rules(page.rules, page.words, page.number, page.height) == []
    (table,) = borderless_tables(page, 2023, frozenset({"lkipbnnkotasukamajutahun#"}))
    rows = [texts_of(r) for r in table.grid[1:]]
    assert [r[0] for r in rows] == ["1", "2", "3", "4", "5"]
    assert rows[0][-1] == "54,20 Indeks" and rows[-1][1].endswith("efektif dan efisien")


def test_borderless_plan_matrix_without_realisasi_is_dropped() -> None:
    # "Target Capaian" over one column of targets: read as target + capaian, it must not land.
    lines = [("Indikator", 60), ("Target", 300), ("Realisasi", 380)]
    words = [_word(t, x, 100) for t, x in lines]
    for k, (name, value) in enumerate([("Produksi padi", "12.317"), ("Produksi jagung", "1.190")]):
        words += [_word(name, 60, 120 + 15 * k), _word(value, 300, 120 + 15 * k)]
    page = PageObjects(1, 842, (), tuple(words))
    assert borderless_tables(page, 2016) == []


@pytest.mark.parametrize("name", ["JabarProv_Inspektorat_LKIP2016_Lampiran2_PerjanjianKinerja.pdf"])
def test_real_pk_table_keeps_its_outer_columns(shared_dir: Path, name: str) -> None:
    (page,) = read_page_objects(shared_dir / "real_pdfs" / name, [1])
    kinds = {header_span(t.grid)[2]: t for t in tables_from_rules(page.rules, page.words, page.number, page.height)}
    table = kinds[TableKind.PK]
    assert texts_of(table.grid[0])[0] == "No" and texts_of(table.grid[0])[-1] == "Target"
    assert "RAD-PPK" in " ".join(c.text for r in table.grid for c in r)  # a hyphen at a line end is kept


def test_caption_is_read_from_the_words_above_a_table() -> None:
    words = [_word("Bab", 60, 20, 0), _word("III", 90, 20, 0),
             _word("Tabel", 60, 60, 1), _word("3.1", 100, 60, 1), _word("Capaian", 130, 60, 1),
             _word("Kinerja", 60, 72, 2), _word("2016", 110, 72, 2),
             _word("No", 60, 105, 3)]  # inside the table: not part of the caption
    assert caption_from_words(words, (50, 100, 400, 180)) == "Tabel 3.1 Capaian Kinerja 2016"
    assert caption_from_words(words, (50, 100, 400, 180), band=10) == ""
