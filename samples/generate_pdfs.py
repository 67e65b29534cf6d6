"""Render the fictional reports of :mod:`_fiction` as small LKIP-like PDFs, with expected JSON.

Run ``python samples/generate_pdfs.py`` to (re)write ``samples/pdf/``. Output is
deterministic (reportlab's invariant mode, fixed fonts, no dates). Each layout
variant exercises something the PDF extractor must handle:

* ``lkip_bnnp_nusa_lestari_2024.pdf``: bordered tables; the PK table crosses a page
  break with its header repeated and a merged sasaran cell split by the break; the
  capaian table crosses a page break without a repeated header, its last row alone
  on the next page; wrapped cells.
* ``lkip_bnnk_sukamaju_2023.pdf``: borderless tables (rules under the header only);
  the capaian table sits on a landscape page, with an empty spacer column and
  percent cells carrying a category ("101,57 % (Baik)").
* ``lkip_dinas_pariwisata_sukamaju_2024.pdf``: PK targets as a bulleted list
  ("... sebanyak 250.000 orang"); bordered capaian table.
* ``lkip_bnnk_sukamaju_2023_scanned.pdf``: image-only pages (a bordered rendering
  of the city report rasterised and embedded), no text layer.

Beside each PDF, ``<stem>.json`` holds the expected extraction in the format of the
reference corpus, with ``page`` instead of ``line``.
"""

from __future__ import annotations

import io
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfgen.canvas import Canvas

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _fiction import AGENCY_REPORT, CITY_REPORT, PROVINCE_REPORT, Fiction  # noqa: E402

OUT = Path(__file__).resolve().parent / "pdf"
FONT, BOLD = "Helvetica", "Helvetica-Bold"
MARGIN = 56.0
_LEVEL_WORD = {"provinsi": "Provinsi", "kabupaten": "Kabupaten", "kota": "Kota"}


# --- a tiny page-flow engine over a reportlab canvas -----------------------------------------


@dataclass
class Flow:
    """Where the next line goes, and what landed on which page.

    Attributes:
        canvas: The reportlab canvas.
        size: Current page size (width, height).
        page: Current 1-based page.
        y: Current baseline position from the bottom.
        footer: Footer text drawn on every page.
        marks: Page of each recorded item, keyed by the caller's name.
    """

    canvas: Canvas
    size: tuple[float, float]
    footer: str
    page: int = 1
    y: float = 0.0
    marks: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.canvas.setPageSize(self.size)
        self.y = self.size[1] - MARGIN

    @property
    def width(self) -> float:
        """Usable width of the current page."""
        return self.size[0] - 2 * MARGIN

    def new_page(self, size: tuple[float, float] | None = None) -> None:
        """Close the current page (drawing its footer) and start another."""
        self._footer()
        self.canvas.showPage()
        self.page += 1
        self.size = size or self.size
        self.canvas.setPageSize(self.size)
        self.y = self.size[1] - MARGIN

    def finish(self) -> None:
        """Close the last page and save the file."""
        self._footer()
        self.canvas.showPage()
        self.canvas.save()

    def _footer(self) -> None:
        c = self.canvas
        c.setFont(FONT, 8)
        c.drawString(MARGIN, 30, self.footer)
        c.drawRightString(self.size[0] - MARGIN, 30, str(self.page))

    def room(self, height: float) -> None:
        """Start a new page unless ``height`` points fit above the bottom margin."""
        if self.y - height < MARGIN:
            self.new_page()

    def para(self, text: str, *, size: float = 10, font: str = FONT, indent: float = 0,
             center: bool = False, gap: float = 4, mark: str | None = None) -> None:
        """Write a wrapped paragraph."""
        lead = size * 1.35
        lines = simpleSplit(text, font, size, self.width - indent)
        for i, line in enumerate(lines):
            self.room(lead)
            self.y -= lead
            self.canvas.setFont(font, size)
            if center:
                self.canvas.drawCentredString(self.size[0] / 2, self.y, line)
            else:
                self.canvas.drawString(MARGIN + indent, self.y, line)
            if i == 0 and mark:
                self.marks[mark] = self.page
        self.y -= gap


