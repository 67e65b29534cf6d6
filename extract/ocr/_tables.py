"""Tables of an OCR'd page read from its word layout when its ruled grid has no LKIP header."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from lkip.extract.geometry import NOISE, char_width, layout_lines, layout_tables
from lkip.extract.model import SourceKind, TextLine
from lkip.extract.ocr._orient import turned_size
from lkip.extract.ocr._read import OcrPage, method_for
from lkip.extract.ocr._repair import figures_fit, repair_figures, repair_text
from lkip.extract.tables import PageTable, TableKind, capaian_rows_from_grid, header_model, header_span
from lkip.extract.vocab import ColumnRole, score_page, with_header_words_fixed


def page_tables(page, year: int | None = None,
                indicator_score: Callable[[str], float] | None = None) -> list[PageTable]:
    """Given an :class:`lkip.extract.ocr._read.OcrPage`, return the PK and capaian tables read from its word layout."""
    if not page.words:
        return []
    lines = layout_lines(page.words, page.page, repair=repair_text)
    _, frame_height = turned_size(page.width, page.height, page.rotation)
    method = method_for(page.rotation)
    cw = char_width([w for w in page.words if not NOISE.match(w.text)])
    for table in page.tables:
        head = banded_header(table, cw or 0.0)
        if head is None:
            continue
        k = next((i for i, ln in enumerate(lines) if ln.bbox and ln.bbox[1] >= head.bbox[1]), len(lines))  # type: ignore[index]
        found = layout_tables([*lines[:k], head, *lines[k:]], page.page, method, frame_height, year, indicator_score)
        if any(_figures_check(t) for t in found):
            return [t for t in found if _figures_check(t)]
    return layout_tables(lines, page.page, method, frame_height, year, indicator_score)


_CAPAIAN_CAPTION = re.compile(r"\bcapaian\b|\bpencapaian\b", re.I)
_NUMBERING = re.compile(r"^\s*\d{1,2}\s*[.):]?\s*$")
_FIGURE = re.compile(r"^\s*\d[\d.,]*\s*%?")


def banded_header(table: PageTable, cw: float) -> TextLine | None:
    """Given a ruled OCR table whose header row read as nothing, return a header line naming its columns by shape.

    Some scans print a table's header as a solid black band: the rules are found
    but the header cells are empty. When the caption names a capaian table, the
    columns are named from what they hold, in the order every LKIP capaian table
    uses: a column of row numbers is ``No``, the text columns ``Sasaran`` and
    ``Indikator`` (one text column: ``Indikator``), the figure columns ``Target``,
    ``Realisasi`` and ``Capaian``. The names stand at each column's left edge; the
    table found with them is only kept when its figures check out (see
    :func:`page_tables`).
    """
    grid = table.grid
    if (cw <= 0 or len(grid) < 2 or any(c.text.strip() for c in grid[0])
            or not _CAPAIAN_CAPTION.search(table.caption)):
        return None
    kinds = []
    for c in range(len(grid[0])):
        texts = [row[c].text for row in grid[1:] if c < len(row) and row[c].text.strip()]
        if not texts:
            kinds.append("")
        elif all(len(t) <= 10 for t in texts) and sum(bool(_NUMBERING.match(t.split()[0])) for t in texts) * 2 > len(
                texts):
            kinds.append("no")
        elif sum(bool(_FIGURE.match(t)) for t in texts) * 2 > len(texts):
            kinds.append("figure")
        else:
            kinds.append("text")
    texts_cols = [i for i, k in enumerate(kinds) if k == "text"]
    figures = [i for i, k in enumerate(kinds) if k == "figure"]
    if not 1 <= len(texts_cols) <= 2 or len(figures) not in (2, 3) or min(figures) < max(texts_cols):
        return None
    names = dict(zip(texts_cols, ["Sasaran", "Indikator"][-len(texts_cols):], strict=True))
    names.update(zip(figures, ["Target", "Realisasi", "Capaian"], strict=False))
    names.update({i: "No" for i, k in enumerate(kinds) if k == "no"})
    text = ""
    for i in sorted(names):
        box = grid[0][i].where.bbox
        if box is None:
            return None
        text = text.ljust(max(round(box[0] / cw) + 1, len(text) + 2)) + names[i]
    band = grid[0][0].where.bbox
    return TextLine(text, page=table.page, bbox=band)


def _figures_check(table: PageTable) -> bool:
    """Return whether a capaian table's percentages agree with realisasi/target in a third of its rows or more.

    Rows are checked after single misreads are repaired (:func:`repaired_figures`).
    """
    model, grid = header_model(repaired_figures(table).grid)
    if model is None or model.kind is not TableKind.CAPAIAN:
        return False
    rows = capaian_rows_from_grid(grid, source_kind=SourceKind.MAIN_TABLE, model=model)
    good = sum(figures_fit((r.target_text, r.realisasi_text, r.pct_text)) for r in rows)
    return len(rows) >= 2 and good >= max(2, len(rows) / 3)


def repaired_figures(table: PageTable) -> PageTable:
    """Given an OCR'd capaian table, return it with single-figure misreads fixed where the row's arithmetic shows them.

    See :func:`lkip.extract.ocr._repair.repair_figures`: "160" for "100" beside 220% /
    220%, "177%" for "1,77%" beside 2% and 88,50. A repaired cell keeps the text
    read by OCR as its provenance's source text. Other tables are returned as given.
    """
    model, body = header_model(table.grid)
    if model is None or model.kind is not TableKind.CAPAIAN:
        return table
    cols = [model.pick(ColumnRole.TARGET), model.pick(ColumnRole.REALISASI),
            model.pick(ColumnRole.PCT) or model.pick(ColumnRole.CAPAIAN)]
    if any(c is None for c in cols):
        return table
    idx = [c.index for c in cols]  # type: ignore[union-attr]
    top = len(table.grid) - len(body)
    grid = [list(row) for row in table.grid]
    for r in range(top, len(grid)):
        row = grid[r]
        if max(idx) >= len(row) or not all(row[i].text.strip() for i in idx):
            continue
        fixed = repair_figures(*(row[i].text for i in idx))
        if fixed is None:
            continue
        for i, text in zip(idx, fixed, strict=True):
            if text != row[i].text:
                row[i] = replace(row[i], text=text)
    return replace(table, grid=tuple(tuple(row) for row in grid))


def ocr_page_tables(result: OcrPage, indicator_score: Callable[[str], float] | None = None
                    ) -> tuple[list[PageTable], list[str]]:
    """Return an OCR'd page's PK/capaian tables (the ruled grids, else those read from its word layout), and warnings.

    Dashed or broken ruling lines, or a header printed as a black band, leave the
    grid rebuilt from rules without an LKIP header; the page's words laid out as
    column-aligned text then go through the text path's layout-table reader
    (:mod:`lkip.extract.geometry._layout`). Pages whose text has no table cues are not read this way.
    Capaian figures a single OCR misread made disagree are repaired, with a warning
    naming both readings.
    """
    ruled = list(result.tables)
    if any(header_span(t.grid)[2] in (TableKind.PK, TableKind.CAPAIAN) for t in ruled):
        found = ruled
    elif score_page(with_header_words_fixed(result.text)).any or any(banded_header(t, 1.0) for t in ruled):
        found = ruled + page_tables(result, indicator_score=indicator_score)
    else:
        return ruled, []
    out = [repaired_figures(t) for t in found]
    warnings = [f"page {b.where.page}: OCR figure '{a.text}' taken as '{b.text}' (the only single "
                f"misread making the row's capaian agree with realisasi/target)"
                for before, after in zip(found, out, strict=True)
                for row_a, row_b in zip(before.grid, after.grid, strict=True)
                for a, b in zip(row_a, row_b, strict=True) if a.text != b.text]
    return out, warnings
