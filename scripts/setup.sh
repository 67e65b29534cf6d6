#!/usr/bin/env bash
# Set up lkip on a fresh Debian/Ubuntu machine with Python 3.11+:
# system packages (Tesseract, Chromium for tests), then lkip and its test tools
# into the virtual environment .venv. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-system-packages.sh

PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "setup.sh: Python 3.11 or newer is needed ($PYTHON is $("$PYTHON" --version 2>&1))" >&2
  exit 1
fi
if [[ ! -x .venv/bin/python ]]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[dev,ray]"
echo "setup.sh: lkip installed in .venv ($(.venv/bin/lkip --help >/dev/null && echo ok))"