@dataclass(frozen=True)
class TableStyle:
    """How a table is drawn.

    Attributes:
        widths: Column widths as fractions of the usable width.
        bordered: Full grid lines; otherwise rules above and below the header only.
        repeat_header: Repeat the header after a page break.
        merge_col: Column whose equal consecutive cells are drawn as one merged cell.
        break_before: Body row indexes before which a page break is forced.
        size: Font size.
        subheader: A row drawn under the header each time it is (e.g. column numbers).
    """

    widths: Sequence[float]
    bordered: bool = True
    repeat_header: bool = True
    merge_col: int | None = None
    break_before: Sequence[int] = ()
    size: float = 8.5
    subheader: Sequence[str] = ()


def draw_table(flow: Flow, header: Sequence[str], body: Sequence[Sequence[str] | str], style: TableStyle,
               marks: Sequence[str | None] = ()) -> None:
    """Draw a table with wrapped cells, page breaks, merged cells; record each row's page.

    A body row given as one string is a band row spanning the whole table ("Sasaran 2 : ...").
    """
    c, size = flow.canvas, style.size
    lead = size * 1.25
    pad = 3.0

    def col_x(width: float) -> list[float]:
        xs = [MARGIN]
        for w in style.widths:
            xs.append(xs[-1] + w * width)
        return xs

    def lines_of(text: str, i: int, width: float, font: str = FONT) -> list[str]:
        return simpleSplit(text, font, size, style.widths[i] * width - 2 * pad) if text else []

    def draw_row(cells: Sequence[str], height: float, font: str, skip: set[int], top_rule: Sequence[bool]) -> None:
        xs = col_x(flow.width)
        top = flow.y
        for i, text in enumerate(cells):
            if i in skip:
                continue
            y = top - pad - size
            c.setFont(font, size)
            for line in lines_of(text, i, flow.width, font):
                if font == BOLD:
                    c.drawCentredString((xs[i] + xs[i + 1]) / 2, y, line)
                else:
                    c.drawString(xs[i] + pad, y, line)
                y -= lead
        if style.bordered:
            c.setLineWidth(0.6)
            for i in range(len(xs) - 1):
                if top_rule[i]:
                    c.line(xs[i], top, xs[i + 1], top)
            for x in xs:
                c.line(x, top, x, top - height)
        flow.y = top - height

    def draw_band(text: str, height: float) -> None:
        xs = col_x(flow.width)
        top = flow.y
        c.setFont(FONT, size)
        y = top - pad - size
        for line in simpleSplit(text, FONT, size, xs[-1] - xs[0] - 2 * pad):
            c.drawString(xs[0] + pad, y, line)
            y -= lead
        if style.bordered:
            c.setLineWidth(0.6)
            c.line(xs[0], top, xs[-1], top)
            c.line(xs[0], top, xs[0], top - height)
            c.line(xs[-1], top, xs[-1], top - height)
        flow.y = top - height

    def close_table() -> None:
        xs = col_x(flow.width)
        c.setLineWidth(0.6)
        c.line(xs[0], flow.y, xs[-1], flow.y)

    def header_height() -> float:
        return max(len(lines_of(h, i, flow.width, BOLD)) for i, h in enumerate(header)) * lead + 2 * pad

    def draw_header() -> None:
        h = header_height()
        top = flow.y
        draw_row(header, h, BOLD, set(), [True] * len(header))
        if style.subheader:
            draw_row(style.subheader, lead + 2 * pad, FONT, set(), [True] * len(header))
        if not style.bordered:
            xs = col_x(flow.width)
            c.setLineWidth(0.8)
            c.line(xs[0], top, xs[-1], top)
            c.line(xs[0], flow.y, xs[-1], flow.y)

    flow.room(header_height() + 3 * lead)
    draw_header()
    prev_merge: str | None = None
    for r, cells in enumerate(body):
        band = isinstance(cells, str)
        merged = not band and style.merge_col is not None and cells[style.merge_col] == prev_merge
        shown = [cells] if band else list(cells)
        if merged:
            shown[style.merge_col] = ""
        if band:
            height = len(simpleSplit(cells, FONT, size, flow.width - 2 * pad)) * lead + 2 * pad
        else:
            height = max(len(lines_of(t, i, flow.width)) for i, t in enumerate(shown)) * lead + 2 * pad
        if r in style.break_before or flow.y - height < MARGIN:
            if style.bordered:
                close_table()
            flow.new_page()
            if style.repeat_header:
                draw_header()
        if band:
            draw_band(cells, height)
            prev_merge = None
            continue
        rules = [True] * len(cells)
        if merged and flow.y < flow.size[1] - MARGIN - 1:
            rules[style.merge_col] = False
        draw_row(shown, height, FONT, set(), rules)
        if r < len(marks) and marks[r]:
            flow.marks[marks[r]] = flow.page
        prev_merge = cells[style.merge_col] if style.merge_col is not None else None
    if style.bordered:
        close_table()
    else:
        xs = col_x(flow.width)
        c.setLineWidth(0.8)
        c.line(xs[0], flow.y, xs[-1], flow.y)
    flow.y -= 14


