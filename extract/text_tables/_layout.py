"""Column-aligned (layout) text tables: header, body and rows."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from lkip.extract.model import Method, TextLine
from lkip.extract.tables import Cell, TableModel
from lkip.extract.text_tables._layout_cells import Geometry, geometry_of, is_figure, split_line
from lkip.extract.text_tables._layout_header import LayoutHeader, is_header_line, line_words, read_layout_header
from lkip.extract.vocab import (
    ColumnRole,
    is_numbering,
    is_year_only,
    opens_indicator,
    opens_sasaran,
    role_of_header,
)

METHOD = Method.TEXT_LAYOUT
_GAP = 3  # blank lines that mark a page break
_LOOKAHEAD = 5  # non-blank lines searched after a page break for the repeated header
_PROSE_WORDS = 8
_MAX_QUIET = 40  # lines without a row number or figures before the table is taken to have ended
_PAGE_LABEL = re.compile(
    r"(?:^|\s{2,}|\|\s*)(?:[IVXL]+\s*[-–.]\s*\d{1,3}|(?:hal(?:aman)?|lamp\w*)\.?\s*[-–]?\s*\d{1,3})\s*$",
    re.IGNORECASE,
)
_HEADING = re.compile(
    r"^\s*(?:bab\.?\s+[ivx]+\b|tabel\s+\d|gambar\s+\d|grafik\s+\d|\d+(?:\.\d+)+\.?\s+[A-Z])", re.IGNORECASE
)
_GROUP_ROW = re.compile(r"^\s*(?:\d{1,2}[.)]\s*)?(sasaran|misi|tujuan)\b[^:]{0,30}:\s*(.*)$", re.IGNORECASE)
_MARKER = re.compile(r"^\s*(\d{1,2}|[a-h])[.)]\s+\S")
_BUDGET_WORDS = frozenset({"anggaran", "pagu", "pendanaan", "dana", "biaya"})


@dataclass(frozen=True, slots=True)
class LayoutTable:
    """A table read from layout text.

    Attributes:
        model: Its column model.
        grid: Its rows as cells in the model's column order (header rows removed).
        start: Index of its header's first line.
        end: Index just past its last line.

    """

    model: TableModel
    grid: tuple[tuple[Cell, ...], ...]
    start: int
    end: int


def is_layout_text(lines: Sequence[TextLine]) -> bool:
    """Return whether a dump is column-aligned: most lines indented or holding wide gaps."""
    filled = [t.text for t in lines if t.text.strip()]
    if len(filled) < 5:
        return False
    spaced = sum(1 for t in filled if re.match(r"^ {4,}\S", t) or re.search(r"\S {3,}\S", t))
    return spaced >= 0.5 * len(filled)


def read_layout_table(lines: Sequence[TextLine], i: int) -> LayoutTable | None:
    """Given layout lines and an index, return the table whose header names its columns there.

    Args:
        lines: The document's lines.
        i: Index of a candidate header line.

    Returns:
        The table (rows possibly empty), or None when no table header is there.

    """
    header = read_layout_header(lines, i)
    if header is None:
        return None
    body, end = _body(lines, header)
    geo = geometry_of(header, [lines[k].text for k in body])
    cells = [(k, split_line(lines[k].text, geo)) for k in body]
    rows = _rows(lines, cells, geo)
    width = len(header.model.columns)
    sas = header.model.pick(ColumnRole.SASARAN)
    grid = tuple(_grid_row(lines, r, width, sas.index if sas else None) for r in rows)
    return LayoutTable(header.model, grid, header.start, end)


# --- extent ----------------------------------------------------------------------------------


def _body(lines: Sequence[TextLine], header: LayoutHeader) -> tuple[list[int], int]:
    """Return the indices of a table's data lines and the index just past the table."""
    right = max(e for _, e in header.spans)
    body: list[int] = []
    end = k = header.end
    blanks = quiet = 0
    while k < len(lines):
        text = lines[k].text
        if not text.strip():
            blanks += 1
            k += 1
            continue
        gap, after_blank, blanks = blanks >= _GAP, blanks > 0, 0
        if gap or _is_furniture(text, right):
            again = _repeated_header(lines, k, header)
            if again is not None:
                k = end = again
                continue
            if _is_furniture(text, right) or (gap and _isolated(lines, k)):
                k += 1
                continue
        prose = _is_prose(text, after_blank) and not _GROUP_ROW.match(text)
        if read_layout_header(lines, k) is not None or _HEADING.match(text) or prose or _heads_budget(text, header):
            break
        if is_header_line(lines[k]):
            k += 1
            continue
        quiet = 0 if _has_key(text) else quiet + 1
        if quiet > _MAX_QUIET:
            break
        body.append(k)
        k += 1
        end = k
    return body, end


