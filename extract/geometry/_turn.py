"""Text set sideways on an upright page: which way it runs, and its words and rules turned to read across.

A landscape table is often printed on a portrait page by turning its text, not the page
(no /Rotate): its words run bottom to top (or top to bottom) and its lines stack left to
right. Turned to read across, such a page is read like any other; the boxes found are
turned back so that provenance points at the page as printed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from lkip.extract.geometry._rules import Rule
from lkip.extract.geometry._words import Word

#: Share of a page's word steps that must run vertically (one way) for its text to count as turned.
TURNED_SHARE = 0.6
#: Fewest word steps on which a page's direction is judged.
MIN_STEPS = 20

Box = tuple[float, float, float, float]


class Run(StrEnum):
    """Which way a page's text runs."""

    ACROSS = "across"  # left to right: upright
    UP = "up"  # bottom to top: the page turned a quarter clockwise reads across
    DOWN = "down"  # top to bottom: the page turned a quarter anticlockwise reads across


def text_run(words: Sequence[Word]) -> Run:
    """Given a page's words in text order, return which way most of its text runs.

    Each step from one word to the next on the same line counts: across when it moves more
    along x than along y, up or down otherwise.
    """
    counts = {Run.ACROSS: 0, Run.UP: 0, Run.DOWN: 0}
    for a, b in zip(words, words[1:], strict=False):
        if a.line != b.line:
            continue
        dx = (b.bbox[0] + b.bbox[2] - a.bbox[0] - a.bbox[2]) / 2
        dy = (b.bbox[1] + b.bbox[3] - a.bbox[1] - a.bbox[3]) / 2
        counts[Run.ACROSS if abs(dx) >= abs(dy) else Run.UP if dy < 0 else Run.DOWN] += 1
    steps = sum(counts.values())
    if steps < MIN_STEPS:
        return Run.ACROSS
    best = max(counts, key=lambda k: counts[k])
    return best if best is not Run.ACROSS and counts[best] >= TURNED_SHARE * steps else Run.ACROSS


@dataclass(frozen=True, slots=True)
class Turn:
    """How a page's text is turned to read across, and back.

    Attributes:
        run: Which way the text runs on the page as printed.
        width: The page's width in points.
        height: The page's height in points.
    """

    run: Run
    width: float
    height: float

    @property
    def turned_height(self) -> float:
        """The height of the turned page (its width as printed, for a quarter turn)."""
        return self.height if self.run is Run.ACROSS else self.width

    def box(self, b: Box) -> Box:
        """Return a box of the printed page on the turned page."""
        x0, top, x1, bottom = b
        if self.run is Run.UP:
            return (self.height - bottom, x0, self.height - top, x1)
        if self.run is Run.DOWN:
            return (top, self.width - x1, bottom, self.width - x0)
        return b

    def box_back(self, b: Box) -> Box:
        """Return a box of the turned page on the printed page."""
        nx0, ny0, nx1, ny1 = b
        if self.run is Run.UP:
            return (ny0, self.height - nx1, ny1, self.height - nx0)
        if self.run is Run.DOWN:
            return (self.width - ny1, nx0, self.width - ny0, nx1)
        return b

    def words(self, words: Sequence[Word]) -> tuple[Word, ...]:
        """Return the words on the turned page."""
        return tuple(replace(w, bbox=self.box(w.bbox)) for w in words)

    def rules(self, rules: Sequence[Rule]) -> tuple[Rule, ...]:
        """Return the rules on the turned page (a horizontal rule becomes vertical and back)."""
        out = []
        for r in rules:
            if r.horizontal:  # y = at, x from start to end
                x0, top, x1, bottom = self.box((r.start, r.at, r.end, r.at))
            else:  # x = at, y from start to end
                x0, top, x1, bottom = self.box((r.at, r.start, r.at, r.end))
            if x1 - x0 >= bottom - top:
                out.append(Rule(True, top, x0, x1))
            else:
                out.append(Rule(False, x0, top, bottom))
        return tuple(out)
