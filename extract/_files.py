"""Read an input file and hand it to the right extractor (the I/O edge of extraction)."""

from __future__ import annotations

from pathlib import Path

from lkip.errors import BadInputError
from lkip.extract._records import Extraction

#: File endings a folder scan picks up.
SUPPORTED_SUFFIXES = (".pdf", ".txt", ".md")


def decode_text(data: bytes, name: str) -> str:
    """Given a text file's bytes, return its text (UTF-8 with or without BOM, UTF-16, Latin-1).

    Raises:
        BadInputError: The bytes are binary, not text.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise BadInputError(f"{name}: binary content, not a text dump")
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise BadInputError(f"{name}: cannot decode as text")  # pragma: no cover (latin-1 decodes all)


def is_pdf(path: Path, head: bytes) -> bool:
    """Return whether a file is (meant to be) a PDF: by its magic bytes or its name."""
    return head.startswith(b"%PDF") or path.suffix.lower() == ".pdf"


def read_head(path: Path, size: int = 1024) -> bytes:
    """Return a file's first bytes.

    Raises:
        BadInputError: The file cannot be read or is empty.
    """
    try:
        with path.open("rb") as fh:
            head = fh.read(size)
    except OSError as exc:
        raise BadInputError(f"{path}: cannot read file: {exc.strerror or exc}") from exc
    if not head:
        raise BadInputError(f"{path}: empty file (0 bytes)")
    return head


def extract_path(path: Path, pdf_settings: object | None = None) -> Extraction:
    """Given a file path, return its extraction (PDF or text by content and name).

    Raises:
        BadInputError: The file is empty, unreadable or of an unsupported kind.
        ParseError: The content could not be understood.
    """
    head = read_head(path)
    if is_pdf(path, head):
        from lkip.extract.pdf import extract_pdf

        return extract_pdf(path, pdf_settings)  # type: ignore[arg-type]
    from lkip.extract.text import extract_text

    return extract_text(decode_text(path.read_bytes(), str(path)))
