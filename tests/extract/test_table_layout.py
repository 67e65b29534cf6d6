"""Tables in column-aligned ("layout") text dumps: pdftotext -layout, pdfplumber layout text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from lkip.extract.model._records import SourceKind, lines_of_text
from lkip.extract.tables._grid import TableKind, capaian_rows_from_grid, pk_rows_from_grid
from lkip.extract.text_tables._find import extract_capaian_tables, extract_pk
from lkip.extract.text_tables._layout import is_layout_text, read_layout_table
from lkip.extract.text_tables._layout_cells import geometry_of, split_line
from lkip.extract.text_tables._layout_header import line_words, read_layout_header
from lkip.extract.vocab._cues import ColumnRole
from lkip.figures import parse_number
from lkip.normalize.catalogue import indicator_scorer, load_catalogue

#: The packaged catalogue's indicator scorer, as the pipeline passes it.
SCORE = indicator_scorer(load_catalogue())


def _table(text: str):
    lines = lines_of_text(text)
    for i in range(len(lines)):
        table = read_layout_table(lines, i)
        if table is not None:
            return table
    raise AssertionError("no table found")


def _capaian(text: str):
    t = _table(text)
    return capaian_rows_from_grid(t.grid, source_kind=SourceKind.MAIN_TABLE, year=2024, model=t.model)


def _pk(text: str):
    t = _table(text)
    return pk_rows_from_grid(t.grid, year=2024, model=t.model)


def test_words_after_two_spaces_are_anchored():
    words = line_words("   1  Nilai Kinerja   88")
    assert [(w.text, w.start, w.anchored) for w in words] == [
        ("1", 3, True),
        ("Nilai", 6, True),
        ("Kinerja", 12, False),
        ("88", 22, True),
    ]


def test_header_cells_split_by_words_where_one_space_apart():
    lines = lines_of_text("   No    Sasaran Strategis    Indikator Kinerja Target Realisasi Capaian (%)")
    head = read_layout_header(lines, 0)
    assert head is not None
    assert [c.role for c in head.model.columns] == [
        ColumnRole.NO,
        ColumnRole.SASARAN,
        ColumnRole.INDICATOR,
        ColumnRole.TARGET,
        ColumnRole.REALISASI,
        ColumnRole.PCT,
    ]
    assert head.model.kind is TableKind.CAPAIAN


def test_header_over_several_lines_with_a_year_label():
    text = (
        "                                    Tahun (2016)\n"
        "                                                    Capaian\n"
        "  No  Sasaran Strategis Indikator\n"
        "                                                      %\n"
        "                               Satuan Target Realisasi\n"
        "  1         2            3          4            5\n"
    )
    head = read_layout_header(lines_of_text(text), 2)
    assert head is not None
    cols = {c.role: c for c in head.model.columns}
    assert cols[ColumnRole.TARGET].year == 2016 and cols[ColumnRole.REALISASI].year == 2016
    assert ColumnRole.PCT in cols and head.end == 6  # the column-number row belongs to the header


def test_prose_line_is_not_a_header():
    lines = lines_of_text("   target dan realisasi indikator kinerja tahun 2016 sebagai berikut")
    assert read_layout_header(lines, 0) is None


# A drifted table: cells one space apart on each row's first line, wrapped lines aligned.
DRIFTED = """\
        No      Sasaran Strategis      Indikator Kinerja   Target  Satuan

       1   Meningkatnya daya tangkal anak Jumlah kabupaten/kota dengan Indeks 3 Kabupaten/Kota
           dan remaja terhadap pengaruh   Ketahanan Diri Remaja berkategori
           buruk narkotika                “Tinggi”
       2   Meningkatnya upaya pemulihan Persentase penyalahguna yang pulih 70 %
           penyalahguna narkotika         dari narkotika
