"""Pure pieces of the PDF path: triage, cell text, grids, joins, OCR repairs, bulleted PK lists."""

from __future__ import annotations

import pytest

from lkip.extract.geometry._words import Word, grid_from_rules
from lkip.extract.model._records import PageText, TextLine
from lkip.extract.ocr._repair import figures_fit, repair_text
from lkip.extract.pdf._pages import lines_of_pages, select_table_pages
from lkip.extract.pdf._read import guess_year
from lkip.extract.prose._list_pk import pk_rows_from_list
from lkip.extract.tables._grid import TableKind
from lkip.extract.tables._page_table import (
    PageTable,
    clean_cell_text,
    header_span,
    join_continued,
    make_cell,
    merge_wrapped_rows,
    texts_of,
)
from lkip.extract.vocab._page_score import score_page

# --- triage ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "pk", "capaian"),
    [
        ("Perjanjian Kinerja Tahun 2016\nNo Sasaran Strategis Indikator Kinerja Target\n1 Meningkatnya 3,000 poin 10%",
         True, False),
        ("Pengukuran Capaian Kinerja\nIndikator Target Realisasi Capaian (%)\nJumlah 12 11 91,67", False, True),
        ("BAB I PENDAHULUAN\nLatar belakang laporan kinerja tahun 2016.", False, False),
        ("Target dan sasaran dibahas di bab berikut.", False, False),
    ],
)
def test_score_page(text: str, pk: bool, capaian: bool) -> None:
    s = score_page(text)
    assert (s.pk >= 3) is pk
    assert (s.capaian >= 4) is capaian


def test_select_table_pages_takes_following_page() -> None:
    table = "Perjanjian Kinerja\nSasaran Indikator Target Satuan\n1 Jumlah 12 orang 2 Nilai 80 indeks"
    pages = [PageText(i, 595, 842, 0, t) for i, t in enumerate(["cover", table, "lanjutan", "akhir"], start=1)]
    assert select_table_pages(pages) == [2, 3]
    assert select_table_pages(pages, follow=False) == [2]


def test_select_table_pages_reads_a_caption_at_the_foot_of_the_page_before() -> None:
    signed = "PIHAK KESATU berjanji ...\nBandung, 18 Juli 2016\nPERJANJIAN KINERJA\n62 LKIP Dinas X 2016"
    table = "DINAS X PROVINSI JAWA BARAT\nNO SASARAN STRATEGIS INDIKATOR KINERJA TARGET\n1. Meningkatnya a 12.317 ton\n2. b 10,90 %"
    pages = [PageText(i, 612, 936, 0, t) for i, t in enumerate([signed, table, "akhir"], start=1)]
    assert select_table_pages(pages, follow=False) == [2]
    alone = [PageText(1, 612, 936, 0, "BAB I"), PageText(2, 612, 936, 0, table)]
    assert select_table_pages(alone, follow=False) == []  # no caption: the header alone is not enough


def test_lines_of_pages_keeps_page_numbers() -> None:
    lines = lines_of_pages([PageText(1, 1, 1, 0, "a\n\nb"), PageText(2, 1, 1, 0, "c")])
    assert [(x.text, x.page, x.line) for x in lines] == [("a", 1, None), ("b", 1, None), ("c", 2, None)]


# --- cells and grids ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Persentase kualitas nilai indikator RAD-\nPPK", "Persentase kualitas nilai indikator RAD-PPK"),
        ("M\neningkatnya kesesuaian", "Meningkatnya kesesuaian"),
        ("Pameran Produk  \nBudaya", "Pameran Produk Budaya"),
        ("58,34 % \n(Sedang)", "58,34 % (Sedang)"),
        ("-1,25", "-1,25"),
    ],
)
def test_clean_cell_text(raw: str, clean: str) -> None:
    assert clean_cell_text(raw) == clean


