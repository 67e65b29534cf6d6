"""The executive summary's per-indicator claims and its count claims."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from lkip.extract.model import RawCapaianRow, RawCountClaim, SourceKind, TextLine
from lkip.extract.prose._meta import reported_year_of
from lkip.extract.prose._stream import Prose, find_heading, sentences_of, years_mentioned
from lkip.extract.vocab import opens_indicator, opens_sasaran
from lkip.figures import parse_number

_SUMMARY_HEADING = re.compile(
    r"^(?:\d+\.?\s*|[A-Z]\.\s*)?(?:IKHTISAR|RINGKASAN|RANGKUMAN|IHTISAR)\s+EKSEKUTIF\b|"
    r"^(?:EXECUTIVE|EKSEKUTIF)\s+SUMMARY\b"
)
_BODY_HEADING = re.compile(
    r"^(?:BAB\s+(?:I|1|II|2|III|3)(?![IVX\d])|(?:[IVX\d]+\.?\s*)?PENDAHULUAN$|KATA\s+PENGANTAR$|"
    r"DAFTAR\s+(?:ISI|TABEL|GAMBAR|GRAFIK|LAMPIRAN)$)"
)
_BAB_III = re.compile(r"^BAB\s+(?:III|3)(?![IVX\d])")
_BAB_IV = re.compile(r"^BAB\s+(?:IV|4)(?![IVX\d])")

_NUM = r"\d+(?:[.,]\d+)*"
_STOP = (
    r"(?:tercapai|capaian|capaiannya|realisasi|realisasinya|terealisasi|dicapai|dan|dengan|atau|serta|"
    r"yang|target|targetnya|sedangkan|sehingga|namun|tetapi|pada|di|dari|untuk|sebesar|sebanyak|hasil|"
    r"mencapai|berhasil|telah|tahun|sesuai|melebihi|indikator)"
)
_UNIT_WORD = rf"(?!{_STOP}\b)[A-Za-z][A-Za-z/\-]*\d*"
_VALUE = rf"{_NUM}(?:\s*%)?(?:[ \t]*\n?[ \t]*{_UNIT_WORD}){{0,3}}"
_FILL = (
    r"(?:\s*(?::|sebanyak|sebesar|senilai|yaitu|adalah|indeks|nilai|yang\s+ditetapkan|"
    r"(?:pada\s+)?tahun\s+20\d\d))*"
)
_REAL_KW = r"(?:tercapai|terealisasi|realisasi(?:nya)?|capaian(?:nya)?|dicapai|capai)"
_JOIN = (
    r"\s*(?:[,;/]\s*)?(?:\b(?:dan|dengan|sedangkan|serta)\b\s*)?(?:\b(?:telah|berhasil|dapat)\s+)*"
)
_PCT = (
    rf"(?:\s*\(\s*(?P<p1>{_NUM}\s*%?)\s*\)"
    rf"|\s*,?\s*(?:atau|dengan\s+capaian(?:\s+kinerja)?)\s*(?:sebesar\s*)?(?P<p2>{_NUM}\s*%))?"
)
_CLAIM = re.compile(
    rf"\btarget(?:nya)?\b{_FILL}\s*(?P<t>{_VALUE}){_JOIN}\b{_REAL_KW}\b{_FILL}\s*(?P<r>{_VALUE}){_PCT}",
    re.IGNORECASE,
)
_CLAIM_REVERSED = re.compile(
    rf"\b(?:realisasi(?:nya)?|capaian(?:nya)?|tercapai)\b{_FILL}\s*(?P<r>{_VALUE})\s*(?:,\s*)?"
    rf"\bdari\s+target(?:nya)?\b{_FILL}\s*(?P<t>{_VALUE}){_PCT}",
    re.IGNORECASE,
)
_INDICATOR_HEAD = (
    r"(?:jumlah|nilai|indeks|index|persentase|presentase|prosentase|tingkat|rata-rata|rasio|angka|laju|"
    r"prevalensi|skor|proporsi|cakupan|predikat|opini|kualitas|luas|panjang)\b"
)
_INDICATOR_LEAD = re.compile(
    rf"\b(?:indikator(?:\s+kinerja)?(?:\s+(?:kegiatan|utama|sasaran))?|yakni|yaitu|dengan|dan)\s+(?={_INDICATOR_HEAD})",
    re.IGNORECASE,
)
_LEADING_JUNK = re.compile(
    r"^(?:[\s,;:.\-–•*]|\(?(?:[a-z]|\d{1,2}|[ivx]{1,4})[.)]\s|dan\b|serta\b|sedangkan\b|yaitu\b|yakni\b|"
    r"adalah\b|dengan\b|untuk\b|indikator(?:\s+kinerja)?(?:\s+kegiatan)?\b)+",
    re.IGNORECASE,
)
_TRAILING_JUNK = re.compile(
    r"(?:[\s,:;]|\b(?:dengan|sebesar|sebanyak|yaitu|yakni|adalah|mencapai|nilai|yang\s+ditetapkan))+$",
    re.IGNORECASE,
)
_MARKER = re.compile(r"\s*\(?(?:[a-z]|\d{1,2}|[ivx]{1,4})[.)]\s+|\s*[•●▪◦\-–*]\s+", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[;:]|(?<=[^\d\s][.!?])\s+(?=[A-Z])")

_COUNT = re.compile(
    r"(?<![\d.,/])(?P<n>\d{1,3})(?:\s*\([A-Za-z\s\-]+\)\s+|[ \t]+)(?P<subject>sasaran|indikator)\b"
    r"(?P<tail>(?:\s+(?:kinerja|kegiatan|strategis|program|utama|sasaran))*)(?!\s+(?:ini|tersebut)\b)",
    re.IGNORECASE,
)
_PLAN_DOCUMENT = re.compile(  # the plans of the office or of its region, not the year's report
    r"\b(?:renstra|rencana\s+strategis|rpjmd?|rpjmn|renproja|rkpd|"
    r"(?:strategi|tema|prioritas|arah\s+kebijakan)\s+pembangunan)\b",
    re.IGNORECASE,
)
_CHANGE_BEFORE = re.compile(
    r"\b(?:berkurang|bertambah|selisih|penambahan|pengurangan|kurang|lebih)\s*$", re.I
)
_ABOVE = re.compile(
    r"\b(?:melebihi|melampaui|di\s*atas|lebih\s+dari|lebih\s+tinggi\s+dari)\s+target", re.IGNORECASE
)
_BELOW = re.compile(
    r"\b(?:tidak|belum)\s+(?:(?:bisa|dapat|berhasil)\s+)?(?:mencapai|memenuhi|tercapai|terpenuhi)|\b(?:di\s*bawah|kurang\s+dari)\s+target",
    re.IGNORECASE,
)
_AT = re.compile(
    r"\b(?:sesuai(?:\s+dengan)?|mencapai|memenuhi|sama\s+dengan|tepat)\s+target|\btercapai\b|\(\s*100\s*%\s*\)",
    re.IGNORECASE,
)
_PART_OF_WHOLE = re.compile(
    r"\b(?:bidang|bagian|seksi|sub\s*bagian|subbag|masing-masing|setiap|tiap)\b|"
    r"\bsasaran\s+(?:ini|tersebut)\b(?!\s+(?:terbagi|terdiri|dijabarkan|meliputi))|"
    r"\bsasaran\s+(?:kegiatan\s+|strategis\s+)?(?:(?:tersebut\s+)?di\s*atas|pertama|kedua|ketiga|keempat|kelima|"
    r"keenam|ketujuh|kedelapan|kesembilan|kesepuluh|ke-?\d+)\b",
    re.IGNORECASE,
)
_OVERALL = re.compile(
    rf"\b(?:rata\s*-?\s*rata\s+)?(?:pen)?capaian\s+(?:indikator\s+)?kinerja\b(?P<mid>[^.;%]{{0,120}}?)"
    rf"\b(?:sebesar|mencapai|adalah|yaitu|rata\s*[-–]\s*rata)\s*(?:sebesar\s*)?(?P<v>{_NUM})\s*%",
    re.IGNORECASE,
)
_OVERALL_NOT = re.compile(
    rf"\b(?:ini|tersebut|output|keluaran|anggaran|keuangan|fisik|realisasi|{_INDICATOR_HEAD})",
    re.IGNORECASE,
)
_ONE_SASARAN = re.compile(
    r"sasaran\s*(?:strategis\s*|kegiatan\s*|program\s*)?(?:ke-?\s*)?(?:\d+|[IVX]+\b|pertama|kedua|"
    r"ketiga|keempat|kelima|keenam|ketujuh|kedelapan|kesembilan|kesepuluh)\s*[:.)\-–]",
    re.IGNORECASE,
)
_ALL_SASARAN = re.compile(
    r"(?<![\d.,])(?:[2-9]|\d{2})\s*(?:\([A-Za-z\s\-]+\)\s*)?sasaran\b|"
    r"\b(?:seluruh|semua|keseluruhan)\s+(?:\w+\s+)?sasaran\b",
    re.IGNORECASE,
)
_ITEM_SCOPE = 8  # stream lines a list item's subject governs
_LEAD_IN = re.compile(r"(?::|sebagai\s+berikut|antara\s+lain|meliputi)\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Section:
    """A span of the stream: ``[start, end)`` character offsets."""

    start: int
    end: int


def extract_summary_claims(prose: Prose) -> list[RawCapaianRow]:
    """Given the stream of a report, return the executive summary's per-indicator claims."""
    section = summary_section(prose)
    if section is None:
        return []
    year = reported_year_of(prose)
    rows: list[RawCapaianRow] = []
    for clause_start, m in _claims_in(prose, section):
        if _about_other_year(prose, clause_start, m.start(), year):
            continue
        indicator = _indicator_text(prose.text[clause_start : m.start()])
        if not indicator:
            continue
        anchor = clause_start if prose.is_item_start(clause_start) else m.start()
        at = prose.line_at(anchor)
        pct = m.group("p1") or m.group("p2")
        rows.append(
            RawCapaianRow(
                source_kind=SourceKind.EXECUTIVE_SUMMARY,
                row_no=len(rows) + 1,
                indicator_text=indicator,
                target_text=_flat(m.group("t")),
                realisasi_text=_flat(m.group("r")),
                pct_text=_flat(pct) if pct else None,
                unit_text=None,
                where=at.at(
                    _method(at, "executive_summary"), _flat(prose.text[clause_start : m.end()])
                ),
            )
        )
    return rows


