"""The document model of the variant suite and the transformations of its form.

A labelled LKIP's expected JSON (``../shared/corpus`` format) is read into a
:class:`Model` (metadata, PK rows, capaian rows, summary claims, budget). A
:class:`Form` says how incidental things are laid out (where units go, whether
there is a % column and what it is called, column-number rows, band rows, page
splits, decimal marks, PK as a list, another office's PK attached, a duplicate
capaian table, older table names). :func:`build` turns a model and a form into
producer-neutral blocks (paragraphs, tables, page breaks) and the expected JSON
of exactly that rendering: the expectation follows every change (no % column:
``stated_pct`` null; another office's PK: not in the report's own ``pk``).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from typing import Any

# --- the model ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PkItem:
    """One PK row.

    Attributes:
        code: Catalogue code (None when uncoded).
        sasaran: Its sasaran (None when unknown).
        indicator: Indicator wording.
        target: Target value (None when not a number, e.g. "WTP").
        target_text: Target as printed in the source (used when ``target`` is None).
        unit: Satuan (None when the source has none).
    """

    code: str | None
    sasaran: str | None
    indicator: str
    target: float | None
    target_text: str | None
    unit: str | None


@dataclass(frozen=True, slots=True)
class CapItem:
    """One capaian row of the main BAB III table.

    Attributes:
        code: Catalogue code.
        sasaran: Its sasaran (from the PK row of the same indicator, else None).
        indicator: Indicator wording.
        unit: Satuan (from the PK row of the same indicator, else None).
        target: Target value (None when not a number).
        target_text: Target as printed in the source.
        realisasi: Realisasi value.
        realisasi_text: Realisasi as printed in the source.
        stated_pct: Stated capaian % (None when the source table has no % column).
    """

    code: str | None
    sasaran: str | None
    indicator: str
    unit: str | None
    target: float | None
    target_text: str | None
    realisasi: float | None
    realisasi_text: str | None
    stated_pct: float | None


@dataclass(frozen=True, slots=True)
class Claim:
    """One executive-summary claim (indicator, target, realisasi)."""

    code: str | None
    indicator: str
    unit: str | None
    target: float | None
    realisasi: float | None


@dataclass(frozen=True, slots=True)
class Model:
    """A labelled report reduced to what the suite re-renders.

    Attributes:
        name: File stem of the source label.
        satker, level, province, regency, year: Metadata.
        pk: PK rows in order.
        capaian: Main capaian rows in order.
        claims: Executive-summary claims whose indicator is known.
        budget: ``{"pagu", "realisasi", "stated_pct"}`` or None.
    """

    name: str
    satker: str
    level: str | None
    province: str | None
    regency: str | None
    year: int
    pk: tuple[PkItem, ...]
    capaian: tuple[CapItem, ...]
    claims: tuple[Claim, ...]
    budget: dict[str, float | None] | None


def _same_indicator(a: dict, b: dict) -> bool:
    if a.get("code") and a.get("code") == b.get("code"):
        return True
    return " ".join((a.get("indicator") or "").lower().split()) == " ".join((b.get("indicator") or "").lower().split())


def model_from_expected(data: dict[str, Any], name: str) -> Model:
    """Given an expected JSON (corpus format) and its stem, return the report's model."""
    pk_rows = data.get("pk") or []
    pk = tuple(
        PkItem(r.get("code"), r.get("sasaran"), r["indicator"], r.get("target"), r.get("target_text"), r.get("unit"))
        for r in pk_rows
    )
    capaian = []
    for r in data.get("capaian") or []:
        twin = next((p for p in pk_rows if _same_indicator(p, r)), {})
        capaian.append(CapItem(
            r.get("code"), twin.get("sasaran"), r["indicator"], twin.get("unit"),
            r.get("target"), r.get("target_text"), r.get("realisasi"), r.get("realisasi_text"), r.get("stated_pct"),
        ))
    claims = []
    for c in data.get("summary_claims") or []:
        twin = next((r for r in (data.get("capaian") or []) + pk_rows if c.get("code") and r.get("code") == c["code"]),
                    None)
        if twin is None:
            continue  # a claim whose indicator wording is unknown cannot be re-rendered faithfully
        unit = next((p.get("unit") for p in pk_rows if p.get("code") == c["code"]), None)
        claims.append(Claim(c["code"], twin["indicator"], unit, c.get("target"), c.get("realisasi")))
    budget = data.get("budget")
    return Model(
        name=name, satker=data["satker"], level=data.get("level"), province=data.get("province"),
        regency=data.get("regency"), year=int(data["year"]), pk=pk, capaian=tuple(capaian), claims=tuple(claims),
        budget={k: budget.get(k) for k in ("pagu", "realisasi", "stated_pct")}
        if budget and budget.get("pagu") is not None else None,
    )


