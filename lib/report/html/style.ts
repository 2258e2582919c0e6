/** The report's stylesheet, inlined (the page loads nothing from anywhere). Print-friendly, light only. */
export const CSS = `
:root { --holds: #1b7a3d; --fails: #b3261e; --unchecked: #8a8a8a; --undecided: #a66b00; --paper: #f3f1ea; --differs: #ffe08a; --line: #d8d8d8; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d1d1f; margin: 0; background: #fff; }
header, main, nav.toc { max-width: 1180px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 18px; }
h1 { font-size: 1.7em; margin: .2em 0; }
h2 { font-size: 1.45em; border-bottom: 2px solid #222; padding-bottom: 4px; margin-top: 2.2em; }
h3 { font-size: 1.12em; margin: 1.6em 0 .5em; }
h4 { font-size: 1em; margin: 1em 0 .3em; }
a { color: #0b57d0; }
p.lede { color: #444; max-width: 62em; }
nav.toc { margin: 10px auto 0; }
nav.toc h2 { margin-top: 1em; font-size: 1.2em; }
nav.toc ol { margin: 4px 0; padding-left: 1.4em; columns: 2; }
nav.toc li { margin: 2px 0; }
nav.toc .parts { font-size: 13px; color: #555; }
h2 a.top { font-size: 13px; font-weight: 400; margin-left: 10px; }
p.back { text-align: right; font-size: 13px; }
details.claims > summary { cursor: pointer; font-weight: 600; margin: 6px 0; }
.scroll { overflow: auto; max-height: 560px; border: 1px solid var(--line); margin: 8px 0; }
.scroll.tall { max-height: none; }
h3 small.id { font-weight: 400; color: #777; font-size: .8em; margin-left: 6px; }
table { border-collapse: collapse; font-size: 13px; min-width: 40%; }
caption { caption-side: top; text-align: left; font-weight: 600; padding: 6px 8px; }
caption .files { font-weight: 400; font-size: 12px; margin-left: 8px; }
th, td { border-bottom: 1px solid var(--line); padding: 3px 8px; text-align: left; vertical-align: top; }
thead th { position: sticky; top: 0; background: #fafafa; border-bottom: 2px solid #999; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.paper, th.paper { background: var(--paper); color: #555; }
th.ours { border-left: 2px solid #999; }
td.ours { border-left: 2px solid #ccc; }
td.differs { background: var(--differs); font-weight: 600; }
tr.holds .verdict { color: var(--holds); font-weight: 600; }
tr.fails .verdict { color: var(--fails); font-weight: 600; }
tr.unchecked .verdict, tr.unchecked { color: var(--unchecked); }
tr.undecided .verdict { color: var(--undecided); font-weight: 600; }
.verdict { white-space: nowrap; }
svg.bar rect.holds { fill: var(--holds); } svg.bar rect.fails { fill: var(--fails); } svg.bar rect.unchecked { fill: var(--unchecked); } svg.bar rect.undecided { fill: var(--undecided); }
svg.bar { vertical-align: middle; outline: 1px solid #bbb; }
.figures { display: flex; flex-wrap: wrap; gap: 14px; }
figure.figure { margin: 0; border: 1px solid var(--line); padding: 6px; background: #fff; max-width: 100%; }
figure.figure svg { display: block; max-width: 100%; height: auto; }
figcaption { font-size: 12px; color: #555; margin-top: 4px; }
dl.runinfo { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 8px 0; }
dl.runinfo dt { font-weight: 600; } dl.runinfo dd { margin: 0; }
p.note, p.diffnote { font-size: 13px; color: #444; max-width: 70em; white-space: pre-line; }
p.skipped, p.problem { color: var(--fails); }
.empty { color: var(--unchecked); font-style: italic; }
section.artefact { border-top: 1px solid var(--line); margin-top: 1.4em; }
ul.differences li { margin: 3px 0; }
details.notes { margin: 8px 0; font-size: 13px; }
.legend span { display: inline-block; padding: 0 6px; margin-right: 6px; }
.legend .paper { background: var(--paper); } .legend .differs { background: var(--differs); font-weight: 600; }
footer { max-width: 1180px; margin: 3em auto 2em; padding: 0 20px; color: #666; font-size: 13px; }
`;
