"""Precision-aware percentage arithmetic: does a stated % fit realisasi/target as printed.

A report prints "3,60", "3,70" and "102,77%". The figures behind them may have
been rounded to the digits shown, and the percentage may have been rounded or
truncated. So every printed figure stands for an interval, and a stated
percentage is right when the interval of ``realisasi / target x 100`` meets the
interval the stated text allows.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

# A figure as printed: digits with optional "." / "," groups ("13.105.774.000", "3,60", "96.095").
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*")
_REL_EPS = 1e-9


class Formula(StrEnum):
    """Ways a report computes capaian from realisasi (r) and target (t)."""

    STANDARD = "realisasi/target x 100"
    INVERSE_DIFF = "(2 x target - realisasi)/target x 100"
    INVERSE_RATIO = "target/realisasi x 100"


#: Formulas a lower-is-better indicator may use (the standard one is still accepted).
LOWER_IS_BETTER_FORMULAS: tuple[Formula, ...] = (
    Formula.STANDARD,
    Formula.INVERSE_DIFF,
    Formula.INVERSE_RATIO,
)


@dataclass(frozen=True, slots=True)
class Interval:
    """A closed range of values a printed figure may stand for.

    Attributes:
        lo: Lower bound.
        hi: Upper bound (>= lo).

    """

    lo: float
    hi: float

    def __post_init__(self) -> None:
        if self.hi < self.lo:
            raise ValueError(f"empty interval [{self.lo}, {self.hi}]")

    def meets(self, other: Interval) -> bool:
        """Return True when the two intervals overlap (with a tiny float tolerance)."""
        eps = _REL_EPS * max(1.0, abs(self.lo), abs(self.hi), abs(other.lo), abs(other.hi))
        return self.lo <= other.hi + eps and other.lo <= self.hi + eps

    def contains_zero(self) -> bool:
        """Return True when 0 lies inside the interval."""
        return self.lo <= 0.0 <= self.hi


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=_REL_EPS, abs_tol=1e-12)


def _readings(token: str) -> Iterable[tuple[float, int]]:
    """Given a numeric token, yield (value, decimals) for each way of reading its separators."""
    groups = re.split(r"[.,]", token)
    yield float("".join(groups)), 0  # every separator a thousands separator
    if len(groups) > 1:
        yield float("".join(groups[:-1]) + "." + groups[-1]), len(groups[-1])


def displayed_decimals(text: str | None, value: float | None) -> int | None:
    """Given a printed figure and the value it was read as, return how many decimals it shows.

    The separators are resolved by the value itself ("86,429" read as 86.429 shows
    three decimals; "13.105.774.000" read as 13105774000 shows none), so this agrees
    with whatever number parser produced the value.

    Args:
        text: The text as printed (may hold units, "Rp", "%", other words).
        value: The value the text was read as.

    Returns:
        The number of decimals shown, or None when no token of the text reads as ``value``.

    """
    if text is None or value is None:
        return None
    for match in _TOKEN.finditer(text):
        for reading, decimals in _readings(match.group(0)):
            if _close(reading, abs(value)):
                return decimals
    return None


def decimals_of_value(value: float) -> int:
    """Return the decimals of a value's shortest repr (3.6 -> 1, 2.0 -> 0)."""
    text = repr(float(value))
    if "e" in text or "E" in text:
        return 12
    whole, _, frac = text.partition(".")
    frac = frac.rstrip("0")
    return len(frac)


def value_interval(value: float, text: str | None, *, exact_integers: bool = True) -> Interval:
    """Given a figure and its text, return the interval it stands for once rounding is allowed.

    Args:
        value: The value read.
        text: The text as printed; None falls back to the value's own digits.
        exact_integers: Treat figures printed without decimals as exact (counts and
            set targets usually are); otherwise they stand for +/- 0.5.

    Returns:
        ``[value - half_ulp, value + half_ulp]`` for the decimals shown.

    """
    decimals = displayed_decimals(text, value)
    if decimals is None:
        decimals = decimals_of_value(value)
    if decimals == 0 and exact_integers:
        return Interval(value, value)
    half = 0.5 * 10.0 ** (-decimals)
    return Interval(value - half, value + half)


def stated_interval(value: float, text: str | None) -> Interval:
    """Given a stated percentage and its text, return the exact values it may stand for.

    Rounding to the digits shown gives ``[s - half_ulp, s + half_ulp]``, truncation
    gives ``[s, s + ulp)``; their union is ``[s - half_ulp, s + ulp]``.
    """
    decimals = displayed_decimals(text, value)
    if decimals is None:
        decimals = decimals_of_value(value)
    ulp = 10.0 ** (-decimals)
    if value >= 0:
        return Interval(value - 0.5 * ulp, value + ulp)
    return Interval(value - ulp, value + 0.5 * ulp)


def _ratio(num: Interval, den: Interval) -> Interval | None:
    if den.contains_zero():
        return None
    corners = [num.lo / den.lo, num.lo / den.hi, num.hi / den.lo, num.hi / den.hi]
    return Interval(min(corners), max(corners))


def pct_interval(realisasi: Interval, target: Interval, formula: Formula) -> Interval | None:
    """Return the capaian (%) interval a formula gives, or None when a divisor may be zero."""
    if formula is Formula.INVERSE_RATIO:
        ratio = _ratio(target, realisasi)
    else:
        ratio = _ratio(realisasi, target)
    if ratio is None:
        return None
    if formula is Formula.INVERSE_DIFF:
        ratio = Interval(2.0 - ratio.hi, 2.0 - ratio.lo)
    return Interval(100.0 * ratio.lo, 100.0 * ratio.hi)


def point_pct(realisasi: float, target: float, formula: Formula) -> float | None:
    """Return the capaian (%) a formula gives for exact figures, or None when undefined."""
    if formula is Formula.INVERSE_RATIO:
        return None if realisasi == 0 else 100.0 * target / realisasi
    if target == 0:
        return None
    if formula is Formula.INVERSE_DIFF:
        return 100.0 * (2.0 * target - realisasi) / target
    return 100.0 * realisasi / target


def match_formula(
    realisasi: Interval,
    target: Interval,
    stated: Interval,
    formulas: Iterable[Formula],
) -> Formula | None:
    """Return the first formula whose capaian interval meets the stated interval, else None."""
    for formula in formulas:
        got = pct_interval(realisasi, target, formula)
        if got is not None and got.meets(stated):
            return formula
    return None


def values_agree(
    a: float, a_text: str | None, b: float, b_text: str | None, *, ulps: float = 0.5
) -> bool:
    """Return True when two printed figures may stand for the same number.

    They agree when they differ by at most ``ulps`` units of the coarser precision
    shown: "3,6" and "3,60" agree; "2,5" and "2,51" agree (2,51 rounds to 2,5),
    "2,5" and "2,6" only at ``ulps=1`` (truncation vs rounding of a percentage);
    "78" and "78,42" agree (a rounded mention); whole numbers 1 apart never agree
    at ``ulps`` < 1.
    """
    da = displayed_decimals(a_text, a)
    db = displayed_decimals(b_text, b)
    da = decimals_of_value(a) if da is None else da
    db = decimals_of_value(b) if db is None else db
    coarse = 10.0 ** (-min(da, db))
    eps = _REL_EPS * max(1.0, abs(a), abs(b))
    return abs(a - b) <= ulps * coarse + eps


def format_figure(value: float | None, decimals: int = 2) -> str:
    """Return a figure for a message: at most ``decimals`` decimals, no trailing zeros."""
    if value is None:
        return "-"
    text = f"{value:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text