# --- numbers as printed ------------------------------------------------------------------------


def _digits(value: float) -> tuple[str, str]:
    """Given a value, return its integer and fractional digits (at most 4 decimals, no trailing zeros)."""
    text = f"{abs(value):.4f}".rstrip("0").rstrip(".")
    whole, _, frac = text.partition(".")
    return whole, frac


def format_number(value: float, style: str = "comma") -> str:
    """Given a value and a style, return it as printed.

    ``comma``: Indonesian (``13.105.774.000``, ``3,65``). ``dot``: decimal point and no
    thousands separator (``106.81``), never with exactly three decimals (that reads as
    thousands): those fall back to ``comma``.
    """
    whole, frac = _digits(value)
    sign = "-" if value < 0 else ""
    if style == "dot" and len(frac) != 3 and (frac or len(whole) <= 3):
        return sign + whole + (f".{frac}" if frac else "")
    grouped = f"{int(whole):,}".replace(",", ".")
    return sign + grouped + (f",{frac}" if frac else "")


def _shown(value: float | None, text: str | None, style: str) -> str:
    if value is None:
        return (text or "-").strip() or "-"
    return format_number(value, style)


# --- the forms ---------------------------------------------------------------------------------

PCT_NAMES = ("% Capaian", "Capaian (%)", "Persentase", "Capaian Kinerja (%)", "Tingkat Capaian")
OTHER_PLACE = "Tanjung Harapan"


@dataclass(frozen=True, slots=True)
class Form:
    """How a report's incidental form is laid out (the identity form is the default).

    Attributes:
        units: Where the capaian table's units go: ``none`` (not printed), ``line`` (on
            their own line under each number), ``column`` (a Satuan column).
        pk_units: PK units in a Satuan ``column`` or on their own ``line`` in the target cell.
        pct: The % column: ``plain``, ``dropped`` or ``moved`` (before Target).
        pct_header: The % column's header.
        pct_sign: Print "%" after each stated percentage.
        colnums: Column-number row under each header: None, ``paren`` ("(1) (2)") or ``plain``
            ("1 2 3 4 6 7": plain numbers with a gap).
        bands: Band rows ("Sasaran Strategis 2 : ...") between the capaian rows of each sasaran.
        split: Tables split across pages, header repeated.
        decimals: ``comma`` (Indonesian) or ``mixed`` (thousands dots, decimal dots and commas
            in one column).
        pk_list: The PK written as bullets under each sasaran instead of a table.
        other_pk: Another office's PK (PIHAK PERTAMA) attached as an appendix.
        duplicate: A second capaian table later in BAB III that disagrees with the first.
        old_names: Older table names (Penetapan Kinerja, Pengukuran Kinerja, ...).
    """

    units: str = "none"
    pk_units: str = "column"
    pct: str = "plain"
    pct_header: str = "Capaian (%)"
    pct_sign: bool = False
    colnums: str | None = None
    bands: bool = False
    split: bool = False
    decimals: str = "comma"
    pk_list: bool = False
    other_pk: bool = False
    duplicate: bool = False
    old_names: bool = False


def transformations(rng: random.Random) -> dict[str, Form]:
    """Given a seeded generator (the choices of "all of the above"), return the forms by name."""
    ident = Form()
    return {
        "identity": ident,
        "units on own line": replace(ident, units="line", pk_units="line", pct_sign=True),
        "units in a column": replace(ident, units="column"),
        "% column dropped": replace(ident, pct="dropped"),
        **{f"% column renamed: {n}": replace(ident, pct_header=n) for n in PCT_NAMES if n != ident.pct_header},
        "% column moved": replace(ident, pct="moved"),
        "column-number row (1) (2) (3)": replace(ident, colnums="paren"),
        "column-number row 1 2 3 4 6 7": replace(ident, colnums="plain"),
        "band rows": replace(ident, bands=True),
        "split across pages": replace(ident, split=True),
        "mixed decimals": replace(ident, decimals="mixed"),
        "PK as a list": replace(ident, pk_list=True),
        "other office's PK attached": replace(ident, other_pk=True),
        "duplicate capaian table": replace(ident, duplicate=True),
        "older table names": replace(ident, old_names=True),
        "all of the above": Form(units="line", pk_units="line", pct="moved", pct_header=rng.choice(PCT_NAMES),
                                 pct_sign=True, colnums="paren", bands=True, split=True, decimals="mixed",
                                 other_pk=True, duplicate=True, old_names=True),
    }


