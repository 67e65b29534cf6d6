"""PK and capaian tables found in text dumps: raw one-fragment-per-line and tab-separated."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lkip.extract.model._records import SourceKind, lines_of_text
from lkip.extract.text_tables._find import extract_capaian_tables, extract_pk
from lkip.figures import parse_number
from lkip.normalize.catalogue import indicator_scorer, load_catalogue

#: The packaged catalogue's indicator scorer, as the pipeline passes it.
SCORE = indicator_scorer(load_catalogue())

# A raw PK table: cells broken over lines, a column-number row, units split over lines
# ("2 Kabupaten/" + "Kota", "10 Berkas" + "Perkara"), a sasaran cell printed around the
# indicator and its value, and an indicator sharing its line with its value.
RAW_PK = """\
Perjanjian Kinerja BNNP Contoh Tahun 2024 sebagaimana tabel berikut :

PERJANJIAN  KINERJA TAHUN  2024

SASARAN
KEGIATAN

INDIKATOR KINERJA  TARGET SATUAN

1 2 3 4

Meningkatnya daya
tangkal remaja
terhadap narkoba

Jumlah kabupaten/kota
berkategori “Tinggi” di
wilayah provinsi

2 Kabupaten/
Kota

Meningkatnya upaya
pemulihan Kawasan

Nilai Keterpulihan
Kawasan Rawan yang
diintervensi

2,51 Indeks
 narkoba secara
berkelanjutan

Meningkatnya
pengungkapan perkara

Jumlah berkas perkara
yang P-21

10 Berkas
Perkara

Meningktanya proses
manajemen kinerja

Nilai Kinerja Anggaran  88 Indeks


Dari tabel tersebut diatas, BNNP Contoh mempunyai 3 (tiga) sasaran kegiatan.
"""


def test_raw_pk_rows() -> None:
    rows, _, found = extract_pk(lines_of_text(RAW_PK), year=2024, indicator_score=SCORE)
    assert found
    assert [(r.target_text, r.unit_text) for r in rows] == [
        ("2 Kabupaten/Kota", "Kabupaten/Kota"),
        ("2,51 Indeks", "Indeks"),
        ("10 Berkas Perkara", "Berkas Perkara"),
        ("88 Indeks", "Indeks"),
    ]
    assert [r.where.line for r in rows] == [16, 26, 37, 46]
    assert {r.where.method for r in rows} == {"text:raw_lines"}
    assert (
        rows[0].indicator_text == "Jumlah kabupaten/kota berkategori “Tinggi” di wilayah provinsi"
    )
    assert rows[1].sasaran == "Meningkatnya upaya pemulihan Kawasan narkoba secara berkelanjutan"
    assert rows[1].indicator_text == "Nilai Keterpulihan Kawasan Rawan yang diintervensi"
    assert rows[3].sasaran == "Meningktanya proses manajemen kinerja"  # typo still opens a sasaran
    assert rows[3].indicator_text == "Nilai Kinerja Anggaran"


def test_renstra_matrix_and_funding_table_are_not_pk() -> None:
    renstra = """\
Matrik Rencana Kinerja Tahun 2020-2024

NO KEGIATAN SASARAN KEGIATAN
INDIKATOR KINERJA
TARGET KINERJA
2020 2021 2022 2023 2024

1. Advokasi
Meningkatnya daya tangkal keluarga
Angka Indeks Ketahanan Keluarga
N/A 51 51,5 52 52,5
"""
    rkt = """\
B. Rencana Kinerja Tahunan
NO\tKEGIATAN\tSASARAN KEGIATAN\tINDIKATOR KINERJA KEGIATAN\tTARGET\tSATUAN\tANGGARAN
1.\tAdvokasi\tMeningkatnya daya tangkal\tJumlah kabupaten/kota\t2\tKab/Kota\tRp.56.095.000,-
"""
    assert extract_pk(lines_of_text(renstra), year=2024, indicator_score=SCORE) == ([], [], False)
    assert extract_pk(lines_of_text(rkt), year=2024, indicator_score=SCORE) == ([], [], False)


def test_pk_shaped_table_titled_as_a_plan_is_not_pk() -> None:
    text = """\
Rencana Kinerja Tahunan 2024

Sasaran Kegiatan Indikator Kinerja Target

Meningkatnya daya tangkal
Jumlah kabupaten/kota
2 Kabupaten/Kota
"""
    assert extract_pk(lines_of_text(text), year=2024, indicator_score=SCORE) == ([], [], False)


# A raw BAB III summary table cut by a page break: the header repeats (letter-spaced
# here) and the sasaran's and the indicator's tails share one line after it.
RAW_CAPAIAN = """\
SasaranKegiatan Indikator Kinerja Kegiatan Target

