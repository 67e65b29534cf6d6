"""Variant suite (issue 14): what a change of incidental form does to accuracy.

Every labelled document (the samples, the corpus dumps' JSON in ../shared/corpus,
the real PDFs' labels in benchmarks/expected/real_pdfs; absent ones are skipped) is
read into a document model from its expected JSON and re-rendered as a synthetic
LKIP under each transformation of ``_variant_doc.transformations`` (units on their
own line, % column dropped/renamed/moved, column-number rows, band rows, page
splits, mixed decimal marks, PK as a list, another office's PK attached, a
duplicate capaian table, older table names, all at once), by five producers: three
text-dump styles (cell-per-line, tab, markdown), reportlab PDFs and LibreOffice PDFs
(python-docx -> ``soffice --convert-to pdf``, one batched call). The expected JSON
follows each change. Each variant is ingested and scored with lkip.accuracy (the
field F1 of benchmarks/accuracy.py: PK targets, capaian target / realisasi / stated %,
each with its catalogue code); the report is F1 per transformation (rows) x producer
(columns), then the count of extracted values off by a power of ten.

Deterministic: every random choice comes from ``random.Random(f"{seed}:{doc}:{transformation}")``.
Generated PDFs are cached by content in ``--cache`` (default: a folder in the temp dir).

Usage: python benchmarks/variants.py [--producers cells tab markdown reportlab libreoffice]
       [--only TRANSFORMATION ...] [--docs STEM ...] [--seed 14] [--keep DIR] [--misses N]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _variant_doc import Model, build, model_from_expected, transformations  # noqa: E402
from _variant_render import (  # noqa: E402
    TEXT_STYLES,
    render_docx,
    render_reportlab,
    render_text,
    soffice_to_pdf,
)

from lkip.accuracy import ReportScore, Score, measure, power_of_ten_errors  # noqa: E402
from lkip.pipeline import FileOptions, IngestOptions  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
LABEL_DIRS = (REPO / "samples" / "text", REPO / "samples" / "pdf", SHARED / "corpus",
              REPO / "benchmarks" / "expected" / "real_pdfs")
PRODUCERS = (*TEXT_STYLES, "reportlab", "libreoffice")
DEFAULT_CACHE = Path(tempfile.gettempdir()) / "lkip-variants-cache"
# cached PDFs are keyed by their blocks and the renderers' source, so a changed renderer is not served stale PDFs
_RENDER_VERSION = hashlib.sha256((Path(__file__).parent / "_variant_render.py").read_bytes()).hexdigest()[:12]


def label_files(dirs: Iterable[Path] = LABEL_DIRS) -> list[Path]:
    """Return the labelled documents' expected JSON, one per document (a scan's twin is left out)."""
    seen: set[str] = set()
    out = []
    for folder in dirs:
        for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
            stem = path.stem.removesuffix("_scanned")
            if stem in seen:
                continue
            seen.add(stem)
            out.append(path)
    return out


def slug(name: str) -> str:
    """Given a transformation's name, return its file-name form."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


@dataclass(frozen=True, slots=True)
class Variant:
    """One rendering: a document under a transformation by a producer."""

    doc: str
    transformation: str
    producer: str
    path: Path


def _rng(seed: int, doc: str, name: str) -> random.Random:
    return random.Random(f"{seed}:{doc}:{name}")


