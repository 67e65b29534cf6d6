"""The HTML report's inline CSS and JavaScript (no network: everything ships inside the file).

The page reads at 1366x768 and on a 400-px phone: wide tables scroll in their own box,
cells do not wrap one character a line, long texts are clamped to three lines. The
script only filters; with JavaScript off every row is shown and the filters are hidden.
"""

CSS = """
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2329;margin:0;
background:#f6f7f9;overflow-wrap:anywhere}
header.top{background:#1f3a5f;color:#fff;padding:14px 24px}header.top h1{margin:0;font-size:21px}
header.top p{margin:4px 0 0;color:#c9d6e6}nav a{color:#fff;margin-right:14px;white-space:nowrap}
main{padding:8px 24px 40px;max-width:1400px}
h2{margin:26px 0 10px;font-size:19px;border-bottom:2px solid #d9dee5;padding-bottom:4px}
h3{font-size:15px;margin:20px 0 6px}
.scroll{overflow-x:auto;max-width:100%;margin:6px 0 14px;border:1px solid #dde2e8;background:#fff}
table{border-collapse:collapse;background:#fff;width:100%}
.scroll table{border:0}
th,td{border:1px solid #dde2e8;padding:4px 8px;vertical-align:top;text-align:left;white-space:nowrap;
overflow-wrap:normal}
th{background:#eef1f5;font-weight:600}td.n{text-align:right}
td.wrap{white-space:normal;min-width:14em;max-width:26em}
.clamp,.clamp3{display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;overflow:hidden;
white-space:normal}.clamp3{-webkit-line-clamp:3}
.one{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.muted{color:#6b7580;font-weight:normal;font-size:13px}
.badge{display:inline-block;padding:0 7px;border-radius:9px;font-size:12px;font-weight:600;color:#fff;
white-space:nowrap}
.status-ok.badge{background:#3a9d5d}.status-partial.badge{background:#d48a00}
.status-failed.badge{background:#c4473d}
.sev-error.badge{background:#c4473d}.sev-warning.badge{background:#d48a00}.sev-info.badge{background:#5f7f9b}
.rv-confirmed.badge{background:#7a2e8e}.rv-dismissed.badge{background:#8a949e}
.kind{color:#46505a;font-size:12px}
tr.status-failed td{background:#fdf1f0}.error{color:#a1322a;font-size:12px}
.cards{display:flex;flex-wrap:wrap;gap:8px;margin:10px 0 14px}
.card{background:#fff;border:1px solid #dde2e8;border-radius:6px;padding:6px 12px;min-width:84px}
.card .num{font-size:21px;font-weight:700}.card .what{color:#5b6570;font-size:12px}
.card-failed .num,.card-errors .num{color:#c4473d}.card-partial .num{color:#d48a00}
table.matrix td.cell{text-align:right;font-variant-numeric:tabular-nums}
table.matrix th.ind{white-space:normal;font-size:12px;font-weight:600}
.c-hi{background:#d5eedb}.c-mid{background:#fbeccb}.c-lo{background:#f7d4d0}.c-none{color:#98a1aa}
td.flagged{box-shadow:inset 0 0 0 2px #c4473d}
.legend span{display:inline-block;padding:0 6px;margin-right:6px;border:1px solid #dde2e8}
form.filters{display:flex;flex-wrap:wrap;gap:8px 14px;align-items:end;background:#fff;border:1px solid #dde2e8;
border-radius:6px;padding:8px 12px;margin:12px 0;position:sticky;top:0;z-index:2}
form.filters[hidden]{display:none}
form.filters label{display:flex;flex-direction:column;font-size:12px;color:#5b6570}
form.filters select,form.filters input{font:inherit;padding:2px 4px;max-width:100%}
.toggle{font-size:13px;margin:6px 0}
article.flag{background:#fff;border:1px solid #dde2e8;border-left:4px solid #5f7f9b;border-radius:4px;
padding:8px 12px;margin:8px 0}
article.sev-error{border-left-color:#c4473d}article.sev-warning{border-left-color:#d48a00}
article.flag .head{display:flex;flex-wrap:wrap;gap:4px 10px;align-items:baseline}
article.flag p{margin:6px 0}
.figs{font-size:13px;color:#46505a}
.sides{display:flex;flex-wrap:wrap;gap:10px}
figure.side{margin:4px 0;flex:1 1 420px;min-width:0;max-width:100%}
figure.side figcaption{font-size:12px;color:#5b6570;margin-bottom:2px}
figure.side img{display:block;max-width:100%;height:auto;border:1px solid #c5ccd4}
pre.quote{font:12px/1.4 ui-monospace,Menlo,Consolas,monospace;background:#f3f5f7;border:1px solid #dde2e8;
margin:0;padding:4px 6px;overflow-x:auto;white-space:pre}
pre.quote mark{background:#fde2a8}
.problem{font-size:13px;color:#a1322a;background:#fdf1f0;border:1px dashed #e3a49e;padding:6px 8px}
.evidence{font:12px/1.35 ui-monospace,Menlo,Consolas,monospace;color:#46505a;background:#f3f5f7;
border-left:3px solid #c5ccd4;padding:3px 6px;margin-top:4px;white-space:pre-wrap}
.review-note{font-size:13px;color:#5a2a66}
.dismissed{display:none}
body:has(#show-dismissed:checked) .dismissed{display:block}
.filtered-out{display:none!important}
figure.indicator{background:#fff;border:1px solid #dde2e8;border-radius:6px;margin:10px 0;padding:8px 12px}
figcaption{font-weight:600;margin-bottom:4px}figcaption code{font-weight:normal;color:#5b6570}
svg.chart{max-width:100%;height:auto}
svg.chart text{font:11px system-ui,sans-serif;fill:#1d2329}svg.chart text.label{text-anchor:end}
svg.chart text.tick{text-anchor:middle;fill:#6b7580}svg.chart line.grid{stroke:#e6e9ed}
svg.chart line.target{stroke:#1d2329;stroke-width:1.5;stroke-dasharray:4 2}
svg.chart g.flagged rect{stroke:#c4473d;stroke-width:2}
.key{margin-left:10px;white-space:nowrap}.swatch{display:inline-block;width:10px;height:10px;margin-right:4px}
code{font-size:12px}
@media (max-width:700px){header.top,main{padding-left:10px;padding-right:10px}h2{font-size:17px}
figure.side{flex-basis:100%}form.filters{position:static}}
"""