def _repeated_header(lines: Sequence[TextLine], k: int, header: LayoutHeader) -> int | None:
    """Return the index just past the table's header repeated within a few lines of ``k``, else None."""
    seen = 0
    while k < len(lines) and seen < _LOOKAHEAD:
        if lines[k].text.strip():
            again = read_layout_header(lines, k)
            if again is not None:
                same = [c.role for c in again.model.columns] == [c.role for c in header.model.columns]
                return again.end if same else None
            seen += 1
        k += 1
    return None


def _isolated(lines: Sequence[TextLine], k: int) -> bool:
    """Return whether a line stands alone between blank lines (a page footer or running head)."""
    after = lines[k + 1 : k + 3]
    return all(not t.text.strip() for t in after)


def _is_furniture(text: str, right: int) -> bool:
    """Return whether a line is a page footer or page number ("II - 4", a lone number past the table)."""
    t = text.strip()
    label = _PAGE_LABEL.search(t)
    if label and not any(is_figure(w) and not is_year_only(w) for w in t[: label.start()].split() if w[:1].isdigit()):
        return True
    words = line_words(text)
    return len(words) == 1 and t.isdigit() and len(t) <= 3 and words[0].start > right + 1


def _is_prose(text: str, after_blank: bool) -> bool:
    """Return whether a line is running text: one run of words that reads as a sentence.

    A sentence ending in a full stop is prose; so is a long run of words without a
    figure that opens a paragraph (after a blank line) without a row number.
    """
    words = line_words(text)
    if len(words) < 5 or any(w.anchored for w in words[1:]):
        return False
    if words[-1].text.endswith(".") and not is_figure(words[-1].text):
        return True
    return (
        after_blank
        and len(words) >= _PROSE_WORDS
        and not is_figure(words[-1].text)
        and not is_numbering(words[0].text)
        and not _MARKER.match(text)
    )


def _heads_budget(text: str, header: LayoutHeader) -> bool:
    """Return whether a line heads a budget table ("Program   Anggaran (Rp)") under a table without one."""
    if any(c.role is ColumnRole.BUDGET for c in header.model.columns) or _has_key(text):
        return False
    cells = [c.strip() for c in re.split(r"\s{2,}", text.strip())]
    return len(cells) >= 2 and any(
        len(c.split()) <= 3 and c.split()[0].lower() in _BUDGET_WORDS and role_of_header(c) is ColumnRole.BUDGET
        for c in cells
    )


def _has_key(text: str) -> bool:
    words = text.split()
    return bool(words) and (is_numbering(words[0]) or any(is_figure(w) for w in words))


# --- rows ------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Row:
    """A row being assembled from its lines."""

    cells: dict[int, list[tuple[int, str]]] = field(default_factory=dict)
    group: list[tuple[int, str]] | None = None  # the sasaran it belongs to (shared by rows)
    first_of_group: bool = False
    has_no: bool = False
    value_lines: int = 0
    marker: int | None = None  # the last list marker of its indicator cell

    def add(self, col: int, k: int, text: str) -> None:
        self.cells.setdefault(col, []).append((k, text))


