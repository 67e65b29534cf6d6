"""The office's own budget (pagu, realisasi anggaran, %) from sentences or a budget table."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from lkip.extract.model import RawBudget
from lkip.extract.prose._stream import Prose, finditer_where, sentences_of
from lkip.figures import parse_number, pct_fits

_AMOUNT = re.compile(
    r"(?:Rp\.?\s*)?(?<!\d)(?<!\d[.,])(?P<num>\d{1,3}(?:[.,]\d{3}){2,}(?:,\d{1,2})?)(?:\s*,\s*-+|,-+)?(?![\d])"
    r"|Rp\.?\s*(?P<num2>\d+(?:,\d{1,2})?)(?![\d.,])",
    re.IGNORECASE,
)
_PCT = re.compile(r"(?<![\d.,])(?P<num>\d{1,3}(?:[.,]\d{1,3})?)\s*(?:%|persen\b)", re.IGNORECASE)
_REAL_WORDS = re.compile(
    r"\b(?:realisasi|terealisasi|serapan|penyerapan|terserap|diserap|belanja\s+sebesar)", re.I
)
_REAL_WORDS_NEED = ("realisasi", "serap", "belanja")  # one is in every _REAL_WORDS match
_PAGU_WORDS = re.compile(
    r"\b(?:pagu|alokasi|dialokasikan|anggaran|DIPA|disediakan)", re.IGNORECASE
)
# "total belanja", "jumlah anggaran": the allocation, whatever realisasi words came before it.
_TOTAL_PAGU = re.compile(
    r"\b(?:total|jumlah|keseluruhan)\s+(?:belanja|anggaran|pagu|alokasi|dana)\b", re.IGNORECASE
)
_OTHER_WORDS = re.compile(
    r"\b(?:blokir|sisa|hemat|penghematan|efisiensi|selisih|tidak\s+terserap)", re.I
)
_COMBINED = re.compile(
    r"\b(?:beserta\s+(?:seluruh\s+)?jajaran(?:nya)?|dan\s+jajaran(?:nya)?|se-?\s*jajaran|di\s*lingkup(?:\s+wilayah)?|"
    r"se-?\s*wilayah|seluruh\s+satuan\s+kerja|seluruh\s+satker|termasuk\s+BNN\s*K)",
    re.IGNORECASE,
)
# Where a _COMBINED match can start, searched in the folded stream (Prose.folded).
_COMBINED_STARTS = re.compile(
    r"beserta|dan\s+jajaran|se-?\s*(?:jajaran|wilayah)|di\s*lingkup|seluruh|termasuk"
)
_PART = re.compile(
    r"\b(?:program|kegiatan|output|sub\s*kegiatan)\s+(?:ini|tersebut)\b|"
    r"^\s*(?:\(?(?:\d{1,2}|[a-z])[.)]\s*)?(?:program|kegiatan|sub\s*kegiatan)\b|"
    r"\bbelanja\s+(?:pegawai|barang|modal|operasional|non\s*operasional)\b",
    re.IGNORECASE,
)
_ROW_PCT = re.compile(r"(?<![\d.,])\d{1,3}(?:[.,]\d{1,3})?(?:\s*%)?(?![\d.,]*\d{3}[.,]\d)")
_BROKEN_GROUP = re.compile(r"(?<![\d.,])(\d{1,3})\.\s+(?=\d{3}[.,]\d{3})")
_TITLE_YEAR = re.compile(r"\b(?:Tahun|T\.?\s?A\.?)\s*(?:Anggaran\s*)?(?:19|20)\d\d\W*$", re.IGNORECASE)
_CAPTION = re.compile(r"^\s*(?:Tabel|Table|Gambar|Grafik)\s*\d", re.IGNORECASE)
_REVENUE = re.compile(r"\b(?:pendapatan|penerimaan|PNBP|retribusi)\b", re.IGNORECASE)
_BACK_REFERENCE = re.compile(
    r"\W*(?:dari|adapun|sedangkan)?\s*(?:anggaran|alokasi|pagu|dana)\s+(?:yang|untuk|tersebut)\b", re.I
)
_PART_SUBJECT = re.compile(
    r"\W*(?:(?:pada|untuk|sedangkan|adapun)\s+)?(?:indikator|sasaran|program|kegiatan|sub\s*kegiatan)\b", re.I
)
_TOTAL_ROW = re.compile(r"^\W*(?:jumlah|total|grand\s+total)\b|(?:jumlah|total)\W*$", re.IGNORECASE)
_TOTAL_ROW_NEED = ("jumlah", "total")  # one is in every _TOTAL_ROW match
_HEADER_WORDS = re.compile(
    r"pagu|anggaran|alokasi|dipa|\bdpa\b|realisasi|serapan|blokir|sisa|silpa|persentase|capaian|%|target|"
    r"volume|satuan",
    re.IGNORECASE,
)
_TABLE_LOOKBACK = 40
_COMBINED_PASSAGE = 25
_CUE_WINDOW = 250  # an amount's role is read from at most this many characters before it
_TABLE_LIKE_LINES = 6  # a "sentence" over more lines than this, of short lines, is a table
_SHORT_LINE = 32


_PROGRAM_LINE = re.compile(r"^\W*(?:\d{1,2}[.)]?\s*)?program\b", re.IGNORECASE)
_PK_TITLE = re.compile(r"\b(?:perjanjian|penetapan)\s+kinerja\b", re.IGNORECASE)
_LKIP_TITLE = re.compile(
    r"\b(?:laporan\s+(?:akuntabilitas\s+)?kinerja|LKIP|LAKIP|LKjIP|akuntabilitas\s+kinerja)\b",
    re.IGNORECASE,
)
_OPENING = 12  # stream lines in which a document states what it is
_PROGRAM_WRAP = 5
_CAPTION_LINES = 3  # lines above a table's header that may hold its caption


@dataclass(frozen=True, slots=True)
class BudgetCandidate:
    """One statement of the budget.

    Attributes:
        pagu: Pagu text as printed.
        realisasi: Realisasi text as printed.
        pct: Stated percentage text, if any.
        offset: Stream offset of the pagu amount.
        combined: Whether it is a combined figure (office with its subordinate offices).
        part: Whether it is only a part (one program, one expenditure type).
        source: The sentence or row.

    """

    pagu: str
    realisasi: str | None
    pct: str | None
    offset: int
    combined: bool
    part: bool
    source: str


def extract_budget(prose: Prose) -> RawBudget | None:
    """Given the stream of a report, return the office's own budget, or None when none is stated."""
    candidates = budget_candidates(prose)
    chosen = choose_budget(candidates)
    rule = "budget"
    if chosen is None:
        chosen = pk_document_budget(prose)
        rule = "pk_budget"
    if chosen is None:
        return None
    at = prose.line_at(chosen.offset)
    method = f"{'text' if at.line is not None else 'pdf'}:{rule}"
    return RawBudget(chosen.pagu, chosen.realisasi, chosen.pct, at.at(method, chosen.source))


