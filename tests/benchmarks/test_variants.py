"""The variant suite (benchmarks/variants.py) on a handful of variants of one sample.

Asserts that the suite renders, ingests and scores: the untransformed rendering
scores 1.0 against its own expectation (text and PDF), a deliberately broken
expectation scores below 1 (and its tenfold value is counted), and expectations
follow the transformations. It does not assert that the extractor copes with
every transformation: that is what the suite measures.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))

from _variant_doc import build, model_from_expected, transformations  # noqa: E402
from variants import Variant, format_table, power_of_ten_errors, score_variants, write_variants  # noqa: E402

SAMPLE = REPO / "samples" / "text" / "lkip_bnnp_nusa_lestari_2024.json"
TEXT_NAMES = ("identity", "% column dropped", "units on own line", "band rows", "other office's PK attached")


@pytest.fixture(scope="module")
def model():
    return model_from_expected(json.loads(SAMPLE.read_text(encoding="utf-8")), "nusa")


@pytest.fixture(scope="module")
def scored(model, tmp_path_factory):
    out = tmp_path_factory.mktemp("variants")
    cache = tmp_path_factory.mktemp("cache")
    variants = write_variants([model], TEXT_NAMES, ["tab"], out, cache, seed=14)
    variants += write_variants([model], ["identity", "other office's PK attached"], ["reportlab"], out, cache,
                               seed=14)
    # the identity text with a broken expectation: one PK target tenfold, one stated % changed
    ident = next(v for v in variants if v.transformation == "identity" and v.producer == "tab")
    broken_dir = out / "broken"
    broken_dir.mkdir()
    broken = broken_dir / "nusa__broken__tab.txt"
    broken.write_text(ident.path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    expected = json.loads(ident.path.with_suffix(".json").read_text(encoding="utf-8"))
    expected["pk"][0]["target"] *= 10
    expected["capaian"][1]["stated_pct"] += 1
    broken.with_suffix(".json").write_text(json.dumps(expected), encoding="utf-8")
    variants.append(Variant("nusa", "broken", "tab", broken))
    cells, each = score_variants(variants, workers=0)
    return cells, {(v.transformation, v.producer): s for v, s in each}


def test_identity_scores_one_in_text_and_pdf(scored):
    _, by = scored
    for producer in ("tab", "reportlab"):
        score = by[("identity", producer)]
        assert score.found, producer
        assert score.fields.f1 == 1.0, (producer, score.misses)
        assert score.fields.tp == 9 * 2 + 9 * 4  # PK: target + code; capaian: 3 figures + code


def test_another_offices_pk_attached_stays_out_of_the_reports_pk(scored):
    """Its PIHAK PERTAMA is another office: its rows (other targets) must not land in the report's PK."""
    _, by = scored
    for producer in ("tab", "reportlab"):
        score = by[("other office's PK attached", producer)]
        assert score.fields.f1 == 1.0, (producer, score.misses)


def test_broken_expectation_scores_below_one(scored):
    _, by = scored
    broken = by[("broken", "tab")]
    assert broken.found
    assert broken.fields.f1 < 1.0
    assert broken.fields.fn == 2
    assert power_of_ten_errors(broken) == 1  # the tenfold target, not the +1 %


def test_every_variant_is_ingested_and_tabulated(scored):
    cells, by = scored
    assert all(s.found for s in by.values())
    table = format_table(cells, [*TEXT_NAMES, "broken"], ["tab", "reportlab"])
    assert "| identity | 1.000 | 1.000 | 1.000 |" in table
    assert all(f"| {name} |" in table for name in TEXT_NAMES)


def test_expectations_follow_the_transformation(model):
    forms = transformations(random.Random(0))
    _, ident = build(model, forms["identity"], random.Random(1))
    _, dropped = build(model, forms["% column dropped"], random.Random(1))
    assert all(r["stated_pct"] is not None for r in ident["capaian"])
    assert all(r["stated_pct"] is None for r in dropped["capaian"])
    blocks, other = build(model, forms["other office's PK attached"], random.Random(1))
    assert other["pk"] == ident["pk"]  # the attached PK is another office's, not the report's
    assert any("PIHAK PERTAMA" in getattr(b, "text", "") for b in blocks)
    _, dup = build(model, forms["duplicate capaian table"], random.Random(1))
    assert dup["capaian"] == ident["capaian"] and dup["inconsistencies"]


def test_rendering_is_deterministic(model):
    form = transformations(random.Random(3))["all of the above"]
    assert build(model, form, random.Random("x")) == build(model, form, random.Random("x"))
