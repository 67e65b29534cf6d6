"""Evidence people can see: where each side of a flag sits, as a page crop or quoted lines.

A flag stores the page/line of one side and its evidence text. The other side (the BAB III
row a PK target differs from, the summary table row an executive summary contradicts) is
looked up among the same report's rows of the same indicator. A PDF side becomes a PNG
crop of its page with the row outlined; a text side becomes its lines with two lines of
context. The source file is read now, so a moved or changed file is said instead.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw

from lkip.errors import LkipError

Box = tuple[float, float, float, float]

#: Points of page shown above and below a row, and pixels per point of a crop.
MARGIN_Y, SCALE = 30.0, 1.5
#: Lines of context shown around a text line.
CONTEXT_LINES = 2
HIGHLIGHT = (220, 40, 40)


@dataclass(frozen=True, slots=True)
class Side:
    """One place a flag points at.

    Attributes:
        label: What it is, e.g. "Perjanjian Kinerja row 3".
        page: 1-based PDF page, or None.
        line: 1-based line of a text file, or None.
        bbox: The row's box in top-left-origin points, or None.
        text: Text to look for on the page when there is no box.
    """

    label: str
    page: int | None
    line: int | None
    bbox: Box | None = None
    text: str | None = None

    def key(self) -> str:
        """Return a short id of the place (the same place gives the same crop file)."""
        raw = f"{self.page}|{self.line}|{self.bbox}|{self.text}"
        return hashlib.sha1(raw.encode()).hexdigest()[:12]


@dataclass(frozen=True, slots=True)
class Shown:
    """A side made visible: a PNG crop, quoted lines, or why neither could be made.

    Attributes:
        side: The place.
        png: The crop (PDF sides).
        lines: ``(line number, text, is_the_line)`` (text sides).
        problem: Why no crop or quote is shown (file moved, changed, unreadable).
    """

    side: Side
    png: bytes | None = None
    lines: tuple[tuple[int, str, bool], ...] = ()
    problem: str | None = None


@dataclass(slots=True)
class SourceFile:
    """A report's file as found now: the path that still holds the ingested content, or a problem."""

    path: Path | None
    file_type: str
    problem: str | None = None
    _lines: list[str] | None = field(default=None, repr=False)

    def lines(self) -> list[str]:
        """Return the text file's lines (read once)."""
        if self._lines is None:
            assert self.path is not None
            self._lines = self.path.read_text(encoding="utf-8", errors="replace").splitlines()
        return self._lines


def locate_source(paths: Sequence[str], sha256: str, file_type: str) -> SourceFile:
    """Given the paths a report was seen at and its hash, return the file that still holds it."""
    from lkip.pipeline import sha256_of  # the hash ingest keyed the report by

    existing = [Path(p) for p in paths if Path(p).is_file()]
    for path in existing:
        if sha256_of(path) == sha256:
            return SourceFile(path, file_type)
    if existing:
        return SourceFile(None, file_type, f"{existing[0].name} has changed since it was ingested "
                                           "(its sha256 differs); re-ingest it to see the page")
    name = Path(paths[0]).name if paths else "the source file"
    return SourceFile(None, file_type, f"{name} has moved or been deleted ({paths[0] if paths else '?'} "
                                       "not found); the page cannot be shown")


# ---------------------------------------------------------------- which rows a flag means


def _row_label(row: dict[str, Any]) -> str:
    if row["source"] == "pk":
        return f"Perjanjian Kinerja row {row['row_no']}"
    if row["source"] == "budget":
        return "budget"
    kind = str(row.get("source_kind") or "capaian").replace("_", " ")
    table = f" {row['table_no']}" if row.get("source_kind") == "indicator_table" else ""
    return f"{kind}{table}, row {row['row_no']}"


