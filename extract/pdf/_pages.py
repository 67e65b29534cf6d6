"""A PDF's pages as text lines, and which pages are worth table extraction."""

from __future__ import annotations

from collections.abc import Sequence

from lkip.extract.model import PageText, TextLine
from lkip.extract.vocab import score_page


def lines_of_pages(pages: Sequence[PageText]) -> list[TextLine]:
    """Given page texts, return their non-blank lines as :class:`TextLine` records (page set, line None)."""
    out = []
    for p in pages:
        for raw in p.text.split("\n"):
            if raw.strip():
                out.append(TextLine(raw.rstrip(), page=p.number))
    return out


#: Lines at the foot of a page that may hold the caption of a table on the next page (with a footer).
_TAIL_LINES = 3


def select_table_pages(pages: Sequence[PageText], *, follow: bool = True) -> list[int]:
    """Given page texts, return the 1-based pages to run table extraction on, in order.

    Args:
        pages: The document's pages (text layer or OCR text).
        follow: Also take the page after each candidate (a table may continue there).
    """
    chosen: set[int] = set()
    count = len(pages)
    tail, before = "", None
    for p in pages:
        # a caption at the foot of the page before ("PERJANJIAN KINERJA", then a page break) counts
        if score_page(p.text, tail if before == p.number - 1 else "").any:
            chosen.add(p.number)
            if follow and p.number < count:
                chosen.add(p.number + 1)
        tail, before = "\n".join(p.text.strip().splitlines()[-_TAIL_LINES:]), p.number
    return sorted(chosen)
