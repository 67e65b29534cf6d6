"""Report metadata (satker, level, province, regency, year) and the regions gazetteer."""

from __future__ import annotations

import json

import pytest

from lkip.extract.model._records import Level, TextLine, lines_of_text
from lkip.extract.prose._meta import extract_meta, reported_year
from lkip.extract.prose._stream import prose_of
from lkip.extract.vocab._gazetteer import GazetteerError, load_gazetteer, parse_regions, words_of


def _lines(*texts: str) -> list[TextLine]:
    return lines_of_text("\n".join(texts))


# --- gazetteer ---------------------------------------------------------------------------


def test_gazetteer_has_every_province_and_many_regencies():
    gaz = load_gazetteer()
    assert len(gaz.provinces) == 38
    assert len(gaz.regions) >= 500
    assert {r.kind for r in gaz.regions} == {"kabupaten", "kota"}


@pytest.mark.parametrize(
    ("name", "kind", "province"),
    [
        ("Malang", "kota", "Jawa Timur"),
        ("Palangkaraya", "kota", "Kalimantan Tengah"),  # spelled without the space
        ("Bau-Bau", "kota", "Sulawesi Tenggara"),  # hyphenated
        ("Bengkulu Selatan", "kabupaten", "Bengkulu"),
        ("Toba Samosir", "kabupaten", "Sumatera Utara"),  # former name
    ],
)
def test_gazetteer_finds_the_province_of_a_regency(name, kind, province):
    assert load_gazetteer().provinces_of(name, kind) == (province,)


def test_gazetteer_matches_the_longest_name_and_aliases():
    gaz = load_gazetteer()
    assert gaz.match_regency(words_of("Bengkulu Selatan dengan target")).name == "Bengkulu Selatan"
    assert gaz.match_province(words_of("KALIMANTAN TENGAH Tahun 2024")).words == 2
    assert gaz.canonical_province("Kalteng") == "Kalimantan Tengah"
    assert gaz.canonical_province("Daerah Istimewa Yogyakarta") == "DI Yogyakarta"
    assert gaz.match_province(words_of("dan Badan Narkotika")) is None


def test_gazetteer_rejects_a_file_without_its_columns():
    with pytest.raises(GazetteerError, match="province,regency,kind"):
        parse_regions("provinsi,kabupaten\nBali,Badung\n")
    with pytest.raises(GazetteerError, match="kind"):
        parse_regions("province,regency,kind\nBali,Badung,desa\n")


# --- satker, level, region ---------------------------------------------------------------


def test_bnn_province_office_is_named_in_the_bnn_form():
    meta = extract_meta(prose_of(
        _lines(
            "LAPORAN KINERJA INSTANSI PEMERINTAH (LKIP)",
            "BADAN NARKOTIKA NASIONAL PROVINSI KALIMANTAN TENGAH",
            "TAHUN ANGGARAN 2024",
            "BNNP Kalimantan Tengah bersama BNNK Palangka Raya melaksanakan P4GN.",
            "BNN Provinsi Kalimantan Tengah menetapkan 18 indikator.",
        )
    ))
    assert meta.satker == "BNN Provinsi Kalimantan Tengah"
    assert meta.level is Level.PROVINSI
    assert (meta.province, meta.regency, meta.year) == ("Kalimantan Tengah", None, 2024)
    assert meta.evidence["satker"].line == 2  # the title mention, continued from line 1


def test_city_office_takes_its_province_from_the_provincial_office_it_names():
    meta = extract_meta(prose_of(
        _lines(
            "Laporan Kinerja Instansi Pemerintah (LKIP) Badan Narkotika Nasional Kota Malang",
            "Tahun 2024 disusun sebagai wujud komitmen.",
            "BNN Kota Malang merupakan instansi vertikal di bawah BNN Provinsi Jawa Timur.",
            "BNN Kota Malang melaksanakan kegiatan pada tahun 2024.",
        )
    ))
    assert (meta.satker, meta.level, meta.regency) == ("BNN Kota Malang", Level.KOTA, "Malang")
    assert meta.province == "Jawa Timur"
    assert meta.evidence["province"].line == 3