#: Filters by province, year, flag kind and text. Elements opt in with data-province,
#: data-year, data-kinds (space-separated flag kinds) and data-search (lower-case text).
JS = """
(function(){
var form=document.getElementById('filters');if(!form)return;form.hidden=false;
var items=[].slice.call(document.querySelectorAll('[data-filter]'));
var groups=[].slice.call(document.querySelectorAll('[data-group]'));
var count=document.getElementById('filter-count');
function val(n){return form.elements[n].value;}
function apply(){
 var p=val('province'),y=val('year'),k=val('kind'),q=val('q').trim().toLowerCase();
 var flags=0;
 items.forEach(function(el){
  var d=el.dataset,ok=(!p||d.province===p)&&(!y||d.year===y)
   &&(!k||(' '+(d.kinds||'')+' ').indexOf(' '+k+' ')>=0)
   &&(!q||(d.search||el.textContent.toLowerCase()).indexOf(q)>=0);
  el.classList.toggle('filtered-out',!ok);
  if(ok&&d.filter==='flag'&&el.getClientRects().length){flags++;}
 });
 groups.forEach(function(g){
  g.classList.toggle('filtered-out',!g.querySelector('[data-filter]:not(.filtered-out)'));
 });
 if(count)count.textContent=flags+' flag(s) shown';
}
form.addEventListener('input',apply);form.addEventListener('change',apply);
var sd=document.getElementById('show-dismissed');if(sd)sd.addEventListener('change',apply);
form.addEventListener('submit',function(e){e.preventDefault();});
apply();
})();
"""