def pk_document_budget(prose: Prose) -> BudgetCandidate | None:
    """Return the budget of a Perjanjian Kinerja document: its pagu, with no realisasi.

    A PK (not an LKIP) lists the programs funding its targets. Their stated total is the
    pagu; with no total, a single program's amount is, and several programs without a
    total give none (their sum is not stated).
    """
    if not _is_pk_document(prose):
        return None
    programs: dict[str, list[tuple[int, re.Match[str]]]] = {}
    for i in range(len(prose.lines)):
        row = _BROKEN_GROUP.sub(r"\1.", _line(prose, i))
        money = _money(row)
        if _TOTAL_ROW.search(row) and money:
            return _pagu_only(prose, i, row, money[-1])
        head = _PROGRAM_LINE.match(row)
        if head is None or (not money and _HEADER_WORDS.search(row[head.end() :])):
            continue
        name = _AMOUNT.sub(" ", row[head.end() :])
        key = re.sub(r"[^a-z]", "", name.lower().split("rp")[0])
        found = programs.setdefault(key, [])
        found += [(i, m) for m in money]
        if not money:  # the amount on one of the next (wrapped) lines
            for j in range(i + 1, min(len(prose.lines), i + _PROGRAM_WRAP)):
                nxt = _line(prose, j)
                if _PROGRAM_LINE.match(nxt):
                    break
                found += [(j, m) for m in _money(nxt)]
                if found:
                    break
    if len(programs) != 1:
        return None
    amounts = next(iter(programs.values()))
    if len({_key(m.group(0)) for _, m in amounts}) != 1:
        return None
    i, m = amounts[0]
    return _pagu_only(prose, i, _line(prose, i), m)


def _pagu_only(prose: Prose, i: int, row: str, m: re.Match[str]) -> BudgetCandidate:
    offset = prose.starts[i] + max(0, row.find(m.group(0)))
    return BudgetCandidate(_flat(m.group(0)), None, None, offset, False, False, _flat(row))


