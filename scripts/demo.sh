#!/usr/bin/env bash
# Ingest samples/ into lkip.duckdb and print the results and the flags.
set -euo pipefail
cd "$(dirname "$0")/.."
LKIP=.venv/bin/lkip
status=0
$LKIP ingest --db lkip.duckdb || status=$?
$LKIP query --db lkip.duckdb \
  "SELECT satker, year, indicator_code, target_value, realisasi_value, stated_pct,
          round(computed_pct, 2) AS computed_pct, achieved, flagged
   FROM results ORDER BY satker, year, indicator_code"
$LKIP flags --db lkip.duckdb
exit $status
