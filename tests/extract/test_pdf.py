"""extract_pdf on our generated samples (always) and on real PDFs (when ../shared is present)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from lkip.errors import BadInputError, ConfigError
from lkip.extract.adapters._tesseract import TesseractEngine, tesseract_available
from lkip.extract.model._records import FileType, SourceKind
from lkip.extract.pdf._read import PdfSettings, extract_pdf

BORN_DIGITAL = ["lkip_bnnp_nusa_lestari_2024", "lkip_bnnk_sukamaju_2023", "lkip_dinas_pariwisata_sukamaju_2024"]
SCANNED = "lkip_bnnk_sukamaju_2023_scanned"
needs_tesseract = pytest.mark.skipif(
    tesseract_available() is not None, reason=f"OCR unavailable: {tesseract_available()}"
)


def _squash(text: str | None) -> str:
    return " ".join((text or "").split()).lower()


def _figure(text: str | None) -> str | None:
    m = re.search(r"-?\d[\d.,]*\d|\d", text or "")
    return m.group(0) if m else None


def _check_against_truth(pdf: Path) -> None:
    truth = json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8"))
    ex = extract_pdf(pdf)
    assert ex.file_type is FileType.PDF and ex.pages and ex.pages >= 2
    assert [_squash(r.indicator_text) for r in ex.pk] == [_squash(r["indicator"]) for r in truth["pk"]]
    assert [_figure(r.target_text) for r in ex.pk] == [_figure(r["target_text"]) for r in truth["pk"]]
    assert [r.where.page for r in ex.pk] == [r["page"] for r in truth["pk"]]
    if truth["pk"][0]["sasaran"] is not None:
        assert [_squash(r.sasaran) for r in ex.pk] == [_squash(r["sasaran"]) for r in truth["pk"]]
    main = [r for r in ex.capaian if r.source_kind is SourceKind.MAIN_TABLE]
    assert [_squash(r.indicator_text) for r in main] == [_squash(r["indicator"]) for r in truth["capaian"]]
    got = [(r.target_text, r.realisasi_text, _figure(r.pct_text), r.where.page) for r in main]
    want = [(r["target_text"], r["realisasi_text"], _figure(r["pct_text"]), r["page"]) for r in truth["capaian"]]
    assert got == want
    for r in [*ex.pk, *main]:
        assert r.where.method.startswith("pdf:") and r.where.page is not None
    assert ex.pk_table_found and ex.capaian_table_found


@pytest.mark.parametrize("stem", BORN_DIGITAL)
def test_born_digital_samples_match_truth(samples_dir: Path, stem: str) -> None:
    _check_against_truth(samples_dir / "pdf" / f"{stem}.pdf")


def test_cells_keep_bboxes(samples_dir: Path) -> None:
    ex = extract_pdf(samples_dir / "pdf" / "lkip_bnnp_nusa_lestari_2024.pdf")
    for r in [*ex.pk, *ex.capaian]:
        if r.where.method.startswith("pdf:camelot"):
            x0, top, x1, bottom = r.where.bbox
            assert 0 <= x0 < x1 <= 600 and 0 <= top < bottom <= 850


def test_pk_split_over_pages_carries_sasaran(samples_dir: Path) -> None:
    ex = extract_pdf(samples_dir / "pdf" / "lkip_bnnp_nusa_lestari_2024.pdf")
    pages = {r.where.page for r in ex.pk}
    assert len(pages) == 2  # the PK table crosses a page break
    first_after_break = next(r for r in ex.pk if r.where.page == max(pages))
    assert first_after_break.sasaran and first_after_break.sasaran.startswith("Meningkatnya upaya pemulihan")
    cap_pages = [r.where.page for r in ex.capaian if r.source_kind is SourceKind.MAIN_TABLE]
    assert cap_pages.count(cap_pages[-1]) == 1  # the lone row spilled onto the next page is kept


# --- settings and bad input ----------------------------------------------------------------------


def test_settings_resolve() -> None:
    assert PdfSettings.resolve(None) == PdfSettings()
    s = PdfSettings(ocr="never")
    assert PdfSettings.resolve(s) is s
    assert PdfSettings.resolve({"ocr": "always", "password": "x"}).password == "x"
    with pytest.raises(ConfigError, match="unknown PDF settings: colour"):
        PdfSettings.resolve({"colour": 1})
    with pytest.raises(ConfigError, match="ocr must be"):
        PdfSettings(ocr="sometimes")  # type: ignore[arg-type]
    with pytest.raises(ConfigError):
        PdfSettings.resolve(3)  # type: ignore[arg-type]


def test_not_a_pdf(tmp_path: Path) -> None:
    p = tmp_path / "x.pdf"
    p.write_text("hello, not a pdf")
    with pytest.raises(BadInputError, match=r"x\.pdf: not a PDF"):
        extract_pdf(p)


def test_empty_and_missing(tmp_path: Path) -> None:
    (tmp_path / "e.pdf").write_bytes(b"")
    with pytest.raises(BadInputError, match="empty file"):
        extract_pdf(tmp_path / "e.pdf")
    with pytest.raises(BadInputError, match="cannot read"):
        extract_pdf(tmp_path / "missing.pdf")


def test_truncated(tmp_path: Path, samples_dir: Path) -> None:
    data = (samples_dir / "pdf" / "lkip_bnnp_nusa_lestari_2024.pdf").read_bytes()
    p = tmp_path / "cut.pdf"
    p.write_bytes(data[: len(data) // 4])
    with pytest.raises(BadInputError, match=r"cut\.pdf"):
        extract_pdf(p)


def test_encrypted(tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    p = tmp_path / "secret.pdf"
    c = Canvas(str(p), encrypt="rahasia")
    c.drawString(72, 720, "Perjanjian Kinerja Tahun 2024")
    c.save()
    with pytest.raises(BadInputError, match="encrypted; give its password"):
        extract_pdf(p)
    with pytest.raises(BadInputError, match="password given is wrong"):
        extract_pdf(p, PdfSettings(password="salah"))
    ex = extract_pdf(p, PdfSettings(password="rahasia"))
    assert ex.pages == 1 and "no Perjanjian Kinerja table found" in ex.warnings


# --- scanned ---------------------------------------------------------------------------------


def test_scanned_with_ocr_off_is_partial(samples_dir: Path) -> None:
    ex = extract_pdf(samples_dir / "pdf" / f"{SCANNED}.pdf", {"ocr": "never"})
    assert ex.pk == () and not ex.pk_table_found
    assert any("OCR is off" in w for w in ex.warnings)


class _MissingTesseract(TesseractEngine):
    """An OCR engine that is not installed."""

    def unavailable(self, languages: str) -> str | None:
        return "Tesseract is not installed"


def test_scanned_without_tesseract_is_partial(samples_dir: Path) -> None:
    ex = extract_pdf(samples_dir / "pdf" / f"{SCANNED}.pdf", PdfSettings(ocr_engine=_MissingTesseract()))
    assert ex.pk == ()
    assert any("cannot be OCR'd: Tesseract is not installed" in w for w in ex.warnings)


@needs_tesseract
def test_scanned_sample_ocr(samples_dir: Path) -> None:
    pdf = samples_dir / "pdf" / f"{SCANNED}.pdf"
    truth = json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8"))
    ex = extract_pdf(pdf)
    assert [_figure(r.target_text) for r in ex.pk] == [_figure(r["target_text"]) for r in truth["pk"]]
    assert [r.where.page for r in ex.pk] == [r["page"] for r in truth["pk"]]
    main = [r for r in ex.capaian if r.source_kind is SourceKind.MAIN_TABLE]
    got = [(_figure(r.target_text), _figure(r.realisasi_text), _figure(r.pct_text)) for r in main]
    assert got == [(_figure(r["target_text"]), _figure(r["realisasi_text"]), _figure(r["pct_text"]))
                   for r in truth["capaian"]]
    assert all(r.where.method == "ocr:tesseract" and r.where.bbox for r in [*ex.pk, *main])


# --- real PDFs -------------------------------------------------------------------------------

REAL_EXPECTED = Path(__file__).resolve().parents[2] / "benchmarks" / "expected" / "real_pdfs"


def _real(shared_dir: Path, name: str) -> tuple[Path, dict]:
    pdf = shared_dir / "real_pdfs" / name
    exp = REAL_EXPECTED / pdf.with_suffix(".json").name
    if not pdf.exists() or not exp.exists():
        pytest.skip(f"{name} or its expected JSON is absent")
    return pdf, json.loads(exp.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", [
    "JabarProv_Inspektorat_LKIP2016_Lampiran2_PerjanjianKinerja.pdf",
    "JabarProv_Dispora_Kadis_PerjanjianKinerja_2017.pdf",
    "JabarProv_BAPPEDA_LKIP_2016.pdf",  # "INDIKATOR SASARAN" header, PK over two pages
    "JabarProv_BiroHumasProtokolUmum_LKIP_2016.pdf",  # numbered indicator lists with one merged target
    "JabarProv_Disparbud_BalaiAnjunganTMII_PerjanjianKinerja_2016.pdf",  # three one-page PKs
    "JabarProv_Disperindag_LKIP_2016.pdf",  # RKT before the PK, value sub-rows
])
def test_real_pk_tables(shared_dir: Path, name: str) -> None:
    pdf, truth = _real(shared_dir, name)
    ex = extract_pdf(pdf)
    assert [_squash(r.indicator_text) for r in ex.pk] == [_squash(r["indicator"]) for r in truth["pk"]]
    assert [_squash(r.sasaran) for r in ex.pk] == [_squash(r["sasaran"]) for r in truth["pk"]]
    assert [_figure(r.target_text) for r in ex.pk] == [_figure(r["target_text"]) for r in truth["pk"]]
    assert [r.where.page for r in ex.pk] == [r["page"] for r in truth["pk"]]


@needs_tesseract
def test_real_scanned_pk(shared_dir: Path) -> None:
    pdf, truth = _real(shared_dir, "JabarProv_Dispora_KabidPembudayaanOR_PerjanjianKinerja_2017_scanned.pdf")
    ex = extract_pdf(pdf)
    assert [_figure(r.target_text) for r in ex.pk] == [_figure(r["target_text"]) for r in truth["pk"]]
    assert [r.where.page for r in ex.pk] == [3, 3, 3]
    for r, want in zip(ex.pk, truth["pk"], strict=True):
        assert want["indicator"].lower()[:25] in r.indicator_text.lower()


def test_real_scanned_without_ocr_does_not_crash(shared_dir: Path) -> None:
    pdf = shared_dir / "real_pdfs" / "JabarProv_DinasSDA_LKIP_2016_scanned.pdf"
    if not pdf.exists():
        pytest.skip("scanned real PDF absent")
    ex = extract_pdf(pdf, {"ocr": "never"})
    assert ex.pages == 142 and ex.pk == () and any("OCR is off" in w for w in ex.warnings)


def test_tesseract_binary_matches_check() -> None:
    assert (tesseract_available() is None) <= (shutil.which("tesseract") is not None)


@pytest.mark.parametrize("name", [
    "JabarProv_BAPPEDA_LKIP_2016.pdf",  # "Tahun (2016)" over Satuan/Target/Realisasi, repeated header
    "JabarProv_BiroHumasProtokolUmum_LKIP_2016.pdf",  # listed indicators with stacked values
    "JabarProv_Disperindag_LKIP_2016.pdf",  # four BAB III tables of the same indicators; English figures
    "JabarProv_Disbun_LKIP_2016.pdf",  # a later table set against the Renstra target is not the year's
    "JabarProv_Diskimrum_LKIP_2016_part1of3.pdf",  # set sideways on portrait pages, over three pages
])
def test_real_capaian_main_table(shared_dir: Path, name: str) -> None:
    from lkip.extract.model._records import SourceKind
    from lkip.figures import parse_number

    pdf, truth = _real(shared_dir, name)
    ex = extract_pdf(pdf)
    main = [r for r in ex.capaian if r.source_kind is SourceKind.MAIN_TABLE]

    def value(text: str | None, mark: str | None) -> float | None:
        v = parse_number(text, decimal_mark=mark).value if text else None
        return None if v is None else abs(v)  # "(3.14)": the sign is the normaliser's

    assert [(value(r.target_text, r.decimal_mark), value(r.realisasi_text, r.decimal_mark),
             value(r.pct_text, r.decimal_mark)) for r in main] == [
        tuple(None if r.get(k) is None else abs(r[k]) for k in ("target", "realisasi", "stated_pct"))
        for r in truth["capaian"]
    ]
    assert [r.where.page for r in main] == [r["page"] for r in truth["capaian"]]


def test_turned_pages_are_read_by_camelot(samples_dir: Path, tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    src = samples_dir / "pdf" / "lkip_bnnp_nusa_lestari_2024.pdf"
    doc = pdfium.PdfDocument(src)
    try:
        for i in range(len(doc)):
            doc[i].set_rotation(90)  # /Rotate 90: the page shows turned, its content is unchanged
        doc.save(tmp_path / "turned.pdf")
    finally:
        doc.close()
    upright, turned = extract_pdf(src), extract_pdf(tmp_path / "turned.pdf")
    assert {r.where.method for r in turned.pk} == {"pdf:camelot_lattice"}
    assert [(r.indicator_text, r.target_text) for r in turned.pk] == [
        (r.indicator_text, r.target_text) for r in upright.pk]