# --- blocks ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Para:
    """A paragraph (``heading``: bold and centred)."""

    text: str
    heading: bool = False


@dataclass(frozen=True, slots=True)
class PageBreak:
    """The end of a page."""


@dataclass(frozen=True, slots=True)
class Table:
    """A table.

    Attributes:
        header: Header cells.
        rows: Body rows: a list of cells, or a string for a band row spanning the table.
        kinds: Each column's kind (``no``, ``sasaran``, ``text``, ``num``, ``unit``), for widths.
        colnums: Column-number cells printed under the header (None: no such row).
        split_at: Body row index before which the table breaks to a new page, header repeated.
    """

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...] | str, ...]
    kinds: tuple[str, ...]
    colnums: tuple[str, ...] | None = None
    split_at: int | None = None


Block = Para | PageBreak | Table


@dataclass
class _Builder:
    model: Model
    form: Form
    rng: random.Random
    blocks: list[Block] = field(default_factory=list)
    row_no: int = 0

    def num(self, value: float | None, text: str | None) -> str:
        if self.form.decimals == "mixed" and value is not None:
            self.row_no += 1
            whole, frac = _digits(value)
            if not frac:  # whole numbers: thousands dots (2.050)
                return format_number(value, "comma")
            return format_number(value, "dot" if self.row_no % 2 else "comma")
        return _shown(value, text, "comma")

    def with_unit(self, number: str, unit: str | None, *, line: bool) -> str:
        if not unit or number == "-":
            return number
        return f"{number}\n{unit}" if line else number

    def colnums(self, n: int) -> tuple[str, ...] | None:
        if self.form.colnums == "paren":
            return tuple(f"({i})" for i in range(1, n + 1))
        if self.form.colnums == "plain":  # numbered with a gap, as when a column was dropped: 1 2 3 4 6 7
            return tuple(str(i) for i in (*range(1, n - 1), n, n + 1)) if n >= 4 else tuple(map(str, range(1, n + 1)))
        return None


def _pk_title(b: _Builder, satker: str) -> str:
    word = "Penetapan Kinerja" if b.form.old_names else "Perjanjian Kinerja"
    return f"Tabel 2.1 {word} {satker} Tahun {b.model.year}"


def _pk_table(b: _Builder, rows: tuple[PkItem, ...]) -> Table:
    line = b.form.pk_units == "line"
    header = ("No", "Sasaran Strategis", "Indikator Kinerja", "Target") + (() if line else ("Satuan",))
    kinds = ("no", "sasaran", "text", "num") + (() if line else ("unit",))
    body: list[tuple[str, ...]] = []
    last = None
    for i, r in enumerate(rows, start=1):
        sasaran = r.sasaran if r.sasaran != last else ""
        last = r.sasaran
        target = b.num(r.target, r.target_text)
        if line:
            body.append((str(i), sasaran or "", r.indicator, b.with_unit(target, r.unit, line=r.target is not None)))
        else:
            unit = (r.unit or "") if r.target is not None else ""
            body.append((str(i), sasaran or "", r.indicator, target, unit))
    split = len(body) // 2 if b.form.split and len(body) > 1 else None
    return Table(header, tuple(body), kinds, b.colnums(len(header)), split)


def _pk_list(b: _Builder, rows: tuple[PkItem, ...]) -> list[Block]:
    word = "Penetapan" if b.form.old_names else "Perjanjian"
    blocks: list[Block] = [Para(f"Target kinerja yang ditetapkan dalam {word} Kinerja Tahun {b.model.year} "
                                "adalah sebagai berikut:")]
    last = object()
    n = 0
    for r in rows:
        if r.sasaran != last:
            n += 1
            blocks.append(Para(f"Sasaran {n}: {r.sasaran}" if r.sasaran else f"Sasaran {n}"))
            last = r.sasaran
        target = b.num(r.target, r.target_text)
        unit = f" {r.unit}" if r.unit and r.target is not None else ""
        blocks.append(Para(f"- {r.indicator} sebesar {target}{unit};"))
    return blocks


def _pct_cell(b: _Builder, r: CapItem) -> str:
    if r.stated_pct is None:
        return "-"
    shown = b.num(r.stated_pct, None)
    return f"{shown}%" if b.form.pct_sign else shown