def _table(page: int, rows: list[list[str]], top: float = 100.0, method: str = "pdf:test") -> PageTable:
    grid = tuple(
        tuple(make_cell(t, page, (50.0 + 100 * c, top + 20 * r, 150.0 + 100 * c, top + 20 * r + 20), method)
              for c, t in enumerate(row))
        for r, row in enumerate(rows)
    )
    return PageTable(page, (50.0, top, 50.0 + 100 * len(rows[0]), top + 20 * len(rows)), grid, method, 842.0)


HEADER = ["No", "Indikator Kinerja", "Target", "Realisasi", "Capaian (%)"]


def test_header_span_skips_caption_row() -> None:
    t = _table(1, [["", "Tabel 3.1 Capaian Kinerja", "", "", ""], HEADER, ["1", "Jumlah x", "2", "1", "50"]])
    assert header_span(t.grid) == (1, 2, TableKind.CAPAIAN)


def test_join_drops_repeated_header() -> None:
    a = _table(4, [HEADER, ["1", "Jumlah a", "2", "1", "50"]], top=600)
    b = _table(5, [HEADER, ["2", "Jumlah b", "4", "4", "100"]], top=60)
    joined = join_continued([a, b])
    assert len(joined) == 1
    assert [texts_of(r)[1] for r in joined[0].grid] == ["Indikator Kinerja", "Jumlah a", "Jumlah b"]
    assert joined[0].pages == (4, 5)
    assert joined[0].grid[2][1].where.page == 5


def test_join_takes_lone_spilled_row_without_header() -> None:
    a = _table(4, [HEADER, ["1", "Jumlah a", "2", "1", "50"]], top=600)
    b = _table(5, [["2", "Jumlah b", "-4", "-3", "75,00 % (Sedang)"]], top=60)
    joined = join_continued([a, b])
    assert len(joined) == 1 and texts_of(joined[0].grid[-1])[2:] == ["-4", "-3", "75,00 % (Sedang)"]


def test_no_join_when_next_table_starts_low_or_is_another_kind() -> None:
    a = _table(4, [HEADER, ["1", "Jumlah a", "2", "1", "50"]], top=600)
    low = _table(5, [["2", "Jumlah b", "4", "4", "100"]], top=500)
    assert len(join_continued([a, low])) == 2
    pk = _table(5, [["No", "Sasaran", "Indikator", "Target"], ["1", "Meningkatnya x", "Jumlah y", "3"]], top=60)
    assert len(join_continued([a, pk])) == 2
    far = _table(7, [["2", "Jumlah b", "4", "4", "100"]], top=60)
    assert len(join_continued([a, far])) == 2


def test_join_maps_columns_by_position() -> None:
    a = _table(1, [HEADER, ["1", "Jumlah a", "2", "1", "50"]], top=600)
    # The continuation lost its first column: its cells sit under columns 1..4.
    grid = tuple(
        tuple(make_cell(t, 2, (150.0 + 100 * c, 60.0, 250.0 + 100 * c, 80.0), "pdf:test") for c, t in enumerate(row))
        for row in [["Jumlah b", "4", "4", "100"]]
    )
    b = PageTable(2, (150.0, 60.0, 550.0, 80.0), grid, "pdf:test", 842.0)
    joined = join_continued([a, b])
    assert texts_of(joined[0].grid[-1]) == ["", "Jumlah b", "4", "4", "100"]


def test_merge_wrapped_rows_of_stream_table() -> None:
    t = _table(1, [HEADER, ["1", "Jumlah kabupaten", "2", "1", "50 % (Kurang"],
                   ["", "berkategori tinggi", "", "", "Baik)"], ["2", "Nilai b", "3", "3", "100"]])
    merged = merge_wrapped_rows(t)
    assert [texts_of(r) for r in merged.grid[1:]] == [
        ["1", "Jumlah kabupaten berkategori tinggi", "2", "1", "50 % (Kurang Baik)"],
        ["2", "Nilai b", "3", "3", "100"],
    ]


