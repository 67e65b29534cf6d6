"""Positioned words laid out as column-aligned text lines, and the LKIP tables read from those lines."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from statistics import median

from lkip.extract.geometry._words import Word
from lkip.extract.model import TextLine
from lkip.extract.tables import Cell, PageTable, TableKind, make_cell
from lkip.extract.text_tables import find_tables
from lkip.extract.vocab import ColumnRole, fix_header_words, header_word, split_glued

NOISE = re.compile(r"^[^0-9A-Za-z%]+$")

#: Gap (in character widths) between two words that are printed as separate cells.
_MIN_GAP = 2
#: How far (character columns) a cell's start moves to the page's usual column start.
_SNAP = 2
#: Fewest letters a page needs for its character width to be measured.
_MIN_LETTERS = 20


def char_width(words: Sequence[Word]) -> float | None:
    """Given OCR words (boxes in points), return the median width of one character, or None with too few words."""
    widths = [(w.bbox[2] - w.bbox[0]) / len(w.text) for w in words if len(w.text) >= 3 and w.text.isalpha()]
    if len(widths) < _MIN_LETTERS // 3 and sum(len(w.text) for w in words) < _MIN_LETTERS:
        return None
    if not widths:
        widths = [(w.bbox[2] - w.bbox[0]) / len(w.text) for w in words if w.text]
    if not widths:
        return None
    widths.sort()
    return widths[len(widths) // 4]  # a narrow width: proportional text then rarely runs into the next column


def _visual_lines(words: Sequence[Word]) -> list[list[Word]]:
    """Group words into visual lines by their vertical centres, top to bottom, each left to right."""
    if not words:
        return []
    height = median(w.bbox[3] - w.bbox[1] for w in words)
    ordered = sorted(words, key=lambda w: ((w.bbox[1] + w.bbox[3]) / 2, w.bbox[0]))
    lines: list[list[Word]] = []
    centre = None
    for w in ordered:
        c = (w.bbox[1] + w.bbox[3]) / 2
        if lines and centre is not None and abs(c - centre) <= height * 0.5:
            lines[-1].append(w)
            centre = sum((x.bbox[1] + x.bbox[3]) / 2 for x in lines[-1]) / len(lines[-1])
        else:
            lines.append([w])
            centre = c
    for line in lines:
        line.sort(key=lambda w: w.bbox[0])
    return lines


def layout_lines(words: Sequence[Word], page: int, *, width: float | None = None,
                 repair: Callable[[str], str] | None = None, ocr: bool = True) -> list[TextLine]:
    """Given a page's OCR words (boxes in points), return the page as column-aligned text lines.

    Each visual line becomes one :class:`TextLine` (page and box set, ``line``
    numbering the lines from 1) whose words stand at character column
    ``x0 / width``; a word that would overlap the one before it is pushed right,
    keeping one space. A wider vertical gap than usual between two lines leaves a
    blank line between them, as a layout dump does between paragraphs. Tokens
    without a letter, digit or "%" (specks and bits of dashed rules read as
    "—", ":", "'") are left out; a line of header words gets its misreads fixed
    (:func:`fix_header_words`).

    Args:
        words: The page's words, boxes in points.
        page: 1-based page number.
        width: Character width in points; measured from the words when None.
        repair: Optional function fixing a line's OCR misreads (applied per word).
        ocr: Whether the words come from OCR (header-word misreads are then fixed);
            False for a PDF's text layer.
    """
    real = [Word(clean_token(w.text), w.bbox, w.line) for w in words
            if clean_token(w.text) and not NOISE.match(w.text)]
    cw = width or char_width(real)
    if not cw or not real:
        return []
    rules = _rule_bits(words, median(w.bbox[3] - w.bbox[1] for w in real))
    words = real
    out: list[TextLine] = []
    groups = _visual_lines(words)
    snap = _column_snaps(groups, cw)
    height = median(w.bbox[3] - w.bbox[1] for w in words) if words else 0.0
    prev_bottom = None
    for group in groups:
        if all(_is_speck(w.text) for w in group):
            continue
        top = min(w.bbox[1] for w in group)
        if prev_bottom is not None and top - prev_bottom > 1.8 * height:
            out.append(TextLine("", page=page, line=len(out) + 1))
        text = ""
        for x0, token, anchored in _line_tokens(group, rules, cw, repair, ocr):
            col = round(x0 / cw)
            if anchored:
                col = snap.get(col, col)
            # words closer than a couple of characters stay one space apart, others two or more
            col = len(text) + 1 if text and not anchored else col
            col = max(col, len(text) + (2 if anchored else 1)) if text else col
            text = text.ljust(col) + token
        if not text.strip():
            continue
        box = (min(w.bbox[0] for w in group), top, max(w.bbox[2] for w in group), max(w.bbox[3] for w in group))
        out.append(TextLine(text, page=page, line=len(out) + 1, bbox=box))
        prev_bottom = box[3]
    return out


def _line_tokens(group: Sequence[Word], rules: Sequence[tuple[float, float, float, float]], cw: float,
                 repair: Callable[[str], str] | None, ocr: bool = True) -> list[tuple[float, str, bool]]:
    """Return a visual line's tokens as ``(x0, text, anchored)``; anchored tokens open a cell.

    A token opens a cell after a gap of ``_MIN_GAP`` characters or a rule bit. Header
    words are fixed (:func:`fix_header_words`); a figure OCR cut at its decimal
    comma ("60," "73") is joined; a figure glued to a unit word opening a cell is
    split ("4tahapan" -> "4 tahapan"); specks standing alone in a cell ("aa") are dropped.
    """
    fixed = fix_header_words([w.text for w in group]) if ocr else None
    if fixed is not None and len(fixed) != len(group):
        group = _split_boxes(group)
    out: list[list] = []
    last: Word | None = None
    for w, token in zip(group, fixed or [w.text for w in group], strict=True):
        token = repair(token) if repair else token
        if not token:
            continue
        gap = w.bbox[0] - last.bbox[2] if last is not None else None
        anchored = gap is None or gap >= _MIN_GAP * cw or _ruled_between(rules, last, w)  # type: ignore[arg-type]
        if out and not anchored and re.fullmatch(r"\d+[.,]", out[-1][1]) and re.fullmatch(r"\d\d+%?", token):
            out[-1][1] += token
        else:
            m = _GLUED_UNIT.match(token)
            out.append([w.bbox[0], f"{m.group(1)} {m.group(2)}" if m and anchored else token, anchored])
        last = w
    if fixed is None and ocr:  # specks are OCR noise; a text layer has none
        alone = [i for i, t in enumerate(out) if t[2] and (i + 1 == len(out) or out[i + 1][2])]
        out = [t for i, t in enumerate(out) if not (i in alone and _is_speck(t[1]))]
    return [(x, t, a) for x, t, a in out]


def _rule_bits(words: Sequence[Word], height: float) -> list[tuple[float, float, float, float]]:
    """Return the boxes of OCR "words" that are bits of vertical rules: no letter or digit, taller than text."""
    return [w.bbox for w in words if (NOISE.match(w.text) or w.text in ("|", "I", "l", "!"))
            and w.bbox[3] - w.bbox[1] >= 1.2 * height and w.bbox[2] - w.bbox[0] <= height]


def _ruled_between(rules: Sequence[tuple[float, float, float, float]], a: Word, b: Word) -> bool:
    """Return whether a rule bit stands between two words of a line (so they are in different cells)."""
    ca, cb = (a.bbox[0] + a.bbox[2]) / 2, (b.bbox[0] + b.bbox[2]) / 2
    top, bottom = min(a.bbox[1], b.bbox[1]), max(a.bbox[3], b.bbox[3])
    return any(ca < (r[0] + r[2]) / 2 < cb and r[1] < bottom and r[3] > top for r in rules)


def _is_speck(text: str) -> bool:
    """Return whether an OCR token is too short to be a word or figure of its own ("ny", "po.", "a")."""
    return sum(ch.isalpha() for ch in text) <= 2 and not any(ch.isdigit() or ch == "%" for ch in text)


def _column_snaps(groups: Sequence[Sequence[Word]], cw: float) -> dict[int, int]:
    """Return, per character column, the nearby column where most cells of the page start.

    OCR boxes jitter by a character or two, so a cell starting one column left of
    the others would fall into the column before; such starts move to the most
    frequent start within ``_SNAP`` columns.
    """
    counts: dict[int, int] = {}
    for group in groups:
        last = None
        for w in group:
            if last is None or w.bbox[0] - last >= _MIN_GAP * cw:
                col = round(w.bbox[0] / cw)
                counts[col] = counts.get(col, 0) + 1
            last = w.bbox[2]
    out = {}
    for col, n in counts.items():
        best = max(range(col - _SNAP, col + _SNAP + 1), key=lambda c: (counts.get(c, 0), -abs(c - col)))
        if counts.get(best, 0) > n:
            out[col] = best
    return out


def _split_boxes(group: Sequence[Word]) -> list[Word]:
    """Return a line's words with glued header words split in two, each with its share of the box."""
    out: list[Word] = []
    for w in group:
        parts = split_glued(w.text) if header_word(w.text) is None else None
        if not parts:
            out.append(w)
            continue
        x0, top, x1, bottom = w.bbox
        per = (x1 - x0) / max(1, len(w.text))
        cut = x0 + per * len(parts[0])
        out.append(Word(parts[0], (x0, top, cut - per / 2, bottom), w.line))
        out.append(Word(parts[1], (cut + per / 2, top, x1, bottom), w.line))
    return out


