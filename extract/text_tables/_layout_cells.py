"""Splitting a column-aligned text line into the cells of its columns."""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from lkip.extract.text_tables._layout_header import LayoutHeader, LineWord, line_words
from lkip.extract.vocab import ColumnRole, is_numbering, opens_indicator, opens_sasaran

_VALUE_ROLES = (ColumnRole.TARGET, ColumnRole.REALISASI, ColumnRole.PCT, ColumnRole.CAPAIAN, ColumnRole.BUDGET)
_FIGURE = re.compile(r"^[<>≤≥±~]?(?:\([-+]?\d[\d.,]*%?\)|[-+]?(?:rp\.?)?\d[\d.,]*%?)\*?[,;]?$", re.IGNORECASE)
_EMPTY = frozenset({"-", "–", "—", "n/a", "na", "nihil"})
_CONNECTORS = frozenset({"dari", "s.d", "s.d.", "s/d", "sd", "/", "-", "–", "atau", "of"})
_MARKER = re.compile(r"^(?:\d{1,2}|[a-hA-H])[.)]$")
_MAX_UNIT_WORDS = 3
_RATIO = 1.35  # characters per character column in pushed-right text when a table gives no sample


@dataclass(frozen=True, slots=True)
class Geometry:
    """Where a layout table's columns lie.

    Attributes:
        kinds: Per column: "no", "text", "value" or "unit".
        roles: Per column: its role (or None).
        lefts: Per column: its left edge (character column).
        ratio: Characters per character column in text pushed right (see module doc).

    """

    kinds: tuple[str, ...]
    roles: tuple[ColumnRole | None, ...]
    lefts: tuple[int, ...]
    ratio: float = _RATIO
    centers: tuple[float, ...] = ()

    def column_at(self, pos: int) -> int:
        """Return the column whose span holds a character position."""
        col = 0
        for j, left in enumerate(self.lefts):
            if left <= pos:
                col = j
        return col


def _kind(role: ColumnRole | None, year: int | None) -> str:
    if role is ColumnRole.NO:
        return "no"
    if role in _VALUE_ROLES or (role is None and year is not None):
        return "value"
    return "unit" if role is ColumnRole.UNIT else "text"


def geometry_of(header: LayoutHeader, texts: Sequence[str]) -> Geometry:
    """Given a header and the table's data lines, return the column geometry.

    A text column's left edge is the most frequent start of a word after a gap
    between the previous column's edge and its header's start (wrapped cell lines
    start there); a value column's edge lies halfway between its header and the
    previous header.
    """
    cols = header.model.columns
    kinds = tuple(_kind(c.role, c.year) for c in cols)
    starts: dict[int, int] = {}
    has_no = ColumnRole.NO in [c.role for c in cols]
    for text in texts:
        for w in line_words(text):
            if w.anchored and not (has_no and is_numbering(w.text)) and not _MARKER.match(w.text):
                starts[w.start] = starts.get(w.start, 0) + 1
    lefts: list[int] = []
    for j, (s, _) in enumerate(header.spans):
        floor = lefts[-1] + 1 if lefts else -1
        if kinds[j] in ("text", "no"):
            near = {p: n for p, n in starts.items() if floor <= p <= s + 1}
            left = max(near, key=lambda p: (near[p], -p)) if near and kinds[j] == "text" else s
            if kinds[j] == "no" and near:
                left = min(near)
        else:
            prev_end = header.spans[j - 1][1] if j else s
            left = s - max(0, s - prev_end) // 2
        lefts.append(max(left, floor))
    centers = [(s + e) / 2 for s, e in header.spans]
    geo = Geometry(kinds, tuple(c.role for c in cols), tuple(lefts), _RATIO, tuple(centers))
    samples = [r for t in texts for r in _ratio_samples(t, geo)]
    ratio = min(2.0, max(1.0, statistics.median(samples))) if samples else _RATIO
    values = [j for j, kind in enumerate(kinds) if kind == "value"]
    seen: dict[int, list[float]] = {j: [] for j in values}
    for t in texts:
        words = line_words(t)
        groups = _figure_groups(words, len(values))
        if len(groups) == len(values):
            for (a, _), j in zip(groups, values, strict=True):
                w = words[a]
                seen[j].append((w.start + w.end) / 2)
    for j, found in seen.items():
        if found:
            centers[j] = statistics.median(found)
    return Geometry(kinds, geo.roles, geo.lefts, ratio, tuple(centers))


def split_line(text: str, geo: Geometry) -> dict[int, str]:
    """Given a layout line of a table and its geometry, return its cell texts by column index."""
    cells: dict[int, list[str]] = {}
    for col, word in _assign(text, geo):
        cells.setdefault(col, []).append(word)
    return {c: " ".join(ws) for c, ws in cells.items()}


def _runs(words: Sequence[LineWord]) -> list[list[LineWord]]:
    runs: list[list[LineWord]] = []
    for w in words:
        if w.anchored or not runs:
            runs.append([w])
        else:
            runs[-1].append(w)
    return runs


