"""LKIP wording of tables: column roles from header words, sasaran and indicator openings, year labels."""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import StrEnum
from functools import lru_cache

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_SPACED = re.compile(r"(?<!\S)(?:\S ){2,}\S(?!\S)")
_NUMBERING = re.compile(r"^\(?\d{1,2}[.)]?\)?$")


class ColumnRole(StrEnum):
    """What a table column holds, read from its header."""

    NO = "no"
    SASARAN = "sasaran"
    INDICATOR = "indicator"
    TARGET = "target"
    REALISASI = "realisasi"
    PCT = "pct"
    CAPAIAN = "capaian"  # "Capaian" alone: realisasi or %, resolved per table
    UNIT = "unit"
    BUDGET = "budget"
    OFFICE = "office"
    YEAR = "year"  # a "T.A"/"Tahun" column: one row per year
    OTHER = "other"


def collapse_spacing(text: str) -> str:
    """Given header text, return it with letter-spaced words joined ("T a r g e t" -> "Target")."""
    return _SPACED.sub(lambda m: m.group(0).replace(" ", ""), text)


def years_in(text: str) -> list[int]:
    """Given a text, return the four-digit years (1900-2099) it contains, in order."""
    return [int(y) for y in _YEAR.findall(text)]


@lru_cache(maxsize=8192)
def is_year_only(text: str) -> bool:
    """Return whether a cell holds only years (and separators), e.g. "2024" or "2020 2021"."""
    t = text.strip()
    return bool(t) and not re.sub(r"[\s,/\-–]", "", _YEAR.sub("", t))


_YEAR_LABEL = re.compile(
    r"^\s*(?:tahun(?:\s+anggaran)?|t\.?\s*a\.?)?\s*[(\[]?\s*((?:19|20)\d{2})\s*[)\]]?\s*$", re.I
)


def year_label(text: str) -> int | None:
    """Return the year a group-header cell names ("Tahun (2016)", "TA 2016", "2016"), else None."""
    m = _YEAR_LABEL.match(collapse_spacing(" ".join(text.split())))
    return int(m.group(1)) if m else None


def is_numbering(text: str) -> bool:
    """Return whether a cell is a row or column number such as "1", "1.", "(3)"."""
    return bool(_NUMBERING.match(text.strip()))


@lru_cache(maxsize=8192)
def role_of_header(text: str) -> ColumnRole | None:
    """Given one header cell, return the column role its words name, or None.

    Long cells are never headers: a data cell such as "... mencapai target" must not
    be read as a Target column.
    """
    t = collapse_spacing(" ".join(text.split())).lower()
    if not t or len(t) > 48 or len(t.split()) > 6:
        return None
    c = re.sub(r"[\s*]", "", t)
    if c in {"no", "no.", "nomor", "nourut", "no.urut"}:
        return ColumnRole.NO
    if any(w in c for w in ("anggaran", "pendanaan", "pagu", "biaya")) or c in {
        "dana",
        "rp",
        "(rp)",
    }:
        return ColumnRole.BUDGET
    # "[Capaian] Terhadap Target / Indikator Kinerja": the tail of an achievement header whose head
    # word sits in a spanning cell above (or is lost): the achievement, not an indicator or target.
    if c.startswith("terhadap"):
        return ColumnRole.CAPAIAN
    # The head noun comes first: "Indikator Sasaran" names indicators, "Sasaran Strategis" sasaran.
    if "indikator" in c and ("sasaran" not in c or c.index("indikator") < c.index("sasaran")):
        return ColumnRole.INDICATOR
    if "sasaran" in c:
        return ColumnRole.SASARAN
    if c in {"ik", "iku", "ikk", "iks"}:
        return ColumnRole.INDICATOR
    if c.startswith(
        ("satker", "satuankerja", "unitkerja", "kabupaten", "kab/kota", "kota", "wilayah")
    ):
        return ColumnRole.OFFICE
    if c.startswith("satuan") or c in {"unit", "sat", "sat."}:
        return ColumnRole.UNIT
    if "target" in c or c.startswith("targ"):
        return ColumnRole.TARGET
    if "realisa" in c or c.startswith("real"):
        return ColumnRole.REALISASI
    if "persen" in c or "presen" in c or c in {"%", "(%)"}:
        return ColumnRole.PCT
    if c.startswith(("capai", "%capai", "(%)capai", "tingkatcapai")):
        return ColumnRole.PCT if "%" in c or c.startswith("tingkat") else ColumnRole.CAPAIAN
    if c in {"t.a", "t.a.", "ta", "tahun", "tahunanggaran", "t.a.tahun"} or c.startswith("tahun"):
        return ColumnRole.YEAR
    if c.startswith(
        ("kegiatan", "program", "keterangan", "ket", "kategori", "uraian", "kode", "output", "sumberdata")
    ):
        return ColumnRole.OTHER
    return None


