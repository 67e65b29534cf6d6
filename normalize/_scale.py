"""Settle a capaian row's figures whose separator was a guess, from the row's own arithmetic.

"1.309" is 1309 or 1.309 depending on the table's style; when a table mixes styles
(``2.050`` thousands, ``106.81`` and ``105,60`` decimals in one column) the style does
not tell. The row does: realisasi / target must give the stated %. Every reading of
the guessed figures is tried; the readings that fit decide. Readings that differ only by
target and realisasi scaled together (the % cannot tell them apart) keep the usual
reading, and so does a table whose figures show one style. When two readings that fit
disagree on a figure otherwise, that figure is left without a value (its text is kept):
a missing value is better than one off by a factor of 1,000.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import product

from lkip.figures import Formula, ParsedNumber, pct_fits

# Rules of a figure read by a guess (the measure, the unit, the default or the table's
# style), whose other reading is 1,000 times larger or smaller.
_GUESSED = re.compile(r"^(?:dot|comma)_(?P<read>decimal|thousands):(?:measure|unit|default|line_style)$")

Figures = tuple[float | None, float | None, float | None]


def readings(number: ParsedNumber | None) -> tuple[float | None, ...]:
    """Given a parsed figure, return its value first, then its other reading when the separator was guessed."""
    if number is None or number.value is None:
        return (None,)
    guessed = _GUESSED.match(number.rule or "")
    if guessed is None:
        return (number.value,)
    other = number.value * 1000 if guessed["read"] == "decimal" else number.value / 1000
    return (number.value, other)


def settle_scales(target: ParsedNumber, realisasi: ParsedNumber, pct: ParsedNumber | None,
                  formulas: Sequence[Formula] = (Formula.STANDARD,)) -> Figures:
    """Given a row's parsed target, realisasi and stated %, return their values, settled by the row's arithmetic.

    Unchanged when no figure was guessed, when a figure is missing, or when no reading
    fits (a real mismatch, left to the checks to flag).
    """
    options = [readings(target), readings(realisasi), readings(pct)]
    current: Figures = (options[0][0], options[1][0], options[2][0])
    if all(len(o) == 1 for o in options) or None in current:
        return current
    texts = (target.text, realisasi.text, pct.text if pct else None)
    fits = [combo for combo in product(*options)
            if pct_fits(*_with_texts(combo, current, texts), formulas=formulas) is not None]
    if not fits:
        return current
    # one reading per class of readings the % cannot tell apart: the one closest to the usual
    classes: dict[tuple[float, float], Figures] = {}
    for combo in fits:
        key = (round(combo[1] / combo[0], 9) if combo[0] else float("inf"), combo[2])
        best = classes.get(key)
        if best is None or _agreement(combo, current) > _agreement(best, current):
            classes[key] = combo
    chosen = list(classes.values())
    rules = (target.rule, realisasi.rule, pct.rule if pct else None)
    torn = [i for i, vals in enumerate(zip(*chosen, strict=True)) if any(v != vals[0] for v in vals)]
    if current in fits and all((rules[i] or "").endswith(":line_style") for i in torn):
        return current  # the table's own style decides what the % cannot
    return tuple(vals[0] if all(v == vals[0] for v in vals) else None  # type: ignore[return-value]
                 for vals in zip(*chosen, strict=True))


def _agreement(combo: Figures, current: Figures) -> int:
    return sum(a == b for a, b in zip(combo, current, strict=True))


def _with_texts(combo: Figures, current: Figures, texts: Sequence[str | None]) -> tuple:
    """Arguments of :func:`pct_fits`: a reading keeps its printed digits only when it is the usual one."""
    out: list[float | str | None] = []
    for value, usual, text in zip(combo, current, texts, strict=True):
        out += [value, text if value == usual else None]
    return tuple(out)
