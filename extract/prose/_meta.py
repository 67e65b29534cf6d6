"""Report metadata from running text: office (satker), level, province, regency and reported year."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from lkip.extract.model import Level, Provenance, RawMeta, TextLine
from lkip.extract.prose._region import SMALL_WORDS, bnnk_level, level_of, names_region, region_after
from lkip.extract.prose._stream import Prose, finditer_where, is_law_reference, prose_of
from lkip.extract.vocab import Gazetteer, load_gazetteer

_LEVEL_WORD = (
    r"(?:Provinsi|Propinsi|Prov\.?|Kabupaten|Kab\.?|Kota(?:madya)?|"
    r"P R O V I N S I|K A B U P A T E N|K O T A)"  # letter-spaced titles
)
_HEAD = (
    r"(?:BNN|Badan|Dinas|Biro|Inspektorat|Sekretariat|Kantor|Satuan|Rumah\s+Sakit|RSUD|Bappeda|"
    r"Balai|Direktorat|Kementerian|Lembaga|Komisi|Dewan|Kepolisian|Pengadilan|Kejaksaan|UPTD?)"
)
# An agency: a head word, then capitalised words (or "dan", "&", ","), then a level word.
_ORG = re.compile(
    rf"(?<![\w/])(?P<agency>(?i:{_HEAD})(?:[ \n]+(?:[A-ZÀ-ÖØ-Þ][\w&'.-]*|dan|DAN|serta|&),?){{0,9}}?)"
    rf"[ \n]+(?P<level>(?i:{_LEVEL_WORD}))(?=[ \n])"
)
# Where a match of each pattern can start, searched in the folded stream (Prose.folded).
_ORG_STARTS = re.compile(
    r"bnn|badan|dinas|biro|inspektorat|sekretariat|kantor|satuan|rumah|rsud|bappeda|balai|"
    r"direktorat|kementerian|lembaga|komisi|dewan|kepolisian|pengadilan|kejaksaan|upt"
)
_BNN_STARTS = re.compile("bnn")
_TITLE_STARTS = re.compile(r"lkip|lakip|lkj|laporan|perjanjian|penetapan")
_BUDGET_YEAR_STARTS = re.compile(r"tahun|t\.")
_ANY_YEAR_STARTS = re.compile("tahun")
_BNN_SHORT = re.compile(r"(?<![\w/])BNN(?P<kind>[PK])(?:[ \n]+|(?=[A-Z]))(?=[A-Z])")
_TITLE_BEFORE = re.compile(
    r"(?:LKIP|LAKIP|LKjIP|LKJ|Laporan\s+(?:Akuntabilitas\s+)?Kinerja|Perjanjian\s+Kinerja|"
    r"Penetapan\s+Kinerja)[^.;]{0,60}$",
    re.IGNORECASE,
)
_YEAR_AFTER = re.compile(  # the region's words, then "Tahun 2024"
    r"^\W*(?:[A-Za-z]+\W+){0,4}?(?:Tahun|T\.?A\.?)\s*(?:Anggaran\s*)?:?\s*(?:19|20)\d\d",
    re.IGNORECASE,
)
_TITLE_YEAR = re.compile(
    r"(?:LKIP|LAKIP|LKjIP|LKJ|Laporan\s+(?:Akuntabilitas\s+)?Kinerja|Perjanjian\s+Kinerja|Penetapan\s+Kinerja)"
    r"(?:(?!\b(?:Tahun|TA)\b)[^.;]){0,200}?\b(?:Tahun|T\.?A\.?)\s*(?:Anggaran\s*)?:?\s*"
    r"(?P<year>(?:19|20)\d\d)\b(?!\s*(?:-|–|—|s\.?\s?d))",
    re.IGNORECASE,
)
_BUDGET_YEAR = re.compile(
    r"\b(?:Tahun\s+Anggaran|T\.\s?A\.?)\s*:?\s*(?P<year>(?:19|20)\d\d)\b(?!\s*(?:-|–|—|s\.?\s?d))",
    re.IGNORECASE,
)
_ANY_YEAR = re.compile(
    r"\btahun\s+(?P<year>(?:19|20)\d\d)\b(?!\s*(?:-|–|—|s\.?\s?d))", re.IGNORECASE
)
_WORD_HEADS = {
    "badan",
    "dinas",
    "biro",
    "inspektorat",
    "sekretariat",
    "kantor",
    "balai",
    "direktorat",
}
_TITLE_WORDS = (
    r"(?:LKIP|LAKIP|LKjIP|LKJ|Laporan\s+(?:Akuntabilitas\s+)?Kinerja|Perjanjian\s+Kinerja|"
    r"Penetapan\s+Kinerja)"
)
_CENTRAL_HEAD = (
    r"(?:Kementerian|Kementrian|Kedeputian|Deputi|Direktorat|Biro|Badan|Lembaga|Sekretariat|"
    r"Inspektorat|Pusat|Komisi|Balai\s+Besar|Kantor|BNN)"
)
# A title naming an office, then the year: "Laporan Kinerja (LKIP) Deputi Bidang ... Tahun 2023".
_CENTRAL_TITLE = re.compile(
    rf"(?i:{_TITLE_WORDS})(?:[ \n]+(?i:Instansi[ \n]+Pemerintah))?(?:[ \n]*\(\s*[A-Za-z]+\s*\))?"
    rf"[ \n]+(?P<office>(?i:{_CENTRAL_HEAD})"
    rf"(?:,?[ \n]+(?:[A-ZÀ-ÖØ-Þ][\w&'.-]*|dan|DAN|serta|SERTA|&)){{0,14}}?)"
    rf",?[ \n]+(?i:Tahun|T\.?A\.?)[ \n]*(?i:Anggaran[ \n]*)?:?[ \n]*(?:19|20)\d\d\b"
)
_UNIT_LINE = re.compile(
    r"^(?i:kepala\s+)?(?P<unit>(?i:Balai|Bidang|Seksi|Bagian|Sub\s*Bagian|Subbagian|Sub\s*Bidang|"
    r"Subbidang|UPTD|UPT|Unit\s+Pelaksana|Cabang\s+Dinas|Sub\s*Direktorat|Subdirektorat)\b.*)$"
)
_MAX_UNIT_WORDS = 10
_TITLE_WEIGHT = 3
_TITLE_REACH = 80  # a mention this close after title words is in the title
_OWN_SHARE = 0.5  # the share of an agency's regional mentions that makes one office the report's
_YEAR_WEIGHT = 1


@dataclass(frozen=True, slots=True)
class OfficeMention:
    """One mention of an office with a region.

    Attributes:
        agency: The agency words as written ("Dinas Kesehatan"), "BNN" for any BNN form.
        level: provinsi, kabupaten or kota.
        region: Canonical region name.
        offset: Where the mention starts in the stream.
        weight: How much the mention counts (title phrases count more).
        end: Where the region's name ends in the stream.

    """

    agency: str
    level: Level
    region: str
    offset: int
    weight: int
    end: int = -1


def extract_meta(prose: Prose) -> RawMeta:
    """Given the stream of a report, return its office, level, province, regency and year."""
    gaz = load_gazetteer()
    evidence: dict[str, Provenance] = {}
    year = _reported_year(prose, evidence)
    mentions = office_mentions(prose, gaz)
    key, first = _main_office(mentions) if mentions else (None, None)
    ours = [m for m in mentions if _key(m) == key]
    central = [c for c in central_office_titles(prose, gaz) if not _region_left_out(c[0], ours, mentions)]
    if central and len(central) > _titled(ours, central):
        return _central_meta(central, prose, year, evidence)
    if key is None or first is None:
        return RawMeta(year=year, evidence=evidence)
    agency, level, region = key
    at = prose.line_at(first.offset)
    how = _method(at, "office_mentions")
    satker = _satker_name(agency, level, region, ours, prose)
    evidence["satker"] = at.at(how)
    evidence["level"] = at.at(how)
    unit = sub_unit(prose, ours, gaz)
    if unit is not None:
        name, offset = unit
        satker = _unit_satker(name, satker, gaz)
        at_unit = prose.line_at(offset)
        evidence["satker"] = at_unit.at(_method(at_unit, "sub_unit"))
    if level is Level.PROVINSI:
        evidence["province"] = at.at(how)
        return RawMeta(satker, level, region, None, year, evidence)
    evidence["regency"] = at.at(how)
    province = _province_of(region, level, agency, mentions, prose, gaz, evidence)
    return RawMeta(satker, level, province, region, year, evidence)


def office_mentions(prose: Prose, gaz: Gazetteer) -> list[OfficeMention]:
    """Given the stream of a report, return every mention of an office with a region, in order."""
    text = prose.text
    out: list[OfficeMention] = []
    for m in finditer_where(_ORG, text, prose.folded(), _ORG_STARTS):
        level = level_of(m.group("level"))
        found = region_after(text, m.end(), level, gaz)
        if found is None:
            continue
        region, end = found
        agency = " ".join(m.group("agency").split()).rstrip(",")
        if re.fullmatch(r"(?i)BNN|Badan Narkotika Nasional", agency):
            agency = "BNN"
        weight = _weight(text, m.start(), m.end())
        out.append(OfficeMention(agency, level, region, m.start(), weight, end))
    for m in finditer_where(_BNN_SHORT, text, prose.folded(), _BNN_STARTS):
        level = Level.PROVINSI if m.group("kind") == "P" else None
        found = region_after(text, m.end(), level, gaz)
        if found is None:
            continue
        region, end = found
        if level is None:
            level = bnnk_level(region, gaz)
        weight = _weight(text, m.start(), m.end())
        out.append(OfficeMention("BNN", level, region, m.start(), weight, end))
    out.sort(key=lambda x: x.offset)
    return out


def reported_year(lines: Sequence[TextLine]) -> int | None:
    """Given the stream of a report, return the year it reports on, or None."""
    return reported_year_of(prose_of(lines))


def reported_year_of(prose: Prose) -> int | None:
    """Given the stream of a report, return the year it reports on, or None."""
    return _reported_year(prose, {})


def _reported_year(prose: Prose, evidence: dict[str, Provenance]) -> int | None:
    year, where = prose.memo("reported_year", lambda: _find_year(prose))
    if where is not None:
        evidence["year"] = where
    return year


def _find_year(prose: Prose) -> tuple[int | None, Provenance | None]:
    score: Counter[int] = Counter()
    first: dict[int, tuple[int, str]] = {}
    for pattern, starts, weight, rule in (
        (_TITLE_YEAR, _TITLE_STARTS, 3, "title_year"),
        (_BUDGET_YEAR, _BUDGET_YEAR_STARTS, 2, "tahun_anggaran"),
    ):
        for m in finditer_where(pattern, prose.text, prose.folded(), starts):
            y = int(m.group("year"))
            score[y] += weight
            first.setdefault(y, (m.start("year"), rule))
    if not score:
        for m in finditer_where(_ANY_YEAR, prose.text, prose.folded(), _ANY_YEAR_STARTS):
            if is_law_reference(prose.text[max(0, m.start("year") - 40) : m.start("year")]):
                continue
            y = int(m.group("year"))
            score[y] += 1
            first.setdefault(y, (m.start("year"), "most_named_year"))
    if not score:
        return None, None
    year = max(score, key=lambda y: (score[y], y))
    offset, rule = first[year]
    at = prose.line_at(offset)
    return year, at.at(_method(at, rule))


def central_office_titles(prose: Prose, gaz: Gazetteer) -> list[tuple[str, int, int]]:
    """Return ``(office, offset, end)`` for each title phrase naming an office without a region.

    "Laporan Kinerja Deputi Bidang Pencegahan BNN Tahun 2023", "LKIP Kementerian
    Kesehatan Tahun 2022": a head word (Kementerian, Deputi, Biro, Badan, ...) after
    the title words and before "Tahun <year>", with no level word ("Provinsi",
    "Kota") and no province or kabupaten/kota name in between.
    """
    out = []
    for m in finditer_where(_CENTRAL_TITLE, prose.text, prose.folded(), _TITLE_STARTS):
        office = " ".join(m.group("office").split()).rstrip(",")
        if re.search(rf"(?i)\b{_LEVEL_WORD}(?=\s|$)", office) or names_region(office, gaz):
            continue
        out.append((office, m.start("office"), m.end()))
    return out


def _region_left_out(office: str, ours: Sequence[OfficeMention], mentions: Sequence[OfficeMention]) -> bool:
    """Return whether a central-looking title is the report's own office with its region left out.

    "Laporan Kinerja Badan X Tahun 2016" in the page headers of Badan X Provinsi Y's report:
    the same agency, and most of that agency's regional mentions name the one office. A
    central office's report names its agency's regional offices everywhere (BNN Provinsi
    A, B, C, ...), none of them most of the time.
    """
    agency = _agency_key(office)
    if not ours or _agency_key(ours[0].agency) != agency:
        return False
    same = sum(_agency_key(m.agency) == agency for m in mentions)
    return len(ours) >= same * _OWN_SHARE


def _titled(ours: Sequence[OfficeMention], central: Sequence[tuple[str, int, int]]) -> int:
    """Return how many mentions are in a title phrase of their own, not in a central one's tail."""
    return sum(
        m.weight >= _TITLE_WEIGHT
        and not any(start <= m.offset and m.offset - end < _TITLE_REACH for _, start, end in central)
        for m in ours
    )


