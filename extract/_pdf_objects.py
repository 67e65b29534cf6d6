"""Tables of born-digital pages, read from the PDF's own objects: vector rules and character boxes (pypdfium2).

The rules of a table drawn by a word processor are path objects: stroked lines,
stroked rectangles (their four edges) and thin filled rectangles (a rule drawn as
a bar), the same shapes camelot's vector lattice reads. Rules that touch form one
table; the x of its vertical rules and the y of its horizontal rules cut it into
slots; a slot whose left or top rule is missing belongs to a merged cell, whose
text is kept in its top-left slot. Words (characters grouped by the text layer's
spaces and gaps) go to the cell holding their centre.

Reading rules and characters with PDFium costs a few milliseconds a page, against
about 60 ms for a layout analysis; only the I/O functions here touch the PDF, the
table building (:func:`tables_from_rules`, :func:`borderless_tables`) is pure.

A page without a ruled LKIP table is read as a borderless one: its words laid out
as column-aligned text lines go through the text path's table finder
(:mod:`lkip.extract._ocr_layout`), as OCR'd pages do.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from lkip.extract._pdf_tables import Grid, PageTable, Word, _read_words, make_cell, words_by_slot
from lkip.extract._pdf_triage import clean_text, iter_pages

METHOD = "pdf:pdfium_ruled"
#: A filled rectangle at most this thick (points) is a rule (camelot uses the same bound).
THIN = 1.5
#: Rules this close (points) are one rule; gaps this short are closed (dashed rules).
SNAP = 2.0
#: A rule must cover this share of a slot's side to separate it from its neighbour.
EDGE_COVER = 0.5


@dataclass(frozen=True, slots=True)
class Rule:
    """A horizontal or vertical rule in top-down page coordinates.

    Attributes:
        horizontal: Whether the rule runs left to right.
        at: Its y (horizontal) or x (vertical).
        start: Where it starts along its length (x0 or top).
        end: Where it ends (x1 or bottom).
    """

    horizontal: bool
    at: float
    start: float
    end: float


# --- reading the page (I/O) ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PageObjects:
    """What one page holds for table reading.

    Attributes:
        number: 1-based page number.
        height: Page height in points.
        rules: The page's horizontal and vertical rules.
        words: The page's words with boxes (top-down points).
    """

    number: int
    height: float
    rules: tuple[Rule, ...]
    words: tuple[Word, ...]


def read_page_objects(path: Path, pages: Sequence[int], password: str | None = None) -> Iterator[PageObjects]:
    """Given a PDF and 1-based pages (unrotated), yield each page's rules and words, one page at a time.

    Raises:
        BadInputError: The PDF cannot be opened.
    """
    if pages:
        for text, page, textpage in iter_pages(path, password, pages):
            yield page_objects(page, textpage, text.number)


def page_objects(page, textpage, number: int) -> PageObjects:
    """Given an open pypdfium2 page and its text page, return its rules and words."""
    height = float(page.get_height())
    return PageObjects(number, height, tuple(page_rules(page, height)), tuple(page_words(textpage, height)))


def page_rules(page, height: float) -> list[Rule]:
    """Return the rules drawn on a pypdfium2 page (form XObjects included), top-down coordinates."""
    import pypdfium2.raw as raw

    reader = _RuleReader(height)
    count = raw.FPDFPage_CountObjects(page.raw)
    reader.walk([raw.FPDFPage_GetObject(page.raw, i) for i in range(count)], _IDENTITY)
    return reader.rules


_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


class _RuleReader:
    """Reads the rules of a page's path objects; ctypes buffers are made once a page (80k objects cost)."""

    def __init__(self, height: float) -> None:
        import pypdfium2.raw as raw

        self.raw = raw
        self.height = height
        self.rules: list[Rule] = []
        self._fill, self._stroke = ctypes.c_int(), ctypes.c_int()
        self._box = [ctypes.c_float() for _ in range(4)]
        self._x, self._y = ctypes.c_float(), ctypes.c_float()
        self._matrix = raw.FS_MATRIX()

    def walk(self, handles, matrix: Sequence[float]) -> None:
        """Read the rules of ``handles`` (page objects) under the forms' ``matrix``."""
        raw = self.raw
        get_type, path, form = raw.FPDFPageObj_GetType, raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM
        for obj in handles:
            kind = get_type(obj)
            if kind == path:
                self._path(obj, matrix)
            elif kind == form:
                count = raw.FPDFFormObj_CountObjects(obj)
                self.walk([raw.FPDFFormObj_GetObject(obj, i) for i in range(count)],
                          _compose(self._matrix_of(obj), matrix))

    def _matrix_of(self, obj) -> tuple[float, float, float, float, float, float]:
        m = self._matrix
        if not self.raw.FPDFPageObj_GetMatrix(obj, m):
            return _IDENTITY
        return (m.a, m.b, m.c, m.d, m.e, m.f)

    def _path(self, obj, outer: Sequence[float]) -> None:
        """Read one path: a stroked one gives its horizontal and vertical pieces, a filled thin bar its box."""
        if not self.raw.FPDFPath_GetDrawMode(obj, self._fill, self._stroke):
            return
        if self._stroke.value:
            self._stroked(obj, _compose(self._matrix_of(obj), outer))
        elif self._fill.value:
            self._thin_fill(obj, outer)

    def _stroked(self, obj, m: Sequence[float]) -> None:
        raw, height = self.raw, self.height
        a, b, c, d, e, f = m
        x, y = self._x, self._y
        subpaths: list[list[tuple[float, float]]] = []
        for i in range(raw.FPDFPath_CountSegments(obj)):
            seg = raw.FPDFPath_GetPathSegment(obj, i)
            raw.FPDFPathSegment_GetPoint(seg, x, y)
            point = (a * x.value + c * y.value + e, height - (b * x.value + d * y.value + f))
            kind = raw.FPDFPathSegment_GetType(seg)
            if kind == raw.FPDF_SEGMENT_LINETO and subpaths:
                subpaths[-1].append(point)
            else:  # a move, or a curve (not a rule): start afresh
                subpaths.append([point])
            if raw.FPDFPathSegment_GetClose(seg) and len(subpaths[-1]) > 1:
                subpaths[-1].append(subpaths[-1][0])
        for points in subpaths:
            for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
                rule = _straight(x0, y0, x1, y1)
                if rule is not None:
                    self.rules.append(rule)

    def _thin_fill(self, obj, outer: Sequence[float]) -> None:
        """Read a filled path that is a thin bar (box at most THIN thick: its bounds turned by ``outer``)."""
        left, bottom, right, top = self._box
        if not self.raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            return
        a, b, c, d, e, f = outer
        corners = [(x, y) for x in (left.value, right.value) for y in (bottom.value, top.value)]
        xs = [a * x + c * y + e for x, y in corners]
        ys = [self.height - (b * x + d * y + f) for x, y in corners]
        w, h = max(xs) - min(xs), max(ys) - min(ys)
        if min(w, h) <= THIN < max(w, h):
            if w >= h:
                self.rules.append(Rule(True, (min(ys) + max(ys)) / 2, min(xs), max(xs)))
            else:
                self.rules.append(Rule(False, (min(xs) + max(xs)) / 2, min(ys), max(ys)))


