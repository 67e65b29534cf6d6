"""The generic table model: header kinds, column mapping and row assembly over cell grids."""

from __future__ import annotations

import pytest

from lkip.extract.model._records import Provenance, SourceKind
from lkip.extract.tables._grid import (
    Cell,
    TableKind,
    capaian_rows_from_grid,
    classify_header,
    model_from_header,
    pk_rows_from_grid,
)
from lkip.extract.vocab._cues import ColumnRole


def grid(*rows: list[str | None]) -> list[list[Cell | None]]:
    """Build a grid; row k (0-based) gets page 1 and line k+1 in its cells' provenance."""
    return [
        [None if t is None else Cell(t, Provenance(line=k + 1, method="test")) for t in row]
        for k, row in enumerate(rows)
    ]


@pytest.mark.parametrize(
    ("cells", "kind"),
    [
        (["Sasaran Kegiatan", "Indikator Kinerja", "Target", "Satuan"], TableKind.PK),
        (["No", "Sasaran", "Indikator Kinerja", "T a r g e t"], TableKind.PK),
        (
            ["Sasaran", "Indikator", "Target 2024", "Realisasi 2024", "Capaian (%)"],
            TableKind.CAPAIAN,
        ),
        (["No", "Indikator Kinerja", "Target", "Realisasi", "%"], TableKind.CAPAIAN),
        (
            ["Sasaran", "Indikator", "Realisasi 2024", "Target 2024", "Realisasi 2023"],
            TableKind.CAPAIAN,
        ),
        (
            ["Sasaran", "Indikator", "Target 2020", "Target 2021", "Target 2022", "Target 2023"],
            TableKind.RENSTRA,
        ),
        (
            ["No", "Kegiatan", "Sasaran", "Indikator", "Target", "Satuan", "Anggaran"],
            TableKind.RKT_FUNDING,
        ),
        (["Indikator", "Target Kinerja", "Kebutuhan Pendanaan"], TableKind.RKT_FUNDING),
        (["No", "Satker", "Target", "Capaian", "Kategori"], TableKind.PER_OFFICE),
        (["T.A", "Target", "Capaian", "Persentase"], TableKind.MULTI_YEAR),
        (
            ["Indikator", "Target 2022", "Realisasi 2022", "Target 2023", "Realisasi 2024"],
            TableKind.MULTI_YEAR,
        ),
        (
            [
                "Meningkatnya daya tangkal remaja",
                "Jumlah kabupaten/kota ... mencapai target",
                "2",
                "1",
            ],
            None,
        ),
        (["Uraian", "Keterangan"], None),
    ],
)
def test_classify_header(cells: list[str], kind: TableKind | None) -> None:
    assert classify_header(cells) is kind


def test_model_from_header_carries_year_cells_over_sub_columns() -> None:
    model = model_from_header(
        [
            ["Indikator", "2023", None, "2024", None],
            ["", "Target", "Realisasi", "Target", "Realisasi"],
        ]
    )
    assert [(c.role and c.role.value, c.year) for c in model.columns][1:] == [
        ("target", 2023),
        ("realisasi", 2023),
        ("target", 2024),
        ("realisasi", 2024),
    ]
    assert model.pick(model.columns[1].role, 2024).index == 3


PK_GRID = grid(
    ["Sasaran Kegiatan", None, "Indikator Kinerja", "Target", "Satuan"],
    ["1", None, "2", "3", "4"],
    [
        "Meningkatnya daya tangkal remaja",
        None,
        "Jumlah kabupaten/kota berkategori tinggi",
        "2",
        "Kabupaten/Kota",
    ],
    [
        "Meningkatnya upaya pemulihan kawasan",
        None,
        "Jumlah kawasan rawan yang beralih",
        "1",
        "Kawasan",
    ],
    [None, None, "Nilai keterpulihan kawasan rawan", "2,51", "Indeks"],
    ["Sasaran Kegiatan", None, "Indikator Kinerja", "Target", "Satuan"],
    ["secara berkelanjutan", None, "yang diintervensi", None, None],
    ["Meningkatnya kualitas layanan", None, "Indeks kepuasan layanan", "3,60", None],
)


