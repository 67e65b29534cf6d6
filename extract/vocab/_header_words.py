"""Table header words misread by OCR, fixed against the LKIP header vocabulary."""

from __future__ import annotations

from collections.abc import Sequence

#: Header words of LKIP tables that OCR misreads by one letter ("Capalan", "Indikatorkinera").
HEADER_WORDS = (
    "sasaran", "strategis", "indikator", "kinerja", "target", "realisasi", "capaian", "persentase",
    "prosentase", "satuan", "anggaran", "program", "kegiatan", "keterangan", "alokasi", "tahun",
)


def with_header_words_fixed(text: str) -> str:
    """Given OCR'd page text, return it with header words of header lines fixed (:func:`fix_header_words`)."""
    out = []
    for line in text.split("\n"):
        fixed = fix_header_words(line.split())
        out.append(" ".join(fixed) if fixed is not None else line)
    return "\n".join(out)


def _edits_within_one(a: str, b: str) -> bool:
    """Return whether two words differ by at most one substituted, inserted or dropped letter."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def header_word(token: str) -> str | None:
    """Return the header word an OCR token stands for (one misread letter allowed), else None."""
    low = token.lower().strip(".,:;")
    if len(low) < 5:
        return None
    for word in HEADER_WORDS:
        if low == word or _edits_within_one(low, word):
            return word
    return None


def split_glued(token: str) -> list[str] | None:
    """Return the header words of a token OCR glued together ("SasaranStrategis"), else None."""
    low = token.lower().strip(".,:;")
    cuts = [k for k in range(5, len(low) - 4) if header_word(low[:k]) and header_word(low[k:])]
    if not cuts:
        return None
    # the cut leaving the fewest misread letters ("Sasaran|Strategis", not "Sasara|nStrategis")
    k = min(cuts, key=lambda c: (low[:c] not in HEADER_WORDS) + (low[c:] not in HEADER_WORDS))
    return [token[:k], token[k:]]


def fix_header_words(tokens: Sequence[str]) -> list[str] | None:
    """Given the words of one OCR line, return them with header-word misreads fixed, or None when not a header line.

    A line counts as a header line when at least half its words (after glued
    words are split) are header words, read exactly or with one letter wrong;
    only then are the misread ones replaced ("Capalan" -> "Capaian", "Kinera" ->
    "Kinerja"), keeping the word's case. Body text is never rewritten.
    """
    parts: list[str] = []
    for t in tokens:
        parts.extend(split_glued(t) or [t] if header_word(t) is None else [t])
    words = [t for t in parts if t.strip(".,:;()%")]
    if not words:
        return None
    known = [header_word(t) for t in parts]
    if sum(k is not None for k in known) * 2 < len(words) or not any(known):
        return None
    out = []
    for t, k in zip(parts, known, strict=True):
        if k is None or t.lower().strip(".,:;") == k:
            out.append(t)
        else:
            out.append(k.upper() if t.isupper() else k.capitalize() if t[:1].isupper() else k)
    return out
