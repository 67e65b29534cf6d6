"""Executive summary claims and count claims."""

from __future__ import annotations

import json

import pytest

from lkip.extract.model._records import SourceKind, lines_of_text
from lkip.extract.prose._claims import extract_count_claims, extract_summary_claims, summary_section
from lkip.extract.prose._stream import heading_key, prose_of


def _lines(*texts: str):
    return lines_of_text("\n".join(texts))


def _claims(*texts: str):
    return [
        (c.indicator_text, c.target_text, c.realisasi_text, c.pct_text)
        for c in extract_summary_claims(prose_of(_lines(*texts)))
    ]


# --- finding the section -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        (" RRIINNGGKKAASSAANN  EEKKSSEEKKUUTTIIFF  ", "RINGKASAN EKSEKUTIF"),
        ("## IKHTISAR EKSEKUTIF", "IKHTISAR EKSEKUTIF"),
        ("P E N U T U P", "PENUTUP"),
        ("IKHTISAR EKSEKUTIF|", "IKHTISAR EKSEKUTIF"),
    ],
)
def test_heading_keys_undo_doubled_and_spaced_letters(raw, key):
    assert heading_key(raw) == key


def test_summary_section_skips_the_table_of_contents_and_stops_at_bab_i():
    prose = prose_of(
        _lines(
            "IKHTISAR EKSEKUTIF .....\tiv",
            "BAB I .....\t1",
            "## IKHTISAR EKSEKUTIF",
            "Ringkasan isi laporan.",
            "# **BAB I**",
            "Pendahuluan panjang.",
        )
    )
    section = summary_section(prose)
    assert prose.text[section.start : section.end] == "Ringkasan isi laporan."


def test_claims_outside_the_summary_are_ignored():
    assert (
        _claims("BAB I", "PENDAHULUAN", "a. Nilai kinerja anggaran target 88 tercapai 97,81;") == []
    )
    assert (
        _claims("Nilai kinerja anggaran target 88 tercapai 97,81") == []
    )  # no summary heading at all


# --- claim phrases -------------------------------------------------------------------------


def test_list_item_claims_with_units_broken_over_lines():
    rows = extract_summary_claims(prose_of(
        _lines(
            "RINGKASAN EKSEKUTIF",
            "",
            "a. Jumlah kabupaten/ kota dengan Indeks Ketahanan Diri Remaja di wilayah provinsi "
            "target 2 ",
            "",
            "Kabupaten/Kota tercapai 1 Kabupaten/Kota; ",
            "b. Persentase penyalahguna yang mengalami ",
            "peningkatan kualitas hidup target 68% tercapai 78,42% ",
            "c. Nilai keterpulihan Kawasan rawan yang diintervensi target 2,51 tercapai ",
            "3,00. ",
            "BAB I",
        )
    ))
    got = [
        (r.indicator_text, r.target_text, r.realisasi_text, r.pct_text, r.where.line) for r in rows
    ]
    assert got == [
        (
            "Jumlah kabupaten/ kota dengan Indeks Ketahanan Diri Remaja di wilayah provinsi",
            "2 Kabupaten/Kota",
            "1 Kabupaten/Kota",
            None,
            3,
        ),
        (
            "Persentase penyalahguna yang mengalami peningkatan kualitas hidup",
            "68%",
            "78,42%",
            None,
            6,
        ),
        ("Nilai keterpulihan Kawasan rawan yang diintervensi", "2,51", "3,00", None, 8),
    ]
    assert all(r.source_kind is SourceKind.EXECUTIVE_SUMMARY for r in rows)
    assert [r.row_no for r in rows] == [1, 2, 3]


def test_target_realisasi_with_colons_and_a_stated_percentage():
    assert _claims(
        "IKHTISAR EKSEKUTIF",
        "1. Persentase layanan rehabilitasi Target : 62% / Realisasi : 86% (138,88%)",
    ) == [("Persentase layanan rehabilitasi", "62%", "86%", "138,88%")]


def test_prose_claims_drop_the_sasaran_before_the_indicator():
    got = _claims(
        "IKHTISAR EKSEKUTIF",
        "Bidang Pemberantasan memiliki 2 (dua) sasaran kegiatan yaitu meningkatnya "
        "pengungkapan tindak pidana "
        "dengan indikator kinerja jumlah berkas perkara yang P-21 dengan target sebanyak 7 "
        "berkas perkara dan "
        "capaian 16 berkas perkara; meningkatnya pengawasan tahanan dengan nilai tingkat "
        "keamanan tahanan "
        "dengan target sebesar 100 indeks dan capaian 100 indeks dan nilai zona integritas "
        "dengan nilai dengan "
        "target indeks sebesar 85 dan capaian 85.",
    )
    assert got == [
        ("jumlah berkas perkara yang P-21", "7 berkas perkara", "16 berkas perkara", None),
        ("nilai tingkat keamanan tahanan", "100 indeks", "100 indeks", None),
        ("nilai zona integritas", "85", "85", None),
    ]


