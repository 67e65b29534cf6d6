"""Tesseract adapter (pytesseract): availability, words with boxes, and orientation detection (OSD)."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from typing import Protocol

from lkip.extract.geometry import Word


def tesseract_available(languages: str = "ind+eng") -> str | None:
    """Return None when Tesseract and the language data are usable, else the reason they are not."""
    if shutil.which("tesseract") is None:
        return "Tesseract is not installed (run scripts/install-system-packages.sh)"
    try:
        import pytesseract
    except ImportError:
        return "the pytesseract package is not installed"
    try:
        have = set(pytesseract.get_languages(config=""))
    except Exception as exc:  # pytesseract raises its own and OS errors
        return f"Tesseract does not run: {exc}"
    missing = [lang for lang in languages.split("+") if lang not in have]
    if missing:
        return f"Tesseract language data missing: {', '.join(missing)} (install tesseract-ocr-{missing[0]})"
    return None


# --- Tesseract -------------------------------------------------------------------------------


def run_tesseract(image, languages: str, psm: int = 6) -> list[Word]:
    """Given a grayscale image, return Tesseract's words with pixel boxes (one process, one thread)."""
    import pytesseract

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    data = pytesseract.image_to_data(image, lang=languages, config=f"--psm {psm}",
                                     output_type=pytesseract.Output.DICT)
    words = []
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        if not text or float(data["conf"][i]) < 0:
            continue
        x, y, w, h = data["left"][i], data["top"][i], data["width"][i], data["height"][i]
        line = data["block_num"][i] * 10_000 + data["par_num"][i] * 100 + data["line_num"][i]
        words.append(Word(text, (float(x), float(y), float(x + w), float(y + h)), line))
    return words


def osd_rotation(image) -> tuple[int, float] | None:
    """Given a grayscale page image (about 150 dpi), return Tesseract OSD's ``(rotation, confidence)``, or None.

    None when OSD cannot decide (too little text, or the ``osd`` language data is
    missing: Debian package ``tesseract-ocr-osd``).
    """
    import pytesseract

    try:
        osd = pytesseract.image_to_osd(image, config="--psm 0 -c min_characters_to_try=30",
                                       output_type=pytesseract.Output.DICT)
    except (pytesseract.TesseractError, OSError, ValueError):
        return None
    rotation = int(osd.get("rotate", 0)) % 360
    if rotation not in (0, 90, 180, 270):
        return None
    return rotation, float(osd.get("orientation_conf", 0.0))


class OcrEngine(Protocol):
    """What the OCR step needs of an OCR engine (Tesseract here; tests swap in a fake)."""

    def unavailable(self, languages: str) -> str | None:
        """Return None when the engine can read ``languages``, else the reason it cannot."""

    def words(self, image, languages: str, psm: int = 6) -> list[Word]:
        """Given a grayscale image, return its words with pixel boxes."""

    def orientation(self, image) -> tuple[int, float] | None:
        """Given a grayscale page image, return ``(clockwise rotation, confidence)``, or None."""


@dataclass(frozen=True, slots=True)
class TesseractEngine:
    """The Tesseract OCR engine (through pytesseract)."""

    def unavailable(self, languages: str) -> str | None:
        """Return None when Tesseract and the language data are usable, else the reason they are not."""
        return tesseract_available(languages)

    def words(self, image, languages: str, psm: int = 6) -> list[Word]:
        """Given a grayscale image, return Tesseract's words with pixel boxes."""
        return run_tesseract(image, languages, psm)

    def orientation(self, image) -> tuple[int, float] | None:
        """Given a grayscale page image, return Tesseract OSD's ``(rotation, confidence)``, or None."""
        return osd_rotation(image)
