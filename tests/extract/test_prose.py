"""The running-text stream: folding, fast scans, sentence breaks, memoised lookups."""

from __future__ import annotations

import re

import pytest

from lkip.extract.model._records import TextLine, lines_of_text
from lkip.extract.model._source import decode_text
from lkip.extract.prose import budget as _budget
from lkip.extract.prose import meta as _meta
from lkip.extract.prose._stream import (
    _ASCII_LOOKALIKES,
    _SENTENCE_END,
    find_heading,
    finditer_where,
    fold_case,
    heading_key,
    prose_of,
    sentences_of,
)

# Each pattern that is scanned with finditer_where, with the words it may start with.
_SCANS = [
    (_meta._ORG, _meta._ORG_STARTS),
    (_meta._BNN_SHORT, _meta._BNN_STARTS),
    (_meta._TITLE_YEAR, _meta._TITLE_STARTS),
    (_meta._CENTRAL_TITLE, _meta._TITLE_STARTS),
    (_meta._BUDGET_YEAR, _meta._BUDGET_YEAR_STARTS),
    (_meta._ANY_YEAR, _meta._ANY_YEAR_STARTS),
    (_budget._COMBINED, _budget._COMBINED_STARTS),
]


def _spans(matches):
    return [(m.span(), m.groupdict()) for m in matches]


# --- folding -------------------------------------------------------------------------------


def test_the_lookalikes_are_all_that_ignorecase_takes_for_ascii_letters():
    letters = re.compile("[a-z]", re.IGNORECASE)
    found = {chr(c) for c in range(128, 0x30000) if letters.fullmatch(chr(c))}
    assert found == set(_ASCII_LOOKALIKES)


@pytest.mark.parametrize("text", ["Realisasi ANGGARAN", "Kab. ſerang İNDIKATOR \u212aota", "Tahun 2024 “x”"])
def test_folding_keeps_offsets_and_agrees_with_ignorecase(text):
    folded = fold_case(text)
    assert len(folded) == len(text)
    for word in ("realisasi", "anggaran", "serang", "indikator", "kota", "tahun"):
        assert (word in folded) == bool(re.search(word, text, re.IGNORECASE))


# --- scanning only where a match can start ---------------------------------------------------


def test_finditer_where_finds_what_finditer_finds():
    pattern = re.compile(r"(?<![\w/])BNN[PK](?=[ A-Z])|^ab|b\b", re.IGNORECASE)
    starts = re.compile("bnn|a|b")
    for text in ("ab BNNP X /BNNK bnnp b", "xab BNNKY b. ab", "", "BNNP"):
        assert _spans(finditer_where(pattern, text, fold_case(text), starts)) == _spans(
            pattern.finditer(text)
        )


@pytest.mark.parametrize(
    "text",
    [
        "Laporan Kinerja (LKIP) BNN Provinsi Jawa Barat Tahun 2024. Dinas Kesehatan Kota Bandung "
        "dan BNNK Bandung, BNNP Bali; LAKIP Badan Narkotika Nasional Tahun Anggaran 2023.",
        "LKjIP Deputi Bidang Pencegahan BNN Tahun 2023 T.A. 2022 tahun 2021 Rumah Sakit Umum Kabupaten "
        "Garut, UPTD Balai Kota Depok, Perjanjian Kinerja Kementerian Kesehatan Tahun 2022",
        "anggaran BNNP beserta seluruh jajarannya, dan jajaran, se-jajaran, di lingkup wilayah, "
        "se wilayah, seluruh satuan kerja, seluruh satker, termasuk BNNK, SE-\nJAJARAN",
    ],
)
def test_the_start_words_of_each_scanned_pattern_cover_its_matches(text):
    for pattern, starts in _SCANS:
        assert _spans(finditer_where(pattern, text, fold_case(text), starts)) == _spans(
            pattern.finditer(text)
        )