def _is_pk_document(prose: Prose) -> bool:
    """Return whether the document is a Perjanjian Kinerja itself, not an LKIP containing one."""
    if not prose.lines:
        return False
    opening = prose.text[: prose.starts[min(len(prose.starts) - 1, _OPENING)]]
    if not _PK_TITLE.search(opening) or _LKIP_TITLE.search(opening):
        return False
    return not re.search(r"(?m)^\W*BAB\s+(?:I|1|II|2|III|3)\b", prose.text)


def choose_budget(candidates: Sequence[BudgetCandidate]) -> BudgetCandidate | None:
    """Return the office's budget among the statements found.

    Own figures (not combined, not a part) beat combined ones; among them the largest
    pagu is the whole (an activity's or program's budget is smaller), and of the
    statements of that pagu the first in the document is taken.
    """
    whole = [c for c in candidates if not c.part]
    pool = [c for c in whole if not c.combined] or whole
    if not pool:
        return None
    top = max(int(_key(c.pagu) or 0) for c in pool)
    return min((c for c in pool if int(_key(c.pagu) or 0) == top), key=lambda c: c.offset)


def budget_candidates(prose: Prose) -> list[BudgetCandidate]:
    """Return every statement of pagu and realisasi in the report, combined figures marked."""
    found = list(_sentence_candidates(prose)) + list(_table_candidates(prose))
    combined_totals = _combined_totals(prose)
    out = []
    for c in found:
        if not c.combined and _key(c.pagu) in combined_totals:
            c = BudgetCandidate(c.pagu, c.realisasi, c.pct, c.offset, True, c.part, c.source)
        out.append(c)
    return sorted(out, key=lambda c: c.offset)


def _sentence_candidates(prose: Prose) -> Iterator[BudgetCandidate]:
    text = prose.text
    folded = prose.folded()
    previous = ""
    for start, end in _sentences(prose):
        sentence, before, previous = text[start:end], previous, text[start:end]
        if not any(folded.find(w, start, end) >= 0 for w in _REAL_WORDS_NEED):
            continue  # no realisasi words (the test below), found without a regex
        amounts = list(_AMOUNT.finditer(sentence))
        if len(amounts) < 2 or not _REAL_WORDS.search(sentence) or _is_table_like(sentence):
            continue
        pagu = real = None
        prev = 0
        for m in amounts:
            role = _role(sentence[max(prev, m.start() - _CUE_WINDOW) : m.start()])
            prev = m.end()
            if role == "realisasi" and real is None:
                real = m
            elif role == "pagu" and pagu is None:
                pagu = m
        if pagu is None or real is None:
            continue
        pct = _PCT.search(sentence, min(pagu.end(), real.end()))
        yield BudgetCandidate(
            pagu=_flat(pagu.group(0)),
            realisasi=_flat(real.group(0)),
            pct=_flat(pct.group(0)) if pct else None,
            offset=start + pagu.start(),
            combined=bool(_COMBINED.search(sentence)),
            part=bool(_PART.search(sentence)) or _continues_a_part(sentence, before),
            source=_flat(sentence),
        )


def _sentences(prose: Prose) -> Iterator[tuple[int, int]]:
    """Yield the sentence spans of the stream, a list item ("1.", "a)") starting a new one."""
    cuts = [0, *prose.item_starts(), len(prose.text)]
    for a, b in zip(cuts, cuts[1:], strict=False):
        yield from sentences_of(prose.text[a:b], base=a)


def _continues_a_part(sentence: str, before: str) -> bool:
    """Return whether a sentence gives the budget of what the sentence before spoke of.

    "Indikator X ... hanya terealisasi 88,59%. Dari anggaran yang telah dialokasikan sebesar
    Rp ... telah terealisasi Rp ...": the budget of that indicator, not of the office.
    """
    return bool(_BACK_REFERENCE.match(sentence) and _PART_SUBJECT.match(before))


def _is_table_like(sentence: str) -> bool:
    """Return whether a "sentence" is really table cells: many short lines."""
    lines = [t for t in sentence.split("\n") if t.strip()]
    return len(lines) > _TABLE_LIKE_LINES and (
        sum(len(t) for t in lines) / len(lines) < _SHORT_LINE
    )


def _role(words: str) -> str | None:
    """Class the amount that follows ``words`` (the text since the previous amount).

    Realisasi words beat allocation words ("serapan anggaran sebesar"), except those
    before a total's name ("... dengan total belanja sebesar").
    """
    if _OTHER_WORDS.search(words):
        return None
    totals = list(_TOTAL_PAGU.finditer(words))
    total = totals[-1] if totals else None
    real = _REAL_WORDS.search(words, total.end() if total else 0)
    if real:
        return "realisasi"
    if total or _PAGU_WORDS.search(words):
        return "pagu"
    return None