def test_regency_office_falls_back_to_the_gazetteer_for_its_province():
    meta = extract_meta(prose_of(
        _lines("LKIP BNN Kabupaten Bengkulu Selatan Tahun 2023", "BNN Kabupaten Bengkulu Selatan")
    ))
    assert (meta.level, meta.regency, meta.province) == (
        Level.KABUPATEN,
        "Bengkulu Selatan",
        "Bengkulu",
    )
    assert meta.evidence["province"].method == "gazetteer"


def test_the_most_named_office_wins_over_offices_it_mentions():
    meta = extract_meta(prose_of(
        _lines(
            "Capaian BNN Kota Bengkulu dan BNN Kabupaten Bengkulu Selatan mendukung kinerja.",
            "BNNP Bengkulu telah merealisasikan program.",
            "Perjanjian Kinerja BNN Provinsi Bengkulu Tahun 2024.",
            "Badan Narkotika Nasional Provinsi Bengkulu sebagai instansi vertikal.",
        )
    ))
    assert meta.satker == "BNN Provinsi Bengkulu"


def test_other_agencies_keep_their_own_name_written_in_mixed_case():
    meta = extract_meta(prose_of(
        _lines(
            "PEMERINTAH PROVINSI JAWA BARAT",
            "DINAS KESEHATAN PROVINSI JAWA BARAT",
            "Laporan Kinerja Instansi Pemerintah (LAKIP) Dinas",
            "Kesehatan Provinsi Jawa Barat tahun 2016 telah dapat diselesaikan.",
            "Visi Dinas Kesehatan Provinsi Jawa Barat adalah masyarakat sehat.",
        )
    ))
    assert meta.satker == "Dinas Kesehatan Provinsi Jawa Barat"
    assert (meta.level, meta.province, meta.year) == (Level.PROVINSI, "Jawa Barat", 2016)


def test_a_unit_named_with_its_parent_is_the_office():
    meta = extract_meta(prose_of(
        _lines(
            "Laporan Kinerja Biro Humas, Protokol dan Umum Sekretariat Daerah Provinsi Jawa "
            "Barat Tahun 2016",
            "Biro Humas, Protokol dan Umum Sekretariat Daerah Provinsi Jawa Barat melaksanakan "
            "tugas.",
            "Sekretariat Daerah Provinsi Jawa Barat membawahi beberapa biro.",
        )
    ))
    assert meta.satker == "Biro Humas, Protokol dan Umum Sekretariat Daerah Provinsi Jawa Barat"


def test_an_acronym_counts_for_its_written_out_name():
    meta = extract_meta(prose_of(
        _lines(
            "LKIP BAPPEDA Provinsi Jawa Barat Tahun 2016",
            "LKIP BAPPEDA Provinsi Jawa Barat Tahun 2016",
            "Badan Perencanaan Pembangunan Daerah Provinsi Jawa Barat menyusun RKPD.",
        )
    ))
    assert meta.satker == "Badan Perencanaan Pembangunan Daerah Provinsi Jawa Barat"


def test_letter_spaced_title():
    meta = extract_meta(prose_of(
        _lines("LKIP T A H U N 2 0 1 6", "INSPEKTORAT P R O V I N S I J A W A B A R A T")
    ))
    assert (meta.satker, meta.level, meta.province) == (
        "Inspektorat Provinsi Jawa Barat",
        Level.PROVINSI,
        "Jawa Barat",
    )


def test_no_office_gives_empty_fields_but_still_a_year():
    meta = extract_meta(prose_of(_lines("Laporan Kinerja Tahun 2022", "tanpa nama kantor")))
    assert meta.satker is None and meta.level is None and meta.year == 2022


# --- where a region's name ends ----------------------------------------------------------


