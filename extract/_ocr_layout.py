"""Lay a scanned page's OCR words out as column-aligned text, so scanned tables are read like layout dumps.

When the ruling lines of a scanned table are dashed, broken or missing (or the
header is a solid black band), the grid rebuilt from them is unusable. The words
Tesseract read still sit at their columns: each visual line (words whose
vertical centres lie within half a line height) is printed as one text line, every
word at the character column given by its x position divided by a narrow
character width of the page, so proportional text rarely runs into the next
column. Cells open after a wide gap or a bit of a vertical rule read as "|" or
"—". The result reads like ``pdftotext -layout`` output and goes through the
same table reader as text dumps (:mod:`lkip.extract._table_layout`).

OCR-only repairs, none of which touches the text path: header words misread by
one letter or glued together ("Capalan", "SasaranStrategis"), a header printed as
a black band (columns named from what they hold, kept only when the figures
check), and capaian figures whose single misread the row's arithmetic exposes
(:func:`lkip.extract._ocr.repair_figures`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from statistics import median

from lkip.extract._pdf_tables import PageTable, Word, make_cell
from lkip.extract._records import SourceKind, TextLine
from lkip.extract._tables import Cell, TableKind

__all__ = [
    "banded_header", "char_width", "clean_token", "fix_header_words", "layout_lines", "layout_tables",
    "page_tables", "repaired_figures", "with_header_words_fixed",
]

#: Header words of LKIP tables that OCR misreads by one letter ("Capalan", "Indikatorkinera").
HEADER_WORDS = (
    "sasaran", "strategis", "indikator", "kinerja", "target", "realisasi", "capaian", "persentase",
    "prosentase", "satuan", "anggaran", "program", "kegiatan", "keterangan", "alokasi", "tahun",
)
_NOISE = re.compile(r"^[^0-9A-Za-z%]+$")

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


def with_header_words_fixed(text: str) -> str:
    """Given OCR'd page text, return it with header words of header lines fixed (:func:`fix_header_words`)."""
    out = []
    for line in text.split("\n"):
        fixed = fix_header_words(line.split())
        out.append(" ".join(fixed) if fixed is not None else line)
    return "\n".join(out)


