"""Normalise indicator texts before fuzzy matching.

Indicator names arrive with every kind of noise: curly quotes, words broken by
line-end hyphens, "Kab/ Kota", typos ("penyalagunaan", "Presentase"), glued words
("Jumlahrehabilitasi"), abbreviations ("IBM", "NKA", "P-21"), list markers, the
office's own name ("... BNN Kota Malang") and, in executive summaries, the
figures themselves ("... target 2 Kabupaten/Kota tercapai 1 Kabupaten/Kota").
:func:`normalize_indicator_text` removes that noise the same way for catalogue
aliases and report texts, so that what remains is the indicator's wording only.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from rapidfuzz import fuzz, process

from lkip.figures import find_numbers

__all__ = [
    "ABBREVIATIONS",
    "STOPWORDS",
    "correct_tokens",
    "head_measure",
    "normalize_indicator_text",
]

# Abbreviations expanded before matching. An abbreviation is dropped instead
# when its expansion is already written out beside it ("... Anggaran (IKPA)").
ABBREVIATIONS: dict[str, str] = {
    "ibm": "intervensi berbasis masyarakat",
    "spm": "standar pelayanan minimal",
    "nka": "nilai kinerja anggaran",
    "ikpa": "indikator kinerja pelaksanaan anggaran",
    "zi": "zona integritas",
    "ikm": "indeks kepuasan masyarakat",
    "ikp": "indeks kemandirian partisipasi",
    "ikkr": "indeks keterpulihan kawasan rawan",
    "dektari": "indeks ketahanan diri remaja",
    "dektara": "indeks ketahanan keluarga",
    "p4gn": "pencegahan pemberantasan penyalahgunaan peredaran gelap narkotika",
    "bnnk": "bnn kabupaten kota",
    "bnnp": "bnn provinsi",
    "kab": "kabupaten",
    "prov": "provinsi",
    "tp": "tindak pidana",
    "tpn": "tindak pidana narkotika",
}

# Spelling variants and frequent typos, mapped to one spelling (whole tokens).
_VARIANTS: dict[str, str] = {
    "narkoba": "narkotika",
    "napza": "narkotika",
    "narkotik": "narkotika",
    "penyalagunaan": "penyalahgunaan",
    "penyalahgunan": "penyalahgunaan",
    "penyalahguanaan": "penyalahgunaan",
    "penyalagunan": "penyalahgunaan",
    "presentase": "persentase",
    "prosentase": "persentase",
    "prosentasi": "persentase",
    "persentasi": "persentase",
    "precursor": "prekursor",
    "prekusor": "prekursor",
    "index": "indeks",
    "indek": "indeks",
    "kwalitas": "kualitas",
    "standard": "standar",
    "standart": "standar",
    "integritasi": "integritas",
    "p21": "p21",
    "kabupatenkota": "kabupaten kota",
    "kabkota": "kabupaten kota",
    "nonnarkotika": "non narkotika",
}

# Function words: kept in the text, but they carry no evidence for one indicator.
STOPWORDS = frozenset(
    "dan atau yang di ke dari dengan terhadap pada untuk dalam oleh serta secara sebagai "
    "telah sudah akan para bagi per tahun".split()
)

# Words of executive-summary claims around figures; dropped everywhere.
_CLAIM_WORDS = frozenset(
    "target ditargetkan tercapai capaian realisasi terealisasi sebanyak sebesar yaitu "
    "yakni adalah hasil".split()
)
_OFFICE = re.compile(
    r"\b(?:(?:BNN[PK]?|Badan Narkotika Nasional)\s+(?:Provinsi|Prov\.?|Kota|Kabupaten|Kab\.?)"
    r"|BNN[PK])(?:\s+[A-Z][\w'.-]*){1,3}"
)
_VERDICT = re.compile(
    r"\b(?:dengan\s+)?(?:hasil|predikat|nilai)\s+(?:sangat\s+baik|baik|cukup|kurang|memuaskan)\b",
    re.IGNORECASE,
)
_OFFICE_BARE = re.compile(r"\bBNN[PK]\s*$")
_LIST_MARKER = re.compile(r"^\s*(?:[-\u2022*\u25cf]+|\(?(?:[a-zA-Z]|\d{1,2}|[ivxIVX]{1,4})[.)])\s+")
_P21 = re.compile(r"\bP\s?[-.]?\s?21\b", re.IGNORECASE)
_LINE_HYPHEN = re.compile(r"(?<=[a-z])-\s+(?=[a-z])")
_TAGS = re.compile(r"<[^>]{1,20}>")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_COUNT_HEADS = frozenset({"jumlah", "banyaknya", "banyak", "total"})
_PERCENT_HEADS = frozenset({"persentase", "proporsi", "rasio", "presentase", "prosentase"})
_SCORE_HEADS = frozenset({"indeks", "nilai", "skor", "tingkat", "index"})


def normalize_indicator_text(text: str) -> str:
    """Given an indicator text as written, return its lower-case, noise-free wording.

    Args:
        text: The indicator as written in a report or a catalogue alias.

    Returns:
        Space-separated lower-case tokens, figures and claim words removed,
        variants unified and abbreviations expanded.

    """
    text = unicodedata.normalize("NFKC", text or "")
    text = _TAGS.sub(" ", text)
    text = _drop_figures(text)
    text = _VERDICT.sub(" ", text)
    text = _OFFICE.sub(" ", text)
    text = _OFFICE_BARE.sub(" ", text.rstrip(" .;:,"))
    text = _LIST_MARKER.sub("", text)
    text = _P21.sub(" p21 ", text)
    text = _LINE_HYPHEN.sub("", text)
    text = text.lower().replace("dan/atau", "dan atau")
    tokens = [t for t in _NON_WORD.split(text) if t]
    tokens = _unify_tokens(tokens)
    tokens = _expand_abbreviations(tokens)
    return " ".join(t for t in tokens if t not in _CLAIM_WORDS)


def head_measure(normalized: str) -> str | None:
    """Given a normalised indicator text, return the measure its head word announces.

    Args:
        normalized: Output of :func:`normalize_indicator_text`.

    Returns:
        ``count`` ("Jumlah ..."), ``percent`` ("Persentase ..."), ``score``
        ("Indeks ...", "Nilai ...") or None.

    """
    first = normalized.split(" ", 1)[0] if normalized else ""
    if first in _COUNT_HEADS:
        return "count"
    if first in _PERCENT_HEADS:
        return "percent"
    if first in _SCORE_HEADS:
        return "score"
    return None


def correct_tokens(normalized: str, vocabulary: frozenset[str], *, cutoff: float = 88.0) -> str:
    """Given a normalised text, return it with typos and glued words fixed against a vocabulary.

    A token outside the vocabulary is split when it is two vocabulary words glued
    together ("jumlahrehabilitasi"), or replaced by the one vocabulary word within
    a small edit distance ("pelaksnaan" -> "pelaksanaan"). Short tokens are kept.

    Args:
        normalized: Output of :func:`normalize_indicator_text`.
        vocabulary: The words of the catalogue's names and aliases.
        cutoff: Least :func:`rapidfuzz.fuzz.ratio` for a typo correction.

    Returns:
        The corrected text.

    """
    out: list[str] = []
    for tok in normalized.split():
        if tok in vocabulary or len(tok) < 6 or tok.isdigit():
            out.append(tok)
            continue
        split = split_glued(tok, vocabulary)
        if split:
            out.extend(split)
            continue
        best = process.extractOne(tok, vocabulary, scorer=fuzz.ratio, score_cutoff=cutoff)
        out.append(best[0] if best else tok)
    return " ".join(out)


def split_glued(tok: str, vocabulary: frozenset[str]) -> tuple[str, str] | None:
    for i in range(3, len(tok) - 2):
        left, right = tok[:i], tok[i:]
        if left in vocabulary and right in vocabulary:
            return left, right
    return None


def _drop_figures(text: str) -> str:
    """Remove every figure with its unit ("2 Kabupaten/Kota", "97,81", "68%")."""
    spans = find_numbers(text)
    for start, end, _ in reversed(spans):
        text = text[:start] + " " + text[end:]
    return text


def _unify_tokens(tokens: Iterable[str]) -> list[str]:
    out: list[str] = []
    for tok in tokens:
        out.extend(_VARIANTS.get(tok, tok).split())
    return out


def _expand_abbreviations(tokens: list[str]) -> list[str]:
    joined = " ".join(tokens)
    out: list[str] = []
    for tok in tokens:
        expansion = ABBREVIATIONS.get(tok)
        if expansion is None:
            out.append(tok)
        elif tok in {"kab", "prov", "bnnk", "bnnp"} or expansion not in joined:
            out.extend(expansion.split())
    return out
