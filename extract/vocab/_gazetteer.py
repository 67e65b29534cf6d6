"""The gazetteer of Indonesia's 38 provinces and 514 kabupaten/kota, and finding their names in text."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from lkip.errors import LkipError

# Abbreviations and older or alternative names of provinces, as reports write them.
_PROVINCE_ALIASES = {
    "Aceh": ("Nanggroe Aceh Darussalam", "NAD"),
    "Sumatera Utara": ("Sumut", "Sumatra Utara"),
    "Sumatera Barat": ("Sumbar", "Sumatra Barat"),
    "Sumatera Selatan": ("Sumsel", "Sumatra Selatan"),
    "Kepulauan Riau": ("Kepri",),
    "Kepulauan Bangka Belitung": ("Bangka Belitung", "Babel"),
    "DKI Jakarta": ("Daerah Khusus Ibukota Jakarta", "Daerah Khusus Jakarta", "Jakarta", "DKI"),
    "Jawa Barat": ("Jabar",),
    "Jawa Tengah": ("Jateng",),
    "Jawa Timur": ("Jatim",),
    "DI Yogyakarta": ("Daerah Istimewa Yogyakarta", "D.I. Yogyakarta", "DIY", "Yogyakarta"),
    "Nusa Tenggara Barat": ("NTB",),
    "Nusa Tenggara Timur": ("NTT",),
    "Kalimantan Barat": ("Kalbar",),
    "Kalimantan Tengah": ("Kalteng",),
    "Kalimantan Selatan": ("Kalsel",),
    "Kalimantan Timur": ("Kaltim",),
    "Kalimantan Utara": ("Kaltara",),
    "Sulawesi Utara": ("Sulut",),
    "Sulawesi Tengah": ("Sulteng",),
    "Sulawesi Selatan": ("Sulsel",),
    "Sulawesi Tenggara": ("Sultra",),
    "Sulawesi Barat": ("Sulbar",),
    "Maluku Utara": ("Malut",),
}

# Former or short names of kabupaten/kota: alias -> canonical name.
_REGENCY_ALIASES = {
    "Toba Samosir": "Toba",
    "Mamuju Utara": "Pasangkayu",
    "Maluku Tenggara Barat": "Kepulauan Tanimbar",
    "Pangkep": "Pangkajene dan Kepulauan",
    "Sidrap": "Sidenreng Rappang",
    "Selayar": "Kepulauan Selayar",
    "Sangihe": "Kepulauan Sangihe",
    "Talaud": "Kepulauan Talaud",
    "Tidore": "Tidore Kepulauan",
    "Padang Sidempuan": "Padangsidimpuan",
    "Muara Jambi": "Muaro Jambi",
    "Mentawai": "Kepulauan Mentawai",
    "Morotai": "Pulau Morotai",
    "Taliabu": "Pulau Taliabu",
}

_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’.\-])*")
# A word of a name: letters (any script), inner hyphens/apostrophes, inner dots of
# abbreviations ("D.I."), and a trailing dot kept to tell abbreviations from sentence ends.
_NAME_TOKEN = re.compile(r"[^\W\d_](?:[^\W\d_]|['’.\-](?=[^\W\d_]))*\.?")
_MAX_NAME_WORDS = 5
_TOKEN_WINDOW = 120


class GazetteerError(LkipError):
    """The regions file is missing or malformed."""


def key_of(name: str) -> str:
    """Given a region name, return its comparison key ("Palangka-Raya" -> "palangkaraya")."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


@dataclass(frozen=True, slots=True)
class Region:
    """One kabupaten or kota.

    Attributes:
        province: Canonical province name ("Jawa Timur").
        regency: Name without "Kabupaten"/"Kota" ("Malang").
        kind: ``kabupaten`` or ``kota``.

    """

    province: str
    regency: str
    kind: str

    def __post_init__(self) -> None:
        if self.kind not in ("kabupaten", "kota"):
            raise ValueError(f"kind must be kabupaten or kota, got {self.kind!r}")


