"""Parse Indonesian figures: "3,60", "13.105.774.000", "Rp. 1.544.257.000,-", "58,34 % (Sedang)".

PLACEHOLDER interface (to be completed): one parser used by every extractor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ParsedNumber:
    """A figure read from text.

    Attributes:
        value: The number, or None when the text holds none.
        unit: Unit words found beside the number ("%", "Kabupaten/Kota", "Orang"), or None.
        text: The original text.
        category: A category in parentheses ("Sedang"), if any.
        rule: How separators were resolved, e.g. ``comma_decimal``, ``dot_thousands``.
    """

    value: float | None
    unit: str | None
    text: str
    category: str | None = None
    rule: str | None = None


_NUM = re.compile(r"-?\d+(?:[.,]\d+)*")


def parse_number(text: str | None, *, measure: str | None = None) -> ParsedNumber:
    """Given a cell or phrase, return its first figure with unit and rule."""
    text = text or ""
    m = _NUM.search(text)
    if not m:
        return ParsedNumber(None, None, text)
    raw = m.group(0)
    if "," in raw and "." not in raw:
        value = float(raw.replace(",", ".")) if raw.count(",") == 1 else float(raw.replace(",", ""))
        rule = "comma_decimal"
    elif raw.count(".") > 1 or ("," in raw and "." in raw):
        value = float(raw.replace(".", "").replace(",", "."))
        rule = "dot_thousands"
    else:
        value = float(raw)
        rule = "plain"
    unit = text[m.end():].strip(" .;:-") or None
    return ParsedNumber(value, unit, text, None, rule)
