"""Build one static, self-contained HTML report from an lkip DuckDB database.

The page needs no network to open: CSS is inline and the charts are inline SVG
drawn here. It shows the reports ingested (ok / partial / failed with their
errors), every flag with its evidence and page/line, per indicator a chart of
capaian across offices and years, and the review queue.
"""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from lkip.errors import SchemaError
from lkip.figures import format_figure

REQUIRED = ("reports", "pk_targets", "capaian", "budget", "flags", "review_queue", "results")
_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
_PALETTE = ("#2f6db5", "#e08a1e", "#3a9d5d", "#8e5bb5", "#c4473d", "#5f8f9b", "#9a7b2f", "#555555")
_REVIEW_SHOWN = 200


def _e(value: Any) -> str:
    """Escape any value for HTML text or attribute use (None becomes an empty string)."""
    return "" if value is None else html.escape(str(value), quote=True)


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    cur = con.execute(sql)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def _relations(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {
        r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    }


def _fmt(value: float | None, decimals: int = 2) -> str:
    return "" if value is None else format_figure(value, decimals)


def _where(page: int | None, line: int | None) -> str:
    parts = []
    if page is not None:
        parts.append(f"page {page}")
    if line is not None:
        parts.append(f"line {line}")
    return ", ".join(parts)


def _office(row: dict[str, Any]) -> str:
    if row.get("satker"):
        return str(row["satker"])
    place = row.get("regency") or row.get("province")
    return str(place) if place else str(row.get("report_id", "?"))


# ---------------------------------------------------------------- data


@dataclass(frozen=True, slots=True)
class _Data:
    reports: list[dict[str, Any]]
    flags: list[dict[str, Any]]
    results: list[dict[str, Any]]
    review: list[dict[str, Any]]
    review_size: int
    names: dict[str, str]


def _read(con: duckdb.DuckDBPyConnection) -> _Data:
    missing = [name for name in REQUIRED if name not in _relations(con)]
    if missing:
        raise SchemaError(
            f"the database lacks {', '.join(missing)}; is it an lkip database? "
            "Run `lkip ingest` to create it."
        )
    reports = _rows(
        con,
        """
        SELECT r.report_id, r.source_path, r.file_type, r.pages, r.satker, r.level, r.province,
               r.regency, r.year, r.status, r.error, r.parser_version,
               (SELECT count(*) FROM pk_targets p WHERE p.report_id = r.report_id) AS pk_rows,
               (SELECT count(*) FROM capaian c WHERE c.report_id = r.report_id) AS capaian_rows,
               (SELECT count(*) FROM flags f WHERE f.report_id = r.report_id) AS flag_count,
               b.pagu, b.realisasi AS budget_realisasi, b.stated_pct AS budget_pct
        FROM reports r
        LEFT JOIN (SELECT report_id, any_value(pagu) AS pagu, any_value(realisasi) AS realisasi,
                          any_value(stated_pct) AS stated_pct
                   FROM budget GROUP BY report_id) b USING (report_id)
        ORDER BY CASE r.status WHEN 'failed' THEN 0 WHEN 'partial' THEN 1 ELSE 2 END,
                 r.province NULLS LAST, r.satker NULLS LAST, r.year NULLS LAST, r.source_path
    """,
    )
    flags = _rows(
        con,
        """
        SELECT f.report_id, f.kind, f.severity, f.indicator_code, f.message, f.expected, f.found,
               f.page, f.line, f.evidence, r.satker, r.province, r.regency, r.year, r.source_path
        FROM flags f LEFT JOIN reports r USING (report_id)
        ORDER BY r.province NULLS LAST, r.satker NULLS LAST, r.year NULLS LAST, f.report_id,
                 CASE f.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END,
                 f.kind, f.page NULLS FIRST, f.line NULLS FIRST, f.message
    """,
    )
    results = _rows(
        con,
        """
        SELECT report_id, satker, level, province, regency, year, indicator_code, indicator_text,
               target_value, realisasi_value, stated_pct, computed_pct, achieved, flagged
        FROM results
        WHERE indicator_code IS NOT NULL
        ORDER BY indicator_code, province NULLS LAST, satker NULLS LAST, year NULLS LAST, report_id
    """,
    )
    review_size = con.execute("SELECT count(*) FROM review_queue").fetchone()[0]
    review = _rows(
        con,
        f"""
        SELECT q.indicator_text, q.best_code, q.best_score, count(*) AS times,
               string_agg(DISTINCT coalesce(r.satker, q.report_id), '; ') AS offices
        FROM review_queue q LEFT JOIN reports r USING (report_id)
        GROUP BY q.indicator_text, q.best_code, q.best_score
        ORDER BY times DESC, q.best_score DESC NULLS LAST, q.indicator_text
        LIMIT {_REVIEW_SHOWN}
    """,
    )
    names: dict[str, str] = {}
    if "indicators" in _relations(con):
        names = {r["code"]: r["name"] for r in _rows(con, "SELECT code, name FROM indicators")}
    return _Data(reports, flags, results, review, int(review_size), names)


# ---------------------------------------------------------------- charts


def _capaian(row: dict[str, Any]) -> float | None:
    """Return the capaian (%) to plot: computed, else stated, else realisasi/target."""
    for key in ("computed_pct", "stated_pct"):
        if row.get(key) is not None:
            return float(row[key])
    target, real = row.get("target_value"), row.get("realisasi_value")
    if target and real is not None:
        return 100.0 * float(real) / float(target)
    return None


def _bar_chart(code: str, rows: Sequence[dict[str, Any]], year_colors: dict[Any, str]) -> str:
    """Return an inline SVG horizontal bar chart of capaian, one bar per office and year."""
    points = [(r, _capaian(r)) for r in rows]
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
        f'height="{height}" viewBox="0 0 {width} {height}" data-indicator="{_e(code)}">',
        f"<title>Capaian (realisasi/target %) of {_e(code)} by office and year</title>",
    ]
    for tick in range(0, int(top_value) + 1, 50):
        tx = x(tick)
        parts.append(
            f'<line x1="{tx:.1f}" y1="{top - 6}" x2="{tx:.1f}" y2="{height - 4}" class="grid"/>'
        )
        parts.append(f'<text x="{tx:.1f}" y="{top - 10}" class="tick">{tick}%</text>')
    for i, (row, value) in enumerate(points):
        y = top + i * (bar_h + gap)
        label = f"{_office(row)} · {row.get('year') or '?'}"
        short = label if len(label) <= 44 else label[:42] + "…"
        color = year_colors.get(row.get("year"), _PALETTE[-1])
        flagged = " flagged" if row.get("flagged") else ""
        detail = (
            f"{label}: target {_fmt(row.get('target_value'), 3)}, realisasi "
            f"{_fmt(row.get('realisasi_value'), 3)}, capaian {_fmt(value)}%"
            + (" (flagged)" if row.get("flagged") else "")
        )
        parts.append(f'<g class="bar{flagged}"><title>{_e(detail)}</title>')
        parts.append(
            f'<text x="{label_w - 8}" y="{y + bar_h - 4}" class="label">{_e(short)}</text>'
        )
        parts.append(
            f'<rect x="{label_w}" y="{y}" width="{max(1.0, x(value) - label_w):.1f}" '
            f'height="{bar_h}" fill="{color}"/>'
        )
        mark = " »" if value > top_value else ""
        flag_mark = " ⚑" if row.get("flagged") else ""
        parts.append(
            f'<text x="{label_w + plot_w + 8}" y="{y + bar_h - 4}" class="value">'
            f"{_e(_fmt(value, 1))}%{mark}{flag_mark}</text></g>"
        )
    hx = x(100.0)
    parts.append(
        f'<line x1="{hx:.1f}" y1="{top - 6}" x2="{hx:.1f}" y2="{height - 4}" class="target"/>'
    )
    parts.append("</svg>")
    return "".join(parts)


