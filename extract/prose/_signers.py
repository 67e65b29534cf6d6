"""Who signs each Perjanjian Kinerja as PIHAK PERTAMA, and whether that is the report's own office.

A provincial LKIP often attaches the signed PKs of other offices (a BNNK, its Bagian Umum)
after its own. Each PK belongs to the office that signs it as PIHAK PERTAMA ("Jabatan :
Kepala BNN Kabupaten X ... selanjutnya disebut PIHAK PERTAMA"); a PK table belongs to the
nearest such statement before it. Only the report's own office's PK is the report's PK.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from lkip.extract.model import Provenance, RawMeta, TextLine

# "selanjutnya disebut PIHAK PERTAMA" / "disebut sebagai PIHAK KESATU" / "... PIHAK I"
_PARTY_ONE = re.compile(r"\bdisebut\s+(?:sebagai\s+)?pihak\s+(?:pertama|kesatu|ke-?1|I)\b", re.I)
_JABATAN = re.compile(r"\bjabatan\s*:?\s*(?P<office>.*)$", re.I)
_CUT = re.compile(r"\bselanjutnya\b|\byang\s+selanjutnya\b|\bdisebut\b", re.I)
#: How many lines before the PIHAK PERTAMA statement its "Jabatan :" line may start.
_REACH = 4

# Spellings of one office: expanded before offices are compared.
_SPELLINGS = (
    (re.compile(r"\bbadan\s+narkotika\s+nasional\b"), "bnn"),
    (re.compile(r"\bbnnp\b"), "bnn provinsi"),
    (re.compile(r"\bbnnk\b"), "bnn kabkota"),
    (re.compile(r"\bgubernur\b"), "pemerintah provinsi"),
    (re.compile(r"\bbupati\b"), "pemerintah kabupaten"),
    (re.compile(r"\bwali\s*kota(?:madya)?\b"), "pemerintah kota"),
    (re.compile(r"\bkab\b"), "kabupaten"),
    (re.compile(r"\b(?:prov|propinsi)\b"), "provinsi"),
    (re.compile(r"\bkotamadya\b"), "kota"),
)
_LEVELS = frozenset({"provinsi", "kabupaten", "kota", "kabkota"})
# Words that say nothing about which office: titles of the signer, small words.
_NEUTRAL = frozenset({"kepala", "plt", "pj", "plh", "pelaksana", "tugas", "harian", "selaku", "sebagai",
                      "dan", "serta", "yang", "pada", "di", "lingkungan", "republik", "indonesia", "ri"})


@dataclass(frozen=True, slots=True)
class PkSigner:
    """An office that signs a PK as PIHAK PERTAMA.

    Attributes:
        office: The signer's position as printed ("Kepala BNN Kabupaten Rejang Lebong").
        where: The PIHAK PERTAMA statement.
    """

    office: str
    where: Provenance


def pk_signers(lines: Sequence[TextLine]) -> tuple[PkSigner, ...]:
    """Given a document's lines, return each PIHAK PERTAMA with the position ("Jabatan") it signs in, in order."""
    out: list[PkSigner] = []
    for i, line in enumerate(lines):
        prev = lines[i - 1].text if i else ""
        window = f"{prev} {line.text}"
        party = _PARTY_ONE.search(window)
        if party is None or party.end() <= len(prev) + 1:  # none, or the previous line's own
            continue
        parts = [window[: party.start()]]
        for j in range(i - 2, max(-1, i - 2 - _REACH), -1):
            if _JABATAN.search(parts[0]) or _PARTY_ONE.search(lines[j].text):
                break
            parts.insert(0, lines[j].text)
        jabatan = _JABATAN.search(" ".join(parts))
        if jabatan is None:
            continue
        office = _CUT.split(jabatan.group("office"))[0]
        office = " ".join(office.split()).strip(" ,;:.-")
        if office:
            out.append(PkSigner(office, line.at("text:pk_signer", office)))
    return tuple(out)


def _words(text: str) -> list[str]:
    text = text.lower()
    for pattern, spelled in _SPELLINGS:
        text = pattern.sub(spelled, text)
    return [w for w in re.findall(r"[a-z0-9]+", text) if w not in _NEUTRAL]


def _level(words: Sequence[str]) -> str | None:
    return next((w for w in words if w in _LEVELS), None)


def _levels_agree(a: str | None, b: str | None) -> bool:
    if a is None or b is None or a == b:
        return True
    return "kabkota" in (a, b) and {a, b} <= {"kabkota", "kabupaten", "kota"}


def is_own_office(signer: str, meta: RawMeta) -> bool | None:
    """Given a PIHAK PERTAMA's position and the report's metadata, return whether it is the report's office.

    The words of both are compared after spellings are folded ("BNNP" = "BNN Provinsi",
    "Gubernur X" = "Pemerintah Provinsi X") and after the signer's title ("Kepala", "Plt.")
    and the report's own region names are set aside. The signer is another office when
    its level differs (Provinsi / Kabupaten / Kota) or when it names something the report's
    office does not ("Bagian Umum", another regency). None: the report's office is not known,
    or the position names no office ("Kepala").
    """
    if not meta.satker:
        return None
    places = set(_words(" ".join(x for x in (meta.province, meta.regency) if x)))
    own = _words(meta.satker)
    theirs = _words(signer)
    if not [w for w in theirs if w not in places and w not in _LEVELS]:
        return None
    if not _levels_agree(_level(own), _level(theirs)):
        return False
    own_words = set(own) | places | _LEVELS
    return all(w in own_words for w in theirs)


def foreign_office(signers: Sequence[PkSigner], meta: RawMeta) -> Callable[[Provenance], str | None]:
    """Given the PK signers and the report's metadata, return a function telling another office's PK rows.

    The function takes a PK row's provenance and returns the office that signs the PK the row
    belongs to (the nearest PIHAK PERTAMA statement before it) when that office is not the
    report's own, else None (the report's own PK, or no signer known).
    """
    others = [(s.where.order(), s.office, is_own_office(s.office, meta)) for s in signers]

    def office_of(where: Provenance) -> str | None:
        at = where.order()
        before = [(place, office, own) for place, office, own in others if place <= at]
        if not before:
            return None
        _, office, own = before[-1]
        return office if own is False else None

    return office_of