def _assign(text: str, geo: Geometry) -> list[tuple[int, str]]:
    """Return (column, word) for every word of a line.

    Figures at the line's end go to the value columns: in order when there are as
    many as columns, else each to the column whose figures sit nearest. The words
    before them are cut run by run.
    """
    words = line_words(text)
    values = [j for j, kind in enumerate(geo.kinds) if kind == "value"]
    after: list[tuple[int, str]] = []
    if values and max(values) + 1 < len(geo.kinds) and geo.kinds[max(values) + 1] == "text":
        edge = geo.lefts[max(values) + 1]
        cut = next((n for n, w in enumerate(words) if n and w.start >= edge - 1 and _trails(words, n)), None)
        if cut is not None:
            after = [(max(geo.column_at(w.start), max(values) + 1), w.text) for w in words[cut:]]
            words = words[:cut]
    groups = _figure_groups(words, len(values)) if values else []
    if groups and words[groups[0][0]].start < min(geo.lefts[j] for j in values) - 12:
        groups = []  # figures inside the text columns: part of a text
    tail = _place_groups(words, groups, values, geo)
    lead = words[: groups[0][0]] if groups else words
    out: list[tuple[int, str]] = []
    runs = _runs(lead)
    last = max((j for j, kind in enumerate(geo.kinds) if kind != "value" or not groups), default=0)
    if groups:
        last = max([j for j, kind in enumerate(geo.kinds) if kind in ("no", "text", "unit") and j < tail[0][0]] or [0])
    floor = 0
    for k, run in enumerate(runs):
        c = min(max(geo.column_at(run[0].start), floor), max(last, floor))
        if not groups and geo.kinds[c] == "value" and geo.centers:
            c = _nearest_value_column(run, geo, floor)  # a note wrapped under a figure ("(Sangat" / "Baik)")
        if _MARKER.match(run[0].text) and len(run) > 1:
            ahead = geo.column_at(run[1].start)  # "2. Peningkatan": the marker hangs left of its column
            if ahead > c and geo.kinds[ahead] == "text" and run[1].start - geo.lefts[ahead] <= 1:
                c = ahead
        nxt = geo.column_at(runs[k + 1][0].start) if k + 1 < len(runs) else None
        if geo.kinds[c] == "no":
            if is_numbering(run[0].text):
                out.append((c, run[0].text))
                run = run[1:]
            c = min(c + 1, len(geo.kinds) - 1)
            if not run:
                continue
        limit = last if nxt is None else max(c, min(nxt - 1 if nxt > c else c, last))
        out.extend(_cut_run(run, c, limit, geo, bool(groups)))
        floor = max(col for col, _ in out) if out else 0
    return out + tail + after


def _nearest_value_column(run: Sequence[LineWord], geo: Geometry, floor: int) -> int:
    """Return the value column (from ``floor`` on) whose figures' centre is nearest a run of words."""
    mid = (run[0].start + run[-1].end) / 2
    values = [j for j, kind in enumerate(geo.kinds) if kind == "value" and j >= floor]
    return min(values, key=lambda j: abs(geo.centers[j] - mid)) if values else floor


def _trails(words: Sequence[LineWord], n: int) -> bool:
    """Return whether word ``n`` (past the last value column's edge) opens the trailing columns."""
    w = words[n]
    if is_figure(w.text):
        return False
    if w.anchored:
        return True
    return not is_figure(w.text) and w.text not in ("%", "(%)") and any(is_figure(x.text) for x in words[1:n])


def _place_groups(
    words: Sequence[LineWord], groups: Sequence[tuple[int, int]], values: Sequence[int], geo: Geometry
) -> list[tuple[int, str]]:
    """Give each figure group (with its unit words) its value column (and a Satuan its unit)."""
    if not groups:
        return []
    if len(groups) == len(values):
        cols = list(values)
    else:
        cols = []
        free = list(values)
        for n, (a, _) in enumerate(groups):
            centre = (words[a].start + words[a].end) / 2
            room = free[: len(free) - (len(groups) - n - 1)]
            best = min(room, key=lambda j: abs(geo.centers[j] - centre))
            cols.append(best)
            free = free[free.index(best) + 1 :]
    unit = next((j for j, kind in enumerate(geo.kinds) if kind == "unit"), None)
    out: list[tuple[int, str]] = []
    for (a, b), col in zip(groups, cols, strict=True):
        figure, units = list(words[a:b]), []
        if unit is not None and unit > col and b - a > 1 and not any(col < j < unit for j in values):
            figure, units = list(words[a : a + 1]), list(words[a + 1 : b])
        out.extend((col, w.text) for w in figure)
        out.extend((unit, w.text) for w in units if unit is not None)
    return out


