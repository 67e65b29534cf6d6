"""Parse Indonesian figures: "3,60", "13.105.774.000", "Rp. 1.544.257.000,-", "58,34 % (Sedang)".

One parser for every extractor. Indonesian reports write ``.`` for thousands and
``,`` for decimals, but many tables (spreadsheet exports, screenshots) use the
English style, and a single separator followed by three digits ("86,429",
"1.000", "96.095") is ambiguous. Such cases are resolved by context, in this order:

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
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "ParsedNumber",
    "find_numbers",
    "measure_of_unit",
    "parse_number",
]


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
_CURRENCY = re.compile(r"(?:\bRp|\bIDR)\s*\.?\s*$", re.IGNORECASE)
_PERCENT = re.compile(r"\s*(%|persen\b)", re.IGNORECASE)
_CATEGORY = re.compile(r"\s*\(\s*([A-Za-z][A-Za-z ]{0,40}?)\s*\)")
_BRACKETED = re.compile(r"^\s*\(\s*(?P<num>-?\s*\d[\d.,]*)\s*(?P<p1>%?)\s*\)\s*(?P<p2>%?)\s*$")
#: A connector right before the second figure of a cell: two quantities, not one value.
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
    _, _, first = found[0]
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
    if cm and cm.end() <= limit and not _looks_like_unit(cm.group(1)):
        category, end = cm.group(1).strip(), cm.end()
    return end, unit, category, multiplier


def _read_unit_words(text: str, pos: int, limit: int, *, cell: bool) -> tuple[int, str | None]:
    """Given the end of a figure, return the end and text of the unit words after it."""
    brk = _CELL_BREAK.search(text, pos, limit)
    stop = brk.start() if brk else limit
    rest = text[pos:stop]
    tail = _CATEGORY.search(rest)
    words_part = rest[: tail.start()] if tail and not _looks_like_unit(tail.group(1)) else rest
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


def _looks_like_unit(words: str) -> bool:
    return words.strip().lower() in _UNIT_WORDS
