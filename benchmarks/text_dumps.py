"""Accuracy of the TEXT path on dumps of PDFs it has never seen as text.

The text extractor was built on three BNN dumps; real users' dumps come from
other tools. This writes, for every PDF with an expected JSON (the labelled real
PDFs and the samples), two kinds of dump into a temporary folder:
  plain/  pypdfium2's text of each page (one text run per line, like raw dumps);
  layout/ pdfplumber's layout text (columns aligned with spaces, like pdftotext -layout);
then scores each folder with lkip.accuracy against the PDFs' expectations.

Usage: python benchmarks/text_dumps.py [--keep DIR]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium

from lkip.accuracy import run_accuracy

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXPECTED = [REPO / "benchmarks" / "expected" / "real_pdfs", REPO / "samples" / "pdf"]


def labelled_pdfs() -> list[Path]:
    """Born-digital PDFs that have an expected JSON."""
    pdfs = []
    for folder in (SHARED / "real_pdfs", REPO / "samples" / "pdf"):
        for pdf in sorted(folder.glob("*.pdf")) if folder.exists() else []:
            if "scanned" not in pdf.name and any((d / f"{pdf.stem}.json").exists() for d in EXPECTED):
                pdfs.append(pdf)
    return pdfs


def plain_dump(pdf: Path) -> str:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in doc)
    finally:
        doc.close()


def layout_dump(pdf: Path) -> str:
    pages = []
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            pages.append(page.extract_text(layout=True) or "")
            page.close()
    return "\n".join(pages)


def write_dumps(out: Path) -> dict[str, Path]:
    folders = {"plain": out / "plain", "layout": out / "layout"}
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True)
    for pdf in labelled_pdfs():
        (folders["plain"] / f"{pdf.stem}.txt").write_text(plain_dump(pdf), encoding="utf-8")
        (folders["layout"] / f"{pdf.stem}.txt").write_text(layout_dump(pdf), encoding="utf-8")
    return folders


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keep", type=Path, help="write the dumps here and keep them")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folders = write_dumps(args.keep or Path(tmp))
        for name, folder in folders.items():
            print(f"== {name} dumps")
            print(run_accuracy([folder], EXPECTED))


if __name__ == "__main__":
    main()
