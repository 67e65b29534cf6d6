"""Write ``cross_province.ipynb`` from the cells below (outputs are never committed).

Run: python notebooks/build_notebook.py
"""

from pathlib import Path

import nbformat as nbf

CELLS = [
    ("md", """# What the LKIP dataset is good for

This notebook builds a DuckDB file with `lkip` from the repository's `samples/`
(and, when present, the real text dumps in `../shared/corpus`), then answers four
questions with SQL:

1. Which offices missed which targets?
2. How does one indicator compare across provinces and years?
3. Which reports carry flags, and why (with page/line references)?
4. How much of the data went to the review queue?

Set `LKIP_NOTEBOOK_SHARED=1` to include `../shared/corpus` and `../shared/real_pdfs`."""),
    ("code", """import os
import tempfile
from pathlib import Path

import duckdb
import matplotlib.pyplot as plt

from lkip.pipeline import IngestOptions, ingest

ROOT = Path.cwd() if (Path.cwd() / "samples").exists() else Path.cwd().parent
inputs = [ROOT / "samples"]
shared = ROOT.parent / "shared"
if os.environ.get("LKIP_NOTEBOOK_SHARED") == "1" and shared.exists():
    inputs += [shared / "corpus", shared / "real_pdfs"]
db = Path(os.environ.get("LKIP_NOTEBOOK_DB") or Path(tempfile.mkdtemp()) / "lkip.duckdb")
summary = ingest(inputs, db, IngestOptions(workers=2))
print(f"{len(summary.outcomes)} files: {summary.count('ok')} ok, {summary.count('partial')} partial, "
      f"{summary.count('failed')} failed, {summary.count('skipped')} unchanged")
con = duckdb.connect(str(db), read_only=True)
con.sql("SELECT satker, level, province, regency, year, status FROM reports ORDER BY province, satker").df()"""),
    ("md", "## 1. Which offices missed which targets?\n\n`results` holds one trusted row per report and indicator; `achieved` honours the indicator's direction."),
    ("code", """missed = con.sql('''
    SELECT satker, year, coalesce(indicator_code, indicator_text) AS indicator,
           target_value, realisasi_value, round(computed_pct, 1) AS capaian_pct, page, line
    FROM results WHERE achieved = false ORDER BY satker, year, indicator''').df()
missed"""),
    ("md", "## 2. One indicator across provinces and years\n\nCapaian (realisasi / target) of each catalogue indicator, per office."),
    ("code", """by_ind = con.sql('''
    SELECT indicator_code, satker || ' ' || year AS office_year, computed_pct
    FROM results WHERE indicator_code IS NOT NULL AND computed_pct IS NOT NULL
    ORDER BY indicator_code, office_year''').df()
codes = list(dict.fromkeys(by_ind["indicator_code"]))[:8]
fig, axes = plt.subplots(len(codes), 1, figsize=(8, 1.6 * len(codes)), sharex=True, squeeze=False)
for ax, code in zip(axes[:, 0], codes):
    part = by_ind[by_ind["indicator_code"] == code]
    ax.barh(part["office_year"], part["computed_pct"], color="#4C72B0")
    ax.axvline(100, color="#C44E52", lw=1)
    ax.set_title(code, fontsize=9, loc="left")
    ax.tick_params(labelsize=8)
axes[-1, 0].set_xlabel("capaian (%) — red line: target")
fig.tight_layout()"""),
    ("md", "## 3. Which reports carry flags, and why\n\nEach flag names the page (PDF) or line (text dump) of its evidence."),
    ("code", """con.sql('''
    SELECT r.satker, r.year, f.kind, f.indicator_code, f.expected, f.found, f.page, f.line, f.message
    FROM flags f JOIN reports r USING (report_id)
    WHERE f.kind <> 'unmatched_indicator'
    ORDER BY r.satker, f.kind''').df()"""),
    ("code", """con.sql('''
    SELECT kind, count(*) AS flags, count(DISTINCT report_id) AS reports
    FROM flags GROUP BY kind ORDER BY flags DESC''').df()"""),
    ("md", "## 4. How much went to the review queue?\n\nIndicator texts the catalogue could not code with confidence wait for a person (`lkip catalogue review`); another agency's indicators land uncoded."),
    ("code", """con.sql('''
    SELECT count(*) AS rows,
           count(indicator_code) AS coded,
           count(*) - count(indicator_code) AS uncoded,
           (SELECT count(DISTINCT indicator_text) FROM review_queue) AS texts_in_review
    FROM (SELECT indicator_code FROM pk_targets UNION ALL
          SELECT indicator_code FROM capaian)''').df()"""),
]


def build() -> nbf.NotebookNode:
    """Return the notebook object."""
    nb = nbf.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbf.v4.new_markdown_cell(src) if kind == "md" else nbf.v4.new_code_cell(src)
                for kind, src in CELLS]
    return nb


if __name__ == "__main__":
    out = Path(__file__).with_name("cross_province.ipynb")
    nbf.write(build(), out)
    print(out)
