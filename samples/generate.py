"""Regenerate every file in ``samples/`` from the fictional truth in ``_fiction.py``.

Run: ``python samples/generate.py``. Writes text dumps in the two styles real
dumps come in (one cell fragment per line; markdown-like with tab-separated
rows) and, through ``generate_pdfs.py``, PDFs; each with ``<stem>.json``, the
expected extraction in the format of ``../shared/corpus/*.json``.
"""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _fiction import CITY_REPORT, PROVINCE_REPORT, Fiction, Row  # noqa: E402

WRAP = 24


def _number(text: str) -> float:
    """Plain decimal of a fictional figure (comma decimals, dot thousands; "3.31" is a decimal)."""
    if "," in text:
        return float(text.replace(".", "").replace(",", "."))
    if text.count(".") == 1 and len(text.split(".")[1]) != 3:
        return float(text)
    return float(text.replace(".", ""))


class _Doc:
    """Lines of a dump being written, with their 1-based numbers."""

    def __init__(self, blank_between: bool) -> None:
        self.lines: list[str] = []
        self.blank_between = blank_between

    def add(self, text: str = "") -> int:
        self.lines.append(text)
        at = len(self.lines)
        if self.blank_between and text:
            self.lines.append("")
        return at

    def para(self, text: str, width: int = 78) -> int:
        first = 0
        for part in textwrap.wrap(text, width):
            at = self.add(part)
            first = first or at
        return first


def _front(doc: _Doc, f: Fiction) -> tuple[list[dict], dict]:
    doc.add("LAPORAN KINERJA INSTANSI PEMERINTAH")
    doc.add(f"{f.satker.upper()}")
    doc.add(f"TAHUN {f.year}")
    doc.add("")
    doc.add("IKHTISAR EKSEKUTIF")
    sasaran = len({r.sasaran for r in f.rows})
    doc.para(f"Laporan Kinerja {f.satker} Tahun {f.year} disusun sebagai wujud "
             f"pertanggungjawaban atas pelaksanaan tugas dan fungsi. Kegiatan yang diprioritaskan "
             f"sejumlah {sasaran} sasaran kegiatan dan {len(f.rows)} indikator kinerja kegiatan yang "
             f"telah ditetapkan dalam Perjanjian Kinerja {f.satker} Tahun {f.year}, dengan capaian "
             "sebagai berikut:")
    claims = []
    for letter, row in zip("abcdefghijklmnop", f.rows, strict=False):
        unit = "" if row.unit in ("Indeks",) else (" %" if row.unit == "%" else f" {row.unit}")
        real = f.summary_value(row)
        text = f"{letter}. {row.indicator} target {row.target}{unit} tercapai {real}{unit};"
        line = doc.para(text)
        claims.append({"code": row.code, "target": _number(row.target), "realisasi": _number(real),
                       "stated_pct": None, "line": line, "text": text})
    line = doc.para(f"Pagu anggaran {f.satker} Tahun {f.year} sebesar Rp. {f.pagu},- dengan realisasi "
                    f"sebesar Rp. {f.realisasi},- atau sebesar {f.budget_pct} %.")
    budget = {"pagu": _number(f.pagu), "realisasi": _number(f.realisasi),
              "stated_pct": _number(f.budget_pct), "line": line}
    doc.add("")
    doc.add("BAB I")
    doc.add("PENDAHULUAN")
    doc.para(f"{f.satker} merupakan instansi vertikal yang melaksanakan tugas, fungsi dan wewenang "
             f"di wilayah {f.regency or f.province}. Laporan ini menyajikan capaian kinerja tahun "
             f"{f.year} dibandingkan dengan tahun {f.year - 1}.")
    if f.regency:
        doc.para(f"Dalam pelaksanaan tugasnya {f.satker} berkoordinasi dengan Pemerintah Provinsi "
                 f"{f.province} dan BNN Provinsi {f.province}.")
    doc.add("BAB II")
    doc.add("PERENCANAAN KINERJA")
    return claims, budget


def _cells(text: str) -> list[str]:
    return textwrap.wrap(text, WRAP)


def _raw_pk(doc: _Doc, f: Fiction) -> list[dict]:
    """PK table in the one-fragment-per-line style (sasaran, indicator, target+unit cells)."""
    doc.add(f"PERJANJIAN KINERJA TAHUN {f.year}")
    doc.add(f"Unit/Instansi : {f.satker}")
    doc.add(f"Tahun Anggaran : {f.year}")
    doc.add("SASARAN")
    doc.add("KEGIATAN")
    doc.add("INDIKATOR KINERJA  TARGET SATUAN")
    doc.add("1 2 3 4")
    rows = []
    for i, row in enumerate(f.rows, start=1):
        for part in _cells(row.sasaran):
            doc.add(part)
        line = 0
        for part in _cells(row.indicator):
            at = doc.add(part)
            line = line or at
        doc.add(f"{row.pk_target} {row.unit}")
        rows.append(_pk_expect(i, row, f"{row.pk_target} {row.unit}", line))
    return rows


def _pk_expect(no: int, row: Row, target_text: str, line: int) -> dict:
    return {"no": no, "code": row.code, "sasaran": row.sasaran, "indicator": row.indicator,
            "target": _number(row.pk_target), "target_text": target_text, "unit": row.unit, "line": line}


def _cap_expect(row: Row, line: int, table: str, units: str = "") -> dict:
    return {"code": row.code, "indicator": row.indicator, "target": _number(row.target),
            "realisasi": _number(row.realisasi), "stated_pct": _number(row.pct),
            "target_text": row.target + units, "realisasi_text": row.realisasi + units,
            "pct_text": row.pct, "line": line, "table": table}