def test_grid_from_rules_puts_words_in_cells() -> None:
    words = [Word("Jumlah", (12, 12, 40, 20), 1), Word("orang", (12, 24, 40, 32), 2), Word("12", (62, 12, 70, 20), 1)]
    grid = grid_from_rules(words, [10, 50, 100], [10, 40, 60], page=3, method="ocr:tesseract")
    assert [texts_of(r) for r in grid] == [["Jumlah orang", "12"], ["", ""]]
    assert grid[0][1].where.page == 3 and grid[0][1].where.bbox == (50, 10, 100, 40)


# --- OCR checks --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("105,3696", "105,36%"),
        ("58,3496 (Sedang)", "58,34% (Sedang)"),
        ("1O.4O0", "10.400"),
        ("IMeningkatnya minat", "Meningkatnya minat"),
        ("Indeks | 3,25", "Indeks 3,25"),
        ("Persentase 96 penduduk", "Persentase 96 penduduk"),
    ],
)
def test_repair_text(raw: str, fixed: str) -> None:
    assert repair_text(raw) == fixed


def test_ocr_figures_fit_the_one_stated_pct_rule() -> None:
    assert figures_fit(("80", "72,4", "90,5"))
    assert not figures_fit(("80", "72,4", "95,5"))
    assert figures_fit(("10", "8", "125"))  # a decrease-type indicator: target/realisasi
    assert not figures_fit((None, "8", "125"))
    assert figures_fit(("80", "72,4", "90,50"))  # 90,5 exactly, shown to two decimals
    assert not figures_fit(("80", "72,4", "90,8"))


# --- bulleted PK lists and the year ------------------------------------------------------------


def _lines(texts: list[str]) -> list[TextLine]:
    return [TextLine(t, page=2) for t in texts]


def test_pk_rows_from_bulleted_list() -> None:
    lines = _lines([
        "Target kinerja dalam Perjanjian Kinerja Tahun 2016 adalah sebagai berikut:",
        "\u2022 Daging sebanyak 768.495 ton;",
        "\u2022 Persentase rumah tangga pertanian yang",
        "mengakses kredit sebesar 12,5 %;",
        "- Telur sebanyak 1.200 ton.",
    ])
    rows = pk_rows_from_list(lines, 2016)
    assert [(r.indicator_text, r.target_text, r.unit_text) for r in rows] == [
        ("Daging", "768.495 ton", "ton"),
        ("Persentase rumah tangga pertanian yang mengakses kredit", "12,5 %", "%"),
        ("Telur", "1.200 ton", "ton"),
    ]
    assert rows[0].where.page == 2 and rows[0].where.method == "pdf:text_list"


def test_bulleted_list_of_another_year_or_without_intro_is_ignored() -> None:
    other_year = _lines(["Target Perjanjian Kinerja Tahun 2015:", "\u2022 Daging sebanyak 700.000 ton;"])
    assert pk_rows_from_list(other_year, 2016) == []
    narrative = _lines(["Kegiatan yang dilaksanakan:", "\u2022 Pelatihan sebanyak 3 kali;"])
    assert pk_rows_from_list(narrative, 2016) == []