@dataclass(frozen=True, slots=True)
class RegionMatch:
    """A region name found at the start of a word sequence.

    Attributes:
        name: The canonical name.
        words: How many words of the input it took.

    """

    name: str
    words: int


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Provinces and their kabupaten/kota, with name lookup.

    Attributes:
        regions: Every kabupaten/kota.
        provinces: Every province, canonical names.

    """

    regions: tuple[Region, ...]
    provinces: tuple[str, ...]
    _provinces_by_key: dict[str, str] = field(init=False, repr=False, compare=False)
    _regions_by_key: dict[str, tuple[Region, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_provinces_by_key", _province_index(self.provinces))
        object.__setattr__(self, "_regions_by_key", _regency_index(self.regions))

    def canonical_province(self, name: str) -> str | None:
        """Return the canonical province for a name or alias, or None."""
        return self._provinces_by_key.get(key_of(name))

    def canonical_regency(self, name: str, kind: str | None = None) -> str | None:
        """Return the canonical kabupaten/kota name for a name or alias (of ``kind``), or None."""
        hits = self._regions_by_key.get(key_of(name), ())
        hits = tuple(r for r in hits if kind is None or r.kind == kind)
        return hits[0].regency if hits else None

    def provinces_of(self, regency: str, kind: str | None = None) -> tuple[str, ...]:
        """Return the provinces having a kabupaten/kota of this name (and ``kind``)."""
        hits = self._regions_by_key.get(key_of(regency), ())
        return tuple(dict.fromkeys(r.province for r in hits if kind is None or r.kind == kind))

    def match_province(self, words: Sequence[str]) -> RegionMatch | None:
        """Given the words after "Provinsi", return the longest province name they start with."""
        return _longest(words, self._provinces_by_key)

    def match_regency(self, words: Sequence[str], kind: str | None = None) -> RegionMatch | None:
        """Given the words after "Kabupaten"/"Kota", return the longest kabupaten/kota name."""
        index = self._regions_by_key
        for n in range(min(_MAX_NAME_WORDS, len(words)), 0, -1):
            hits = [r for r in index.get(key_of(" ".join(words[:n])), ()) if kind in (None, r.kind)]
            if hits:
                return RegionMatch(hits[0].regency, n)
        return None


@dataclass(frozen=True, slots=True)
class NameToken:
    """One word that may belong to a region name.

    Attributes:
        word: The word without a trailing dot.
        start: Offset of the word in the text it was read from.
        end: Offset just after the word (and its trailing dot).
        new_line: Whether a line break separates it from the word before.
        last: Whether the name cannot go on after it (a sentence-ending dot).

    """

    word: str
    start: int
    end: int
    new_line: bool
    last: bool


def name_tokens(text: str, pos: int = 0, window: int = _TOKEN_WINDOW) -> list[NameToken]:
    """Given a text and an offset, return the words from there that a name may span.

    The words stop before any separator other than white space (a comma, a bracket,
    a colon, a digit) and after a word ending a sentence ("Lestari."); a dot after an
    abbreviation ("Kep.", "D.I.") does not end the name.
    """
    chunk = text[pos : pos + window]
    out: list[NameToken] = []
    prev = 0
    for m in _NAME_TOKEN.finditer(chunk):
        gap = chunk[prev : m.start()]
        if gap.strip():
            break
        raw = m.group(0)
        word = raw.rstrip(".")
        ends_sentence = raw.endswith(".") and "." not in word and len(word) > 3
        out.append(NameToken(word, pos + m.start(), pos + m.end(), "\n" in gap, ends_sentence))
        prev = m.end()
        if ends_sentence:
            break
    return out


def words_of(text: str) -> list[str]:
    """Return the words of a text as region matching sees them (letters, hyphens, dots)."""
    return [w.rstrip(".") or w for w in _WORD.findall(text)]


def parse_regions(text: str) -> Gazetteer:
    """Given the CSV text of a regions file, return the gazetteer.

    Raises:
        GazetteerError: When a column is missing or a kind is not kabupaten/kota.

    """
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or not {"province", "regency", "kind"} <= set(reader.fieldnames):
        raise GazetteerError("regions.csv needs the columns province,regency,kind")
    try:
        regions = tuple(
            Region(row["province"].strip(), row["regency"].strip(), row["kind"].strip())
            for row in reader
        )
    except ValueError as exc:
        raise GazetteerError(f"regions.csv: {exc}") from exc
    provinces = tuple(dict.fromkeys(r.province for r in regions))
    return Gazetteer(regions, provinces)


@lru_cache(maxsize=4)
def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """Return the gazetteer from ``path``, by default the one shipped in ``lkip.schema``.

    Raises:
        GazetteerError: When the file cannot be read or is malformed.

    """
    try:
        if path is None:
            text = resources.files("lkip.schema").joinpath("data/regions.csv").read_text("utf-8")
        else:
            text = Path(path).read_text("utf-8")
    except OSError as exc:
        raise GazetteerError(f"cannot read the regions gazetteer: {exc}") from exc
    return parse_regions(text)


def _longest(words: Sequence[str], index: dict[str, str]) -> RegionMatch | None:
    for n in range(min(_MAX_NAME_WORDS, len(words)), 0, -1):
        name = index.get(key_of(" ".join(words[:n])))
        if name:
            return RegionMatch(name, n)
    return None


def _province_index(provinces: tuple[str, ...]) -> dict[str, str]:
    index = {key_of(p): p for p in provinces}
    for canonical, aliases in _PROVINCE_ALIASES.items():
        if canonical in provinces:
            for alias in aliases:
                index.setdefault(key_of(alias), canonical)
    return index


def _regency_index(regions: tuple[Region, ...]) -> dict[str, tuple[Region, ...]]:
    index: dict[str, list[Region]] = {}
    for r in regions:
        index.setdefault(key_of(r.regency), []).append(r)
    for alias, canonical in _REGENCY_ALIASES.items():
        hits = index.get(key_of(canonical))
        if hits:
            index.setdefault(key_of(alias), list(hits))
    return {k: tuple(v) for k, v in index.items()}
