"""Ruled and borderless tables of born-digital pages, read from the PDF's own objects."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from lkip.extract.adapters import PageReader, PdfiumPages, page_rules, page_words
from lkip.extract.geometry import Rule, Run, Turn, Word, layout_lines, layout_tables, read_words, text_run
from lkip.extract.model import Method, SourceKind
from lkip.extract.tables import Cell, PageTable, TableKind, capaian_rows_from_grid, header_model
from lkip.extract.text_tables import is_running
from lkip.extract.vocab import caption_of

# --- reading the page (I/O) ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PageObjects:
    """What one page holds for table reading.

    Attributes:
        number: 1-based page number.
        height: Page height in points (of the turned page, when its text is turned).
        rules: The page's horizontal and vertical rules.
        words: The page's words with boxes (top-down points).
        turn: How the page was turned so that its text reads across, when it runs up or
            down the page (a landscape table set on a portrait page); None when upright.
    """

    number: int
    height: float
    rules: tuple[Rule, ...]
    words: tuple[Word, ...]
    turn: Turn | None = None


def read_page_objects(path: Path, pages: Sequence[int], password: str | None = None,
                      reader: PageReader | None = None) -> Iterator[PageObjects]:
    """Given a PDF and 1-based pages (unrotated), yield each page's rules and words, one page at a time.

    Raises:
        BadInputError: The PDF cannot be opened.
    """
    if pages:
        for text, page, textpage in (reader or PdfiumPages()).read(path, password, pages):
            yield page_objects(page, textpage, text.number)


def page_objects(page, textpage, number: int) -> PageObjects:
    """Given an open pypdfium2 page and its text page, return its rules and words, turned to read across."""
    height = float(page.get_height())
    words, rules = page_words(textpage, height), page_rules(page, height)
    run = text_run(words)
    if run is Run.ACROSS:
        return PageObjects(number, height, tuple(rules), tuple(words))
    turn = Turn(run, float(page.get_width()), height)
    return PageObjects(number, turn.turned_height, turn.rules(rules), turn.words(words), turn)


def as_printed(tables: Sequence[PageTable], page: PageObjects) -> list[PageTable]:
    """Given tables read from a page's objects, return them with boxes on the page as printed (not turned)."""
    turn = page.turn
    if turn is None:
        return list(tables)

    def back(cell: Cell | None) -> Cell | None:
        if cell is None or cell.where.bbox is None:
            return cell
        return replace(cell, where=replace(cell.where, bbox=turn.box_back(cell.where.bbox)))

    return [replace(t, bbox=turn.box_back(t.bbox), page_height=turn.height,
                    grid=tuple(tuple(back(c) for c in row) for row in t.grid)) for t in tables]


BORDERLESS_METHOD = Method.PDF_LAYOUT


def borderless_tables(page: PageObjects, year: int | None, running: frozenset[str] = frozenset(),
                      indicator_score: Callable[[str], float] | None = None) -> list[PageTable]:
    """Given a page's objects, return the PK and capaian tables read from its word layout.

    Lines shaped like the document's running headers and footers (``running``, from
    :func:`lkip.extract.text_tables._running.running_keys`) are left out. A capaian table
    is kept only when most of its rows give both a target and a realisasi: a plan
    matrix whose single "Target Capaian" column was split in two would otherwise
    publish targets as realisations.
    """
    lines = [ln for ln in layout_lines(page.words, page.number, ocr=False) if not is_running(ln.text, running)]
    found = layout_tables(lines, page.number, BORDERLESS_METHOD, page.height, year, indicator_score)
    return [t for t in found if _complete(t)]


def _complete(table: PageTable) -> bool:
    """Return whether a borderless table is a PK table, or a capaian table most of whose rows have both figures."""
    model, grid = header_model(table.grid)
    if model is None or model.kind is TableKind.PK:
        return model is not None
    rows = capaian_rows_from_grid(grid, source_kind=SourceKind.MAIN_TABLE, model=model)
    both = sum(bool(r.target_text and r.realisasi_text) for r in rows)
    return bool(rows) and both * 2 > len(rows)


#: How far above a table (points) its caption is looked for.
CAPTION_BAND = 90.0


def caption_from_words(words: Sequence[Word], bbox: tuple[float, float, float, float],
                       band: float = CAPTION_BAND) -> str:
    """Given a page's words and a table's box, return the caption printed above the table.

    The words whose boxes lie in a band above the table are read line by line; the
    caption runs from the last line starting "Tabel"/"Table", else it is the last two
    lines (:func:`lkip.extract.vocab._captions.caption_of`).
    """
    top = bbox[1]
    above = [w for w in words if w.bbox[3] <= top + 1.0 and w.bbox[1] >= top - band]
    return caption_of(read_words(above))
