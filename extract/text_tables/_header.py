"""Table headers printed as text lines (one per line or tab-separated) read into a column model."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from lkip.extract.model import TextLine
from lkip.extract.tables import TableModel, is_header_row, model_from_header

# Header words in the compact (lower case, no spaces) text, longest alternatives first.
_TOKENS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("yeargroup", r"(?:tahun(?:anggaran)?|t\.?a\.?)\(?(?:19|20)\d{2}\)?"),
        ("budget", r"(?:kebutuhan)?(?:pendanaan|anggaran|pagu)(?:\(rp\)|rp)?"),
        ("sasaran", r"sasaran(?:strategis|kegiatan|program|kinerja|satker)*"),
        ("indicator", r"indikator(?:kinerja)?(?:utama|kegiatan|program|sasaran)?"),
        ("target", r"target(?:kinerja)?(?:/?volume)?"),
        ("realisasi", r"realisasi(?:kinerja)?"),
        ("pct", r"capaian(?:kinerja)?(?:\(%\)|%)|persentase|presentase|prosentase|\(%\)|%"),
        ("capaian", r"capaian(?:kinerja)?"),
        ("office", r"satker|satuankerja|unitkerja"),
        ("unit", r"satuan|sat\.?"),
        ("year_col", r"t\.a\.?|tahunanggaran|tahun"),
        ("other", r"kegiatan|program|kode(?:kegiatan)?|keterangan|kategori|uraian|kinerja|output|sumber|data"),
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


#: The token patterns as one alternation: at each position the first that matches wins, as in _TOKENS' order.
_TOKEN_RE = re.compile("|".join(f"(?P<{name}>{pattern.pattern})" for name, pattern in _TOKENS))


@lru_cache(maxsize=8192)
def _scan(compact: str) -> tuple[tuple[tuple[str, str], ...], int]:
    """Given compact header text, return its header tokens and the count of unread characters."""
    tokens: list[tuple[str, str]] = []
    pos = residue = 0
    while pos < len(compact):
        m = _TOKEN_RE.match(compact, pos)
        if m and m.end() > pos:
            tokens.append((m.lastgroup or "", m.group(0)))
            pos = m.end()
        else:
            residue += 1
            pos += 1
    return tuple(tokens), residue


def reads_as_header(text: str) -> bool:
    """Return whether a line consists of table header words only ("No Sasaran Indikator")."""
    tokens, residue = _scan(_compact(text))
    return residue <= 1 and any(n not in ("colno", "sep", "year") for n, _ in tokens)


def names_columns(text: str) -> bool:
    """Return whether a line reads as the header of some table ("Program Anggaran (Rp) Keterangan").

    Two or more capitalised header words with little else (a typo such as "Keteragan"
    allowed) and no figures head another table, even one that is not an LKIP table.
    """
    words = text.split()
    if any(ch.isdigit() for ch in text) or not all(w[:1].isupper() or not w[:1].isalpha() for w in words):
        return False  # header cells are capitalised words, without figures
    compact = _compact(text)
    tokens, residue = _scan(compact)
    named = [n for n, _ in tokens if n not in ("colno", "sep", "year")]
    return len(named) >= 2 and residue * 3 <= len(compact)


def _cells_of(tokens: Sequence[tuple[str, str]]) -> list[str]:
    """Given header tokens, return header cell texts in column order, years bound to columns.

    A group label "Tahun (2016)" / "TA 2016" above value sub-columns gives its year to
    the target/realisasi columns after it; a bare "Capaian" above a later bare "%" is
    that column's group label, not a column of its own.
    """
    tokens = _group_sub_columns(tokens)
    cells: list[str] = []
    kinds: list[str] = []
    group_year = ""
    drop_capaian = _capaian_above_percent(tokens)
    i = 0
    while i < len(tokens):
        name, text = tokens[i]
        if name in ("colno", "sep"):
            i += 1
            continue
        if name == "yeargroup":
            group_year = re.sub(r"\D", "", text)
            i += 1
            continue
        if name == "capaian" and drop_capaian:
            i += 1
            continue
        if name in ("target", "realisasi") and group_year and not _next_is_year(tokens, i):
            cells.append(f"{_LABELS[name]} {group_year}")
            kinds.append(name)
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


_SUB = ("unit", "target", "realisasi")


def _group_sub_columns(tokens: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """Return tokens with year groups' sub-columns moved right under their labels.

    A text dump prints a two-row header row by row: "Tahun 2016 | Capaian (%) | Sumber"
    and then the group's sub-columns "Target | Realisasi". The first run of satuan /
    target / realisasi words after a "Tahun 2016" label belongs to that label; labels
    side by side ("Tahun 2015 | Tahun 2016") share the run evenly, in order.
    """
    out = list(tokens)
    pos = 0
    while True:
        names = [n for n, _ in out]
        labels = [j for j in range(pos, len(out)) if names[j] == "yeargroup"]
        if not labels:
            return out
        cluster = [labels[0]]
        for j in labels[1:]:
            if all(n in ("sep", "colno") for n in names[cluster[-1] + 1 : j]):
                cluster.append(j)
            else:
                break
        last = cluster[-1]
        k = next((j for j in range(last + 1, len(out)) if names[j] in _SUB), None)
        if k is None:
            return out
        end = k
        while end < len(out) and names[end] in _SUB:
            end += 1
        run = out[k:end]
        adjacent = all(n in ("sep", "colno") for n in names[last + 1 : k])
        if adjacent and len(cluster) == 1 or len(run) % len(cluster):
            pos = last + 1
            continue
        size = len(run) // len(cluster)
        rebuilt = out[: cluster[0]]
        for n, g in enumerate(cluster):
            rebuilt += [out[g], *run[n * size : (n + 1) * size]]
        rebuilt += [t for j, t in enumerate(out[last + 1 :], start=last + 1) if not k <= j < end]
        out = rebuilt
        pos = cluster[0] + len(cluster) + len(run)


def _capaian_above_percent(tokens: Sequence[tuple[str, str]]) -> bool:
    """Return whether a bare "Capaian" label has a bare "%" column after it (one column)."""
    names = [n for n, _ in tokens]
    if names.count("capaian") != 1:
        return False
    k = names.index("capaian")
    return any(n == "pct" and t in ("%", "(%)") for n, t in tokens[k + 1 :])


def _next_is_year(tokens: Sequence[tuple[str, str]], i: int) -> bool:
    """Return whether the token after ``i`` (separators skipped) is a year."""
    for name, _ in tokens[i + 1 :]:
        if name != "sep":
            return name == "year"
    return False


def read_header(
    lines: Sequence[TextLine], start: int, *, max_lines: int = 48
) -> HeaderBlock | None:
    """Given lines and an index, return the header block starting there, or None.

    The first line must consist of header words only and name a strong column
    (sasaran, indikator, target, realisasi, no); a line longer than a header cell is
    taken only when it holds nothing but header words (a whole header on one line). Following non-blank lines join while
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
    if not first or "\t" in first or (len(first) > _MAX_LINE and not reads_as_header(first)):
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
        if len(t) > _MAX_LINE and not reads_as_header(t):
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
