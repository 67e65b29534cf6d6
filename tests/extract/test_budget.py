"""The office's own budget: pagu, realisasi and stated percentage."""

from __future__ import annotations

import json

import pytest

from lkip.extract.model._records import TextLine, lines_of_text
from lkip.extract.prose._budget import extract_budget
from lkip.extract.prose._stream import prose_of


def _budget(*texts: str):
    b = extract_budget(prose_of(lines_of_text("\n".join(texts))))
    return None if b is None else (b.pagu_text, b.realisasi_text, b.pct_text, b.where.line)


def test_pagu_first_sentence_broken_over_lines():
    assert _budget(
        "Pagu anggaran BNN Provinsi X Tahun 2024 untuk mendukung program Dukungan Manajemen "
        "sebesar ",
        "",
        "Rp. 13.105.774.000,- dengan realisasi sebesar Rp. 12.693.487.487,- atau sebesar ",
        "",
        "96,91 %. ",
    ) == ("Rp. 13.105.774.000,-", "Rp. 12.693.487.487,-", "96,91 %", 3)


def test_realisasi_first_sentence_with_blokir_and_spelled_amounts():
    assert _budget(
        "Realisasi anggaran belanja BNN Provinsi X Tahun 2024 adalah sebesar "
        "Rp.7.675.626.440,- (tujuh milyar "
        "rupiah) dengan blokir sebesar Rp.16.524.000,- atau 96,09% dari total anggaran yang "
        "disediakan yaitu "
        "sebesar Rp.7.988.525.000,- (tujuh milyar rupiah)."
    ) == ("Rp.7.988.525.000,-", "Rp.7.675.626.440,-", "96,09%", 1)


def test_serapan_sentence_skips_an_earlier_percentage():
    assert _budget(
        "Capaian indikator kinerja BNN Kota X Tahun 2024 sebesar 90 % dengan serapan",
        "anggaran sebesar Rp. 2.156.144.253 dari pagu Rp. 2.251.931.000 ,- atau sebesar 95.75 %.",
    ) == ("Rp. 2.251.931.000 ,-", "Rp. 2.156.144.253", "95.75 %", 2)


def test_table_total_row_read_in_header_order():
    assert _budget(
        "No Jenis Belanja",
        "Pagu DIPA (Rp) Realisasi (Rp) % Sisa (Rp) %",
        "1. Belanja Pegawai",
        "5.133.665.000 4.790.482.492 93,32 343.182.508 6,68",
        "13.105.774.000 12.693.487.487 96,85 412.286.513 3,15Jumlah",
    ) == ("13.105.774.000", "12.693.487.487", "96,85", 5)


def test_table_with_a_blokir_column_and_comma_thousands():
    assert _budget(
        "NO\tKODE\tINDIKATOR OUTPUT\tANGGARAN\t\t\tOUTPUT",
        "\t\t\tPagu Awal\tBlokir\tRealisasi\t%\tTarget\tRealisasi\t%\tSatuan",
        "1\t3236.EBA.994\tLayanan "
        "Perkantoran\t4,281,671,000\t\t4,001,008,445\t93.45\t12\t12\t100.00\tLayanan",
        "\t\t<b>JUMLAH</b>\t<b>7,988,525,000</b>\t<b>16,524,000</b>\t<b>7,676,554,161</b>\t<b>96.095</b>",
    ) == ("7,988,525,000", "7,676,554,161", "96.095", 4)


def test_a_total_row_under_another_tables_header_is_not_read():
    assert (
        _budget(
            "No Jenis Belanja Anggaran Realisasi Sisa Persentase",
            "Jumlah Rp. 7.988.525.000,- Rp.7.675.626.440,- Rp.312.898.560,- 96,08%",
            "No Jenis Belanja Tahun 2022 Tahun 2023 Tahun 2024",
            "Jumlah Rp.7.681.314.000,- Rp.7.747.278.000,- Rp. 7.988.525.000,-",
        )[3]
        == 2
    )


def test_own_dipa_beats_a_combined_figure_stated_earlier():
    got = _budget(
        "Realisasi anggaran belanja BNN Provinsi X Tahun 2024 adalah sebesar "
        "Rp.11.010.853.963,- atau 97,03% "
        "dari total anggaran yang disediakan yaitu sebesar Rp.11.347.093.000,-.",
        "B. AKUNTABILITAS KEUANGAN",
        "Realisasi anggaran belanja BNN Provinsi X Tahun 2024 adalah sebesar "
        "Rp.7.675.626.440,- atau 96,09% "
        "dari total anggaran yang disediakan yaitu sebesar Rp.7.988.525.000,-.",
        "Untuk realisasi BNN Provinsi X dan jajaran TA.2024 adalah sebagai berikut :",
        "No Satker Pagu Realisasi Persentase",
        "1 BNN Provinsi X Rp. 7.988.525.000,- Rp.7.675.626.440,- 96,08%",
        "2 BNNK Y Rp.3.358.568.000,- Rp.3.335.227.523,- 99,30%",
        "Rp.11.347.093.000,- Rp.11.010.853.963,- 97,03%",
    )
    assert got == ("Rp.7.988.525.000,-", "Rp.7.675.626.440,-", "96,09%", 3)


