"""Positioned words and the grid slots they fall in (words to cell texts)."""

from __future__ import annotations

import logging
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from lkip.extract.tables import Grid, make_cell

log = logging.getLogger(__name__)


# --- grids from positioned words (OCR) --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Word:
    """A word with its box (points from the page top), as OCR or a text layer gives it.

    Attributes:
        text: The word.
        bbox: ``(x0, top, x1, bottom)``.
        line: An identifier of the text line the word belongs to (same value, same line).
    """

    text: str
    bbox: tuple[float, float, float, float]
    line: int = 0


def grid_from_rules(words: Sequence[Word], xs: Sequence[float], ys: Sequence[float], *, page: int,
                    method: str) -> Grid:
    """Given words and the x/y positions of a table's ruling lines, return the cell grid.

    Each word goes to the cell holding its centre; a cell's words are read line by
    line, left to right, lines joined with ``\\n``.
    """
    xs, ys = sorted(xs), sorted(ys)
    buckets = words_by_slot(words, xs, ys)
    grid = []
    for r in range(len(ys) - 1):
        row = []
        for c in range(len(xs) - 1):
            ws = buckets.get((r, c), [])
            row.append(make_cell(read_words(ws), page, (xs[c], ys[r], xs[c + 1], ys[r + 1]), method))
        grid.append(tuple(row))
    return tuple(grid)


def words_by_slot(words: Sequence[Word], xs: Sequence[float], ys: Sequence[float],
                  anchor: dict[tuple[int, int], tuple[int, int]] | None = None) -> dict[tuple[int, int], list[Word]]:
    """Given words and a grid's sorted edges, return the words of each ``(row, column)`` slot.

    A word goes to the slot holding its centre, then to that slot's ``anchor`` (the
    top-left slot of the merged cell it belongs to) when one is given; words outside
    the grid are left out.
    """
    out: dict[tuple[int, int], list[Word]] = {}
    for w in words:
        c = _slot(xs, (w.bbox[0] + w.bbox[2]) / 2)
        r = _slot(ys, (w.bbox[1] + w.bbox[3]) / 2)
        if c is not None and r is not None:
            out.setdefault(anchor.get((r, c), (r, c)) if anchor else (r, c), []).append(w)
    return out


def _slot(edges: Sequence[float], v: float) -> int | None:
    """Return the index of the interval of sorted ``edges`` holding ``v``, or None."""
    i = bisect_right(edges, v) - 1
    return i if 0 <= i < len(edges) - 1 else None


def read_words(words: Sequence[Word]) -> str:
    """Given a cell's words, return its text line by line (lines by vertical overlap)."""
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.bbox[1] + w.bbox[3]) / 2):
        mid = (w.bbox[1] + w.bbox[3]) / 2
        if lines:
            last = lines[-1]
            top = min(x.bbox[1] for x in last)
            bottom = max(x.bbox[3] for x in last)
            if top <= mid <= bottom:
                last.append(w)
                continue
        lines.append([w])
    return "\n".join(" ".join(x.text for x in sorted(line, key=lambda w: w.bbox[0])) for line in lines)
