"""The HTML report as people see it: real headless Chromium (Playwright) at 1366x768 and 400x800.

Geometry is asserted, not timing: the page body never overflows sideways, no table row is
taller than its tallest content needs (at most three lines of text), every flag of a PDF
shows an evidence crop that loaded, and the filters change what is visible. Screenshots
are saved in the test's tmp dir for a person to look at.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from lkip.api import write_html_report
from lkip.cli import main

playwright = pytest.importorskip("playwright.sync_api")

SIZES = {"desktop": (1366, 768), "phone": (400, 800)}

#: Every table row: its height, and the tallest content of its cells (lines of text, or media).
ROW_GEOMETRY = """() => {
  function clipOf(node) {  // the box that clips a text node: its nearest overflow-hidden ancestor
    for (let e = node.parentElement; e && e.tagName !== 'TD' && e.tagName !== 'TH'; e = e.parentElement)
      if (getComputedStyle(e).overflow !== 'visible') return e.getBoundingClientRect();
    return null;
  }
  function visibleBoxes(cell) {  // the line boxes of a cell's text that can be seen, and its media
    const out = [], walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      if (!t.textContent.trim()) continue;
      const range = document.createRange(); range.selectNodeContents(t);
      const clip = clipOf(t);
      for (const r of range.getClientRects())
        if (!clip || (r.top < clip.bottom - 1 && r.bottom > clip.top + 1)) out.push({top: r.top, bottom: r.bottom});
    }
    for (const m of cell.querySelectorAll('img,svg')) { const r = m.getBoundingClientRect(); out.push(r); }
    return out;
  }
  return [...document.querySelectorAll('tr')].filter(r => r.getClientRects().length).map(r => {
    let tallest = 0, lines = 0;
    for (const c of r.cells) {
      const boxes = visibleBoxes(c);
      if (!boxes.length) continue;
      tallest = Math.max(tallest, Math.max(...boxes.map(b => b.bottom)) - Math.min(...boxes.map(b => b.top)));
      lines = Math.max(lines, new Set(boxes.map(b => Math.round(b.top / 4))).size);
    }
    const cs = getComputedStyle(r.cells[0]);
    const pad = parseFloat(cs.paddingTop) + parseFloat(cs.paddingBottom) + 2;
    return {h: r.getBoundingClientRect().height, tallest, lines, pad, text: r.textContent.slice(0, 80)};
  });
}"""

PDF_FLAG_IMAGES = """() => [...document.querySelectorAll('article.flag[data-evidence="pdf"]')]
  .filter(a => a.getClientRects().length)
  .map(a => ({id: a.id, imgs: [...a.querySelectorAll('img')].map(i => i.complete && i.naturalWidth),
              problems: a.querySelectorAll('.problem').length}))"""

VISIBLE = "sel => [...document.querySelectorAll(sel)].filter(e => e.getClientRects().length).length"


def _chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not path:
        pytest.skip("headless Chromium not installed (Debian: apt-get install -y chromium)")
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=_chromium(), args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


def _ingest(db: Path, *paths: Path) -> None:
    code = main(["ingest", *map(str, paths), "--db", str(db), "--ocr", "never", "--workers", "2", "--quiet"])
    assert code in (0, 1)  # 1: a scan without OCR fails, as it should


@pytest.fixture(scope="session")
def samples_report(tmp_path_factory: pytest.TempPathFactory, samples_dir: Path) -> Path:
    folder = tmp_path_factory.mktemp("samples_report")
    _ingest(folder / "lkip.duckdb", samples_dir.resolve())
    return write_html_report(folder / "lkip.duckdb", folder / "report.html")


@pytest.fixture(scope="session")
def shared_report(tmp_path_factory: pytest.TempPathFactory, shared_dir: Path, samples_dir: Path) -> Path:
    folder = tmp_path_factory.mktemp("shared_report")
    _ingest(folder / "lkip.duckdb", shared_dir / "real_pdfs", shared_dir / "corpus", samples_dir.resolve())
    return write_html_report(folder / "lkip.duckdb", folder / "report.html")


def _check_layout(browser: object, report: Path, shots: Path) -> dict[str, int]:
    """Open the report at both sizes, assert its geometry, save screenshots; return flag counts."""
    counts = {}
    for name, (width, height) in SIZES.items():
        page = browser.new_page(viewport={"width": width, "height": height})  # type: ignore[attr-defined]
        page.goto(report.as_uri(), wait_until="load")
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, f"{name}: the page is {scroll_width}px wide in a {width}px window"
        for row in page.evaluate(ROW_GEOMETRY):
            assert row["lines"] <= 3, f"{name}: a cell of {row['text']!r} takes {row['lines']} lines"
            assert row["h"] <= row["tallest"] + row["pad"] + 4, f"{name}: row {row['text']!r} is {row}"
        flags = page.evaluate(PDF_FLAG_IMAGES)
        for f in flags:
            assert f["imgs"] and all(f["imgs"]) and not f["problems"], f"{name}: flag {f['id']} lacks its crop: {f}"
        counts[name] = len(flags)
        page.screenshot(path=str(shots / f"{name}-top.png"))
        page.locator("#flags").scroll_into_view_if_needed()
        page.screenshot(path=str(shots / f"{name}-flags.png"))
        page.close()
    return counts


def _check_filters(browser: object, report: Path) -> None:
    page = browser.new_page(viewport={"width": 1366, "height": 768})  # type: ignore[attr-defined]
    page.goto(report.as_uri(), wait_until="load")
    assert page.is_visible("#filters")
    all_rows = page.evaluate(VISIBLE, "[data-filter]")
    all_flags = page.evaluate(VISIBLE, "article.flag")
    provinces = page.eval_on_selector_all("#filters select[name=province] option", "os => os.map(o => o.value)")
    assert len(provinces) >= 2, "the province filter offers a province"
    page.select_option("#filters select[name=province]", provinces[1])
    assert 0 < page.evaluate(VISIBLE, "[data-filter]") < all_rows
    page.select_option("#filters select[name=province]", "")
    kinds = page.eval_on_selector_all("#filters select[name=kind] option", "os => os.map(o => o.value)")
    page.select_option("#filters select[name=kind]", "pct_mismatch" if "pct_mismatch" in kinds else kinds[1])
    assert 0 < page.evaluate(VISIBLE, "article.flag") < all_flags
    assert "flag(s) shown" in page.inner_text("#filter-count")
    page.select_option("#filters select[name=kind]", "")
    page.fill("#filters input[name=q]", "zona integritas")
    assert 0 < page.evaluate(VISIBLE, "article.flag") < all_flags
    page.fill("#filters input[name=q]", "")
    years = page.eval_on_selector_all("#filters select[name=year] option", "os => os.map(o => o.value)")
    page.select_option("#filters select[name=year]", years[1])
    assert page.evaluate(VISIBLE, "[data-filter]") < all_rows
    page.close()


def test_samples_report_layout_and_filters(browser: object, samples_report: Path, tmp_path: Path) -> None:
    counts = _check_layout(browser, samples_report, tmp_path)
    assert counts["desktop"] >= 4  # the PDF samples' planted inconsistencies, each with its crops
    _check_filters(browser, samples_report)


def test_report_without_javascript_shows_everything(browser: object, samples_report: Path) -> None:
    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(samples_report.as_uri(), wait_until="load")
    assert not page.is_visible("#filters")  # no dead controls
    flags = page.evaluate("document.querySelectorAll('article.flag:not(.dismissed)').length")
    assert flags > 0 and page.evaluate(VISIBLE, "article.flag") == flags
    context.close()


@pytest.mark.shared
def test_shared_report_layout(browser: object, shared_report: Path, tmp_path: Path) -> None:
    counts = _check_layout(browser, shared_report, tmp_path)
    assert counts["desktop"] > 0
    _check_filters(browser, shared_report)