# --- report text -------------------------------------------------------------------------------


def _office_upper(f: Fiction) -> str:
    return f.satker.upper()


def _cover(flow: Flow, f: Fiction) -> None:
    flow.y -= 120
    flow.para("LAPORAN KINERJA INSTANSI PEMERINTAH", size=16, font=BOLD, center=True)
    flow.para("(LKIP)", size=14, font=BOLD, center=True, gap=30)
    flow.para(_office_upper(f), size=14, font=BOLD, center=True)
    flow.para(f"TAHUN {f.year}", size=14, font=BOLD, center=True, gap=40)


def _summary(flow: Flow, f: Fiction) -> None:
    flow.para("RINGKASAN EKSEKUTIF", size=12, font=BOLD, center=True, gap=10)
    flow.para(
        f"Laporan Kinerja {f.satker} Tahun {f.year} disusun sebagai bentuk pertanggungjawaban atas "
        f"pelaksanaan Perjanjian Kinerja yang memuat {len(f.rows)} (indikator kinerja). "
        f"Pada tahun {f.year} {f.satker} telah melakukan kinerja dengan capaian sebagai berikut:"
    )
    for i, row in enumerate(f.rows):
        letter = chr(ord("a") + i)
        text = (f"{letter}. {row.indicator} target {row.target} {row.unit} tercapai "
                f"{f.summary_value(row)} {row.unit};")
        flow.para(text, indent=14, mark=f"summary:{i}")
    flow.para(
        f"Pagu anggaran {f.satker} Tahun {f.year} sebesar Rp. {f.pagu},- dengan realisasi sebesar "
        f"Rp. {f.realisasi},- atau sebesar {f.budget_pct} %.",
        mark="budget", gap=12,
    )


def _intro(flow: Flow, f: Fiction, chapter: str) -> None:
    flow.para(chapter, size=12, font=BOLD, center=True, gap=8)
    flow.para(
        f"{f.satker} menetapkan sasaran strategis beserta indikator kinerja yang akan dicapai pada "
        f"tahun {f.year}. Sasaran dan indikator tersebut dituangkan dalam dokumen perencanaan kinerja "
        f"dan menjadi dasar pengukuran kinerja pada akhir tahun anggaran.", gap=8,
    )
    if f.regency:
        flow.para(f"Dalam pelaksanaan tugasnya {f.satker} berkoordinasi dengan Pemerintah Provinsi "
                  f"{f.province} dan BNN Provinsi {f.province}.", gap=8)


def _open_report(f: Fiction) -> tuple[io.BytesIO, Flow]:
    """Start a report: cover, executive summary, then BAB II's opening on a new page."""
    buf = io.BytesIO()
    flow = Flow(Canvas(buf, invariant=1, pageCompression=1), A4, f"LKIP {f.satker} Tahun {f.year}")
    _cover(flow, f)
    _summary(flow, f)
    flow.new_page()
    _intro(flow, f, "BAB II PERENCANAAN KINERJA")
    return buf, flow


def _pk_body(f: Fiction, *, with_unit: bool) -> list[list[str]]:
    body = []
    for i, row in enumerate(f.rows, start=1):
        if with_unit:
            body.append([str(i), row.sasaran, row.indicator, row.pk_target, row.unit])
        else:
            body.append([str(i), row.sasaran, row.indicator, f"{row.pk_target} {row.unit}"])
    return body


def _pct_category(pct: str) -> str:
    value = float(pct.replace(".", "").replace(",", "."))
    return "Sangat Baik" if value > 100 else "Baik" if value >= 90 else "Sedang" if value >= 70 else "Kurang"


# --- the layouts -------------------------------------------------------------------------------


