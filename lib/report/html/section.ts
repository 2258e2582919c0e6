/**
 * One paper's section, read top-down: a summary (what was run: profile,
 * seeds, run count, claim counts, datasets and the stand-in encoders), then
 * the figures (inline SVG), then the tables (ours beside the paper), the
 * artefacts not built here, where ours differs from the paper, and last the
 * claims, folded (<details>: a hundred rows must not bury the figures).
 * Each artefact's anchor sits on its first appearance (its figures, else its
 * tables, else its "not built" line), so the claims' links land on it.
 */
import { claimCounts, claimsBar, claimsTable, countsText } from './claims';
import { esc, href, slug } from './escape';
import type { ArtefactData, FigureData, PaperData, TableData } from './read';
import { inlineSvg } from './svg';
import { tableHtml } from './table';

export const paperAnchor = (p: string) => slug('paper', p);
const artefactAnchor = (p: string, a: string) => slug(p, a);

function figureHtml(paper: string, f: FigureData): string {
  return [
    `<figure class="figure" data-file="${esc(f.file)}">`,
    inlineSvg(f.svg, slug(paper, f.name)),
    `<figcaption>${esc(f.name)} · <a href="${href(f.file)}">svg</a></figcaption>`,
    '</figure>',
  ].join('\n');
}

function tablesHtml(paper: string, tables: TableData[]): string {
  return tables.map((t) => tableHtml(t, slug(paper, 'table', t.name)).html).join('\n');
}

const heading = (a: ArtefactData, tag: 'h3' | 'h4') =>
  a.title ? `<${tag}>${esc(a.title)} <small class="id">${esc(a.id)}</small></${tag}>` : `<${tag}>${esc(a.id)}</${tag}>`;

/** The figures, tables and not-built notes of a paper's artefacts, each artefact's anchor on its first appearance. */
function artefactParts(p: PaperData): { figures: string[]; tables: string[]; notBuilt: string[]; differences: string[] } {
  const out = { figures: [] as string[], tables: [] as string[], notBuilt: [] as string[], differences: [] as string[] };
  for (const a of p.artefacts) {
    const id = artefactAnchor(p.id, a.id);
    const first = a.figures.length ? 'figures' : a.tables.length ? 'tables' : 'notBuilt';
    const open = (where: string) => `<section class="artefact"${where === first ? ` id="${id}"` : ''}>`;
    if (a.figures.length)
      out.figures.push(
        open('figures'),
        heading(a, 'h4'),
        `<div class="figures">\n${a.figures.map((f) => figureHtml(p.id, f)).join('\n')}\n</div>`,
        '</section>',
      );
    if (a.tables.length) out.tables.push(open('tables'), heading(a, 'h4'), tablesHtml(p.id, a.tables), '</section>');
    if (first === 'notBuilt') {
      const why = a.skipped
        ? `<p class="skipped">Skipped (data not available): ${esc(a.skipped)}</p>`
        : '<p class="empty">No figure or table files for this artefact (its numbers are in results.json).</p>';
      out.notBuilt.push(open('notBuilt'), heading(a, 'h4'), why, '</section>');
    } else if (a.skipped) out.notBuilt.push(`<p class="skipped">${esc(a.id)}: skipped (data not available): ${esc(a.skipped)}</p>`);
    if (a.differences.length)
      out.differences.push(
        `<h4><a href="#${id}">${esc(a.title || a.id)}</a></h4>`,
        `<ul class="differences">${a.differences.map((d) => `<li>${esc(d)}</li>`).join('')}</ul>`,
      );
  }
  return out;
}

function runInfo(p: PaperData): string {
  const links = [
    p.notebook ? `<a href="${href(p.notebook)}">notebook</a>` : 'no notebook yet',
    p.doc ? `<a href="${href(p.doc)}">documentation</a>` : '',
    `<a href="${href(`${p.id}/results.json`)}">results.json</a>`,
    `<a href="${href(`${p.id}/claims.md`)}">claims.md</a>`,
  ].filter(Boolean);
  const seeds = p.seeds.length ? p.seeds.join(', ') : '—';
  return `<dl class="runinfo"><dt>profile</dt><dd>${esc(p.profile ?? '—')}</dd><dt>runs</dt><dd>${p.runs}</dd><dt>seeds</dt><dd>${esc(seeds)}</dd><dt>files</dt><dd>${links.join(' · ')}</dd></dl>`;
}