def row_side(row: dict[str, Any]) -> Side:
    """Return the side of one located row (PK, capaian or budget)."""
    bbox = tuple(row["bbox"]) if row.get("bbox") else None
    text = None if bbox else (row.get("indicator_text") or None)
    return Side(_row_label(row), row.get("page"), row.get("line"), bbox, text)  # type: ignore[arg-type]


def _best(rows: Iterable[dict[str, Any]], evidence: str) -> dict[str, Any] | None:
    """Return the row whose indicator text the evidence quotes, else the first."""
    rows = list(rows)
    quoted = [r for r in rows if r.get("indicator_text") and repr(r["indicator_text"]) in evidence]
    return (quoted or rows or [None])[0]


def flag_sides(flag: dict[str, Any], rows: Sequence[dict[str, Any]]) -> list[Side]:
    """Given a flag and its report's located rows, return the places it points at, flagged side first.

    Args:
        flag: A row of ``flag_list`` (kind, indicator_code, page, line, evidence, found).
        rows: The report's rows from :func:`lkip.schema.report_queries.located_rows`.
    """
    kind, code = flag["kind"], flag.get("indicator_code")
    page, line, evidence = flag.get("page"), flag.get("line"), flag.get("evidence") or ""
    if page is None and line is None:
        return []

    def here(r: dict[str, Any]) -> bool:
        return r.get("page") == page and r.get("line") == line

    def coded(r: dict[str, Any]) -> bool:
        return r.get("indicator_code") == code if code else r.get("indicator_code") is None

    first_src = {"pk_vs_capaian_target": "pk", "budget_arithmetic": "budget"}.get(kind, "capaian")
    first = _best((r for r in rows if r["source"] == first_src and here(r) and coded(r)), evidence)
    if first is None and kind == "unmatched_indicator":
        first = _best((r for r in rows if r["source"] in ("pk", "capaian") and here(r) and coded(r)), evidence)
    sides = [row_side(first)] if first else [Side(kind.replace("_", " "), page, line, None, evidence[:80])]
    second = None
    if kind == "summary_vs_table" and code:
        main = [r for r in rows if r["source"] == "capaian" and r["source_kind"] == "main_table" and coded(r)]
        second = main[0] if main else None
    elif kind == "pk_vs_capaian_target" and code:
        refs = [r for r in rows if r["source"] == "capaian" and r["source_kind"] != "executive_summary"
                and coded(r)]
        second = next((r for r in refs if r.get("target_text") == flag.get("found")), refs[0] if refs else None)
    if second is not None:
        sides.append(row_side(second))
    return sides


# ---------------------------------------------------------------- making them visible


def _row_band(cell: Box, runs: Sequence[tuple[Box, str]]) -> Box:
    """Return the whole row of a table cell: the cell widened to the text runs level with it."""
    level = [b for b, _ in runs if cell[1] - 1 <= (b[1] + b[3]) / 2 <= cell[3] + 1]
    if not level:
        return cell
    return (min(cell[0], *(b[0] for b in level)), cell[1], max(cell[2], *(b[2] for b in level)), cell[3])


def _squash(text: str) -> str:
    return " ".join(text.lower().split())


def _find_runs(text: str, runs: Sequence[tuple[Box, str]]) -> Box | None:
    """Return the box around the page's text runs that quote ``text`` (a sentence over lines).

    A run belongs when it is part of the text (or holds the text's start); runs after
    the first are taken while they follow within three line heights.
    """
    quoted = _squash(text)
    boxes: list[Box] = []
    for box, run in runs:
        squashed = _squash(run)
        hit = (len(squashed) >= 12 and squashed in quoted) or (len(quoted) >= 6 and quoted[:30] in squashed)
        if not hit:
            continue
        if boxes and box[1] - boxes[-1][3] > 3 * (boxes[-1][3] - boxes[-1][1]):
            break
        boxes.append(box)
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def highlight_box(path: Path, side: Side) -> Box | None:
    """Return the box to outline for a side: its row across the table, or its sentence's line."""
    from lkip.extract.adapters import page_text_boxes

    assert side.page is not None
    runs = page_text_boxes(path, side.page)
    if side.bbox:
        return _row_band(side.bbox, runs)
    return _find_runs(side.text, runs) if side.text else None