def _capaian_table(b: _Builder, rows: tuple[CapItem, ...]) -> Table:
    f = b.form
    has_pct = f.pct != "dropped" and any(r.stated_pct is not None for r in rows)
    line = f.units == "line"
    head: list[tuple[str, str]] = [("No", "no"), ("Indikator Kinerja", "text")]
    if f.units == "column":
        head.append(("Satuan", "unit"))
    nums = [(f"Target {b.model.year}", "num"), (f"Realisasi {b.model.year}", "num")]
    pct = [(f.pct_header, "num")] if has_pct else []
    head += (pct + nums) if f.pct == "moved" else (nums + pct)
    body: list[tuple[str, ...] | str] = []
    last = object()
    sasaran_no = 0
    for i, r in enumerate(rows, start=1):
        if f.bands and r.sasaran != last:
            sasaran_no += 1
            last = r.sasaran
            label = "Sasaran Strategis" if sasaran_no > 1 or b.rng.random() < 0.5 else "Sasaran"
            body.append(f"{label} {sasaran_no} : {r.sasaran}" if r.sasaran else f"{label} {sasaran_no}")
        cells = [str(i), r.indicator]
        if f.units == "column":
            cells.append(r.unit or "")
        target = b.with_unit(b.num(r.target, r.target_text), r.unit, line=line and r.target is not None)
        real = b.with_unit(b.num(r.realisasi, r.realisasi_text), r.unit, line=line and r.realisasi is not None)
        pct_cells = [_pct_cell(b, r)] if has_pct else []
        cells += (pct_cells + [target, real]) if f.pct == "moved" else ([target, real] + pct_cells)
        body.append(tuple(cells))
    if f.bands and b.rng.random() < 0.5:
        body.insert(0, f"Misi 1 : Mewujudkan tata kelola {b.model.satker} yang akuntabel")
    split = len(body) // 2 if f.split and len(body) > 1 else None
    if split is not None and isinstance(body[split], str):
        split += 1  # a band row stays with the rows it heads
    header = tuple(h for h, _ in head)
    return Table(header, tuple(body), tuple(k for _, k in head), b.colnums(len(header)), split)


def _other_office(m: Model) -> str:
    if m.satker.upper().startswith("BNN"):
        return f"BNN Kabupaten {OTHER_PLACE}"
    return f"Dinas Perhubungan Kabupaten {OTHER_PLACE}"


def _other_pk(b: _Builder) -> list[Block]:
    other = _other_office(b.model)
    rows = tuple(replace(r, target=round(r.target * 1.2 + 1, 2) if r.target is not None else None)
                 for r in b.model.pk) or tuple(
        PkItem(r.code, r.sasaran, r.indicator, round(r.target * 1.2 + 1, 2) if r.target is not None else None,
               r.target_text, r.unit) for r in b.model.capaian)
    return [
        PageBreak(), Para("LAMPIRAN", heading=True),
        Para(f"PERJANJIAN KINERJA TAHUN {b.model.year}", heading=True), Para(other.upper(), heading=True),
        Para("Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan akuntabel serta "
             "berorientasi pada hasil, kami yang bertanda tangan di bawah ini:"),
        Para(f"Nama : Drs. Hendra Wijaya, M.Si. Jabatan : Kepala {other}, selanjutnya disebut PIHAK PERTAMA."),
        Para(f"Nama : Ir. Sutrisno, M.M. Jabatan : Kepala {b.model.satker}, selanjutnya disebut PIHAK KEDUA."),
        Para("PIHAK PERTAMA berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran perjanjian ini."),
        Para(f"PERJANJIAN KINERJA TAHUN {b.model.year} {other.upper()}", heading=True),
        _pk_table(b, rows),
        Para(f"{OTHER_PLACE}, 2 Januari {b.model.year}. PIHAK KEDUA, PIHAK PERTAMA, Kepala {other}."),
    ]


def _duplicate(b: _Builder) -> tuple[list[Block], dict | None]:
    rows = list(b.model.capaian)
    at = next((i for i, r in enumerate(rows) if r.realisasi is not None), None)
    if at is None:
        return [], None
    r = rows[at]
    changed = round(r.realisasi + max(1.0, abs(r.realisasi) * 0.1), 2)
    rows[at] = replace(r, realisasi=changed, stated_pct=round(changed / r.target * 100, 2) if r.target else None)
    title = "Tabel 3.5 Rekapitulasi Capaian Kinerja per Sasaran Tahun"
    blocks = [Para("Rekapitulasi capaian per sasaran disajikan kembali pada tabel berikut:"),
              Para(f"{title} {b.model.year}", heading=True), _capaian_table(b, tuple(rows))]
    flag = {"kind": "other", "code": r.code,
            "detail": f"duplicate capaian table gives realisasi {changed} for '{r.indicator[:60]}', the first "
                      f"table {r.realisasi}; the first (main) table is the expected one", "lines": []}
    return blocks, flag


