/**
 * The claims of a paper as HTML (verdicts computed by the artefacts, shown as is): the paper's
 * claims and the workbench's own apart, each led by its decided claims, and their counts in three
 * columns (holds / does not hold / undecided) plus not checked.
 */
import { byVerdict, countClaims, normaliseClaim, type Claim, type ClaimCounts as VerdictCounts, type ClaimSource } from '../../eval/claim';
import { esc } from './escape';
import type { PaperData } from './read';

export interface ClaimCounts {
  paper: VerdictCounts;
  workbench: VerdictCounts;
  /** artefacts not built because their data is not here: their claims could not even be listed */
  skipped: number;
}

const claimsOf = (p: PaperData) => p.artefacts.flatMap((a) => a.claims.map((c) => ({ ...normaliseClaim(c), artefact: a.id })));

export function claimCounts(p: PaperData): ClaimCounts {
  return { ...countClaims(claimsOf(p)), skipped: p.artefacts.filter((a) => a.skipped).length };
}

const CLS: Record<Claim['verdict'], string> = { holds: 'holds', 'does not hold': 'fails', undecided: 'undecided', 'not checked': 'unchecked' };

export function verdict(c: Claim): { cls: string; text: string } {
  return { cls: CLS[c.verdict], text: c.verdict };
}

/** "3 hold, 1 does not hold, 9 undecided (+2 not checked)" */
export function countsText(c: VerdictCounts): string {
  return `${c.holds} hold, ${c['does not hold']} do not hold, ${c.undecided} undecided${c['not checked'] ? ` (+${c['not checked']} not checked)` : ''}`;
}

const HEADINGS: Record<ClaimSource, string> = { paper: 'The paper’s claims', workbench: 'The workbench’s own claims' };

export function claimsTable(p: PaperData, anchor: (artefact: string) => string): string {
  const all = claimsOf(p);
  const skipped = p.artefacts
    .filter((a) => a.skipped)
    .map(
      (a) =>
        `<tr class="unchecked"><td><a href="#${anchor(a.id)}">${esc(a.id)}</a></td><td colspan="2">${esc(a.title)}</td><td class="verdict">not checked</td><td>—</td><td>skipped: ${esc(a.skipped)}</td></tr>`,
    );
  if (!all.length && !skipped.length) return '<p class="empty">No claims recorded.</p>';
  const head =
    '<thead><tr><th scope="col">artefact</th><th scope="col">claim</th><th scope="col">checked on</th><th scope="col">verdict</th><th scope="col">test</th><th scope="col">evidence (what would decide it, or why not checked)</th></tr></thead>';
  const out: string[] = [];
  for (const source of ['paper', 'workbench'] as ClaimSource[]) {
    const rows = byVerdict(all.filter((c) => c.source === source)).map((c) => {
      const v = verdict(c);
      return `<tr class="${v.cls}"><td><a href="#${anchor(c.artefact)}">${esc(c.artefact)}</a></td><td>${esc(c.statement)}</td><td>${esc(c.on)}</td><td class="verdict">${v.text}</td><td>${esc(c.test ?? '—')}</td><td>${esc(c.evidence)}</td></tr>`;
    });
    const extra = source === 'paper' ? skipped : [];
    if (!rows.length && !extra.length) continue;
    out.push(
      `<h4>${HEADINGS[source]}</h4>`,
      `<div class="scroll tall"><table class="claims" data-claims="${source}" data-rows="${rows.length + extra.length}">`,
      head,
      `<tbody>\n${[...rows, ...extra].join('\n')}\n</tbody></table></div>`,
    );
  }
  return out.join('\n');
}

/** A horizontal bar of hold / do not hold / undecided / not checked, as inline SVG (no script, no external file). */
export function claimsBar(c: VerdictCounts, width = 220, height = 14): string {
  const total = c.holds + c['does not hold'] + c.undecided + c['not checked'];
  if (!total) return '<span class="empty">no claims</span>';
  let x = 0;
  const seg = (n: number, cls: string) => {
    const w = (n / total) * width;
    const r = w > 0 ? `<rect class="${cls}" x="${x.toFixed(2)}" y="0" width="${w.toFixed(2)}" height="${height}"/>` : '';
    x += w;
    return r;
  };
  const label = `${c.holds} hold, ${c['does not hold']} do not hold, ${c.undecided} undecided, ${c['not checked']} not checked`;
  return `<svg class="bar" role="img" aria-label="${label}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><title>${label}</title>${seg(c.holds, 'holds')}${seg(c['does not hold'], 'fails')}${seg(c.undecided, 'undecided')}${seg(c['not checked'], 'unchecked')}</svg>`;
}
