"""Tables found on pages (any source): the page-table record, header spans, and joins over page breaks."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from lkip.extract.model import Provenance
from lkip.extract.tables._grid import Cell, TableKind, TableModel, model_from_header
from lkip.extract.vocab import ColumnRole, is_numbering, is_year_only, role_of_header, year_label

log = logging.getLogger(__name__)

Grid = tuple[tuple[Cell, ...], ...]
#: A continuation table must start in this top fraction of its page.
CONTINUATION_TOP = 0.45


@dataclass(frozen=True, slots=True)
class PageTable:
    """One table found on one page (or joined over several).

    Attributes:
        page: 1-based page of the table's first row.
        bbox: ``(x0, top, x1, bottom)`` of the table on its first page.
        grid: Rows of cells, header rows included.
        method: How it was found (``pdf:camelot_lattice``, ``pdf:camelot_stream``, ``ocr:tesseract``...).
        page_height: Height of its first page, in points.
        pages: Every page the table covers (several after a join).
        caption: The text printed just above the table ("Tabel 2.2 Perjanjian Kinerja ..."), if read.
    """

    page: int
    bbox: tuple[float, float, float, float]
    grid: Grid
    method: str
    page_height: float
    pages: tuple[int, ...] = ()
    caption: str = ""

    def __post_init__(self) -> None:
        if self.page < 1:
            raise ValueError(f"page must be >= 1, got {self.page}")
        if not self.pages:
            object.__setattr__(self, "pages", (self.page,))

    @property
    def width(self) -> int:
        """Number of columns (the widest row)."""
        return max((len(r) for r in self.grid), default=0)


# --- cell text -------------------------------------------------------------------------------

_HYPHEN_WRAP = re.compile(r"(?<=[A-Za-z])-\s*\n\s*(?=[A-Z0-9])")
_LETTER_WRAP = re.compile(r"(?<![\w])([A-Z])\s*\n\s*(?=[a-z])")


def clean_cell_text(text: str) -> str:
    """Given a cell's text as extracted (lines joined by ``\\n``), return it tidied.

    A hyphen that ends a wrapped line before a capital or digit is kept and the
    line joined without a space ("RAD-\\nPPK" -> "RAD-PPK"); a single capital
    split from the rest of its word is re-attached ("M\\neningkatnya"); other line
    breaks become single spaces.
    """
    t = (text or "").replace("\r", "\n")
    t = _HYPHEN_WRAP.sub("-", t)
    t = _LETTER_WRAP.sub(r"\1", t)
    return " ".join(t.split())


def make_cell(text: str, page: int, bbox: tuple[float, float, float, float] | None, method: str) -> Cell:
    """Return a :class:`Cell` with its provenance (bbox clipped to a valid box)."""
    if bbox is not None:
        x0, top, x1, bottom = bbox
        bbox = (min(x0, x1), min(top, bottom), max(x0, x1), max(top, bottom))
    return Cell(clean_cell_text(text), Provenance(page=page, method=method, source_text=text or "", bbox=bbox))


# --- header spans and joins -------------------------------------------------------------------


def header_model(grid: Sequence[Sequence[Cell]]) -> tuple[TableModel | None, Grid]:
    """Given a grid, return the column model of its LKIP header (None without one) and the rows below it."""
    start, end, kind = header_span(grid)
    if kind is None:
        return None, tuple(tuple(r) for r in grid)
    model = model_from_header([texts_of(r) for r in grid[start:end]])
    body = tuple(tuple(r) for r in grid[end:])
    return text_columns_named(model, body), body


def text_columns_named(model: TableModel, body: Grid) -> TableModel:
    """Given a column model and the rows under it, return it with each name on the column that holds the text.

    "Indikator Kinerja" printed over two columns, a numbering one ("1", "2") and the
    indicator's words, may name the numbering column: the name moves to the unnamed
    neighbour whose cells hold words.
    """
    cols = list(model.columns)
    for k, col in enumerate(cols):
        if col.role not in (ColumnRole.INDICATOR, ColumnRole.SASARAN) or not _numbering_only(body, col.index):
            continue
        for j in (k + 1, k - 1):
            if 0 <= j < len(cols) and cols[j].role is None and _holds_words(body, cols[j].index):
                cols[k], cols[j] = (replace(cols[k], role=None, header=""),
                                    replace(cols[j], role=col.role, header=col.header, year=col.year))
                break
    return replace(model, columns=tuple(cols)) if cols != list(model.columns) else model


def _column_texts(body: Grid, index: int) -> list[str]:
    return [t for row in body if (t := (texts_of(row[index:index + 1]) or [""])[0].strip())]


def _numbering_only(body: Grid, index: int) -> bool:
    texts = _column_texts(body, index)
    return bool(texts) and all(is_numbering(t) or re.fullmatch(r"[a-z][.)]", t) for t in texts)


def _holds_words(body: Grid, index: int) -> bool:
    texts = _column_texts(body, index)
    return len(texts) >= 2 and sum(bool(re.search(r"[A-Za-z]{3}", t)) for t in texts) * 2 > len(texts)


def texts_of(row: Iterable[Cell | None]) -> list[str]:
    """Return a row's cell texts (None cells as empty)."""
    return [(c.text if c is not None else "") or "" for c in row]


