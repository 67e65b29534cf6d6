"""The header of a column-aligned text table: column names and their character spans."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from lkip.extract.model import TextLine
from lkip.extract.tables import TableModel, is_column_numbers, model_from_header
from lkip.extract.vocab import ColumnRole, is_numbering, is_year_only, role_of_header, year_label

_STRONG = (ColumnRole.SASARAN, ColumnRole.INDICATOR, ColumnRole.TARGET, ColumnRole.REALISASI)
_FILLER = frozenset({"kinerja", "(%)", "%", "(rp)", "(rp.)", "rp", "rp.", "kegiatan", "strategis", "/"})
# Words a header cell may hold; a line with any other word is prose or a title, not a header.
_VOCABULARY = frozenset(
    """no no. nomor urut sasaran strategis program kegiatan indikator kinerja utama sasaran/indikator
    target realisasi capaian capai persentase presentase prosentase % (%) satuan sat sat. unit
    tahun ta t.a t.a. anggaran pagu pendanaan rp rp. (rp) (rp.) keterangan ket ket. sumber data
    kategori uraian kode output alokasi satker kerja akhir awal kondisi tingkat efisiensi penyerapan
    bobot formulasi formula penjelasan nilai terhadap / & - – iku ik ikk iks""".split()
)
_ABOVE, _BELOW = 3, 4  # header lines searched above and below the line naming the columns


@dataclass(frozen=True, slots=True)
class LineWord:
    """A word of a layout line at its character position.

    Attributes:
        text: The word.
        start: 0-based character column of its first letter.
        anchored: Whether it follows two or more spaces (or opens the line): such a
            word sits at its true column; a word one space after another may have
            been pushed right by the text before it.

    """

    text: str
    start: int
    anchored: bool

    @property
    def end(self) -> int:
        """Character column just past the word."""
        return self.start + len(self.text)


@dataclass(frozen=True, slots=True)
class LayoutHeader:
    """A table header found in layout text.

    Attributes:
        model: The column model.
        spans: Each column's ``(start, end)`` character span in the header lines.
        start: Index of the header's first line.
        end: Index just past its last line (column-number row included).

    """

    model: TableModel
    spans: tuple[tuple[int, int], ...]
    start: int
    end: int


def line_words(text: str) -> list[LineWord]:
    """Given a layout line, return its words with their character positions."""
    out: list[LineWord] = []
    for m in re.finditer(r"\S+", text.expandtabs()):
        gap = m.start() - (out[-1].end if out else 0)
        out.append(LineWord(m.group(0), m.start(), not out or gap >= 2))
    return out


@dataclass(frozen=True, slots=True)
class _Frag:
    text: str
    start: int
    end: int
    line: int


def _cells_of_line(words: Sequence[LineWord], k: int) -> list[_Frag]:
    """Group a header line's words into header cells (by gaps, then by header words)."""
    cells: list[list[LineWord]] = []
    for w in words:
        if cells and not w.anchored and _joins(" ".join(x.text for x in cells[-1]), w.text):
            cells[-1].append(w)
        else:
            cells.append([w])
    return [_Frag(" ".join(x.text for x in c), c[0].start, c[-1].end, k) for c in cells]


def _joins(head: str, word: str) -> bool:
    """Return whether a header word one space after a cell continues that cell."""
    a, b = role_of_header(head), role_of_header(word)
    if b is None or word.lower() in _FILLER:
        return role_of_header(f"{head} {word}") is not None or is_year_only(word) or a is None
    if a is ColumnRole.INDICATOR and b in (ColumnRole.SASARAN, ColumnRole.OTHER):
        return True  # "Indikator Sasaran", "Indikator Kinerja Kegiatan"
    if a is ColumnRole.SASARAN and b is ColumnRole.OTHER:
        return True  # "Sasaran Kegiatan"
    return a is ColumnRole.CAPAIAN and b is ColumnRole.PCT  # "Capaian (%)"


def _stack(a: str, b: str) -> bool:
    """Return whether two header fragments on different lines can name one column."""
    ra, rb = role_of_header(a), role_of_header(b)
    if ra is None or rb is None or ra is rb:
        return True
    return {ra, rb} in ({ColumnRole.CAPAIAN, ColumnRole.PCT}, {ColumnRole.INDICATOR, ColumnRole.SASARAN}) or (
        ColumnRole.OTHER in (ra, rb) and {ra, rb} & {ColumnRole.INDICATOR, ColumnRole.SASARAN}
    )


