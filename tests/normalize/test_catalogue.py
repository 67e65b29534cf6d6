"""Tests of the indicator catalogue, text normalisation and fuzzy matching."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lkip.errors import ConfigError
from lkip.figures import parse_number
from lkip.normalize._text import normalize_indicator_text
from lkip.normalize.catalogue import (
    Catalogue,
    MatchSettings,
    Outcome,
    load_catalogue,
    match_indicator,
)

ISSUE_CODES = {
    "remaja_kabkota_tinggi",
    "remaja_indeks",
    "keluarga_kabkota_tinggi",
    "keluarga_indeks",
    "partisipasi_kabkota_mandiri",
    "partisipasi_indeks",
    "kawasan_rawan_beralih_status",
    "kawasan_rawan_keterpulihan",
    "rehab_kualitas_hidup",
    "rehab_petugas_ibm_terlatih",
    "rehab_lembaga_operasional",
    "rehab_unit_ibm_operasional",
    "rehab_indeks_kepuasan",
    "berantas_berkas_p21",
    "berantas_jaringan_dipetakan",
    "berantas_keamanan_tahanan",
    "berantas_keamanan_barang_bukti",
    "umum_nka",
    "umum_nka_bnnk_mencapai",
    "umum_ikpa",
    "umum_ikpa_bnnk_mencapai",
    "umum_zona_integritas",
}


@pytest.fixture(scope="module")
def bnn() -> Catalogue:
    return load_catalogue()


# ---- the packaged catalogue ----


def test_packaged_catalogue_has_exactly_the_issue_codes(bnn):
    assert {i.code for i in bnn.indicators} == ISSUE_CODES
    assert len(bnn.indicators) == 22


def test_packaged_catalogue_fields(bnn):
    for ind in bnn.indicators:
        assert ind.measure in {"count", "index", "percent", "value"}
        assert ind.direction in {"higher_is_better", "lower_is_better"}
        assert ind.bidang and ind.name and ind.unit
    assert bnn.get("umum_nka").measure == "value"
    assert bnn.get("remaja_kabkota_tinggi").measure == "count"
    assert bnn.get("nope") is None


def test_every_name_and_alias_matches_its_own_code(bnn):
    for ind in bnn.indicators:
        for text in (ind.name, *ind.aliases):
            m = match_indicator(text, bnn, unit=ind.unit)
            assert (m.outcome, m.code) == (Outcome.ACCEPTED, ind.code), text


# ---- loading other files ----

_GOOD = """
name: Dinas X
indicators:
  - code: kunjungan_wisatawan
    name: Jumlah kunjungan wisatawan
    bidang: pariwisata
    measure: count
    direction: higher_is_better
    unit: Orang
    aliases: [Jumlah wisatawan yang berkunjung]
