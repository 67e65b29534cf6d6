"""Field accuracy of lkip against hand-checked expectations.

Usage: python benchmarks/accuracy.py [INPUT_DIR ...] [--expected DIR ...]
Default: ../shared/corpus and ../shared/real_pdfs (expected JSON of the PDFs in
benchmarks/expected/real_pdfs), plus samples/text and samples/pdf.
Same as: lkip bench accuracy INPUT_DIR ... --expected DIR
"""

from __future__ import annotations

import argparse
from pathlib import Path

from lkip.accuracy import run_accuracy

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="*", type=Path)
    parser.add_argument("--expected", nargs="*", type=Path, default=[])
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    inputs = args.inputs or [p for p in (SHARED / "corpus", SHARED / "real_pdfs",
                                         REPO / "samples" / "text", REPO / "samples" / "pdf") if p.exists()]
    expected = args.expected or [REPO / "benchmarks" / "expected" / "real_pdfs"]
    print(run_accuracy(inputs, expected, workers=args.workers))


if __name__ == "__main__":
    main()