def test_a_combined_figure_is_used_when_no_own_figure_is_given():
    assert _budget(
        "Pagu anggaran BNN Provinsi X beserta Jajarannya sebesar Rp. 13.105.774.000,- dengan "
        "realisasi sebesar "
        "Rp. 12.693.487.487,- atau sebesar 96,91 %.",
        "Program Dukungan Manajemen, dengan Pagu sebesar Rp. 10.316.230.000,- Realisasi "
        "anggaran program ini "
        "sebesar Rp. 9.930.808.789,- (96,34).",
    )[:3] == ("Rp. 13.105.774.000,-", "Rp. 12.693.487.487,-", "96,91 %")


def test_an_activity_budget_is_smaller_than_the_office_budget():
    assert (
        _budget(
            "Total anggaran kegiatan Informasi dan Edukasi sebesar Rp. 250.350.000, dan "
            "realisasi anggaran sebesar "
            "Rp. 249.350.000 atau 99.60%.",
            "Pada tahun 2024 realisasi anggaran sebesar Rp. 2.156.144.253 dari pagu Rp. "
            "2.251.931.000 atau 95,75 %.",
        )[0]
        == "Rp. 2.251.931.000"
    )


def test_no_budget_statement_gives_none():
    assert (
        _budget(
            "Alokasi anggaran APBN sebesar Rp 1.851.931.000,- dan Hibah sebesar Rp. 400.000.000,-"
        )
        is None
    )
    assert extract_budget(prose_of([])) is None


def test_pdf_lines_give_page_provenance():
    lines = [
        TextLine("Dari anggaran yang telah dialokasikan sebesar Rp. 1.397.870.000,00", page=41),
        TextLine("telah terealisasi sebesar Rp.1.388.819.900,00 atau 99,35%.", page=42),
    ]
    b = extract_budget(prose_of(lines))
    assert (b.pagu_text, b.realisasi_text, b.pct_text) == (
        "Rp. 1.397.870.000,00",
        "Rp.1.388.819.900,00",
        "99,35%",
    )
    assert b.where.page == 41 and b.where.method == "pdf:budget"


def test_a_total_named_after_realisasi_words_is_the_pagu():
    assert _budget(
        "3.2.1. Anggaran dan Realisasi Anggaran",
        "Dinas X melaksanakan program dan kegiatan dengan total belanja sebesar Rp. "
        "123.881.506.500,- dan telah terealisasi",
        "sebesar Rp. 114.011.316.109,- atau sebesar 92.03% dengan realisasi fisik sebesar 100%.",
        "1. Kegiatan Rapat Koordinasi dengan alokasi anggaran sebesar Rp. 399,380,000.00 "
        "realisasi anggaran sebesar Rp. 394,166,888.00 atau 98.69%.",
    ) == ("Rp. 123.881.506.500,-", "Rp. 114.011.316.109,-", "92.03%", 2)


def test_an_activity_list_item_is_a_part_even_when_larger():
    assert _budget(
        "Pagu anggaran Dinas X sebesar Rp. 2.000.000.000,- dengan realisasi Rp. 1.900.000.000,- "
        "atau 95,00%.",
        "12. Kegiatan Peningkatan Kapasitas dengan alokasi anggaran sebesar Rp. 11.533.955.000,- "
        "realisasi anggaran sebesar Rp.11.132.007.993,- (96,52%).",
    )[:3] == ("Rp. 2.000.000.000,-", "Rp. 1.900.000.000,-", "95,00%")


def test_pdf_table_header_one_cell_per_line_with_a_year_column():
    # PDF text gives each header cell its own line; "DPA T.A 2016" is a column, not a caption
    assert _budget(
        "kegiatan di lingkungan badan diperoleh hasil 87,70% dengan rincian sebagai berikut:",
        "REKAPITULASI BELANJA BADAN X T.A. 2016",
        "BELANJA",
        "DPA T.A 2016",
        "(Rp)",
        "REALISASI",
        "(Rp)",
        "SISA",
        "ANGGARAN",
        "%",
        "REALISASI",
        "BELANJA TIDAK",
        "LANGSUNG",
        "10.927.840.003,- 10.605.660.858,- 322.179.145,- 97,05",
        "BELANJA LANGSUNG 37.664.381.200,- 33.030.490.451,00 4.633.890.749,00 87,70",
        "JUMLAH 48. 592.221.203,- 43.636.151.309,- 4.956.069.894,- 89,80",
    ) == ("48.592.221.203,-", "43.636.151.309,-", "89,80", 16)


