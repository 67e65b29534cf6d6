"""A Perjanjian Kinerja given as a bulleted list of targets instead of a table.

The list follows a sentence naming the PK ("Target kinerja ... dalam Perjanjian Kinerja
Tahun 2024 adalah sebagai berikut:"), possibly grouped under sasaran headings
("Sasaran 1: Meningkatnya ..."); each item states one indicator and its target
("- Persentase ... sebesar 90 %;"), sub-items a. and b. each their own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from lkip.extract.model import Method, RawPkRow, TextLine

_BULLET = re.compile(r"^\s*(?:[\u2022\u25cf\u25aa\u00b7\-–*]|\d{1,2}[.)]|[a-z][.)])\s+(?P<body>.+)$")
_LIST_TARGET = re.compile(
    r"^(?P<ind>.+?),?\s+(?:sebanyak|sebesar|sejumlah|dengan\s+target|target(?:nya)?)\s+"
    r"(?P<value>-?\d[\d.,]*(?:\s*/\s*\d[\d.,]*)?\s*%?)\s*(?P<unit>[A-Za-z][A-Za-z/ ]{0,30}?)?\s*[;.,]?\s*"
    r"(?:dan)?\s*$",
    re.I,
)
_LIST_INTRO = re.compile(r"\b(?:perjanjian|penetapan)\s+kinerja\b|\btarget\b", re.I)
_PK_INTRO = re.compile(r"\b(?:perjanjian|penetapan)\s+kinerja\b", re.I)
#: A sasaran heading over a group of items: "Sasaran 1: ...", "Sasaran Strategis ke-2 : ...".
_SASARAN_HEAD = re.compile(r"^\s*(?:\d{1,2}[.)]\s*)?sasaran\b[^:]{0,30}:\s*(?P<text>\S.*)$", re.I)
#: A capital-lettered sasaran over its indicators: "A. Meningkatnya kemandirian masyarakat, dengan indikator :".
_LETTER_HEAD = re.compile(r"^\s*[A-Z][.)]\s+(?P<text>[A-Z]\S*\s.*)$")
_WITH_INDICATORS = re.compile(r",?\s*(?:dengan\s+)?indikator(?:nya|\s+sasaran)?\s*(?:adalah|yaitu)?\s*:?\s*$", re.I)
#: A numbered section heading ("2.2 Perjanjian Kinerja Tahun 2016"): names what the lists under it are.
_SECTION = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})+\.?\s+[A-Z]")
_ITEM_END = re.compile(r"[;.]\s*(?:dan)?\s*$")
_INTRO_LINES = 3  # an intro sentence wraps over at most this many lines


@dataclass(frozen=True, slots=True)
class _Item:
    """One bulleted item: its first line, its text (wrapped lines joined), the intro and sasaran above it."""

    first: TextLine
    text: str
    intro: str
    sasaran: str | None


def pk_rows_from_list(lines: Sequence[TextLine], year: int | None, *, pk_intro_only: bool = False) -> list[RawPkRow]:
    """Given a report's lines, return PK rows stated as a bulleted list of targets.

    A list counts when the paragraph introducing it names the Perjanjian Kinerja or
    targets (only the PK with ``pk_intro_only``) and, when it names a year, the reported
    year: "• Daging sebanyak 768.495 ton;" gives indicator "Daging", target
    "768.495 ton", unit "ton". Items under a sasaran heading carry that sasaran.
    """
    intro_rule = _PK_INTRO if pk_intro_only else _LIST_INTRO
    out: list[RawPkRow] = []
    for item in _bullet_items(lines):
        if not intro_rule.search(item.intro):
            continue
        years = {int(y) for y in re.findall(r"\b(?:19|20)\d{2}\b", item.intro)}
        if year is not None and years and year not in years:
            continue
        m = _LIST_TARGET.match(item.text)
        if not m:
            continue
        value, unit = " ".join(m.group("value").split()), (m.group("unit") or "").strip() or None
        if value.endswith("%") and not unit:
            unit = "%"
        target_text = f"{value} {unit}" if unit and unit != "%" else value
        where = item.first.at(Method.PDF_TEXT_LIST, item.text)
        sasaran = _WITH_INDICATORS.sub("", item.sasaran).strip() or None if item.sasaran else None
        out.append(RawPkRow(len(out) + 1, sasaran, m.group("ind").strip(" ,"), target_text, unit, where))
    return out


def _bullet_items(lines: Sequence[TextLine]) -> list[_Item]:
    """Return each bulleted item with the paragraph introducing its list and the sasaran heading above it."""
    items: list[tuple[TextLine, list[str], str, str | None]] = []
    intro: list[str] = []  # the last paragraph of running text (not a list item, not a heading)
    section = ""  # the numbered section heading above
    sasaran: list[str] | None = None
    state = "blank"  # "item" (an open item may wrap), "list" (after a closed item), "head", "text", "blank"
    for line in lines:
        text = line.text.strip()
        head = _SASARAN_HEAD.match(line.text) or _LETTER_HEAD.match(line.text)
        bullet = None if head else _BULLET.match(line.text)
        if _SECTION.match(line.text):
            section, intro, sasaran, state = text, [], None, "text"
        elif head:
            sasaran, state = [head.group("text").strip()], "head"
        elif bullet:
            items.append((line, [bullet.group("body")], " ".join([section, *intro]),
                          " ".join(sasaran) if sasaran else None))
            state = "list" if _ITEM_END.search(bullet.group("body")) else "item"
        elif not text:
            state = "blank"
        elif state == "item" and items and line.page == items[-1][0].page:
            items[-1][1].append(text)
            state = "list" if _ITEM_END.search(text) else "item"
        elif state == "head" and sasaran is not None:
            sasaran.append(text)
        elif state == "text":
            intro = [*intro, text][-_INTRO_LINES:]  # the intro sentence goes on
        else:
            intro, sasaran, state = [text], None, "text"  # a new paragraph of running text
    return [_Item(first, " ".join(parts), i, s) for first, parts, i, s in items]
