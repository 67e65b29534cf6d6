"""Measure indicator matching on the reference corpus and on non-BNN indicators.

Usage: python benchmarks/matching.py [--shared ../shared] [-v]

Rows come from ../shared/corpus/*.json (pk[].indicator, capaian[].indicator,
summary_claims[].text, each with its hand-checked code) plus the same indicators
as the .txt dump writes them at the recorded line (cells broken over lines,
page breaks), when that text differs from the JSON's. A second set of
indicators from other agencies (West Java LKIPs in ../shared/real_pdfs, and a
few made-up near misses) counts false accepts: every one must come out
``review`` or ``unmatched``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from rapidfuzz import fuzz

from lkip.figures import parse_number
from lkip.normalize.catalogue import Outcome, load_catalogue, match_indicator

# Indicators of other agencies, as written in ../shared/real_pdfs (pdfplumber text),
# then a few made-up ones that share BNN words. None may be accepted.
NON_BNN = [
    "Hasil penilaian EPPD Provinsi Jawa Barat",
    "Persentase penurunan jumlah temuan Inspektorat terhadap pelanggaran Sistem "
    "Pengendalian Intern OPD Provinsi",
    "Persentase penyelesaian tindak lanjut hasil pemeriksaan BPK-RI terhadap LKPD",
    "Opini BPK-RI terhadap LKPD Pemprov Jawa Barat",
    "Persentase OPD yang nilai evaluasi LKIP adalah B ke atas",
    "Tingkat nilai kualitas hasil evaluasi LKIP Pemerintah Provinsi Jawa Barat",
    "Persentase OPD yang melaksanakan SPIP",
    "Jumlah Auditor dan P2UPD bersertifikasi",
    "Jumlah auditor yang telah mengikuti sertifikasi penjenjangan Auditor Madya",
    "Level kapabilitas Inspektorat",
    "Peningkatan Jumlah Kelompok / Organisasi kepemudaan yang berwirausaha",
    "Peningkatan Partisipasi Masyarakat dalam Berolahraga dan Tingkat Kebugaran Masyarakat",
    "Tingkat Kesesuaian Prioritas Pembangunan RKPD Dengan Prioritas Pembangunan RPJMD",
    "Tingkat kesesuaian perencanaan pembangunan Pusat, Provinsi dan Kab/Kota",
    "Tingkat keselarasan rencana tata ruang Provinsi dengan tata ruang Kab/Kota",
    "Tingkat layanan satu data pembangunan Jawa Barat",
    "Jumlah Rumah Sakit mampu memberikan pelayanan kesehatan ibu dan bayi sesuai standar",
    "Persentasi ketersediaan obat essensial di instalasi farmasi kabupaten/kota",
    "Persentase Rumah Tangga yang berprilaku Hidup bersih dan Sehat (PHBS)",
    "Ratio Kematian Ibu",
    "Prevalensi gizi buruk",
    "Jumlah Puskesmas yang sudah Terakreditasi",
    "Jumlah Dokumen Regulasi kebijakan pembangunan kesehatan",
    "Tingkat keterlambatan pelaporan",
    "Tingkat keikutsertaan pelatihan teknis",
    "Peningkatan Jumlah unit usaha IKM",
    "Persentase Desa yang Lembaga Kemasyarakatannya berperan aktif",
    "Persentase Desa/Kelurahan yang peran serta masyarakatnya baik dalam pembangunan",
    "Persentase Desa yang keswadayaannya meningkat sesuai target",
    "Persentase desa yang aparaturnya memiliki kompetensi sesuai standar",
    "Persentase PNS yang Mendapat Pendidikan dan Pelatihan Teknis",
    "Prosentase Penurunan Intensitas Serangan OPT Perkebunan (%)",
    "Pameran Produk Budaya Unggulan Jawa Barat melalui Program Citra Pariwisata Jawa Barat",
    # made up: other agencies' indicators that share BNN words
    "Persentase kinerja keuangan yang akuntabel",
    "Indeks Kepuasan Masyarakat terhadap pelayanan kesehatan",
    "Jumlah kunjungan wisatawan",
    "Indeks Kepuasan Masyarakat",
    "Jumlah desa berkategori mandiri",
    "Jumlah kabupaten/kota dengan status Open Defecation Free",
    "Persentase tahanan yang mendapatkan layanan kesehatan",
    "Jumlah lembaga kemasyarakatan yang aktif",
    "Indeks Reformasi Birokrasi",
    "Nilai evaluasi SAKIP",
    "Jumlah petugas kesehatan yang terlatih",
    "Jumlah unit layanan pengaduan yang operasional",
    "Jumlah kawasan kumuh yang beralih status",
    "Jumlah unit usaha yang operasional",
    "Indeks kepuasan pelayanan klinik kesehatan",
    "Nilai keamanan data informasi",
    "Persentase peningkatan kualitas hidup lansia",
    "Jumlah lembaga pendidikan yang terakreditasi",
    "Indeks Ketahanan Pangan",
    "Jumlah kabupaten/kota berkategori tinggi",
    "Jumlah berkas perkara tindak pidana korupsi yang P-21",
    "Jumlah jaringan irigasi yang berhasil direhabilitasi",
    "Indeks Ketahanan Keluarga Berencana",
    "Jumlah petugas penyuluh pertanian yang terlatih",
]


def corpus_rows(shared: Path) -> list[tuple[str, str, str, str | None, str]]:
    """Return ``(source, kind, text, unit, code)`` rows from the corpus JSONs and dumps."""
    rows = []
    for path in sorted((shared / "corpus").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        dump = path.with_suffix(".txt")
        lines = dump.read_text(encoding="utf-8").splitlines() if dump.exists() else []
        for kind in ("pk", "capaian", "summary_claims"):
            for rec in data.get(kind, []):
                text = rec.get("indicator") or rec.get("text") or ""
                unit = rec.get("unit") if kind == "pk" else None
                if kind == "capaian":
                    unit = parse_number(rec.get("target_text")).unit
                rows.append((path.stem, kind, text, unit, rec["code"]))
                if kind != "summary_claims" and lines and rec.get("line"):
                    raw = dump_text(lines, rec["line"], text)
                    if raw and _squash(raw) != _squash(text):
                        rows.append((path.stem, f"{kind}_dump", raw, unit, rec["code"]))
    return rows


def dump_text(lines: list[str], line: int, expected: str) -> str:
    """Return the indicator as the dump writes it from ``line`` (1-based) on."""
    first = lines[line - 1]
    if "\t" in first:
        cells = [c.strip() for c in first.split("\t") if c.strip()]
        return max(cells, key=lambda c: fuzz.token_set_ratio(c, expected)) if cells else ""
    best, best_score, parts = "", -1.0, []
    for raw in lines[line - 1 : line + 30]:
        if not raw.strip():
            continue
        parts.append(raw.strip())
        joined = " ".join(parts)
        score = fuzz.ratio(_squash(joined), _squash(expected))
        if score > best_score:
            best, best_score = joined, score
        if len(joined) > len(expected) * 1.5:
            break
    return best


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="list every non-accepted row")
    args = parser.parse_args(argv)
    catalogue = load_catalogue()
    rows = corpus_rows(args.shared)
    tally: Counter[str] = Counter()
    by_kind: Counter[tuple[str, str]] = Counter()
    for source, kind, text, unit, code in rows:
        m = match_indicator(text, catalogue, unit=unit)
        if m.outcome is Outcome.ACCEPTED:
            result = "accepted right" if m.code == code else "accepted WRONG"
        else:
            result = m.outcome.value
        tally[result] += 1
        by_kind[(kind, result)] += 1
        if result != "accepted right" and (args.verbose or result == "accepted WRONG"):
            print(
                f"  {result:15} {source[:3]} {kind:16} want {code:30} got {m.code} "
                f"{m.score} {m.candidates[:2]} unit={unit!r}\n      {text[:150]!r}"
            )
    print(f"corpus rows: {len(rows)}")
    for key in ("accepted right", "accepted WRONG", "review", "unmatched"):
        print(f"  {key:15} {tally[key]:4}  ({100 * tally[key] / max(1, len(rows)):.1f}%)")
    kinds = sorted({k for k, _ in by_kind})
    for kind in kinds:
        parts = ", ".join(
            f"{r} {by_kind[(kind, r)]}"
            for r in ("accepted right", "accepted WRONG", "review", "unmatched")
            if by_kind[(kind, r)]
        )
        print(f"    {kind:22} {parts}")
    other: Counter[str] = Counter()
    for text in NON_BNN:
        m = match_indicator(text, catalogue)
        other[m.outcome.value] += 1
        if m.outcome is Outcome.ACCEPTED or args.verbose:
            print(f"  non-BNN {m.outcome.value:9} {m.code} {m.score} {m.candidates[:2]} {text!r}")
    print(
        f"non-BNN rows: {len(NON_BNN)}  false accepts {other['accepted']}  "
        f"review {other['review']}  unmatched {other['unmatched']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