def _compose(inner: Sequence[float], outer: Sequence[float]) -> tuple[float, float, float, float, float, float]:
    """Return the matrix applying ``inner`` then ``outer`` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _straight(x0: float, y0: float, x1: float, y1: float) -> Rule | None:
    """Return the rule of a straight piece when it is horizontal or vertical (within a point)."""
    if abs(y1 - y0) <= 1.0 and abs(x1 - x0) > 1.0:
        return Rule(True, (y0 + y1) / 2, min(x0, x1), max(x0, x1))
    if abs(x1 - x0) <= 1.0 and abs(y1 - y0) > 1.0:
        return Rule(False, (x0 + x1) / 2, min(y0, y1), max(y0, y1))
    return None


#: A word of the text layer and the break before it (spaces, line breaks).
_RUN = re.compile(r"([\s\u00a0\u3000]*)([^\s\u00a0\u3000]+)")


def page_words(textpage, height: float) -> list[Word]:
    """Given a pypdfium2 text page, return its words with boxes (top-down points) and line numbers.

    Words are the runs between the spaces and line breaks of the text layer (PDFium
    puts a space where letters stand apart and a line break between lines); a word's
    box spans its first and last characters' boxes.
    """
    import pypdfium2.raw as raw

    tp = textpage.raw
    count = raw.FPDFText_CountChars(tp)
    text = textpage.get_text_range(0, count) if count > 0 else ""
    if len(text) != count:  # characters outside the BMP: read one by one
        text = "".join(chr(raw.FPDFText_GetUnicode(tp, i)) for i in range(count))
    char_box = raw.FPDFText_GetLooseCharBox
    first, last = raw.FS_RECTF(), raw.FS_RECTF()
    out: list[Word] = []
    line = 0
    for m in _RUN.finditer(text):
        if "\n" in m.group(1) or "\r" in m.group(1):
            line += 1
        token = clean_text(m.group(2))
        i, j = m.start(2), m.end(2) - 1
        if not token.isprintable():
            token = "".join(ch for ch in token if ch.isprintable())
            if not token:
                continue
        if not (char_box(tp, i, first) and char_box(tp, j, last)):
            continue
        x0, x1 = min(first.left, last.left), max(first.right, last.right)
        top, bottom = max(first.top, last.top), min(first.bottom, last.bottom)
        out.append(Word(token, (x0, height - top, x1, height - bottom), line))
    return out


# --- building the tables (pure) ---------------------------------------------------------------


def merge_rules(rules: Sequence[Rule], snap: float = SNAP) -> list[Rule]:
    """Given rules, return them with collinear pieces (within ``snap``) joined into one rule each."""
    out: list[Rule] = []
    for horizontal in (True, False):
        group = sorted((r for r in rules if r.horizontal is horizontal), key=lambda r: (r.at, r.start))
        lanes: list[list[Rule]] = []
        for r in group:
            if lanes and abs(lanes[-1][-1].at - r.at) <= snap / 2:
                lanes[-1].append(r)
            else:
                lanes.append([r])
        for lane in lanes:
            at = sorted(r.at for r in lane)[len(lane) // 2]
            pieces = sorted(lane, key=lambda r: r.start)
            start, end = pieces[0].start, pieces[0].end
            for r in pieces[1:]:
                if r.start <= end + snap:
                    end = max(end, r.end)
                else:
                    out.append(Rule(horizontal, at, start, end))
                    start, end = r.start, r.end
            out.append(Rule(horizontal, at, start, end))
    return out


def _touch(h: Rule, v: Rule, tol: float = SNAP) -> bool:
    return h.start - tol <= v.at <= h.end + tol and v.start - tol <= h.at <= v.end + tol


def group_rules(rules: Sequence[Rule]) -> list[list[Rule]]:
    """Given merged rules, return the groups of rules that touch (one group per table)."""
    parent = list(range(len(rules)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    hs = [i for i, r in enumerate(rules) if r.horizontal]
    vs = [i for i, r in enumerate(rules) if not r.horizontal]
    for i in hs:
        for j in vs:
            if _touch(rules[i], rules[j]):
                parent[find(i)] = find(j)
    groups: dict[int, list[Rule]] = {}
    for i, r in enumerate(rules):
        groups.setdefault(find(i), []).append(r)
    return [g for g in groups.values() if any(r.horizontal for r in g) and any(not r.horizontal for r in g)]


def _positions(values: Sequence[float], snap: float = SNAP) -> list[float]:
    """Return the distinct positions among ``values`` (values within ``snap`` are one)."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= snap:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]


