"""Build one static HTML report from an lkip DuckDB database.

The page needs no network: CSS and the filter script are inline, charts are inline SVG.
It shows an overview (cards, and capaian by office and indicator as coloured cells), the
reports ingested with their kind and status, every flag with its FLAG_ID, review and the
evidence of both sides (page crops of PDFs, quoted lines of text files), a chart per
indicator and the review queue. Crops go to a folder beside the HTML (or inline).
"""

from __future__ import annotations

import base64
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lkip import evidence as ev
from lkip._report_assets import CSS, JS
from lkip._report_charts import capaian_of, charts_section, esc, fmt, office, where
from lkip.errors import SchemaError
from lkip.schema import report_queries as q

_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
_REVIEW_SHOWN = 200

#: Stores one crop and returns the ``src`` to show it by (a file beside the HTML, or inline).
CropSink = Callable[[str, bytes], str]

if TYPE_CHECKING:
    import duckdb

#: How the report names each ``report_kinds.doc_kind``.
_DOC_KINDS = {"pk_document": "PK document", "lkip": "LKIP", "lkip_with_attached_pk": "LKIP + attached PKs"}


def inline_crop(_key: str, png: bytes) -> str:
    """Return a crop as a data: URL (the report stays one file; fine for a few reports)."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def folder_crop_sink(folder: Path, href: str) -> CropSink:
    """Return a sink writing each crop once to ``folder`` and linking it as ``href/<key>.png``."""

    def save(key: str, png: bytes) -> str:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{key}.png"
        if not path.exists():
            path.write_bytes(png)
        return f"{href}/{key}.png"

    return save


@dataclass(frozen=True, slots=True)
class _Data:
    reports: list[dict[str, Any]]
    flags: list[dict[str, Any]]
    results: list[dict[str, Any]]
    review: list[dict[str, Any]]
    review_size: int
    names: dict[str, str]
    stale: list[dict[str, Any]]


def _read(con: duckdb.DuckDBPyConnection) -> _Data:
    missing = [name for name in q.REPORT_RELATIONS if name not in q.relations(con)]
    if missing:
        raise SchemaError(
            f"the database lacks {', '.join(missing)}; is it an lkip database? Run `lkip ingest` to "
            "create it (an older lkip's database is upgraded when lkip next writes to it)."
        )
    review, size = q.review_queue_rows(con, _REVIEW_SHOWN)
    return _Data(q.report_rows(con), q.flag_rows(con), q.result_rows(con), review, size,
                 q.indicator_names(con), q.stale_reviews(con))


def _file_cell(path: str | None) -> str:
    """Return a file's name with its full path as a tooltip."""
    if not path:
        return ""
    return f'<span class="file" title="{esc(path)}">{esc(Path(path).name)}</span>'


def _badge(prefix: str, word: str | None) -> str:
    return f'<span class="badge {prefix}-{esc(word)}">{esc(word)}</span>' if word else ""


def _filter_attrs(kind: str, row: dict[str, Any], kinds: str = "", search: str = "") -> str:
    """Return the data-* attributes the filter script reads."""
    return (
        f' data-filter="{kind}" data-province="{esc(row.get("province") or "")}" '
        f'data-year="{esc(row.get("year") or "")}" data-kinds="{esc(kinds)}" data-search="{esc(search.lower())}"'
    )


def _scroll(table: str) -> str:
    return f'<div class="scroll">{table}</div>'


# ---------------------------------------------------------------- overview


def _cards(data: _Data) -> str:
    status = Counter(r["status"] for r in data.reports)
    open_flags = [f for f in data.flags if f["review_status"] != "dismissed"]
    severity = Counter(f["severity"] for f in open_flags)
    cards = [
        ("reports", len(data.reports)), ("ok", status.get("ok", 0)), ("partial", status.get("partial", 0)),
        ("failed", status.get("failed", 0)), ("flags", len(open_flags)), ("errors", severity.get("error", 0)),
        ("warnings", severity.get("warning", 0)), ("review queue", data.review_size),
    ]
    return '<div class="cards">' + "".join(
        f'<div class="card card-{esc(k.replace(" ", "-"))}"><div class="num">{v}</div>'
        f'<div class="what">{esc(k)}</div></div>'
        for k, v in cards
    ) + "</div>"


