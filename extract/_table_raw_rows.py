"""Rebuild table rows from a raw text dump that prints one cell fragment per line.

In such dumps a row reads: the sasaran cell's lines, the indicator cell's lines, then
a line of values ("2 1 50", "2,51 Indeks", "Nilai Kinerja Anggaran  88 97,81 111,15"),
sometimes a unit's tail ("2 Kabupaten/" + "Kota") or values spread over lines
("2" / "Kabup" / "aten/K" / "ota" / "1 50"). A page break repeats the header and may
leave a row's tail after it ("berkelanjutan “Siaga”": the sasaran's and the indicator's
last words on one line). Rows are rebuilt by the table's column model (how many value
columns, which one has a unit column after it) and by Indonesian LKIP cues: a sasaran
opens with "Meningkatnya/Terwujudnya ...", an indicator with "Jumlah/Nilai/Indeks ...".
The indicator catalogue only breaks ties where these cues say nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from lkip.extract._records import TextLine
from lkip.extract._table_cues import ColumnRole, opens_indicator, opens_sasaran
from lkip.extract._table_text_header import HeaderBlock, read_header
from lkip.extract._tables import Cell, TableModel
from lkip.normalize.numbers import find_numbers

__all__ = ["RawTable", "read_raw_table"]

METHOD = "text:raw_lines"
_NUMERIC = (ColumnRole.TARGET, ColumnRole.REALISASI, ColumnRole.PCT, ColumnRole.CAPAIAN)
_EMPTY_VALUE = re.compile(r"(?<!\S)(?:-|–|—|N/A|n/a|NA)(?!\S)")
_ROW_NO = re.compile(r"^\s*(\d{1,2})[.)]?\s+(?=\S)")
_DANGLING = frozenset(
    """dan atau yang di dari ke menjadi secara terhadap dengan pada untuk dalam oleh serta bagi
    para sebagai melalui antara akan tidak dan/atau se bahwa agar sesuai atas tentang""".split()
)
_MAX_WORDS, _MAX_CHARS = 8, 60  # a longer line is prose: the table has ended
_MAX_TAIL_WORDS = (
    5  # a cell's tail after a row is short; a longer line is the prose after the table
)
_MAX_PENDING = 40  # non-blank lines without values before we give up on a row


@dataclass(slots=True)
class _Frag:
    line: TextLine
    text: str


@dataclass(slots=True)
class _RawRow:
    no: str = ""
    sasaran: list[_Frag] = field(default_factory=list)
    indicator: list[_Frag] = field(default_factory=list)
    values: list[list[_Frag]] = field(default_factory=list)  # one list per numeric column
    unit: list[_Frag] = field(default_factory=list)  # text after the unit-bearing value
    group: list[_Frag] | None = None  # the sasaran shared with rows above (merged cell)


@dataclass(frozen=True, slots=True)
class RawTable:
    """A table read from raw lines.

    Attributes:
        model: The column model of its header.
        grid: Data rows as cells in the model's column order, ready for :mod:`._tables`.
        start: Index of the header's first line.
        end: Index just past the table's last line.

    """

    model: TableModel
    grid: tuple[tuple[Cell, ...], ...]
    start: int
    end: int


def read_raw_table(
    lines: Sequence[TextLine],
    header: HeaderBlock,
    *,
    year: int | None,
    score: Callable[[str], float] | None = None,
) -> RawTable:
    """Given the lines and a header found in them, return the table's rows as a cell grid.

    Args:
        lines: The document's lines.
        header: The table's header (from :func:`read_header`).
        year: The reported year (chooses among value columns of several years).
        score: Optional indicator scorer (0-100, e.g. a catalogue match) used only to
            split sasaran from indicator where the cues say nothing.

    Returns:
        The table with one grid row per indicator row.

    """
    model = header.model
    numeric = [
        c for c in model.columns if c.role in _NUMERIC or (c.role is None and c.year is not None)
    ]
    unit_after = _unit_owner(model, numeric)
    has_no = model.pick(ColumnRole.NO) is not None
    reader = _Reader(model, len(numeric), unit_after, has_no, score)
    i = header.end
    end = i
    while i < len(lines):
        line = lines[i]
        text = line.text.strip()
        if not text:
            i += 1
            continue
        again = read_header(lines, i)
        if again is not None and again.model.headers == model.headers:
            reader.page_break()
            i = end = again.end
            continue
        if again is not None:
            break  # another table begins
        if _is_heading(text) or not reader.feed(line):
            break
        i += 1
        end = i
    rows = reader.finish()
    grid = tuple(_cells(model, numeric, unit_after, r) for r in rows)
    return RawTable(model, grid, header.start, end)


def _unit_owner(model: TableModel, numeric: Sequence) -> int | None:
    """Return the index (into ``numeric``) of the value column a Satuan column follows."""
    unit = model.pick(ColumnRole.UNIT)
    if unit is None:
        return None
    before = [k for k, c in enumerate(numeric) if c.index < unit.index]
    return before[-1] if before else (0 if numeric else None)


def _is_heading(text: str) -> bool:
    return bool(re.match(r"^\**\s*BAB\s+[IVX]+\b", text))


def _is_prose(text: str) -> bool:
    return len(text.split()) >= _MAX_WORDS or len(text) > _MAX_CHARS


def split_values(text: str, k: int) -> tuple[str, list[str]] | None:
    """Given a line, return (leading text, value cells) when it ends in table values.

    The values are the figures (or "-"/"N/A") at the end of the line, each with the
    unit words that follow it ("10 Orang 10 Orang 100%"). At most ``k`` are taken;
    the rest of the line is the leading text (an indicator's tail). A line whose
    figure is followed by a sentence, or that opens with a row number and a sasaran
    or indicator, is not a values line.
    """
    starts = [s for s, _, p in find_numbers(text) if p.value is not None]
    starts += [m.start() for m in _EMPTY_VALUE.finditer(text)]
    starts = sorted(set(starts))
    if not starts:
        return None
    cells = [text[a:b].strip() for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
    for cell in cells:
        words = re.sub(r"^\S+", "", cell).split()
        tail = " ".join(words)
        if len(words) > 3 or (
            words and (opens_sasaran(tail) or (len(words) > 1 and opens_indicator(tail)))
        ):
            return None
    take = min(k, len(cells)) if k else len(cells)
    lead = text[: starts[len(cells) - take]].strip()
    return lead, cells[len(cells) - take :]


class _Reader:
    """The row-rebuilding state machine, fed one non-blank line at a time."""

    def __init__(
        self,
        model: TableModel,
        k: int,
        unit_after: int | None,
        has_no: bool,
        score: Callable[[str], float] | None,
    ) -> None:
        self.model, self.k, self.unit_after, self.has_no, self.score = (
            model,
            k,
            unit_after,
            has_no,
            score,
        )
        self.rows: list[_RawRow] = []
        self.text: list[_Frag] = []  # fragments of the row being read, before its values
        self.values: list[list[_Frag]] = []  # values of that row, while fewer than k
        self.tails: list[_Frag] = []  # fragments after a complete row, before the next row opens
        self.complete = False  # the last row has all its values
        self.unit_open = False  # the last value's unit may continue on the next line
        self.pending = 0
        self.group: list[_Frag] = []

    def page_break(self) -> None:
        """Note a repeated header; figures read just before it with no row text are a page number."""
        self.unit_open = False
        if self.values and not self.text:
            self.values = []

    def feed(self, line: TextLine) -> bool:
        """Take one line; return False when the line is not part of the table."""
        text = line.text.strip()
        vals = self._values_of(text)
        if _is_prose(text) and (vals is None or len(vals[0].split()) >= 5):
            return False
        if self.values and vals is not None and not vals[0]:
            self._add_values(line, vals[1])
            return True
        if self.values and vals is None and len(text.split()) <= 2 and not self._opens_row(text):
            self.values[-1].append(_Frag(line, text))  # a unit spread over lines
            return True
        if self.values:
            self._close(partial=True)
        if vals is not None:
            lead, cells = vals
            if lead:
                self._add_text(line, lead)
            self.values = []
            self._add_values(line, cells)
            return True
        if self.complete and self._continues_unit(text):
            self.rows[-1].values[self.unit_owner_index()].append(_Frag(line, text))
            self.unit_open = text.endswith("/")
            return True
        self.unit_open = False
        if not self._add_text(line, text):
            return False
        self.pending += 1
        return self.pending <= _MAX_PENDING

    def _values_of(self, text: str) -> tuple[str, list[str]] | None:
        """Return (leading text, value cells) of a line that ends in values, else None."""
        if self.text and not self.values and re.search(r"\w-$", self.text[-1].text):
            return None  # the previous line ends inside a hyphenated word ("P-" + "21")
        if self._opens_row_with_no(text):
            m = _ROW_NO.match(text)
            assert m is not None
            vals = split_values(text[m.end() :], self.k)
            if vals is None or not vals[0]:
                return None
            return text[: m.end()] + vals[0], vals[1]
        return split_values(text, self.k)

    def unit_owner_index(self) -> int:
        return self.unit_after if self.unit_after is not None else max(self.k - 1, 0)

    def _opens_row(self, text: str) -> bool:
        return (
            opens_sasaran(text)
            or (opens_indicator(text) and text[:1].isupper())
            or self._opens_row_with_no(text)
        )

    def _opens_row_with_no(self, text: str) -> bool:
        m = _ROW_NO.match(text)
        if not (self.has_no and m):
            return False
        rest = text[m.end() :]
        return len(rest.split()) > 1 and (opens_sasaran(rest) or opens_indicator(rest))

    def _continues_unit(self, text: str) -> bool:
        """Return whether a line after a complete row continues its unit ("Kabupaten/" + "Kota")."""
        if self.unit_after is None and not self.unit_open:
            return False
        if self.unit_open:
            return True
        words = text.split()
        return (
            len(words) <= 2 and text[:1].isupper() and not self._opens_row(text) and not self.tails
        )

    def _add_text(self, line: TextLine, text: str) -> bool:
        """Add a text fragment; return False when it cannot belong to the table."""
        if self.complete and not self._opens_row(text):
            if len(text.split()) > _MAX_TAIL_WORDS:
                return False  # prose after the last row
            self.tails.append(_Frag(line, text))
            return True
        if self.complete:
            self._flush_tails()
            self.complete = False
        self.text.append(_Frag(line, text))
        return True

    def _add_values(self, line: TextLine, cells: Sequence[str]) -> None:
        for c in cells:
            self.values.append([_Frag(line, c)])
        if len(self.values) >= max(self.k, 1):
            self._close(partial=False)

    def _close(self, *, partial: bool) -> None:
        """Make a row of the gathered text and values."""
        if not self.text:
            self.values = []
            return
        row = self._split(self.text)
        row.values = self.values
        self.rows.append(row)
        self.text, self.values, self.pending = [], [], 0
        self.complete = True
        self.unit_open = bool(row.values) and _frag_text(row.values[-1]).endswith("/")

    def _split(self, frags: list[_Frag]) -> _RawRow:
        """Split a row's fragments into number, sasaran and indicator."""
        frags = list(frags)
        no = ""
        m = _ROW_NO.match(frags[0].text)
        if self.has_no and m:
            no = m.group(1)
            frags[0] = _Frag(frags[0].line, frags[0].text[m.end() :])
        j = _indicator_start(frags, self.score)
        row = _RawRow(no=no, sasaran=frags[:j], indicator=frags[j:])
        if row.sasaran:
            self.group = row.sasaran
        row.group = self.group
        return row

    def _flush_tails(self) -> None:
        """Give the fragments found after a complete row to its sasaran and/or indicator."""
        if not self.tails or not self.rows:
            self.tails = []
            return
        row = self.rows[-1]
        sas, ind = _frag_text(row.group or []), _frag_text(row.indicator)
        words = " ".join(f.text for f in self.tails).split()
        to_sas: list[str] = words
        to_ind: list[str] = []
        if _dangles(ind) and sas and _dangles(sas):
            cut = next(
                (
                    n
                    for n in range(1, len(words))
                    if words[n][:1].isupper() or words[n][:1] in "\"“'‘("
                ),
                None,
            )
            if cut is None:
                cut = len(self.tails[0].text.split()) if len(self.tails) > 1 else len(words)
            to_sas, to_ind = words[:cut], words[cut:]
        elif _dangles(ind) or not sas or not row.sasaran:
            # No sasaran cell of its own (merged with the rows above): the tail is the indicator's.
            to_sas, to_ind = [], words
        first = self.tails[0].line
        if to_sas and row.group is not None:
            row.group.append(_Frag(first, " ".join(to_sas)))
        if to_ind:
            row.indicator.append(_Frag(first, " ".join(to_ind)))
        self.tails = []

    def finish(self) -> list[_RawRow]:
        """Return the rows read, completing the last one."""
        if self.values:
            self._close(partial=True)
        self._flush_tails()
        return [r for r in self.rows if r.indicator and r.values]


def _frag_text(frags: Sequence[_Frag]) -> str:
    return " ".join(" ".join(f.text.split()) for f in frags if f.text.strip())


def _dangles(text: str) -> bool:
    words = text.lower().split()
    return bool(words) and words[-1].strip(",;") in _DANGLING


def _indicator_start(frags: Sequence[_Frag], score: Callable[[str], float] | None) -> int:
    """Return the index of the fragment where the indicator cell starts.

    The first fragment that opens like an indicator (capitalised, not right after a
    dangling word such as "dan"/"terhadap") wins; with none, a scorer (the catalogue)
    may pick the best split; otherwise a row that opens with a sasaran keeps its first
    fragment as sasaran and the rest as indicator, and any other row is all indicator
    (its sasaran cell is merged with the row above).
    """
    begin = 1 if frags and opens_sasaran(frags[0].text) else 0
    for j in range(begin, len(frags)):
        t = frags[j].text
        if (
            opens_indicator(t)
            and (t[:1].isupper() or j == 0)
            and not (j and _dangles(frags[j - 1].text))
        ):
            return j
    if begin and score is not None and len(frags) > 1:
        best = max(range(1, len(frags)), key=lambda j: score(_frag_text(frags[j:])))
        if score(_frag_text(frags[best:])) > 0:
            return best
    if begin:
        return _last_block(frags)
    return 0


def _last_block(frags: Sequence[_Frag]) -> int:
    """Return where the last block of consecutive lines starts (a blank line before it), else 1."""
    for j in range(len(frags) - 1, 0, -1):
        a, b = frags[j - 1].line.line, frags[j].line.line
        if a is not None and b is not None and b - a > 2:
            return j
    return min(1, len(frags) - 1) if len(frags) > 1 else 1


def _cells(
    model: TableModel, numeric: Sequence, unit_after: int | None, row: _RawRow
) -> tuple[Cell, ...]:
    """Lay a rebuilt row out as grid cells in the model's column order."""
    width = len(model.columns)
    out = [Cell("") for _ in range(width)]

    def put(role: ColumnRole, frags: Sequence[_Frag]) -> None:
        col = model.pick(role)
        if col is not None and frags:
            out[col.index] = Cell(_frag_text(frags), frags[0].line.at(METHOD))

    put(ColumnRole.SASARAN, row.group or [])
    put(ColumnRole.INDICATOR, row.indicator)
    no = model.pick(ColumnRole.NO)
    if no is not None and row.no:
        out[no.index] = Cell(row.no, row.indicator[0].line.at(METHOD))
    unit_col = model.pick(ColumnRole.UNIT)
    for k, col in enumerate(numeric):
        if k >= len(row.values):
            break
        frags = row.values[k]
        text = _join_value(frags)
        if unit_after is not None and k == unit_after and unit_col is not None:
            m = re.match(r"^(\S+)\s*(.*)$", text)
            if m:
                text, unit = m.group(1), m.group(2)
                out[unit_col.index] = Cell(unit, frags[0].line.at(METHOD))
        out[col.index] = Cell(text, frags[0].line.at(METHOD))
    return tuple(out)


def _join_value(frags: Sequence[_Frag]) -> str:
    """Join a value's fragments; a word cut at a line end ("Kabup" + "aten/K") gets no space."""
    out = ""
    for k, f in enumerate(frags):
        piece = f.text.strip()
        if not out:
            out = piece
            continue
        prev_line = frags[k - 1].line.text
        if out.endswith("/") or piece.startswith("/"):
            out += piece
        elif not prev_line.endswith((" ", "\t")) and out[-1].isalpha() and piece[:1].islower():
            out += piece
        else:
            out += " " + piece
    return out
