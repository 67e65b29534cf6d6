"""Which scanned pages to read again at full resolution (those that look like table pages)."""

from __future__ import annotations

from collections.abc import Sequence

from lkip.extract.vocab import score_page, with_header_words_fixed


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
