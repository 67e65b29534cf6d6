"""Printed figures: Indonesian number parsing and the one stated-% rule.

A shared leaf below both :mod:`lkip.extract` and :mod:`lkip.normalize` (it imports
neither), used by every reader, the checks and the HTML report, so that no two parts
of the product can disagree about a figure or a percentage.

**Numbers.** Indonesian reports write ``.`` for thousands and ``,`` for decimals, but
many tables (spreadsheet exports, screenshots) use the English style, and a single
separator followed by three digits ("86,429", "1.000", "96.095") is ambiguous. Such
cases are resolved by context, in this order:

1. a figure that cannot be a thousands group ("0,125", "1234,567") is a decimal;
2. the line's own style, when another figure on the same line shows it
   unambiguously (``7,988,525,000`` beside ``96.095`` means dot decimals);
3. the figure's own unit ("%", "Indeks" -> decimal; "Orang", "Rp" -> thousands),
   else the indicator's measure (``index``/``percent``/``value`` -> decimal,
   ``count``/``money`` -> thousands);
4. the Indonesian default: a comma is a decimal mark, a dot groups thousands.

The choice is recorded in :attr:`ParsedNumber.rule`: the reading
(``comma_decimal``, ``dot_thousands``, ``dot_thousands_comma_decimal``, ``integer``...)
plus, for an ambiguous figure, why (``:not_grouping``, ``:line_style``, ``:unit``,
``:measure``, ``:default``) and extras (``+dash`` for "000,-", ``+stray_space``,
``+juta``/``+miliar`` multipliers). ``empty``/``no_figure``/``invalid_grouping``
come with a None value.

**The stated-% rule.** A report prints "3,60", "3,70" and "102,77%". The figures
behind them may have been rounded to the digits shown, and the percentage may have
been rounded or truncated. So every printed figure stands for an interval, and a
stated percentage fits when the interval of the formula (``realisasi / target x 100``;
for lower-is-better indicators also ``(2 x target - realisasi) / target x 100`` and
``target / realisasi x 100``) meets the interval the stated text allows
(:func:`pct_fits`). :func:`compute_pct` gives the point value stored and shown.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class ParsedNumber:
    """A figure read from text.

    Attributes:
        value: The number, or None when the text holds none.
        unit: Unit words found beside the number ("%", "Kabupaten/Kota", "Orang"), or None.
        text: The original text.
        category: A category in parentheses ("Sedang"), if any.
        rule: How separators were resolved, e.g. ``comma_decimal``, ``dot_thousands``.

    """

    value: float | None
    unit: str | None
    text: str
    category: str | None = None
    rule: str | None = None


# A figure: optional sign, digits with "." / "," groups, optional rupiah dash (",-").
# Not inside a word or code ("P21", "P-21", "B/4201") nor the tail of another figure.
_FIGURE = re.compile(
    r"(?:(?<![\w)\]])(?P<sign>[-\u2212\u2013]))?"
    r"(?<![\w/])(?<!\d[.,])(?<![A-Za-z]-)(?:(?<=Rp\.)|(?<=RP\.)|(?<![A-Za-z]\.))"
    r"(?P<num>\d+(?:[.,]\d+)*)"
    r"(?P<dash>[.,]-+)?"
)
_EXPONENT = re.compile(r"[eE][+\-\u2212]?\d")
#: Larger figures are rejected as out of range (Indonesia's whole state budget is about 3.3e15 rupiah).
MAX_FIGURE = 1e18
_CURRENCY = re.compile(r"(?:\bRp|\bIDR)\s*\.?\s*$", re.IGNORECASE)
_PERCENT = re.compile(r"\s*(%|persen\b)", re.IGNORECASE)
_CATEGORY = re.compile(r"\s*\(\s*([A-Za-z][A-Za-z ]{0,40}?)\s*\)")
_BRACKETED = re.compile(r"^\s*\(\s*(?P<num>-?\s*\d[\d.,]*)\s*(?P<p1>%?)\s*\)\s*(?P<p2>%?)\s*$")
#: A connector right before the second figure of a cell: two quantities, not one value.
_STACKED = re.compile(r"^[^\w(]*$")
_JOINED_QUANTITIES = re.compile(r"(\s(dan|dari|atau|hingga|sampai|s\.?\s?d\.?)|\s[-–])\s*$", re.IGNORECASE)
_MULTIPLIER = {"ribu": 1e3, "juta": 1e6, "miliar": 1e9, "milyar": 1e9, "triliun": 1e12}
_MULTIPLIER_RE = re.compile(r"\s+(ribu|juta|miliar|milyar|triliun)\b", re.IGNORECASE)
_STRAY_SPACE = re.compile(r"^\s*(?P<sign>-)?(?P<a>\d{1,3}),\s(?P<b>\d{3})(?![\d.,])")
_NO_FIGURE = {
    "",
    "-",
    "--",
    "\u2013",
    "\u2014",
    "n/a",
    "na",
    "n.a",
    "n.a.",
    "*",
    "tidak ada",
    "nihil",
}
_CELL_BREAK = re.compile(r"\t| {2,}|\|")
_WORD = re.compile(r"[^\s;:|()\t]+")
_CODE_TOKEN = re.compile(r"^[A-Z]{1,3}-?\d{1,3}$")  # "P21", "P-21" inside a unit

# Words that may form a unit after a figure in running text (lower case).
_UNIT_WORDS = frozenset(
    """
    orang jiwa peserta responden tersangka pegawai personel petugas kk keluarga
    unit lembaga instansi satker satuan kerja kantor klinik sekolah desa kelurahan
    kecamatan kabupaten kota kab provinsi prov wilayah kawasan lokasi titik bnn bnnk bnnp
    berkas perkara kasus jaringan kegiatan dokumen laporan paket buah kali
    indeks index nilai poin skor level kategori angka
    rupiah rp persen bulan hari tahun jam menit minggu
    ha hektar km kg gram ton liter m m2 m3
    """.split()
)
_COUNT_UNITS = _UNIT_WORDS - {
    "indeks",
    "index",
    "nilai",
    "poin",
    "skor",
    "level",
    "kategori",
    "angka",
    "rupiah",
    "rp",
    "persen",
}
# Words that end a unit in running text ("2 kabupaten dan capaian 2 kabupaten").
_CLAIM_WORDS = frozenset(
    "target tercapai capaian realisasi sebesar sebanyak dengan dari menjadi atau dan "
    "pada di untuk adalah yaitu".split()
)
_INDEX_UNITS = frozenset({"indeks", "index", "nilai", "poin", "skor", "level", "angka"})


def measure_of_unit(unit: str | None) -> str | None:
    """Given a unit text, return the kind of measure it implies.

    Args:
        unit: Unit words as written ("%", "Indeks", "Kabupaten/ Kota", "Rp").

    Returns:
        ``percent``, ``index``, ``count``, ``money`` or None when the unit says nothing.

    """
    if not unit:
        return None
    low = unit.strip().lower()
    if "%" in low or low.startswith("persen"):
        return "percent"
    words = re.findall(r"[a-z0-9]+", low)
    if not words:
        return None
    if words[0] in {"rp", "rupiah", "idr"}:
        return "money"
    if words[0] in _INDEX_UNITS:
        return "index"
    if words[0] in _COUNT_UNITS:
        return "count"
    return None


def parse_number(
    text: str | None,
    *,
    measure: str | None = None,
    decimal_mark: str | None = None,
) -> ParsedNumber:
    """Given a cell or phrase, return its first figure with unit, category and rule.

    Args:
        text: The cell as written ("58,34 % (Sedang)", "Rp. 1.544.257.000,-", "-").
        measure: The indicator's measure (``count``, ``index``, ``percent``,
            ``value`` for a score such as NKA) or ``money``, used to resolve
            "86,429" / "1.000" when the figure's own unit does not.
        decimal_mark: ``","`` or ``"."`` when the surrounding table's style is known.

    Returns:
        The parsed figure; ``value`` is None when the text holds no figure.

    """
    text = "" if text is None else str(text)
    if text.strip().lower() in _NO_FIGURE:
        return ParsedNumber(None, None, text, None, "empty")
    stray = _STRAY_SPACE.match(text)
    if stray:
        joined = f"{stray['sign'] or ''}{stray['a']},{stray['b']}{text[stray.end() :]}"
        parsed = parse_number(joined, measure=measure, decimal_mark=decimal_mark)
        return ParsedNumber(
            parsed.value, parsed.unit, text, parsed.category, f"{parsed.rule}+stray_space"
        )
    bracketed = _BRACKETED.match(text)
    if bracketed:  # accounting style: "(3,14)" is -3.14
        pct = "%" if bracketed["p1"] or bracketed["p2"] else ""
        inner = parse_number(bracketed["num"] + pct, measure=measure, decimal_mark=decimal_mark)
        if inner.value is not None:
            return ParsedNumber(-inner.value, inner.unit, text, inner.category, f"{inner.rule}+bracketed_negative")
    found = _scan(text, measure=measure, decimal_mark=decimal_mark, cell=True)
    if not found:
        return ParsedNumber(None, None, text, None, "no_figure")
    if len(found) > 1 and _JOINED_QUANTITIES.search(text[found[0][1] : found[1][0]]):
        # "14 Jenis dan 40 Kabupaten", "100 dari 110 Organisasi": no single value to take
        return ParsedNumber(None, None, text, None, "several_quantities")
    start, _, first = found[0]
    figure = _FIGURE.search(text, start)
    if figure is not None and _EXPONENT.match(text, figure.end("num")):
        # "1e308": scientific notation is no Indonesian report's figure; never read it as 1
        return ParsedNumber(None, None, text, None, "rejected:exponent")
    if first.value is not None and not (math.isfinite(first.value) and abs(first.value) <= MAX_FIGURE):
        return ParsedNumber(None, None, text, None, "rejected:out_of_range")
    number_end = figure.end("num") if figure is not None else found[0][1]
    if (len(found) > 1 and _STACKED.match(text[found[0][1]:found[1][0]])
            and not {"(", "/"} & set(text[number_end:found[1][0]])  # "2 (POPNAS 2016)", "89/100.000 KH"
            and len({p.value for _, _, p in found}) > 1):  # "100% 100%": the same figure twice
        # "12.31 7.066 1.190. 793", "2.261. 565", "75,70-76,20": figures with nothing but spaces or
        # punctuation between them (stacked rows, a broken group, a range): which is the cell's is
        # not known, so no value (the text is kept)
        return ParsedNumber(None, None, text, None, "several_figures")
    return ParsedNumber(first.value, first.unit, text, first.category, first.rule)


def find_numbers(
    text: str,
    *,
    measure: str | None = None,
) -> list[tuple[int, int, ParsedNumber]]:
    """Given a line, return every figure in it with its span, unit and category.

    Units that follow a figure belong to it: "10 Orang 10 Orang 100%" gives three
    figures with units "Orang", "Orang" and "%". The span runs from a currency
    prefix or sign to the end of the unit/category; ``ParsedNumber.text`` is that
    slice. Ambiguous separators use the line's own style when another figure
    shows it. Codes such as "P21" or "P-21" are not figures.

    Args:
        text: One line of a report (cells may be separated by tabs or spaces).
        measure: The indicator's measure, when known.

    Returns:
        ``(start, end, parsed)`` triples in reading order.

    """
    return _scan(text, measure=measure, decimal_mark=None, cell=False)


def _scan(
    text: str, *, measure: str | None, decimal_mark: str | None, cell: bool
) -> list[tuple[int, int, ParsedNumber]]:
    matches = list(_FIGURE.finditer(text))
    style = decimal_mark or _style_of_line(m["num"] for m in matches)
    out: list[tuple[int, int, ParsedNumber]] = []
    for i, m in enumerate(matches):
        limit = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        prefix = _CURRENCY.search(text, max(0, m.start() - 8), m.start())
        currency = prefix is not None and not m["sign"]
        start = prefix.start() if currency else m.start()
        end, unit, category, multiplier = _read_unit(text, m.end(), limit, cell=cell)
        if multiplier and unit and not currency and measure != "money":
            # "185,80 Triliun Rupiah": a value counted in trillions, the word belongs to the unit
            unit, multiplier = f"{multiplier} {unit}", None
        if currency:
            unit = "Rp" if not unit else f"Rp {unit}"
        kind = "money" if currency else measure_of_unit(unit)
        value, rule = _resolve(
            m["num"], decimal_mark=style, hint=kind or measure, source="unit" if kind else "measure"
        )
        if m["dash"] and value is not None:
            rule = f"{rule}+dash"
        if value is not None and multiplier:
            value *= _MULTIPLIER[multiplier.lower()]
            rule = f"{rule}+{multiplier.lower()}"
        if value is not None and m["sign"]:
            value = -value
        if value is None and not cell:
            continue
        out.append((start, end, ParsedNumber(value, unit, text[start:end], category, rule)))
    return out


def _style_of_line(nums) -> str | None:
    """Given the figures of one line, return the decimal mark they show unambiguously."""
    marks: set[str] = set()
    for num in nums:
        seps = re.findall(r"[.,]", num)
        groups = re.split(r"[.,]", num)
        if not seps:
            continue
        if len(set(seps)) == 2:
            marks.add(seps[-1])
        elif len(seps) > 1:
            marks.add("," if seps[0] == "." else ".")
        elif len(groups[1]) != 3:
            marks.add(seps[0])
    return marks.pop() if len(marks) == 1 else None


def _resolve(
    num: str, *, decimal_mark: str | None, hint: str | None, source: str = "measure"
) -> tuple[float | None, str]:
    """Given digits with separators, return the value and the rule that read it."""
    seps = re.findall(r"[.,]", num)
    groups = re.split(r"[.,]", num)
    name = {".": "dot", ",": "comma"}
    if not seps:
        return float(num), "integer"
    head_ok = 1 <= len(groups[0]) <= 3 and not (len(groups[0]) > 1 and groups[0][0] == "0")
    if len(set(seps)) == 2:
        last, other = seps[-1], seps[0]
        if seps.count(last) != 1 or not head_ok or any(len(g) != 3 for g in groups[1:-1]):
            return None, "invalid_grouping"
        value = float("".join(groups[:-1]) + "." + groups[-1])
        return value, f"{name[other]}_thousands_{name[last]}_decimal"
    sep = seps[0]
    if len(seps) > 1:
        if not head_ok or any(len(g) != 3 for g in groups[1:]):
            return None, "invalid_grouping"
        return float("".join(groups)), f"{name[sep]}_thousands"
    whole, frac = groups
    decimal = float(f"{whole}.{frac}")
    if len(frac) != 3:
        return decimal, f"{name[sep]}_decimal"
    thousands = float(whole + frac)
    if whole == "0" or not head_ok:
        return decimal, f"{name[sep]}_decimal:not_grouping"
    if decimal_mark in {".", ","}:
        if sep == decimal_mark:
            return decimal, f"{name[sep]}_decimal:line_style"
        return thousands, f"{name[sep]}_thousands:line_style"
    if hint in {"index", "percent", "value"}:
        return decimal, f"{name[sep]}_decimal:{source}"
    if hint in {"count", "money"}:
        return thousands, f"{name[sep]}_thousands:{source}"
    if sep == ",":
        return decimal, "comma_decimal:default"
    return thousands, "dot_thousands:default"


def _read_unit(
    text: str, pos: int, limit: int, *, cell: bool
) -> tuple[int, str | None, str | None, str | None]:
    """Given the end of a figure, return (end, unit, category, multiplier) that follow it."""
    multiplier = None
    mm = _MULTIPLIER_RE.match(text, pos)
    if mm and mm.end() <= limit:
        multiplier, pos = mm.group(1), mm.end()
    pm = _PERCENT.match(text, pos)
    if pm and pm.end() <= limit:
        end, unit = pm.end(), "%"
    else:
        end, unit = _read_unit_words(text, pos, limit, cell=cell)
    cm = _CATEGORY.match(text, end)
    category = None
    if cm and cm.end() <= limit and not is_unit_words(cm.group(1)):
        category, end = cm.group(1).strip(), cm.end()
    return end, unit, category, multiplier


def _read_unit_words(text: str, pos: int, limit: int, *, cell: bool) -> tuple[int, str | None]:
    """Given the end of a figure, return the end and text of the unit words after it."""
    brk = _CELL_BREAK.search(text, pos, limit)
    stop = brk.start() if brk else limit
    rest = text[pos:stop]
    tail = _CATEGORY.search(rest)
    words_part = rest[: tail.start()] if tail and not is_unit_words(tail.group(1)) else rest
    words = list(_WORD.finditer(words_part))
    if (
        cell
        and words
        and len(words) <= 8
        and not any(w.group(0).lower() in _CLAIM_WORDS for w in words)
    ):
        keep = words
    else:
        keep = []
        for w in words:
            bare = re.sub(r"[.,;:]+$", "", w.group(0))
            parts = [p for p in re.split(r"/", bare.lower()) if p]
            if parts and all(p in _UNIT_WORDS for p in parts):
                keep.append(w)
            elif keep and _CODE_TOKEN.match(bare):
                keep.append(w)
            elif bare.endswith("/") and bare[:-1].lower() in _UNIT_WORDS:
                keep.append(w)
            else:
                break
            if w.group(0) != bare:  # punctuation ends the unit
                break
    if not keep:
        return pos, None
    end = pos + keep[-1].end()
    unit = re.sub(r"\s*/\s*", "/", text[pos:end].strip())
    unit = re.sub(r"\s+", " ", unit).strip(" .,;:-")
    return pos + len(text[pos:end].rstrip(" .,;:")), unit or None


def is_unit_words(words: str) -> bool:
    """Return whether a text is one of the known unit words ("Indeks", "Orang", "Kabupaten/Kota", "%")."""
    return words.strip().lower() in _UNIT_WORDS

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


def pct_fits(
    target: float | None,
    target_text: str | None,
    realisasi: float | None,
    realisasi_text: str | None,
    stated: float | None,
    stated_text: str | None,
    formulas: Iterable[Formula] = (Formula.STANDARD,),
    *,
    exact_integers: bool = True,
) -> Formula | None:
    """Return the first formula under which a stated % fits target and realisasi as printed, else None.

    This is the one stated-% rule: each printed figure stands for the interval its
    shown digits allow (see :func:`value_interval`, :func:`stated_interval`), and the
    stated percentage fits when the formula's interval meets the stated one. None also
    when a figure is missing or the divisor may be zero.

    Args:
        target: The target (or pagu) as read.
        target_text: Its text as printed (None: the value's own digits).
        realisasi: The realisasi as read.
        realisasi_text: Its text as printed.
        stated: The stated percentage.
        stated_text: Its text as printed.
        formulas: The formulas allowed (standard; lower-is-better indicators add the inverse ones).
        exact_integers: Figures printed without decimals are exact (see :func:`value_interval`).
    """
    if target is None or realisasi is None or stated is None:
        return None
    return match_formula(
        value_interval(realisasi, realisasi_text, exact_integers=exact_integers),
        value_interval(target, target_text, exact_integers=exact_integers),
        stated_interval(stated, stated_text),
        formulas,
    )


def format_figure(value: float | None, decimals: int = 2) -> str:
    """Return a figure for a message: at most ``decimals`` decimals, no trailing zeros."""
    if value is None:
        return "-"
    text = f"{value:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def compute_pct(realisasi: float | None, target: float | None) -> float | None:
    """Given realisasi and target, return realisasi/target x 100 (None when undefined)."""
    if realisasi is None or target is None or target == 0:
        return None
    return round(realisasi / target * 100, 6)