2024

Realisasi

2024

Capaian

(%)

(1) (2) (3) (4) (5)

Meningkatnya upaya

pemulihan Kawasan

narkoba secara

Jumlah kawasan rawan yang

beralih status dari

“Waspada” menjadi

1 1 100
 SasaranKegiatan Indikator Kinerja Kegiatan Target

2024

Realisasi

2024

Capaian

(%)

(1) (2) (3) (4) (5)

berkelanjutan “Siaga”

 Nilai Keterpulihan

Kawasan Rawan

2,51 3,00 119,52

Meningkatnya proses

manajemen kinerja

Nilai Kinerja Anggaran  88 97,81 111,15

 Guna mengetahui lebih jauh tentang capaian kinerja yang telah dicapai
"""


def test_raw_capaian_summary_with_page_break_tail() -> None:
    rows, found = extract_capaian_tables(lines_of_text(RAW_CAPAIAN), year=2024, indicator_score=SCORE)
    assert found
    assert {r.source_kind for r in rows} == {SourceKind.MAIN_TABLE}
    assert [r.indicator_text for r in rows] == [
        "Jumlah kawasan rawan yang beralih status dari “Waspada” menjadi “Siaga”",
        "Nilai Keterpulihan Kawasan Rawan",
        "Nilai Kinerja Anggaran",
    ]
    assert [(r.target_text, r.realisasi_text, r.pct_text) for r in rows] == [
        ("1", "1", "100"),
        ("2,51", "3,00", "119,52"),
        ("88", "97,81", "111,15"),
    ]
    assert [r.where.line for r in rows] == [21, 44, 54]


def test_per_indicator_tables_reversed_columns_and_split_values() -> None:
    text = """\
Sasaran Indikator Kinerja
Realisasi

2024

Target

2024

Realisasi

2023

Meningkatnya daya tangkal

Indeks Ketahanan diri

remaja

54,85 55,77 55,10

Penjelasan capaian indikator ini disajikan dalam uraian berikut ini secara rinci.

No Indikator Kinerja Kegiatan Target Realis

asi

%

1 Jumlah kabupaten/kota

berkategori “Tinggi”

2

Kabup

aten/K

ota

1 50

Indeks ketahanan diri remaja terhadap penyalahgunaan narkoba berkategori tinggi.

No Indikator Kinerja Kegiatan Target Realisasi %

1. Jumlah Berkas Perkara

Narkotika Yang P-

21

10

Berkas

