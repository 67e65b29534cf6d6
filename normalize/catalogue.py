"""The indicator catalogue and fuzzy matching of indicator texts to it.

PLACEHOLDER interface (to be completed).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Outcome(StrEnum):
    """Result of matching one indicator text."""

    ACCEPTED = "accepted"
    REVIEW = "review"
    UNMATCHED = "unmatched"


@dataclass(frozen=True, slots=True)
class Indicator:
    """One catalogue indicator."""

    code: str
    name: str
    bidang: str
    measure: str  # count | index | percent | value
    direction: str  # higher_is_better | lower_is_better
    unit: str | None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Catalogue:
    """A set of indicators with stable codes."""

    name: str
    indicators: tuple[Indicator, ...]

    def get(self, code: str) -> Indicator | None:
        """Return the indicator with this code, or None."""
        return next((i for i in self.indicators if i.code == code), None)


@dataclass(frozen=True, slots=True)
class Match:
    """The outcome of matching one text.

    Attributes:
        code: The accepted code, or None for review/unmatched.
        score: Best score (0-100).
        outcome: accepted, review or unmatched.
        candidates: ``(code, score)`` pairs, best first.
    """

    code: str | None
    score: float
    outcome: Outcome
    candidates: tuple[tuple[str, float], ...] = ()


def load_catalogue(path: Path | None = None, *, extra_aliases: dict[str, str] | None = None) -> Catalogue:
    """Load a catalogue file (default: the packaged BNN catalogue)."""
    return Catalogue("empty", ())


def match_indicator(text: str, catalogue: Catalogue, *, unit: str | None = None) -> Match:
    """Given an indicator text as written, return its catalogue match."""
    return Match(None, 0.0, Outcome.UNMATCHED)
