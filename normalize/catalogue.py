"""The indicator catalogue and fuzzy matching of indicator texts to it.

A catalogue is a YAML file (the packaged BNN one: ``lkip.schema/data/bnn_catalogue.yaml``)
listing indicators with a stable code, canonical name, bidang, measure,
direction, usual unit and aliases. :func:`match_indicator` normalises a text
(:mod:`._text`), scores it against every name and alias with rapidfuzz and
decides one of three outcomes:

- ``accepted``: the best code scores high enough and clearly beats the runner-up;
- ``review``: plausible but not certain; ``code`` is None, ``candidates`` lists
  the best codes for a person to choose;
- ``unmatched``: not an indicator of this catalogue (another agency's).

Near-twins ("Jumlah kabupaten/kota dengan Indeks X berkategori Tinggi", a count,
vs "Indeks X", an index) are told apart by the wording and by what the head word
("Jumlah", "Indeks", "Nilai", "Persentase") and the unit ("Kabupaten/Kota",
"Indeks", "%") say about the measure. Every threshold lives in :class:`MatchSettings`.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from enum import StrEnum
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz

from lkip.errors import ConfigError
from lkip.figures import measure_of_unit

from ._text import STOPWORDS, correct_tokens, head_measure, normalize_indicator_text

__all__ = [
    "Catalogue",
    "Indicator",
    "Match",
    "MatchSettings",
    "Outcome",
    "load_catalogue",
    "match_indicator",
    "parse_catalogue",
]



class Measure(StrEnum):
    """What an indicator counts: a number of things, an index, a percentage or a score."""

    COUNT = "count"
    INDEX = "index"
    PERCENT = "percent"
    VALUE = "value"


class Direction(StrEnum):
    """Whether a higher or a lower realisasi is the better one."""

    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"


MEASURES = tuple(m.value for m in Measure)
DIRECTIONS = tuple(d.value for d in Direction)
_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
_REQUIRED = ("code", "name", "bidang", "measure", "direction")
_KNOWN_KEYS = frozenset({*_REQUIRED, "unit", "aliases"})


class Outcome(StrEnum):
    """Result of matching one indicator text."""

    ACCEPTED = "accepted"
    REVIEW = "review"
    UNMATCHED = "unmatched"


@dataclass(frozen=True, slots=True)
class Indicator:
    """One catalogue indicator.

    Attributes:
        code: Stable identifier (``lower_snake_case``).
        name: Canonical wording.
        bidang: The office's field (``p2m``, ``rehabilitasi``, ...).
        measure: ``count``, ``index``, ``percent`` or ``value``.
        direction: ``higher_is_better`` or ``lower_is_better``.
        unit: Usual unit ("Kabupaten/Kota", "%", "Indeks"), or None.
        aliases: Other wordings.

    """

    code: str
    name: str
    bidang: str
    measure: Measure
    direction: Direction
    unit: str | None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Catalogue:
    """A set of indicators with stable codes.

    Attributes:
        name: The catalogue's name ("BNN").
        indicators: Its indicators, in file order.
        user_aliases: ``(alias, code)`` pairs added by users; they win over the file.

    """

    name: str
    indicators: tuple[Indicator, ...]
    user_aliases: tuple[tuple[str, str], ...] = ()

    def get(self, code: str) -> Indicator | None:
        """Return the indicator with this code, or None."""
        return next((i for i in self.indicators if i.code == code), None)


@dataclass(frozen=True, slots=True)
class Match:
    """The outcome of matching one text.

    Attributes:
        code: The accepted code, or None for review/unmatched.
        score: Best score (0-100).
        outcome: accepted, review or unmatched.
        candidates: ``(code, score)`` pairs, best first.

    """

    code: str | None
    score: float
    outcome: Outcome
    candidates: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True, slots=True)
class MatchSettings:
    """Scorers and thresholds of :func:`match_indicator`, measured on the BNN corpus.

    Attributes:
        accept_score: Least score for ``accepted``.
        accept_margin: Least lead of the best code over the runner-up for ``accepted``.
        review_score: Least score for ``review``; below it the text is ``unmatched``.
        sort_weight: Weight of rapidfuzz ``token_sort_ratio`` (whole wording, any order).
        recall_weight: Weight of the share of the alias's words found in the text
            (missing words are what tell near-twins and other agencies apart).
        precision_weight: Weight of the share of the text's words that this
            indicator's names use; words of other catalogue indicators count fully
            against it, words the catalogue never uses only by ``noise_weight``.
        noise_weight: Weight of a word outside the catalogue's vocabulary (office
            names, filler of executive summaries) in the precision share.
        measure_bonus: Added when head word or unit agree with the indicator's measure.
        measure_penalty: Subtracted when they contradict it (count vs index).
        typo_cutoff: Least ``fuzz.ratio`` to correct an unknown word to a catalogue word.
        max_candidates: Number of candidates reported.

    """

    accept_score: float = 88.0
    accept_margin: float = 6.0
    review_score: float = 62.0
    sort_weight: float = 0.3
    recall_weight: float = 0.4
    precision_weight: float = 0.3
    unknown_weight: float = 1.5
    block_inner_unknown: bool = True
    measure_bonus: float = 3.0
    measure_penalty: float = 15.0
    typo_cutoff: float = 88.0
    max_candidates: int = 3

    def __post_init__(self) -> None:
        if not 0 <= self.review_score <= self.accept_score <= 100:
            raise ConfigError("MatchSettings: need 0 <= review_score <= accept_score <= 100")
        weights = (self.sort_weight, self.recall_weight, self.precision_weight)
        if min(weights) < 0 or sum(weights) <= 0:
            raise ConfigError("MatchSettings: scorer weights must be >= 0 and not all 0")
        if not 0 <= self.unknown_weight <= 2:
            raise ConfigError("MatchSettings: unknown_weight must be between 0 and 2")
        if self.max_candidates < 1:
            raise ConfigError("MatchSettings: max_candidates must be at least 1")

    @classmethod
    def resolve(cls, value: MatchSettings | Mapping[str, Any] | None = None) -> MatchSettings:
        """Given None, settings or a mapping of overrides, return settings.

        Raises:
            ConfigError: A key is unknown or a value is out of range.

        """
        if value is None:
            return cls()
        if isinstance(value, cls):
            return value
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(value) - known)
        if unknown:
            raise ConfigError(f"MatchSettings: unknown setting(s) {', '.join(unknown)}")
        return cls(**dict(value))


def load_catalogue(
    path: Path | None = None, *, extra_aliases: dict[str, str] | None = None
) -> Catalogue:
    """Load a catalogue file (default: the packaged BNN catalogue).

    Args:
        path: A YAML catalogue in the format of ``bnn_catalogue.yaml``; None for the
            packaged BNN catalogue.
        extra_aliases: User-added aliases, alias text -> code, applied on top.

    Returns:
        The validated catalogue.

    Raises:
        ConfigError: The file is missing, not YAML, or breaks the format; the
            message names the file and the problem.

    """
    if path is None:
        source = "lkip.schema/data/bnn_catalogue.yaml"
        try:
            text = (
                resources.files("lkip.schema")
                .joinpath("data/bnn_catalogue.yaml")
                .read_text(encoding="utf-8")
            )
        except (OSError, ModuleNotFoundError) as exc:
            raise ConfigError(f"{source}: packaged catalogue cannot be read ({exc})") from exc
    else:
        source = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"{source}: catalogue file cannot be read ({exc.strerror})") from exc
    return parse_catalogue(text, source=source, extra_aliases=extra_aliases)


def parse_catalogue(
    text: str, *, source: str = "<catalogue>", extra_aliases: Mapping[str, str] | None = None
) -> Catalogue:
    """Given the YAML text of a catalogue, return it validated.

    Args:
        text: YAML with ``name`` and a list of ``indicators``.
        source: The file name used in error messages.
        extra_aliases: Alias text -> code added on top of the file's aliases.

    Returns:
        The catalogue.

    Raises:
        ConfigError: The YAML is invalid or breaks the format.

    """
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{source}: not valid YAML ({exc})") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: expected a mapping with 'name' and 'indicators'")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ConfigError(f"{source}: 'name' must be a non-empty string")
    items = data.get("indicators")
    if not isinstance(items, list) or not items:
        raise ConfigError(f"{source}: 'indicators' must be a non-empty list")
    indicators = [_indicator_from(item, i, source) for i, item in enumerate(items, 1)]
    codes = [ind.code for ind in indicators]
    dupes = sorted({c for c in codes if codes.count(c) > 1})
    if dupes:
        raise ConfigError(f"{source}: duplicate code(s) {', '.join(dupes)}")
    catalogue = Catalogue(name.strip(), tuple(indicators))
    _check_alias_clashes(catalogue, source)
    if extra_aliases:
        catalogue = Catalogue(
            catalogue.name, catalogue.indicators, _user_aliases(catalogue, extra_aliases, source)
        )
    return catalogue


def match_indicator(
    text: str,
    catalogue: Catalogue,
    *,
    unit: str | None = None,
    settings: MatchSettings | Mapping[str, Any] | None = None,
) -> Match:
    """Given an indicator text as written, return its catalogue match.

    Args:
        text: The indicator as written (table cell, PK row or summary sentence).
        catalogue: The catalogue to match against.
        unit: The row's unit ("Kabupaten/Kota", "Indeks", "%"), when known.
        settings: Scorers and thresholds; defaults to :class:`MatchSettings`.

    Returns:
        The match; ``code`` is set only for ``accepted``.

    """
    cfg = MatchSettings.resolve(settings)
    index = _index_of(catalogue, cfg.typo_cutoff)
    query = correct_tokens(normalize_indicator_text(text), index.vocabulary, cutoff=cfg.typo_cutoff)
    if not query:
        return Match(None, 0.0, Outcome.UNMATCHED)
    cues = _measure_cues(query, unit)
    exact = index.exact.get(query)
    if exact is not None and not _agreement(index.measures[exact], cues)[1]:
        return Match(exact, 100.0, Outcome.ACCEPTED, ((exact, 100.0),))
    words = _content_words(query)
    unknown = cfg.unknown_weight * max(index.weights.values(), default=1.0)
    scored: list[tuple[float, str, bool]] = []
    for code, measure, aliases in index.entries:
        precision = _precision(words, index.code_words[code], index.weights, unknown)
        fuzzy = max(_fuzzy(query, words, alias, precision, index.weights, cfg) for alias in aliases)
        agree, conflict = _agreement(measure, cues)
        score = fuzzy + cfg.measure_bonus * agree - cfg.measure_penalty * conflict
        scored.append((max(0.0, min(100.0, score)), code, conflict > 0))
    scored.sort(key=lambda s: -s[0])
    best_score, best_code, best_conflict = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    candidates = tuple((code, round(score, 1)) for score, code, _ in scored[: cfg.max_candidates])
    inner_unknown = cfg.block_inner_unknown and _has_inner_unknown(words, index.vocabulary)
    if (
        best_score >= cfg.accept_score
        and best_score - runner_up >= cfg.accept_margin
        and not best_conflict
        and not inner_unknown
    ):
        return Match(best_code, round(best_score, 1), Outcome.ACCEPTED, candidates)
    if best_score >= cfg.review_score:
        return Match(None, round(best_score, 1), Outcome.REVIEW, candidates)
    return Match(None, round(best_score, 1), Outcome.UNMATCHED, candidates)


@dataclass(frozen=True, slots=True)
class _Index:
    """Normalised aliases of a catalogue, ready for scoring."""

    entries: tuple[tuple[str, str, tuple[str, ...]], ...]  # code, measure, aliases
    exact: dict[str, str]
    vocabulary: frozenset[str]
    code_words: dict[str, frozenset[str]]
    weights: dict[str, float]  # word -> informativeness (inverse document frequency)
    measures: dict[str, str]


@lru_cache(maxsize=16)
def _index_of(catalogue: Catalogue, typo_cutoff: float) -> _Index:
    texts = {
        ind.code: [normalize_indicator_text(t) for t in (ind.name, *ind.aliases)]
        for ind in catalogue.indicators
    }
    vocabulary = frozenset(w for forms in texts.values() for form in forms for w in form.split())
    exact: dict[str, str] = {}
    for alias, code in catalogue.user_aliases:
        form = normalize_indicator_text(alias)
        exact[form] = code
        texts[code].append(form)
    entries = []
    for ind in catalogue.indicators:
        forms = tuple(dict.fromkeys(f for f in texts[ind.code] if f))
        entries.append((ind.code, ind.measure, forms))
        for form in forms:
            exact.setdefault(form, ind.code)
    code_words = {
        code: frozenset(w for f in forms for w in f.split()) for code, _, forms in entries
    }
    df = Counter(w for words in code_words.values() for w in words)
    n = len(code_words)
    weights = {w: 1.0 + math.log(n / k) for w, k in df.items()}
    measures = {ind.code: ind.measure for ind in catalogue.indicators}
    return _Index(tuple(entries), exact, vocabulary, code_words, weights, measures)


def _fuzzy(
    query: str,
    words: list[str],
    alias: str,
    precision: float,
    weights: dict[str, float],
    cfg: MatchSettings,
) -> float:
    """Given the text and one alias, return their weighted similarity (0-100)."""
    alias_words = _content_words(alias)
    present = set(words)
    total = sum(weights[w] for w in alias_words)
    recall = sum(weights[w] for w in alias_words if w in present) / total if total else 0.0
    weight = cfg.sort_weight + cfg.recall_weight + cfg.precision_weight
    return (
        cfg.sort_weight * fuzz.token_sort_ratio(query, alias)
        + cfg.recall_weight * 100.0 * recall
        + cfg.precision_weight * 100.0 * precision
    ) / weight


def _precision(
    words: list[str], code_words: frozenset[str], weights: dict[str, float], unknown: float
) -> float:
    """Given the text's words, return the weighted share this indicator's names use."""
    total = hit = 0.0
    for w in words:
        weight = weights.get(w, unknown)
        total += weight
        hit += weight if w in code_words else 0.0
    return hit / total if total else 0.0


def _has_inner_unknown(words: list[str], vocabulary: frozenset[str]) -> bool:
    """Given content words, return whether an unknown one sits between known ones."""
    known = [i for i, w in enumerate(words) if w in vocabulary]
    if len(known) < 2:
        return False
    return any(w not in vocabulary for w in words[known[0] : known[-1] + 1])


def _content_words(text: str) -> list[str]:
    return [w for w in text.split() if w not in STOPWORDS]


def _measure_cues(query: str, unit: str | None) -> tuple[str, ...]:
    """Given the normalised text and unit, return the measure families they announce."""
    cues = []
    head = head_measure(query)
    if head:
        cues.append(head)
    by_unit = measure_of_unit(unit)
    if by_unit in {"index"}:
        cues.append("score")
    elif by_unit in {"count", "percent"}:
        cues.append(by_unit)
    return tuple(cues)


def _agreement(measure: str, cues: tuple[str, ...]) -> tuple[int, int]:
    """Given an indicator's measure and the text's cues, return (agreeing, conflicting) counts."""
    family = {"count": "count", "index": "score", "value": "score", "percent": "percent"}[measure]
    agree = sum(1 for c in cues if c == family)
    conflict = sum(1 for c in cues if (c == "count") != (family == "count"))
    return agree, conflict


def _indicator_from(item: object, pos: int, source: str) -> Indicator:
    where = f"{source}: indicator #{pos}"
    if not isinstance(item, dict):
        raise ConfigError(f"{where}: expected a mapping, got {type(item).__name__}")
    code = item.get("code")
    if isinstance(code, str):
        where = f"{where} ({code})"
    missing = [k for k in _REQUIRED if not isinstance(item.get(k), str) or not item[k].strip()]
    if missing:
        raise ConfigError(f"{where}: missing or empty {', '.join(missing)}")
    unknown = sorted(set(item) - _KNOWN_KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(unknown)}")
    if not _CODE.match(code):
        raise ConfigError(f"{where}: code must be lower_snake_case")
    if item["measure"] not in MEASURES:
        raise ConfigError(
            f"{where}: measure {item['measure']!r} is not one of {', '.join(MEASURES)}"
        )
    if item["direction"] not in DIRECTIONS:
        raise ConfigError(
            f"{where}: direction {item['direction']!r} is not one of {', '.join(DIRECTIONS)}"
        )
    unit = item.get("unit")
    if unit is not None and not isinstance(unit, str | int | float):
        raise ConfigError(f"{where}: unit must be a string")
    aliases = item.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise ConfigError(f"{where}: aliases must be a list of non-empty strings")
    return Indicator(
        code=code,
        name=item["name"].strip(),
        bidang=item["bidang"].strip(),
        measure=Measure(item["measure"]),
        direction=Direction(item["direction"]),
        unit=None if unit is None else str(unit).strip() or None,
        aliases=tuple(a.strip() for a in aliases),
    )


def _user_aliases(
    catalogue: Catalogue, extra: Mapping[str, str], source: str
) -> tuple[tuple[str, str], ...]:
    out = []
    for alias, code in extra.items():
        if catalogue.get(code) is None:
            raise ConfigError(f"{source}: added alias {alias!r} points to unknown code {code!r}")
        if not isinstance(alias, str) or not normalize_indicator_text(alias):
            raise ConfigError(f"{source}: an added alias for {code!r} is empty")
        out.append((alias.strip(), code))
    return tuple(out)


def _check_alias_clashes(catalogue: Catalogue, source: str) -> None:
    seen: dict[str, str] = {}
    for ind in catalogue.indicators:
        for text in (ind.name, *ind.aliases):
            form = normalize_indicator_text(text)
            other = seen.setdefault(form, ind.code)
            if other != ind.code:
                raise ConfigError(
                    f"{source}: {text!r} of {ind.code!r} reads the same as an alias of {other!r}"
                )


def indicator_scorer(catalogue: Catalogue) -> Callable[[str], float] | None:
    """Return how much a text reads like one of the catalogue's indicators (0-100), or None for an empty catalogue.

    The extractors take it to find where an indicator's name starts in tables dumped
    one cell fragment per line; it is built from the catalogue in use (``--catalogue``
    and learned aliases included).
    """
    if not catalogue.indicators:
        return None

    def score(text: str) -> float:
        return match_indicator(text, catalogue).score

    return score