def test_pk_rows_skip_headers_and_number_rows_and_carry_sasaran() -> None:
    rows = pk_rows_from_grid(PK_GRID, year=2024)
    assert [r.row_no for r in rows] == [1, 2, 3, 4]
    assert [r.where.line for r in rows] == [3, 4, 5, 8]
    assert rows[0].target_text == "2 Kabupaten/Kota"
    assert rows[0].unit_text == "Kabupaten/Kota"
    assert rows[3].target_text == "3,60" and rows[3].unit_text is None


def test_pk_continuation_after_page_break_joins_both_cells() -> None:
    rows = pk_rows_from_grid(PK_GRID, year=2024)
    # the merged sasaran cell of rows 2-3 gets its tail once, shared by both rows
    assert rows[1].sasaran == "Meningkatnya upaya pemulihan kawasan secara berkelanjutan"
    assert rows[2].sasaran == rows[1].sasaran
    assert rows[2].indicator_text == "Nilai keterpulihan kawasan rawan yang diintervensi"


def test_pk_rows_empty_for_other_tables() -> None:
    rkt = grid(
        ["Sasaran", "Indikator", "Target", "Anggaran"],
        ["Meningkatnya x", "Jumlah y", "2", "Rp 1.000"],
    )
    assert pk_rows_from_grid(rkt) == []
    assert pk_rows_from_grid(grid(["Meningkatnya x", "Jumlah y", "2"])) == []


def test_capaian_columns_mapped_by_header_not_position() -> None:
    g = grid(
        ["Sasaran", "Indikator Kinerja", "Realisasi 2024", "Target 2024", "Realisasi 2023"],
        ["Meningkatnya daya tangkal", "Indeks ketahanan diri remaja", "54,85", "55,77", "55,10"],
    )
    (row,) = capaian_rows_from_grid(
        g, source_kind=SourceKind.INDICATOR_TABLE, year=2024, table_no=3
    )
    assert (row.target_text, row.realisasi_text, row.pct_text) == ("55,77", "54,85", None)
    assert row.table_no == 3 and row.source_kind is SourceKind.INDICATOR_TABLE
    # without a year, the realisasi of the target's year (the latest) is taken
    (row,) = capaian_rows_from_grid(g, source_kind=SourceKind.MAIN_TABLE)
    assert row.realisasi_text == "54,85"


def test_capaian_column_alone_is_the_realisasi() -> None:
    g = grid(
        ["No", "Indikator", "Target", "Capaian", "Persentase"],
        ["1", "Jumlah berkas P-21", "7", "16", "228,57%"],
    )
    (row,) = capaian_rows_from_grid(g, source_kind=SourceKind.MAIN_TABLE)
    assert (row.target_text, row.realisasi_text, row.pct_text) == ("7", "16", "228,57%")


def test_capaian_spacer_columns_and_values_below_labels() -> None:
    g = grid(
        ["Indikator", "", "Target", "Realisasi", "Capaian (%)"],
        ["Nilai Kinerja Anggaran", None, "88", "97,81", "111,15"],
        ["Jumlah BNN Kabupaten/Kota", None, None, None, None],
        [None, None, "1", "2", "200"],
    )
    rows = capaian_rows_from_grid(g, source_kind=SourceKind.MAIN_TABLE)
    assert [(r.indicator_text, r.pct_text) for r in rows] == [
        ("Nilai Kinerja Anggaran", "111,15"),
        ("Jumlah BNN Kabupaten/Kota", "200"),
    ]


def test_capaian_rows_named_after_offices_are_rejected() -> None:
    g = grid(
        ["No", "Indikator", "Target", "Realisasi", "%"],
        ["1", "BNNK Palangka Raya", "3,25", "3,54", "108,9"],
        ["2", "BNN Kabupaten Kotawaringin Barat", "3,25", "3,94", "121,2"],
    )
    assert capaian_rows_from_grid(g, source_kind=SourceKind.INDICATOR_TABLE) == []