def render_province(f: Fiction) -> tuple[bytes, dict[str, int]]:
    """Bordered tables; PK over a page break (header repeated), capaian with a lone spilled row."""
    buf, flow = _open_report(f)
    flow.para(f"Tabel 2.1 Perjanjian Kinerja {f.satker} Tahun {f.year}", font=BOLD, center=True, gap=6)
    # Break inside the third sasaran group (rows 3-5): a merged cell split by the page break.
    draw_table(
        flow, ["No", "Sasaran Strategis", "Indikator Kinerja", "Target", "Satuan"], _pk_body(f, with_unit=True),
        TableStyle((0.06, 0.30, 0.40, 0.10, 0.14), merge_col=1, break_before=(3,)),
        [f"pk:{i}" for i in range(len(f.rows))],
    )
    flow.new_page()
    _intro(flow, f, "BAB III AKUNTABILITAS KINERJA")
    flow.para(f"Tabel 3.1 Pengukuran Capaian Kinerja Tahun {f.year}", font=BOLD, center=True, gap=6)
    body = [[str(i), r.indicator, r.target, r.realisasi, r.pct] for i, r in enumerate(f.rows, start=1)]
    draw_table(
        flow, ["No", "Indikator Kinerja", "Target", "Realisasi", "Capaian (%)"], body,
        TableStyle((0.06, 0.55, 0.12, 0.13, 0.14), repeat_header=False, break_before=(len(body) - 1,)),
        [f"cap:{i}" for i in range(len(f.rows))],
    )
    flow.para(f"Dari {len(f.rows)} indikator kinerja, capaian rata-rata adalah baik.", gap=6)
    flow.finish()
    return buf.getvalue(), flow.marks


def render_city(f: Fiction) -> tuple[bytes, dict[str, int]]:
    """Borderless tables; the capaian table on a landscape page with a spacer column and categories."""
    buf, flow = _open_report(f)
    flow.para(f"Perjanjian Kinerja {f.satker} Tahun {f.year}", font=BOLD, center=True, gap=6)
    draw_table(
        flow, ["No", "Sasaran", "Indikator Kinerja", "Target"], _pk_body(f, with_unit=False),
        TableStyle((0.06, 0.36, 0.40, 0.18), bordered=False, merge_col=1),
        [f"pk:{i}" for i in range(len(f.rows))],
    )
    flow.new_page(landscape(A4))
    flow.para("BAB III AKUNTABILITAS KINERJA", size=12, font=BOLD, center=True, gap=8)
    flow.para(f"Tabel 3.1 Capaian Indikator Kinerja Tahun {f.year}", font=BOLD, center=True, gap=6)
    body = [
        [str(i), r.sasaran, r.indicator, r.unit, "", r.target, r.realisasi, f"{r.pct} % ({_pct_category(r.pct)})"]
        for i, r in enumerate(f.rows, start=1)
    ]
    draw_table(
        flow, ["No", "Sasaran", "Indikator Kinerja", "Satuan", "", "Target", "Realisasi", "Capaian"], body,
        TableStyle((0.04, 0.24, 0.30, 0.09, 0.04, 0.08, 0.08, 0.13), bordered=False, merge_col=1),
        [f"cap:{i}" for i in range(len(f.rows))],
    )
    flow.finish()
    return buf.getvalue(), flow.marks


def render_city_bordered(f: Fiction) -> tuple[bytes, dict[str, int]]:
    """A compact bordered rendering (the source of the scanned variant)."""
    buf = io.BytesIO()
    flow = Flow(Canvas(buf, invariant=1, pageCompression=1), A4, f"LKIP {f.satker} Tahun {f.year}")
    flow.para("LAPORAN KINERJA INSTANSI PEMERINTAH", size=13, font=BOLD, center=True)
    flow.para(f"{_office_upper(f)} TAHUN {f.year}", size=13, font=BOLD, center=True, gap=12)
    _summary(flow, f)
    flow.para(f"Dalam pelaksanaan tugasnya {f.satker} berkoordinasi dengan Pemerintah Provinsi "
              f"{f.province} dan BNN Provinsi {f.province}.", gap=8)
    flow.new_page()
    flow.para(f"Perjanjian Kinerja {f.satker} Tahun {f.year}", size=11, font=BOLD, center=True, gap=6)
    draw_table(
        flow, ["No", "Sasaran", "Indikator Kinerja", "Target", "Satuan"], _pk_body(f, with_unit=True),
        TableStyle((0.06, 0.32, 0.40, 0.10, 0.12), merge_col=1, size=10),
        [f"pk:{i}" for i in range(len(f.rows))],
    )
    flow.para(f"Tabel 3.1 Pengukuran Capaian Kinerja Tahun {f.year}", size=11, font=BOLD, center=True, gap=6)
    body = [[str(i), r.indicator, r.target, r.realisasi, r.pct] for i, r in enumerate(f.rows, start=1)]
    draw_table(
        flow, ["No", "Indikator Kinerja", "Target", "Realisasi", "Capaian (%)"], body,
        TableStyle((0.06, 0.52, 0.13, 0.14, 0.15), size=10),
        [f"cap:{i}" for i in range(len(f.rows))],
    )
    flow.finish()
    return buf.getvalue(), flow.marks