def _rows(lines: Sequence[TextLine], cells: list[tuple[int, dict[int, str]]], geo: Geometry) -> list[_Row]:
    """Given the cut lines of a table, return its rows (see the module doc for the rules)."""
    pick = {r: geo.roles.index(r) for r in (ColumnRole.NO, ColumnRole.SASARAN, ColumnRole.INDICATOR) if r in geo.roles}
    no, sas, ind = pick.get(ColumnRole.NO), pick.get(ColumnRole.SASARAN), pick.get(ColumnRole.INDICATOR)
    figures = [j for j, kind in enumerate(geo.kinds) if kind == "value"]
    cells = _settle_numbers(cells, no, sas, ind, figures)
    rows: list[_Row] = []
    group: list[tuple[int, str]] | None = None
    new_group = False
    cur: _Row | None = None
    label: int | None = None  # indentation of the group label line just read
    for k, line in cells:
        m = _GROUP_ROW.match(lines[k].text)
        if m and not _has_key(lines[k].text):
            if m.group(1).lower() == "sasaran":
                group, new_group = [(k, m.group(2))], True
            cur, label = None, _indent(lines[k].text)
            continue
        if cur is None and label is not None and _indent(lines[k].text) == label and not _has_key(lines[k].text):
            if new_group and group is not None:
                group.append((k, lines[k].text.strip()))  # the group label's wrapped tail
            continue
        label = None
        has_no = no is not None and is_numbering(line.get(no, ""))
        has_vals = any(line.get(j) and any(is_figure(w) for w in line[j].split()) for j in figures)
        sas_text, ind_text = line.get(sas, "") if sas is not None else "", line.get(ind, "") if ind is not None else ""
        marker = _marker(ind_text)
        opens_group = bool(sas_text) and (has_no or (sas_text[:1].isupper() and opens_sasaran(sas_text)))
        opens = opens_group or marker is not None or (ind_text[:1].isupper() and opens_indicator(ind_text))
        if cur is None:
            start = True
        elif has_no:
            start = cur.has_no or cur.value_lines > 0
        elif marker is not None and cur.marker is not None and marker == cur.marker + 1:
            start = has_vals and cur.value_lines > 0
        elif opens and cur.value_lines > 0:
            start = True
        else:
            start = has_vals and cur.value_lines > 0 and cur.marker is None
        if start:
            if opens_group:
                group, new_group = None, True
            cur = _Row(group=group, first_of_group=new_group)
            new_group = False
            rows.append(cur)
        assert cur is not None
        if sas_text:
            if cur.group is None:
                group = cur.group = []
                cur.first_of_group = True
            cur.group.append((k, sas_text))
        for col, text in line.items():
            if col != sas:
                cur.add(col, k, text)
        cur.has_no = cur.has_no or has_no
        cur.value_lines += has_vals
        if marker is not None:
            cur.marker = marker
    return rows


def _settle_numbers(
    cells: list[tuple[int, dict[int, str]]], no: int | None, sas: int | None, ind: int | None, figures: list[int]
) -> list[tuple[int, dict[int, str]]]:
    """Move a row number printed on the last line of the row above down to the row it numbers.

    A number beside a line that only continues cells ("4  RKPD"), followed by a line
    that opens a sasaran or indicator with figures and no number of its own, belongs
    to that next line.
    """
    if no is None:
        return cells
    out = [(k, dict(c)) for k, c in cells]
    for a in range(len(out) - 1):
        line, nxt = out[a][1], out[a + 1][1]
        if not is_numbering(line.get(no, "")) or any(line.get(j) for j in figures) or no in nxt:
            continue
        texts = [line.get(j, "") for j in (sas, ind) if j is not None]
        if any(t[:1].isupper() and (opens_sasaran(t) or opens_indicator(t)) for t in texts):
            continue
        nexts = [nxt.get(j, "") for j in (sas, ind) if j is not None]
        if any(nxt.get(j) for j in figures) and any(opens_sasaran(t) or opens_indicator(t) for t in nexts):
            nxt[no] = line.pop(no)
    return [(k, c) for k, c in out if c]


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())


def _marker(text: str) -> int | None:
    m = _MARKER.match(text)
    if m is None:
        return None
    key = m.group(1)
    return int(key) if key.isdigit() else ord(key.lower()) - ord("a") + 1


def _grid_row(lines: Sequence[TextLine], row: _Row, width: int, sas: int | None) -> tuple[Cell, ...]:
    """Lay an assembled row out as cells; the sasaran only on the first row of its group."""
    out = [Cell("") for _ in range(width)]
    parts = dict(row.cells)
    if sas is not None and row.first_of_group and row.group:
        parts[sas] = row.group
    for col, frags in parts.items():
        text = " ".join(t for _, t in frags)
        out[col] = Cell(text, lines[frags[0][0]].at(METHOD, text))
    return tuple(out)