def _covered(rules: Sequence[Rule], at: float, start: float, end: float) -> bool:
    """Return whether rules at ``at`` cover at least EDGE_COVER of ``start..end``."""
    length = end - start
    if length <= 0:
        return True
    covered = sum(max(0.0, min(end, r.end) - max(start, r.start)) for r in rules if abs(r.at - at) <= SNAP)
    return covered >= EDGE_COVER * length


def tables_from_rules(rules: Sequence[Rule], words: Sequence[Word], page: int, height: float,
                      method: str = METHOD) -> list[PageTable]:
    """Given a page's rules and words, return its ruled tables (top to bottom), merged cells respected."""
    out = []
    for group in group_rules(merge_rules(rules)):
        hs = [r for r in group if r.horizontal]
        vs = [r for r in group if not r.horizontal]
        # The ends of the rules bound the table too: a table may lack its outer side rules.
        xs = _positions([r.at for r in vs] + [min(r.start for r in hs), max(r.end for r in hs)])
        ys = _positions([r.at for r in hs] + [min(r.start for r in vs), max(r.end for r in vs)])
        if len(xs) < 2 or len(ys) < 2:
            continue
        grid = _grid(hs, vs, xs, ys, words, page, method)
        if not any(cell.text for row in grid for cell in row):
            continue  # a frame or a double rule with nothing inside
        out.append(PageTable(page, (xs[0], ys[0], xs[-1], ys[-1]), grid, method, height))
    out.sort(key=lambda t: (t.bbox[1], t.bbox[0]))
    return out