def _cell_class(value: float | None) -> str:
    if value is None:
        return "c-none"
    return "c-hi" if value >= 100 else ("c-mid" if value >= 80 else "c-lo")


def _header_width(code: str, lines: int = 3) -> int:
    """Return the width (in ch) at which a code, broken after its underscores, takes at most ``lines`` lines."""
    pieces = [p + "_" for p in code.split("_")]
    pieces[-1] = pieces[-1][:-1]
    for width in range(max(len(p) for p in pieces), len(code) + 1):
        used, count = 0, 1
        for piece in pieces:
            if used and used + len(piece) > width:
                count, used = count + 1, 0
            used += len(piece)
        if count <= lines:
            return width + 2
    return len(code) + 2


def _matrix(data: _Data, kinds_by_report: dict[str, str]) -> str:
    """Return capaian by office-year (grouped by province) and indicator, as coloured cells."""
    if not data.results:
        return '<p class="muted">No coded indicator results yet.</p>'
    codes = sorted({r["indicator_code"] for r in data.results})
    by_report: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for r in data.results:
        by_report[r["report_id"]][r["indicator_code"]] = r
    order = sorted(by_report, key=lambda rid: (
        by_report[rid][next(iter(by_report[rid]))].get("province") or "~",
        office(next(iter(by_report[rid].values()))), next(iter(by_report[rid].values())).get("year") or 0))
    head = "<tr><th>Province</th><th>Office</th><th>Year</th>" + "".join(
        f'<th class="ind" title="{esc(data.names.get(c, c))}" style="min-width:{_header_width(c)}ch">'
        f'{esc(c).replace("_", "_<wbr>")}</th>' for c in codes
    ) + "</tr>"
    body = []
    for rid in order:
        cells = by_report[rid]
        first = next(iter(cells.values()))
        tds = []
        for code in codes:
            row = cells.get(code)
            value = capaian_of(row) if row else None
            flagged = bool(row and row.get("flagged"))
            title = (f"{office(first)} {first.get('year') or ''}: {data.names.get(code, code)}: target "
                     f"{fmt(row.get('target_value'), 3)}, realisasi {fmt(row.get('realisasi_value'), 3)}"
                     + (" (flagged)" if flagged else "")) if row else ""
            text = f"{fmt(value, 1)}%" if value is not None else ("–" if row else "")
            mark = " ⚑" if flagged else ""
            tds.append(f'<td class="cell {_cell_class(value)}{" flagged" if flagged else ""}" '
                       f'title="{esc(title)}">{esc(text)}{mark}</td>')
        attrs = _filter_attrs("result", first, kinds_by_report.get(rid, ""), f"{office(first)} {first.get('province')}")
        body.append(f"<tr{attrs}><td>{esc(first.get('province') or '—')}</td>"
                    f'<td><a href="#flags-{esc(rid)}">{esc(office(first))}</a></td>'
                    f"<td>{esc(first.get('year'))}</td>{''.join(tds)}</tr>")
    legend = ('<p class="legend muted">Capaian (realisasi / target × 100): <span class="c-hi">≥ 100%</span>'
              '<span class="c-mid">80–100%</span><span class="c-lo">&lt; 80%</span>'
              '<span class="flagged">⚑ flagged</span> Hover a cell for its figures.</p>')
    return legend + _scroll(f'<table class="matrix"><thead>{head}</thead><tbody>{"".join(body)}</tbody></table>')