def _table_candidates(prose: Prose) -> Iterator[BudgetCandidate]:
    for i in prose.lines_naming(_TOTAL_ROW_NEED):
        row = _line(prose, i)
        if not _TOTAL_ROW.search(row):
            continue
        if len(_money(row)) < 2 and i + 1 < len(prose.lines) and not _money(row):
            row_no = i + 1  # the label alone, its figures on the next line
            row = f"{row} {_line(prose, row_no)}"
        else:
            row_no = i
        row = _BROKEN_GROUP.sub(r"\1.", row)
        money = _money(row)
        if len(money) < 2:
            continue
        chosen = _read_total_row(prose, i, row, money)
        if chosen is None:
            continue
        roles, (pagu, real) = chosen
        pct = _stated_pct(row, pagu, real, roles)
        yield BudgetCandidate(
            pagu=_flat(pagu.group(0)),
            realisasi=_flat(real.group(0)),
            pct=pct,
            offset=prose.starts[row_no] + max(0, _line(prose, row_no).find(pagu.group("num") or "")),
            combined=False,  # a table's total is combined when its passage says so
            part=False,
            source=_flat(row),
        )


def _read_total_row(
    prose: Prose, i: int, row: str, money: Sequence[re.Match[str]]
) -> tuple[list[str], tuple[re.Match[str], re.Match[str]]] | None:
    """Return the header roles and the pagu and realisasi of the total row at line ``i``.

    The header is read up to the table's caption, and again past a caption line that
    names the year (it may be a column, "DPA T.A 2016"): a reading whose pair the row's
    percentage confirms wins, else the nearer one.
    """
    pcts = _row_pcts(row)
    readings = []
    for near in (True, False):
        header = _header_above(prose, i, stop_at_year=near)
        if header is None:
            continue
        roles = _header_roles(header)
        pair = _pagu_and_realisasi([r for r in roles if r != "pct"], money, row)
        if pair is not None:
            readings.append((roles, pair))
    confirmed = [r for r in readings if any(_gives(*r[1], p) for p in pcts)]
    return (confirmed or readings or [None])[0]


def _line(prose: Prose, i: int) -> str:
    end = prose.starts[i + 1] - 1 if i + 1 < len(prose.starts) else len(prose.text)
    return prose.text[prose.starts[i] : end]


def _money(row: str) -> list[re.Match[str]]:
    """Return the money amounts of a row (three or more digit groups)."""
    return [m for m in _AMOUNT.finditer(row) if m.group("num")]


def _row_pcts(row: str) -> list[re.Match[str]]:
    """Return the percentage-like figures of a row that are not part of an amount."""
    spans = [(m.start(), m.end()) for m in _money(row)]
    return [m for m in _ROW_PCT.finditer(row) if not any(a <= m.start() < b for a, b in spans)]


def _gives(pagu: re.Match[str], real: re.Match[str], pct: re.Match[str]) -> bool:
    """Return whether realisasi / pagu x 100 gives the percentage as printed (:func:`lkip.figures.pct_fits`)."""
    return pct_fits(_value(pagu), pagu.group(0), _value(real), real.group(0),
                    parse_number(pct.group(0), measure="percent").value, pct.group(0)) is not None


def _stated_pct(
    row: str, pagu: re.Match[str], real: re.Match[str], roles: Sequence[str]
) -> str | None:
    """Return the row's percentage of realisasi: the one the amounts give, else the header's.

    A percentage that the amounts do not give is still the stated one when the header
    puts a percentage column right after the realisasi (a wrong figure is worth a flag).
    """
    pcts = [m for m in _row_pcts(row) if m.start() > real.end()]
    for m in pcts:
        if _gives(pagu, real, m):
            return _flat(m.group(0))
    i = roles.index("realisasi") if "realisasi" in roles else -1
    if pcts and 0 <= i < len(roles) - 1 and roles[i + 1] == "pct":
        return _flat(pcts[0].group(0))
    return None


def _pagu_and_realisasi(
    roles: Sequence[str], money: Sequence[re.Match[str]], row: str
) -> tuple[re.Match[str], re.Match[str]] | None:
    """Return the pagu and realisasi amounts of a total row.

    The header's money columns name them. When the header names only one of them, the
    other is the amount (before the realisasi, after the pagu) whose ratio to it the row
    states as a percentage.
    """
    by_role = dict(zip(roles, money, strict=False))
    pagu, real = by_role.get("pagu"), by_role.get("realisasi")
    if pagu is not None and real is not None:
        return pagu, real
    pcts = _row_pcts(row)
    for x in range(len(money)):
        for y in range(x + 1, len(money)):
            if pagu is not None and money[x] is not pagu or real is not None and money[y] is not real:
                continue
            if any(_gives(money[x], money[y], p) for p in pcts):
                return money[x], money[y]
    return None