def test_pk_list_under_a_pk_section_with_lettered_sasaran_headings() -> None:
    """The section names the PK; "A. <sasaran>, dengan indikator :" heads numbered items "1) ..., dengan target X"."""
    lines = _lines([
        "2.2 Perjanjian Kinerja Tahun 2016",
        "Perjanjian Kinerja tahun 2016 disusun berdasarkan tujuan dan sasaran Renstra,",
        "dengan menetapkan Indikator Kinerja Utama, yang tercapai melalui",
        "Indikator Kinerja Sasaran yaitu :",
        "A. Meningkatnya kemandirian masyarakat, dengan indikator :",
        "1) Persentase Rumah Tangga yang Berperilaku Hidup Bersih dan Sehat",
        "(PHBS), dengan target 55%",
        "B. Menurunnya ratio kematian ibu dan bayi, dengan",
        "indikator :",
        "1) Ratio kematian ibu, dengan target 89/100.000 KH",
        "2) Prevalensi Gizi Buruk, dengan target 0,58%",
        "2.3 Program Kegiatan dan Anggaran",
        "A. Program pelayanan administrasi, dengan indikator :",
        "1) Jumlah laporan, dengan target 12 Dokumen",  # another section: not the PK
    ])
    rows = pk_rows_from_list(lines, 2016)
    assert [(r.sasaran, r.indicator_text, r.target_text) for r in rows] == [
        ("Meningkatnya kemandirian masyarakat",
         "Persentase Rumah Tangga yang Berperilaku Hidup Bersih dan Sehat (PHBS)", "55%"),
        ("Menurunnya ratio kematian ibu dan bayi", "Ratio kematian ibu", "89/100.000 KH"),
        ("Menurunnya ratio kematian ibu dan bayi", "Prevalensi Gizi Buruk", "0,58%"),
    ]


def test_guess_year() -> None:
    assert guess_year(_lines(["LAPORAN KINERJA TAHUN 2016", "Renstra 2013-2018", "Tahun 2016"])) == 2016
    assert guess_year(_lines(["tanpa tahun"])) is None


# --- joins, headers, captions and table choice (rules from other agencies' LKIPs) ----------------


def test_no_join_when_next_table_has_its_own_header() -> None:
    a = _table(12, [HEADER, ["1", "Jumlah a", "2", "1", "50"]], top=600)
    other = _table(13, [["INDIKATOR KINERJA", "SATUAN", "CAPAIAN KINERJA", "PERCEPATAN"],
                        ["Jumlah a", "Persen", "100%", "-"]], top=60)
    assert len(join_continued([a, other])) == 2


def test_no_join_of_a_running_header_box() -> None:
    a = _table(30, [["Sasaran Strategis", "Indikator Kinerja", "Target"], ["Meningkatnya x", "Jumlah y", "5"]],
               top=600)
    box = _table(31, [["Dinas Perindustrian dan Perdagangan", "BAB. III"]], top=60)
    assert len(join_continued([a, box])) == 2
    tail = _table(31, [["", "dan kota", ""]], top=60)  # a cell's tail, same columns: joined
    assert len(join_continued([a, tail])) == 1


def test_header_span_keeps_year_row_but_not_first_data_row() -> None:
    t = _table(1, [HEADER, ["1", "Jumlah x", "2", "1", "50"], ["2", "Nilai y", "3", "3", "100"]])
    assert header_span(t.grid) == (0, 1, TableKind.CAPAIAN)
    years = _table(1, [["Indikator", "Satuan", "Target", "", "Realisasi"], ["", "", "2015", "2016", "2016"],
                       ["Jumlah x", "Orang", "2", "3", "3"]])
    assert header_span(years.grid)[1] == 2


def test_header_span_rejects_prose_split_into_columns() -> None:
    prose = _table(37, [["ditunjukan dengan tercapainya target", "indikator", "yang", "telah", "ditetapkan,"],
                        ["Misi Pertama Perencanaan", "pembangunan yang", "", "implementatif", ""]])
    assert header_span(prose.grid)[2] is None


@pytest.mark.parametrize(
    ("above", "caption"),
    [
        ("sebagaimana Tabel 2.1.\nTabel 2.1.\nRencana Kinerja Tahun 2016", "Tabel 2.1. Rencana Kinerja Tahun 2016"),
        ("paragraf sebelumnya\nPerjanjian Kinerja Tahun 2016\nDinas X", "Perjanjian Kinerja Tahun 2016 Dinas X"),
    ],
)
def test_caption_of(above: str, caption: str) -> None:
    from lkip.extract.vocab._captions import caption_of

    assert caption_of(above) == caption