def _central_meta(
    central: Sequence[tuple[str, int, int]], prose: Prose, year: int | None, evidence: dict
) -> RawMeta:
    forms = Counter(_agency_key(office) for office, _, _ in central)
    best = forms.most_common(1)[0][0]
    written = [(o, off) for o, off, _ in central if _agency_key(o) == best]
    mixed = [o for o, _ in written if not o.isupper()]
    name = _small_words_lower(mixed[0]) if mixed else _title_case(written[0][0])
    at = prose.line_at(written[0][1])
    how = _method(at, "central_title")
    evidence["satker"] = at.at(how)
    evidence["level"] = at.at(how)
    return RawMeta(name, Level.PUSAT, None, None, year, evidence)


def sub_unit(
    prose: Prose, ours: Sequence[OfficeMention], gaz: Gazetteer
) -> tuple[str, int] | None:
    """Return the unit of the office that the report is about, and its offset, if one.

    A Perjanjian Kinerja of a unit (a Balai, Bidang, Seksi, UPTD) titles itself with its
    parent office on one line and the unit on the next ("DINAS X PROVINSI Y" /
    "BIDANG Z"). The unit is the office when exactly one such unit is named so.
    """
    units: dict[str, tuple[str, int]] = {}
    for m in ours:
        i = prose.index_at(max(0, m.end - 1))
        line_start = prose.starts[prose.index_at(m.offset)]
        line_end = prose.starts[i + 1] - 1 if i + 1 < len(prose.starts) else len(prose.text)
        before = prose.text[line_start : m.offset].strip()
        after = prose.text[m.end : line_end].strip(" .,:")
        if i + 1 >= len(prose.starts) or after or not re.fullmatch(r"(?i)(?:kepala)?", before):
            continue
        s = prose.starts[i + 1]
        e = prose.starts[i + 2] - 1 if i + 2 < len(prose.starts) else len(prose.text)
        hit = _UNIT_LINE.match(prose.text[s:e].strip())
        if hit is None or not _is_heading_words(hit.group("unit")):
            continue
        unit = " ".join(hit.group("unit").split())
        units.setdefault(_agency_key(unit), (unit, s))
    if len(units) != 1:
        return None
    unit, offset = next(iter(units.values()))
    return (_title_case(unit) if unit.isupper() else unit), offset