def test_prose_claims_are_placed_on_the_line_of_their_figures():
    rows = extract_summary_claims(prose_of(
        _lines(
            "IKHTISAR EKSEKUTIF",
            "dengan dua indikator kinerja yakni jumlah kawasan rawan yang beralih status dari "
            "bahaya",
            "menjadi waspada dengan target sebanyak 1 kawasan dan capaian 1 kawasan.",
        )
    ))
    assert [(r.indicator_text, r.where.line) for r in rows] == [
        ("jumlah kawasan rawan yang beralih status dari bahaya menjadi waspada", 3)
    ]


def test_realisasi_first_phrasing():
    assert _claims(
        "RINGKASAN EKSEKUTIF", "a. Indeks kepuasan layanan realisasi 3,70 dari target 3,60;"
    ) == [("Indeks kepuasan layanan", "3,60", "3,70", None)]


def test_claims_about_another_year_are_skipped():
    got = _claims(
        "LKIP BNN Kota Malang Tahun 2024",
        "RINGKASAN EKSEKUTIF",
        "Pada tahun 2023 Nilai kinerja anggaran target 80 tercapai 90.",
        "Nilai kinerja anggaran target 86 tercapai 98,6.",
    )
    assert got == [("Nilai kinerja anggaran", "86", "98,6", None)]


# --- count claims --------------------------------------------------------------------------


def _counts(*texts: str):
    return [(c.subject, c.value) for c in extract_count_claims(prose_of(_lines(*texts)))]


def test_sasaran_and_indicator_totals_skip_per_bidang_counts():
    assert _counts(
        "RINGKASAN EKSEKUTIF",
        "Kegiatan yang diprioritaskan sejumlah 13 (tiga belas) sasaran kegiatan dan 18 ",
        "(delapan belas) indikator kinerja kegiatan.",
        "1. Bidang Pencegahan terdiri dari 5 (lima) Indikator Kinerja kegiatan sebagai berikut :",
        "Bidang Rehabilitasi mempunyai 4 (empat) sasaran kegiatan dengan 5 (lima) indikator "
        "kinerja.",
    ) == [("sasaran", 13.0), ("indicators", 18.0)]


def test_status_counts_of_the_reported_year_only():
    assert _counts(
        "LKIP BNN Provinsi Kalimantan Tengah Tahun 2024",
        "IKHTISAR EKSEKUTIF",
        "Capaian target tahun 2023 dapat disimpulkan sebagai berikut:",
        "1. 7 indikator kinerja melebihi target yang ditetapkan;",
        "2. 10 indikator kinerja sesuai dengan target yang ditetapkan;",
        "3. 2 indikator kinerja yang tidak mencapai target yang ditetapkan.",
        "Capaian target tahun 2024 dapat disimpulkan sebagai berikut:",
        "1. 6 indikator kinerja melebihi target yang ditetapkan;",
        "2. 11 indikator kinerja sesuai dengan target yang ditetapkan;",
        "3. 1 indikator kinerja yang tidak mencapai target yang ditetapkan.",
        "Pada Tahun 2023 ditetapkan 13 sasaran kegiatan dengan 19 indikator kinerja sedangkan "
        "pada tahun 2024 "
        "ditetapkan 13 sasaran kegiatan dengan 18 indikator kinerja.",
    ) == [
        ("above_target", 6.0),
        ("at_target", 11.0),
        ("below_target", 1.0),
        ("sasaran", 13.0),
        ("indicators", 18.0),
    ]


def test_overall_percentage_in_summary_but_not_per_indicator_narratives():
    assert _counts(
        "RINGKASAN EKSEKUTIF",
        "Capaian indikator kinerja BNN Kota Malang Tahun 2024 sebesar 90 % dengan serapan "
        "anggaran 95 %.",
        "BAB III",
        "Capaian kinerja indikator ini sebesar 120%.",
        "Sasaran kegiatan di atas diimplementasikan melalui 2 (dua) indikator kinerja kegiatan.",
        "Dari 12 120 Indikator ini merupakan pengungkapan berkas perkara.",
        "BAB IV",
        "Pencapaian Indikator Kinerja BNN Provinsi X TA 2024 rata – rata sebesar 107,34%.",
    ) == [("overall_pct", 90.0), ("overall_pct", 107.34)]


