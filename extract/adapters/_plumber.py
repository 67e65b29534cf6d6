"""pdfplumber adapter: ruled tables of a PDF's pages as page tables (fallback when camelot fails)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from lkip.errors import ParseError
from lkip.extract.model import Method
from lkip.extract.tables import PageTable, make_cell

log = logging.getLogger(__name__)


# --- pdfplumber ------------------------------------------------------------------------------


def pdfplumber_tables(path: Path, pages: Sequence[int], *, strategy: str = "lines",
                      password: str | None = None) -> list[PageTable]:
    """Given a PDF and pages, return pdfplumber's tables (``lines`` or ``text`` strategy) as grids.

    Each page is closed after use (pdfplumber otherwise keeps about 5 MB per page).

    Raises:
        ParseError: pdfplumber failed on the file.
    """
    if not pages:
        return []
    import pdfplumber

    settings = {"vertical_strategy": strategy, "horizontal_strategy": strategy}
    method = Method(f"pdf:pdfplumber_{strategy}")
    out = []
    try:
        with pdfplumber.open(str(path), password=password or "") as pdf:
            for number in pages:
                page = pdf.pages[number - 1]
                try:
                    for table in page.find_tables(settings):
                        texts = table.extract()
                        grid = []
                        for r, row in enumerate(table.rows):
                            cells = []
                            for c, box in enumerate(row.cells):
                                text = texts[r][c] if c < len(texts[r]) else None
                                cells.append(make_cell(text or "", number, box, method))
                            grid.append(tuple(cells))
                        out.append(PageTable(number, tuple(table.bbox), tuple(grid), method, float(page.height)))
                finally:
                    page.close()
    except Exception as exc:  # pdfminer/pdfplumber raise many kinds
        raise ParseError(f"{path}: pdfplumber failed: {exc}") from exc
    return out
