"""Running text of a report: cleaned lines joined into one stream, sections found by headings.

Sentences in text dumps and PDF text layers break over many lines (often with a
blank line between each), so phrase rules work on a *stream*: the non-blank
lines, cleaned of markdown marks, joined by newlines, with a map from each
character back to its :class:`TextLine`. Headings are compared in a normalised
form that undoes doubled letters ("RRIINNGGKKAASSAANN") and letter spacing
("P E N U T U P").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from lkip.extract._records import TextLine
from lkip.extract._table_cues import collapse_spacing

_TAGS = re.compile(r"</?(?:b|i|u|strong|em|br|sup|sub|span|p)\s*/?>|^\s*#+\s+", re.IGNORECASE)
_EMPHASIS = re.compile(r"\*\*|__|\$")
_LIST_ITEM = re.compile(r"^(?:\(?(?:[a-z]|\d{1,2}|[ivx]{1,4})[.)]|[•●▪◦\-–*])\s+\S", re.IGNORECASE)
_TOC_LEADER = re.compile(r"\.{4,}|…{2,}|\t\s*[ivxlc\d]+\s*$", re.IGNORECASE)
_YEAR = re.compile(r"(?<![\d./-])(20\d{2}|19\d{2})(?![\d/])")
_LAW_REF = re.compile(r"\b(?:nomor|no\.?)\s*[\w./-]+\s+tahun\s+$", re.IGNORECASE)
_RANGE_AFTER = re.compile(r"^\s*(?:-|–|—|s\.?\s?d\.?|sampai|hingga)\s*\d{4}", re.IGNORECASE)
_RANGE_BEFORE = re.compile(r"\d{4}\s*(?:-|–|—|s\.?\s?d\.?|sampai|hingga)\s*$", re.IGNORECASE)
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

    """

    text: str
    lines: tuple[TextLine, ...]
    starts: tuple[int, ...]

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
        i = self.index_at(offset)
        return self.starts[i] == offset and bool(_LIST_ITEM.match(self.text[offset : offset + 12]))

    def item_starts(self, start: int = 0, end: int | None = None) -> list[int]:
        """Return the offsets of list-item lines between ``start`` and ``end``."""
        end = len(self.text) if end is None else end
        out = []
        for i in range(bisect.bisect_left(self.starts, start), len(self.starts)):
            s = self.starts[i]
            if s >= end:
                break
            if _LIST_ITEM.match(self.text[s : s + 12]):
                out.append(s)
        return out


def clean_line(text: str) -> str:
    """Given one raw line, return it without markdown/HTML marks and with spaces collapsed."""
    t = _EMPHASIS.sub("", _TAGS.sub(" ", text.replace("\u00a0", " ")))
    return re.sub(r"[ \t]+", " ", t).strip()


def prose_of(lines: Sequence[TextLine]) -> Prose:
    """Given the lines of a report, return the cleaned stream of its non-blank lines."""
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
    t = clean_line(text).strip(" |:*#")
    words = t.split()
    letters = [w for w in words if w.isalpha() and len(w) >= 4]
    if letters and all(len(w) % 2 == 0 and w[0::2] == w[1::2] for w in letters):
        t = " ".join(
            w[0::2] if w.isalpha() and len(w) % 2 == 0 and w[0::2] == w[1::2] else w for w in words
        )
    t = re.sub(r"\s{2,}", "  ", t)
    t = "  ".join(collapse_spacing(part) for part in t.split("  "))
    return re.sub(r"\s+", " ", t).strip().upper()


def is_toc_line(text: str) -> bool:
    """Return whether a line looks like a table-of-contents entry ("BAB I ..... 1")."""
    return bool(_TOC_LEADER.search(text.rstrip()))


def find_heading(
    prose: Prose, pattern: re.Pattern[str], start: int = 0, max_words: int = 8
) -> int | None:
    """Return the index of the first stream line from ``start`` whose heading matches ``pattern``.

    Table-of-contents entries and long lines (more than ``max_words`` words) are never headings.
    """
    for i in range(start, len(prose.lines)):
        raw = prose.lines[i].text
        key = heading_key(raw)
        if len(key.split()) > max_words or not pattern.search(key) or is_toc_line(raw):
            continue
        return i
    return None


def sentences_of(text: str, base: int = 0) -> list[tuple[int, int]]:
    """Given a text, return ``(start, end)`` offsets (shifted by ``base``) of its sentences."""
    out = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() > pos:
            out.append((base + pos, base + m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((base + pos, base + len(text)))
    return out


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