def crop_png(path: Path, side: Side) -> bytes:
    """Render a side's band of its page with the row outlined; return PNG bytes.

    The crop spans the page's width (the row's figures and their column heads' context),
    a margin above and below; with nothing to outline, the whole page is shown small.

    Raises:
        LkipError: The page cannot be rendered.
    """
    from lkip.extract.adapters import render_region

    assert side.page is not None
    box = highlight_box(path, side)
    if box is None:
        image, _ = render_region(path, side.page, None, 0.6)
    else:
        region = (0.0, box[1] - MARGIN_Y, 1e6, box[3] + MARGIN_Y)
        image, shown = render_region(path, side.page, region, SCALE)
        x0, y0 = (box[0] - shown[0]) * SCALE, (box[1] - shown[1]) * SCALE
        x1, y1 = (box[2] - shown[0]) * SCALE, (box[3] - shown[1]) * SCALE
        ImageDraw.Draw(image).rectangle((x0 - 4, y0 - 3, x1 + 4, y1 + 3), outline=HIGHLIGHT, width=3)
    return _small_png(image)


def _small_png(image: Image.Image) -> bytes:
    """Return the image as a compact PNG (a 64-colour palette keeps text and the outline)."""
    out = io.BytesIO()
    image.quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(out, format="PNG", optimize=True)
    return out.getvalue()


def show_side(source: SourceFile, side: Side) -> Shown:
    """Return a side made visible from the report's file (crop, quoted lines or the problem)."""
    if source.problem or source.path is None:
        return Shown(side, problem=source.problem or "the source file is not available")
    try:
        if source.file_type == "pdf" and side.page is not None:
            return Shown(side, png=crop_png(source.path, side))
        if side.line is not None:
            lines = source.lines()
            lo, hi = max(1, side.line - CONTEXT_LINES), min(len(lines), side.line + CONTEXT_LINES)
            return Shown(side, lines=tuple((n, lines[n - 1], n == side.line) for n in range(lo, hi + 1)))
    except (LkipError, OSError) as exc:
        return Shown(side, problem=str(exc))
    return Shown(side, problem="no page or line to show")


def _write(shown: Shown, stem: Path) -> Path:
    """Write a shown side as ``stem.png`` (crop) or ``stem.txt`` (quoted lines or the problem)."""
    if shown.png:
        path = stem.with_suffix(".png")
        path.write_bytes(shown.png)
        return path
    text = "\n".join(f"{'>' if hit else ' '} {n:>5}  {t}" for n, t, hit in shown.lines) or (shown.problem or "")
    path = stem.with_suffix(".txt")
    path.write_text(f"{shown.side.label}\n{text}\n", encoding="utf-8")
    return path


def write_shown(source: SourceFile, flags: Sequence[dict[str, Any]], rows: Sequence[dict[str, Any]],
                out: Path) -> list[Path]:
    """Write each flag's sides and each located row of one report into ``out``; return the files.

    Names: ``flag-<FLAG_ID>-<n>`` for flag sides, ``pk-<row>``, ``capaian-<kind>-<table>-<row>``
    and ``budget`` for rows; ``.png`` for PDF crops, ``.txt`` for quoted text lines.
    """
    written = []
    for flag in flags:
        for n, side in enumerate(flag_sides(flag, rows), start=1):
            written.append(_write(show_side(source, side), out / f"flag-{flag['flag_id']}-{n}"))
    for row in rows:
        if row["source"] == "pk":
            name = f"pk-{row['row_no']:03d}"
        elif row["source"] == "capaian":
            name = f"capaian-{row['source_kind']}-{row['table_no'] or 0}-{row['row_no']:03d}"
        else:
            name = "budget"
        written.append(_write(show_side(source, row_side(row)), out / name))
    return written