def test_capaian_multi_year_table_rejected() -> None:
    g = grid(
        ["T.A", "Target", "Capaian", "Persentase"],
        ["2023", "2", "2", "100%"],
        ["2024", "2", "1", "50%"],
    )
    assert capaian_rows_from_grid(g, source_kind=SourceKind.INDICATOR_TABLE) == []


# --- rules learnt on other agencies' LKIPs ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("INDIKATOR SASARAN", "indicator"),
        ("SASARAN STRATEGIS", "sasaran"),
        ("Sasaran / Indikator", "sasaran"),
        ("Sat", "unit"),
        ("Sumber data", "other"),
        ("% Capaian", "pct"),
        ("(%) Capaian", "pct"),
        ("Tingkat Capaian", "pct"),
        ("Capaian Kinerja (%)", "pct"),
        ("Persentase", "pct"),
        ("Capaian", "capaian"),
        ("Target Capaian", "target"),
        ("Terhadap Indikator Kinerja 2016", "capaian"),  # "Capaian" lost from a spanning cell above
        ("Target* 2016", "target"),
    ],
)
def test_role_of_header_head_noun_first(text: str, role: str) -> None:
    from lkip.extract.vocab._cues import role_of_header

    assert role_of_header(text) == role


def test_pk_with_indikator_sasaran_header() -> None:
    g = grid(
        ["No", "SASARAN STRATEGIS", "INDIKATOR SASARAN", "TARGET"],
        ["1", "Promosi dan Informasi Budaya", "Pameran Produk Unggulan", "135 Jenis"],
        ["", "", "Pameran Bordir", "12 Kabupaten dan Kota"],
    )
    rows = pk_rows_from_grid(g, year=2016)
    assert [(r.sasaran, r.indicator_text, r.target_text) for r in rows] == [
        ("Promosi dan Informasi Budaya", "Pameran Produk Unggulan", "135 Jenis"),
        ("Promosi dan Informasi Budaya", "Pameran Bordir", "12 Kabupaten dan Kota"),
    ]


def test_year_group_label_spans_sub_columns() -> None:
    model = model_from_header(
        [
            ["No", "Sasaran Strategis", "Indikator", "Tahun (2016)", "", "", "Capaian %"],
            ["", "", "", "Satuan", "Target", "Realisasi", ""],
        ]
    )
    assert model.kind is TableKind.CAPAIAN
    assert [(c.role, c.year) for c in model.columns[3:6]] == [("unit", 2016), ("target", 2016), ("realisasi", 2016)]


def test_numbered_list_cell_is_split_into_rows() -> None:
    g = grid(
        ["NO", "SASARAN STRATEGIS", "INDIKATOR KINERJA", "SATUAN", "TARGET", "REALISASI", "CAPAIAN"],
        ["3", "Meningkatnya pelayanan", "3. Persentase berita termonitor 4. Persentase program tersosialisasi",
         "Persen Persen", "100% 90%", "100% 80%", "100% 88,9%"],
        ["4", "Terwujudnya layanan", "Jumlah dokumen", "Dokumen", "5", "5", "100%"],
    )
    rows = capaian_rows_from_grid(g, source_kind=SourceKind.MAIN_TABLE, year=2016)
    assert [(r.indicator_text, r.target_text, r.realisasi_text, r.pct_text, r.unit_text) for r in rows] == [
        ("Persentase berita termonitor", "100%", "100%", "100%", "Persen"),
        ("Persentase program tersosialisasi", "90%", "80%", "88,9%", "Persen"),
        ("Jumlah dokumen", "5", "5", "100%", "Dokumen"),
    ]