@pytest.mark.parametrize(
    ("caption", "kind"),
    [("Tabel 2.2. Perjanjian Kinerja Tahun 2016", "pk"), ("Tabel 2.1 Rencana Kinerja Tahun 2016", "plan"),
     ("Penetapan Kinerja (PK) 2016", "pk"), ("Tabel 3.1 Target IKU Renstra", "plan"), ("Tabel 2.3", None),
     ("Tabel 2.3. Perjanjian Kinerja Program (Outcome) Tahun 2016", "lower_pk"),
     ("Tabel 2.4 Perjanjian Kinerja Kegiatan Tahun 2016", "lower_pk"),
     ("Perjanjian Kinerja Tahun 2016 (Output Kegiatan)", "pk")],
)
def test_caption_kind(caption: str, kind: str | None) -> None:
    from lkip.extract.tables._choose import caption_kind

    assert caption_kind(caption) == kind


def _captioned(page: int, rows: list[list[str]], caption: str, top: float = 100.0) -> PageTable:
    from dataclasses import replace

    return replace(_table(page, rows, top=top), caption=caption)


def test_rows_from_tables_prefers_the_captioned_pk_and_numbers_rows() -> None:
    from lkip.extract.tables._choose import rows_from_tables

    plan = _captioned(28, [["No", "Indikator Kinerja", "Satuan", "Target"], ["1", "Jumlah a", "Unit", "3,000"],
                           ["2", "Jumlah b", "Orang", "9,000"]], "Tabel 2.1 Rencana Kinerja Tahun 2016")
    pk = _captioned(29, [["Sasaran Strategis", "Indikator Kinerja", "Target"], ["Meningkatnya x", "Jumlah a", "3000"],
                         ["", "Jumlah b", "9000"]], "Tabel 2.2 Perjanjian Kinerja Tahun 2016", top=500)
    rows, _, _ = rows_from_tables([plan, pk], 2016)
    assert [(r.row_no, r.indicator_text, r.target_text) for r in rows] == [(1, "Jumlah a", "3000"),
                                                                           (2, "Jumlah b", "9000")]
    uncaptioned, _, _ = rows_from_tables([_table(1, [["Indikator", "Target"], ["Jumlah a", "1"]]),
                                          _table(2, [["Indikator", "Target"], ["Jumlah c", "2"], ["Jumlah d", "3"]])],
                                         2016)
    assert [r.row_no for r in uncaptioned] == [1, 2, 3]


def test_rows_from_tables_leaves_out_the_programs_pks_when_the_offices_is_there() -> None:
    from lkip.extract.tables._choose import rows_from_tables

    header = ["Sasaran Strategis", "Indikator Kinerja", "Target"]
    own = _captioned(18, [header, ["Meningkatnya x", "Jumlah a", "2,3"]], "Tabel 2.2 Perjanjian Kinerja Utama Tahun 2016")
    program = _captioned(19, [header, ["Program x", "1.1. Jumlah a", "21"], ["", "1.2. Jumlah b", "70"]],
                         "Tabel 2.3. Perjanjian Kinerja Program (Outcome) Tahun 2016")
    rows, _, _ = rows_from_tables([own, program], 2016)
    assert [(r.indicator_text, r.target_text) for r in rows] == [("Jumlah a", "2,3")]
    alone, _, _ = rows_from_tables([program], 2016)  # no office-level PK: the program's is what there is
    assert len(alone) == 2


