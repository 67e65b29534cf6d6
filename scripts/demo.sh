#!/usr/bin/env bash
# Ingest the sample reports bundled with lkip (what `lkip ingest` reads when given no
# path, in a checkout and in a pip install alike) into lkip.duckdb in the current
# folder, and print the results and the flags.
# LKIP= names the lkip to run (default: this checkout's .venv/bin/lkip).
set -euo pipefail
LKIP=${LKIP:-"$(cd "$(dirname "$0")/.." && pwd)/.venv/bin/lkip"}
status=0
"$LKIP" ingest --db lkip.duckdb || status=$?
"$LKIP" query --db lkip.duckdb \
  "SELECT regexp_extract(source_path, '[^/]+$') AS file, satker, year, indicator_code,
          target_value, realisasi_value, stated_pct, round(computed_pct, 2) AS computed_pct,
          achieved, flagged
   FROM results ORDER BY file, indicator_code"
"$LKIP" query --db lkip.duckdb \
  "SELECT r.satker, r.year, f.kind, f.indicator_code, f.expected, f.found,
          regexp_extract(r.source_path, '[^/]+$') AS file, f.page, f.line
   FROM flags f JOIN reports r USING (report_id)
   WHERE f.kind <> 'unmatched_indicator' ORDER BY file, f.kind"
exit $status