def test_bab_iii_counts_are_read_and_differences_are_not_counts():
    assert _counts(
        "BAB III",
        "BNN Provinsi Jawa Timur sebanyak 11 (Sebelas) sasaran Kegiatan, dengan indikator "
        "kinerja sebanyak "
        "11 (sebelas) indikator kinerja.",
        "Capaian kinerja tahun 2024 berkurang 1 (satu) indikator kinerja dibandingkan tahun 2023.",
        "Kuesioner tersebut memuat 6 Indikator dan dilakukan kepada instansi pemerintah.",
    ) == [("sasaran", 11.0), ("indicators", 11.0)]


def test_counts_inside_a_sasaran_item_are_that_sasarans_not_the_reports():
    assert _counts(
        "IKHTISAR EKSEKUTIF",
        "Hasil pengukuran keberhasilan dalam capaian setiap sasaran sebagai berikut :",
        "1. Sasaran 1 : Meningkatnya perkembangan industri kecil, menengah dan besar,",
        "mendapat predikat nilai Baik dengan rata-rata capaian sebesar 95.45%.",
        "Terbukti dari hasil pengukuran yang diukur melalui 2 (dua) indikator kinerja",
        "dengan 1 (satu) indikator kinerja melampaui target.",
        "2. Meningkatnya pemanfaatan teknologi, diukur melalui 3 (tiga) indikator kinerja.",
        "Sasaran 3: Meningkatnya kompetensi sumber daya manusia.",
        "Terbukti dari hasil pengukuran yang diukur melalui 1 (satu) indikator kinerja.",
        "Dari 9 (Sembilan) sasaran strategis yang diukur melalui 16 (enam belas) indikator "
        "kinerja, 7 indikator kinerja melampaui target.",
    ) == [("sasaran", 9.0), ("indicators", 16.0), ("above_target", 7.0)]


def test_counts_of_the_regions_development_plan_are_not_claims():
    assert _counts(
        "IKHTISAR EKSEKUTIF",
        "Strategi pembangunan Tahun 2016 memiliki 5 sasaran utama, yaitu pelibatan komunitas.",
        "Dinas X menetapkan 9 sasaran strategis dengan 16 indikator kinerja.",
    ) == [("sasaran", 9.0), ("indicators", 16.0)]


# --- real reports --------------------------------------------------------------------------


@pytest.mark.shared
def test_corpus_summary_claims_match_the_hand_checked_claims(shared_dir):
    from lkip.figures import parse_number

    def num(text):
        return parse_number(text).value if text else None

    tp = fp = fn = 0
    for path in sorted((shared_dir / "corpus").glob("*.txt")):
        expected = json.loads(path.with_suffix(".json").read_text("utf-8"))["summary_claims"]
        want = [(e["line"], e["target"], e["realisasi"], e["stated_pct"]) for e in expected]
        rows = extract_summary_claims(prose_of(lines_of_text(path.read_text("utf-8"))))
        got = [
            (r.where.line, num(r.target_text), num(r.realisasi_text), num(r.pct_text)) for r in rows
        ]
        for g in got:
            if g in want:
                want.remove(g)
                tp += 1
            else:
                fp += 1
        fn += len(want)
        assert all(r.indicator_text for r in rows)
    f1 = 2 * tp / max(1, 2 * tp + fp + fn)
    assert f1 >= 0.98, (tp, fp, fn)


@pytest.mark.shared
def test_corpus_count_claims(shared_dir):
    corpus = shared_dir / "corpus"
    expected = {
        "002_dbeaee00e319b769.txt": {
            ("sasaran", 13.0),
            ("indicators", 18.0),
            ("above_target", 6.0),
            ("at_target", 11.0),
            ("below_target", 1.0),
            ("overall_pct", 107.34),
        },
        "004_57dd40025cf3b72e.txt": {
            ("overall_pct", 90.0),
            ("sasaran", 11.0),
            ("indicators", 11.0),
        },
        "000_2ac78e30a176e716.txt": {("sasaran", 13.0), ("indicators", 18.0)},
    }
    for name, want in expected.items():
        path = corpus / name
        if not path.exists():
            continue
        claims = extract_count_claims(prose_of(lines_of_text(path.read_text("utf-8"))))
        assert {(c.subject, c.value) for c in claims} == want, name