12 120
"""
    rows, found = extract_capaian_tables(lines_of_text(text), year=2024, indicator_score=SCORE)
    assert found
    assert [r.source_kind for r in rows] == [SourceKind.INDICATOR_TABLE] * 3
    assert [(r.table_no, r.row_no) for r in rows] == [(1, 1), (2, 2), (3, 3)]
    assert [(r.target_text, r.realisasi_text, r.pct_text) for r in rows] == [
        ("55,77", "54,85", None),
        ("2 Kabupaten/Kota", "1", "50"),
        ("10 Berkas", "12", "120"),
    ]
    assert rows[2].indicator_text == "Jumlah Berkas Perkara Narkotika Yang P- 21"


HEAD = (
    "No",
    "Sasaran Kegiatan",
    "Indikator Kinerja",
    "Target 2024",
    "Realisasi 2024",
    "Persentase",
)
TSV = "\n".join(
    "\t".join(row)
    for row in [
        ("Berikut capaian 2024 :",),
        ("",),
        HEAD,
        ("1", "2", "3", "4", "5", "6"),
        (
            "1",
            "Meningkatnya daya tangkal anak",
            "Jumlah kabupaten/kota dengan Indeks Ketahanan Diri",
            "2 Kabupaten/ Kota",
            "2 Kabupaten/ Kota",
            "100%",
        ),
        (
            "2",
            "Meningkatnya proses manajemen",
            "Jumlah BNN Kabupaten/ Kota di wilayah",
            "2 BNN Kabupaten/ Kota",
            "1 BNN Kabupaten/ Kota",
            "50%",
        ),
        ("",),
        HEAD,
        ("1", "2", "3", "4", "5", "6"),
        ("", "kinerja secara efektif", "Provinsi dengan Nilai IKPA mencapai target", "", "", ""),
        (
            "3",
            "Meningkatnya tata kelola",
            "Nilai Indikator Kinerja Pelaksanaan Anggaran (IKPA)",
            "97,96 Indeks",
            "99,95 Indeks",
            "102,03%",
        ),
        ("",),
        ("Rentang Capaian", "Kategori"),
        ("Capaian >= 100%", "Memuaskan"),
        ("",),
        ("No.", "Satker", "Target", "Capaian", "Kategori"),
        ("1", "BNN Kota Palangka Raya", "53,51", "55,76", "Sangat Tinggi"),
        ("",),
        ("T.A", "TARGET", "CAPAIAN", "PERSENTASE"),
        ("2024", "2 kab/ kota", "2 kab/ kota", "100%"),
        ("",),
    ]
)


def test_tab_separated_table_with_page_break_continuation() -> None:
    rows, found = extract_capaian_tables(lines_of_text(TSV), year=2024, indicator_score=SCORE)
    assert found
    assert [r.source_kind for r in rows] == [SourceKind.MAIN_TABLE] * 3
    assert rows[1].indicator_text == (
        "Jumlah BNN Kabupaten/ Kota di wilayah Provinsi dengan Nilai IKPA mencapai target"
    )
    assert [(r.target_text, r.realisasi_text, r.pct_text) for r in rows] == [
        ("2 Kabupaten/ Kota", "2 Kabupaten/ Kota", "100%"),
        ("2 BNN Kabupaten/ Kota", "1 BNN Kabupaten/ Kota", "50%"),
        ("97,96 Indeks", "99,95 Indeks", "102,03%"),
    ]
    assert [r.where.line for r in rows] == [5, 6, 11]
    assert {r.where.method for r in rows} == {"text:tsv"}
    assert extract_pk(lines_of_text(TSV), year=2024, indicator_score=SCORE) == ([], [], False)


def test_no_tables() -> None:
    lines = lines_of_text("BAB III\nAKUNTABILITAS KINERJA\nTarget tercapai.\n")
    assert extract_pk(lines, year=2024, indicator_score=SCORE) == ([], [], False)
    assert extract_capaian_tables(lines, year=2024, indicator_score=SCORE) == ([], False)


# --- the shared corpus, end to end ------------------------------------------------------

CORPUS = ["000_2ac78e30a176e716", "002_dbeaee00e319b769", "004_57dd40025cf3b72e"]


def _value(text: str | None) -> float | None:
    return None if text is None else parse_number(text).value


@pytest.mark.parametrize("name", CORPUS)
def test_corpus_pk(shared_dir: Path, name: str) -> None:
    expected = json.loads((shared_dir / "corpus" / f"{name}.json").read_text())
    lines = lines_of_text((shared_dir / "corpus" / f"{name}.txt").read_text())
    rows, _, found = extract_pk(lines, year=expected["year"], indicator_score=SCORE)
    assert found is bool(expected["pk"])
    got = [
        (r.row_no, r.where.line, r.target_text, _value(r.target_text), r.unit_text) for r in rows
    ]
    want = [(e["no"], e["line"], e["target_text"], e["target"], e["unit"]) for e in expected["pk"]]
    assert got == want
    assert [r.indicator_text for r in rows] == [e["indicator"] for e in expected["pk"]]
    assert [r.sasaran for r in rows] == [e["sasaran"] for e in expected["pk"]]


@pytest.mark.parametrize("name", CORPUS)
def test_corpus_capaian_main_table(shared_dir: Path, name: str) -> None:
    expected = json.loads((shared_dir / "corpus" / f"{name}.json").read_text())
    lines = lines_of_text((shared_dir / "corpus" / f"{name}.txt").read_text())
    rows, found = extract_capaian_tables(lines, year=expected["year"], indicator_score=SCORE)
    assert found
    main = [r for r in rows if r.source_kind is SourceKind.MAIN_TABLE]
    got = [
        (
            r.where.line,
            r.target_text,
            r.realisasi_text,
            r.pct_text,
            _value(r.target_text),
            _value(r.realisasi_text),
        )
        for r in main
    ]
    want = [
        (
            e["line"],
            e["target_text"],
            e["realisasi_text"],
            e["pct_text"],
            e["target"],
            e["realisasi"],
        )
        for e in expected["capaian"]
    ]
    assert got == want
    assert [_value(r.pct_text) for r in main] == [e["stated_pct"] for e in expected["capaian"]]


@pytest.mark.parametrize("name", CORPUS)
def test_corpus_indicator_tables_agree_with_main_table(shared_dir: Path, name: str) -> None:
    expected = json.loads((shared_dir / "corpus" / f"{name}.json").read_text())
    lines = lines_of_text((shared_dir / "corpus" / f"{name}.txt").read_text())
    rows, _ = extract_capaian_tables(lines, year=expected["year"], indicator_score=SCORE)
    per = [r for r in rows if r.source_kind is SourceKind.INDICATOR_TABLE]
    # the labellers' notes: every per-indicator table repeats the summary's figures
    assert len(per) == len(expected["capaian"])
    assert [r.row_no for r in per] == list(range(1, len(per) + 1))
    assert [r.table_no for r in per] == sorted(r.table_no for r in per)
    main_targets = sorted(e["target"] for e in expected["capaian"])
    assert sorted(_value(r.target_text) for r in per) == pytest.approx(main_targets, abs=0.02)


# A page number printed between a row's figures and the repeated header, and the row's
# indicator tail after the header; the row's sasaran is merged with the row above.
_REPEATED_HEADER = """\
Sasaran Kegiatan Indikator Kinerja Kegiatan Target

