"""LKIP wording: column roles, header words, captions, page cues, and the gazetteer of regions."""

from __future__ import annotations

from lkip.extract.vocab._captions import CAPTION_BAND, caption_of, names_comparison, names_lower_pk
from lkip.extract.vocab._cues import (
    ColumnRole,
    collapse_spacing,
    decimal_mark_of,
    is_numbering,
    is_year_only,
    names_office,
    opens_indicator,
    opens_sasaran,
    role_of_header,
    year_label,
    years_in,
)
from lkip.extract.vocab._gazetteer import Gazetteer, NameToken, load_gazetteer, name_tokens
from lkip.extract.vocab._header_words import fix_header_words, header_word, split_glued, with_header_words_fixed
from lkip.extract.vocab._page_score import PageScore, score_page

__all__ = [
    "CAPTION_BAND",
    "ColumnRole",
    "Gazetteer",
    "NameToken",
    "PageScore",
    "caption_of",
    "collapse_spacing",
    "decimal_mark_of",
    "fix_header_words",
    "header_word",
    "is_numbering",
    "is_year_only",
    "load_gazetteer",
    "name_tokens",
    "names_comparison",
    "names_lower_pk",
    "names_office",
    "opens_indicator",
    "opens_sasaran",
    "role_of_header",
    "score_page",
    "split_glued",
    "with_header_words_fixed",
    "year_label",
    "years_in",
]
