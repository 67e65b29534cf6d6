"""camelot adapter: lattice/stream tables of a PDF's pages as page tables (used for turned pages)."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Sequence
from pathlib import Path

from lkip.errors import ParseError
from lkip.extract.model import Method
from lkip.extract.tables import PageTable, make_cell

log = logging.getLogger(__name__)


# --- camelot ---------------------------------------------------------------------------------


def camelot_tables(path: Path, pages: Sequence[int], heights: dict[int, float], *, flavor: str = "lattice",
                   password: str | None = None) -> list[PageTable]:
    """Given a PDF and the pages to look at, return camelot's tables as cell grids.

    Args:
        path: The PDF.
        pages: 1-based pages to parse.
        heights: Page heights in points, to turn camelot's bottom-up boxes into top-down ones.
        flavor: ``lattice`` (ruled tables, read from the PDF's vector lines, no rendering)
            or ``stream`` (borderless, by text alignment).
        password: The PDF's password, if encrypted.

    Raises:
        ParseError: camelot failed on the file.
    """
    if not pages:
        return []
    import camelot

    kwargs: dict[str, object] = {"engine": "vector"} if flavor == "lattice" else {}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = camelot.read_pdf(str(path), pages=",".join(str(p) for p in pages), flavor=flavor,
                                     password=password, suppress_stdout=True, **kwargs)
    except Exception as exc:  # camelot raises bare Exceptions of many kinds
        raise ParseError(f"{path}: camelot {flavor} failed on pages {list(pages)}: {exc}") from exc
    method = Method(f"pdf:camelot_{flavor}")
    out = []
    for table in found:
        page = int(table.page)
        h = heights.get(page, 0.0)
        grid = tuple(
            tuple(make_cell(cell.text, page, (cell.x1, h - cell.y2, cell.x2, h - cell.y1), method) for cell in row)
            for row in table.cells
        )
        x0, y0, x1, y1 = table._bbox
        out.append(PageTable(page, (x0, h - y1, x1, h - y0), grid, method, h))
    out.sort(key=lambda t: (t.page, t.bbox[1]))
    return out
