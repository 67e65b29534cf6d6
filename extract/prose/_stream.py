"""One cleaned text stream per document (:class:`Prose`), with sentence and heading helpers."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from lkip.extract.model import TextLine
from lkip.extract.vocab import collapse_spacing

_SPACES = re.compile(r"[ \t]+")
_MULTI_SPACE = re.compile(r"\s{2,}")
_WHITESPACE = re.compile(r"\s+")
_TAGS = re.compile(r"</?(?:b|i|u|strong|em|br|sup|sub|span|p)\s*/?>|^\s*#+\s+", re.IGNORECASE)
_EMPHASIS = re.compile(r"\*\*|__|\$")
_LIST_ITEM = re.compile(r"^(?:\(?(?:[a-z]|\d{1,2}|[ivx]{1,4})[.)]|[•●▪◦\-–*])\s+\S", re.IGNORECASE)
_TOC_LEADER = re.compile(r"\.{4,}|…{2,}|\t\s*[ivxlc\d]+\s*$", re.IGNORECASE)
_YEAR = re.compile(r"(?<![\d./-])(20\d{2}|19\d{2})(?![\d/])")
_LAW_REF = re.compile(r"\b(?:nomor|no\.?)\s*[\w./-]+\s+tahun\s+$", re.IGNORECASE)
_RANGE_AFTER = re.compile(r"^\s*(?:-|–|—|s\.?\s?d\.?|sampai|hingga)\s*\d{4}", re.IGNORECASE)
_RANGE_BEFORE = re.compile(r"\d{4}\s*(?:-|–|—|s\.?\s?d\.?|sampai|hingga)\s*$", re.IGNORECASE)
_LETTER_RUN = re.compile(r"(?<!\S)\S \S \S(?!\S)")  # in single-spaced text
_BREAK_AT = re.compile(r"[.!?]\s")
_SENTENCE_END = re.compile(  # not after abbreviations such as "Rp.", "No.", "Kab."
    r"(?<=[^\d\s][.!?])(?<!\bRp\.)(?<!\bNo\.)(?<!\bKab\.)(?<!\bProv\.)(?<!\bKec\.)(?<!\bDr\.)(?<!\bJl\.)"
    r"(?<!\bdll\.)(?<!\bdsb\.)(?<!\b[A-Z]\.)\s+(?=[A-Z\"“(])|(?<=\d[.!?])\s+(?=[A-Z\"“(])"
)


@dataclass(frozen=True, slots=True)
class Prose:
    r"""The non-blank lines of a report as one cleaned text stream.

    Attributes:
        text: Cleaned lines joined by ``"\\n"``.
        lines: The source lines, one per stream line.
        starts: Offset in ``text`` where each stream line starts.

    Values derived from the stream (heading keys, the reported year) are memoised on it,
    so that the rules sharing one document's stream compute them once.
    """

    text: str
    lines: tuple[TextLine, ...]
    starts: tuple[int, ...]
    _memo: dict[Any, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def memo(self, key: Any, compute: Callable[[], Any]) -> Any:
        """Return the value derived from this stream under ``key``, computing it the first time."""
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = compute()
            return value

    def folded(self) -> str:
        """Return the stream with letters folded as ``re.IGNORECASE`` matches ASCII letters.

        Offsets are those of ``text``: a lower-case ASCII word is in ``folded()[a:b]``
        exactly when a case-insensitive pattern of that word would find it in ``text[a:b]``,
        so a substring test can stand in for a regex that needs the word.
        """
        return self.memo("folded", lambda: fold_case(self.text))

    def line_text(self, i: int) -> str:
        """Return stream line ``i``: the cleaned text of ``lines[i]``."""
        end = self.starts[i + 1] - 1 if i + 1 < len(self.starts) else len(self.text)
        return self.text[self.starts[i] : end]

    def lines_naming(self, words: Sequence[str]) -> list[int]:
        """Return, in order, the indices of the stream lines whose folded text holds one of ``words``.

        ``words`` are lower-case ASCII letters: a line a case-insensitive pattern needing
        one of them can match is among the lines returned.
        """
        folded = self.folded()
        found: set[int] = set()
        for word in words:
            at = folded.find(word)
            while at >= 0:
                found.add(self.index_at(at))
                at = folded.find(word, at + 1)
        return sorted(found)

    def index_at(self, offset: int) -> int:
        """Return the index (into ``lines``) of the stream line holding ``offset``."""
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def line_at(self, offset: int) -> TextLine:
        """Return the source line holding character ``offset`` of the stream."""
        return self.lines[self.index_at(offset)]

    def span_of(self, first: int, last: int) -> tuple[int, int]:
        """Return the stream offsets covering stream lines ``first`` to ``last - 1``."""
        start = self.starts[first] if first < len(self.starts) else len(self.text)
        end = self.starts[last] - 1 if last < len(self.starts) else len(self.text)
        return start, max(start, end)

    def is_item_start(self, offset: int) -> bool:
        """Return whether ``offset`` is the start of a line that opens a list item ("a.", "2)")."""
        return offset in self._items()[1]

    def item_starts(self, start: int = 0, end: int | None = None) -> list[int]:
        """Return the offsets of list-item lines between ``start`` and ``end``."""
        end = len(self.text) if end is None else end
        items = self._items()[0]
        return list(items[bisect.bisect_left(items, start) : bisect.bisect_left(items, end)])

    def _items(self) -> tuple[list[int], frozenset[int]]:
        """Return the offsets of every list-item line, in order and as a set."""

        def find() -> tuple[list[int], frozenset[int]]:
            found = [s for s in self.starts if _LIST_ITEM.match(self.text[s : s + 12])]
            return found, frozenset(found)

        return self.memo("items", find)


# The only characters besides A-Z that re.IGNORECASE matches to ASCII letters (capital I
# with dot, dotless i, long s, Kelvin sign); tests check the list against ``re``.
_ASCII_LOOKALIKES = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}


def fold_case(text: str) -> str:
    """Given a text, return it lower-cased as re.IGNORECASE sees ASCII letters, offsets unchanged.

    The few other characters it takes for ASCII letters ("ı", "ſ") become those letters.
    """
    if text.isascii():
        return text.lower()
    for odd, letter in _ASCII_LOOKALIKES.items():
        if odd in text:
            text = text.replace(odd, letter)
    return text.lower()  # one character each: U+0130 (lower-cased to two) is gone


def clean_line(text: str) -> str:
    """Given one raw line, return it without markdown/HTML marks and with spaces collapsed."""
    t = text.replace("\u00a0", " ")
    if "<" in t or "#" in t:  # the only characters opening a tag or a markdown heading
        t = _TAGS.sub(" ", t)
    if "*" in t or "_" in t or "$" in t:
        t = _EMPHASIS.sub("", t)
    if "  " in t or "\t" in t:
        t = _SPACES.sub(" ", t)
    return t.strip()


def prose_of(lines: Sequence[TextLine]) -> Prose:
    """Given the lines of a report, return the cleaned stream of its non-blank lines.

    Built once per document and passed to every prose reader (metadata, claims, budget).
    """
    kept: list[TextLine] = []
    texts: list[str] = []
    starts: list[int] = []
    pos = 0
    for line in lines:
        t = clean_line(line.text)
        if not t:
            continue
        kept.append(line)
        texts.append(t)
        starts.append(pos)
        pos += len(t) + 1
    return Prose("\n".join(texts), tuple(kept), tuple(starts))


def heading_key(text: str) -> str:
    """Given a line, return it as a heading key: upper case, doubled/spaced letters undone.

    "RRIINNGGKKAASSAANN  EEKKSSEEKKUUTTIIFF" and "R I N G K A S A N  E K S E K U T I F"
    both give "RINGKASAN EKSEKUTIF"; markdown marks and a trailing "|" or ":" are dropped.
    """
    return _heading_entry(clean_line(text))[0]


def _heading_entry(cleaned: str) -> tuple[str, int]:
    """Return the heading key of a line already passed through :func:`clean_line`, and its words."""
    t = cleaned.strip(" |:*#")
    words = t.split()
    if _is_plain(t, words):
        return t.upper(), len(words)  # upper() never adds or removes white space
    key = _undone_key(t, words)
    return key, len(key.split())


def _undone_key(t: str, words: list[str]) -> str:
    letters = [w for w in words if w.isalpha() and len(w) >= 4]
    if letters and all(len(w) % 2 == 0 and w[0::2] == w[1::2] for w in letters):
        t = " ".join(
            w[0::2] if w.isalpha() and len(w) % 2 == 0 and w[0::2] == w[1::2] else w for w in words
        )
    t = _MULTI_SPACE.sub("  ", t)
    t = "  ".join(collapse_spacing(part) for part in t.split("  "))
    return _WHITESPACE.sub(" ", t).strip().upper()


def _is_plain(text: str, words: Sequence[str]) -> bool:
    """Return whether ``heading_key`` has nothing to undo in ``text`` but its case.

    That is: single spaces only, no run of three one-character words (letter spacing)
    and a word of four or more letters that is not doubled ("RRIINNGG"), or none at all.
    """
    if " ".join(words) != text or _LETTER_RUN.search(text):
        return False
    letters = False
    for w in words:
        if len(w) >= 4 and w.isalpha():
            if len(w) % 2 or w[0::2] != w[1::2]:
                return True
            letters = True
    return not letters


def is_toc_line(text: str) -> bool:
    """Return whether a line looks like a table-of-contents entry ("BAB I ..... 1")."""
    return bool(_TOC_LEADER.search(text.rstrip()))


def find_heading(
    prose: Prose, pattern: re.Pattern[str], start: int = 0, max_words: int = 8
) -> int | None:
    """Return the index of the first stream line from ``start`` whose heading matches ``pattern``.

    Table-of-contents entries and long lines (more than ``max_words`` words) are never headings.
    """
    keys = prose.memo("heading_keys", lambda: [None] * len(prose.lines))
    lines = prose.lines
    for i in range(start, len(lines)):
        entry = keys[i]
        if entry is None:
            entry = keys[i] = _heading_entry(prose.line_text(i))
        if entry[1] > max_words or not pattern.search(entry[0]) or is_toc_line(lines[i].text):
            continue
        return i
    return None


def sentences_of(text: str, base: int = 0) -> list[tuple[int, int]]:
    """Given a text, return ``(start, end)`` offsets (shifted by ``base``) of its sentences."""
    out = []
    pos = 0
    for m in _sentence_breaks(text):
        if m.start() > pos:
            out.append((base + pos, base + m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((base + pos, base + len(text)))
    return out


def _sentence_breaks(text: str) -> Iterator[re.Match[str]]:
    """Yield the matches of ``_SENTENCE_END.finditer(text)``, trying only after ".", "!", "?".

    Every break starts with white space right after one of them, so the pattern is
    tried only there (a scan for ``[.!?]\\s`` is much faster than the pattern's own).
    """
    pos = 0
    for c in _BREAK_AT.finditer(text):
        at = c.start() + 1
        if at < pos:
            continue
        m = _SENTENCE_END.match(text, at)
        if m:
            yield m
            pos = m.end()


def finditer_where(
    pattern: re.Pattern[str], text: str, folded: str, starts: re.Pattern[str]
) -> Iterator[re.Match[str]]:
    """Yield the matches of ``pattern.finditer(text)``, trying it only where ``starts`` matches.

    ``starts`` is searched in ``folded`` (``text`` through :func:`fold_case`, same offsets)
    and must match wherever a match of ``pattern`` can start, e.g. the lower-cased first
    words of a case-insensitive pattern; ``pattern`` must not match the empty string.
    Scanning for a few words is much faster than trying a long pattern at every offset.
    """
    pos = 0
    while True:
        hint = starts.search(folded, pos)
        if hint is None:
            return
        m = pattern.match(text, hint.start())
        if m:
            yield m
            pos = m.end()
        else:
            pos = hint.start() + 1


def is_law_reference(before: str) -> bool:
    """Return whether the text just before a year makes it a law's year ("Nomor 35 Tahun ")."""
    return bool(_LAW_REF.search(before[-40:]))


def years_mentioned(text: str) -> list[tuple[int, int]]:
    """Return ``(offset, year)`` of the years a text speaks about.

    Law references ("Nomor 35 Tahun 2009") and ranges ("2020-2024") are left out.
    """
    out = []
    for m in _YEAR.finditer(text):
        before = text[max(0, m.start() - 40) : m.start()]
        after = text[m.end() : m.end() + 12]
        if _LAW_REF.search(before) or _RANGE_AFTER.match(after) or _RANGE_BEFORE.search(before):
            continue
        out.append((m.start(), int(m.group(1))))
    return out