def extract_count_claims(prose: Prose) -> list[RawCountClaim]:
    """Given the stream of a report, return its count claims about the reported year.

    Subjects: ``sasaran``, ``indicators`` (how many), ``above_target``, ``at_target``,
    ``below_target`` (how many indicators) and ``overall_pct`` (overall achievement %).
    """
    year = reported_year_of(prose)
    claims: list[RawCountClaim] = []
    seen: set[tuple[str, float]] = set()
    for section, overall in _claim_sections(prose):
        items = prose.item_starts(section.start, section.end)
        previous = section.start
        for start, end in _sentences(prose, section):
            one_sasaran = _about_one_sasaran(prose, items, previous, start, end)
            previous = start
            if one_sasaran:
                continue
            for subject, value, offset in _counts_in(prose, start, end, overall):
                if _about_other_year(prose, start, offset, year) or (subject, value) in seen:
                    continue
                seen.add((subject, value))
                at = prose.line_at(offset)
                source = _flat(prose.text[start:end])
                claims.append(
                    RawCountClaim(subject, value, at.at(_method(at, "count_claim"), source))
                )
    return claims


def summary_section(prose: Prose) -> Section | None:
    """Return the executive summary's span: from its heading to the next body heading."""
    first = find_heading(prose, _SUMMARY_HEADING)
    if first is None:
        return None
    last = find_heading(prose, _BODY_HEADING, first + 1)
    start, end = prose.span_of(first + 1, len(prose.lines) if last is None else last)
    return Section(start, end)


