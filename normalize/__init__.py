"""Normalisation: Indonesian figures, catalogue matching and consistency checks.

Public entry points: :func:`parse_number`, :func:`load_catalogue`,
:func:`match_indicator`, :func:`normalize_extraction` and :func:`check_report`.
"""

from lkip.figures import ParsedNumber, compute_pct, parse_number
from lkip.normalize._report import Normalized, normalize_extraction
from lkip.normalize.catalogue import Catalogue, Indicator, Match, Outcome, load_catalogue, match_indicator
from lkip.normalize.checks import CheckSettings, check_report

__all__ = [
    "Catalogue", "CheckSettings", "Indicator", "Match", "Normalized", "Outcome", "ParsedNumber",
    "check_report", "compute_pct", "load_catalogue", "match_indicator", "normalize_extraction",
    "parse_number",
]
