#!/usr/bin/env bash
# Set up (idempotent), lint, and run the whole test suite, the notebook included.
# pytest's "no tests collected" (exit 5) counts as a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ruff check .
set +e
.venv/bin/python -m pytest "$@"
rc=$?
set -e
if [[ $rc -eq 5 ]]; then
  echo "test.sh: no tests were collected" >&2
  exit 1
fi
exit $rc