def test_rows_from_tables_leaves_out_a_table_set_against_the_renstra_target() -> None:
    from lkip.extract.tables._choose import rows_from_tables

    year = _captioned(43, [HEADER, ["1", "Jumlah a", "2,30", "2,23", "96,95"], ["2", "Jumlah b", "13", "13", "100"]],
                      "Tabel 3.1. Pengukuran Perbandingan Antara Target dan Realisasi Kinerja 2016")
    renstra = _captioned(49, [HEADER, ["1", "Jumlah a", "11,5", "6,35", "55,2"], ["2", "Jumlah b", "13", "13", "100"]],
                         "Tabel 3.3 Pengukuran Pencapaian Kinerja s.d Tahun 2016 Terhadap Target Renstra 2013-2018")
    _, _, cap = rows_from_tables([year, renstra], 2016)
    assert {r.where.page for r in cap} == {43}
    _, _, alone = rows_from_tables([renstra], 2016)  # the only capaian table there is: kept
    assert {r.where.page for r in alone} == {49}


def test_header_over_a_numbering_column_names_the_text_column() -> None:
    """ "Indikator Kinerja" printed over the indicator's number and its words: the words are the indicator."""
    from lkip.extract.tables._choose import rows_from_tables

    table = _table(34, [["NO", "Sasaran Strategis", "Indikator Kinerja", "", "Target", "Realisasi", "Capaian (%)"],
                        ["1", "Menurunnya ratio kematian", "1", "Ratio Kematian Ibu", "89", "86,97", "102.33%"],
                        ["", "", "2", "Prevalensi gizi buruk", "0,58", "0.6", "96,67%"]])
    _, _, cap = rows_from_tables([table], 2016)
    assert [(r.indicator_text, r.target_text, r.pct_text) for r in cap] == [
        ("Ratio Kematian Ibu", "89", "102.33%"), ("Prevalensi gizi buruk", "0,58", "96,67%")]


def test_the_table_stating_capaian_is_main_and_one_row_tables_are_per_indicator() -> None:
    from lkip.extract.model._records import SourceKind
    from lkip.extract.tables._choose import rows_from_tables

    per_misi = _table(33, [HEADER, ["1", "Jumlah a", "3", "2", "66,67"], ["2", "Jumlah b", "5", "5", "100"]])
    single = _table(36, [HEADER, ["1", "Jumlah a", "3", "2", "66,67"]])
    recap = _table(77, [["No", "Indikator Kinerja", "Target", "Realisasi"], ["1", "Jumlah a", "3", "2"],
                        ["2", "Jumlah b", "5", "5"], ["3", "Jumlah c", "7", "7"], ["4", "Jumlah d", "9", "9"]])
    _, _, cap = rows_from_tables([per_misi, single, recap], 2016)
    main = {r.where.page for r in cap if r.source_kind is SourceKind.MAIN_TABLE}
    assert main == {33}  # not the longer recapitulation without %, not the one-row table


def test_rows_from_tables_main_capaian_table_has_most_figures() -> None:
    from lkip.extract.model._records import SourceKind
    from lkip.extract.tables._choose import rows_from_tables

    no_pct = _table(32, [["No", "Indikator Kinerja", "Target 2016", "Realisasi 2016"], ["1", "Jumlah a", "3", "2"],
                         ["2", "Jumlah b", "5", "5"]])
    full = _table(34, [HEADER, ["1", "Jumlah a", "3", "2", "66,67"], ["2", "Jumlah b", "5", "5", "100"]])
    renstra = _table(38, [["No", "Indikator Kinerja", "Realisasi 2016", "Target 2018", "Capaian (%)"],
                          ["1", "Jumlah a", "2", "9", "22"], ["2", "Jumlah b", "5", "9", "55"]])
    empty = _table(40, [HEADER, ["", "Jumlah z", "", "", ""]])
    _, _, cap = rows_from_tables([no_pct, full, renstra, empty], 2016)
    main = [r for r in cap if r.source_kind is SourceKind.MAIN_TABLE]
    assert [(r.indicator_text, r.pct_text, r.where.page) for r in main] == [("Jumlah a", "66,67", 34),
                                                                            ("Jumlah b", "100", 34)]
    assert sum(r.source_kind is SourceKind.INDICATOR_TABLE for r in cap) == 4
    assert not any(r.indicator_text == "Jumlah z" for r in cap)