def render_agency(f: Fiction) -> tuple[bytes, dict[str, int]]:
    """PK targets as a bulleted list; a bordered capaian table."""
    buf, flow = _open_report(f)
    flow.para(f"Target kinerja yang ditetapkan dalam Perjanjian Kinerja Tahun {f.year} adalah sebagai berikut:",
              gap=6)
    for i, row in enumerate(f.rows):
        flow.para(f"\u2022 {row.indicator} sebanyak {row.pk_target} {row.unit.lower()};", indent=14,
                  mark=f"pk:{i}")
    flow.y -= 10
    flow.para("BAB III AKUNTABILITAS KINERJA", size=12, font=BOLD, center=True, gap=8)
    flow.para(f"Tabel 3.1 Pengukuran Capaian Kinerja Tahun {f.year}", font=BOLD, center=True, gap=6)
    body = [[str(i), r.sasaran, r.indicator, r.target, r.realisasi, r.pct] for i, r in enumerate(f.rows, start=1)]
    draw_table(
        flow, ["No", "Sasaran Strategis", "Indikator Kinerja", "Target", "Realisasi", "Capaian (%)"], body,
        TableStyle((0.05, 0.27, 0.34, 0.11, 0.11, 0.12), merge_col=1),
        [f"cap:{i}" for i in range(len(f.rows))],
    )
    flow.finish()
    return buf.getvalue(), flow.marks


def rasterise(pdf: bytes, dpi: int = 200) -> bytes:
    """Given a PDF, return an image-only PDF of its pages (1-bit, like a fax-quality scan)."""
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(pdf)
    buf = io.BytesIO()
    c = Canvas(buf, invariant=1, pageCompression=1)
    for i in range(len(src)):
        page = src[i]
        w, h = page.get_size()
        img = page.render(scale=dpi / 72, grayscale=True).to_pil().point(lambda v: 255 if v > 160 else 0, "1")
        png = io.BytesIO()
        img.save(png, format="PNG", optimize=True)
        c.setPageSize((w, h))
        c.drawImage(ImageReader(io.BytesIO(png.getvalue())), 0, 0, w, h)
        c.showPage()
        page.close()
    src.close()
    c.save()
    return buf.getvalue()


# --- expected JSON -----------------------------------------------------------------------------


def parse_number(text: str) -> float | None:
    """Given an Indonesian number as printed ("3,60", "250.000", "3.31"), return its value."""
    t = text.strip().replace(" ", "")
    if not re.fullmatch(r"-?[\d.,]+", t):
        return None
    if "," in t:
        t = t.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"-?\d{1,3}(\.\d{3})+", t):
        t = t.replace(".", "")
    return float(t)


