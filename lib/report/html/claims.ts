/** The claims of a paper as an HTML table (verdict computed by the artefacts, shown as is), and their counts. */
import type { Claim } from '../../experiment/artefact';
import { esc } from './escape';
import type { PaperData } from './read';

export interface ClaimCounts {
  holds: number;
  fails: number;
  unchecked: number;
  /** artefacts not built because their data is not here: their claims could not even be listed */
  skipped: number;
}

export function claimCounts(p: PaperData): ClaimCounts {
  const all = p.artefacts.flatMap((a) => a.claims);
  return {
    holds: all.filter((c) => c.holds === true).length,
    fails: all.filter((c) => c.holds === false).length,
    unchecked: all.filter((c) => c.holds !== true && c.holds !== false).length,
    skipped: p.artefacts.filter((a) => a.skipped).length,
  };
}

export function verdict(c: Claim): { cls: string; text: string } {
  if (c.holds === true) return { cls: 'holds', text: 'holds' };
  if (c.holds === false) return { cls: 'fails', text: 'does not hold' };
  return { cls: 'unchecked', text: 'not checked' };
}

export function claimsTable(p: PaperData, anchor: (artefact: string) => string): string {
  // decided claims first (holds / does not hold), then the unchecked; artefact order kept within each group
  const decided = (c: Claim) => c.holds === true || c.holds === false;
  const ordered = [true, false].flatMap((d) => p.artefacts.flatMap((a) => a.claims.filter((c) => decided(c) === d).map((c) => ({ a, c }))));
  const rows = ordered.map(({ a, c }) => {
    const v = verdict(c);
    return `<tr class="${v.cls}"><td><a href="#${anchor(a.id)}">${esc(a.id)}</a></td><td>${esc(c.statement)}</td><td>${esc(c.on)}</td><td class="verdict">${v.text}</td><td>${esc(c.evidence)}</td></tr>`;
  });
  const skipped = p.artefacts
    .filter((a) => a.skipped)
    .map((a) => `<tr class="unchecked"><td><a href="#${anchor(a.id)}">${esc(a.id)}</a></td><td colspan="2">${esc(a.title)}</td><td class="verdict">not checked</td><td>skipped: ${esc(a.skipped)}</td></tr>`);
  if (!rows.length && !skipped.length) return '<p class="empty">No claims recorded.</p>';
  return [
    `<div class="scroll tall"><table class="claims" data-rows="${rows.length + skipped.length}">`,
    '<thead><tr><th scope="col">artefact</th><th scope="col">claim</th><th scope="col">checked on</th><th scope="col">verdict</th><th scope="col">evidence (or why not checked)</th></tr></thead>',
    `<tbody>\n${[...rows, ...skipped].join('\n')}\n</tbody></table></div>`,
  ].join('\n');
}

/** A horizontal bar of hold / do not hold / not checked, as inline SVG (no script, no external file). */
export function claimsBar(c: ClaimCounts, width = 220, height = 14): string {
  const total = c.holds + c.fails + c.unchecked;
  if (!total) return '<span class="empty">no claims</span>';
  let x = 0;
  const seg = (n: number, cls: string) => {
    const w = (n / total) * width;
    const r = w > 0 ? `<rect class="${cls}" x="${x.toFixed(2)}" y="0" width="${w.toFixed(2)}" height="${height}"/>` : '';
    x += w;
    return r;
  };
  const label = `${c.holds} hold, ${c.fails} do not hold, ${c.unchecked} not checked`;
  return `<svg class="bar" role="img" aria-label="${label}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><title>${label}</title>${seg(c.holds, 'holds')}${seg(c.fails, 'fails')}${seg(c.unchecked, 'unchecked')}</svg>`;
}
