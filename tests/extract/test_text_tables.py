"""PK and capaian tables found in text dumps: raw one-fragment-per-line and tab-separated."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lkip.extract._records import SourceKind, lines_of_text
from lkip.extract._text_tables import extract_capaian_tables, extract_pk
from lkip.normalize.numbers import parse_number

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
    rows, found = extract_pk(lines_of_text(RAW_PK), year=2024)
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
    assert extract_pk(lines_of_text(renstra), year=2024) == ([], False)
    assert extract_pk(lines_of_text(rkt), year=2024) == ([], False)


def test_pk_shaped_table_titled_as_a_plan_is_not_pk() -> None:
    text = """\
Rencana Kinerja Tahunan 2024

Sasaran Kegiatan Indikator Kinerja Target

Meningkatnya daya tangkal
Jumlah kabupaten/kota
2 Kabupaten/Kota
"""
    assert extract_pk(lines_of_text(text), year=2024) == ([], False)


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
    rows, found = extract_capaian_tables(lines_of_text(RAW_CAPAIAN), year=2024)
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
    rows, found = extract_capaian_tables(lines_of_text(text), year=2024)
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
    rows, found = extract_capaian_tables(lines_of_text(TSV), year=2024)
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
    assert extract_pk(lines_of_text(TSV), year=2024) == ([], False)


def test_no_tables() -> None:
    lines = lines_of_text("BAB III\nAKUNTABILITAS KINERJA\nTarget tercapai.\n")
    assert extract_pk(lines, year=2024) == ([], False)
    assert extract_capaian_tables(lines, year=2024) == ([], False)


# --- the shared corpus, end to end ------------------------------------------------------

CORPUS = ["000_2ac78e30a176e716", "002_dbeaee00e319b769", "004_57dd40025cf3b72e"]


def _value(text: str | None) -> float | None:
    return None if text is None else parse_number(text).value


@pytest.mark.parametrize("name", CORPUS)
def test_corpus_pk(shared_dir: Path, name: str) -> None:
    expected = json.loads((shared_dir / "corpus" / f"{name}.json").read_text())
    lines = lines_of_text((shared_dir / "corpus" / f"{name}.txt").read_text())
    rows, found = extract_pk(lines, year=expected["year"])
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
    rows, found = extract_capaian_tables(lines, year=expected["year"])
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
    rows, _ = extract_capaian_tables(lines, year=expected["year"])
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
    rows, found = extract_capaian_tables(lines_of_text(RAW_PAGE_NUMBER), year=2024)
    assert found
    assert [(r.indicator_text, r.target_text, r.realisasi_text, r.pct_text) for r in rows] == [
        ("Jumlah petugas terlatih", "12", "12", "100"),
        ("Indeks kepuasan penerima layanan rehabilitasi pada fasilitas BNN", "3,65", "3,81", "104,38"),
        ("Jumlah berkas perkara", "8", "11", "137,5"),
    ]
