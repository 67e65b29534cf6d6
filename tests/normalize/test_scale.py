"""Separators settled by a capaian row's own arithmetic (normalize/_scale)."""

from __future__ import annotations

from lkip.figures import LOWER_IS_BETTER_FORMULAS, parse_number
from lkip.normalize._scale import readings, settle_scales


def _row(target: str, realisasi: str, pct: str | None, *, mark: str | None = None, measure: str | None = None):
    return (parse_number(target, measure=measure, decimal_mark=mark),
            parse_number(realisasi, measure=measure, decimal_mark=mark),
            parse_number(pct, measure="percent", decimal_mark=mark) if pct else None)


def test_readings_offer_the_other_reading_only_for_a_guessed_separator() -> None:
    assert readings(parse_number("1.309")) == (1309.0, 1.309)  # dot, three digits: a guess
    assert readings(parse_number("8.726", measure="percent")) == (8.726, 8726.0)
    assert readings(parse_number("105,60")) == (105.6,)  # two decimals: no doubt
    assert readings(parse_number("13.105.774")) == (13105774.0,)  # grouped: no doubt
    assert readings(parse_number("0.250")) == (0.25,)  # a leading 0 is never grouped
    assert readings(parse_number("-")) == (None,)


def test_a_mixed_style_row_whose_readings_all_fit_gives_no_value_for_the_doubtful_figures() -> None:
    # 15 / 1.309 / 8.726: realisasi 1309 with 8726 %, or 1.309 with 8.726 %: the row cannot tell
    assert settle_scales(*_row("15", "1.309", "8.726")) == (15.0, None, None)


def test_a_reading_that_does_not_fit_gives_way_to_the_one_that_does() -> None:
    # "2.050" read as a count (2050) against 102,50 %: only 2.05 fits
    assert settle_scales(*_row("2", "2.050", "102,50", measure="count")) == (2.0, 2.05, 102.5)


def test_target_and_realisasi_scaled_together_keep_the_usual_reading() -> None:
    # 1.000 and 1.200 at 120 %: 1000/1200 and 1/1.2 both fit; the % cannot tell, the usual reading stays
    assert settle_scales(*_row("1.000", "1.200", "120")) == (1000.0, 1200.0, 120.0)


def test_a_table_whose_figures_show_one_style_decides_what_the_row_cannot() -> None:
    # the table prints decimal commas elsewhere: "1.309" and "8.726" are thousands
    assert settle_scales(*_row("15", "1.309", "8.726", mark=",")) == (15.0, 1309.0, 8726.0)


def test_nothing_fits_leaves_the_figures_for_the_checks_to_flag() -> None:
    assert settle_scales(*_row("2", "0", "1.000"), LOWER_IS_BETTER_FORMULAS) == (2.0, 0.0, 1.0)


def test_rows_without_a_stated_pct_or_without_guesses_are_unchanged() -> None:
    assert settle_scales(*_row("1.309", "1.400", None)) == (1309.0, 1400.0, None)
    assert settle_scales(*_row("75,5", "80,25", "106,29")) == (75.5, 80.25, 106.29)
