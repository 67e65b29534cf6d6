"""Tests for region names after an office's level word (lkip.extract.prose._region)."""

from __future__ import annotations

import pytest

from lkip.extract.model._records import Level
from lkip.extract.prose._region import bnnk_level, level_of, names_region, region_after
from lkip.extract.vocab._gazetteer import load_gazetteer


@pytest.mark.parametrize(
    ("word", "level"),
    [
        ("Provinsi", Level.PROVINSI),
        ("PROP.", Level.PROVINSI),
        ("P R O V I N S I", Level.PROVINSI),
        ("Kab.", Level.KABUPATEN),
        ("Kota", Level.KOTA),
        ("Kotamadya", Level.KOTA),
    ],
)
def test_level_of_reads_the_level_word(word, level):
    assert level_of(word) is level


def test_a_known_name_is_taken_whole_even_letter_spaced():
    gaz = load_gazetteer()
    text = "BNN Provinsi J A W A  B A R A T menetapkan"
    pos = text.index("J A W A")
    assert region_after(text, pos, Level.PROVINSI, gaz) == ("Jawa Barat", text.index(" menetapkan"))


def test_an_unknown_name_stops_at_a_report_word():
    gaz = load_gazetteer()
    text = "Dinas Kesehatan Provinsi Nusa Lestari Tahun 2024"
    pos = text.index("Nusa")
    assert region_after(text, pos, Level.PROVINSI, gaz) == ("Nusa Lestari", text.index(" Tahun"))


def test_no_capitalised_word_is_no_region():
    assert region_after("Kota yang besar", 5, Level.KOTA, load_gazetteer()) is None


def test_names_region_needs_a_province_or_a_long_regency_name():
    gaz = load_gazetteer()
    assert names_region("Balai Jawa Barat", gaz)
    assert not names_region("Deputi Bidang Pencegahan", gaz)


def test_a_bnnk_office_is_a_kota_only_when_no_kabupaten_has_the_name():
    gaz = load_gazetteer()
    assert bnnk_level("Surabaya", gaz) is Level.KOTA
    assert bnnk_level("Garut", gaz) is Level.KABUPATEN