function datasetsHtml(p: PaperData): string {
  const out: string[] = ['<h3>Datasets and the encoders that stand in for the paper’s</h3>'];
  if (!p.datasets.length && !p.unavailable.length) return out.concat('<p class="empty">No dataset notes in results.json.</p>').join('\n');
  const rows = p.datasets.flatMap((d) =>
    d.encoders.length
      ? d.encoders.map(
          (e, i) =>
            `<tr>${i === 0 ? `<th scope="row" rowspan="${d.encoders.length}">${esc(d.name)}</th>` : ''}<td>${esc(e.view)}</td><td><code>${esc(e.extractor)}</code></td><td>${esc(e.standsInFor)}</td></tr>`,
        )
      : [`<tr><th scope="row">${esc(d.name)}</th><td colspan="3">generated features (no encoder)</td></tr>`],
  );
  const absent = p.unavailable.map(
    ([d, why]) => `<tr class="unchecked"><th scope="row">${esc(d)}</th><td colspan="3">not available here: ${esc(why)}</td></tr>`,
  );
  out.push(
    `<div class="scroll"><table class="encoders" data-rows="${rows.length + absent.length}"><thead><tr><th scope="col">dataset</th><th scope="col">view</th><th scope="col">extractor</th><th scope="col">stands in for</th></tr></thead><tbody>\n${[...rows, ...absent].join('\n')}\n</tbody></table></div>`,
  );
  const notes = p.datasets.filter((d) => d.notes.length);
  if (notes.length) {
    out.push('<details class="notes"><summary>Dataset notes (labels, image coverage, splits)</summary>');
    for (const d of notes) out.push(`<h4>${esc(d.name)}</h4><ul>${d.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`);
    out.push('</details>');
  }
  return out.join('\n');
}

/** Anchors of a paper's parts, for the table of contents. */
export const paperParts = (paper: string) => ({
  figures: slug(paper, 'part', 'figures'),
  tables: slug(paper, 'part', 'tables'),
  claims: slug(paper, 'part', 'claims'),
});

export function paperSection(p: PaperData): string {
  const c = claimCounts(p);
  const ids = paperParts(p.id);
  const a = artefactParts(p);
  if (p.other.figures.length)
    a.figures.push(
      `<section class="artefact" id="${artefactAnchor(p.id, 'other-files')}"><h4>Other files</h4>`,
      `<div class="figures">\n${p.other.figures.map((f) => figureHtml(p.id, f)).join('\n')}\n</div>`,
      '</section>',
    );
  if (p.other.tables.length)
    a.tables.push(
      `<section class="artefact"${p.other.figures.length ? '' : ` id="${artefactAnchor(p.id, 'other-files')}"`}><h4>Other files</h4>`,
      tablesHtml(p.id, p.other.tables),
      '</section>',
    );
  const total = (v: typeof c.paper) => v.holds + v['does not hold'] + v.undecided + v['not checked'];
  const claims = total(c.paper) + total(c.workbench);
  const parts = [
    `<section class="paper" id="${paperAnchor(p.id)}">`,
    `<h2>${esc(p.id)} <a class="top" href="#top" title="back to the top">↑ top</a></h2>`,
    p.problem ? `<p class="problem">${esc(p.problem)}</p>` : '',
    runInfo(p),
    `<p class="counts">${claimsBar(c.paper)} the paper’s claims: ${countsText(c.paper)}; the workbench’s own: ${countsText(c.workbench)}${c.skipped ? `; ${c.skipped} artefacts skipped (data not available)` : ''}. <a href="#${ids.claims}">claims ↓</a></p>`,
    datasetsHtml(p),
    `<h3 id="${ids.figures}">Figures</h3>`,
    a.figures.length ? a.figures.join('\n') : '<p class="empty">No figures.</p>',
    `<h3 id="${ids.tables}">Tables</h3>`,
    a.tables.length ? a.tables.join('\n') : '<p class="empty">No tables.</p>',
    a.notBuilt.length ? ['<h3>Not built here</h3>', ...a.notBuilt].join('\n') : '',
    a.differences.length ? ['<h3>Where ours differs from the paper, and why</h3>', ...a.differences].join('\n') : '',
    `<h3 id="${ids.claims}">Claims</h3>`,
    `<details class="claims"${claims <= 12 ? ' open' : ''}><summary>${claims} claims — the paper’s: ${countsText(c.paper)}; the workbench’s own: ${countsText(c.workbench)} (decided ones first)</summary>`,
    claimsTable(p, (x) => artefactAnchor(p.id, x)),
    '</details>',
    '<p class="back"><a href="#top">↑ back to the top</a></p>',
    '</section>',
  ];
  return parts.filter(Boolean).join('\n');
}