def _charts_section(data: _Data) -> str:
    by_code: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in data.results:
        by_code[row["indicator_code"]].append(row)
    years = sorted({r.get("year") for r in data.results}, key=lambda y: (y is None, y))
    year_colors = {y: _PALETTE[i % (len(_PALETTE) - 1)] for i, y in enumerate(years)}
    out = ['<section id="charts"><h2>Capaian per indicator</h2>']
    if not by_code:
        out.append('<p class="muted">No coded indicator results yet.</p></section>')
        return "".join(out)
    legend = "".join(
        f'<span class="key"><span class="swatch" style="background:{c}"></span>'
        f"{_e(y or 'year ?')}</span>"
        for y, c in year_colors.items()
    )
    out.append(
        f'<p class="muted">Realisasi / target &times; 100 (as computed at ingest; the stated % '
        f"when it could not be computed). The dark line marks 100%; ⚑ marks a flagged row; "
        f"» a bar cut at the axis end. Years: {legend}</p>"
    )
    for code in sorted(by_code):
        rows = by_code[code]
        name = data.names.get(code) or rows[0].get("indicator_text") or ""
        out.append(
            f'<figure class="indicator" id="ind-{_e(code)}"><figcaption><code>{_e(code)}</code> '
            f"{_e(name)}</figcaption>{_bar_chart(code, rows, year_colors)}</figure>"
        )
    out.append("</section>")
    return "".join(out)