2024

Realisasi

2024

Capaian

(%)
"""
RAW_PAGE_NUMBER = f"""\
Tabel 3.1 Pengukuran Kinerja Tahun 2024

{_REPEATED_HEADER}
Meningkatnya layanan

rehabilitasi

Jumlah petugas terlatih

12 12 100

Indeks kepuasan penerima

3,65 3,81 104,38

7

{_REPEATED_HEADER}
layanan rehabilitasi

pada fasilitas BNN

Meningkatnya

pengungkapan perkara

Jumlah berkas perkara

8 11 137,5


BAB IV PENUTUP
"""


def test_page_number_before_repeated_header_and_indicator_tail() -> None:
    rows, found = extract_capaian_tables(lines_of_text(RAW_PAGE_NUMBER), year=2024, indicator_score=SCORE)
    assert found
    assert [(r.indicator_text, r.target_text, r.realisasi_text, r.pct_text) for r in rows] == [
        ("Jumlah petugas terlatih", "12", "12", "100"),
        ("Indeks kepuasan penerima layanan rehabilitasi pada fasilitas BNN", "3,65", "3,81", "104,38"),
        ("Jumlah berkas perkara", "8", "11", "137,5"),
    ]


# --- plain dumps of other agencies' reports (one text run per line) ---------------------------


def _lines(text: str) -> list:
    return lines_of_text(text)


def test_running_footer_inside_a_table_is_skipped() -> None:
    from lkip.extract.text_tables._running import running_lines

    pages = []
    for page in range(1, 5):
        pages.append("\n".join([f"Paragraf halaman {page} yang panjang."] * 16))
        pages.append(f"LKIP Dinas Contoh Tahun 2024 {page}")
    lines = _lines("\n".join(pages))
    running = running_lines(lines)
    assert {lines[i].text for i in running} == {f"LKIP Dinas Contoh Tahun 2024 {p}" for p in range(1, 5)}


def test_repeated_numbered_lines_close_together_are_not_running() -> None:
    from lkip.extract.text_tables._running import running_lines

    text = "\n".join(f"{n}. Keputusan Kepala Dinas Contoh Nomor {n}" for n in range(1, 8))
    assert running_lines(_lines(text)) == frozenset()


PLAIN_PK = """\
Tabel 2.1 Perjanjian Kinerja Dinas Contoh Tahun 2024
No Sasaran Strategis Indikator Kinerja Target Satuan
1 Meningkatnya kualitas
pelayanan publik
Jumlah kabupaten/kota dengan layanan terpadu di seluruh wilayah provinsi
3 Kabupaten/Kota
2 Meningkatnya kesadaran
Jumlah petugas penyelenggara layanan
12 Orang
LKIP Dinas Contoh Tahun 2024 2
No Sasaran Strategis Indikator Kinerja Target Satuan
3 Nilai Kinerja Anggaran (NKA) 88 Indeks
"""


def _with_footers(text: str) -> str:
    # three more page footers far apart make the footer a running line
    filler = "\n".join(["Uraian kinerja pada halaman ini disajikan secara rinci dalam bab berikut."] * 20)
    return "\n".join(
        [f"{filler}\nLKIP Dinas Contoh Tahun 2024 {p}" for p in (1,)] + [text, filler, "LKIP Dinas Contoh Tahun 2024 3"]
    ) + f"\n{filler}\nLKIP Dinas Contoh Tahun 2024 4\n"


def test_plain_pk_long_header_line_row_numbers_and_page_footer() -> None:
    rows, _, found = extract_pk(_lines(_with_footers(PLAIN_PK)), year=2024, indicator_score=SCORE)
    assert found
    assert [r.indicator_text for r in rows] == [
        "Jumlah kabupaten/kota dengan layanan terpadu di seluruh wilayah provinsi",
        "Jumlah petugas penyelenggara layanan",
        "Nilai Kinerja Anggaran (NKA)",
    ]
    assert [r.target_text for r in rows] == ["3 Kabupaten/Kota", "12 Orang", "88 Indeks"]
    assert rows[2].sasaran == "Meningkatnya kesadaran"  # carried over the page break


PLAIN_CAPAIAN = """\
Tabel 3.1 Pengukuran Capaian Kinerja Tahun 2024
No Sasaran Strategis Indikator Kinerja Target Realisasi Capaian (%)
1 Meningkatnya kunjungan
wisatawan
Jumlah kunjungan wisatawan nusantara 250.000 268.400 107,36
2 Lama tinggal rata-rata wisatawan di kabupaten 2,5 2,1 84
Dari 2 indikator kinerja, capaian rata-rata adalah baik sekali.
"""


def test_plain_capaian_row_number_before_text_without_cue_and_prose_after() -> None:
    rows, found = extract_capaian_tables(_lines(PLAIN_CAPAIAN), year=2024, indicator_score=SCORE)
    assert found
    assert [(r.indicator_text, r.target_text, r.realisasi_text, r.pct_text) for r in rows] == [
        ("Jumlah kunjungan wisatawan nusantara", "250.000", "268.400", "107,36"),
        ("Lama tinggal rata-rata wisatawan di kabupaten", "2,5", "2,1", "84"),
    ]


GROUPED_HEADER = """\
Tabel 3.2
Target dan Realisasi Kinerja Tahun 2016
No Sasaran Strategis Indikator
Tahun (2016)
Capaian
Satuan Target Realisasi %
1 2 3 4 5
1 Meningkatnya
kesesuaian perencanaan
Tingkat
kesesuaian
perencanaan
Persen 90,00 88,59 98,43
"""


def test_year_group_label_and_capaian_above_percent() -> None:
    from lkip.extract.text_tables._header import read_header

    head = read_header(_lines(GROUPED_HEADER), 2)
    assert head is not None
    roles = [(c.role.value if c.role else None, c.year) for c in head.model.columns]
    assert roles == [
        ("no", None), ("sasaran", None), ("indicator", None), ("unit", None),
        ("target", 2016), ("realisasi", 2016), ("pct", None),
    ]
    rows, _ = extract_capaian_tables(_lines(GROUPED_HEADER), year=2016, indicator_score=SCORE)
    assert [(r.target_text, r.realisasi_text, r.pct_text) for r in rows] == [("90,00", "88,59", "98,43")]


TRAILING_AND_GROUPS = """\
No Indikator Kinerja Sat Tahun 2016 Capaian
Kinerja
(%)
Kategori Sumber
Target Realisasi data
Misi Pertama : Meningkatkan daya saing industri daerah yang berkelanjutan
Sasaran ke-1 : Meningkatnya perkembangan industri kecil, menengah dan besar
1 Pertumbuhan Industri
Manufaktur pada PDRB
Triliun
Rupiah
185.80 168.49 90.68 Baik BPS
2 Peningkatan Nilai Produksi IKM yang dipasarkan % 15 1,309 8,726 Sangat
baik
Dinas
Indag
3 Peningkatan Nilai Ekspor
% 3 (3.14) (104.66) Kurang Bank
"""


def test_sub_columns_under_year_group_trailing_text_columns_and_group_rows() -> None:
    rows, found = extract_capaian_tables(_lines(TRAILING_AND_GROUPS), year=2016, indicator_score=SCORE)
    assert found
    got = [(r.target_text, r.realisasi_text, r.pct_text) for r in rows]
    assert got == [("185.80", "168.49", "90.68"), ("15", "1,309", "8,726"), ("3", "(3.14)", "(104.66)")]
    assert rows[0].indicator_text.startswith("Pertumbuhan Industri Manufaktur")
    assert "Sangat" not in " ".join(r.indicator_text for r in rows)


LISTED_PK = """\
Tabel 2.2. Perjanjian Kinerja Tahun 2016
Sasaran Strategis Indikator Kinerja Target
Meningkatnya perkembangan industri
kecil, menengah dan besar.
1. Pertumbuhan Industri
Manufaktur
185.80 Triliun Rupiah
2. Peningkatan Jumlah unit
usaha IKM
202.955
"""


def test_numbered_indicator_items_open_rows_and_are_not_values() -> None:
    rows, _, found = extract_pk(_lines(LISTED_PK), year=2016, indicator_score=SCORE)
    assert found
    assert [(r.sasaran, r.indicator_text, r.target_text) for r in rows] == [
        ("Meningkatnya perkembangan industri kecil, menengah dan besar.", "Pertumbuhan Industri Manufaktur",
         "185.80 Triliun Rupiah"),
        ("Meningkatnya perkembangan industri kecil, menengah dan besar.", "Peningkatan Jumlah unit usaha IKM",
         "202.955"),
    ]


def test_comparison_of_other_years_is_not_capaian() -> None:
    text = """\