def _reports_table(data: _Data, kinds_by_report: dict[str, str]) -> str:
    if not data.reports:
        return '<p class="muted">No reports ingested yet.</p>'
    head = ("<tr><th>Office</th><th>Kind</th><th>Level</th><th>Province</th><th>Year</th><th>Status</th>"
            "<th>PK rows</th><th>Capaian rows</th><th>Flags</th><th>Pagu (Rp)</th><th>Realisasi (Rp)</th>"
            "<th>%</th><th>File</th></tr>")
    body = []
    for r in data.reports:
        flags = f'<a href="#flags-{esc(r["report_id"])}">{r["flag_count"]}</a>' if r["flag_count"] else "0"
        said = (r.get("error") or "").removeprefix(f"{r['source_path']}: ")  # the File column names it
        error = (f'<div class="error clamp{"" if r["satker"] else "3"}" title="{esc(r["error"])}">'
                 f'{esc(said)}</div>') if said else ""
        name = (f'<div class="one" title="{esc(r["satker"])}">{esc(r["satker"])}</div>' if r["satker"]
                else ("" if error else "—"))
        place = r["regency"] or ""
        kind = _DOC_KINDS.get(r["doc_kind"] or "", "—")
        attrs = _filter_attrs("report", r, kinds_by_report.get(r["report_id"], ""),
                              f"{r['satker']} {r['province']} {r['source_path']}")
        body.append(
            f'<tr class="report status-{esc(r["status"])}"{attrs}><td class="wrap">'
            f"{name}{error}</td>"
            f'<td>{esc(kind)}</td><td>{esc(r["level"])}{(" · " + esc(place)) if place else ""}</td>'
            f"<td>{esc(r['province'])}</td><td>{esc(r['year'])}</td><td>{_badge('status', r['status'])}</td>"
            f'<td class="n">{r["pk_rows"]}</td><td class="n">{r["capaian_rows"]}</td><td class="n">{flags}</td>'
            f'<td class="n">{esc(fmt(r["pagu"], 0))}</td><td class="n">{esc(fmt(r["budget_realisasi"], 0))}</td>'
            f'<td class="n">{esc(fmt(r["budget_pct"]))}</td><td>{_file_cell(r["source_path"])}</td></tr>'
        )
    return _scroll(f'<table class="reports"><thead>{head}</thead><tbody>{"".join(body)}</tbody></table>')


def _filters(data: _Data) -> str:
    def options(values: Sequence[Any]) -> str:
        return '<option value="">all</option>' + "".join(f'<option value="{esc(v)}">{esc(v)}</option>' for v in values)

    provinces = sorted({r["province"] for r in data.reports if r.get("province")})
    years = sorted({r["year"] for r in data.reports if r.get("year")})
    kinds = sorted({f["kind"] for f in data.flags})
    return (
        '<form id="filters" class="filters" hidden role="search">'
        f'<label>Province<select name="province">{options(provinces)}</select></label>'
        f'<label>Year<select name="year">{options(years)}</select></label>'
        f'<label>Flag kind<select name="kind">{options(kinds)}</select></label>'
        '<label>Search<input name="q" type="search" placeholder="office, indicator, text"></label>'
        '<span id="filter-count" class="muted" aria-live="polite"></span></form>'
    )


# ---------------------------------------------------------------- flags and evidence


class _Evidence:
    """Makes each flag's sides visible, reading each report's file and rows once."""

    def __init__(self, con: duckdb.DuckDBPyConnection, sink: CropSink) -> None:
        self.con, self.sink = con, sink
        self._rows: dict[str, list[dict[str, Any]]] = {}
        self._files: dict[str, ev.SourceFile] = {}

    def _source(self, report_id: str) -> ev.SourceFile:
        if report_id not in self._files:
            f = q.report_file(self.con, report_id) or {}
            self._files[report_id] = ev.locate_source(f.get("paths") or [f.get("source_path") or ""],
                                                      f.get("file_sha256") or "", f.get("file_type") or "")
        return self._files[report_id]

    def html(self, flag: dict[str, Any]) -> str:
        rid = flag["report_id"]
        if rid not in self._rows:
            self._rows[rid] = q.located_rows(self.con, rid)
        sides = ev.flag_sides(flag, self._rows[rid])
        if not sides:
            return ""
        source = self._source(rid)
        return '<div class="sides">' + "".join(self._side(ev.show_side(source, s), flag) for s in sides) + "</div>"

    def _side(self, shown: ev.Shown, flag: dict[str, Any]) -> str:
        side = shown.side
        caption = f"<figcaption>{esc(side.label)} · {esc(where(side.page, side.line))}</figcaption>"
        if shown.png:
            src = self.sink(f"{flag['file_sha256'][:12]}-{side.key()}", shown.png)
            alt = f"{side.label}, {where(side.page, side.line)} of {Path(flag['source_path'] or '').name}"
            return (f'<figure class="side">{caption}<a href="{esc(src)}" title="open the crop at full size">'
                    f'<img src="{esc(src)}" alt="{esc(alt)}" decoding="async"></a></figure>')
        if shown.lines:
            text = "\n".join(
                (f"<mark>{n:>5}  {esc(t)}</mark>" if hit else f"{n:>5}  {esc(t)}") for n, t, hit in shown.lines
            )
            return f'<figure class="side">{caption}<pre class="quote">{text}</pre></figure>'
        return f'<figure class="side">{caption}<div class="problem">{esc(shown.problem)}</div></figure>'