def _value(m: re.Match[str] | None) -> float | None:
    return parse_number(m.group(0), measure="money").value if m else None


def _header_above(prose: Prose, row: int, stop_at_year: bool = True) -> str | None:
    """Return the header text of the table whose total row is ``row``, or None.

    Going up from the total row, the table's figure rows and wrapped labels are passed
    over; header cells (lines without amounts) are gathered, possibly one per line as PDF
    text gives them, until a sentence, a caption or another table's total. The header
    must name an allocation and a realisasi; revenue tables (pendapatan) have none.
    """
    cells: list[str] = []
    stop = max(0, row - _TABLE_LOOKBACK)
    for i in range(row - 1, max(-1, row - _TABLE_LOOKBACK), -1):
        t = _line(prose, i)
        if _TOTAL_ROW.search(t) and _money(t):
            stop = i + 1
            break  # the previous table's total
        if _is_sentence(t) or _CAPTION.match(t) or (stop_at_year and _TITLE_YEAR.search(t)):
            stop = i
            break  # the caption's lines are not column headers
        if not _money(t):
            cells.append(t)
    header = " ".join(reversed(cells))
    caption = " ".join(_line(prose, j) for j in range(max(0, stop - _CAPTION_LINES), stop + 1))
    if _REVENUE.search(header) or _REVENUE.search(caption):
        return None
    if re.search(r"\b(?:realisasi|serapan)\b", header, re.I) and re.search(
        r"pagu|anggaran|alokasi|dipa|dpa\b", header, re.I
    ):
        return header
    return None


def _is_sentence(line: str) -> bool:
    """Return whether a line is running text: long, with lower-case words, or a lead-in."""
    lower = sum(1 for w in line.split() if w[:1].islower())
    return line.rstrip().endswith(":") or (len(line) > 60 and lower >= 4)


def _header_roles(header: str) -> list[str]:
    """Return the roles of the header's columns in order: pagu, blokir, realisasi, pct, sisa.

    Words naming one column are merged ("Pagu DIPA", "Sisa Anggaran", "% Realisasi",
    "Realisasi (%)" is a percentage column).
    """
    roles: list[str] = []
    prev = None
    prev_end = 0
    for m in _HEADER_WORDS.finditer(header):
        between = header[prev_end : m.start()]
        prev_end = m.end()
        w = m.group(0).lower()
        if w in ("pagu", "anggaran", "alokasi", "dipa", "dpa"):
            role = "pagu"
        elif w in ("realisasi", "serapan"):
            role = "realisasi"
        elif w in ("%", "persentase", "capaian"):
            role = "pct"
        elif w in ("silpa", "sisa"):
            role = "sisa"
        else:
            role = w
        pct_of_real = role == "realisasi" and prev == "pct" and not between.strip()
        if role == "pct" and prev == "realisasi" and not between.strip(" ("):
            roles[-1] = "pct"  # "Realisasi (%)": a percentage column, not money
            prev = role
            continue
        if (role == prev == "pagu") or (role == "pagu" and prev in ("sisa", "blokir")) or (
            pct_of_real and role == "realisasi"
        ):
            continue
        prev = role
        roles.append(role if role not in roles or role == "pct" else f"{role}2")
    return roles


def _combined_totals(prose: Prose) -> set[str]:
    """Return the combined amounts: the largest amount of each passage that says so."""
    totals = set()
    text = prose.text
    for m in finditer_where(_COMBINED, text, prose.folded(), _COMBINED_STARTS):
        i = prose.index_at(m.start())
        start = prose.starts[i]
        end_line = min(len(prose.lines), i + _COMBINED_PASSAGE)
        end = prose.starts[end_line] if end_line < len(prose.starts) else len(text)
        passage = text[start:end]
        heading = re.search(r"\n(?:BAB\s+[IVX\d]+\b|[A-H]\.\s+[A-Z])", passage)
        if heading:
            passage = passage[: heading.start()]
        amounts = [a.group(0) for a in _AMOUNT.finditer(passage)]
        if amounts:
            totals.add(_key(max(amounts, key=lambda a: float(_key(a) or 0))))
    return totals


def _key(amount: str) -> str:
    """Return the digits of an amount's integer part ("Rp. 7.988.525,00" -> "7988525")."""
    t = re.sub(r"[^\d.,]", "", amount).rstrip(",.")
    t = re.sub(r"[.,]\d{1,2}$", "", t)
    return re.sub(r"\D", "", t)


def _flat(text: str) -> str:
    return " ".join(text.split())
