"""Report metadata: the reporting office (satker), its level and region, and the reported year.

The office is the agency the report names most often together with a region
("BNN Provinsi Bengkulu", "BNNP Bengkulu", "Dinas Kesehatan Provinsi Jawa Barat"),
mentions in a title phrase ("Laporan Kinerja ... <office> Tahun 2024") counting
more. Region names are delimited with the gazetteer. The year is the one title
phrases and "Tahun Anggaran" phrases name most, never a signing date or a range.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from lkip.extract._gazetteer import Gazetteer, load_gazetteer, words_of
from lkip.extract._prose import Prose, is_law_reference, prose_of
from lkip.extract._records import Level, Provenance, RawMeta, TextLine

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
    rf"(?<![\w/])(?P<agency>(?i:{_HEAD})(?:[ \n]+(?:[A-Z][\w&'.-]*|dan|DAN|serta|&),?){{0,9}}?)"
    rf"[ \n]+(?P<level>(?i:{_LEVEL_WORD}))(?=[ \n])"
)
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
_NOT_REGION = {
    "tahun",
    "nomor",
    "dan",
    "di",
    "yang",
    "dengan",
    "pada",
    "kabupaten",
    "kota",
    "provinsi",
}
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
_SMALL_WORDS = {"dan", "serta", "di", "ke", "dari", "untuk", "pada", "atas"}
_TITLE_WEIGHT = 3
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

    """

    agency: str
    level: Level
    region: str
    offset: int
    weight: int


def extract_meta(lines: Sequence[TextLine]) -> RawMeta:
    """Given the lines of a report, return its office, level, province, regency and year."""
    prose = prose_of(lines)
    gaz = load_gazetteer()
    evidence: dict[str, Provenance] = {}
    year = _reported_year(prose, evidence)
    mentions = office_mentions(prose, gaz)
    if not mentions:
        return RawMeta(year=year, evidence=evidence)
    key, first = _main_office(mentions)
    agency, level, region = key
    at = prose.line_at(first.offset)
    how = _method(at, "office_mentions")
    satker = _satker_name(agency, level, region, [m for m in mentions if _key(m) == key], prose)
    evidence["satker"] = at.at(how)
    evidence["level"] = at.at(how)
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
    for m in _ORG.finditer(text):
        level = _level_of(m.group("level"))
        region = _region_after(text, m.end(), level, gaz)
        if region is None:
            continue
        agency = " ".join(m.group("agency").split()).rstrip(",")
        if re.fullmatch(r"(?i)BNN|Badan Narkotika Nasional", agency):
            agency = "BNN"
        out.append(
            OfficeMention(agency, level, region, m.start(), _weight(text, m.start(), m.end()))
        )
    for m in _BNN_SHORT.finditer(text):
        level = Level.PROVINSI if m.group("kind") == "P" else None
        region = _region_after(text, m.end(), level, gaz)
        if region is None:
            continue
        if level is None:
            level = _bnnk_level(region, gaz)
        out.append(
            OfficeMention("BNN", level, region, m.start(), _weight(text, m.start(), m.end()))
        )
    out.sort(key=lambda x: x.offset)
    return out


def reported_year(lines: Sequence[TextLine]) -> int | None:
    """Given the lines of a report, return the year it reports on, or None."""
    return _reported_year(prose_of(lines), {})


def _reported_year(prose: Prose, evidence: dict[str, Provenance]) -> int | None:
    score: Counter[int] = Counter()
    first: dict[int, tuple[int, str]] = {}
    for pattern, weight, rule in (
        (_TITLE_YEAR, 3, "title_year"),
        (_BUDGET_YEAR, 2, "tahun_anggaran"),
    ):
        for m in pattern.finditer(prose.text):
            y = int(m.group("year"))
            score[y] += weight
            first.setdefault(y, (m.start("year"), rule))
    if not score:
        for m in _ANY_YEAR.finditer(prose.text):
            if is_law_reference(prose.text[max(0, m.start("year") - 40) : m.start("year")]):
                continue
            y = int(m.group("year"))
            score[y] += 1
            first.setdefault(y, (m.start("year"), "most_named_year"))
    if not score:
        return None
    year = max(score, key=lambda y: (score[y], y))
    offset, rule = first[year]
    at = prose.line_at(offset)
    evidence["year"] = at.at(_method(at, rule))
    return year