def _claim_sections(prose: Prose) -> list[tuple[Section, bool]]:
    """Return the sections holding count claims, each with whether overall % claims count there.

    The executive summary and BAB IV state the overall achievement; BAB III's narratives
    also state per-indicator percentages in the same words, so only counts are read there.
    """
    sections = []
    summary = summary_section(prose)
    if summary:
        sections.append((summary, True))
    after = prose.index_at(summary.end) if summary else 0
    bab3 = find_heading(prose, _BAB_III, after)
    bab4 = find_heading(prose, _BAB_IV, after if bab3 is None else bab3 + 1)
    if bab3 is not None:
        start, end = prose.span_of(bab3, len(prose.lines) if bab4 is None else bab4)
        sections.append((Section(start, end), False))
    if bab4 is not None:
        start, end = prose.span_of(bab4, len(prose.lines))
        sections.append((Section(start, end), True))
    return sections


def _claims_in(prose: Prose, section: Section) -> Iterator[tuple[int, re.Match[str]]]:
    """Yield ``(clause_start, match)`` for each figure phrase of the section, in order."""
    text = prose.text
    items = prose.item_starts(section.start, section.end)
    matches = [
        m for p in (_CLAIM, _CLAIM_REVERSED) for m in p.finditer(text, section.start, section.end)
    ]
    matches.sort(key=lambda m: m.start())
    floor = section.start
    for m in matches:
        if m.start() < floor:
            continue
        start = max([floor] + [s for s in items if s <= m.start()])
        body = start + _marker_length(prose.text[start : m.start()]) if start in items else start
        breaks = [b.end() for b in _CLAUSE_BREAK.finditer(text, body, m.start())]
        yield (breaks[-1] if breaks else start), _trim_to_item(prose, m, items)
        floor = m.end()


