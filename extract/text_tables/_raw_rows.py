"""Tables dumped one cell fragment per line: fragments regrouped into rows."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from lkip.extract.model import Method, TextLine
from lkip.extract.tables import Cell, TableModel
from lkip.extract.text_tables._header import HeaderBlock, names_columns, read_header
from lkip.extract.vocab import ColumnRole, opens_indicator, opens_sasaran
from lkip.figures import find_numbers, is_unit_words

METHOD = Method.TEXT_RAW_LINES
_NUMERIC = (ColumnRole.TARGET, ColumnRole.REALISASI, ColumnRole.PCT, ColumnRole.CAPAIAN)
# A value cell without a figure: a dash, N/A, or a status such as "belum diukur" (it keeps its column).
_EMPTY_VALUE = re.compile(
    r"(?<!\S)(?:-|–|—|N/A|n/a|NA|(?i:belum\s+(?:dapat\s+)?diukur|tidak\s+(?:dapat\s+)?diukur|dalam\s+proses"
    r"|belum\s+ada\s+data|tidak\s+ada\s+data|(?:data\s+)?belum\s+tersedia|tidak\s+tersedia))(?!\S)"
)
_ROW_NO = re.compile(r"^\s*(\d{1,2})[.)]?\s+(?=\S)")
_GROUP_LABEL = re.compile(r"^(misi|sasaran|tujuan)\b[^:]{0,24}:\s*", re.IGNORECASE)
_LIST_MARKER = re.compile(r"^\s*(?:\d{1,2}|[a-h])[.)]\s*(?=[A-Za-z])")
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
    reader.trailing = _has_trailing_text(model, numeric)
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
        if again is not None or (reader.settled and names_columns(text)):
            break  # another table begins
        if _is_heading(text) or not reader.feed(line):
            break
        i += 1
        if reader.settled:
            end = i
    rows = reader.finish()
    grid = tuple(_cells(model, numeric, unit_after, r) for r in rows)
    return RawTable(model, grid, header.start, end)


def _has_trailing_text(model: TableModel, numeric: Sequence) -> bool:
    """Return whether text columns (Kategori, Sumber data, Keterangan) follow the last value column."""
    if not numeric:
        return False
    last = max(c.index for c in numeric)
    return any(c.role is ColumnRole.OTHER for c in model.columns if c.index > last)


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


def split_trailing_values(text: str, k: int, *, trailing: bool = False) -> tuple[str, list[str]] | None:
    """Given a line, return (leading text, value cells) when it ends in table values.

    The values are the figures (or "-"/"N/A") at the end of the line, each with the
    unit words that follow it ("10 Orang 10 Orang 100%"). At most ``k`` are taken;
    the rest of the line is the leading text (an indicator's tail). A line whose
    figure is followed by a sentence, or that opens with a row number and a sasaran
    or indicator, is not a values line; a list marker opening the line ("1. Jumlah")
    is never a value. With ``trailing`` (text columns after the values) the words
    after the last of ``k`` figures belong to those columns and are dropped.
    """
    marker = _LIST_MARKER.match(text)
    skip = marker.end() if marker else 0  # "1. Pertumbuhan ..." numbers a list item: not a value
    starts = [s for s, _, p in find_numbers(text) if p.value is not None and s >= skip]
    starts = [s - 1 if s and text[s - 1] == "(" else s for s in starts]  # "(3.14)": a negative figure
    starts += [m.start() for m in _EMPTY_VALUE.finditer(text) if m.start() >= skip]
    starts = sorted(set(starts))
    if not starts:
        return None
    cells = [text[a:b].strip() for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
    if trailing and k and len(cells) >= k:
        cells[-1] = cells[-1].split()[0]  # the words after the last figure fill text columns
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


def only_figures(text: str) -> bool:
    """Return whether a line holds nothing but figures and their known unit words ("6 Unit 6 Unit 100").

    Such a line is a row's values even when it starts like a row number followed by a word.
    """
    spans = find_numbers(text)
    rest = list(text)
    for start, end, parsed in spans:
        if parsed.value is None:
            return False
        rest[start:end] = " " * (end - start)
    return bool(spans) and not "".join(rest).strip(" \t.,;:%")


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
        self.trailing = False  # text columns follow the values: words after a row's figures are theirs
        self.label_open = False  # a spanning group label ("Sasaran ke-1 : ...") may wrap onto this line

    def page_break(self) -> None:
        """Note a repeated header; figures read just before it with no row text are a page number."""
        self.unit_open = False
        if self.values and not self.text:
            self.values = []

    def feed(self, line: TextLine) -> bool:
        """Take one line; return False when the line is not part of the table."""
        text = line.text.strip()
        if self._group_label(line, text):
            return True
        vals = self._values_of(text)
        if self.trailing and vals is None and (self.complete or self.values) and not self.text:
            if len(text.split()) <= 2 and not self._opens_row(text):
                return True  # a trailing text cell's words ("Sangat" / "baik", "Dinas" / "Indag")
        if (
            _is_prose(text)
            and not self._inside_cell(text)
            and (vals is None or (len(vals[0].split()) >= 5 and not self._whole_row(text, vals[1])))
        ):
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

    def _whole_row(self, text: str, cells: Sequence[str]) -> bool:
        """Return whether a long line is one whole row: all its values, after a row number or not.

        "2 Peningkatan Nilai Produksi IKM % 15 1,309 8,726" carries every value of the
        row (two or more), or opens with a row number: a table row, not a sentence.
        """
        if len(text) > 2 * _MAX_CHARS or len(cells) < self.k:
            return False
        return self.k >= 2 or bool(self.has_no and _ROW_NO.match(text))

    def _group_label(self, line: TextLine, text: str) -> bool:
        """Take a row spanning the table that labels the rows below, or its wrapped tail.

        "Sasaran ke-1 : Meningkatnya ..." gives the sasaran of the rows below it; "Misi
        Pertama : ..." (or "Tujuan ...") only groups them. Lines after such a label, up to
        the next row, continue it.
        """
        m = _GROUP_LABEL.match(text)
        if m and not self.text and not self.values and len(text) <= 3 * _MAX_CHARS:
            self._flush_tails()
            self.complete = False
            rest = text[m.end() :].strip()
            self.group = [_Frag(line, rest)] if m.group(1).lower() == "sasaran" and rest else []
            self.label_open = True
            return True
        if (
            self.label_open
            and not self.text
            and not self._opens_row(text)
            and not (self.has_no and _ROW_NO.match(text))
            and self._values_of(text) is None
        ):
            if len(text) <= 2 * _MAX_CHARS and self.group:
                self.group.append(_Frag(line, text))
            return len(text) <= 2 * _MAX_CHARS
        self.label_open = False
        return False

    @property
    def settled(self) -> bool:
        """Whether every line taken so far belongs to a finished row (none is pending)."""
        return not self.text and not self.values

    def _inside_cell(self, text: str) -> bool:
        """Return whether a long line may still be table text: a row is open, or it opens one.

        Cells of a wide column print long lines; the first row under the header takes
        them, later rows only when a row number or list marker opened them, and after a
        finished row only a line opening a new row with a row number or list marker
        continues the table (a sentence may start "Indeks ...", like an indicator).
        """
        if len(text) > 2 * _MAX_CHARS:
            return False
        if not self.rows:
            return True
        if self.text:  # an open row takes long lines when a row number opened it
            first = self.text[0].text
            return bool((self.has_no and _ROW_NO.match(first)) or _LIST_MARKER.match(first))
        return bool(_ROW_NO.match(text) or _LIST_MARKER.match(text)) and self._opens_row(text)

    def _values_of(self, text: str) -> tuple[str, list[str]] | None:
        """Return (leading text, value cells) of a line that ends in values, else None."""
        if self.text and not self.values and re.search(r"\w-$", self.text[-1].text):
            return None  # the previous line ends inside a hyphenated word ("P-" + "21")
        if (self.values or self.text) and only_figures(text):
            return split_trailing_values(text, self.k, trailing=self.trailing)  # "1 Kawasan 1": values with units
        m = _ROW_NO.match(text)
        if self.has_no and m and text[m.end() :][:1].isalpha():
            vals = split_trailing_values(text[m.end() :], self.k, trailing=self.trailing)
            if vals is not None and vals[0]:
                return text[: m.end()] + vals[0], vals[1]  # "2 Lama tinggal ... 2,5 2,1 84"
            if self._opens_row_with_no(text) or not self.text:
                return None  # no row waits for values: "1 Pertumbuhan Industri" opens one
        return split_trailing_values(text, self.k, trailing=self.trailing)

    def unit_owner_index(self) -> int:
        return self.unit_after if self.unit_after is not None else max(self.k - 1, 0)

    def _opens_row(self, text: str) -> bool:
        return (
            opens_sasaran(text)
            or (bool(_LIST_MARKER.match(text)) and text.strip()[:1].isdigit())
            or (opens_indicator(text) and text[:1].isupper())
            or self._opens_row_with_no(text)
        )

    def _opens_row_with_no(self, text: str) -> bool:
        m = _ROW_NO.match(text)
        if not (self.has_no and m):
            return False
        rest = text[m.end() :]
        if not rest[:1].isalpha():
            return False
        if (
            not self.text
            and self.rows
            and self.rows[-1].no.isdigit()
            and int(m.group(1)) == int(self.rows[-1].no) + 1
        ):
            return True  # the next row number in sequence, while no row waits for its values
        return len(rest.split()) > 1 and (opens_sasaran(rest) or opens_indicator(rest))

    def _continues_unit(self, text: str) -> bool:
        """Return whether a line after a complete row continues its unit ("Kabupaten/" + "Kota")."""
        if self.unit_after is None and not self.unit_open:
            return False
        if self.unit_open:
            return True
        if self.unit_after is not None and is_unit_words(text) and self._lacks_unit():
            return True  # "Indeks" under "54,2": the Satuan cell, though the word may also open an indicator
        words = text.split()
        return (
            len(words) <= 2 and text[:1].isupper() and not self._opens_row(text) and not self.tails
        )

    def _lacks_unit(self) -> bool:
        """Return whether the last row's unit-bearing value holds figures only (its Satuan cell is yet to come)."""
        if not self.rows or self.unit_owner_index() >= len(self.rows[-1].values):
            return False
        return all(only_figures(f.text) and not any(c.isalpha() for c in f.text)
                   for f in self.rows[-1].values[self.unit_owner_index()])

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

    A fragment opening with a list marker ("1. ...") after unnumbered ones starts it;
    else the first fragment that opens like an indicator (capitalised, not right after a
    dangling word such as "dan"/"terhadap") wins; with none, a scorer (the catalogue)
    may pick the best split; otherwise a row that opens with a sasaran keeps its first
    fragment as sasaran and the rest as indicator, and any other row is all indicator
    (its sasaran cell is merged with the row above).
    """
    begin = 1 if frags and opens_sasaran(frags[0].text) else 0
    for j in range(1, len(frags)):
        if _LIST_MARKER.match(frags[j].text) and not _LIST_MARKER.match(frags[0].text):
            return j  # an indicator cell numbered as a list ("1. Pertumbuhan ...")
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
