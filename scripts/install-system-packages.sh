#!/usr/bin/env bash
# Install the system packages lkip needs (Debian 12, run as root, no prompts).
#
# Idempotent: packages already installed are skipped; `apt-get update` runs once,
# and only when something is missing.
#   tesseract-ocr, tesseract-ocr-ind, tesseract-ocr-eng: OCR of scanned PDF pages
#   tesseract-ocr-osd: orientation detection of scanned pages (sideways landscape tables)
#   poppler-utils: pdftoppm/pdfinfo, to look at rendered pages by hand
#   chromium: the HTML export test
#   libreoffice-writer-nogui: a second PDF producer (.docx -> PDF) for benchmarks/variants.py
set -euo pipefail

PACKAGES=(
  tesseract-ocr
  tesseract-ocr-ind
  tesseract-ocr-eng
  tesseract-ocr-osd
  poppler-utils
  chromium
  libreoffice-writer-nogui
)

if [[ "$(id -u)" -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then
    exec sudo -n -- "$0" "$@"
  fi
  echo "install-system-packages.sh: run as root (or with passwordless sudo)" >&2
  exit 1
fi

missing=()
for pkg in "${PACKAGES[@]}"; do
  if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    echo "already installed: $pkg"
  else
    missing+=("$pkg")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "all system packages present"
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends "${missing[@]}"
echo "installed: ${missing[*]}"
