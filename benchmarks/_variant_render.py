"""Producers of the variant suite: blocks (see ``_variant_doc``) to files.

Text dumps in three styles (``cells``: one cell fragment per line; ``tab``:
tab-separated rows; ``markdown``: pipe tables), PDFs through reportlab (the
samples' page-flow engine) and .docx files (python-docx) that LibreOffice turns
into PDFs in one batched ``soffice`` call.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Sequence
from pathlib import Path

from _variant_doc import Block, PageBreak, Para, Table

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "samples"))

TEXT_STYLES = ("cells", "tab", "markdown")
_WIDTH = {"no": 0.07, "sasaran": 0.22, "unit": 0.14, "num": 0.14}
CELL_WRAP = 24


def _widths(kinds: Sequence[str]) -> list[float]:
    fixed = sum(_WIDTH.get(k, 0.0) for k in kinds)
    text = max(1, sum(1 for k in kinds if k == "text"))
    scale = 1.0 if fixed < 0.72 else 0.72 / fixed
    rest = (1.0 - fixed * scale) / text
    return [_WIDTH[k] * scale if k in _WIDTH else rest for k in kinds]


# --- text dumps --------------------------------------------------------------------------------


def _text_cell(cell: str, style: str) -> str:
    return " ".join(cell.split()) if style != "cells" else cell


def _row_line(cells: Sequence[str], style: str) -> str:
    cells = [_text_cell(c, style) for c in cells]
    if style == "tab":
        return "\t".join(cells)
    return "| " + " | ".join(cells) + " |"


def _table_lines(t: Table, style: str, page: list[int]) -> list[str]:
    def head() -> list[str]:
        if style == "cells":
            out = [part for h in t.header for part in textwrap.wrap(h, CELL_WRAP) or [h]]
            return out + ([" ".join(t.colnums)] if t.colnums else [])
        out = [_row_line(t.header, style)]
        if style == "markdown":
            out.append("|" + "|".join("---" for _ in t.header) + "|")
        return out + ([_row_line(t.colnums, style)] if t.colnums else [])

    lines = head()
    for i, row in enumerate(t.rows):
        if i == t.split_at:
            page[0] += 1
            lines += ["", f"{page[0] - 1}", "", *head()]
        if isinstance(row, str):
            if style == "cells":
                lines += textwrap.wrap(row, 78)
            elif style == "tab":
                lines.append(row + "\t" * (len(t.header) - 1))
            else:
                lines.append(_row_line([row] + [""] * (len(t.header) - 1), style))
            continue
        if style == "cells":
            for cell in row:
                for part in cell.split("\n"):
                    lines += textwrap.wrap(part, CELL_WRAP) or ([] if not part else [part])
        else:
            lines.append(_row_line(row, style))
    return lines


def render_text(blocks: Sequence[Block], style: str) -> str:
    """Given blocks and a dump style (``cells``, ``tab``, ``markdown``), return the text dump."""
    lines: list[str] = []
    page = [1]
    for b in blocks:
        if isinstance(b, PageBreak):
            page[0] += 1
            lines += ["", f"{page[0] - 1}", ""]
        elif isinstance(b, Para):
            text = f"**{b.text}**" if b.heading and style == "markdown" else b.text
            lines += textwrap.wrap(text, 78) if style != "markdown" or not b.heading else [text]
            if style != "cells":
                lines.append("")
        else:
            lines += _table_lines(b, style, page)
            lines.append("")
    return "\n".join(lines) + "\n"


# --- PDF through reportlab ---------------------------------------------------------------------


def render_reportlab(blocks: Sequence[Block], footer: str) -> bytes:
    """Given blocks and a footer line, return a PDF drawn with reportlab (bordered tables)."""
    from generate_pdfs import BOLD, Flow, TableStyle, draw_table
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    flow = Flow(Canvas(buf, invariant=1, pageCompression=1), A4, footer)
    for b in blocks:
        if isinstance(b, PageBreak):
            flow.new_page()
        elif isinstance(b, Para):
            if b.heading:
                flow.para(b.text, size=11, font=BOLD, center=True, gap=6)
            else:
                flow.para(b.text, gap=4)
        else:
            style = TableStyle(_widths(b.kinds), break_before=(b.split_at,) if b.split_at is not None else (),
                               subheader=b.colnums or ())
            draw_table(flow, b.header, b.rows, style)
    flow.finish()
    return buf.getvalue()


# --- PDF through LibreOffice (python-docx -> soffice) ------------------------------------------


def render_docx(blocks: Sequence[Block]) -> bytes:
    """Given blocks, return a .docx (python-docx; ruled tables, header rows repeated after a split)."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc = docx.Document()
    doc.core_properties.author = "lkip variant suite"
    normal = doc.styles["Normal"]
    normal.font.name = "Liberation Sans"
    normal.font.size = Pt(10)

    def fill(cell, text: str, bold: bool = False) -> None:
        par = cell.paragraphs[0]
        for i, part in enumerate(text.split("\n")):
            run = par.add_run(part)
            run.bold = bold
            run.font.size = Pt(8.5)
            if i < len(text.split("\n")) - 1:
                run.add_break()

    def table(t: Table, rows: Sequence[tuple[str, ...] | str]) -> None:
        n = len(t.header)
        head_rows = 1 + (1 if t.colnums else 0)
        tab = doc.add_table(rows=head_rows + len(rows), cols=n)
        tab.style = "Table Grid"
        for j, h in enumerate(t.header):
            fill(tab.rows[0].cells[j], h, bold=True)
        if t.colnums:
            for j, h in enumerate(t.colnums):
                fill(tab.rows[1].cells[j], h)
        for i, row in enumerate(rows, start=head_rows):
            cells = tab.rows[i].cells
            if isinstance(row, str):
                merged = cells[0].merge(cells[-1])
                fill(merged, row)
            else:
                for j, text in enumerate(row):
                    fill(cells[j], text)
        tab.autofit = False
        for col, share in zip(tab.columns, _widths(t.kinds), strict=True):
            col.width = int(docx.shared.Inches(6.3) * share)
            for cell in col.cells:
                cell.width = col.width

    for b in blocks:
        if isinstance(b, PageBreak):
            doc.add_page_break()
        elif isinstance(b, Para):
            par = doc.add_paragraph()
            run = par.add_run(b.text)
            if b.heading:
                run.bold = True
                par.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif b.split_at is None:
            table(b, b.rows)
        else:
            table(b, b.rows[: b.split_at])
            doc.add_page_break()
            table(b, b.rows[b.split_at:])
        if isinstance(b, Table):
            doc.add_paragraph()
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def soffice_to_pdf(docx_files: Sequence[Path], out_dir: Path) -> None:
    """Convert .docx files to PDFs in ``out_dir`` with one headless LibreOffice call.

    Raises:
        RuntimeError: soffice is missing or did not write every PDF.
    """
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError("soffice not found: bash scripts/install-system-packages.sh installs LibreOffice")
    if not docx_files:
        return
    with tempfile.TemporaryDirectory(prefix="lkip-soffice-") as profile:
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
             "--outdir", str(out_dir), *map(str, docx_files)],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=1800,
        )
    missing = [d.name for d in docx_files if not (out_dir / f"{d.stem}.pdf").exists()]
    if missing:
        raise RuntimeError(f"soffice did not convert {len(missing)} files, e.g. {missing[0]}")