def _front(b: _Builder) -> None:
    m = b.model
    b.blocks += [Para("LAPORAN KINERJA INSTANSI PEMERINTAH", heading=True), Para(m.satker.upper(), heading=True),
                 Para(f"TAHUN {m.year}", heading=True), Para("IKHTISAR EKSEKUTIF", heading=True),
                 Para(f"Laporan Kinerja {m.satker} Tahun {m.year} disusun sebagai wujud pertanggungjawaban atas "
                      f"pelaksanaan tugas dan fungsi, dengan capaian sebagai berikut:")]
    for letter, c in zip("abcdefghijklmnopqrstuvwxyz", m.claims, strict=False):
        unit = f" {c.unit}" if c.unit else ""
        b.blocks.append(Para(f"{letter}. {c.indicator} target {_shown(c.target, None, 'comma')}{unit} tercapai "
                             f"{_shown(c.realisasi, None, 'comma')}{unit};"))
    if m.budget and m.budget.get("pagu") is not None:
        pct, real = m.budget.get("stated_pct"), m.budget.get("realisasi")
        b.blocks.append(Para(
            f"Pagu anggaran {m.satker} Tahun {m.year} sebesar Rp. {format_number(m.budget['pagu'])},-"
            + (f" dengan realisasi sebesar Rp. {format_number(real)},-" if real is not None else "")
            + (f" atau sebesar {format_number(pct)} %." if pct is not None else ".")))
    b.blocks += [PageBreak(), Para("BAB I PENDAHULUAN", heading=True),
                 Para(f"{m.satker} melaksanakan tugas, fungsi dan wewenang di wilayah {m.regency or m.province}. "
                      f"Laporan ini menyajikan capaian kinerja tahun {m.year}.")]


def build(model: Model, form: Form, rng: random.Random) -> tuple[list[Block], dict[str, Any]]:
    """Given a model, a form and a seeded generator, return the report's blocks and its expected JSON."""
    b = _Builder(model, form, rng)
    _front(b)
    m = model
    if m.pk:
        b.blocks += [Para("BAB II PERENCANAAN KINERJA", heading=True),
                     Para(f"{m.satker} menetapkan sasaran dan indikator kinerja tahun {m.year} sebagai berikut.")]
        if form.pk_list:
            b.blocks += _pk_list(b, m.pk)
        else:
            b.blocks += [Para(_pk_title(b, m.satker), heading=True), _pk_table(b, m.pk)]
    flags = []
    if m.capaian:
        names = ("Pengukuran Kinerja", "Capaian Indikator Kinerja Utama") if form.old_names else ("Capaian Kinerja",)
        b.blocks += [PageBreak(), Para("BAB III AKUNTABILITAS KINERJA", heading=True),
                     Para(f"Berikut ini disajikan capaian kinerja {m.satker} tahun {m.year}:"),
                     Para(f"Tabel 3.1 {rng.choice(names)} Tahun {m.year}", heading=True),
                     _capaian_table(b, m.capaian)]
        if form.duplicate:
            extra, flag = _duplicate(b)
            b.blocks += extra
            flags += [flag] if flag else []
    b.blocks += [Para("BAB IV PENUTUP", heading=True),
                 Para(f"Demikian Laporan Kinerja {m.satker} Tahun {m.year} ini disusun.")]
    if form.other_pk and (m.pk or m.capaian):
        b.blocks += _other_pk(b)
    return b.blocks, expected_of(model, form, flags)


def expected_of(model: Model, form: Form, flags: list[dict]) -> dict[str, Any]:
    """Given a model, the form it is rendered in and the planted flags, return the expected JSON."""
    has_pct = form.pct != "dropped"
    return {
        "source": model.name, "satker": model.satker, "level": model.level, "province": model.province,
        "regency": model.regency, "year": model.year,
        "pk": [{"no": i, "code": r.code, "sasaran": r.sasaran, "indicator": r.indicator, "target": r.target,
                "target_text": r.target_text, "unit": r.unit} for i, r in enumerate(model.pk, start=1)],
        "capaian": [{"code": r.code, "indicator": r.indicator, "target": r.target, "realisasi": r.realisasi,
                     "stated_pct": r.stated_pct if has_pct else None} for r in model.capaian],
        "summary_claims": [{"code": c.code, "target": c.target, "realisasi": c.realisasi, "stated_pct": None,
                            "text": c.indicator} for c in model.claims],
        "budget": model.budget,
        "inconsistencies": flags,
        "notes": ["Generated by benchmarks/variants.py (variant suite): expectations follow the rendering."],
    }