def _cut_run(run: Sequence[LineWord], c: int, limit: int, geo: Geometry, before_figures: bool) -> list[tuple[int, str]]:
    """Share a run of words (no figures of value columns) among the columns ``c..limit``."""
    cols = list(range(c, limit + 1))
    unit = next((j for j in cols if geo.kinds[j] == "unit"), None)
    lead = list(run)
    tail: list[tuple[int, str]] = []
    if unit is not None and lead and (c == unit or before_figures):
        n = _unit_words(lead, c == unit)
        if n:
            tail = [(unit, w.text) for w in lead[-n:]]
            lead = lead[:-n]
    texts = [j for j in cols if geo.kinds[j] == "text"]
    out: list[tuple[int, str]] = []
    if lead:
        if geo.kinds[c] != "text" or len(texts) <= 1:
            home = c if geo.kinds[c] == "text" or not texts else texts[0]
            out.extend((home, w.text) for w in lead)
        else:
            out.extend(_cut_text(lead, texts, geo))
    return out + tail


def is_figure(word: str) -> bool:
    """Return whether a word is a table figure ("100,00", "85%", "3.000", "-")."""
    return bool(_FIGURE.match(word)) or word.lower() in _EMPTY


def _figure_groups(words: Sequence[LineWord], k: int) -> list[tuple[int, int]]:
    """Return (start, end) word ranges of at most ``k`` value cells at the end of a run."""
    groups: list[tuple[int, int]] = []
    j = len(words)
    while j > 0 and len(groups) < k:
        f = j - 1
        while f >= 0 and not is_figure(words[f].text):
            f -= 1
        if f < 0 or j - f - 1 > _MAX_UNIT_WORDS:
            break
        unit = " ".join(w.text for w in words[f + 1 : j])
        if unit and (opens_sasaran(unit) or (j - f > 2 and opens_indicator(unit))):
            break
        if f > 0 and words[f - 1].text.lower() in ("tahun", "ta", "t.a", "t.a.") and not words[f].text[-1:] == "%":
            break  # "Tahun 2016" ends an indicator
        a = f
        if a >= 2 and words[a - 1].text.lower() in _CONNECTORS and is_figure(words[a - 2].text):
            a -= 2  # "100 dari 110"
        groups.insert(0, (a, j))
        j = a
    return groups


def _unit_words(lead: Sequence[LineWord], whole: bool) -> int:
    """Return how many words at the end of a run's text are a Satuan cell before its figures."""
    if whole:
        return len(lead)
    if len(lead) < 2:
        return 0
    if lead[-1].text in ("/", "-") or (len(lead) >= 3 and lead[-2].text.endswith("/")):
        return 2
    return 1


def _cue(words: Sequence[LineWord], i: int, role: ColumnRole | None) -> float:
    """Score how surely a word opens a cell of a column with the given role."""
    w = words[i].text
    rest = " ".join(x.text for x in words[i : i + 3])
    if _MARKER.match(w) and i + 1 < len(words):
        return 3.0
    if role is ColumnRole.INDICATOR and w[:1].isupper() and opens_indicator(rest):
        return 2.0
    if role is ColumnRole.SASARAN and w[:1].isupper() and opens_sasaran(rest):
        return 2.0
    return 0.0


def _cut_text(lead: Sequence[LineWord], texts: Sequence[int], geo: Geometry) -> list[tuple[int, str]]:
    """Share a run's text words among consecutive text columns."""
    out: list[tuple[int, str]] = []
    first = 0
    for m in range(len(texts)):
        if m == len(texts) - 1:
            out.extend((texts[m], w.text) for w in lead[first:])
            break
        cut = _split_at(lead, first, texts[m], texts[m + 1], geo)
        if cut is None:
            out.extend((texts[m], w.text) for w in lead[first:])
            break
        out.extend((texts[m], w.text) for w in lead[first:cut])
        first = cut
    return out


def _split_at(lead: Sequence[LineWord], first: int, here: int, there: int, geo: Geometry) -> int | None:
    """Return the index of the word where column ``there`` starts, or None (all in ``here``)."""
    if first >= len(lead):
        return None
    edge = geo.lefts[there]
    origin = lead[first].start
    width = max(edge - origin, 1)
    after = geo.lefts[there + 1] - edge if there + 1 < len(geo.lefts) else 25

    def est(i: int) -> float:
        return origin + (lead[i].start - origin) / geo.ratio

    cands = [i for i in range(first + 1, len(lead)) if lead[i].start >= edge - 1]
    if not cands:
        return None
    cued = [
        (s, -abs(est(i) - edge), i)
        for i in cands
        if (s := _cue(lead, i, geo.roles[there])) > 0 and edge - 0.45 * width <= est(i) <= edge + 0.6 * after
    ]
    if cued:
        return max(cued)[2]
    return next((i for i in cands if est(i) >= edge - 0.5), None)


def _ratio_samples(text: str, geo: Geometry) -> list[float]:
    """Return characters-per-column ratios shown by runs cut surely (by a list marker or cue word)."""
    out: list[float] = []
    for run in _runs(line_words(text)):
        c = geo.column_at(run[0].start)
        if geo.kinds[c] != "text" or c + 1 >= len(geo.kinds) or geo.kinds[c + 1] != "text":
            continue
        edge = geo.lefts[c + 1]
        cands = [i for i in range(1, len(run)) if run[i].start >= edge - 1 and _cue(run, i, geo.roles[c + 1]) > 0]
        if len(cands) == 1 and edge > run[0].start:
            out.append((run[cands[0]].start - run[0].start) / (edge - run[0].start))
    return out