def _marker_length(text: str) -> int:
    marker = _MARKER.match(text)
    return marker.end() if marker else 0


def _trim_to_item(prose: Prose, m: re.Match[str], items: Sequence[int]) -> re.Match[str]:
    """Return the match, re-run so that its units do not run into the next list item."""
    nxt = [s for s in items if m.start() < s < m.end()]
    if not nxt:
        return m
    again = m.re.match(prose.text, m.start(), nxt[0])
    return again or m


def _indicator_text(clause: str) -> str:
    text = _flat(clause)
    if opens_sasaran(text) or not opens_indicator(_LEADING_JUNK.sub("", text)):
        lead = _INDICATOR_LEAD.search(text)
        if lead:
            text = text[lead.end() :]
    text = _LEADING_JUNK.sub("", text)
    return _TRAILING_JUNK.sub("", text).strip()


def _sentences(prose: Prose, section: Section) -> Iterator[tuple[int, int]]:
    """Yield sentence spans, a list item starting a new sentence."""
    cuts = [section.start] + prose.item_starts(section.start, section.end) + [section.end]
    for a, b in zip(cuts, cuts[1:], strict=False):
        yield from sentences_of(prose.text[a:b], base=a)


def _counts_in(
    prose: Prose, start: int, end: int, overall: bool
) -> Iterator[tuple[str, float, int]]:
    """Yield ``(subject, value, offset)`` for the count claims of one sentence."""
    text = prose.text[start:end]
    folded = prose.folded()
    counts = folded.find("sasaran", start, end) >= 0 or folded.find("indikator", start, end) >= 0
    for m in _COUNT.finditer(text) if counts else ():  # a count names its subject
        before = text[: m.start()]
        if _PART_OF_WHOLE.search(before) or _CHANGE_BEFORE.search(before):
            continue
        value = float(m.group("n"))
        tail = m.group("tail").lower()
        if _PLAN_DOCUMENT.search(text) and not _ABOVE.search(text) and not _BELOW.search(text):
            continue  # counts of the five-year plan, not of the reported year
        if m.group("subject").lower() == "sasaran":
            if tail.strip():
                yield "sasaran", value, start + m.start()
            continue
        after = re.split(
            r"[;,.](?!\d)|\bsedangkan\b|\d+\s*(?:\(|indikator)", text[m.end() : m.end() + 90]
        )[0]
        if _BELOW.search(after):
            yield "below_target", value, start + m.start()
        elif _ABOVE.search(after):
            yield "above_target", value, start + m.start()
        elif _AT.search(after):
            yield "at_target", value, start + m.start()
        elif "kinerja" in tail:
            yield "indicators", value, start + m.start()
    if overall and folded.find("capaian", start, end) >= 0:
        for m in _OVERALL.finditer(text):
            if not _OVERALL_NOT.search(m.group("mid")):
                yield "overall_pct", parse_number(m.group("v")).value, start + m.start("v")