No Indikator Kinerja Realisasi 2014 Realisasi 2015 Capaian (%)
1 Jumlah pasar yang direvitalisasi 20 24 120
"""
    assert extract_capaian_tables(_lines(text), year=2016, indicator_score=SCORE) == ([], False)
    assert extract_capaian_tables(_lines(text), year=2015, indicator_score=SCORE)[1]
    with_target = text.replace("Realisasi 2014", "Target 2015")  # last year's header left in
    assert extract_capaian_tables(_lines(with_target), year=2016, indicator_score=SCORE)[1]


def test_bulleted_pk_list_only_under_a_pk_sentence() -> None:
    pk = """\
Target kinerja yang ditetapkan dalam Perjanjian Kinerja Tahun 2024 adalah sebagai berikut:
• Jumlah kunjungan wisatawan nusantara sebanyak 250.000 orang;
• Lama tinggal rata-rata wisatawan sebanyak 2,5 hari;
"""
    other = """\
Hasil angka Tahun 2024 adalah 86,787 dengan target angka 78,70. Klasifikasi sebagai berikut :
- 1) Kategori sangat tinggi (88,31 – 100,00) sebanyak 83 Satuan Kerja
- 2) Kategori tinggi (76,61 – 88,30) sebanyak 118 Satuan Kerja
"""
    rows, _, found = extract_pk(_lines(pk), year=2024, indicator_score=SCORE)
    assert found and [(r.indicator_text, r.target_text) for r in rows] == [
        ("Jumlah kunjungan wisatawan nusantara", "250.000 orang"),
        ("Lama tinggal rata-rata wisatawan", "2,5 hari"),
    ]
    assert rows[0].where.method == "text:list"
    assert extract_pk(_lines(other), year=2024, indicator_score=SCORE) == ([], [], False)


def test_another_tables_header_ends_a_table() -> None:
    from lkip.extract.text_tables._header import names_columns

    assert names_columns("Program Anggaran (Rp) Keteragan")
    assert not names_columns("program dan anggaran")
    assert not names_columns("Persen 100% 100% 100%")


def test_side_by_side_year_groups_share_their_sub_columns() -> None:
    from lkip.extract.text_tables._header import read_header

    text = "No Indikator Kinerja Sat Tahun 2015 Tahun 2016 Sumber\nTarget Realisasi Target Realisasi data\n"
    head = read_header(_lines(text), 0)
    assert head is not None
    values = [(c.role.value, c.year) for c in head.model.columns if c.role and c.role.value in ("target", "realisasi")]
    assert values == [("target", 2015), ("realisasi", 2015), ("target", 2016), ("realisasi", 2016)]


def test_tie_between_capaian_tables_goes_to_the_one_stating_percentages() -> None:
    text = """\
