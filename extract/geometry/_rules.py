"""Vector ruling lines to table grids: merging, grouping into tables and cells with merged spans."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lkip.extract.geometry._words import Word, read_words, words_by_slot
from lkip.extract.model import Method
from lkip.extract.tables import Grid, PageTable, make_cell

METHOD = Method.PDF_RULED
#: A filled rectangle at most this thick (points) is a rule (camelot uses the same bound).
THIN = 1.5
#: Rules this close (points) are one rule; gaps this short are closed (dashed rules).
SNAP = 2.0
#: A rule must cover this share of a slot's side to separate it from its neighbour.
EDGE_COVER = 0.5


@dataclass(frozen=True, slots=True)
class Rule:
    """A horizontal or vertical rule in top-down page coordinates.

    Attributes:
        horizontal: Whether the rule runs left to right.
        at: Its y (horizontal) or x (vertical).
        start: Where it starts along its length (x0 or top).
        end: Where it ends (x1 or bottom).
    """

    horizontal: bool
    at: float
    start: float
    end: float


def straight_rule(x0: float, y0: float, x1: float, y1: float) -> Rule | None:
    """Return the rule of a straight piece when it is horizontal or vertical (within a point)."""
    if abs(y1 - y0) <= 1.0 and abs(x1 - x0) > 1.0:
        return Rule(True, (y0 + y1) / 2, min(x0, x1), max(x0, x1))
    if abs(x1 - x0) <= 1.0 and abs(y1 - y0) > 1.0:
        return Rule(False, (x0 + x1) / 2, min(y0, y1), max(y0, y1))
    return None


# --- building the tables (pure) ---------------------------------------------------------------


def merge_rules(rules: Sequence[Rule], snap: float = SNAP) -> list[Rule]:
    """Given rules, return them with collinear pieces (within ``snap``) joined into one rule each."""
    out: list[Rule] = []
    for horizontal in (True, False):
        group = sorted((r for r in rules if r.horizontal is horizontal), key=lambda r: (r.at, r.start))
        lanes: list[list[Rule]] = []
        for r in group:
            if lanes and abs(lanes[-1][-1].at - r.at) <= snap / 2:
                lanes[-1].append(r)
            else:
                lanes.append([r])
        for lane in lanes:
            at = sorted(r.at for r in lane)[len(lane) // 2]
            pieces = sorted(lane, key=lambda r: r.start)
            start, end = pieces[0].start, pieces[0].end
            for r in pieces[1:]:
                if r.start <= end + snap:
                    end = max(end, r.end)
                else:
                    out.append(Rule(horizontal, at, start, end))
                    start, end = r.start, r.end
            out.append(Rule(horizontal, at, start, end))
    return out


def _touch(h: Rule, v: Rule, tol: float = SNAP) -> bool:
    return h.start - tol <= v.at <= h.end + tol and v.start - tol <= h.at <= v.end + tol


def group_rules(rules: Sequence[Rule]) -> list[list[Rule]]:
    """Given merged rules, return the groups of rules that touch (one group per table)."""
    parent = list(range(len(rules)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    hs = [i for i, r in enumerate(rules) if r.horizontal]
    vs = [i for i, r in enumerate(rules) if not r.horizontal]
    for i in hs:
        for j in vs:
            if _touch(rules[i], rules[j]):
                parent[find(i)] = find(j)
    groups: dict[int, list[Rule]] = {}
    for i, r in enumerate(rules):
        groups.setdefault(find(i), []).append(r)
    return [g for g in groups.values() if any(r.horizontal for r in g) and any(not r.horizontal for r in g)]


def _positions(values: Sequence[float], snap: float = SNAP) -> list[float]:
    """Return the distinct positions among ``values`` (values within ``snap`` are one)."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= snap:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]


def _covered(rules: Sequence[Rule], at: float, start: float, end: float) -> bool:
    """Return whether rules at ``at`` cover at least EDGE_COVER of ``start..end``."""
    length = end - start
    if length <= 0:
        return True
    covered = sum(max(0.0, min(end, r.end) - max(start, r.start)) for r in rules if abs(r.at - at) <= SNAP)
    return covered >= EDGE_COVER * length


def tables_from_rules(rules: Sequence[Rule], words: Sequence[Word], page: int, height: float,
                      method: str = METHOD) -> list[PageTable]:
    """Given a page's rules and words, return its ruled tables (top to bottom), merged cells respected."""
    out = []
    for group in group_rules(merge_rules(rules)):
        hs = [r for r in group if r.horizontal]
        vs = [r for r in group if not r.horizontal]
        # The ends of the rules bound the table too: a table may lack its outer side rules.
        xs = _positions([r.at for r in vs] + [min(r.start for r in hs), max(r.end for r in hs)])
        ys = _positions([r.at for r in hs] + [min(r.start for r in vs), max(r.end for r in vs)])
        if len(xs) < 2 or len(ys) < 2:
            continue
        grid = _grid(hs, vs, xs, ys, words, page, method)
        if not any(cell.text for row in grid for cell in row):
            continue  # a frame or a double rule with nothing inside
        out.append(PageTable(page, (xs[0], ys[0], xs[-1], ys[-1]), grid, method, height))
    out.sort(key=lambda t: (t.bbox[1], t.bbox[0]))
    return out


def _grid(hs: Sequence[Rule], vs: Sequence[Rule], xs: Sequence[float], ys: Sequence[float],
          words: Sequence[Word], page: int, method: str) -> Grid:
    """Return the cell grid of one table: each word in the top-left slot of the cell holding its centre."""
    rows, cols = len(ys) - 1, len(xs) - 1
    anchor: dict[tuple[int, int], tuple[int, int]] = {}
    for r in range(rows):
        for c in range(cols):
            left_open = c > 0 and not _covered(vs, xs[c], ys[r], ys[r + 1])
            top_open = r > 0 and not _covered(hs, ys[r], xs[c], xs[c + 1])
            if left_open:
                anchor[(r, c)] = anchor[(r, c - 1)]
            elif top_open:
                anchor[(r, c)] = anchor[(r - 1, c)]
            else:
                anchor[(r, c)] = (r, c)
    extent: dict[tuple[int, int], tuple[int, int]] = {}
    for (r, c), a in anchor.items():
        er, ec = extent.get(a, a)
        extent[a] = (max(er, r), max(ec, c))
    buckets = words_by_slot(words, xs, ys, anchor)
    grid = []
    for r in range(rows):
        row = []
        for c in range(cols):
            if anchor[(r, c)] == (r, c):
                er, ec = extent[(r, c)]
                box = (xs[c], ys[r], xs[ec + 1], ys[er + 1])
                row.append(make_cell(read_words(buckets.get((r, c), [])), page, box, method))
            else:
                row.append(make_cell("", page, (xs[c], ys[r], xs[c + 1], ys[r + 1]), method))
        grid.append(tuple(row))
    return tuple(grid)
