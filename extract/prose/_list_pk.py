"""A Perjanjian Kinerja given as a bulleted list of targets instead of a table."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from lkip.extract.model import (
    Method,
    RawPkRow,
    TextLine,
)

if TYPE_CHECKING:
    pass

log = logging.getLogger(__name__)


_BULLET = re.compile(r"^\s*(?:[\u2022\u25cf\u25aa\u00b7\-–*]|\d{1,2}[.)]|[a-z][.)])\s+(?P<body>.+)$")
_LIST_TARGET = re.compile(
    r"^(?P<ind>.+?)\s+(?:sebanyak|sebesar|sejumlah|dengan\s+target|target(?:nya)?)\s+"
    r"(?P<value>-?\d[\d.,]*\s*%?)\s*(?P<unit>[A-Za-z][A-Za-z/ ]{0,30}?)?\s*[;.,]?\s*(?:dan)?\s*$",
    re.I,
)
_LIST_INTRO = re.compile(r"\b(?:perjanjian|penetapan)\s+kinerja\b|\btarget\b", re.I)


def pk_rows_from_list(lines: Sequence[TextLine], year: int | None) -> list[RawPkRow]:
    """Given a report's lines, return PK rows stated as a bulleted list of targets.

    A list counts when a line shortly before it names the Perjanjian Kinerja or
    targets, and (when it names a year) the reported year: "• Daging sebanyak
    768.495 ton;" gives indicator "Daging", target "768.495 ton", unit "ton".
    """
    items = _bullet_items(lines)
    out: list[RawPkRow] = []
    for first, text, intro in items:
        if intro is None or not _LIST_INTRO.search(intro.text):
            continue
        years = {int(y) for y in re.findall(r"\b(?:19|20)\d{2}\b", intro.text)}
        if year is not None and years and year not in years:
            continue
        m = _LIST_TARGET.match(text)
        if not m:
            continue
        value, unit = " ".join(m.group("value").split()), (m.group("unit") or "").strip() or None
        if value.endswith("%") and not unit:
            unit = "%"
        target_text = f"{value} {unit}" if unit and unit != "%" else value
        where = first.at(Method.PDF_TEXT_LIST, text)
        out.append(RawPkRow(len(out) + 1, None, m.group("ind").strip(), target_text, unit, where))
    return out


def _bullet_items(lines: Sequence[TextLine]) -> list[tuple[TextLine, str, TextLine | None]]:
    """Return ``(first line, joined text, intro line)`` of each bulleted item (wrapped lines joined)."""
    items: list[tuple[TextLine, list[str], TextLine | None]] = []
    intro: TextLine | None = None
    open_item = False
    for line in lines:
        m = _BULLET.match(line.text)
        if m:
            items.append((line, [m.group("body")], intro))
            open_item = not re.search(r"[;.]\s*(?:dan)?\s*$", m.group("body"))
        elif open_item and items and line.page == items[-1][0].page and line.text.strip():
            items[-1][1].append(line.text.strip())
            open_item = not re.search(r"[;.]\s*(?:dan)?\s*$", line.text)
        else:
            open_item = False
            if line.text.strip():
                intro = line
    return [(first, " ".join(parts), i) for first, parts, i in items]
