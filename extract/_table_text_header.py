"""Read a table header from a raw text dump, where header cells are broken over lines.

PDF-to-text tools print a header such as ``Sasaran Kegiatan | Indikator Kinerja |
Target 2024 | Realisasi 2024 | Capaian (%)`` as a run of short lines ("SasaranKegiatan
Indikator Kinerja Kegiatan Target", "2024", "Realisasi", "2024", "Capaian", "(%)"),
sometimes letter-spaced ("T a r g e t") or cut inside words ("TARGE" + "T"), often
followed by a column-number row ("1 2 3 4", "(1) (2) (3)"). The header is read from the
run's letters with spaces removed, so broken words join again; column order is the
order of the header words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from lkip.extract._records import TextLine
from lkip.extract._tables import TableModel, is_header_row, model_from_header

__all__ = ["HeaderBlock", "read_header", "read_tab_header"]

# Header words in the compact (lower case, no spaces) text, longest alternatives first.
_TOKENS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("budget", r"(?:kebutuhan)?(?:pendanaan|anggaran|pagu)(?:\(rp\)|rp)?"),
        ("sasaran", r"sasaran(?:strategis|kegiatan|program|kinerja|satker)*"),
        ("indicator", r"indikator(?:kinerja)?(?:utama|kegiatan|program|sasaran)?"),
        ("target", r"target(?:kinerja)?(?:/?volume)?"),
        ("realisasi", r"realisasi(?:kinerja)?"),
        ("pct", r"capaian(?:kinerja)?(?:\(%\)|%)|persentase|presentase|prosentase|\(%\)|%"),
        ("capaian", r"capaian(?:kinerja)?"),
        ("unit", r"satuan"),
        ("office", r"satker|satuankerja|unitkerja"),
        ("year_col", r"t\.a\.?|tahunanggaran|tahun"),
        ("other", r"kegiatan|program|kode(?:kegiatan)?|keterangan|kategori|uraian|kinerja|output"),
        ("no", r"no\.?|nomor"),
        ("year", r"(?:19|20)\d{2}"),
        ("colno", r"\(\d{1,2}\)|\d{1,2}"),
        ("sep", r"[/|.,:\-*]"),
    )
)
_LABELS = {
    "budget": "Anggaran",
    "sasaran": "Sasaran",
    "indicator": "Indikator",
    "target": "Target",
    "realisasi": "Realisasi",
    "pct": "Capaian (%)",
    "capaian": "Capaian",
    "unit": "Satuan",
    "office": "Satker",
    "year_col": "T.A",
    "other": "Kegiatan",
    "no": "No",
}
_STRONG = {"sasaran", "indicator", "target", "realisasi", "no"}
_MAX_LINE = 60  # header lines are short: a longer line is prose


@dataclass(frozen=True, slots=True)
class HeaderBlock:
    """A table header found in the lines.

    Attributes:
        model: The column model.
        start: Index (into the line list) of the header's first line.
        end: Index just past the header's last line.

    """

    model: TableModel
    start: int
    end: int


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


def _scan(compact: str) -> tuple[list[tuple[str, str]], int]:
    """Given compact header text, return its header tokens and the count of unread characters."""
    tokens: list[tuple[str, str]] = []
    pos = residue = 0
    while pos < len(compact):
        for name, pattern in _TOKENS:
            m = pattern.match(compact, pos)
            if m and m.end() > pos:
                tokens.append((name, m.group(0)))
                pos = m.end()
                break
        else:
            residue += 1
            pos += 1
    return tokens, residue


def _cells_of(tokens: Sequence[tuple[str, str]]) -> list[str]:
    """Given header tokens, return header cell texts in column order, years bound to columns."""
    cells: list[str] = []
    kinds: list[str] = []
    i = 0
    while i < len(tokens):
        name, text = tokens[i]
        if name in ("colno", "sep"):
            i += 1
            continue
        if name == "year":
            run = [text]
            while i + 1 < len(tokens) and tokens[i + 1][0] == "year":
                i += 1
                run.append(tokens[i][1])
            bindable = (
                kinds
                and kinds[-1] in ("target", "realisasi", "capaian", "pct")
                and not re.search(r"\d{4}$", cells[-1])
            )
            if len(run) == 1 and bindable:
                cells[-1] = f"{cells[-1]} {run[0]}"
            else:
                cells.extend(run)
                kinds.extend("year" for _ in run)
            i += 1
            continue
        if (
            name == "other"
            and kinds
            and kinds[-1] in ("sasaran", "indicator", "target", "other")
            and text
            in (
                "kegiatan",
                "kinerja",
                "program",
            )
        ):
            i += 1  # "Indikator Kinerja / Kegiatan" wrapped: one column
            continue
        if name == "no" and cells:
            i += 1  # "no" only opens a header
            continue
        cells.append(_LABELS[name])
        kinds.append(name)
        i += 1
    return cells


def read_header(
    lines: Sequence[TextLine], start: int, *, max_lines: int = 48
) -> HeaderBlock | None:
    """Given lines and an index, return the header block starting there, or None.

    The first line must consist of header words only and name a strong column
    (sasaran, indikator, target, realisasi, no). Following non-blank lines join while
    the joined text still reads as header words; a word cut over two lines
    ("TARGE" + "T") is joined by looking one line ahead.

    Args:
        lines: The document's lines.
        start: Index of the candidate first line.
        max_lines: Longest header run considered.

    Returns:
        The header with its column model, or None when the run is not a table header
        (its model has no table kind).

    """
    first = lines[start].text.strip()
    if not first or len(first) > _MAX_LINE or "\t" in first:
        return None
    tokens, residue = _scan(_compact(first))
    if not any(n in _STRONG for n, _ in tokens):
        return None
    texts = [first]
    end = j = start + 1
    if residue > 1:  # a word cut at the line's end ("Target Realis" + "asi")
        k = _next_filled(lines, start + 1)
        if k is None or len(lines[k].text.strip()) > 12:
            return None
        texts.append(lines[k].text.strip())
        if _scan(_compact(" ".join(texts)))[1] > 1:
            return None
        end = j = k + 1
    while j < len(lines) and j - start < max_lines:
        t = lines[j].text.strip()
        if not t:
            j += 1
            continue
        if len(t) > _MAX_LINE:
            break
        if _scan(_compact(" ".join([*texts, t])))[1] <= 1:
            texts.append(t)
            j += 1
            end = j
            continue
        k = _next_filled(lines, j + 1)
        if k is not None and len(lines[k].text.strip()) <= _MAX_LINE and len(t) <= 12:
            two = " ".join([*texts, t, lines[k].text.strip()])
            if _scan(_compact(two))[1] <= 1:
                texts.extend([t, lines[k].text.strip()])
                j = k + 1
                end = j
                continue
        break
    tokens, _ = _scan(_compact(" ".join(texts)))
    model = model_from_header([_cells_of(tokens)])
    if model.kind is None:
        return None
    return HeaderBlock(model, start, end)


def _next_filled(lines: Sequence[TextLine], k: int) -> int | None:
    """Return the index of the first non-blank line at or after ``k``, or None."""
    while k < len(lines) and not lines[k].text.strip():
        k += 1
    return k if k < len(lines) else None


def read_tab_header(lines: Sequence[TextLine], start: int) -> HeaderBlock | None:
    """Given lines and an index, return a tab-separated header starting there, or None.

    A second tab-separated header line (sub-columns under year cells) joins the first.
    """
    text = lines[start].text
    if "\t" not in text:
        return None
    rows = [text.split("\t")]
    if not is_header_row(rows[0]):
        return None
    end = start + 1
    if end < len(lines) and "\t" in lines[end].text and is_header_row(lines[end].text.split("\t")):
        rows.append(lines[end].text.split("\t"))
        end += 1
    model = model_from_header(rows)
    if model.kind is None:
        return None
    return HeaderBlock(model, start, end)