def _is_heading_words(text: str) -> bool:
    """Return whether ``text`` reads as a name on its own line: capitalised words, no figures."""
    words = text.split()
    return (
        0 < len(words) <= _MAX_UNIT_WORDS
        and not re.search(r"[\d:;]|\.$", text)
        and all(w[:1].isupper() or w.lower() in SMALL_WORDS or w == "&" for w in words)
    )


def _unit_satker(unit: str, parent: str, gaz: Gazetteer) -> str:
    """Name a unit with its parent: "Bidang X Dinas Y Provinsi Z", or "Balai X Jawa Barat (Dinas Y)".

    A unit whose own name already names a region stands alone, its parent in brackets.
    """
    if names_region(unit, gaz):
        return f"{unit} ({parent})"
    return f"{unit} {parent}"


def _key(m: OfficeMention) -> tuple[str, Level, str]:
    return (_agency_key(m.agency), m.level, m.region)


@lru_cache(maxsize=4096)
def _agency_key(agency: str) -> str:
    return " ".join(re.sub(r"[^a-z ]", " ", agency.lower()).split())


def _main_office(mentions: Sequence[OfficeMention]) -> tuple[tuple[str, Level, str], OfficeMention]:
    """Return the most-named office and its first title mention (else its first mention).

    A unit named with its parent ("Biro Humas ... Sekretariat Daerah Provinsi X") wins over
    the parent alone when it is named at least a third as much: the parent is then only the
    unit's own name's tail.
    """
    score: Counter[tuple[str, Level, str]] = Counter()
    first: dict[tuple[str, Level, str], int] = {}
    for m in mentions:
        score[_key(m)] += m.weight
        first[_key(m)] = min(first.get(_key(m), m.offset), m.offset)
    for short, full in _acronym_expansions(score).items():
        score[full] += score.pop(short)
    key = max(score, key=lambda k: (score[k], -first[k]))
    units = [
        k
        for k in score
        if k[1:] == key[1:]
        and k[0] != key[0]
        and k[0].endswith(key[0])
        and score[k] >= max(2, score[key] / 3)
    ]
    if units:
        key = max(units, key=lambda k: score[k])
    ours = [m for m in mentions if _key(m) == key]
    titled = [m for m in ours if m.weight >= _TITLE_WEIGHT]
    return key, (titled or ours)[0]