def write_variants(models: Sequence[Model], names: Sequence[str], producers: Sequence[str], out: Path,
                   cache: Path, seed: int) -> list[Variant]:
    """Render every model under every named transformation by every producer into ``out/<producer>/``.

    Each file gets its expected JSON beside it. PDFs come from ``cache`` when a rendering
    with the same blocks was made before; LibreOffice converts all new .docx in one call.
    """
    cache.mkdir(parents=True, exist_ok=True)
    variants: list[Variant] = []
    pending_docx: list[tuple[Path, Path]] = []  # (cached docx, destination PDF)
    for producer in producers:
        (out / producer).mkdir(parents=True, exist_ok=True)
    for model in models:
        for name in names:
            form = transformations(_rng(seed, model.name, "forms"))[name]
            blocks, expected = build(model, form, _rng(seed, model.name, name))
            key = hashlib.sha256(f"{_RENDER_VERSION}{blocks!r}".encode()).hexdigest()[:24]
            for producer in producers:
                ext = ".txt" if producer in TEXT_STYLES else ".pdf"
                path = out / producer / f"{model.name}__{slug(name)}__{producer}{ext}"
                expected["source"] = path.name
                (path.with_suffix(".json")).write_text(json.dumps(expected, ensure_ascii=False, indent=1),
                                                        encoding="utf-8")
                if producer in TEXT_STYLES:
                    path.write_text(render_text(blocks, producer), encoding="utf-8")
                elif producer == "reportlab":
                    footer = f"LKIP {model.satker} Tahun {model.year}"
                    pdf = cache / f"rl-{key}.pdf"
                    if not pdf.exists():
                        pdf.write_bytes(render_reportlab(blocks, footer))
                    shutil.copyfile(pdf, path)
                else:
                    pdf = cache / f"lo-{key}.pdf"
                    if pdf.exists():
                        shutil.copyfile(pdf, path)
                    else:
                        docx = cache / f"lo-{key}.docx"
                        docx.write_bytes(render_docx(blocks))
                        pending_docx.append((docx, path))
                variants.append(Variant(model.name, name, producer, path))
    if pending_docx:
        unique = sorted({d for d, _ in pending_docx})
        soffice_to_pdf(unique, cache)
        for docx, dest in pending_docx:
            shutil.copyfile(docx.with_suffix(".pdf"), dest)
        for docx in unique:
            docx.unlink()
    return variants


# --- scoring -----------------------------------------------------------------------------------

@dataclass(slots=True)
class Cell:
    """The scores of one transformation x producer."""

    score: Score = field(default_factory=Score)
    pow10: int = 0
    reports: int = 0
    missing: int = 0


def score_variants(variants: Sequence[Variant], workers: int | None = None
                   ) -> tuple[dict[tuple[str, str], Cell], list[tuple[Variant, ReportScore]]]:
    """Ingest every variant (one batch) and score it against its expectation.

    Returns:
        Cells keyed by (transformation, producer), and each variant's own score.
    """
    options = IngestOptions(force=True, file=FileOptions(ocr="never"),
                            **({"workers": workers} if workers is not None else {}))
    with tempfile.TemporaryDirectory(prefix="lkip-variants-db-") as tmp:
        folders = sorted({v.path.parent for v in variants})
        scores = {s.name: s for s in measure(folders, [], Path(tmp) / "variants.duckdb", options)}
    cells: dict[tuple[str, str], Cell] = {}
    each: list[tuple[Variant, ReportScore]] = []
    for v in variants:
        s = scores.get(v.path.name) or ReportScore(name=v.path.name, found=False)
        cell = cells.setdefault((v.transformation, v.producer), Cell())
        cell.reports += 1
        cell.missing += not s.found
        cell.score.add(s.fields)
        cell.pow10 += power_of_ten_errors(s)
        each.append((v, s))
    return cells, each


def new_flags(each: Sequence[tuple[Variant, ReportScore]], transformation: str) -> tuple[int, int]:
    """Return how many variants of a transformation raise a flag its identity rendering does not, of how many.

    A transformation that plants a contradiction (a duplicate capaian table that disagrees)
    should be flagged; the identity rendering of the same document and producer is the baseline.
    """
    base = {(v.doc, v.producer): set(s.flags_found) for v, s in each if v.transformation == "identity"}
    mine = [(v, s) for v, s in each if v.transformation == transformation and (v.doc, v.producer) in base]
    raised = sum(1 for v, s in mine if set(s.flags_found) - base[(v.doc, v.producer)])
    return raised, len(mine)


