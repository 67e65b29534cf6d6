"""Cells that hold numbered lists (several indicators, targets or units in one cell), split into rows."""

from __future__ import annotations

import re
from collections.abc import Sequence

from lkip.extract.vocab import ColumnRole, opens_indicator

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


_LINE_MARKER = re.compile(r"^(?:(?:\d{1,2}|[a-z])[.)]|[-–•])\s+(?=\S)")
_NUMBERED = re.compile(r"^(?:\d{1,2}|[a-z])[.)](?:\s|$)")


def split_item_lines(lines: Sequence[str]) -> list[str]:
    """Given the printed lines of one indicator cell holding several indicators, return one text per indicator.

    A line opening with a list marker ("a. Padi", "- Padi") or with an indicator's
    opening words ("Jumlah ...", "Persentase ...") starts an indicator; other lines
    continue it. Items listed under a line ending with ":" ("Jumlah Produksi Tanaman
    Pangan dan Hortikultura :") are named with it ("Jumlah Produksi ... : Padi").
    Fewer than two indicators: ``[]``.
    """
    items: list[str] = []
    head = ""  # the open "...:" line over lettered items
    for raw in lines:
        t = " ".join(raw.split())
        if not t:
            continue
        marker = _LINE_MARKER.match(t)
        if marker:
            body = t[marker.end() :]
            items.append(f"{head} {body}" if head else body)
        elif opens_indicator(t) or not items:
            head = ""
            items.append(t)
        else:
            items[-1] = f"{items[-1]} {t}"
        if items[-1].endswith(":") and not marker:
            head = items.pop()
    return items if len(items) >= 2 else []


def split_value_lines(lines: Sequence[str], k: int) -> list[str] | None:
    """Given the printed lines of one value cell, return one value per line for ``k`` items, or None.

    A line opening with "(" continues the value above ("20 Kelompok/Pelaku" + "(10
    Kabupaten/Kota)"); every other line must hold a figure.
    """
    values: list[str] = []
    for raw in lines:
        t = " ".join(raw.split())
        if not t:
            continue
        if t.startswith("(") and values:
            values[-1] = f"{values[-1]} {t}"
        elif (_VALUE.match(t) and t[:1] not in "-–—") or re.fullmatch(r"[-–—]", t):
            values.append(t)
        else:
            return None
    return values if len(values) == k else None


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
    lines: Sequence[Sequence[Sequence[str]]] | None = None,
) -> list[tuple[int, list[str]]]:
    """Given data rows (texts) and column roles, return rows with listed indicators split.

    Args:
        rows: Data rows as cell texts.
        roles: Role of each value-bearing column by index (target, realisasi,
            percent, capaian, unit).
        indicator: Index of the indicator column.
        lines: Each row's cells as printed lines, when known: a cell holding several
            indicators one under another (no markers in the joined text) is split by
            its lines (:func:`split_item_lines`) and its values line by line.

    Returns:
        ``(source row index, texts)`` for every output row; a split row's items keep
        the other cells (number, sasaran) on the first item only.
    """
    out: list[tuple[int, list[str]]] = []
    for r, row in enumerate(rows):
        texts = list(row)
        items = split_list_items(texts[indicator]) if indicator < len(texts) else []
        printed = lines[r] if lines is not None and r < len(lines) else None
        by_line = len(items) < 2 and printed is not None and indicator < len(printed)
        if by_line:
            items = split_item_lines(printed[indicator])
        k = len(items)
        if k < 2:
            out.append((r, texts))
            continue
        dealt: dict[int, list[str]] = {}
        for c, role in roles.items():
            cell = texts[c] if c < len(texts) else ""
            if role is ColumnRole.UNIT:
                vals = split_units(cell, k)
            elif by_line:
                vals = split_value_lines(printed[c] if c < len(printed) else [], k)
            else:
                vals = split_values(cell, k)
            # figures that do not deal out one per item (a group's own figure among them) give none
            dealt[c] = [""] * k if vals is None else vals
        if not any(any(v) for c, v in dealt.items() if roles[c] is not ColumnRole.UNIT):
            out.append((r, texts))  # no values dealt beside the list: not a list of indicators
            continue
        # several numbered groups stacked beside the items (sasaran 1. to 7.): which item is whose is
        # not printed, so the other cells are left out rather than given to the first item
        stacked = by_line and any(
            sum(bool(_NUMBERED.match(x.strip())) for x in cell) >= 2
            for c, cell in enumerate(printed) if c != indicator and c not in roles)
        for i, item in enumerate(items):
            new = list(texts) if i == 0 and not stacked else ["" for _ in texts]
            new[indicator] = item
            for c, vals in dealt.items():
                if c < len(new):
                    new[c] = vals[i]
            out.append((r, new))
    return out