def _acronym_expansions(score: Counter[tuple[str, Level, str]]) -> dict[tuple, tuple]:
    """Map an acronym office key ("bappeda") to the key of its written-out name, when both occur.

    An acronym is written out when its letters split into prefixes of the name's consecutive
    words: BAPPEDA = BA-dan P-erencanaan P-embangunan DA-erah. BNN keeps its short form.
    """
    out = {}
    for short in score:
        if short[0] == "bnn" or " " in short[0] or len(short[0]) > 10:
            continue
        for full in score:
            if full[1:] == short[1:] and full != short and _spells(short[0], full[0].split()):
                out[short] = full
                break
    return out


def _spells(acronym: str, words: Sequence[str]) -> bool:
    if not acronym:
        return not words
    if not words:
        return False
    head = words[0].lower()
    return any(
        head.startswith(acronym[:n]) and _spells(acronym[n:], words[1:])
        for n in range(1, min(len(acronym), len(head)) + 1)
    )


def _satker_name(
    agency_key: str, level: Level, region: str, ours: Sequence[OfficeMention], prose: Prose
) -> str:
    level_word = {Level.PROVINSI: "Provinsi", Level.KABUPATEN: "Kabupaten", Level.KOTA: "Kota"}[
        level
    ]
    if agency_key == "bnn":
        return f"BNN {level_word} {region}"
    forms = Counter(_small_words_lower(m.agency) for m in ours)
    agency = forms.most_common(1)[0][0]
    if agency.isupper() and (
        " " in agency or agency.lower() in _WORD_HEADS
    ):  # a shouted name: prefer how the text writes it otherwise
        mixed = [f for f, _ in forms.most_common() if not f.isupper()]
        agency = mixed[0] if mixed else _title_case(agency)
    return f"{agency} {level_word} {region}"