# Sasaran are phrased as a nominalised change: "Meningkatnya", "Terwujudnya",
# "Menurunnya", "Tercapainya", "Terlaksananya" (typos such as "Meningktanya" included).
_SASARAN_OPENING = re.compile(r"^(?:me|ter|ber|te|pe|di)[a-z]{3,}nya$")
_INDICATOR_OPENINGS = (
    "jumlah",
    "nilai",
    "indeks",
    "index",
    "persentase",
    "presentase",
    "prosentase",
    "persentasi",
    "tingkat",
    "rata-rata",
    "rasio",
    "angka",
    "laju",
    "prevalensi",
    "skor",
    "capaian",
    "proporsi",
    "banyaknya",
    "cakupan",
    "predikat",
    "opini",
    "kualitas",
    "level",
    "luas",
    "panjang",
    "total",
)
_OFFICE = re.compile(
    r"^(?:bnn[a-z]*|badan|dinas|kantor|satker|satuan kerja|upt|kabupaten|kab\.|kota|provinsi|"
    r"prov\.|kecamatan|kelurahan|desa|balai|biro|bagian|bidang|sekretariat)\b",
    re.IGNORECASE,
)


def first_word(text: str) -> str:
    """Return the first word of a text, lower-cased, without leading punctuation or numbering."""
    t = re.sub(r"^[\s\d.)(\-–•*]+", "", text).lower()
    m = re.match(r"[a-z][a-z\-]*", t)
    return m.group(0) if m else ""


def opens_sasaran(text: str) -> bool:
    """Return whether a text starts like a sasaran ("Meningkatnya ...", "Terwujudnya ...")."""
    return bool(_SASARAN_OPENING.match(first_word(text)))


def opens_indicator(text: str) -> bool:
    """Return whether a text starts like an indicator ("Jumlah ...", "Nilai ...", "Indeks ...")."""
    w = first_word(text)
    return any(w == o or (len(w) > len(o) + 3 and w.startswith(o)) for o in _INDICATOR_OPENINGS)


def names_office(text: str) -> bool:
    """Return whether a short row label names an office or region ("BNNK Palangka Raya")."""
    t = " ".join(text.split())
    return bool(t) and len(t.split()) <= 8 and bool(_OFFICE.match(t)) and not opens_indicator(t)


_FIGURE = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)+")


def decimal_mark_of(cells: Iterable[str]) -> str | None:
    """Given a table's value cells, return the decimal separator its figures show, or None.

    "185.80" or "2,5" (not three digits after the only separator), "6,831,222"
    (a repeated separator groups thousands) and "1.234,5" (the last of two kinds)
    each vote; "202,955" says nothing. The mark is returned when at least two
    figures vote and all agree.
    """
    votes: set[str] = set()
    count = 0
    for cell in cells:
        for num in _FIGURE.findall(cell or ""):
            seps = re.findall(r"[.,]", num)
            if len(set(seps)) == 2:
                mark = seps[-1]
            elif len(seps) > 1:
                mark = "," if seps[0] == "." else "."
            elif len(num.split(seps[0])[1]) != 3:
                mark = seps[0]
            else:
                continue
            votes.add(mark)
            count += 1
    return votes.pop() if len(votes) == 1 and count >= 2 else None