def _is_header_text(text: str) -> bool:
    """Return whether a header cell holds header words, years or a column number only."""
    t = " ".join(text.split())
    return is_numbering(t) or all(
        w.lower().strip(",:;*") in _VOCABULARY or is_year_only(w.strip("()[],*")) for w in t.split()
    )


def _header_frags(line: TextLine, k: int) -> list[_Frag] | None:
    """Return a line's header cells when every word of it is a header word, else None."""
    words = line_words(line.text)
    if not words:
        return None
    frags = _cells_of_line(words, k)
    numbers = sum(is_numbering(f.text) for f in frags)
    if 0 < numbers < len(frags):
        return None  # "2. Persentase program": a numbered item, not header words
    return frags if all(_is_header_text(f.text) for f in frags) else None


def is_header_line(line: TextLine) -> bool:
    """Return whether a layout line holds header words, years or column numbers only."""
    return _header_frags(line, 0) is not None


def read_layout_header(lines: Sequence[TextLine], i: int) -> LayoutHeader | None:
    """Given layout lines and an index, return the header whose column-naming line is there.

    The line must hold header words only, in at least two cells, naming a sasaran,
    indicator, target or realisasi column. Header-only lines just above and below
    (sub-headers, year labels, a column-number row) join it.

    Args:
        lines: The document's lines.
        i: Index of the candidate line.

    Returns:
        The header, or None when the line is not a table header.

    """
    main = _header_frags(lines[i], i)
    if main is None or len(main) < 2 or is_column_numbers([f.text for f in main]):
        return None
    if not any(role_of_header(f.text) in _STRONG for f in main):
        return None
    frags = list(main)
    start = end = i
    k, seen = i - 1, 0
    while k >= 0 and seen < _ABOVE:
        if lines[k].text.strip():
            more = _header_frags(lines[k], k)
            if more is None or is_column_numbers([f.text for f in more]):
                break
            frags.extend(more)
            start = k
            seen += 1
        elif k < start - 2:
            break
        k -= 1
    k, seen = i + 1, 0
    while k < len(lines) and seen < _BELOW:
        if lines[k].text.strip():
            more = _header_frags(lines[k], k)
            if more is None:
                break
            end = k
            seen += 1
            if is_column_numbers([f.text for f in more]):
                break
            frags.extend(more)
        elif k > end + 2:
            break
        k += 1
    columns = _columns(frags)
    model = model_from_header([[text for text, _, _ in columns]])
    if model.kind is None:
        return None
    return LayoutHeader(model, tuple((s, e) for _, s, e in columns), start, end + 1)


def _columns(frags: Sequence[_Frag]) -> list[tuple[str, int, int]]:
    """Given header fragments of all header lines, return columns as (text, start, end)."""
    labels = [f for f in frags if year_label(f.text) is not None and not is_numbering(f.text)]
    others = [f for f in frags if f not in labels]
    labels = [
        lab for lab in labels if any(f.line != lab.line and f.start < lab.end and lab.start < f.end for f in others)
    ]  # a year label over no sub-header is a column of its own ("Tahun 2016")
    named = sorted((f for f in frags if f not in labels), key=lambda f: (f.start, f.line))
    groups: list[list[_Frag]] = []
    for f in named:
        if (
            groups
            and f.start < max(g.end for g in groups[-1])
            and f.line not in {g.line for g in groups[-1]}
            and all(_stack(g.text, f.text) for g in groups[-1])
        ):
            groups[-1].append(f)
        else:
            groups.append([f])
    out: list[tuple[str, int, int]] = []
    for g in groups:
        g.sort(key=lambda f: (f.line, f.start))
        s, e = min(f.start for f in g), max(f.end for f in g)
        years = [
            str(year_label(lab.text))
            for lab in sorted(labels, key=lambda f: f.line)
            if lab.start < e and s < lab.end and not any(str(year_label(lab.text)) in f.text for f in g)
        ]
        text = " ".join([*(f.text for f in g), *years[-1:]])
        out.append((text, s, e))
    return out