def _small_words_lower(text: str) -> str:
    if text.isupper():
        return text
    return " ".join(w.lower() if w.lower() in SMALL_WORDS else w for w in text.split())


def _title_case(text: str) -> str:
    words = []
    for w in text.split():
        low = w.lower()
        words.append(low if low in SMALL_WORDS else (w if len(w) <= 3 else w[:1] + low[1:]))
    return " ".join(words)


def _province_of(
    regency: str,
    level: Level,
    agency: str,
    mentions: Sequence[OfficeMention],
    prose: Prose,
    gaz: Gazetteer,
    evidence: dict[str, Provenance],
) -> str | None:
    """Return a kabupaten/kota office's province: from its provincial office, else the gazetteer."""
    known = gaz.provinces_of(regency, level.value) or gaz.provinces_of(regency)
    provincial: dict[str, list[OfficeMention]] = defaultdict(list)
    for m in mentions:
        if m.level is Level.PROVINSI:
            provincial[m.region].append(m)
    same_agency = {
        p: ms for p, ms in provincial.items() if any(_agency_key(m.agency) == agency for m in ms)
    }
    for pool in (same_agency, provincial):
        candidates = {p: ms for p, ms in pool.items() if not known or p in known}
        if candidates:
            best = max(
                candidates,
                key=lambda p: (sum(m.weight for m in candidates[p]), -candidates[p][0].offset),
            )
            at = prose.line_at(candidates[best][0].offset)
            evidence["province"] = at.at(_method(at, "provincial_office"))
            return best
    if len(known) == 1:
        evidence["province"] = Provenance(
            method="gazetteer", source_text=f"{regency} -> {known[0]}"
        )
        return known[0]
    return None


def _weight(text: str, start: int, end: int) -> int:
    weight = (
        _TITLE_WEIGHT if _TITLE_BEFORE.search(text[max(0, start - _TITLE_REACH) : start]) else 1
    )
    if _YEAR_AFTER.match(text[end : end + 70]):
        weight += _YEAR_WEIGHT
    return weight


def _method(line: TextLine, rule: str) -> str:
    return f"{'text' if line.line is not None else 'pdf'}:{rule}"