def format_table(cells: dict[tuple[str, str], Cell], names: Sequence[str], producers: Sequence[str]) -> str:
    """Return the markdown tables: F1 per transformation x producer, then values off by a power of ten."""
    head = "| transformation | " + " | ".join(producers) + " | all |"
    rule = "|---|" + "---:|" * (len(producers) + 1)
    f1 = [head, rule]
    p10 = [head, rule]
    col_tot = {p: Score() for p in producers}
    grand = Score()
    for name in names:
        row_tot = Score()
        f1_cells, p10_cells = [], []
        n10 = 0
        for p in producers:
            cell = cells.get((name, p))
            if cell is None:
                f1_cells.append("")
                p10_cells.append("")
                continue
            row_tot.add(cell.score)
            col_tot[p].add(cell.score)
            grand.add(cell.score)
            n10 += cell.pow10
            f1_cells.append(f"{cell.score.f1:.3f}" + (f" ({cell.missing} not ingested)" if cell.missing else ""))
            p10_cells.append(str(cell.pow10))
        f1.append(f"| {name} | " + " | ".join(f1_cells) + f" | {row_tot.f1:.3f} |")
        p10.append(f"| {name} | " + " | ".join(p10_cells) + f" | {n10} |")
    f1.append("| **all** | " + " | ".join(f"{col_tot[p].f1:.3f}" for p in producers) + f" | {grand.f1:.3f} |")
    return ("F1 (PK target, capaian target / realisasi / stated %, each with its catalogue code):\n\n"
            + "\n".join(f1) + "\n\nValues off by a power of ten (wrong numbers are worse than missing ones):\n\n"
            + "\n".join(p10))


def run(names: Sequence[str], producers: Sequence[str], docs: Sequence[str] | None, out: Path, cache: Path,
        seed: int, workers: int | None = None) -> tuple[dict[tuple[str, str], Cell], list[tuple[Variant, ReportScore]]]:
    """Render and score the variants; return the cells and each variant's score."""
    models = []
    for path in label_files():
        model = model_from_expected(json.loads(path.read_text(encoding="utf-8")), path.stem.removesuffix("_scanned"))
        if docs is None or model.name in docs:
            models.append(model)
    variants = write_variants(models, names, producers, out, cache, seed)
    return score_variants(variants, workers)


def main(argv: Sequence[str] | None = None) -> None:
    """Run the variant suite and print its tables."""
    all_names = list(transformations(random.Random(0)))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--producers", nargs="*", default=list(PRODUCERS), choices=PRODUCERS)
    parser.add_argument("--only", nargs="*", default=None, help="transformations (names or slugs)")
    parser.add_argument("--docs", nargs="*", default=None, help="document stems")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--keep", type=Path, help="write the variants here and keep them")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--misses", type=int, default=0, help="print up to N misses per variant")
    args = parser.parse_args(argv)
    names = [n for n in all_names if args.only is None or n in args.only or slug(n) in args.only]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="lkip-variants-") as tmp:
        out = args.keep or Path(tmp)
        cells, each = run(names, args.producers, args.docs, out, args.cache, args.seed, args.workers)
        if args.misses:
            for v, s in each:
                if s.misses:
                    print(f"{v.producer}/{v.path.name}: F1 {s.fields.f1:.3f}")
                    for m in s.misses[: args.misses]:
                        print(f"    - {m}")
    docs = len({v.doc for v, _ in each})
    print(f"{docs} documents x {len(names)} transformations x {len(args.producers)} producers = {len(each)} "
          f"variants, {time.perf_counter() - started:.0f} s\n")
    print(format_table(cells, names, args.producers))
    if "identity" in names and "duplicate capaian table" in names:
        raised, of = new_flags(each, "duplicate capaian table")
        print(f"\nDuplicate capaian table that disagrees: a new flag in {raised} of {of} variants.")


if __name__ == "__main__":
    main()
