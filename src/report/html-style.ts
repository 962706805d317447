/**
 * The one stylesheet of the HTML reports: system fonts, a light and a dark palette, a grid that
 * folds to one column on a phone. Inline, so the page needs nothing from the network.
 */
export const HTML_STYLE = `
:root{--bg:#f4f5f7;--card:#fff;--ink:#1b2330;--muted:#5a6472;--line:#dde1e6;--bar:#3d6fb4;--pace:#2e8b57;
--met:#17803d;--met-bg:#e3f4e8;--missed:#b42318;--missed-bg:#fde8e6;--unknown:#5a6472;--unknown-bg:#eceef1;
--goal:#c26a00;--other:#9aa3ae;--strength:#7b5cc4;--deficit:#2e8b57;--surplus:#d9731a;--low:#b42318;
--z1:#9cc3e6;--z2:#5fa0d6;--z3:#f2b44b;--z4:#e97c2f;--z5:#c93a2b;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--bg:#12161c;--card:#1b212a;--ink:#e8ecf1;--muted:#a3adba;--line:#2e3744;
--bar:#6d9ee0;--pace:#4cb77a;--met:#5fd08a;--met-bg:#173524;--missed:#ff8a7a;--missed-bg:#3d1d1a;--unknown:#a3adba;
--unknown-bg:#262d37;--goal:#f0a640;--other:#6b7480;--strength:#a68be8;--deficit:#4cb77a;--surplus:#f09a4a;--low:#ff8a7a}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1040px;margin:0 auto;padding:24px 16px 48px}
header h1{font-size:1.6rem;margin:0 0 4px}
header p{margin:0;color:var(--muted)}
.score{font-size:1.1rem;margin:12px 0 0;color:var(--ink)}
.score strong{font-size:1.6rem}
.goals{list-style:none;padding:0;margin:20px 0;display:grid;gap:10px;grid-template-columns:repeat(auto-fit,minmax(180px,1fr))}
.badge{border-radius:12px;padding:12px 14px;background:var(--unknown-bg);border:1px solid var(--line)}
.badge .name{font-weight:600}
.badge .state{display:inline-block;margin-left:6px;padding:1px 8px;border-radius:999px;font-size:.8rem;font-weight:700;text-transform:uppercase;letter-spacing:.04em;color:var(--card);background:var(--unknown)}
.badge .detail{display:block;color:var(--muted);font-size:.9rem;margin-top:4px}
.badge.met{background:var(--met-bg)}.badge.met .state{background:var(--met)}
.badge.missed{background:var(--missed-bg)}.badge.missed .state{background:var(--missed)}
.stats{display:grid;gap:10px;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));margin:0 0 20px}
.stat{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:10px 14px}
.stat dt{color:var(--muted);font-size:.85rem}.stat dd{margin:0;font-size:1.25rem;font-weight:600;white-space:nowrap}
.charts{display:grid;gap:16px;grid-template-columns:repeat(auto-fit,minmax(min(100%,460px),1fr))}
figure{margin:0;background:var(--card);border:1px solid var(--line);border-radius:12px;padding:14px}
figcaption{font-weight:600;margin-bottom:6px}
figcaption span{display:block;font-weight:400;color:var(--muted);font-size:.85rem}
svg.chart{display:block;width:100%;height:auto}
svg text{font-family:inherit;fill:var(--ink);font-size:13px}
svg .tick{fill:var(--muted);font-size:12px}svg .small{font-size:11px}svg .warn{fill:var(--low);font-weight:600}
svg .value{font-size:12px;font-weight:600}svg .label{font-size:13px}svg .empty{fill:var(--muted);font-size:15px}
svg .grid{stroke:var(--line);stroke-width:1}svg .axis{stroke:var(--muted);stroke-width:1}
svg .bar{fill:var(--bar)}svg .on-pace{fill:var(--pace)}svg .not-cardio,svg .counts-none{fill:var(--other)}svg .counts-strength{fill:var(--strength)}
svg .goal-line{stroke:var(--goal);stroke-width:2;stroke-dasharray:6 4}svg .goal-label{fill:var(--goal);font-size:12px;font-weight:600}
svg .deficit{fill:var(--deficit)}svg .surplus{fill:var(--surplus)}svg .low-intake{fill:var(--low)}
svg .value,svg .goal-label,svg .no-log-label{paint-order:stroke;stroke:var(--card);stroke-width:3px;stroke-linejoin:round}
svg .no-log{fill:none;stroke:var(--line);stroke-width:1.5;stroke-dasharray:4 4}svg .no-log-label{fill:var(--muted);font-style:italic;font-size:12px}
svg .zone-1{fill:var(--z1)}svg .zone-2{fill:var(--z2)}svg .zone-3{fill:var(--z3)}svg .zone-4{fill:var(--z4)}svg .zone-5{fill:var(--z5)}
svg .line{fill:none;stroke:var(--bar);stroke-width:2.5}svg .dot{fill:var(--bar)}
section.table{margin-top:24px}
.scroll{overflow-x:auto;background:var(--card);border:1px solid var(--line);border-radius:12px}
table{border-collapse:collapse;width:100%;font-size:.95rem}
caption{text-align:left;font-weight:600;padding:12px 14px}
th,td{padding:8px 12px;border-top:1px solid var(--line);text-align:left;white-space:nowrap}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td.name{white-space:normal;min-width:10em;overflow-wrap:anywhere}
.note{color:var(--muted);font-size:.9rem;margin-top:16px}
@media (max-width:520px){main{padding:16px 10px 32px}header h1{font-size:1.3rem}th,td{padding:6px 8px}
figure{padding:10px 6px}svg text{font-size:16px}svg .tick,svg .value,svg .goal-label,svg .no-log-label{font-size:15px}svg .small{font-size:13px}}
`
