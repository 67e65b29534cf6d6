"""Fictional LKIP reports: the known truth behind every file in ``samples/``.

Offices, places and numbers are invented; nothing is copied from a real report.
Each report deliberately carries a few inconsistencies (stated % wrong, PK target
differing from the capaian target, budget % off) so that the checks have
something to find. Generators render these into text dumps and PDFs and write
the expected extraction beside each file.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Row:
    """One indicator of a fictional report.

    Attributes:
        code: Catalogue code (None for a non-catalogue indicator).
        sasaran: The sasaran it belongs to.
        indicator: Indicator wording as printed.
        pk_target: Target text in the Perjanjian Kinerja table (number part).
        unit: Satuan.
        target: Target text in the BAB III table (may differ from the PK: a planted flag).
        realisasi: Realisasi text.
        pct: Stated capaian % text (may be wrong: a planted flag).
    """

    code: str | None
    sasaran: str
    indicator: str
    pk_target: str
    unit: str
    target: str
    realisasi: str
    pct: str


@dataclass(frozen=True, slots=True)
class Fiction:
    """A fictional report.

    Attributes:
        stem: File stem for the rendered files.
        satker: The office's name.
        level: provinsi, kabupaten or kota.
        province: Province (fictional).
        regency: Regency/city name for a kabupaten/kota office.
        year: Reported year.
        rows: Its indicators.
        pagu: Budget pagu text.
        realisasi: Budget realisasi text.
        budget_pct: Stated budget % text.
        planted: The inconsistencies planted on purpose: (kind, code).
        summary_realisasi: Realisasi the executive summary states instead of the
            table's, per code (a planted summary_vs_table).
    """

    stem: str
    satker: str
    level: str
    province: str
    regency: str | None
    year: int
    rows: tuple[Row, ...]
    pagu: str
    realisasi: str
    budget_pct: str
    planted: tuple[tuple[str, str | None], ...] = field(default=())
    summary_realisasi: tuple[tuple[str, str], ...] = field(default=())

    def summary_value(self, row: Row) -> str:
        """Return the realisasi the executive summary states for a row (may differ: planted)."""
        return dict(self.summary_realisasi).get(row.code or "", row.realisasi)


_S_REMAJA = "Meningkatnya daya tangkal anak dan remaja terhadap pengaruh buruk penyalahgunaan dan peredaran gelap narkotika"
_S_PARTISIPASI = "Meningkatnya kesadaran dan kepedulian masyarakat dalam penanganan P4GN"
_S_REHAB = "Meningkatnya upaya pemulihan penyalahguna dan/atau pecandu narkotika"
_S_BERANTAS = "Meningkatnya pengungkapan tindak pidana narkotika dan prekursor narkotika"
_S_UMUM = "Meningkatnya proses manajemen kinerja secara efektif dan efisien"

PROVINCE_REPORT = Fiction(
    stem="lkip_bnnp_nusa_lestari_2024",
    satker="BNN Provinsi Nusa Lestari",
    level="provinsi",
    province="Nusa Lestari",
    regency=None,
    year=2024,
    rows=(
        Row("remaja_kabkota_tinggi", _S_REMAJA,
            "Jumlah kabupaten/kota dengan Indeks Ketahanan Diri Remaja terhadap Penyalahgunaan Narkoba berkategori “Tinggi” di wilayah provinsi",
            "3", "Kabupaten/Kota", "3", "2", "66,67"),
        Row("partisipasi_kabkota_mandiri", _S_PARTISIPASI,
            "Jumlah kabupaten/kota dengan Indeks Kemandirian Partisipasi berkategori “Mandiri” di wilayah provinsi",
            "2", "Kabupaten/Kota", "2", "2", "100"),
        Row("rehab_kualitas_hidup", _S_REHAB,
            "Persentase penyalahguna dan/atau pecandu narkotika yang mengalami peningkatan kualitas hidup",
            "70", "%", "70", "81,25", "116,07"),
        Row("rehab_petugas_ibm_terlatih", _S_REHAB,
            "Jumlah petugas penyelenggara layanan IBM yang terlatih",
            "12", "Orang", "12", "12", "100"),
        Row("rehab_indeks_kepuasan", _S_REHAB,
            "Indeks kepuasan penerima layanan rehabilitasi pada fasilitas rehabilitasi BNN",
            "3,65", "Indeks", "3,65", "3,81", "104,38"),
        Row("berantas_berkas_p21", _S_BERANTAS,
            "Jumlah berkas perkara tindak pidana narkotika dan prekursor narkotika yang P-21",
            "9", "Berkas Perkara", "8", "11", "137,5"),
        Row("umum_nka", _S_UMUM, "Nilai Kinerja Anggaran (NKA)",
            "88", "Indeks", "88", "95,40", "108,41"),
        Row("umum_ikpa", _S_UMUM, "Nilai Indikator Kinerja Pelaksanaan Anggaran (IKPA)",
            "96,50", "Indeks", "96,50", "97,10", "101,62"),
        Row("umum_zona_integritas", _S_UMUM, "Nilai zona integritas BNN berdasarkan penilaian internal",
            "80", "Indeks", "80", "72,40", "95,50"),
    ),
    pagu="9.876.543.000",
    realisasi="9.512.345.678",
    budget_pct="96,31",
    planted=(
        ("pk_vs_capaian_target", "berantas_berkas_p21"),
        ("pct_mismatch", "umum_zona_integritas"),
        ("pct_mismatch", "umum_ikpa"),
        ("summary_vs_table", "umum_zona_integritas"),
    ),
    summary_realisasi=(("umum_zona_integritas", "74,20"),),
)

CITY_REPORT = Fiction(
    stem="lkip_bnnk_sukamaju_2023",
    satker="BNN Kota Sukamaju",
    level="kota",
    province="Nusa Lestari",
    regency="Sukamaju",
    year=2023,
    rows=(
        Row("remaja_indeks", _S_REMAJA,
            "Indeks Ketahanan Diri Remaja terhadap Penyalahgunaan Narkoba",
            "54,20", "Indeks", "54,20", "55,05", "101,57"),
        Row("partisipasi_indeks", _S_PARTISIPASI, "Indeks Kemandirian Partisipasi",
            "3,25", "Indeks", "3,25", "3.31", "101,85"),
        Row("rehab_kualitas_hidup", _S_REHAB,
            "Persentase penyalahguna dan/atau pecandu narkotika yang mengalami peningkatan kualitas hidup",
            "65", "%", "65", "71,3", "109,69"),
        Row("rehab_lembaga_operasional", _S_REHAB,
            "Jumlah lembaga rehabilitasi yang operasional",
            "2", "Lembaga", "2", "3", "150"),
        Row("umum_nka", _S_UMUM, "Nilai Kinerja Anggaran (NKA)",
            "86", "Indeks", "86", "91,2", "106,05"),
    ),
    pagu="2.150.000.000",
    realisasi="2.031.750.000",
    budget_pct="94,00",
    planted=(("budget_arithmetic", None),),
)

AGENCY_REPORT = Fiction(
    stem="lkip_dinas_pariwisata_sukamaju_2024",
    satker="Dinas Pariwisata Kabupaten Sukamaju",
    level="kabupaten",
    province="Nusa Lestari",
    regency="Sukamaju",
    year=2024,
    rows=(
        Row(None, "Meningkatnya kunjungan wisatawan",
            "Jumlah kunjungan wisatawan nusantara", "250.000", "Orang", "250.000", "268.400", "107,36"),
        Row(None, "Meningkatnya kunjungan wisatawan",
            "Lama tinggal rata-rata wisatawan", "2,5", "Hari", "2,5", "2,1", "84"),
        Row(None, "Meningkatnya kualitas pelayanan kepariwisataan",
            "Indeks kepuasan wisatawan terhadap destinasi", "3,40", "Indeks", "3,40", "3,52", "103,53"),
    ),
    pagu="1.200.000.000",
    realisasi="1.104.000.000",
    budget_pct="92,00",
)

REPORTS = (PROVINCE_REPORT, CITY_REPORT, AGENCY_REPORT)
