"""Throughput of lkip ingest, measured side by side with a floor and a naive baseline.

Usage: python benchmarks/throughput.py [--workers 1 2] [--naive] [--scans] [--engine local ray]

Corpus: the born-digital real PDFs in ../shared/real_pdfs, the text dumps in
../shared/corpus and the generated PDFs in samples/pdf (scanned files only with
--scans: OCR costs seconds per page). Prints, in one run:
  - files/s, pages/s, peak memory (RSS of this process and of its workers);
  - floor ratio: our ingest time / time to read every page's text with pypdfium2;
  - naive ratio: our ingest time / camelot lattice table detection on every page
    (--naive; slow: about 0.1-0.5 s a page).
Each ingest runs twice: ``ocr=auto`` (as users run it: the few pages without a
text layer inside these born-digital PDFs are OCR'd) and ``ocr=never`` (text-layer
pages only: the born-digital work the floor compares with).
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium

from lkip.pipeline import FileOptions, IngestOptions, discover, ingest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def corpus(scans: bool) -> list[Path]:
    folders = [p for p in (SHARED / "real_pdfs", SHARED / "corpus", REPO / "samples" / "pdf") if p.exists()]
    files = discover(folders)
    return [f for f in files if scans or "scanned" not in f.name]


def pdf_pages(files: list[Path]) -> int:
    return sum(len(pdfium.PdfDocument(str(f))) for f in files if f.suffix.lower() == ".pdf")


def pages_without_text(files: list[Path]) -> int:
    """Count the PDF pages without a usable text layer (the pages ``--ocr auto`` sends to Tesseract)."""
    from lkip.extract.adapters import read_text_layer

    return sum(not p.has_text for f in files if f.suffix.lower() == ".pdf" for p in read_text_layer(f))


def floor_seconds(files: list[Path]) -> float:
    """Read every page's text layer with pypdfium2 (and every text file) once."""
    started = time.perf_counter()
    for f in files:
        if f.suffix.lower() != ".pdf":
            f.read_text(encoding="utf-8", errors="replace")
            continue
        doc = pdfium.PdfDocument(str(f))
        for page in doc:
            page.get_textpage().get_text_range()
            page.close()
        doc.close()
    return time.perf_counter() - started


def naive_seconds(files: list[Path]) -> float:
    """Run camelot lattice (vector engine) table detection on every page of every PDF."""
    import warnings

    import camelot

    started = time.perf_counter()
    for f in files:
        if f.suffix.lower() != ".pdf":
            continue
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # camelot warns on every image-only or table-free page
                camelot.read_pdf(str(f), pages="all", flavor="lattice", backend="pdfium")
        except Exception as exc:  # noqa: BLE001 - a baseline run must not stop on one file
            print(f"  camelot failed on {f.name}: {exc}")
    return time.perf_counter() - started


def long_pdf_memory(pages: int) -> None:
    """Ingest one generated ``pages``-page LKIP in a child process; print its time and peak RSS."""
    import subprocess
    import sys

    sys.path.insert(0, str(REPO / "samples"))
    from generate_pdfs import long_report_pdf

    with tempfile.TemporaryDirectory() as tmp:
        pdf = long_report_pdf(REPO / "samples" / "pdf" / "lkip_bnnp_nusa_lestari_2024.pdf", pages,
                              Path(tmp) / "long.pdf")
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "lkip", "ingest", str(pdf), "--db", str(Path(tmp) / "l.duckdb"),
                        "--quiet", "--workers", "1"], check=True, stdout=subprocess.DEVNULL)
        seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"long PDF: {pages} pages in {seconds:.1f} s ({pages / seconds:.0f} pages/s), peak RSS {peak:.0f} MB")


def run_ingest(files: list[Path], workers: int, engine: str, ocr: str = "auto") -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        options = IngestOptions(workers=workers, force=True, file=FileOptions(ocr=ocr))
        started = time.perf_counter()
        if engine == "ray":
            from lkip.ray_engine import ingest_ray

            ingest_ray(files, db, options, shards=Path(tmp) / "shards")
        else:
            ingest(files, db, options)
        seconds = time.perf_counter() - started
        return seconds, sum(1 for _ in files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--naive", action="store_true", help="also time camelot on every page")
    parser.add_argument("--scans", action="store_true", help="include scanned PDFs (OCR)")
    parser.add_argument("--engine", nargs="+", default=["local"], choices=["local", "ray"])
    parser.add_argument("--long", type=int, default=1000, help="pages of the long-PDF memory run (0: skip)")
    args = parser.parse_args()
    if args.long:
        long_pdf_memory(args.long)
    files = corpus(args.scans)
    pages = pdf_pages(files)
    print(f"corpus: {len(files)} files ({sum(f.suffix.lower() == '.pdf' for f in files)} PDFs, {pages} PDF pages)")
    floor = floor_seconds(files)
    print(f"floor (pypdfium2 text of every page): {floor:.2f} s")
    naive = naive_seconds(files) if args.naive else None
    if naive is not None:
        print(f"naive (camelot lattice on every page): {naive:.1f} s")
    image_pages = pages_without_text(files)
    print(f"pages without a text layer (scanned pages inside born-digital PDFs, OCR'd): {image_pages}")
    for engine in args.engine:
        for ocr in ("auto", "never"):
            for w in args.workers:
                seconds, n = run_ingest(files, w, engine, ocr)
                line = (f"{engine:5} ocr={ocr:5} workers={w}: {seconds:6.1f} s  {n / seconds:5.2f} files/s  "
                        f"{pages / seconds:6.1f} pages/s  x{seconds / floor:.1f} floor")
                if naive is not None:
                    line += f"  {seconds / naive:.2f} of naive"
                print(line)
    self_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS: this process {self_mb:.0f} MB, largest worker {child_mb:.0f} MB")


if __name__ == "__main__":
    main()