def test_the_start_words_cover_every_match_in_real_reports(shared_dir):
    for path in sorted((shared_dir / "corpus").glob("*.txt")):
        prose = prose_of(lines_of_text(decode_text(path.read_bytes(), str(path))))
        for pattern, starts in _SCANS:
            assert _spans(finditer_where(pattern, prose.text, prose.folded(), starts)) == _spans(
                pattern.finditer(prose.text)
            ), (path.name, pattern.pattern[:40])


# --- sentences -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Pagu Rp. 5 juta. Realisasi 96%! Apakah cukup? Ya.",
        "Kab. Garut dan No. 5. Lalu (catatan) berikut.  \n“Kutipan” akhir. X. Y. dll. Z",
        "Angka 3. Berikut 4.\nBaru. b. kecil",
    ],
)
def test_sentence_breaks_are_those_of_the_pattern(text):
    pos, expected = 0, []
    for m in _SENTENCE_END.finditer(text):
        if m.start() > pos:
            expected.append((7 + pos, 7 + m.start()))
        pos = m.end()
    if pos < len(text):
        expected.append((7 + pos, 7 + len(text)))
    assert sentences_of(text, base=7) == expected


# --- the stream and its memoised lookups -----------------------------------------------------


def test_the_same_lines_give_the_same_stream_and_other_lines_another():
    lines = lines_of_text("a. Satu\n\n**Dua**  dan   tiga")
    prose = prose_of(lines)
    assert prose.text == "a. Satu\nDua dan tiga"
    assert prose_of(lines_of_text("a. Satu\n\n**Dua**  dan   tiga")).text == prose.text
    other = prose_of([*lines[:2], TextLine("Empat", line=3)])
    assert other is not prose and other.text == "a. Satu\nEmpat"


def test_list_items_are_found_in_ranges():
    prose = prose_of(lines_of_text("Pengantar:\na. satu\nlanjut\n2) dua\n- tiga"))
    assert prose.item_starts() == [11, 26, 33]
    assert prose.item_starts(12, 33) == [26]
    assert prose.is_item_start(26) and not prose.is_item_start(27) and not prose.is_item_start(0)


def test_headings_are_found_again_with_other_patterns_and_word_limits():
    prose = prose_of(lines_of_text("R I N G K A S A N\nBAB I ..... 1\nBAB I PENDAHULUAN\nBAB II"))
    assert find_heading(prose, re.compile("^RINGKASAN")) == 0
    assert find_heading(prose, re.compile("^BAB I\\b")) == 2
    assert find_heading(prose, re.compile("^BAB I\\b"), max_words=2) is None
    assert find_heading(prose, re.compile("^BAB II"), 1) == 3


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("Bab Ii  Perencanaan", "BAB II PERENCANAAN"),
        ("AABB CCDD", "AB CD"),
        ("AABB CCDE", "AABB CCDE"),
        ("BAB I A B", "BAB IAB"),  # three one-letter words are letter spacing
        ("X Y Z kata", "XYZ KATA"),
        ("ab\u2003cd", "AB CD"),
    ],
)
def test_heading_keys_of_plain_and_unusual_lines(raw, key):
    assert heading_key(raw) == key


def test_every_office_head_word_and_title_form_is_a_start_word():
    heads = [re.sub(r"\\s\+", " ", w).replace("D?", "") for w in _meta._HEAD[3:-1].split("|")]
    assert len(heads) > 15
    for head in heads:
        text = f"Laporan {head} Sukamaju Provinsi Jawa Barat Tahun 2024"
        assert _spans(finditer_where(_meta._ORG, text, fold_case(text), _meta._ORG_STARTS)) == _spans(
            _meta._ORG.finditer(text)
        ), head
    for title in ("LKIP", "LAKIP", "LKjIP", "LKJ", "Laporan Akuntabilitas Kinerja", "Laporan Kinerja",
                  "Perjanjian Kinerja", "Penetapan Kinerja"):
        text = f"{title} Badan Pusat Tahun 2024"
        for pattern in (_meta._TITLE_YEAR, _meta._CENTRAL_TITLE):
            found = list(finditer_where(pattern, text, fold_case(text), _meta._TITLE_STARTS))
            assert found and _spans(found) == _spans(pattern.finditer(text)), title