# ---------------------------------------------------------------- tables


def _status_badge(status: str | None) -> str:
    return f'<span class="badge status-{_e(status)}">{_e(status)}</span>'


def _overview(data: _Data) -> str:
    status = Counter(r["status"] for r in data.reports)
    severity = Counter(f["severity"] for f in data.flags)
    cards = [
        ("reports", len(data.reports)),
        ("ok", status.get("ok", 0)),
        ("partial", status.get("partial", 0)),
        ("failed", status.get("failed", 0)),
        ("flags", len(data.flags)),
        ("errors", severity.get("error", 0)),
        ("warnings", severity.get("warning", 0)),
        ("review queue", data.review_size),
    ]
    card_html = "".join(
        f'<div class="card card-{_e(k.replace(" ", "-"))}"><div class="num">{v}</div>'
        f'<div class="what">{_e(k)}</div></div>'
        for k, v in cards
    )
    head = (
        "<tr><th>Office</th><th>Level</th><th>Province</th><th>Regency</th><th>Year</th>"
        "<th>Status</th><th>PK rows</th><th>Capaian rows</th><th>Flags</th>"
        "<th>Pagu (Rp)</th><th>Realisasi (Rp)</th><th>%</th><th>File</th></tr>"
    )
    body = []
    for r in data.reports:
        flags = (
            f'<a href="#flags-{_e(r["report_id"])}">{r["flag_count"]}</a>'
            if r["flag_count"]
            else "0"
        )
        error = f'<div class="error">{_e(r["error"])}</div>' if r.get("error") else ""
        body.append(
            f'<tr class="report status-{_e(r["status"])}"><td>{_e(r["satker"] or "—")}{error}</td>'
            f"<td>{_e(r['level'])}</td><td>{_e(r['province'])}</td><td>{_e(r['regency'])}</td>"
            f"<td>{_e(r['year'])}</td><td>{_status_badge(r['status'])}</td>"
            f'<td class="n">{r["pk_rows"]}</td><td class="n">{r["capaian_rows"]}</td>'
            f'<td class="n">{flags}</td><td class="n">{_e(_fmt(r["pagu"], 0))}</td>'
            f'<td class="n">{_e(_fmt(r["budget_realisasi"], 0))}</td>'
            f'<td class="n">{_e(_fmt(r["budget_pct"]))}</td>'
            f'<td class="path">{_e(r["source_path"])}</td></tr>'
        )
    table = (
        f'<table class="reports"><thead>{head}</thead><tbody>{"".join(body)}</tbody></table>'
        if body
        else '<p class="muted">No reports ingested yet.</p>'
    )
    cards_div = f'<div class="cards">{card_html}</div>'
    return f'<section id="overview"><h2>Reports</h2>{cards_div}{table}</section>'


def _evidence(text: str | None) -> str:
    if not text:
        return ""
    sides = [s.strip() for s in str(text).split(" | ") if s.strip()]
    return "".join(f'<div class="evidence">{_e(s)}</div>' for s in sides)