No Indikator Kinerja Target 2015 Realisasi 2015 Target 2016 Realisasi 2016
1 Jumlah pasar yang direvitalisasi 20 20 25 24
2 Jumlah kerjasama perdagangan 15 15 5 3

No Indikator Kinerja Target 2016 Realisasi 2016 Capaian (%)
1 Jumlah pasar yang direvitalisasi 25 24 96
2 Jumlah kerjasama perdagangan 5 3 60
"""
    rows, _ = extract_capaian_tables(_lines(text), year=2016, indicator_score=SCORE)
    main = [r for r in rows if r.source_kind is SourceKind.MAIN_TABLE]
    assert [(r.target_text, r.realisasi_text, r.pct_text) for r in main] == [("25", "24", "96"), ("5", "3", "60")]


@pytest.mark.parametrize(
    ("values_lines", "expected"),
    [
        (["1 Kawasan 1", "100"], ("1 Kawasan", "1", "100")),
        (["6 Unit 6 Unit 100"], ("6 Unit", "6 Unit", "100")),
        (["10", "Orang", "10 Orang 100"], ("10 Orang", "10 Orang", "100")),
    ],
)
def test_value_lines_with_units_are_not_row_numbers(values_lines, expected):
    # "1 Kawasan 1" starts like a row number and a word, but is figures with a unit
    text = "\n".join(["Untuk mencapai sasaran tersebut indikator kinerjanya adalah sebagai berikut :",
                      "No Indikator Kinerja Kegiatan Target Realisasi %",
                      "1 Jumlah kawasan rawan di",
                      "wilayah provinsi yang beralih",
                      *values_lines,
                      "Definisi operasional indikator ini adalah jumlah kawasan yang dinilai setiap tahun oleh tim."])
    rows, found = extract_capaian_tables(lines_of_text(text), year=2024, indicator_score=SCORE)
    assert found
    assert [(r.indicator_text, r.target_text, r.realisasi_text, r.pct_text) for r in rows] == [
        ("Jumlah kawasan rawan di wilayah provinsi yang beralih", *expected)]


def test_every_pk_table_is_taken_once():
    # a PK document holding one PK per unit, and the first PK printed again in an annex
    def pk(unit, rows):
        return [f"PERJANJIAN KINERJA TAHUN 2016 {unit}",
                "No\tSasaran Strategis\tIndikator Kinerja\tTarget",
                *[f"{i}\tMeningkatnya layanan\t{ind}\t{t}" for i, (ind, t) in enumerate(rows, start=1)], ""]
    first = [("Jumlah pameran yang diikuti", "12 Kali"), ("Jumlah pengunjung anjungan", "40.000 Orang")]
    second = [("Jumlah pergelaran seni", "4 Kali")]
    text = "\n".join(pk("KEPALA BALAI", first) + pk("KEPALA SEKSI", second) + pk("LAMPIRAN", first))
    rows, _, found = extract_pk(lines_of_text(text), year=2016, indicator_score=SCORE)
    assert found
    assert [(r.row_no, r.indicator_text, r.target_text) for r in rows] == [
        (1, "Jumlah pameran yang diikuti", "12 Kali"),
        (2, "Jumlah pengunjung anjungan", "40.000 Orang"),
        (3, "Jumlah pergelaran seni", "4 Kali"),
    ]


@pytest.mark.parametrize("pct_header", ["% Capaian", "Capaian (%)", "Persentase", "Capaian Kinerja (%)",
                                        "Tingkat Capaian"])
@pytest.mark.parametrize("sep", ["\t", "\n"])
def test_percent_column_headers_of_other_wordings(pct_header: str, sep: str) -> None:
    header = sep.join(["No", "Indikator Kinerja", "Target", "Realisasi", pct_header])
    row = sep.join(["1", "Jumlah desa bersinar yang dibina", "10", "9", "90,00"])
    rows, found = extract_capaian_tables(_lines(f"Tabel 3.1 Capaian Kinerja Tahun 2024\n{header}\n{row}"),
                                         year=2024, indicator_score=SCORE)
    assert found
    assert [(r.target_text, r.realisasi_text, r.pct_text) for r in rows] == [("10", "9", "90,00")]


def test_markdown_pipe_tables_read_like_tab_separated_ones() -> None:
    text = "\n".join([
        "Tabel 3.1 Capaian Kinerja Tahun 2024",
        "| No | Indikator Kinerja | Target | Realisasi | Capaian (%) |",
        "|---|:---|---:|---:|---:|",
        "| 1 | Jumlah desa bersinar yang dibina | 10 | 9 | 90,00 |",
        "| 2 | Indeks kepuasan layanan rehabilitasi | 3,65 | 3,81 | 104,38 |",
        "Keterangan: | tanda pisah | di luar tabel tidak dibaca",
    ])
    rows, found = extract_capaian_tables(_lines(text), year=2024, indicator_score=SCORE)
    assert found
    assert [(r.target_text, r.realisasi_text, r.pct_text, r.where.line) for r in rows] == [
        ("10", "9", "90,00", 4), ("3,65", "3,81", "104,38", 5)]


@pytest.mark.parametrize("cell", ["belum diukur", "-", "Dalam Proses", "N/A", "data belum tersedia"])
def test_a_cell_without_a_figure_keeps_its_column(samples_dir: Path, tmp_path: Path, cell: str) -> None:
    """A realisasi printed as words leaves the value empty: the stated % never slides into realisasi."""
    from lkip.pipeline import FileOptions, process_file

    text = (samples_dir / "text" / "lkip_bnnp_nusa_lestari_2024.txt").read_text(encoding="utf-8")
    assert "80 72,40 95,50" in text
    path = tmp_path / "report.txt"
    path.write_text(text.replace("80 72,40 95,50", f"80 {cell} 95,50"), encoding="utf-8")
    records = process_file(str(path), FileOptions())
    (row,) = [r for r in records.capaian
              if r.source_kind == SourceKind.MAIN_TABLE and r.indicator_code == "umum_zona_integritas"]
    assert (row.target_value, row.realisasi_value, row.realisasi_text, row.stated_pct) == (80, None, cell, 95.5)


def test_pk_list_under_sasaran_headings_with_sub_items() -> None:
    text = "\n".join([
        "Target kinerja yang ditetapkan dalam Perjanjian Kinerja Tahun 2024 adalah",
        "sebagai berikut:",
        "",
        "Sasaran 1: Meningkatnya daya tangkal masyarakat terhadap",
        "penyalahgunaan narkotika",
        "",
        "- Persentase desa bersinar yang dibina sebesar 90 %;",
        "- Jumlah relawan anti narkoba yang",
        "dilatih sebanyak 120 Orang;",
        "",
        "Sasaran 2: Meningkatnya produksi pangan",
        "",
        "a. Produksi padi sebesar 12.317.066 ton;",
        "b. Produksi jagung sebesar 1.100.000 ton;",
    ])
    rows, _, found = extract_pk(_lines(text), year=2024, indicator_score=SCORE)
    assert found
    assert [(r.sasaran, r.indicator_text, r.target_text, r.where.line) for r in rows] == [
        ("Meningkatnya daya tangkal masyarakat terhadap penyalahgunaan narkotika",
         "Persentase desa bersinar yang dibina", "90 %", 7),
        ("Meningkatnya daya tangkal masyarakat terhadap penyalahgunaan narkotika",
         "Jumlah relawan anti narkoba yang dilatih", "120 Orang", 8),
        ("Meningkatnya produksi pangan", "Produksi padi", "12.317.066 ton", 13),
        ("Meningkatnya produksi pangan", "Produksi jagung", "1.100.000 ton", 14),
    ]
    other_year = text.replace("Tahun 2024", "Tahun 2023")
    assert extract_pk(_lines(other_year), year=2024, indicator_score=SCORE) == ([], [], False)


def test_tab_table_continues_after_a_page_number_and_its_repeated_header() -> None:
    header = "No\tIndikator Kinerja\tTarget 2024\tRealisasi 2024\tCapaian (%)"
    text = "\n".join([
        "Tabel 3.1 Capaian Kinerja Tahun 2024", header,
        "1\tJumlah desa bersinar yang dibina\t10\t9\t90",
        "", "14", "", header,
        "2\tIndeks kepuasan layanan rehabilitasi\t3,65\t3,81\t104,38",
        "", "BAB IV PENUTUP",
    ])
    rows, found = extract_capaian_tables(_lines(text), year=2024, indicator_score=SCORE)
    assert found
    assert [(r.source_kind, r.target_text, r.where.line) for r in rows] == [
        (SourceKind.MAIN_TABLE, "10", 3), (SourceKind.MAIN_TABLE, "3,65", 8)]
    prose_between = text.replace("\n14\n", "\nTabel 3.2 Capaian kinerja per sasaran strategis yang lain tahun ini\n")
    rows, _ = extract_capaian_tables(_lines(prose_between), year=2024, indicator_score=SCORE)
    assert [r.source_kind for r in rows] != [SourceKind.MAIN_TABLE] * 2  # a caption between: another table


CELL_PER_LINE_PK_WITH_UNITS = """Tabel 2.1 Perjanjian Kinerja BNN Kota Sukamaju Tahun 2023
No
Sasaran Strategis
Indikator Kinerja
Target
Satuan
1
Meningkatnya daya
tangkal remaja
Indeks Ketahanan Diri
Remaja terhadap
Penyalahgunaan Narkoba
54,2
Indeks
2
Meningkatnya kesadaran
masyarakat
Indeks Kemandirian
Partisipasi
3,25
Indeks
3
Jumlah lembaga
rehabilitasi yang
operasional
2
Lembaga
"""


def test_cell_per_line_satuan_cell_that_could_open_an_indicator_is_the_unit() -> None:
    """ "Indeks" on its own line under "54,2" is the Satuan cell, not an indicator named "Indeks"."""
    rows, _, found = extract_pk(lines_of_text(CELL_PER_LINE_PK_WITH_UNITS), year=2023, indicator_score=SCORE)
    assert found
    assert [(r.indicator_text, r.target_text, r.unit_text) for r in rows] == [
        ("Indeks Ketahanan Diri Remaja terhadap Penyalahgunaan Narkoba", "54,2 Indeks", "Indeks"),
        ("Indeks Kemandirian Partisipasi", "3,25 Indeks", "Indeks"),
        ("Jumlah lembaga rehabilitasi yang operasional", "2 Lembaga", "Lembaga"),
    ]