def header_span(grid: Sequence[Sequence[Cell]], max_rows: int = 3) -> tuple[int, int, TableKind | None]:
    """Given a grid, return ``(start, end, kind)`` of its LKIP header rows.

    Rows above the header (a caption caught by a stream parser) are skipped; a
    multi-row header ("Tahun 2016" above "Target | Realisasi") is taken whole.
    ``kind`` is None (and ``start == end``) when no header is found.
    """
    width = max((len(r) for r in grid), default=0)
    for start in range(min(len(grid), 6)):
        if width >= 3 and sum(1 for t in texts_of(grid[start]) if t.strip()) <= 1:
            continue  # a caption or title line caught above the table, not a header
        best: tuple[int, TableKind | None] = (start, None)
        for k in range(1, max_rows + 1):
            if start + k > len(grid) or (k > 1 and not _extends_header(grid, start + k - 1)):
                break
            rows = [texts_of(r) for r in grid[start:start + k]]
            model = model_from_header(rows)
            kind = model.kind if _plausible_header(model) else None
            if kind is not None:
                best = (start + k, kind)
                if kind in (TableKind.PK, TableKind.CAPAIAN) and k == 1 and not _extends_header(grid, start + 1):
                    break
        if best[1] is not None:
            return start, best[0], best[1]
    return 0, 0, None


def _plausible_header(model: TableModel) -> bool:
    """Return whether most header cells name columns (justified prose split by a stream parser does not)."""
    named = sum(1 for c in model.columns if c.role is not None)
    unnamed = sum(1 for c in model.columns if c.role is None and c.year is None and c.header.strip())
    return unnamed <= 1 or unnamed * 2 <= named


def _extends_header(grid: Sequence[Sequence[Cell]], r: int) -> bool:
    """Return whether row ``r`` looks like a second header row (short words, no figures in most cells)."""
    if r >= len(grid):
        return False
    texts = [t for t in texts_of(grid[r]) if t.strip()]
    if not texts:
        return False
    return model_from_header([texts]).kind is not None or all(
        (len(t) < 20 and not re.search(r"\d", t)) or is_year_only(t) or year_label(t) is not None
        or role_of_header(t) is not None
        for t in texts
    )