_QUOTES = "\"'“”‘’„~`^"
_GLUED_UNIT = re.compile(r"^(\d[\d.,]*)([A-Za-z]{3,})$")


def clean_token(token: str) -> str:
    """Given an OCR word, return it without stray quotes or a rule bit stuck before it.

    "TProsentase”" -> "TProsentase", "—4." -> "4.", "“”" -> "".
    """
    t = token.strip(_QUOTES)
    return t.lstrip("—–") if len(t.lstrip("—–")) > 0 else t


def layout_tables(lines: Sequence[TextLine], page: int, method: str, page_height: float,
                  year: int | None, indicator_score: Callable[[str], float] | None = None) -> list[PageTable]:
    """Given a page's layout lines (:func:`layout_lines`), return its PK and capaian tables as page tables.

    The lines are read by the text path's table finder; each PK or capaian table
    becomes a :class:`PageTable` whose first row is its header (the column names
    as read) and whose cells carry the page, their line's box and ``method``; the
    text above the header is its caption.
    """
    out: list[PageTable] = []
    for table in find_tables(lines, year=year, indicator_score=indicator_score):
        if table.model.kind not in (TableKind.PK, TableKind.CAPAIAN) or not table.grid:
            continue
        header = tuple(make_cell(c.header, page, lines[table.start].bbox, method) for c in table.model.columns)
        rows = tuple(tuple(_restamp(c, page, method) for c in row) for row in _without_stray_figures(table))
        boxes = [ln.bbox for ln in lines[table.start:table.end] if ln.bbox]
        bbox = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
        out.append(PageTable(page, bbox, (header, *rows), method, page_height, caption=_caption(table.title)))
    return out