def _raw_capaian(doc: _Doc, f: Fiction) -> list[dict]:
    """BAB III summary table, one fragment per line, with a page break and a repeated header."""
    doc.add("BAB III")
    doc.add("AKUNTABILITAS KINERJA")
    doc.para(f"Berikut ini dijelaskan realisasi pencapaian sasaran kegiatan tahun {f.year}:")
    header = ["Sasaran Kegiatan Indikator Kinerja Kegiatan Target", str(f.year), "Realisasi",
              str(f.year), "Capaian", "(%)", "(1) (2) (3) (4) (5)"]
    for h in header:
        doc.add(h)
    rows = []
    split_at = len(f.rows) // 2
    for i, row in enumerate(f.rows):
        if i and f.rows[i - 1].sasaran != row.sasaran or i == 0:
            sasaran_parts = _cells(row.sasaran)
        else:
            sasaran_parts = []  # merged cell: the sasaran is printed once
        line = 0
        for part in sasaran_parts:
            doc.add(part)
        ind_parts = _cells(row.indicator)
        if i == split_at and len(ind_parts) > 1:
            # the row is cut by a page break: header repeated, then the indicator's tail
            line = doc.add(ind_parts[0])
            doc.add(f"{row.target} {row.realisasi} {row.pct}")
            doc.add(f"{3 + i} ")
            for h in header:
                doc.add(" " + h)
            for part in ind_parts[1:]:
                doc.add(part)
        else:
            for part in ind_parts:
                at = doc.add(part)
                line = line or at
            doc.add(f"{row.target} {row.realisasi} {row.pct}")
        rows.append(_cap_expect(row, line, "BAB III summary table"))
    return rows


def _tsv_pk(doc: _Doc, f: Fiction) -> list[dict]:
    doc.add(f"### C. PERJANJIAN KINERJA TAHUN {f.year}")
    doc.add("")
    doc.add("No\tSasaran Kegiatan\tIndikator Kinerja\tTarget\tSatuan")
    rows = []
    last = None
    for i, row in enumerate(f.rows, start=1):
        sasaran = row.sasaran if row.sasaran != last else ""
        last = row.sasaran
        line = doc.add(f"{i}\t{sasaran}\t{row.indicator}\t{row.pk_target}\t{row.unit}")
        exp = _pk_expect(i, row, row.pk_target, line)
        rows.append(exp)
    return rows


def _tsv_capaian(doc: _Doc, f: Fiction) -> list[dict]:
    doc.add("**BAB III**")
    doc.add("**AKUNTABILITAS KINERJA**")
    doc.add("")
    header = f"No\tSasaran Kegiatan\tIndikator Kinerja\tTarget {f.year}\tRealisasi {f.year}\tPersentase"
    doc.add(header)
    doc.add("1\t2\t3\t4\t5\t6")
    rows = []
    for i, row in enumerate(f.rows, start=1):
        unit = f" {row.unit}" if row.unit != "%" else " %"
        if i == 3:
            words = row.indicator.split()
            head, tail = " ".join(words[:3]), " ".join(words[3:])
            line = doc.add(f"{i}\t{row.sasaran}\t{head}\t{row.target}{unit}\t{row.realisasi}{unit}\t{row.pct}%")
            doc.add("")
            doc.add(header)
            doc.add("1\t2\t3\t4\t5\t6")
            doc.add(f"\t\t{tail}\t\t\t")
        else:
            line = doc.add(f"{i}\t{row.sasaran}\t{row.indicator}\t{row.target}{unit}\t{row.realisasi}{unit}\t{row.pct}%")
        exp = _cap_expect(row, line, "BAB III summary table", unit)
        exp["pct_text"] = f"{row.pct}%"
        rows.append(exp)
    doc.add("")
    return rows


def _closing(doc: _Doc, f: Fiction) -> None:
    doc.add("BAB IV")
    doc.add("PENUTUP")
    doc.para(f"Demikian Laporan Kinerja {f.satker} Tahun {f.year} ini disusun.")


def render_text(f: Fiction, style: str) -> tuple[str, dict]:
    """Given a fictional report and a dump style (``raw`` or ``tsv``), return the text and expected JSON."""
    doc = _Doc(blank_between=style == "raw")
    claims, budget = _front(doc, f)
    pk = _raw_pk(doc, f) if style == "raw" else _tsv_pk(doc, f)
    capaian = _raw_capaian(doc, f) if style == "raw" else _tsv_capaian(doc, f)
    _closing(doc, f)
    expected = {
        "source": f"{f.stem}.txt", "satker": f.satker, "level": f.level, "province": f.province,
        "regency": f.regency, "year": f.year, "pk": pk, "capaian": capaian,
        "summary_claims": claims, "budget": budget,
        "inconsistencies": [{"kind": k, "code": c, "detail": "planted in samples/_fiction.py",
                             "lines": []} for k, c in f.planted],
        "notes": ["Generated by samples/generate.py from samples/_fiction.py (fictional)."],
    }
    return "\n".join(doc.lines) + "\n", expected


def main() -> None:
    """Write the text samples and their expected JSON, then the PDF samples."""
    out = HERE / "text"
    out.mkdir(exist_ok=True)
    for fiction, style in ((PROVINCE_REPORT, "raw"), (CITY_REPORT, "tsv")):
        text, expected = render_text(fiction, style)
        (out / f"{fiction.stem}.txt").write_text(text, encoding="utf-8")
        (out / f"{fiction.stem}.json").write_text(
            json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(out / f"{fiction.stem}.txt")
    pdfs = HERE / "generate_pdfs.py"
    if pdfs.exists():
        import runpy

        runpy.run_path(str(pdfs), run_name="__main__")


if __name__ == "__main__":
    main()
