"""Positioned words and ruling lines to table grids and column-aligned text lines."""

from __future__ import annotations

from lkip.extract.geometry._image_grid import grid_with_spans, positions, span_anchors
from lkip.extract.geometry._layout import NOISE, char_width, layout_lines, layout_tables
from lkip.extract.geometry._rules import THIN, Rule, straight_rule, tables_from_rules
from lkip.extract.geometry._turn import Run, Turn, text_run
from lkip.extract.geometry._words import Word, grid_from_rules, read_words

__all__ = [
    "NOISE",
    "Rule",
    "Run",
    "THIN",
    "Turn",
    "Word",
    "char_width",
    "grid_from_rules",
    "grid_with_spans",
    "layout_lines",
    "layout_tables",
    "positions",
    "read_words",
    "span_anchors",
    "straight_rule",
    "tables_from_rules",
    "text_run",
]