def _about_one_sasaran(
    prose: Prose, items: Sequence[int], previous: int, start: int, end: int
) -> bool:
    """Return whether the sentence at ``start`` speaks of one sasaran, not the whole report.

    It does inside a list item that opens with a sasaran ("2. Sasaran 2 : Meningkatnya
    ...", "a. Meningkatnya ...") or right after a sentence that opens with one: its
    counts ("diukur melalui 2 (dua) indikator kinerja") are that sasaran's. A sentence
    that counts the sasaran themselves ("Dari 9 sasaran ...") or speaks of all of them
    is about the whole report.
    """
    if prose.folded().find("sasaran", start, end) >= 0 and _ALL_SASARAN.search(prose.text[start:end]):
        return False
    spans = [(previous, previous + 120), (start, start + 120)]
    before = bisect.bisect_right(items, start)  # the last item opening at or before ``start``
    if before and prose.index_at(start) - prose.index_at(items[before - 1]) < _ITEM_SCOPE:
        item = items[before - 1]
        spans.append((item + _marker_length(prose.text[item : item + 12]), item + 120))
    return any(_opens_one_sasaran(prose, a, b) for a, b in spans)


def _opens_one_sasaran(prose: Prose, start: int, end: int) -> bool:
    """Return whether ``prose.text[start:end]`` opens with one sasaran ("Sasaran 2:", "Meningkatnya")."""
    folded = prose.folded()
    if folded.find("nya", start, end) < 0 and folded.find("sasaran", start, end) < 0:
        return False  # neither a sasaran opening ("...nya") nor "Sasaran <n>" can be there
    t = prose.text[start:end].lstrip()
    return bool(_ONE_SASARAN.match(t) or opens_sasaran(t))


def _last_clause(text: str) -> str:
    """Return the text after the last clause break (",", "dan", "sedangkan") of ``text``."""
    return re.split(r"[,;]|\bsedangkan\b|\bdan\b(?!\s+\d)", text)[-1]


def _about_other_year(prose: Prose, start: int, offset: int, year: int | None) -> bool:
    """Return whether the text governing ``offset`` names a year other than ``year``.

    The governing year is the last one named in the sentence before ``offset``; a list
    item without one takes the year of the lead-in sentence ("Capaian tahun 2023 ...:").
    """
    if year is None:
        return False
    named = years_mentioned(prose.text[start:offset])
    if named:
        return named[-1][1] != year
    if not prose.is_item_start(start):
        return False
    lead = _lead_in_before(prose, start)
    if lead is None:
        return False
    named = years_mentioned(lead)
    return bool(named) and named[-1][1] != year


def _lead_in_before(prose: Prose, item: int) -> str | None:
    """Return the sentence that introduces the list ``item`` belongs to, if it ends like one."""
    i = prose.index_at(item)
    while i > 0:
        i -= 1
        s = prose.starts[i]
        if prose.is_item_start(s):
            continue
        j = i
        while (
            j > 0
            and not prose.is_item_start(prose.starts[j])
            and not re.search(r"[.:;]\s*$", prose.text[prose.starts[j - 1] : prose.starts[j]])
        ):
            j -= 1
        lead = prose.text[
            prose.starts[j] : prose.starts[i + 1] - 1 if i + 1 < len(prose.starts) else None
        ]
        return lead if _LEAD_IN.search(lead) else None
    return None


def _flat(text: str) -> str:
    return " ".join(text.split())


def _method(line: TextLine, rule: str) -> str:
    return f"{'text' if line.line is not None else 'pdf'}:{rule}"
