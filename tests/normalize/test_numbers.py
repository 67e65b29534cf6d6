"""Tests of the Indonesian number parser (lkip.normalize.numbers)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lkip.figures import ParsedNumber, find_numbers, measure_of_unit, parse_number


@pytest.mark.parametrize(
    ("text", "measure", "value", "unit", "category"),
    [
        ("3,60", None, 3.6, None, None),
        ("97.36", None, 97.36, None, None),
        ("86,429", None, 86.429, None, None),
        ("86,429", "index", 86.429, None, None),
        ("86,429 Indeks", None, 86.429, "Indeks", None),
        ("1.000 orang", None, 1000, "orang", None),
        ("13.105.774.000", None, 13105774000, None, None),
        ("Rp. 1.544.257.000,-", None, 1544257000, "Rp", None),
        ("Rp.56.095.000,-", None, 56095000, "Rp", None),
        ("68 %", None, 68, "%", None),
        ("-7,20 %", None, -7.2, "%", None),
        ("228,57%", None, 228.57, "%", None),
        ("2 Kabupaten/ Kota", None, 2, "Kabupaten/Kota", None),
        ("2 BNN Kabupaten/ Kota", None, 2, "BNN Kabupaten/Kota", None),
        ("12 Berkas P21", None, 12, "Berkas P21", None),
        ("7 Berkas perkara tindak pidana narkotika yang P-21", None, 7, None, None),
        ("target sebanyak 2 kabupaten dan capaian 2 kabupaten", None, 2, "kabupaten", None),
        ("58,34 % (Sedang)", None, 58.34, "%", "Sedang"),
        ("7,988,525,000", None, 7988525000, None, None),
        ("7,676,554,161", None, 7676554161, None, None),
        ("96.095", "percent", 96.095, None, None),
        ("96.095", None, 96095, None, None),
        ("1.000", "count", 1000, None, None),
        ("1,500", "count", 1500, None, None),
        ("0,125", None, 0.125, None, None),
        ("84, 643", None, 84.643, None, None),
        ("1.234.567,89", None, 1234567.89, None, None),
        ("1,234,567.89", None, 1234567.89, None, None),
        ("Rp 11,3 miliar", None, 11.3e9, "Rp", None),
        ("100", None, 100, None, None),
    ],
)
def test_parse_number_table(text, measure, value, unit, category):
    parsed = parse_number(text, measure=measure)
    assert parsed.value == pytest.approx(value)
    if unit is not None or "P-21" not in text:
        assert parsed.unit == unit
    assert parsed.category == category
    assert parsed.text == text
    assert parsed.rule


def test_p21_in_a_unit_is_not_a_number():
    parsed = parse_number("7 Berkas perkara tindak pidana narkotika yang P-21")
    assert parsed.value == 7
    assert parsed.unit is not None and "P-21" in parsed.unit


@pytest.mark.parametrize("text", ["-", "", "N/A", "n/a", "  ", "\u2014", None, "belum diukur"])
def test_texts_without_a_figure_give_none(text):
    parsed = parse_number(text)
    assert parsed.value is None
    assert parsed.unit is None


@pytest.mark.parametrize(
    ("text", "measure", "rule"),
    [
        ("3,60", None, "comma_decimal"),
        ("97.36", None, "dot_decimal"),
        ("13.105.774.000", None, "dot_thousands"),
        ("7,988,525,000", None, "comma_thousands"),
        ("86,429", None, "comma_decimal:default"),
        ("96.095", None, "dot_thousands:default"),
        ("86,429", "index", "comma_decimal:measure"),
        ("1.000", "count", "dot_thousands:measure"),
        ("1.000 orang", None, "dot_thousands:unit"),
        ("1.000 orang", "index", "dot_thousands:unit"),
        ("86,429 Indeks", "count", "comma_decimal:unit"),
        ("Rp 1.500", "value", "dot_thousands:unit"),
        ("0,125", None, "comma_decimal:not_grouping"),
        ("84, 643", None, "comma_decimal:default+stray_space"),
        ("Rp. 1.544.257.000,-", None, "dot_thousands+dash"),
    ],
)
def test_rule_records_how_separators_were_read(text, measure, rule):
    assert parse_number(text, measure=measure).rule == rule


def test_section_numbers_are_not_figures():
    assert parse_number("3.1.2").value is None


def test_decimal_mark_of_the_table_wins():
    assert parse_number("96.095", decimal_mark=".").value == pytest.approx(96.095)
    assert parse_number("86,429", decimal_mark=".").value == 86429


def test_find_numbers_splits_a_row_of_figures():
    line = "2,51 3,00 119,52"
    found = find_numbers(line)
    assert [p.value for _, _, p in found] == pytest.approx([2.51, 3.0, 119.52])
    assert [line[s:e] for s, e, _ in found] == ["2,51", "3,00", "119,52"]


def test_find_numbers_keeps_units_with_their_figure():
    found = find_numbers("10 Orang 10 Orang 100%")
    assert [(p.value, p.unit) for _, _, p in found] == [(10, "Orang"), (10, "Orang"), (100, "%")]


def test_find_numbers_in_a_summary_sentence():
    line = "target 10 Berkas tercapai 12 Berkas P21; "
    line += "target 2 Kabupaten/Kota tercapai 1 Kabupaten/Kota;"
    found = [(p.value, p.unit) for _, _, p in find_numbers(line)]
    assert found == [
        (10, "Berkas"),
        (12, "Berkas P21"),
        (2, "Kabupaten/Kota"),
        (1, "Kabupaten/Kota"),
    ]


def test_find_numbers_uses_the_line_style_for_ambiguous_figures():
    line = "JUMLAH\t7,988,525,000\t16,524,000\t7,676,554,161\t96.095"
    values = [p.value for _, _, p in find_numbers(line)]
    assert values == pytest.approx([7988525000, 16524000, 7676554161, 96.095])


def test_find_numbers_skips_codes_and_letter_numbers():
    line = "Nomor B/4201/XII/DE/PC.01/2024/BNN tentang P4GN dan P-21"
    assert [p.value for _, _, p in find_numbers(line)] == []


def test_find_numbers_reads_rupiah_cells():
    line = "1\tBelanja Pegawai\tRp.4.218.311.000,-\tRp.3.770.214.000,-\t93,32%"
    found = [(p.value, p.unit) for _, _, p in find_numbers(line)]
    assert found == [(1, None), (4218311000, "Rp"), (3770214000, "Rp"), (93.32, "%")]


def test_a_bullet_dash_is_not_a_minus_sign():
    assert [p.value for _, _, p in find_numbers("- 10 orang")] == [10]


@pytest.mark.parametrize(
    ("unit", "kind"),
    [
        ("%", "percent"),
        ("Indeks", "index"),
        ("Kabupaten/ Kota", "count"),
        ("Orang", "count"),
        ("Rp", "money"),
        ("BNN Kabupaten/Kota", "count"),
        (None, None),
        ("xyz", None),
    ],
)
def test_measure_of_unit(unit, kind):
    assert measure_of_unit(unit) == kind


# ---- property-based: format a number the Indonesian (or English) way, read it back ----


def _group(digits: str, sep: str) -> str:
    out = []
    while len(digits) > 3:
        out.insert(0, digits[-3:])
        digits = digits[:-3]
    out.insert(0, digits)
    return sep.join(out)


def _format(value: float, decimals: int, style: str) -> str:
    whole, _, frac = f"{abs(value):.{decimals}f}".partition(".")
    thousands, mark = {
        "id": (".", ","),
        "en": (",", "."),
        "plain_id": ("", ","),
        "plain_en": ("", "."),
    }[style]
    text = _group(whole, thousands) if thousands else whole
    if decimals:
        text = f"{text}{mark}{frac}"
    return ("-" if value < 0 else "") + text


_styles = st.sampled_from(["id", "en", "plain_id", "plain_en"])


@given(st.integers(min_value=0, max_value=10**13), st.sampled_from([1, 2]), _styles, st.booleans())
def test_decimals_with_one_or_two_digits_read_back(whole, decimals, style, negative):
    value = (whole + 0.37) * (-1 if negative else 1)
    text = _format(value, decimals, style)
    assert parse_number(text).value == pytest.approx(round(value, decimals))


@given(st.integers(min_value=0, max_value=10**13))
def test_indonesian_integers_read_back(value):
    text = _format(value, 0, "id")
    parsed = parse_number(text)
    assert parsed.value == value
    assert parsed.rule in {"integer", "dot_thousands", "dot_thousands:default"}


@given(st.integers(min_value=1000, max_value=10**13))
def test_english_integers_read_back_as_counts(value):
    assert parse_number(_format(value, 0, "en"), measure="count").value == value


@given(
    st.integers(min_value=0, max_value=999),
    st.integers(min_value=0, max_value=999),
    st.sampled_from(["plain_id", "plain_en"]),
)
def test_index_values_with_three_decimals_read_back(whole, frac, style):
    value = whole + frac / 1000
    text = _format(value, 3, style)
    assert parse_number(text, measure="index").value == pytest.approx(value)


@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=10**9),
            st.sampled_from(["", " %", "%", " Orang", " Kabupaten/ Kota"]),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_find_numbers_reads_every_cell_of_a_row(cells):
    line = " ".join(_format(v + 0.25, 2, "id") + unit for v, unit in cells)
    found = find_numbers(line)
    assert [p.value for _, _, p in found] == pytest.approx([v + 0.25 for v, _ in cells])
    for (_, unit), (_, _, parsed) in zip(cells, found, strict=True):
        expected = re.sub(r"\s*/\s*", "/", unit.strip()) or None
        assert parsed.unit == expected


@given(st.text(alphabet="abcdefghij -/", max_size=30))
def test_text_without_digits_has_no_value(text):
    assert parse_number(text).value is None
    assert find_numbers(text) == []


def test_parsed_number_is_a_frozen_record():
    parsed = parse_number("3,60")
    assert isinstance(parsed, ParsedNumber)
    with pytest.raises(AttributeError):
        parsed.value = 1  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "value", "unit", "rule_part"),
    [
        ("(3.14)", -3.14, None, "bracketed_negative"),
        ("(104,66) %", -104.66, "%", "bracketed_negative"),
        ("185,80 Triliun Rupiah", 185.8, "Triliun Rupiah", "comma_decimal"),
        ("Rp 1,5 miliar", 1.5e9, "Rp", "+miliar"),
        ("1,5 miliar", 1.5e9, None, "+miliar"),
        ("14 Jenis dan 40 Kabupaten dan Kota", None, None, "several_quantities"),
        ("100 dari 110 Organisasi Kepemudaan", None, None, "several_quantities"),
    ],
)
def test_brackets_multiplier_units_and_several_quantities(text, value, unit, rule_part):
    parsed = parse_number(text)
    assert parsed.value == (pytest.approx(value) if value is not None else None)
    assert parsed.unit == unit
    assert rule_part in parsed.rule


def test_table_decimal_mark_decides_ambiguous_groups():
    assert parse_number("202,955", decimal_mark=".").value == 202955
    assert parse_number("202,955", decimal_mark=",").value == pytest.approx(202.955)


@pytest.mark.parametrize(("text", "rule"), [
    ("1e308", "rejected:exponent"),
    ("1E+308", "rejected:exponent"),
    ("2,5e2", "rejected:exponent"),
    ("9" * 400, "rejected:out_of_range"),
    ("1.000.000.000.000.000.000.000", "rejected:out_of_range"),
])
def test_overflow_and_exponent_figures_are_rejected_not_truncated(text, rule):
    parsed = parse_number(text)
    assert (parsed.value, parsed.rule) == (None, rule)


def test_a_whole_state_budget_is_still_in_range():
    assert parse_number("Rp 3.325.100.000.000.000").value == 3_325_100_000_000_000


@pytest.mark.parametrize("text", [
    "12.31 7.066 1.190. 793 Ton Ton",  # figures of stacked rows in one cell
    "2.261. 565",  # a group broken by a space
    "Tahun 2016: 90%",  # a year and a value
    "75,70-76,20",  # a range
    "110,0 20 ( 10 )",
])
def test_a_cell_of_several_figures_has_no_value(text):
    parsed = parse_number(text)
    assert (parsed.value, parsed.rule) == (None, "several_figures")


@pytest.mark.parametrize(("text", "value"), [
    ("20 Kelompok/Pelaku (10 Kabupaten/Kota)", 20),  # a bracketed figure only qualifies the first
    ("65%\n(730)", 65),
    ("58,34 % (Sedang)", 58.34),
    ("2 Peringkat (POPNAS 2016)", 2),  # a note in brackets after the figure
    ("100% 100%", 100),  # the same figure printed twice
    ("89/100.000 KH", 89),  # a ratio: the figure per its denominator
])
def test_a_bracketed_second_figure_keeps_the_first(text, value):
    assert parse_number(text).value == value