def _edits_within_one(a: str, b: str) -> bool:
    """Return whether two words differ by at most one substituted, inserted or dropped letter."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _header_word(token: str) -> str | None:
    """Return the header word an OCR token stands for (one misread letter allowed), else None."""
    low = token.lower().strip(".,:;")
    if len(low) < 5:
        return None
    for word in HEADER_WORDS:
        if low == word or _edits_within_one(low, word):
            return word
    return None


def _split_glued(token: str) -> list[str] | None:
    """Return the header words of a token OCR glued together ("SasaranStrategis"), else None."""
    low = token.lower().strip(".,:;")
    cuts = [k for k in range(5, len(low) - 4) if _header_word(low[:k]) and _header_word(low[k:])]
    if not cuts:
        return None
    # the cut leaving the fewest misread letters ("Sasaran|Strategis", not "Sasara|nStrategis")
    k = min(cuts, key=lambda c: (low[:c] not in HEADER_WORDS) + (low[c:] not in HEADER_WORDS))
    return [token[:k], token[k:]]


def fix_header_words(tokens: Sequence[str]) -> list[str] | None:
    """Given the words of one OCR line, return them with header-word misreads fixed, or None when not a header line.

    A line counts as a header line when at least half its words (after glued
    words are split) are header words, read exactly or with one letter wrong;
    only then are the misread ones replaced ("Capalan" -> "Capaian", "Kinera" ->
    "Kinerja"), keeping the word's case. Body text is never rewritten.
    """
    parts: list[str] = []
    for t in tokens:
        parts.extend(_split_glued(t) or [t] if _header_word(t) is None else [t])
    words = [t for t in parts if t.strip(".,:;()%")]
    if not words:
        return None
    known = [_header_word(t) for t in parts]
    if sum(k is not None for k in known) * 2 < len(words) or not any(known):
        return None
    out = []
    for t, k in zip(parts, known, strict=True):
        if k is None or t.lower().strip(".,:;") == k:
            out.append(t)
        else:
            out.append(k.upper() if t.isupper() else k.capitalize() if t[:1].isupper() else k)
    return out


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
            if clean_token(w.text) and not _NOISE.match(w.text)]
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
    return [w.bbox for w in words if (_NOISE.match(w.text) or w.text in ("|", "I", "l", "!"))
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
        parts = _split_glued(w.text) if _header_word(w.text) is None else None
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


def page_tables(page, year: int | None = None) -> list[PageTable]:
    """Given an :class:`lkip.extract._ocr.OcrPage`, return the PK and capaian tables read from its word layout."""
    from lkip.extract._ocr import method_for, repair_text
    from lkip.extract._ocr_orient import turned_size

    if not page.words:
        return []
    lines = layout_lines(page.words, page.page, repair=repair_text)
    _, frame_height = turned_size(page.width, page.height, page.rotation)
    method = method_for(page.rotation)
    cw = char_width([w for w in page.words if not _NOISE.match(w.text)])
    for table in page.tables:
        head = banded_header(table, cw or 0.0)
        if head is None:
            continue
        k = next((i for i, ln in enumerate(lines) if ln.bbox and ln.bbox[1] >= head.bbox[1]), len(lines))  # type: ignore[index]
        found = layout_tables([*lines[:k], head, *lines[k:]], page.page, method, frame_height, year)
        if any(_figures_check(t) for t in found):
            return [t for t in found if _figures_check(t)]
    return layout_tables(lines, page.page, method, frame_height, year)


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
    from lkip.extract._ocr import checked_percent
    from lkip.extract._pdf_tables import header_model
    from lkip.extract._tables import capaian_rows_from_grid
    from lkip.normalize.numbers import parse_number

    model, grid = header_model(repaired_figures(table).grid)
    if model is None or model.kind is not TableKind.CAPAIAN:
        return False
    rows = capaian_rows_from_grid(grid, source_kind=SourceKind.MAIN_TABLE, model=model)
    values = [tuple(parse_number(t).value if t else None for t in (r.target_text, r.realisasi_text, r.pct_text))
              for r in rows]
    good = sum(checked_percent(*v) for v in values)
    return len(rows) >= 2 and good >= max(2, len(rows) / 3)


def layout_tables(lines: Sequence[TextLine], page: int, method: str, page_height: float,
                  year: int | None) -> list[PageTable]:
    """Given a page's layout lines (:func:`layout_lines`), return its PK and capaian tables as page tables.

    The lines are read by the text path's table finder; each PK or capaian table
    becomes a :class:`PageTable` whose first row is its header (the column names
    as read) and whose cells carry the page, their line's box and ``method``; the
    text above the header is its caption.
    """
    from lkip.extract._text_tables import find_tables

    out: list[PageTable] = []
    for table in find_tables(lines, year=year):
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
    from lkip.extract._tables import ColumnRole

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


def repaired_figures(table: PageTable) -> PageTable:
    """Given an OCR'd capaian table, return it with single-figure misreads fixed where the row's arithmetic shows them.

    See :func:`lkip.extract._ocr.repair_figures`: "160" for "100" beside 220% /
    220%, "177%" for "1,77%" beside 2% and 88,50. A repaired cell keeps the text
    read by OCR as its provenance's source text. Other tables are returned as given.
    """
    from lkip.extract._ocr import repair_figures
    from lkip.extract._pdf_tables import header_model
    from lkip.extract._tables import ColumnRole
    from lkip.normalize.numbers import parse_number

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
        fixed = repair_figures(*(row[i].text for i in idx), parse=lambda t: parse_number(t).value)
        if fixed is None:
            continue
        for i, text in zip(idx, fixed, strict=True):
            if text != row[i].text:
                row[i] = replace(row[i], text=text)
    return replace(table, grid=tuple(tuple(row) for row in grid))