@pytest.mark.parametrize(
    ("texts", "province"),
    [
        # a sentence end, then a heading or a table header on the next line
        (("Dalam tugasnya BNN Kota Sukamaju dibina BNN Provinsi Nusa Lestari.", "BAB II"), "Nusa Lestari"),
        (("dan BNN Provinsi Nusa Lestari", "Target Kinerja Tahun 2024"), "Nusa Lestari"),
        (("dan BNN Provinsi Nusa Lestari", "Keberhasilan Program"), "Nusa Lestari"),
        (("BNN Provinsi Nusa Lestari, Perjanjian Kinerja",), "Nusa Lestari"),
        # a name wrapped inside a sentence, or a title whose next line is the year
        (("Laporan Kinerja BNN Provinsi Nusa", "Lestari menetapkan target."), "Nusa Lestari"),
        (("LAPORAN KINERJA BNN PROVINSI NUSA", "LESTARI", "TAHUN 2024"), "Nusa Lestari"),
        # the gazetteer's name is taken whole, across a line break
        (("Laporan Kinerja BNN Provinsi Jawa", "Barat Tahun 2024"), "Jawa Barat"),
        (("Laporan Kinerja BNN Provinsi D.I. Yogyakarta Tahun 2024",), "DI Yogyakarta"),
    ],
)
def test_a_region_name_ends_at_a_sentence_or_line_end(texts, province):
    assert extract_meta(prose_of(_lines(*texts))).province == province


def test_a_city_office_takes_an_unknown_province_without_the_next_heading():
    meta = extract_meta(prose_of(
        _lines(
            "LKIP BNN Kota Sukamaju Tahun 2023",
            "BNN Kota Sukamaju berkoordinasi dengan Pemerintah",
            "Provinsi Nusa Lestari dan BNN Provinsi Nusa Lestari.",
            "Perjanjian Kinerja BNN Kota Sukamaju Tahun 2023",
        )
    ))
    assert (meta.regency, meta.province) == ("Sukamaju", "Nusa Lestari")


def test_names_with_letters_beyond_ascii_are_kept_whole():
    meta = extract_meta(prose_of(_lines("LKIP BNN Kota Sukamajú Tahun 2023", "BNN Kota Sukamajú bekerja.")))
    assert (meta.satker, meta.regency) == ("BNN Kota Sukamajú", "Sukamajú")
    assert extract_meta(prose_of(_lines("LKIP BNN Kota Bau-Baru Tahun 2024"))).regency == "Bau-Baru"


# --- central offices and units -----------------------------------------------------------


@pytest.mark.parametrize(
    ("texts", "satker"),
    [
        (
            (
                "LAPORAN KINERJA",
                "DEPUTI BIDANG PENCEGAHAN DAN PEMBERDAYAAN MASYARAKAT",
                "BADAN NARKOTIKA NASIONAL",
                "TAHUN 2023",
                "Deputi membina BNN Provinsi Jawa Barat dan BNN Provinsi Bali.",
            ),
            "Deputi Bidang Pencegahan dan Pemberdayaan Masyarakat Badan Narkotika Nasional",
        ),
        (("Laporan Kinerja Biro Perencanaan BNN Tahun 2023", "BNNP Bali"), "Biro Perencanaan BNN"),
        (("Laporan Kinerja Instansi Pemerintah (LKIP) Kementerian Kesehatan Tahun 2022",),
         "Kementerian Kesehatan"),
    ],
)
def test_a_central_office_has_no_region_and_level_pusat(texts, satker):
    meta = extract_meta(prose_of(_lines(*texts)))
    assert (meta.satker, meta.level, meta.province, meta.regency) == (
        satker,
        Level.PUSAT,
        None,
        None,
    )
    assert meta.evidence["satker"].method == "text:central_title"


def test_a_regional_report_citing_a_central_report_stays_regional():
    meta = extract_meta(prose_of(
        _lines(
            "LKIP Dinas Kesehatan Provinsi Jawa Barat Tahun 2016",
            "mengacu pada Laporan Kinerja Kementerian Kesehatan Tahun 2016.",
        )
    ))
    assert (meta.satker, meta.level) == ("Dinas Kesehatan Provinsi Jawa Barat", Level.PROVINSI)