"""


def test_drifted_run_is_cut_into_sasaran_indicator_target_and_unit():
    rows = _pk(DRIFTED)
    assert [r.target_text for r in rows] == ["3 Kabupaten/Kota", "70 %"]
    assert [r.unit_text for r in rows] == ["Kabupaten/Kota", "%"]
    assert rows[0].indicator_text.startswith("Jumlah kabupaten/kota dengan Indeks")
    assert rows[0].indicator_text.endswith("berkategori “Tinggi”")
    assert rows[0].sasaran.startswith("Meningkatnya daya tangkal anak")
    assert "buruk narkotika" in rows[0].sasaran and "Jumlah" not in rows[0].sasaran
    assert rows[1].indicator_text == "Persentase penyalahguna yang pulih dari narkotika"


def test_provenance_is_the_line_where_the_indicator_starts():
    rows = _pk("intro\n" + DRIFTED)
    assert [r.where.line for r in rows] == [4, 7]
    assert rows[0].where.method == "text:layout"


def test_figures_in_order_fill_value_columns_and_gaps_are_kept():
    text = (
        "  No       Indikator Kinerja         Target Realisasi Capaian (%)\n"
        "  1   Jumlah kabupaten/kota dengan Indeks 3 2 66,67\n"
        "      Ketahanan Diri Remaja\n"
        "  2   Nilai Kinerja Anggaran (NKA)   88      95,40   108,41\n"
        "  3   Nilai Indeks Kepuasan          3,65            104,38\n"
    )
    rows = _capaian(text)
    assert [(r.target_text, r.realisasi_text, r.pct_text) for r in rows] == [
        ("3", "2", "66,67"),
        ("88", "95,40", "108,41"),
        ("3,65", None, "104,38"),
    ]
    assert rows[0].indicator_text == "Jumlah kabupaten/kota dengan Indeks Ketahanan Diri Remaja"


def test_row_number_printed_a_line_early_moves_to_its_row():
    text = (
        "  No  Sasaran         Indikator      Target Realisasi Capaian (%)\n"
        "  1   Meningkatnya    Tingkat        100    100       100\n"
        "      mutu            kesesuaian\n"
        "  2   rencana         perencanaan\n"
        "      Meningkatnya    Persentase     85     87,50     102,94\n"
        "      kinerja         usulan\n"
    )
    rows = _capaian(text)
    assert [r.indicator_text for r in rows] == ["Tingkat kesesuaian perencanaan", "Persentase usulan"]
    assert [r.target_text for r in rows] == ["100", "85"]


def test_centred_figures_join_the_row_whose_text_they_sit_in():
    text = (
        "  NO   SASARAN         INDIKATOR          TARGET  REALISASI CAPAIAN\n"
        "       Meningkatnya    Persentase\n"
        "       jaminan         pelayanan\n"
        "  1                                       100%     90%       90%\n"
        "       kesehatan       kesehatan pegawai\n"
        "       Meningkatnya    Jumlah buku\n"
        "  2                                       10       12        120%\n"
        "       koleksi         perpustakaan\n"
    )
    rows = _capaian(text)
    assert [r.indicator_text for r in rows] == [
        "Persentase pelayanan kesehatan pegawai",
        "Jumlah buku perpustakaan",
    ]
    assert [r.realisasi_text for r in rows] == ["90%", "12"]


def test_listed_indicators_share_one_merged_target():
    text = (
        "  NO  SASARAN STRATEGIS   INDIKATOR KINERJA        TARGET\n"
        "  1   Meningkatnya        1. Persentase berita\n"
        "      layanan informasi      yang termonitor\n"
        "                                                   100%\n"
        "                          2. Persentase program\n"
        "                             yang tersosialisasi\n"
    )
    rows = _pk(text)
    assert [r.indicator_text for r in rows] == [
        "Persentase berita yang termonitor",
        "Persentase program yang tersosialisasi",
    ]
    assert [r.target_text for r in rows] == ["100%", "100%"]


def test_figures_after_a_complete_row_open_a_row_without_row_numbers():
    text = (
        "  No  SASARAN STRATEGIS     INDIKATOR SASARAN        TARGET\n"
        "  1   Promosi budaya        Pameran produk unggulan  135 Jenis\n"
        "                            Jawa Barat\n"
        "                            Pekan pameran pariwisata 12 Kabupaten\n"
        "                                                      dan Kota\n"
    )
    rows = _pk(text)
    assert [r.indicator_text for r in rows] == ["Pameran produk unggulan Jawa Barat", "Pekan pameran pariwisata"]
    assert [r.target_text for r in rows] == ["135 Jenis", "12 Kabupaten dan Kota"]


def test_page_break_with_footer_and_repeated_header_continues_the_table():
    text = (
        "  No       Indikator Kinerja         Target Realisasi Capaian (%)\n"
        "  1   Jumlah pasar direvitalisasi    25      24        96\n"
        "\n\n"
        "  LKIP Dinas Contoh Tahun 2024                    III - 4\n"
        "\n\n\n\n"
        "  No       Indikator Kinerja         Target Realisasi Capaian (%)\n"
        "      tradisional\n"
        "  2   Jumlah kerjasama dagang        5       3         60\n"
    )
    rows = _capaian(text)
    assert [r.indicator_text for r in rows] == ["Jumlah pasar direvitalisasi tradisional", "Jumlah kerjasama dagang"]


def test_group_label_rows_give_the_sasaran():
    text = (
        "  No  Indikator Kinerja        Target Realisasi Capaian (%)\n"
        "  Sasaran ke-1 : Meningkatnya mutu layanan perdagangan\n"
        "   1 Jumlah pasar direvitalisasi 25   24      96\n"
    )
    t = _table(text)
    rows = capaian_rows_from_grid(t.grid, source_kind=SourceKind.MAIN_TABLE, year=2024, model=t.model)
    assert [r.indicator_text for r in rows] == ["Jumlah pasar direvitalisasi"]
    assert rows[0].target_text == "25"


def test_prose_after_a_blank_line_ends_the_table():
    text = (
        "  No       Indikator Kinerja         Target Realisasi Capaian (%)\n"
        "  1   Jumlah pasar direvitalisasi    25      24        96\n"
        "\n"
        "  Secara keseluruhan capaian kinerja dinas pada tahun ini tergolong sangat baik dan\n"
        "  memenuhi target yang telah ditetapkan dalam perjanjian kinerja\n"
    )
    t = _table(text)
    assert t.end == 2 and len(t.grid) == 1


def test_trailing_text_columns_do_not_join_the_last_figure():
    head = "  No  Indikator Kinerja Sat     Target Realisasi Capaian (%) Kategori Sumber"
    at = head.index("Kategori")
    row = "   1 Pertumbuhan industri Persen 185.80  168.49"
    row = row + " " * (at - 6 - len(row)) + "90.68 Baik    BPS"  # "Baik" one space after, under its header
    text = f"{head}\n{row}\n"
    t = _table(text)
    cells = split_line(row, geometry_of(_layout_header(text), [row]))
    assert cells[t.model.pick(ColumnRole.PCT).index] == "90.68"
    assert cells[t.model.pick(ColumnRole.REALISASI).index] == "168.49"
    assert "Baik" in cells[len(t.model.columns) - 1]


def _layout_header(text: str):
    head = read_layout_header(lines_of_text(text), 0)
    assert head is not None
    return head


def test_layout_style_is_told_from_plain_dumps():
    layout = lines_of_text("\n".join(f"        line {i}    with   gaps" for i in range(10)))
    plain = lines_of_text("\n".join(f"line {i} without gaps" for i in range(10)))
    assert is_layout_text(layout) and not is_layout_text(plain)


# --- a layout dump of a sample PDF --------------------------------------------------------------


def _layout_dump(pdf: Path) -> str:
    pdfplumber = pytest.importorskip("pdfplumber")
    with pdfplumber.open(pdf) as doc:
        return "\n".join(page.extract_text(layout=True) or "" for page in doc.pages)


def _value(text: str | None) -> float | None:
    return parse_number(text).value if text else None


@pytest.mark.parametrize("stem", ["lkip_bnnp_nusa_lestari_2024", "lkip_bnnk_sukamaju_2023"])
def test_layout_dump_of_a_sample_pdf_gives_its_rows(samples_dir: Path, stem: str):
    expected = json.loads((samples_dir / "pdf" / f"{stem}.json").read_text(encoding="utf-8"))
    lines = lines_of_text(_layout_dump(samples_dir / "pdf" / f"{stem}.pdf"))
    assert is_layout_text(lines)
    year = expected["year"]
    pk, _, found = extract_pk(lines, year=year, indicator_score=SCORE)
    assert found and len(pk) == len(expected["pk"])
    for want, got in zip(expected["pk"], pk, strict=True):
        assert fuzz.token_set_ratio(want["indicator"].lower(), got.indicator_text.lower()) >= 90
        assert _value(got.target_text) == pytest.approx(want["target"])
        assert got.where.method == "text:layout" and got.where.line is not None
    capaian, found = extract_capaian_tables(lines, year=year, indicator_score=SCORE)
    main = [r for r in capaian if r.source_kind is SourceKind.MAIN_TABLE]
    want_main = [c for c in expected["capaian"] if c.get("table", "").startswith("Tabel")] or expected["capaian"]
    assert found and len(main) == len(want_main)
    for want, got in zip(want_main, main, strict=True):
        assert _value(got.target_text) == pytest.approx(want["target"])
        assert _value(got.realisasi_text) == pytest.approx(want["realisasi"])
        assert _value(got.pct_text) == pytest.approx(want["stated_pct"])
