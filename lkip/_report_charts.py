"""Pieces of the HTML report shared by its sections: escaping, figures, capaian and bar charts."""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from lkip.figures import format_figure

PALETTE = ("#2f6db5", "#e08a1e", "#3a9d5d", "#8e5bb5", "#c4473d", "#5f8f9b", "#9a7b2f", "#555555")


def esc(value: Any) -> str:
    """Escape any value for HTML text or attribute use (None becomes an empty string)."""
    return "" if value is None else html.escape(str(value), quote=True)


def fmt(value: float | None, decimals: int = 2) -> str:
    return "" if value is None else format_figure(value, decimals)


def where(page: int | None, line: int | None) -> str:
    parts = []
    if page is not None:
        parts.append(f"page {page}")
    if line is not None:
        parts.append(f"line {line}")
    return ", ".join(parts)


def office(row: dict[str, Any]) -> str:
    if row.get("satker"):
        return str(row["satker"])
    place = row.get("regency") or row.get("province")
    return str(place) if place else str(row.get("report_id", "?"))


# ---------------------------------------------------------------- charts


def capaian_of(row: dict[str, Any]) -> float | None:
    """Return the capaian (%) to plot: computed, else stated, else realisasi/target."""
    for key in ("computed_pct", "stated_pct"):
        if row.get(key) is not None:
            return float(row[key])
    target, real = row.get("target_value"), row.get("realisasi_value")
    if target and real is not None:
        return 100.0 * float(real) / float(target)
    return None


def bar_chart(code: str, rows: Sequence[dict[str, Any]], year_colors: dict[Any, str]) -> str:
    """Return an inline SVG horizontal bar chart of capaian, one bar per office and year."""
    points = [(r, capaian_of(r)) for r in rows]
    points = [(r, v) for r, v in points if v is not None]
    if not points:
        return '<p class="muted">No figures to plot.</p>'
    label_w, plot_w, bar_h, gap, top, right = 280, 440, 16, 6, 26, 90
    cap = 300.0
    top_value = max(120.0, min(cap, max(v for _, v in points) * 1.05))
    height = top + len(points) * (bar_h + gap) + 8
    width = label_w + plot_w + right

    def x(v: float) -> float:
        return label_w + plot_w * max(0.0, min(v, top_value)) / top_value

    parts = [
        f'<svg class="chart" role="img" xmlns="http://www.w3.org/2000/svg" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" data-indicator="{esc(code)}">',
        f"<title>Capaian (realisasi/target %) of {esc(code)} by office and year</title>",
    ]
    for tick in range(0, int(top_value) + 1, 50):
        tx = x(tick)
        parts.append(
            f'<line x1="{tx:.1f}" y1="{top - 6}" x2="{tx:.1f}" y2="{height - 4}" class="grid"/>'
        )
        parts.append(f'<text x="{tx:.1f}" y="{top - 10}" class="tick">{tick}%</text>')
    for i, (row, value) in enumerate(points):
        y = top + i * (bar_h + gap)
        label = f"{office(row)} · {row.get('year') or '?'}"
        short = label if len(label) <= 44 else label[:42] + "…"
        color = year_colors.get(row.get("year"), PALETTE[-1])
        flagged = " flagged" if row.get("flagged") else ""
        detail = (
            f"{label}: target {fmt(row.get('target_value'), 3)}, realisasi "
            f"{fmt(row.get('realisasi_value'), 3)}, capaian {fmt(value)}%"
            + (" (flagged)" if row.get("flagged") else "")
        )
        parts.append(f'<g class="bar{flagged}"><title>{esc(detail)}</title>')
        parts.append(
            f'<text x="{label_w - 8}" y="{y + bar_h - 4}" class="label">{esc(short)}</text>'
        )
        parts.append(
            f'<rect x="{label_w}" y="{y}" width="{max(1.0, x(value) - label_w):.1f}" '
            f'height="{bar_h}" fill="{color}"/>'
        )
        mark = " »" if value > top_value else ""
        flag_mark = " ⚑" if row.get("flagged") else ""
        parts.append(
            f'<text x="{label_w + plot_w + 8}" y="{y + bar_h - 4}" class="value">'
            f"{esc(fmt(value, 1))}%{mark}{flag_mark}</text></g>"
        )
    hx = x(100.0)
    parts.append(
        f'<line x1="{hx:.1f}" y1="{top - 6}" x2="{hx:.1f}" y2="{height - 4}" class="target"/>'
    )
    parts.append("</svg>")
    return "".join(parts)


def charts_section(results: Sequence[dict[str, Any]], names: dict[str, str]) -> str:
    by_code: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in results:
        by_code[row["indicator_code"]].append(row)
    years = sorted({r.get("year") for r in results}, key=lambda y: (y is None, y))
    year_colors = {y: PALETTE[i % (len(PALETTE) - 1)] for i, y in enumerate(years)}
    out = ['<section id="charts"><h2>Capaian per indicator</h2>']
    if not by_code:
        out.append('<p class="muted">No coded indicator results yet.</p></section>')
        return "".join(out)
    legend = "".join(
        f'<span class="key"><span class="swatch" style="background:{c}"></span>'
        f"{esc(y or 'year ?')}</span>"
        for y, c in year_colors.items()
    )
    out.append(
        f'<p class="muted">Realisasi / target &times; 100 (as computed at ingest; the stated % '
        f"when it could not be computed). The dark line marks 100%; ⚑ marks a flagged row; "
        f"» a bar cut at the axis end. Years: {legend}</p>"
    )
    for code in sorted(by_code):
        rows = by_code[code]
        name = names.get(code) or rows[0].get("indicator_text") or ""
        out.append(
            f'<figure class="indicator" id="ind-{esc(code)}"><figcaption><code>{esc(code)}</code> '
            f"{esc(name)}</figcaption>{bar_chart(code, rows, year_colors)}</figure>"
        )
    out.append("</section>")
    return "".join(out)