def test_page_headers_without_the_region_are_still_the_regional_office():
    meta = extract_meta(prose_of(
        _lines(
            *["Laporan Kinerja Badan Pemberdayaan Masyarakat Tahun 2016"] * 4,
            "Badan Pemberdayaan Masyarakat Provinsi Jawa Barat melaksanakan tugas.",
        )
    ))
    assert (meta.satker, meta.level) == ("Badan Pemberdayaan Masyarakat Provinsi Jawa Barat", Level.PROVINSI)


def test_the_national_agency_names_many_regional_offices_but_none_mostly():
    meta = extract_meta(prose_of(
        _lines(
            *["Laporan Kinerja Badan Narkotika Nasional Tahun 2023"] * 3,
            "BNN Provinsi Bali, BNN Provinsi Jawa Barat, BNN Provinsi Aceh dan BNN Provinsi Riau.",
        )
    ))
    assert (meta.satker, meta.level, meta.province) == ("Badan Narkotika Nasional", Level.PUSAT, None)


def test_a_unit_titled_under_its_parent_office_is_the_office():
    meta = extract_meta(prose_of(
        _lines(
            "PERJANJIAN KINERJA TAHUN 2017",
            "DINAS PEMUDA DAN OLAHRAGA PROVINSI JAWA BARAT",
            "BIDANG PEMBUDAYAAN OLAHRAGA",
            "No Sasaran Indikator Kinerja Satuan Target",
        )
    ))
    assert meta.satker == "Bidang Pembudayaan Olahraga Dinas Pemuda dan Olahraga Provinsi Jawa Barat"
    assert (meta.level, meta.province, meta.evidence["satker"].line) == (Level.PROVINSI, "Jawa Barat", 3)


def test_a_unit_with_its_own_region_name_keeps_its_parent_in_brackets():
    meta = extract_meta(prose_of(
        _lines(
            "PERJANJIAN KINERJA TAHUN 2016",
            "DINAS PARIWISATA DAN KEBUDAYAAN PROVINSI JAWA BARAT",
            "KEPALA BALAI PENGELOLAAN ANJUNGAN JAWA BARAT",
            "PERJANJIAN KINERJA TAHUN 2016",
            "DINAS PARIWISATA DAN KEBUDAYAAN PROVINSI JAWA BARAT",
            "BALAI PENGELOLAAN ANJUNGAN JAWA BARAT",
            "KEPALA SEKSI PROMOSI DAN INFORMASI",
        )
    ))
    assert meta.satker == (
        "Balai Pengelolaan Anjungan Jawa Barat (Dinas Pariwisata dan Kebudayaan Provinsi Jawa Barat)"
    )


def test_several_units_under_the_office_leave_the_office_itself():
    meta = extract_meta(prose_of(
        _lines(
            "LKIP Dinas Pemuda dan Olahraga Provinsi Jawa Barat Tahun 2017",
            "DINAS PEMUDA DAN OLAHRAGA PROVINSI JAWA BARAT",
            "BIDANG PEMBUDAYAAN OLAHRAGA",
            "DINAS PEMUDA DAN OLAHRAGA PROVINSI JAWA BARAT",
            "BIDANG KEPEMUDAAN",
            "Dinas Pemuda dan Olahraga Provinsi Jawa Barat",
            "Bidang Kepemudaan mempunyai tugas pokok.",
        )
    ))
    assert meta.satker == "Dinas Pemuda dan Olahraga Provinsi Jawa Barat"