def test_numbered_list_with_one_merged_target() -> None:
    g = grid(
        ["NO", "SASARAN STRATEGIS", "INDIKATOR KINERJA", "TARGET"],
        ["7", "Terwujudnya pelayanan", "1. Persentase laporan tepat waktu 2. Opini BPK atas laporan", "100%"],
    )
    rows = pk_rows_from_grid(g, year=2016)
    assert [(r.sasaran, r.indicator_text, r.target_text) for r in rows] == [
        ("Terwujudnya pelayanan", "Persentase laporan tepat waktu", "100%"),
        ("Terwujudnya pelayanan", "Opini BPK atas laporan", "100%"),
    ]


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("1. Jumlah a 2. Jumlah b", ["Jumlah a", "Jumlah b"]),
        ("a. Nilai x b. Nilai y c. Nilai z", ["Nilai x", "Nilai y", "Nilai z"]),
        ("Jumlah a 2. Jumlah b", ["Jumlah a 2. Jumlah b"]),  # no marker at the start
        ("1. Jumlah a 3. Jumlah b", ["1. Jumlah a 3. Jumlah b"]),  # not consecutive
        ("- Jumlah produksi padi - Jumlah produksi buah-buahan", ["Jumlah produksi padi",
                                                               "Jumlah produksi buah-buahan"]),
        ("Jumlah produksi buah-buahan - Jumlah padi", ["Jumlah produksi buah-buahan - Jumlah padi"]),
    ],
)
def test_split_list_items(text: str, items: list[str]) -> None:
    from lkip.extract.tables._list_cells import split_list_items

    assert split_list_items(text) == items


def test_a_cell_of_dashed_indicators_with_stacked_figures_is_split_into_rows() -> None:
    """One ruled cell per column for a whole group: items dealt out; a column that does not deal out gives none."""
    from lkip.extract.model import SourceKind
    from lkip.extract.tables import capaian_rows_from_grid

    g = grid(
        ["Sasaran Strategis", "Indikator Kinerja", "Satuan", "Realisasi 2016", "%"],
        ["Meningkatnya produksi", "- Jumlah produksi padi - Jumlah produksi jagung - Tanaman hias",
         "Ton Ton Tangkai", "12.540.550 *) 1.630.238 *) 145.905.100 *)", "99,02 101,81 136,90 52,08"],
    )
    rows = capaian_rows_from_grid(g, source_kind=SourceKind.MAIN_TABLE, year=2016)
    assert [(r.indicator_text, r.realisasi_text, r.pct_text) for r in rows] == [
        ("Jumlah produksi padi", "12.540.550", None),  # four figures for three items: the % is not dealt
        ("Jumlah produksi jagung", "1.630.238", None),
        ("Tanaman hias", "145.905.100", None),
    ]


def test_split_item_lines_names_sub_items_with_their_head_and_starts_indicators_by_their_words() -> None:
    from lkip.extract.tables._list_cells import split_item_lines

    lines = ["Jumlah Produksi Tanaman", "Pangan dan Hortikultura :", "a. Padi", "b. Kacang Tanah",
             "Persentase kehilangan hasil", "komoditas Padi (%)", "a. Jumlah Luas Sawah yang", "dapat diairi (Ha)",
             "Jumlah Kelompok /Pelaku", "yang Menerapkan Sistem", "Jaminan Mutu"]
    assert split_item_lines(lines) == [
        "Jumlah Produksi Tanaman Pangan dan Hortikultura : Padi",
        "Jumlah Produksi Tanaman Pangan dan Hortikultura : Kacang Tanah",
        "Persentase kehilangan hasil komoditas Padi (%)",
        "Jumlah Luas Sawah yang dapat diairi (Ha)",
        "Jumlah Kelompok /Pelaku yang Menerapkan Sistem Jaminan Mutu",
    ]
    assert split_item_lines(["Persentase penduduk yang", "memiliki akses air minum"]) == []  # one indicator


def test_a_ruled_cell_of_stacked_indicators_is_split_by_its_printed_lines() -> None:
    """A PK whose body is one ruled row: indicators one under another, targets one per line."""
    from lkip.extract.model import Provenance
    from lkip.extract.tables import Cell

    def cell(*lines: str) -> Cell:
        return Cell(" ".join(lines), Provenance(page=63, source_text="\n".join(lines)))

    g = [[cell("NO"), cell("SASARAN STRATEGIS"), cell("INDIKATOR KINERJA"), cell("TARGET")],
         [cell("1.", "2."), cell("Meningkatnya Produksi", "Menurunnya kehilangan hasil"),
          cell("Jumlah Produksi Tanaman :", "a. Padi", "b. Jagung", "Persentase kehilangan hasil", "komoditas Padi (%)"),
          cell("12.317.066 ton", "1.190.793 ton", "10,90 %")]]
    rows = pk_rows_from_grid(g, year=2016)
    assert [(r.sasaran, r.indicator_text, r.target_text) for r in rows] == [
        (None, "Jumlah Produksi Tanaman : Padi", "12.317.066 ton"),  # two sasaran stacked: whose is whose is not printed
        (None, "Jumlah Produksi Tanaman : Jagung", "1.190.793 ton"),
        (None, "Persentase kehilangan hasil komoditas Padi (%)", "10,90 %"),
    ]


