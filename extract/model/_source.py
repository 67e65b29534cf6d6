"""Reading a file's bytes: the first bytes (to tell a PDF), and text in whatever encoding it came in."""

from __future__ import annotations

from pathlib import Path

from lkip.errors import BadInputError


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
