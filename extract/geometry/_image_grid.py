"""Ruling-line masks of a page image to table grids (scanned pages)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from lkip.extract.geometry._words import Word, read_words, words_by_slot
from lkip.extract.tables import Cell, make_cell


def positions(profile, min_fill: float) -> list[int]:
    """Given a 1-D coverage profile (0..1), return the centres of runs above ``min_fill``."""
    out, start = [], None
    for i, v in enumerate(list(profile) + [0.0]):
        if v >= min_fill and start is None:
            start = i
        elif v < min_fill and start is not None:
            out.append((start + i - 1) // 2)
            start = None
    return out


def span_anchors(sub_h, sub_v, xs: Sequence[int], ys: Sequence[int]) -> dict[tuple[int, int], tuple[int, int]]:
    """Return, for each grid slot, the slot of the merged cell it belongs to (row spans only)."""
    anchor: dict[tuple[int, int], tuple[int, int]] = {}
    for c in range(len(xs) - 1):
        x0, x1 = xs[c] + 3, xs[c + 1] - 3
        top = 0
        for r in range(len(ys) - 1):
            if r > 0:
                y = ys[r]
                band = sub_h[max(0, y - 2):y + 3, x0:x1].any(axis=0)
                if band.size and band.mean() >= 0.6:
                    top = r
            anchor[(r, c)] = (top, c)
    return anchor


def grid_with_spans(words: Sequence[Word], xs: Sequence[float], ys: Sequence[float],
                    anchor: dict[tuple[int, int], tuple[int, int]], page: int,
                    method: str, repair: Callable[[str], str] = str) -> tuple[tuple[Cell, ...], ...]:
    """Given words, rule positions (points) and merged-cell anchors, return the table grid.

    A word goes to the slot holding its centre, then to that slot's merged-cell
    anchor (the top slot of a cell spanning rows), so a vertically centred text in a
    merged sasaran cell stays one cell.
    """
    buckets = words_by_slot(words, xs, ys, anchor)
    grid = []
    for r in range(len(ys) - 1):
        row = []
        for c in range(len(xs) - 1):
            text = repair(read_words(buckets.get((r, c), [])))
            row.append(make_cell(text, page, (xs[c], ys[r], xs[c + 1], ys[r + 1]), method))
        grid.append(tuple(row))
    return tuple(grid)
