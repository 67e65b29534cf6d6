"""Who signs each PK as PIHAK PERTAMA, and whether a PK is the report's own (prose/_signers)."""

from __future__ import annotations

import pytest

from lkip.extract.model import Level, Provenance, RawMeta, TableUse, lines_of_text
from lkip.extract.prose import foreign_office, is_own_office, pk_signers
from lkip.extract.text import extract_text

BNNP = RawMeta("BNN Provinsi Bengkulu", Level.PROVINSI, "Bengkulu", None, 2024)
BNN_KOTA = RawMeta("BNN Kota Bengkulu", Level.KOTA, "Bengkulu", "Bengkulu", 2024)
DINKES = RawMeta("Dinas Kesehatan", Level.PROVINSI, "Jawa Barat", None, 2016)
PEMPROV = RawMeta("Pemerintah Provinsi Jawa Barat", Level.PROVINSI, "Jawa Barat", None, 2016)


@pytest.mark.parametrize(("text", "office"), [
    # one line
    ("Nama : Drs. A\nJabatan : Kepala BNN Kabupaten Kaur, selanjutnya disebut PIHAK PERTAMA.",
     "Kepala BNN Kabupaten Kaur"),
    # the position wraps, and the party is named on a line of its own
    ("Nama : Prof. Dr. B\nJabatan : KEPALA DINAS PEMUDA DAN OLAHRAGA\n PROVINSI JAWA BARAT\n"
     "Selanjutnya disebut PIHAK KESATU", "KEPALA DINAS PEMUDA DAN OLAHRAGA PROVINSI JAWA BARAT"),
    # "selanjutnya disebut" ends one line, "PIHAK PERTAMA" starts the next
    ("Nama : C Jabatan : Kepala Bagian Umum BNNP Bengkulu, selanjutnya disebut\nPIHAK PERTAMA.",
     "Kepala Bagian Umum BNNP Bengkulu"),
])
def test_pk_signers_reads_the_position_of_pihak_pertama(text: str, office: str) -> None:
    signers = pk_signers(lines_of_text(text))
    assert [s.office for s in signers] == [office]
    assert signers[0].where.line == len(text.splitlines())


def test_pk_signers_ignores_pihak_kedua_and_parties_without_a_position() -> None:
    text = ("Jabatan : Gubernur Bengkulu, selanjutnya disebut PIHAK KEDUA.\n"
            "PIHAK PERTAMA berjanji akan mewujudkan target kinerja.\n"
            "PIHAK PERTAMA, Kepala BNN Provinsi Bengkulu")
    assert pk_signers(lines_of_text(text)) == ()


@pytest.mark.parametrize(("signer", "meta", "own"), [
    ("Kepala BNN Provinsi Bengkulu", BNNP, True),
    ("Kepala BNNP Bengkulu", BNNP, True),  # the acronym
    ("Kepala Badan Narkotika Nasional Provinsi Bengkulu", BNNP, True),
    ("Plt. Kepala BNN Provinsi Bengkulu", BNNP, True),
    ("Kepala Bagian Umum BNN Provinsi Bengkulu", BNNP, False),  # a unit of the office signs its own PK
    ("Kepala BNN Kabupaten Kaur", BNNP, False),
    ("Kepala BNNK Kaur", BNNP, False),
    ("Kepala BNN Provinsi Bengkulu", BNN_KOTA, False),  # the city and the province share a name
    ("Kepala Dinas Kesehatan Provinsi Jawa Barat", DINKES, True),  # the report names itself without region
    ("Gubernur Jawa Barat", PEMPROV, True),  # a whole-government report
    ("KEPALA BIDANG PEMBUDAYAAN OLAHRAGA PADA DINAS PEMUDA DAN OLAHRAGA PROVINSI JAWA BARAT",
     RawMeta("Bidang Pembudayaan Olahraga Dinas Pemuda dan Olahraga Provinsi Jawa Barat", Level.PROVINSI,
             "Jawa Barat"), True),
    ("Bupati Garut", PEMPROV, False),
    ("Kepala", BNNP, None),  # names no office
    ("Kepala BNN Kabupaten Kaur", RawMeta(), None),  # the report's office is unknown
])
def test_is_own_office(signer: str, meta: RawMeta, own: bool | None) -> None:
    assert is_own_office(signer, meta) is own