def _grid(hs: Sequence[Rule], vs: Sequence[Rule], xs: Sequence[float], ys: Sequence[float],
          words: Sequence[Word], page: int, method: str) -> Grid:
    """Return the cell grid of one table: each word in the top-left slot of the cell holding its centre."""
    rows, cols = len(ys) - 1, len(xs) - 1
    anchor: dict[tuple[int, int], tuple[int, int]] = {}
    for r in range(rows):
        for c in range(cols):
            left_open = c > 0 and not _covered(vs, xs[c], ys[r], ys[r + 1])
            top_open = r > 0 and not _covered(hs, ys[r], xs[c], xs[c + 1])
            if left_open:
                anchor[(r, c)] = anchor[(r, c - 1)]
            elif top_open:
                anchor[(r, c)] = anchor[(r - 1, c)]
            else:
                anchor[(r, c)] = (r, c)
    extent: dict[tuple[int, int], tuple[int, int]] = {}
    for (r, c), a in anchor.items():
        er, ec = extent.get(a, a)
        extent[a] = (max(er, r), max(ec, c))
    buckets = words_by_slot(words, xs, ys, anchor)
    grid = []
    for r in range(rows):
        row = []
        for c in range(cols):
            if anchor[(r, c)] == (r, c):
                er, ec = extent[(r, c)]
                box = (xs[c], ys[r], xs[ec + 1], ys[er + 1])
                row.append(make_cell(_read_words(buckets.get((r, c), [])), page, box, method))
            else:
                row.append(make_cell("", page, (xs[c], ys[r], xs[c + 1], ys[r + 1]), method))
        grid.append(tuple(row))
    return tuple(grid)


BORDERLESS_METHOD = "pdf:pdfium_layout"


def borderless_tables(page: PageObjects, year: int | None, running: frozenset[str] = frozenset()) -> list[PageTable]:
    """Given a page's objects, return the PK and capaian tables read from its word layout.

    Lines shaped like the document's running headers and footers (``running``, from
    :func:`lkip.extract._table_running.running_keys`) are left out. A capaian table
    is kept only when most of its rows give both a target and a realisasi: a plan
    matrix whose single "Target Capaian" column was split in two would otherwise
    publish targets as realisations.
    """
    from lkip.extract._ocr_layout import layout_lines, layout_tables
    from lkip.extract._table_running import is_running

    lines = [ln for ln in layout_lines(page.words, page.number, ocr=False) if not is_running(ln.text, running)]
    found = layout_tables(lines, page.number, BORDERLESS_METHOD, page.height, year)
    return [t for t in found if _complete(t)]


def _complete(table: PageTable) -> bool:
    """Return whether a borderless table is a PK table, or a capaian table most of whose rows have both figures."""
    from lkip.extract._pdf_tables import header_model
    from lkip.extract._records import SourceKind
    from lkip.extract._tables import TableKind, capaian_rows_from_grid

    model, grid = header_model(table.grid)
    if model is None or model.kind is TableKind.PK:
        return model is not None
    rows = capaian_rows_from_grid(grid, source_kind=SourceKind.MAIN_TABLE, model=model)
    both = sum(bool(r.target_text and r.realisasi_text) for r in rows)
    return bool(rows) and both * 2 > len(rows)


#: How far above a table (points) its caption is looked for.
CAPTION_BAND = 90.0


def caption_above(words: Sequence[Word], bbox: tuple[float, float, float, float], band: float = CAPTION_BAND) -> str:
    """Given a page's words and a table's box, return the caption printed above the table.

    The words whose boxes lie in a band above the table are read line by line; the
    caption runs from the last line starting "Tabel"/"Table", else it is the last two
    lines (:func:`lkip.extract._pdf_triage.caption_of`).
    """
    from lkip.extract._pdf_triage import caption_of

    top = bbox[1]
    above = [w for w in words if w.bbox[3] <= top + 1.0 and w.bbox[1] >= top - band]
    return caption_of(_read_words(above))