def _review_html(f: dict[str, Any]) -> str:
    if not f.get("review_status"):
        return ""
    how = " (reviewed in an earlier version of the file)" if f.get("review_match") == "reattached" else ""
    note = f': {esc(f["review_note"])}' if f.get("review_note") else ""
    return f'<div class="review-note">{_badge("rv", f["review_status"])}{esc(how)}{note}</div>'


def _flag_article(f: dict[str, Any], evidence: _Evidence) -> str:
    dismissed = " dismissed" if f.get("review_status") == "dismissed" else ""
    located = "pdf" if f.get("file_type") == "pdf" and f.get("page") is not None else (
        "text" if f.get("line") is not None else "none")
    search = " ".join(str(f[k] or "") for k in ("kind", "indicator_code", "message", "evidence", "satker",
                                                   "flag_id", "source_path"))
    return (
        f'<article class="flag sev-{esc(f["severity"])}{dismissed}" id="flag-{esc(f["flag_id"])}" '
        f'data-evidence="{located}"'
        f"{_filter_attrs('flag', f, f['kind'], search)}>"
        f'<div class="head">{_badge("sev", f["severity"])} <code title="FLAG_ID for lkip flags review">'
        f'{esc(f["flag_id"])}</code> <span class="kind">{esc(f["kind"])}</span>'
        f"<code>{esc(f['indicator_code'] or '')}</code>"
        f'<span class="figs">expected <b>{esc(f["expected"])}</b>, found <b>{esc(f["found"])}</b></span>'
        f'<span class="muted">{esc(where(f["page"], f["line"]))}</span></div>'
        f"{_review_html(f)}<p>{esc(f['message'])}</p>{evidence.html(f)}"
        f"<details><summary class=\"muted\">evidence text</summary>{_evidence_text(f['evidence'])}</details>"
        "</article>"
    )


def _evidence_text(text: str | None) -> str:
    sides = [s.strip() for s in str(text or "").split(" | ") if s.strip()]
    return "".join(f'<div class="evidence">{esc(s)}</div>' for s in sides)


def _flags_section(data: _Data, evidence: _Evidence) -> str:
    out = ['<section id="flags"><h2>Flags</h2>']
    if not data.flags:
        return out[0] + '<p class="muted">No flags.</p></section>'
    kinds = Counter((f["kind"], f["severity"]) for f in data.flags if f["review_status"] != "dismissed")
    summary = "".join(
        f"<tr><td>{esc(k)}</td><td>{_badge('sev', s)}</td><td class='n'>{n}</td></tr>"
        for (k, s), n in sorted(kinds.items(), key=lambda kv: (kv[0][0], _SEVERITY_ORDER.get(kv[0][1], 9)))
    )
    dismissed = sum(f["review_status"] == "dismissed" for f in data.flags)
    out.append(_scroll('<table class="kinds"><thead><tr><th>Kind</th><th>Severity</th><th>Open</th></tr></thead>'
                       f"<tbody>{summary}</tbody></table>"))
    out.append(f'<p class="toggle"><label><input type="checkbox" id="show-dismissed"> show the {dismissed} '
               "dismissed flag(s)</label></p>")
    by_report: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in data.flags:
        by_report[f["report_id"]].append(f)
    for report_id, flags in by_report.items():
        first = flags[0]
        title = f"{office(first)} · {first.get('year') or 'year ?'}"
        out.append(
            f'<div class="report-flags" data-group><h3 id="flags-{esc(report_id)}">{esc(title)} '
            f'<span class="muted">{_file_cell(first.get("source_path"))} · {len(flags)} flag(s)</span></h3>'
            + "".join(_flag_article(f, evidence) for f in flags) + "</div>"
        )
    out.append("</section>")
    return "".join(out)