def test_a_percentage_column_of_the_remainder_is_not_the_stated_percentage():
    assert _budget(
        "sebagaimana diuraikan dalam tabel berikut:",
        "Tabel 3.5",
        "SILPA Total APBD dan APBN",
        "Tahun Anggaran 2016",
        "No Sumber Anggaran Anggaran (Rp) Realisasi (Rp)",
        "SILPA*)",
        "Rp %",
        "TOTAL 71.097.795.842 62.833.046.831 8.264.749.011 11,62",
    ) == ("71.097.795.842", "62.833.046.831", None, 8)


def test_a_revenue_table_total_is_not_the_budget():
    assert (
        _budget(
            "Tabel 3.8.",
            "Realisasi dan Pencapaian Target Pendapatan Tahun 2016",
            "No UPTD Anggaran setelah",
            "perubahan (Rp)",
            "Realisasi",
            "(Rp)",
            "1 Balai A 1,567,323,000 1,328,617,450",
            "Jumlah 10,573,573,300 10,028,757,854",
        )
        is None
    )


def test_table_cells_read_as_one_sentence_are_not_a_budget_statement():
    assert (
        _budget(
            "ALOKASI (Rp) REALISASI (Rp) CAPAIAN (%)",
            "1",
            "Meningkatnya jaminan",
            "Kesejahteraan bagi",
            "Aparatur Pemerintah",
            "Persentase PNS yang",
            "Mendapat Pendidikan",
            "100% 100% 100%",
            "Rp 1.506.190.00",
            "0 Rp 1.258.896.424",
            "83.58%",
        )
        is None
    )


def test_the_budget_of_the_indicator_named_just_before_is_a_part():
    assert (
        _budget(
            "Indikator tingkat layanan satu data pada tahun 2016 targetnya adalah 90%, tetapi hanya "
            "bisa terealisasi sebesar 88,59%. Dari anggaran yang telah dialokasikan sebesar Rp.",
            "1,397,870,000.00 telah terealisasi sebesar Rp.1,388,819,900.00 (99,53%).",
        )
        is None
    )


def test_a_perjanjian_kinerja_with_one_program_gives_a_pagu_only_budget():
    got = extract_budget(prose_of(
        lines_of_text(
            "\n".join(
                [
                    "PERJANJIAN KINERJA TAHUN 2017",
                    "DINAS X PROVINSI Y",
                    "No Sasaran Indikator Kinerja Satuan Target",
                    "1 Meningkatnya minat Persentase kelompok Persen 18",
                    "Program Pembinaan dan Pengembangan Olah Raga -Rp 7.054.881.550",
                ]
            )
        )
    ))
    assert (got.pagu_text, got.realisasi_text, got.pct_text) == ("Rp 7.054.881.550", None, None)
    assert got.where.line == 5 and got.where.method == "text:pk_budget"


def test_a_perjanjian_kinerja_with_several_programs_and_no_total_gives_none():
    assert (
        _budget(
            "PERJANJIAN KINERJA TAHUN 2016",
            "Program Anggaran (Rp) Keterangan",
            "1. Program Pengembangan Nilai Budaya",
            "2. Program Pengelolaan Kekayaan Budaya",
            "933.855.975",
            "3.301.006.328",
        )
        is None
    )


def test_an_lkip_program_list_total_is_not_a_budget():
    assert (
        _budget(
            "LAPORAN KINERJA INSTANSI PEMERINTAH TAHUN 2016",
            "Perjanjian Kinerja Tahun 2016",
            "NO PROGRAM ANGGARAN KETERANGAN",
            "1. Program Pengembangan Komunikasi Rp. 28.764.500.000,00 APBD",
            "JUMLAH Rp. 162.286.927.500,00 APBD",
        )
        is None
    )


@pytest.mark.shared
def test_a_real_pdf_budget_sentence_on_its_page(shared_dir):
    from lkip.extract.adapters._pdfium import read_text_layer
    from lkip.extract.pdf._pages import lines_of_pages

    path = shared_dir / "real_pdfs" / "JabarProv_Disperindag_LKIP_2016.pdf"
    if not path.exists():
        pytest.skip("Disperindag PDF not present")
    b = extract_budget(prose_of(lines_of_pages(read_text_layer(path))))
    assert (b.pagu_text, b.realisasi_text, b.pct_text, b.where.page) == (
        "Rp. 123.881.506.500,-",
        "Rp. 114.011.316.109,-",
        "92.03%",
        53,
    )


@pytest.mark.shared
def test_corpus_budget_values(shared_dir):
    from lkip.figures import parse_number

    def num(text):
        return parse_number(text).value if text else None

    for path in sorted((shared_dir / "corpus").glob("*.txt")):
        expected = json.loads(path.with_suffix(".json").read_text("utf-8"))["budget"]
        b = extract_budget(prose_of(lines_of_text(path.read_text("utf-8"))))
        assert b is not None, path.name
        got = {
            "pagu": num(b.pagu_text),
            "realisasi": num(b.realisasi_text),
            "stated_pct": num(b.pct_text),
        }
        assert got == {k: expected[k] for k in got}, path.name