def test_leading_list_marker_is_dropped_from_indicator() -> None:
    g = grid(
        ["Sasaran Strategis", "Indikator Kinerja", "Target"],
        ["Meningkatnya industri", "1. Pertumbuhan industri manufaktur", "185.80 Triliun Rupiah"],
        ["", "2. Peningkatan jumlah unit usaha", "202.955"],
    )
    assert [r.indicator_text for r in pk_rows_from_grid(g)] == [
        "Pertumbuhan industri manufaktur",
        "Peningkatan jumlah unit usaha",
    ]


def test_value_sub_row_under_one_indicator_is_its_own_row() -> None:
    g = grid(
        ["No", "Indikator Kinerja", "Sat", "Target", "Realisasi", "Capaian (%)"],
        ["2", "Jumlah UTTP dan BDKT", "Buah", "6,831,222", "4,341,614", "63.46"],
        ["", "", "Buah", "3,900", "928", "23.79"],
        ["3", "Nilai kinerja", "Indeks", "80", "85", "106,25 % (Sangat"],
        ["", "", "", "", "", "Baik)"],
    )
    rows = capaian_rows_from_grid(g, source_kind=SourceKind.MAIN_TABLE, year=2016)
    assert [(r.indicator_text, r.target_text, r.realisasi_text, r.pct_text) for r in rows] == [
        ("Jumlah UTTP dan BDKT", "6,831,222", "4,341,614", "63.46"),
        ("Jumlah UTTP dan BDKT", "3,900", "928", "23.79"),
        ("Nilai kinerja", "80", "85", "106,25 % (Sangat Baik)"),
    ]


@pytest.mark.parametrize(
    ("cells", "mark"),
    [
        (["185.80", "202,955", "6,831,222", "90.68"], "."),
        (["100,00", "87,50", "1.000"], ","),
        (["185.80", "2,5%"], None),  # the table mixes styles
        (["202,955", "3,900"], None),  # only ambiguous figures
        (["97.36"], None),  # one vote is not enough
    ],
)
def test_decimal_mark_of_table(cells: list[str], mark: str | None) -> None:
    from lkip.extract.vocab._cues import decimal_mark_of

    assert decimal_mark_of(cells) == mark


def test_rows_carry_their_tables_decimal_mark() -> None:
    g = grid(
        ["No", "Indikator Kinerja", "Target", "Realisasi", "Capaian (%)"],
        ["1", "Jumlah unit usaha", "202,955", "203,440", "100.23"],
        ["2", "Pertumbuhan industri", "185.80", "168.49", "90.68"],
    )
    rows = capaian_rows_from_grid(g, source_kind=SourceKind.MAIN_TABLE, year=2016)
    assert {r.decimal_mark for r in rows} == {"."}


def test_last_years_column_is_not_this_years_figure() -> None:
    # "Capaian Tahun Lalu 2015" beside this year's columns: no stated % for 2016, not last year's.
    model = model_from_header([["Indikator", "Capaian 2015", "Target 2016", "Realisasi 2016"]])
    assert model.pick(ColumnRole.TARGET, 2016).header == "Target 2016"
    assert model.pick(ColumnRole.CAPAIAN, 2016) is None
    # A table labelled with last year throughout (a stale label) still gives its figures.
    stale = model_from_header([["No", "Indikator Kinerja", "Target 2023", "Realisasi 2023", "Persentase"]])
    assert stale.pick(ColumnRole.TARGET, 2024).header == "Target 2023"
    assert stale.pick(ColumnRole.PCT, 2024).header == "Persentase"