def _review_section(data: _Data) -> str:
    out = [
        f'<section id="review"><h2>Review queue <span class="muted">({data.review_size} '
        "indicator text(s) not matched to the catalogue)</span></h2>"
    ]
    if not data.review:
        out.append('<p class="muted">The review queue is empty.</p></section>')
        return "".join(out)
    rows = "".join(
        f'<tr><td class="wrap"><div class="clamp3">{esc(r["indicator_text"])}</div></td>'
        f"<td><code>{esc(r['best_code'])}</code></td>"
        f'<td class="n">{esc(fmt(r["best_score"], 1))}</td><td class="n">{r["times"]}</td>'
        f'<td class="wrap"><div class="clamp3">{esc(r["offices"])}</div></td></tr>'
        for r in data.review
    )
    more = (f'<p class="muted">Showing the {_REVIEW_SHOWN} most frequent texts.</p>'
            if len(data.review) >= _REVIEW_SHOWN else "")
    table = ('<table class="review"><thead><tr><th>Indicator text</th><th>Best code</th><th>Score</th>'
             f"<th>Times</th><th>Offices</th></tr></thead><tbody>{rows}</tbody></table>")
    out.append(f"{_scroll(table)}{more}</section>")
    return "".join(out)


def _stale_section(data: _Data) -> str:
    if not data.stale:
        return ""
    rows = "".join(
        f"<tr><td><code>{esc(r['flag_id'])}</code></td><td>{esc(r['kind'])}</td>"
        f"<td><code>{esc(r['indicator_code'] or '')}</code></td><td>{_badge('rv', r['status'])}</td>"
        f'<td class="wrap"><div class="clamp3">{esc(r["note"])}</div></td><td>{_file_cell(r["source_path"])}</td></tr>'
        for r in data.stale
    )
    table = ("<table><thead><tr><th>FLAG_ID</th><th>Kind</th><th>Indicator</th><th>Review</th><th>Note</th>"
             f"<th>File</th></tr></thead><tbody>{rows}</tbody></table>")
    return ('<section id="stale"><h2>Stale reviews <span class="muted">(the file changed and the flag is '
            f"gone)</span></h2>{_scroll(table)}</section>")


def build_report_html(con: duckdb.DuckDBPyConnection, crops: CropSink = inline_crop) -> str:
    """Given an lkip database, return an HTML report of it.

    The output depends only on the database and the source files it points at (no clock,
    no network): the same inputs give the same page.

    Args:
        con: An open connection to an lkip database (see ``schema/ddl.sql``).
        crops: Where evidence crops go; by default inline (data: URLs).

    Returns:
        One HTML document with inline CSS, script and SVG charts.

    Raises:
        SchemaError: A table or view the report reads is missing.
    """
    data = _read(con)
    kinds_by_report: dict[str, set[str]] = defaultdict(set)
    for f in data.flags:
        if f["review_status"] != "dismissed":
            kinds_by_report[f["report_id"]].add(f["kind"])
    kinds = {rid: " ".join(sorted(k)) for rid, k in kinds_by_report.items()}
    years = sorted({r["year"] for r in data.reports if r.get("year") is not None})
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else "no year")
    open_flags = sum(f["review_status"] != "dismissed" for f in data.flags)
    overview = (f'<section id="overview"><h2>Overview</h2>{_cards(data)}{_matrix(data, kinds)}</section>'
                f'<section id="reports"><h2>Reports</h2>{_reports_table(data, kinds)}</section>')
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>lkip report</title><style>{CSS}</style></head><body>"
        f'<header class="top"><h1>LKIP performance reports</h1><p>{len(data.reports)} report(s), {esc(span)} · '
        f"{open_flags} open flag(s) · {data.review_size} in the review queue</p>"
        '<nav><a href="#overview">Overview</a><a href="#reports">Reports</a><a href="#flags">Flags</a>'
        '<a href="#charts">Capaian</a><a href="#review">Review queue</a></nav></header>'
        f"<main>{_filters(data)}{overview}{_flags_section(data, _Evidence(con, crops))}"
        f"{charts_section(data.results, data.names)}{_review_section(data)}{_stale_section(data)}</main>"
        f"{_versions_footer(con)}<script>{JS}</script></body></html>\n"
    )


def _versions_footer(con: duckdb.DuckDBPyConnection) -> str:
    """Return the footer naming the database's schema version and the parser versions of its reports."""
    schema, parsers = q.versions(con)
    return (f'<footer>Schema version {esc(schema or "unknown")} · '
            f"parser version {esc(', '.join(parsers) or 'none')}</footer>")
