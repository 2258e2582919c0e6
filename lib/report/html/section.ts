/**
 * One paper's section: what was run (profile, seeds, run count, datasets and
 * the stand-in encoders for each), the claims, then every artefact with its
 * figures (inline SVG), tables (ours beside the paper) and differences.
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

function artefactHtml(p: PaperData, a: ArtefactData): string {
  const parts = [`<section class="artefact" id="${artefactAnchor(p.id, a.id)}">`, a.title ? `<h3>${esc(a.title)} <small class="id">${esc(a.id)}</small></h3>` : `<h3>${esc(a.id)}</h3>`];
  if (a.skipped) parts.push(`<p class="skipped">Skipped (data not available): ${esc(a.skipped)}</p>`);
  if (a.figures.length) parts.push(`<div class="figures">\n${a.figures.map((f) => figureHtml(p.id, f)).join('\n')}\n</div>`);
  if (a.tables.length) parts.push(tablesHtml(p.id, a.tables));
  if (!a.skipped && !a.figures.length && !a.tables.length) parts.push('<p class="empty">No figure or table files for this artefact (its numbers are in results.json).</p>');
  if (a.differences.length) parts.push('<h4>Where ours differs from the paper, and why</h4>', `<ul class="differences">${a.differences.map((d) => `<li>${esc(d)}</li>`).join('')}</ul>`);
  parts.push('</section>');
  return parts.join('\n');
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
      ? d.encoders.map((e, i) => `<tr>${i === 0 ? `<th scope="row" rowspan="${d.encoders.length}">${esc(d.name)}</th>` : ''}<td>${esc(e.view)}</td><td><code>${esc(e.extractor)}</code></td><td>${esc(e.standsInFor)}</td></tr>`)
      : [`<tr><th scope="row">${esc(d.name)}</th><td colspan="3">generated features (no encoder)</td></tr>`],
  );
  const absent = p.unavailable.map(([d, why]) => `<tr class="unchecked"><th scope="row">${esc(d)}</th><td colspan="3">not available here: ${esc(why)}</td></tr>`);
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

export function paperSection(p: PaperData): string {
  const c = claimCounts(p);
  const parts = [
    `<section class="paper" id="${paperAnchor(p.id)}">`,
    `<h2>${esc(p.id)}</h2>`,
    p.problem ? `<p class="problem">${esc(p.problem)}</p>` : '',
    runInfo(p),
    `<p class="counts">${claimsBar(c.paper)} the paper’s claims: ${countsText(c.paper)}; the workbench’s own: ${countsText(c.workbench)}${c.skipped ? `; ${c.skipped} artefacts skipped (data not available)` : ''}.</p>`,
    datasetsHtml(p),
    '<h3>Claims</h3>',
    claimsTable(p, (a) => artefactAnchor(p.id, a)),
    ...p.artefacts.map((a) => artefactHtml(p, a)),
  ];
  if (p.other.figures.length || p.other.tables.length) {
    parts.push(`<section class="artefact" id="${artefactAnchor(p.id, 'other-files')}"><h3>Other files</h3>`);
    if (p.other.figures.length) parts.push(`<div class="figures">\n${p.other.figures.map((f) => figureHtml(p.id, f)).join('\n')}\n</div>`);
    parts.push(tablesHtml(p.id, p.other.tables), '</section>');
  }
  parts.push('</section>');
  return parts.filter(Boolean).join('\n');
}