# --- year --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("texts", "year"),
    [
        (("LKIP BNN Provinsi Bengkulu Tahun 2023",), 2023),
        (("TAHUN ANGGARAN 2024", "Bengkulu, 15 Januari 2025"), 2024),  # not the signing date
        (
            (
                "Laporan Kinerja BNN Kota Malang Tahun 2024",
                "Renstra Tahun 2020-2024",
                "tahun 2023 ...",
            ),
            2024,
        ),
        (
            ("Perbandingan tahun 2022 dan tahun 2023", "capaian tahun 2023"),
            2023,
        ),  # fallback: most named
        (("Undang-undang Nomor 35 Tahun 2009 tentang Narkotika",), None),  # a law reference only
    ],
)
def test_reported_year(texts, year):
    assert reported_year(_lines(*texts)) == year


def test_the_title_year_beats_a_later_budget_year_mention():
    lines = _lines(
        "Laporan Kinerja BNN Kota Malang Tahun 2024",
        "LKIP BNN Kota Malang Tahun 2024",
        "Rekomendasi untuk pelaksanaan tahun anggaran 2025",
    )
    assert reported_year(lines) == 2024


def test_pdf_lines_give_page_evidence():
    lines = [
        TextLine("DINAS PERKEBUNAN PROVINSI JAWA BARAT", page=1),
        TextLine(
            "Laporan Kinerja Instansi Pemerintah Dinas Perkebunan Provinsi Jawa Barat Tahun 2016",
            page=2,
        ),
    ]
    meta = extract_meta(prose_of(lines))
    assert meta.satker == "Dinas Perkebunan Provinsi Jawa Barat"
    assert meta.evidence["year"].page == 2 and meta.evidence["year"].method == "pdf:title_year"


# --- real reports ------------------------------------------------------------------------


def _corpus(shared_dir):
    return sorted((shared_dir / "corpus").glob("*.txt"))


@pytest.mark.shared
def test_corpus_metadata_matches_the_hand_checked_values(shared_dir):
    files = _corpus(shared_dir)
    assert files
    for path in files:
        expected = json.loads(path.with_suffix(".json").read_text("utf-8"))
        meta = extract_meta(prose_of(lines_of_text(path.read_text("utf-8"))))
        got = {
            "satker": meta.satker,
            "level": meta.level.value if meta.level else None,
            "province": meta.province,
            "regency": meta.regency,
            "year": meta.year,
        }
        assert got == {k: expected[k] for k in got}, path.name
        assert set(meta.evidence) >= {"satker", "level", "province", "year"}


@pytest.mark.shared
def test_west_java_pdf_text_layers_name_their_agency(shared_dir):
    pdfium = pytest.importorskip("pypdfium2")
    path = shared_dir / "real_pdfs" / "JabarProv_Dinkes_LKIP_2016.pdf"
    if not path.exists():
        pytest.skip("Dinkes PDF not present")
    pdf = pdfium.PdfDocument(str(path))
    lines = []
    for i in range(min(12, len(pdf))):
        text = pdf[i].get_textpage().get_text_range().replace("\r\n", "\n").replace("\r", "\n")
        lines += [TextLine(t, page=i + 1) for t in text.split("\n")]
    meta = extract_meta(prose_of(lines))
    assert meta.satker == "Dinas Kesehatan Provinsi Jawa Barat"
    assert (meta.level, meta.province, meta.regency, meta.year) == (
        Level.PROVINSI,
        "Jawa Barat",
        None,
        2016,
    )


@pytest.mark.shared
def test_a_balai_perjanjian_kinerja_names_the_balai(shared_dir):
    from lkip.extract.adapters._pdfium import read_text_layer
    from lkip.extract.pdf._pages import lines_of_pages

    path = shared_dir / "real_pdfs" / "JabarProv_Disparbud_BalaiAnjunganTMII_PerjanjianKinerja_2016.pdf"
    if not path.exists():
        pytest.skip("Balai PK PDF not present")
    meta = extract_meta(prose_of(lines_of_pages(read_text_layer(path))))
    assert meta.satker.startswith("Balai Pengelolaan Anjungan Jawa Barat (Dinas Pariwisata")
    assert (meta.level, meta.province, meta.year) == (Level.PROVINSI, "Jawa Barat", 2016)
