"""Cells that hold numbered lists (several indicators, targets or units in one cell), split into rows."""

from __future__ import annotations

import re
from collections.abc import Sequence

from lkip.extract.vocab import ColumnRole

# A list marker: "1." / "2)" / "a." at the start of the cell or after a space.
_MARKER = re.compile(r"(?:^|(?<=\s))(?P<m>\d{1,2}|[a-h])[.)]\s+(?=\S)")
# One value: a figure with its percent sign or a short unit word, or an empty-value dash.
_VALUE = re.compile(r"-?\(?\d[\d.,]*\)?\s*%?|(?<!\S)[-–—](?!\S)")


_LEADING_MARKER = re.compile(r"^\s*(?:\d{1,2}|[a-h])[.)]\s+(?=[A-Za-z])")
# A dash or bullet opening an item: "- Jumlah produksi padi - Jumlah produksi jagung".
_DASH = re.compile(r"(?:^|(?<=\s))[-–•]\s+(?=[A-Za-z])")
# A footnote mark beside a figure: "12.540.550 *)", "(**)".
_FOOTNOTE = re.compile(r"^\(?\*{1,3}\)?$")


def strip_list_marker(text: str) -> str:
    """Return an indicator cell without a leading list marker ("1. Pertumbuhan ..." -> "Pertumbuhan ...")."""
    return _LEADING_MARKER.sub("", text, count=1)


def split_list_items(text: str) -> list[str]:
    """Given a cell's text, return its numbered items, or ``[text]`` when it is not a list.

    A list starts with a marker at the very start of the cell and has at least two
    markers numbered consecutively ("1." "2." or "3." "4." or "a." "b."), or dashes
    ("- Padi - Jagung"); markers are dropped from the items.
    """
    t = " ".join(text.split())
    dashes = list(_DASH.finditer(t))
    if len(dashes) >= 2 and dashes[0].start() == 0:
        items = [t[m.end() : (dashes[k + 1].start() if k + 1 < len(dashes) else len(t))].strip()
                 for k, m in enumerate(dashes)]
        return items if all(sum(ch.isalpha() for ch in it) >= 3 for it in items) else [text]
    found = list(_MARKER.finditer(t))
    if len(found) < 2 or found[0].start() != 0:
        return [text]
    keys = [_ordinal(m.group("m")) for m in found]
    chain = [0]
    for i in range(1, len(found)):
        if keys[i] == keys[chain[-1]] + 1:
            chain.append(i)
    if len(chain) < 2:
        return [text]
    starts = [found[i] for i in chain]
    items = []
    for k, m in enumerate(starts):
        end = starts[k + 1].start() if k + 1 < len(starts) else len(t)
        items.append(t[m.end() : end].strip())
    return items if all(sum(ch.isalpha() for ch in it) >= 3 for it in items) else [text]


def _ordinal(marker: str) -> int:
    return int(marker) if marker.isdigit() else ord(marker) - ord("a") + 1


def split_values(text: str, k: int) -> list[str] | None:
    """Given a value cell and a number of items, return one value per item, or None.

    ``k`` stacked figures ("100% 100%", footnote marks beside them left out) are dealt
    out; a single figure is repeated (one merged cell for the whole list); anything
    else gives None.
    """
    t = " ".join(text.split())
    if not t:
        return [""] * k
    found = [m.group(0).strip() for m in _VALUE.finditer(t)]
    rest = [w for w in _VALUE.sub(" ", t).split() if not _FOOTNOTE.match(w)]
    if len(found) == k and not rest:
        return found
    if len(found) == 1 and not rest:
        return found * k
    return None


def split_units(text: str, k: int) -> list[str]:
    """Given a unit cell, return one unit per item: a word repeated ``k`` times is dealt out."""
    words = text.split()
    if words and len(words) % k == 0:
        step = len(words) // k
        parts = [" ".join(words[i * step : (i + 1) * step]) for i in range(k)]
        if len(set(parts)) == 1:
            return parts
    return [text] * k


def split_listed_rows(
    rows: Sequence[Sequence[str]],
    roles: dict[int, ColumnRole],
    indicator: int,
) -> list[tuple[int, list[str]]]:
    """Given data rows (texts) and column roles, return rows with listed indicators split.

    Args:
        rows: Data rows as cell texts.
        roles: Role of each value-bearing column by index (target, realisasi,
            percent, capaian, unit).
        indicator: Index of the indicator column.

    Returns:
        ``(source row index, texts)`` for every output row; a split row's items keep
        the other cells (number, sasaran) on the first item only.
    """
    out: list[tuple[int, list[str]]] = []
    for r, row in enumerate(rows):
        texts = list(row)
        items = split_list_items(texts[indicator]) if indicator < len(texts) else []
        k = len(items)
        if k < 2:
            out.append((r, texts))
            continue
        dealt: dict[int, list[str]] = {}
        for c, role in roles.items():
            cell = texts[c] if c < len(texts) else ""
            vals = split_units(cell, k) if role is ColumnRole.UNIT else split_values(cell, k)
            # figures that do not deal out one per item (a group's own figure among them) give none
            dealt[c] = [""] * k if vals is None else vals
        if not any(any(v) for c, v in dealt.items() if roles[c] is not ColumnRole.UNIT):
            out.append((r, texts))  # no values dealt beside the list: not a list of indicators
            continue
        for i, item in enumerate(items):
            new = list(texts) if i == 0 else ["" for _ in texts]
            new[indicator] = item
            for c, vals in dealt.items():
                if c < len(new):
                    new[c] = vals[i]
            out.append((r, new))
    return out