def test_foreign_office_takes_the_nearest_signer_before_a_row() -> None:
    text = ("BAB II\nTabel 2.1 Perjanjian Kinerja\n...\n"  # lines 1-3: the report's own PK, no signer
            "Jabatan : Kepala BNN Provinsi Bengkulu, selanjutnya disebut PIHAK PERTAMA.\n"  # 4
            "...\n"
            "Jabatan : Kepala BNN Kabupaten Kaur, selanjutnya disebut PIHAK PERTAMA.\n"  # 6
            "...\n")
    office_of = foreign_office(pk_signers(lines_of_text(text)), BNNP)
    assert office_of(Provenance(line=3)) is None
    assert office_of(Provenance(line=5)) is None  # signed by the report's own office
    assert office_of(Provenance(line=7)) == "Kepala BNN Kabupaten Kaur"


OWN_AND_ATTACHED = """LAPORAN KINERJA INSTANSI PEMERINTAH
BNN PROVINSI BENGKULU TAHUN 2024
BAB II PERENCANAAN KINERJA
Tabel 2.1 Perjanjian Kinerja BNN Provinsi Bengkulu Tahun 2024
No\tSasaran\tIndikator Kinerja\tTarget\tSatuan
1\tMeningkatnya pelayanan rehabilitasi\tPersentase penyalahguna yang pulih\t70\t%
2\tMeningkatnya tata kelola\tNilai Kinerja Anggaran (NKA)\t88\tIndeks
BAB III AKUNTABILITAS KINERJA
Tabel 3.1 Capaian Kinerja Tahun 2024
No\tIndikator Kinerja\tTarget\tRealisasi\tCapaian (%)
1\tPersentase penyalahguna yang pulih\t70\t75\t107,14
2\tNilai Kinerja Anggaran (NKA)\t88\t90\t102,27
BAB IV PENUTUP
LAMPIRAN
PERJANJIAN KINERJA TAHUN 2024
Nama : Drs. Hendra Jabatan : Kepala BNN Kabupaten Kaur, selanjutnya disebut PIHAK PERTAMA.
Nama : Ir. Sutrisno Jabatan : Kepala BNN Provinsi Bengkulu, selanjutnya disebut PIHAK KEDUA.
PERJANJIAN KINERJA TAHUN 2024 BNN KABUPATEN KAUR
No\tSasaran\tIndikator Kinerja\tTarget\tSatuan
1\tMeningkatnya pelayanan rehabilitasi\tPersentase penyalahguna yang pulih\t75\t%
2\tMeningkatnya tata kelola\tNilai Kinerja Anggaran (NKA)\t90\tIndeks
"""


def test_another_offices_pk_is_kept_apart_and_listed_in_the_inventory() -> None:
    e = extract_text(OWN_AND_ATTACHED)
    assert e.meta.satker == "BNN Provinsi Bengkulu"
    assert [(r.row_no, r.target_text, r.office) for r in e.pk] == [(1, "70 %", None), (2, "88 Indeks", None)]
    assert [(r.row_no, r.target_text, r.office) for r in e.other_pk] == [
        (1, "75 %", "Kepala BNN Kabupaten Kaur"), (2, "90 Indeks", "Kepala BNN Kabupaten Kaur")]
    assert [(t.table_no, t.kind, t.use, t.where.line, t.rows) for t in e.tables] == [
        (1, "pk", TableUse.PK, 5, 2), (2, "capaian", TableUse.CAPAIAN_MAIN, 10, 2),
        (3, "pk", TableUse.OTHER_OFFICE_PK, 19, 2)]
    assert "Kepala BNN Kabupaten Kaur" in e.tables[2].reason
    assert e.tables[0].title == "Tabel 2.1 Perjanjian Kinerja BNN Provinsi Bengkulu Tahun 2024"


def test_without_a_signer_every_pk_stays_the_reports() -> None:
    text = OWN_AND_ATTACHED.replace("selanjutnya disebut PIHAK PERTAMA", "selaku penandatangan")
    e = extract_text(text)
    assert len(e.pk) == 4 and e.other_pk == ()


def test_a_pk_document_signed_by_an_office_it_does_not_name_keeps_its_first_pk() -> None:
    """A PK agreement with no BAB III: the first PK in it is the document's own, whatever its cover says."""
    start = OWN_AND_ATTACHED.index("LAMPIRAN")
    e = extract_text("PERJANJIAN KINERJA\nBNN PROVINSI BENGKULU TAHUN 2024\n" + OWN_AND_ATTACHED[start:])
    assert [r.target_text for r in e.pk] == ["75 %", "90 Indeks"] and e.other_pk == ()
    assert e.pk_table_found
