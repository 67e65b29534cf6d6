"""The layers of the package, checked on its import graph (import-linter contracts in pyproject.toml).

import-linter reads packages from the file system, and lkip maps ``extract/``,
``normalize/`` and ``schema/`` into ``lkip.*`` (pyproject's ``package-dir``), which an
editable install does not lay out on disk. So the sources are copied as a wheel lays
them out, and the linter runs on that copy.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import grimp
import pytest

REPO = Path(__file__).resolve().parents[1]
LINT = Path(sys.executable).with_name("lint-imports")
TEXT_ONLY_FORBIDDEN = ("lkip.extract.ocr", "lkip.extract.pdf", "lkip.extract.geometry", "lkip.extract.adapters",
                       "pypdfium2", "camelot", "pdfplumber", "pytesseract", "cv2")


def _lay_out(dest: Path) -> Path:
    """Copy lkip's modules to ``dest`` the way the wheel installs them; return ``dest``."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]
    dirs = config["package-dir"]
    for package in config["packages"]:
        base = max((p for p in dirs if package == p or package.startswith(p + ".")), key=len)
        source = REPO / dirs[base] / Path(*package[len(base) + 1:].split(".")) if package != base else REPO / dirs[base]
        target = dest / Path(*package.split("."))
        target.mkdir(parents=True, exist_ok=True)
        for f in source.glob("*.py"):
            shutil.copy(f, target / f.name)
    return dest


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run([str(LINT), "--config", str(REPO / "pyproject.toml"), "--no-cache"], cwd=tree,
                          env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def laid_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _lay_out(tmp_path_factory.mktemp("wheel_layout"))


def test_every_package_folder_is_listed_in_pyproject() -> None:
    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    folders = {"lkip." + ".".join(p.parent.relative_to(REPO).parts)
               for top in ("extract", "normalize", "schema") for p in (REPO / top).rglob("__init__.py")}
    assert folders <= listed, f"missing from pyproject's packages: {sorted(folders - listed)}"


def test_the_contracts_hold(laid_out: Path) -> None:
    result = _lint(laid_out)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" not in result.stdout.lower().replace("0 broken", "")


@pytest.mark.parametrize(("module", "line", "contract"), [
    ("lkip/extract/text/_read.py", "import lkip.normalize", "Data flows one way: extract"),
    ("lkip/extract/text_tables/_find.py", "import lkip.extract.ocr", "The text path never reaches"),
    ("lkip/extract/tables/_grid.py", "import pypdfium2", "Only extract.adapters imports"),
    ("lkip/extract/vocab/_cues.py", "import lkip.extract.tables", "No import cycles"),
    ("lkip/extract/pdf/_read.py", "import lkip.extract.ocr._repair", "private modules"),
    ("lkip/figures.py", "import lkip.normalize", "Printed figures are a shared leaf"),
    ("lkip/api.py", "import duckdb", "Nothing but schema holds SQL"),
])
def test_a_breach_fails_the_contracts(tmp_path: Path, module: str, line: str, contract: str) -> None:
    tree = _lay_out(tmp_path)
    path = tree / module
    path.write_text(path.read_text() + f"\n{line}  # planted breach\n")
    result = _lint(tree)
    assert result.returncode != 0
    assert contract in result.stdout


def test_no_module_level_import_cycles(laid_out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(laid_out))
    for name in [m for m in sys.modules if m == "lkip" or m.startswith("lkip.")]:
        monkeypatch.delitem(sys.modules, name)
    graph = grimp.build_graph("lkip", cache_dir=None)
    modules = sorted(graph.modules)
    index, low, on_stack, stack, cycles = {}, {}, set(), [], []

    def visit(m: str) -> None:  # Tarjan's strongly connected components
        index[m] = low[m] = len(index)
        stack.append(m)
        on_stack.add(m)
        for n in graph.find_modules_directly_imported_by(m):
            if n not in index:
                visit(n)
                low[m] = min(low[m], low[n])
            elif n in on_stack:
                low[m] = min(low[m], index[n])
        if low[m] == index[m]:
            component = []
            while True:
                n = stack.pop()
                on_stack.discard(n)
                component.append(n)
                if n == m:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    sys.setrecursionlimit(10_000)
    for m in modules:
        if m not in index:
            visit(m)
    # A package's __init__ re-exporting its modules is not a cycle of logic: leave packages out.
    real = [c for c in cycles if len([m for m in c if not _is_package(laid_out, m)]) > 1]
    assert real == [], real


def _is_package(tree: Path, module: str) -> bool:
    return (tree / Path(*module.split(".")) / "__init__.py").is_file()


@pytest.mark.parametrize("entry", [
    "from lkip.extract.text import extract_text; extract_text(SAMPLE.read_text())",
    "from lkip.extract import extract_path; extract_path(SAMPLE)",
])
def test_the_text_path_imports_no_ocr_pdf_or_adapter_module(samples_dir: Path, entry: str) -> None:
    sample = samples_dir / "text" / "lkip_bnnp_nusa_lestari_2024.txt"
    code = (f"import sys\nfrom pathlib import Path\nSAMPLE = Path({str(sample)!r})\n{entry}\n"
            f"print(sorted(m for m in sys.modules if m.startswith({TEXT_ONLY_FORBIDDEN!r})))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.strip() == "[]"
    # and the same check can fail: the PDF path does load them
    pdf = subprocess.run([sys.executable, "-c", "import sys, lkip.extract.pdf\n"
                          f"print(sorted(m for m in sys.modules if m.startswith({TEXT_ONLY_FORBIDDEN!r})))"],
                         capture_output=True, text=True, check=True, timeout=120)
    assert "lkip.extract.adapters" in pdf.stdout