"""


def test_load_another_agency_catalogue(tmp_path):
    path = tmp_path / "dinas.yaml"
    path.write_text(_GOOD, encoding="utf-8")
    cat = load_catalogue(path)
    assert cat.name == "Dinas X"
    m = match_indicator("Jumlah Kunjungan Wisatawan", cat)
    assert (m.outcome, m.code) == (Outcome.ACCEPTED, "kunjungan_wisatawan")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("name: [unclosed", "not valid YAML"),
        ("- a\n- b\n", "expected a mapping"),
        ("name: X\nindicators: []\n", "non-empty list"),
        (_GOOD.replace("measure: count", "measure: amount"), "measure 'amount'"),
        (_GOOD.replace("direction: higher_is_better", "direction: up"), "direction 'up'"),
        (_GOOD.replace("    bidang: pariwisata\n", ""), "missing or empty bidang"),
        (_GOOD.replace("code: kunjungan_wisatawan", "code: Kunjungan Wisatawan"), "snake_case"),
        (_GOOD + "    colour: red\n", "unknown key"),
        (_GOOD + _GOOD.split("indicators:\n")[1], "duplicate code"),
        (
            _GOOD.replace("aliases: [Jumlah wisatawan yang berkunjung]", "aliases: [1, '']"),
            "aliases must be",
        ),
    ],
)
def test_bad_catalogue_files_raise_config_error_naming_file_and_problem(tmp_path, text, problem):
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=problem) as info:
        load_catalogue(path)
    assert "broken.yaml" in str(info.value)


def test_alias_shared_by_two_codes_is_rejected(tmp_path):
    second = _GOOD.split("indicators:\n")[1].replace("kunjungan_wisatawan", "wisatawan_lain")
    path = tmp_path / "clash.yaml"
    path.write_text(_GOOD + second, encoding="utf-8")
    with pytest.raises(ConfigError, match="reads the same"):
        load_catalogue(path)


def test_missing_file_raises_config_error(tmp_path):
    with pytest.raises(ConfigError, match="missing.yaml"):
        load_catalogue(tmp_path / "missing.yaml")


def test_extra_aliases_are_applied_on_top(bnn):
    text = "Capaian IKU pengungkapan jaringan sindikat"
    assert match_indicator(text, bnn).code is None
    cat = load_catalogue(extra_aliases={text: "berantas_jaringan_dipetakan"})
    m = match_indicator(text.upper(), cat)
    assert (m.outcome, m.code) == (Outcome.ACCEPTED, "berantas_jaringan_dipetakan")


def test_extra_alias_to_unknown_code_raises():
    with pytest.raises(ConfigError, match="unknown code 'no_such_code'"):
        load_catalogue(extra_aliases={"Apa saja": "no_such_code"})


def test_match_settings_resolve():
    assert MatchSettings.resolve(None) == MatchSettings()
    assert MatchSettings.resolve({"accept_score": 95}).accept_score == 95
    with pytest.raises(ConfigError, match="unknown setting"):
        MatchSettings.resolve({"acept_score": 95})
    with pytest.raises(ConfigError):
        MatchSettings(review_score=90, accept_score=80)


# ---- normalisation ----


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("penyalagunaan NARKOBA", "penyalahgunaan narkotika"),
        ("Jumlah Kab/ Kota", "jumlah kabupaten/kota"),
        ("berkategori \u201cTinggi\u201d", 'berkategori "tinggi"'),
        ("yang P-21", "yang P21"),
        ("penyalah- gunaan", "penyalahgunaan"),
        ("Presentase pecandu", "persentase pecandu"),
        ("layanan IBM", "layanan Intervensi Berbasis Masyarakat"),
        ("Nilai Indikator Kinerja Pelaksanaan Anggaran (IKPA)", "nilai IKPA"),
        ("Jumlah BNNK dengan NKA", "jumlah BNN kabupaten/kota dengan NKA"),
        ("Nilai Kinerja Anggaran BNN Kota Malang", "Nilai Kinerja Anggaran"),
        ("b. Nilai kinerja anggaran target 88 tercapai 97,81;", "nilai kinerja anggaran"),
        ("Jumlah lembaga target sebanyak 1 lembaga dan capaian 1 lembaga", "jumlah lembaga dan"),
        ("<b>Nilai</b> ZI", "nilai zona integritas"),
    ],
)
def test_normalisation_removes_noise(a, b):
    assert normalize_indicator_text(a) == normalize_indicator_text(b)


def test_typos_and_glued_words_are_fixed_against_the_catalogue(bnn):
    for text, unit, code in [
        ("Nilai Indikator Kinerja Pelaksnaan Anggaran (IKPA)", None, "umum_ikpa"),
        ("Jumlahrehabilitasi yang operasional", "Lembaga", "rehab_lembaga_operasional"),
        (
            "Jumlah petugas penyelenggaralayanan IBM yang terlatih",
            None,
            "rehab_petugas_ibm_terlatih",
        ),
    ]:
        m = match_indicator(text, bnn, unit=unit)
        assert m.code == code, (text, m)


# ---- matching: variants, near-twins, other agencies ----


@pytest.mark.parametrize(
    ("text", "unit", "code"),
    [
        ("Indeks Ketahanan Diri Remaja", "Indeks", "remaja_indeks"),
        (
            "Jumlah Kab/Kota dengan Indeks Ketahanan Diri Remaja berkategori Tinggi",
            "Kab/Kota",
            "remaja_kabkota_tinggi",
        ),
        (
            "Jumlah kabupaten/ kota dengan indeks ketahanan keluarga terhadap penyalagunaan "
            'narkoba berkategori "tinggi"',
            None,
            "keluarga_kabkota_tinggi",
        ),
        ("Indeks Ketahanan Keluarga Terhadap Penyalahgunaan Narkoba", None, "keluarga_indeks"),
        ("Indeks Kemandirian Partisipasi Masyarakat", "Indeks", "partisipasi_indeks"),
        (
            "Jumlah Kab/Kota dengan Indeks Kemandirian Partisipasi kategori Mandiri",
            None,
            "partisipasi_kabkota_mandiri",
        ),
        ("Nilai Kinerja Anggaran (NKA)", None, "umum_nka"),
        ("Jumlah BNNK dengan NKA mencapai target", None, "umum_nka_bnnk_mencapai"),
        ("Nilai IKPA BNNP Jawa Timur", None, "umum_ikpa"),
        ("Nilai Kinerja Anggara (IKPA) BNN Kota Malang", "Indeks", "umum_ikpa"),
        ("Jumlah BNN Kab/Kota dengan nilai IKPA mencapai target", None, "umum_ikpa_bnnk_mencapai"),
        ("Jumlah berkas perkara TP narkotika yang P21", None, "berantas_berkas_p21"),
        (
            "Jumlah jaringan sindikat peredaran gelap narkotika yang berhasil dipetakan",
            None,
            "berantas_jaringan_dipetakan",
        ),
        ("Nilai Keamanan, Ketertiban dan Kesehatan Tahanan", None, "berantas_keamanan_tahanan"),
        (
            "Nilai Tingkat Keamanan Barang Bukti Narkotika dan Non-Narkotika",
            None,
            "berantas_keamanan_barang_bukti",
        ),
        ("Nilai Zona Integritas (ZI) berdasarkan penilaian internal", None, "umum_zona_integritas"),
        (
            "Presentase penyalahguna dan/atau pecandu narkoba yang mengalami peningkatan "
            "kualitas hidup",
            "%",
            "rehab_kualitas_hidup",
        ),
        (
            "Jumlah unit layanan rehabilitasi IBM yang operasional",
            "Unit",
            "rehab_unit_ibm_operasional",
        ),
        ("Indeks Kepuasan Layanan Rehabilitasi", None, "rehab_indeks_kepuasan"),
        ("Nilai Indeks Keterpulihan Kawasan Rawan", None, "kawasan_rawan_keterpulihan"),
        (
            "d. Jumlah Kawasan rawan di wilayah provinsi yang beralih status dari "
            "\u201cWaspada\u201d menjadi \u201cSiaga\u201d target 1 kawasan tercapai 1 kawasan;",
            None,
            "kawasan_rawan_beralih_status",
        ),
    ],
)
def test_wording_variants_are_accepted_with_the_right_code(bnn, text, unit, code):
    m = match_indicator(text, bnn, unit=unit)
    assert (m.outcome, m.code) == (Outcome.ACCEPTED, code), m
    assert m.candidates[0][0] == code


@pytest.mark.parametrize(
    ("text", "unit", "right"),
    [
        # provincial count vs regency index: wording decides
        (
            "Jumlah kabupaten/kota dengan Indeks Ketahanan Diri Remaja Terhadap Penyalahgunaan "
            "Narkoba berkategori Tinggi di wilayah provinsi",
            None,
            "remaja_kabkota_tinggi",
        ),
        ("Indeks Ketahanan Diri Remaja Terhadap Penyalahgunaan Narkoba", None, "remaja_indeks"),
        (
            "Jumlah BNN Kabupaten/Kota di wilayah provinsi dengan NKA mencapai target",
            None,
            "umum_nka_bnnk_mencapai",
        ),
        ("Nilai Kinerja Anggaran", None, "umum_nka"),
        (
            "Jumlah BNN Kabupaten/Kota di wilayah provinsi dengan Nilai IKPA mencapai target",
            None,
            "umum_ikpa_bnnk_mencapai",
        ),
        ("Nilai Indikator Kinerja Pelaksanaan Anggaran (IKPA)", None, "umum_ikpa"),
        # the unit agrees with the wording
        ("Nilai Kinerja Anggaran", "Indeks", "umum_nka"),
        (
            "Jumlah BNN Kabupaten/Kota dengan NKA mencapai target",
            "BNN Kabupaten/Kota",
            "umum_nka_bnnk_mencapai",
        ),
    ],
)
def test_near_twins_are_told_apart(bnn, text, unit, right):
    m = match_indicator(text, bnn, unit=unit)
    assert (m.outcome, m.code) == (Outcome.ACCEPTED, right), m


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Indeks Ketahanan Diri Remaja", "Kabupaten/Kota"),
        ("Jumlah kabupaten/kota dengan Indeks Ketahanan Diri Remaja berkategori Tinggi", "Indeks"),
        ("Nilai Kinerja Anggaran", "BNN Kabupaten/Kota"),
        ("Jumlah BNN Kabupaten/Kota dengan NKA mencapai target", "Indeks"),
    ],
)
def test_unit_contradicting_the_wording_sends_to_review(bnn, text, unit):
    m = match_indicator(text, bnn, unit=unit)
    assert m.outcome is Outcome.REVIEW
    assert m.code is None
    assert m.candidates


@pytest.mark.parametrize(
    "text",
    [
        "Persentase kinerja keuangan yang akuntabel",
        "Indeks Kepuasan Masyarakat terhadap pelayanan kesehatan",
        "Jumlah kunjungan wisatawan",
        "Indeks Kepuasan Masyarakat",
        "Jumlah desa berkategori mandiri",
        "Jumlah kabupaten/kota berkategori tinggi",
        "Jumlah kawasan kumuh yang beralih status",
        "Persentase peningkatan kualitas hidup lansia",
        "Jumlah berkas perkara tindak pidana korupsi yang P-21",
        "Indeks Ketahanan Keluarga Berencana",
        "Indeks Ketahanan Pangan",
        "Jumlah petugas penyuluh pertanian yang terlatih",
        "Jumlah unit layanan pengaduan yang operasional",
        "Persentase OPD yang nilai evaluasi LKIP adalah B ke atas",
        "Jumlah Puskesmas yang sudah Terakreditasi",
        "Tingkat keselarasan rencana tata ruang Provinsi dengan tata ruang Kab/Kota",
    ],
)
def test_other_agencies_indicators_never_get_a_code(bnn, text):
    m = match_indicator(text, bnn)
    assert m.code is None
    assert m.outcome in {Outcome.REVIEW, Outcome.UNMATCHED}


def test_clearly_foreign_text_is_unmatched(bnn):
    for text in ("Prevalensi gizi buruk", "Opini BPK-RI terhadap LKPD", "", "123"):
        m = match_indicator(text, bnn)
        assert (m.outcome, m.code) == (Outcome.UNMATCHED, None), text


def test_review_lists_candidates_best_first(bnn):
    m = match_indicator("Jumlah BNN Kabupaten/ Kota di wilayah", bnn)
    assert m.outcome is Outcome.REVIEW
    codes = [c for c, _ in m.candidates]
    assert set(codes[:2]) == {"umum_nka_bnnk_mencapai", "umum_ikpa_bnnk_mencapai"}
    scores = [s for _, s in m.candidates]
    assert scores == sorted(scores, reverse=True)


# ---- the reference corpus: no wrong code at all ----


def _corpus_rows(shared: Path):
    for path in sorted((shared / "corpus").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for rec in data.get("pk", []):
            yield rec["indicator"], rec.get("unit"), rec["code"]
        for rec in data.get("capaian", []):
            yield rec["indicator"], parse_number(rec.get("target_text")).unit, rec["code"]
            yield rec["indicator"], None, rec["code"]
        for rec in data.get("summary_claims", []):
            yield rec["text"], None, rec["code"]


@pytest.mark.shared
def test_corpus_indicators_never_get_a_wrong_code(shared_dir, bnn):
    rows = list(_corpus_rows(shared_dir))
    assert rows
    wrong, right = [], 0
    for text, unit, code in rows:
        m = match_indicator(text, bnn, unit=unit)
        if m.code is not None and m.code != code:
            wrong.append((text, code, m.code))
        right += m.code == code
    assert wrong == []
    assert right / len(rows) >= 0.9