def _key(m: OfficeMention) -> tuple[str, Level, str]:
    return (_agency_key(m.agency), m.level, m.region)


def _agency_key(agency: str) -> str:
    return " ".join(re.sub(r"[^a-z ]", " ", agency.lower()).split())


def _main_office(mentions: Sequence[OfficeMention]) -> tuple[tuple[str, Level, str], OfficeMention]:
    """Return the most-named office and its first title mention (else its first mention).

    A unit named with its parent ("Biro Humas ... Sekretariat Daerah Provinsi X") wins over
    the parent alone when it is named at least a third as much: the parent is then only the
    unit's own name's tail.
    """
    score: Counter[tuple[str, Level, str]] = Counter()
    for m in mentions:
        score[_key(m)] += m.weight
    for short, full in _acronym_expansions(score).items():
        score[full] += score.pop(short)
    key = max(score, key=lambda k: (score[k], -min(m.offset for m in mentions if _key(m) == k)))
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
    return " ".join(w.lower() if w.lower() in _SMALL_WORDS else w for w in text.split())


def _title_case(text: str) -> str:
    words = []
    for w in text.split():
        low = w.lower()
        words.append(low if low in _SMALL_WORDS else (w if len(w) <= 3 else w[:1] + low[1:]))
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


def _level_of(word: str) -> Level:
    w = word.lower().replace(" ", "")
    if w.startswith("prov") or w.startswith("prop"):
        return Level.PROVINSI
    if w.startswith("kab"):
        return Level.KABUPATEN
    return Level.KOTA


def _bnnk_level(region: str, gaz: Gazetteer) -> Level:
    """Return the level of a "BNNK X" office: kota when X is a kota and not also a kabupaten."""
    kota = gaz.provinces_of(region, "kota")
    kab = gaz.provinces_of(region, "kabupaten")
    return Level.KOTA if kota and not kab else Level.KABUPATEN


def _region_after(text: str, pos: int, level: Level | None, gaz: Gazetteer) -> str | None:
    words = _join_spaced_letters(words_of(text[pos : pos + 80]))
    if level is Level.PROVINSI:
        hit = gaz.match_province(words)
    else:
        hit = gaz.match_regency(words, level.value if level else None)
        if hit is None and level is not None:
            hit = gaz.match_regency(words)
    if hit:
        return hit.name
    name = []
    for w in words[:3]:
        if not w[:1].isupper() or w.lower() in _NOT_REGION or not w.isalpha() or len(w) < 3:
            break
        name.append(w if not w.isupper() else w.capitalize())
    return " ".join(name) or None


def _join_spaced_letters(words: list[str]) -> list[str]:
    """Join runs of single letters ("J A W A B A R A T") into one word; keys ignore spaces."""
    out: list[str] = []
    run: list[str] = []
    for w in [*words, ""]:
        if len(w) == 1 and w.isalpha():
            run.append(w)
            continue
        if run:
            out.append("".join(run) if len(run) > 1 else run[0])
            run = []
        if w:
            out.append(w)
    return out


def _weight(text: str, start: int, end: int) -> int:
    weight = _TITLE_WEIGHT if _TITLE_BEFORE.search(text[max(0, start - 80) : start]) else 1
    if _YEAR_AFTER.match(text[end : end + 70]):
        weight += _YEAR_WEIGHT
    return weight


def _method(line: TextLine, rule: str) -> str:
    return f"{'text' if line.line is not None else 'pdf'}:{rule}"