def column_spans(table: PageTable) -> list[tuple[float, float]]:
    """Return each column's horizontal span (median cell x0/x1)."""
    spans = []
    for c in range(table.width):
        x0s = sorted(r[c].where.bbox[0] for r in table.grid if c < len(r) and r[c].where.bbox)
        x1s = sorted(r[c].where.bbox[2] for r in table.grid if c < len(r) and r[c].where.bbox)
        spans.append((x0s[len(x0s) // 2], x1s[len(x1s) // 2]) if x0s else (0.0, 0.0))
    return spans


def remap_columns(rows: Sequence[Sequence[Cell]], source: PageTable, target: PageTable) -> list[tuple[Cell, ...]]:
    """Given rows of ``source``, return them laid on ``target``'s columns by horizontal overlap."""
    if source.width == target.width:
        return [tuple(r) for r in rows]
    tspans, sspans = column_spans(target), column_spans(source)
    mapping = []
    for s0, s1 in sspans:
        overlaps = [max(0.0, min(s1, t1) - max(s0, t0)) for t0, t1 in tspans]
        mapping.append(max(range(len(tspans)), key=lambda i: overlaps[i]) if any(overlaps) else None)
    out = []
    for row in rows:
        cells: list[list[Cell]] = [[] for _ in range(target.width)]
        for i, cell in enumerate(row):
            j = mapping[i] if i < len(mapping) else None
            if j is not None and cell.text:
                cells[j].append(cell)
        out.append(tuple(_merge_cells(group) if group else Cell("") for group in cells))
    return out


def _merge_cells(cells: Sequence[Cell]) -> Cell:
    """Return one cell holding the texts of several (first cell's provenance)."""
    if len(cells) == 1:
        return cells[0]
    return Cell(" ".join(c.text for c in cells), cells[0].where)


def join_continued(tables: Sequence[PageTable]) -> list[PageTable]:
    """Given tables in document order, return them with page-break continuations joined.

    A table continues the previous one when it is the first table on the next page,
    starts in the top part of that page, and either repeats the previous table's
    header (the repeat is dropped) or has no LKIP header of its own (a continuation,
    possibly a lone spilled row or the tail of a cell cut by the break). Its columns
    are laid onto the previous table's by horizontal position.
    """
    out: list[PageTable] = []
    merged_last: list[int] = []  # index in ``tables`` of the last piece of each output table
    first_on_page: dict[int, int] = {}
    last_on_page: dict[int, int] = {}
    for i, t in enumerate(tables):
        first_on_page.setdefault(t.page, i)
        last_on_page[t.page] = i
    for i, t in enumerate(tables):
        if out and first_on_page[t.page] == i and last_on_page[tables[merged_last[-1]].page] == merged_last[-1]:
            prev = out[-1]
            if _continues(prev, t):
                _, end, kind = header_span(t.grid)
                body = t.grid[end:] if kind is not None else t.grid
                rows = remap_columns(body, t, prev)
                out[-1] = replace(prev, grid=prev.grid + tuple(rows), pages=prev.pages + (t.page,))
                merged_last[-1] = i
                continue
        out.append(t)
        merged_last.append(i)
    return out


def _continues(prev: PageTable, t: PageTable) -> bool:
    """Return whether ``t`` (first on its page) continues ``prev`` (last on the page before)."""
    if t.page != prev.pages[-1] + 1:
        return False
    _, _, prev_kind = header_span(prev.grid)
    if prev_kind not in (TableKind.PK, TableKind.CAPAIAN):
        return False
    if t.page_height and t.bbox[1] > CONTINUATION_TOP * t.page_height:
        return False
    _, end, kind = header_span(t.grid)
    if kind is None:
        # A figure-free box of another shape (a running page header) is not the table's tail.
        return not _own_header(t.grid) and not (_figure_free(t) and t.width != prev.width)
    if kind is not prev_kind:
        return False
    _, pend, _ = header_span(prev.grid)
    mine = [" ".join(texts_of(r)).lower().split() for r in t.grid[:end]]
    theirs = [" ".join(texts_of(r)).lower().split() for r in prev.grid[:pend]]
    return sorted(sum(mine, [])) == sorted(sum(theirs, []))


def _figure_free(table: PageTable) -> bool:
    """Return whether no cell of a table holds a digit (a running header box, a caption)."""
    return not any(ch.isdigit() for r in table.grid for c in r for ch in c.text)


def _own_header(grid: Sequence[Sequence[Cell]]) -> bool:
    """Return whether a grid opens with a header of its own (most cells of its first row name columns).

    Such a table is another table (a comparison or funding table after the
    capaian table), not the continuation of the one before, even when its header
    is not an LKIP table header.
    """
    first = next((texts_of(r) for r in grid if any(t.strip() for t in texts_of(r))), [])
    filled = [t for t in first if t.strip()]
    named = sum(role_of_header(t) is not None for t in filled)
    return named >= 2 and named * 2 > len(filled)


def merge_wrapped_rows(table: PageTable) -> PageTable:
    """Given a borderless (stream) table, return it with wrapped-line rows merged into their row.

    A text-alignment parser cuts a wrapped cell into one grid row per line. When the
    table has a numbered No column and its first data row is numbered, a row with an
    empty No cell is the continuation of the numbered row above it.
    """
    start, end, kind = header_span(table.grid)
    if kind is None:
        return table
    model = model_from_header([texts_of(r) for r in table.grid[start:end]])
    no = next((c.index for c in model.columns if c.role is not None and c.role.value == "no"), None)
    body = list(table.grid[end:])
    if no is None or not body:
        return table
    # A centred "No" header may sit one text column off the left-aligned numbers.
    no = next((i for i in (no, no - 1, no + 1) if i >= 0 and _numbered(body[0], i)), None)
    if no is None:
        return table
    merged: list[list[Cell]] = []
    for row in body:
        if merged and not _numbered(row, no):
            prev = merged[-1]
            for i, cell in enumerate(row):
                if i < len(prev) and cell.text:
                    prev[i] = Cell(f"{prev[i].text} {cell.text}".strip(), prev[i].where if prev[i].text else cell.where)
            continue
        merged.append(list(row))
    return replace(table, grid=tuple(table.grid[:end]) + tuple(tuple(r) for r in merged))


def _numbered(row: Sequence[Cell], no: int) -> bool:
    """Return whether a row's No cell holds a row number."""
    return no < len(row) and bool(re.fullmatch(r"\(?\d{1,3}[.)]?\)?", row[no].text.strip()))
