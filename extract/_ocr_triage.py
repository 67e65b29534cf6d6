"""Cheap triage of scanned pages: which pages deserve a full-resolution OCR with table rebuilding.

A scanned LKIP of 140 pages holds its PK and capaian tables on a handful of
them. Every page is first read at a low resolution (text only: metadata, budget
lines and summary claims come from that text); the pages whose words look like a
PK or capaian table (:func:`lkip.extract._pdf_triage.score_page`: header words,
captions, figures) and the page after each (a table may run over the page
break) are read again at full resolution, where ruling lines are found and
tables rebuilt cell by cell. Header words OCR misread by a letter or glued
together ("SasaranStrategis IndikatorKinera") are fixed before the page is scored.
"""

from __future__ import annotations

from collections.abc import Sequence

from lkip.extract._ocr_layout import with_header_words_fixed
from lkip.extract._pdf_triage import score_page


def pages_to_reread(texts: Sequence[tuple[int, str]], *, follow: bool = True) -> list[int]:
    """Given ``(page, low-resolution OCR text)`` pairs in page order, return the pages to read fully.

    Args:
        texts: Each triaged page's number and text.
        follow: Also take the page after each candidate, when it was triaged too.
    """
    known = {number for number, _ in texts}
    chosen: set[int] = set()
    for number, text in texts:
        if score_page(with_header_words_fixed(text)).any:
            chosen.add(number)
            if follow and number + 1 in known:
                chosen.add(number + 1)
    return sorted(chosen)