def expected(f: Fiction, source: str, marks: dict[str, int], *, pk_style: str, pct_style: str,
             pk_unit_col: bool) -> dict:
    """Return the expected extraction of a rendered report (corpus format, ``page`` for ``line``)."""
    pk = []
    for i, r in enumerate(f.rows):
        if pk_style == "list":
            target_text = f"{r.pk_target} {r.unit.lower()}"
            unit = r.unit.lower()
        elif pk_unit_col:
            target_text, unit = r.pk_target, r.unit
        else:
            target_text, unit = f"{r.pk_target} {r.unit}", r.unit
        pk.append({
            "no": i + 1, "code": r.code, "sasaran": r.sasaran if pk_style != "list" else None,
            "indicator": r.indicator, "target": parse_number(r.pk_target), "target_text": target_text,
            "unit": unit, "page": marks[f"pk:{i}"],
        })
    capaian = []
    for i, r in enumerate(f.rows):
        pct_text = f"{r.pct} % ({_pct_category(r.pct)})" if pct_style == "category" else r.pct
        capaian.append({
            "code": r.code, "indicator": r.indicator, "target": parse_number(r.target),
            "realisasi": parse_number(r.realisasi), "stated_pct": parse_number(r.pct),
            "target_text": r.target, "realisasi_text": r.realisasi, "pct_text": pct_text,
            "page": marks[f"cap:{i}"], "table": "Tabel 3.1",
        })
    claims = []
    for i, r in enumerate(f.rows):
        value = f.summary_value(r)
        claims.append({
            "code": r.code, "target": parse_number(r.target), "realisasi": parse_number(value),
            "stated_pct": None, "page": marks[f"summary:{i}"],
            "text": f"{r.indicator} target {r.target} {r.unit} tercapai {value} {r.unit};",
        })
    rows = {r.code: r for r in f.rows}
    incons = []
    for kind, code in f.planted:
        r = rows.get(code) if code else None
        if kind == "pct_mismatch" and r:
            detail = f"stated {r.pct}% but {r.realisasi}/{r.target}*100 differs"
            pages = [marks[f"cap:{f.rows.index(r)}"]]
        elif kind == "pk_vs_capaian_target" and r:
            detail = f"PK target {r.pk_target} but capaian target {r.target}"
            pages = [marks[f"pk:{f.rows.index(r)}"], marks[f"cap:{f.rows.index(r)}"]]
        elif kind == "summary_vs_table" and r:
            detail = f"summary realisasi {f.summary_value(r)} but table {r.realisasi}"
            pages = [marks[f"summary:{f.rows.index(r)}"], marks[f"cap:{f.rows.index(r)}"]]
        else:
            detail = f"pagu {f.pagu}, realisasi {f.realisasi}, stated {f.budget_pct}%"
            pages = [marks["budget"]]
        incons.append({"kind": kind, "code": code, "detail": detail, "pages": pages})
    return {
        "source": source, "satker": f.satker, "level": f.level, "province": f.province,
        "regency": f.regency, "year": f.year, "pk": pk, "capaian": capaian, "summary_claims": claims,
        "budget": {"pagu": parse_number(f.pagu), "realisasi": parse_number(f.realisasi),
                   "stated_pct": parse_number(f.budget_pct), "page": marks["budget"]},
        "inconsistencies": incons,
        "notes": ["Generated by samples/generate_pdfs.py from samples/_fiction.py; fictional."],
    }


def generate(out: Path = OUT) -> list[Path]:
    """Write every sample PDF and its expected JSON into ``out``; return the PDF paths."""
    out.mkdir(parents=True, exist_ok=True)
    jobs = [
        (PROVINCE_REPORT, render_province, "", dict(pk_style="table", pct_style="plain", pk_unit_col=True)),
        (CITY_REPORT, render_city, "", dict(pk_style="table", pct_style="category", pk_unit_col=False)),
        (AGENCY_REPORT, render_agency, "", dict(pk_style="list", pct_style="plain", pk_unit_col=False)),
        (CITY_REPORT, render_city_bordered, "_scanned", dict(pk_style="table", pct_style="plain",
                                                             pk_unit_col=True)),
    ]
    written = []
    for fiction, render, suffix, kw in jobs:
        pdf, marks = render(fiction)
        if suffix == "_scanned":
            pdf = rasterise(pdf)
        path = out / f"{fiction.stem}{suffix}.pdf"
        path.write_bytes(pdf)
        truth = expected(fiction, path.name, marks, **kw)
        (out / f"{fiction.stem}{suffix}.json").write_text(
            json.dumps(truth, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for p in generate():
        print(f"{p.name}: {p.stat().st_size // 1024} KB")


def long_report_pdf(base: Path, pages: int, out: Path) -> Path:
    """Write a ``pages``-page LKIP: ``base``'s pages in the middle of narrative filler pages.

    Used by the bad-input tests and the throughput benchmark (memory on a 1,000-page PDF);
    not written to ``samples/`` (too large to commit).
    """
    import io

    import pypdfium2 as pdfium
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    src = pdfium.PdfDocument(str(base))
    filler_pages = max(pages - len(src), 0)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    for i in range(filler_pages):
        c.setFont("Helvetica", 10)
        c.drawString(60, 800, f"Lampiran {i + 1}: uraian kegiatan dan dokumentasi pelaksanaan program.")
        for j in range(30):
            c.drawString(60, 780 - 14 * j, "Kegiatan dilaksanakan sesuai rencana dengan melibatkan masyarakat.")
        c.drawString(300, 40, str(i + 1))
        c.showPage()
    c.save()
    doc = pdfium.PdfDocument(buf.getvalue())
    doc.import_pages(src, index=filler_pages // 2)
    doc.save(str(out))
    doc.close()
    src.close()
    return out