def _without_stray_figures(table) -> list[tuple[Cell, ...]]:
    """Return a capaian table's rows with rows holding one lone figure folded into the row above.

    OCR reads specks and page footers as short figures ("00", "306"); a row whose
    only figure is such a speck, under a row with its figures, is the upper row's
    wrapped text: its text cells join the row above, its figure is dropped.
    """
    values = [c.index for c in table.model.columns
              if c.role in (ColumnRole.TARGET, ColumnRole.REALISASI, ColumnRole.PCT, ColumnRole.CAPAIAN)]
    rows = [tuple(r) for r in table.grid]
    if table.model.kind is not TableKind.CAPAIAN or len(values) < 2:
        return rows
    out: list[tuple[Cell, ...]] = []
    for row in rows:
        filled = [i for i in values if i < len(row) and row[i].text.strip()]
        above = [i for i in values if out and i < len(out[-1]) and out[-1][i].text.strip()]
        if len(filled) == 1 and len(above) >= 2:
            prev = list(out[-1])
            for i, cell in enumerate(row):
                if i not in values and cell.text.strip() and i < len(prev):
                    prev[i] = replace(prev[i], text=f"{prev[i].text} {cell.text}".strip())
            out[-1] = tuple(prev)
            continue
        out.append(row)
    return out


_LABEL = re.compile(r"\b(?:tabel|table)\s*\d", re.I)


def _caption(title: str) -> str:
    """Given the text above a table, return its caption: from the last "Tabel n" on, else the last two lines."""
    lines = [" ".join(x.split()) for x in title.split("\n") if x.strip()]
    for k in range(len(lines) - 1, -1, -1):
        m = _LABEL.search(lines[k])
        if m:
            return " ".join([lines[k][m.start():], *lines[k + 1:]])
    return " ".join(lines[-2:])


def _restamp(cell: Cell, page: int, method: str) -> Cell:
    """Return a layout cell with the page and OCR method in its provenance (line numbers dropped)."""
    return replace(cell, where=replace(cell.where, page=page, method=method, line=None))