def _flag_rows(flags: Iterable[dict[str, Any]]) -> str:
    out = []
    for f in flags:
        out.append(
            f'<tr class="flag sev-{_e(f["severity"])}" data-kind="{_e(f["kind"])}">'
            f'<td><span class="badge sev-{_e(f["severity"])}">{_e(f["severity"])}</span></td>'
            f"<td>{_e(f['kind'])}</td><td><code>{_e(f['indicator_code'])}</code></td>"
            f"<td>{_e(f['message'])}{_evidence(f['evidence'])}</td>"
            f'<td class="n">{_e(f["expected"])}</td><td class="n">{_e(f["found"])}</td>'
            f'<td class="where">{_e(_where(f["page"], f["line"]))}</td></tr>'
        )
    return "".join(out)


def _flags_section(data: _Data) -> str:
    out = ['<section id="flags"><h2>Flags</h2>']
    if not data.flags:
        out.append('<p class="muted">No flags.</p></section>')
        return "".join(out)
    kinds = Counter((f["kind"], f["severity"]) for f in data.flags)
    summary = "".join(
        f"<tr><td>{_e(k)}</td><td>{_severity_badge(s)}</td><td class='n'>{n}</td></tr>"
        for (k, s), n in sorted(
            kinds.items(), key=lambda kv: (kv[0][0], _SEVERITY_ORDER.get(kv[0][1], 9))
        )
    )
    out.append(
        '<table class="kinds"><thead><tr><th>Kind</th><th>Severity</th><th>Count</th></tr></thead>'
        f"<tbody>{summary}</tbody></table>"
    )
    by_report: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in data.flags:
        by_report[f["report_id"]].append(f)
    head = (
        "<tr><th>Severity</th><th>Kind</th><th>Indicator</th><th>What and evidence</th>"
        "<th>Expected</th><th>Found</th><th>Where</th></tr>"
    )
    for report_id, flags in by_report.items():
        first = flags[0]
        title = f"{_office(first)} · {first.get('year') or 'year ?'}"
        out.append(
            f'<h3 id="flags-{_e(report_id)}">{_e(title)} <span class="muted">'
            f"{_e(first.get('source_path'))} · {len(flags)} flag(s)</span></h3>"
            f'<table class="flags"><thead>{head}</thead><tbody>{_flag_rows(flags)}</tbody></table>'
        )
    out.append("</section>")
    return "".join(out)


def _severity_badge(severity: str | None) -> str:
    return f'<span class="badge sev-{_e(severity)}">{_e(severity)}</span>'


def _review_section(data: _Data) -> str:
    out = [
        f'<section id="review"><h2>Review queue <span class="muted">({data.review_size} '
        "indicator text(s) not matched to the catalogue)</span></h2>"
    ]
    if not data.review:
        out.append('<p class="muted">The review queue is empty.</p></section>')
        return "".join(out)
    rows = "".join(
        f"<tr><td>{_e(r['indicator_text'])}</td><td><code>{_e(r['best_code'])}</code></td>"
        f'<td class="n">{_e(_fmt(r["best_score"], 1))}</td><td class="n">{r["times"]}</td>'
        f"<td>{_e(r['offices'])}</td></tr>"
        for r in data.review
    )
    more = (
        f'<p class="muted">Showing the {_REVIEW_SHOWN} most frequent texts.</p>'
        if len(data.review) >= _REVIEW_SHOWN
        else ""
    )
    out.append(
        '<table class="review"><thead><tr><th>Indicator text</th><th>Best code</th><th>Score</th>'
        f"<th>Times</th><th>Offices</th></tr></thead><tbody>{rows}</tbody></table>{more}</section>"
    )
    return "".join(out)


def _versions_footer(con: duckdb.DuckDBPyConnection) -> str:
    """Return the footer naming the database's schema version and the parser versions of its reports."""
    schema = None
    if "meta" in _relations(con):
        schema = con.execute("SELECT any_value(value) FROM meta WHERE key = 'schema_version'").fetchone()[0]
    parsers = [r[0] for r in con.execute("SELECT DISTINCT parser_version FROM reports ORDER BY 1").fetchall()]
    return (
        f'<footer>Schema version {_e(schema or "unknown")} · '
        f"parser version {_e(', '.join(parsers) or 'none')}</footer>"
    )


_CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2329;margin:0;
background:#f6f7f9}
header{background:#1f3a5f;color:#fff;padding:18px 28px}header h1{margin:0;font-size:22px}
header p{margin:4px 0 0;color:#c9d6e6}nav a{color:#fff;margin-right:16px}
main{padding:8px 28px 40px;max-width:1400px}footer{padding:0 28px 20px;color:#6b7580;font-size:12px}
h2{margin:28px 0 10px;font-size:19px;border-bottom:2px solid #d9dee5;padding-bottom:4px}
h3{font-size:15px;margin:22px 0 6px}
table{border-collapse:collapse;background:#fff;margin:6px 0 14px;width:100%}
th,td{border:1px solid #dde2e8;padding:5px 8px;vertical-align:top;text-align:left}
th{background:#eef1f5;font-weight:600}td.n{text-align:right;white-space:nowrap}
table.kinds{width:auto}td.where{white-space:nowrap}td.path{font-size:12px;color:#5b6570;word-break:break-all}
.muted{color:#6b7580;font-weight:normal;font-size:13px}
.badge{display:inline-block;padding:1px 7px;border-radius:9px;font-size:12px;font-weight:600;
color:#fff}
.status-ok.badge{background:#3a9d5d}.status-partial.badge{background:#d48a00}.status-failed.badge{background:#c4473d}
.sev-error.badge{background:#c4473d}.sev-warning.badge{background:#d48a00}.sev-info.badge{background:#5f7f9b}
tr.status-failed td{background:#fdf1f0}.error{color:#a1322a;font-size:12px;margin-top:3px}
.evidence{font:12px/1.35 ui-monospace,Menlo,Consolas,monospace;color:#46505a;background:#f3f5f7;
border-left:3px solid #c5ccd4;padding:3px 6px;margin-top:4px;white-space:pre-wrap;
word-break:break-word}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:10px 0 14px}
.card{background:#fff;border:1px solid #dde2e8;border-radius:6px;padding:8px 14px;min-width:90px}
.card .num{font-size:22px;font-weight:700}.card .what{color:#5b6570;font-size:12px}
.card-failed .num{color:#c4473d}.card-partial .num{color:#d48a00}.card-errors .num{color:#c4473d}
figure.indicator{background:#fff;border:1px solid #dde2e8;border-radius:6px;margin:10px 0;
padding:8px 12px}
figcaption{font-weight:600;margin-bottom:4px}figcaption code{font-weight:normal;color:#5b6570}
svg.chart text{font:11px system-ui,sans-serif;fill:#1d2329}svg.chart text.label{text-anchor:end}
svg.chart text.tick{text-anchor:middle;fill:#6b7580}svg.chart line.grid{stroke:#e6e9ed}
svg.chart line.target{stroke:#1d2329;stroke-width:1.5;stroke-dasharray:4 2}
svg.chart g.flagged rect{stroke:#c4473d;stroke-width:2}
.key{margin-left:10px;white-space:nowrap}.swatch{display:inline-block;width:10px;height:10px;margin-right:4px}
code{font-size:12px}
"""


def build_report_html(con: duckdb.DuckDBPyConnection) -> str:
    """Given an lkip database, return a self-contained HTML report of it.

    The output depends only on the database's content (no clock, no network): the
    same database gives the same page.

    Args:
        con: An open connection to an lkip database (see ``schema/ddl.sql``).

    Returns:
        One HTML document with inline CSS and inline SVG charts.

    Raises:
        SchemaError: A table or view the report reads is missing.

    """
    data = _read(con)
    years = sorted({r["year"] for r in data.reports if r.get("year") is not None})
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else "no year")
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>lkip report</title><style>{_CSS}</style></head><body>"
        f"<header><h1>LKIP performance reports</h1><p>{len(data.reports)} report(s), {_e(span)} · "
        f"{len(data.flags)} flag(s) · {data.review_size} in the review queue</p>"
        '<nav><a href="#overview">Reports</a><a href="#flags">Flags</a>'
        '<a href="#charts">Capaian</a><a href="#review">Review queue</a></nav></header>'
        f"<main>{_overview(data)}{_flags_section(data)}{_charts_section(data)}{_review_section(data)}</main>"
        f"{_versions_footer(con)}</body></html>\n"
    )
