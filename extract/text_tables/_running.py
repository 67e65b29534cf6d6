"""Running page headers and footers of a document, recognised by their shape and left out."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from lkip.extract.model import TextLine
from lkip.extract.text_tables._header import reads_as_header

_NUMBER = re.compile(r"(?<![A-Za-z])(?:\d+|[IVXLC]+|[ivxlc]+)(?![A-Za-z])")
_FIGURE = re.compile(r"\d[.,]\d")
_NOT_KEY = re.compile(r"[^a-z#]")
_HASHES = re.compile(r"#+")
_MIN_REPEATS = 3
_MIN_LETTERS = 8
_MAX_WORDS = 16
_MIN_GAP = 15  # a page holds more lines than this: running lines recur no closer (median gap)


def _key(text: str) -> str | None:
    """Return a line's text with numbers (and roman numerals) as ``#``, letters only, or None."""
    if "\t" in text or _FIGURE.search(text):
        return None  # a tab-separated table row or a line of figures
    t = " ".join(text.split())
    if not t or len(t.split()) > _MAX_WORDS:
        return None
    key = _HASHES.sub("#", _NOT_KEY.sub("", _NUMBER.sub("#", t).lower()))
    return key if len(key) - key.count("#") >= _MIN_LETTERS else None


def _page_number(text: str) -> int | None:
    """Return the last arabic number of a line (its page number when it is a running line)."""
    found = re.findall(r"\d+", text)
    return int(found[-1]) if found else None


def running_lines(lines: Sequence[TextLine]) -> frozenset[int]:
    """Given a document's lines, return the indexes of its running headers and footers.

    A line is running when at least three lines, a page or more apart, share its text
    apart from numbers, end in a number, and that number mostly increases from one to the
    next (page numbers, which may restart per chapter: "II - 9", "III - 1"); a line
    repeated verbatim at least three times right above running lines joins them,
    unless it reads as table header words (a header repeated on each page).
    """
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, line in enumerate(lines):
        key = _key(line.text)
        if key is not None:
            by_key[key].append(i)
    found: set[int] = set()
    for key, where in by_key.items():
        if len(where) < _MIN_REPEATS or not key.endswith("#") or key.startswith("#"):
            continue
        gaps = sorted(b - a for a, b in zip(where, where[1:], strict=False))
        if gaps[len(gaps) // 2] < _MIN_GAP:
            continue
        numbers = [_page_number(lines[i].text) or 0 for i in where]
        rises = sum(a < b for a, b in zip(numbers, numbers[1:], strict=False))
        if rises * 2 >= len(numbers) - 1 and len(set(numbers)) > len(numbers) // 2:
            found.update(where)
    if not found:
        return frozenset()
    for _key_text, where in by_key.items():
        if len(where) < _MIN_REPEATS or set(where) <= found:
            continue
        if reads_as_header(lines[where[0]].text):
            continue  # a table header repeated on each page is not a running line
        beside = [i for i in where if _next_filled(lines, i, +1) in found]
        if len(beside) >= _MIN_REPEATS and len(beside) * 2 >= len(where):
            found.update(beside)
    return frozenset(found)


def _next_filled(lines: Sequence[TextLine], i: int, step: int) -> int | None:
    """Return the index of the nearest non-blank line from ``i`` in direction ``step``."""
    k = i + step
    while 0 <= k < len(lines) and not lines[k].text.strip():
        k += step
    return k if 0 <= k < len(lines) else None


def mask_running_lines(lines: Sequence[TextLine]) -> list[TextLine]:
    """Given a document's lines, return them with running headers and footers blanked.

    Blanked lines keep their place (and line number), so indexes into the list still hold.
    """
    running = running_lines(lines)
    if not running:
        return list(lines)
    return [
        TextLine("", line=t.line, page=t.page, bbox=t.bbox) if i in running else t
        for i, t in enumerate(lines)
    ]


def running_keys(lines: Sequence[TextLine]) -> frozenset[str]:
    """Given a document's lines, return the shapes of its running lines (for :func:`is_running`)."""
    keys = (_key(lines[i].text) for i in running_lines(lines))
    return frozenset(k for k in keys if k is not None)


def is_running(text: str, keys: frozenset[str]) -> bool:
    """Return whether a line has the shape of one of a document's running lines (:func:`running_keys`)."""
    key = _key(text) if keys else None
    return key is not None and key in keys
