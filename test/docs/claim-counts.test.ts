import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { countsSentence } from '../../lib/eval/claim';

// The hand-written docs quote the committed quick run's claim counts; they must equal the counts
// line of figures/<paper>/claims.md, which `npm run reproduce` writes. Two formats:
//   three outcomes (lib/eval/claim.ts countsSentence):
//     "Paper's claims: 3 hold, 1 do not hold, 9 undecided, 2 not checked; workbench claims: 0 hold, 0 do not hold, 4 undecided, 0 not checked."
//   before three-outcome verdicts (a claims.md not regenerated since): "16 hold, 27 do not hold, 4 not checked."
// A doc quotes in the format of its paper's claims.md, so regenerating figures/ makes this test name
// every sentence to rewrite.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

type Counts = { format: 'three outcomes'; paper: number[]; workbench: number[] } | { format: 'legacy'; hold: number; doNotHold: number; notChecked: number };

const PART = String.raw`(\d+) hold, (\d+) do not hold, (\d+) undecided, (\d+) not checked`;
const THREE = new RegExp(String.raw`paper's claims: ${PART}; workbench claims: ${PART}`, 'gi');
const LEGACY = /(\d+) (?:checks )?hold, (\d+) do not(?: hold)?(?:, (\d+) not checked)?/g;

const three = (m: RegExpMatchArray): Counts => ({ format: 'three outcomes', paper: m.slice(1, 5).map(Number), workbench: m.slice(5, 9).map(Number) });

/** The counts line of a claims.md, in whichever format it was written. */
function claimsCounts(paper: string): Counts {
  const lines = read(`figures/${paper}/claims.md`).split('\n');
  for (const l of lines) {
    const m = [...l.matchAll(THREE)][0];
    if (m && l.startsWith("Paper's claims:")) return three(m);
  }
  const line = lines.find((l) => /^\d+ hold, \d+ do not hold, \d+ not checked\.$/.test(l));
  if (!line) throw new Error(`figures/${paper}/claims.md has no counts line`);
  const [hold, doNotHold, notChecked] = line.match(/\d+/g)!.map(Number);
  return { format: 'legacy', hold, doNotHold, notChecked };
}

/**
 * Every counts quote in a text: three-outcome sentences first; the legacy "<N> hold, <M> do not( hold)?(, <K> not checked)?"
 * (or "<N> checks hold, …") in what is left. A legacy sentence without "not checked" claims there are none.
 */
function quotedCounts(text: string): { quote: string; counts: Counts }[] {
  const out = [...text.matchAll(THREE)].map((m) => ({ quote: m[0], counts: three(m) }));
  const rest = text.replace(THREE, '');
  for (const m of rest.matchAll(LEGACY))
    out.push({ quote: m[0], counts: { format: 'legacy', hold: Number(m[1]), doNotHold: Number(m[2]), notChecked: Number(m[3] ?? 0) } });
  return out;
}

/** The README section that starts with `## <title>` (up to the next `## `). */
function readmeSection(title: string): string {
  const readme = read('README.md');
  const start = readme.indexOf(`\n## ${title}`);
  if (start < 0) throw new Error(`README.md has no section "## ${title}"`);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

const papers = fs
  .readdirSync(path.join(ROOT, 'docs/papers'))
  .filter((f) => f.endsWith('.md'))
  .map((f) => f.replace(/\.md$/, ''));

const docs: { doc: string; paper: string; text: () => string }[] = [
  ...papers.map((paper) => ({ doc: `docs/papers/${paper}.md`, paper, text: () => read(`docs/papers/${paper}.md`) })),
  { doc: 'README.md (BMLHF section)', paper: 'bmlhf', text: () => readmeSection('BMLHF') },
];

describe('claim counts quoted in the docs', () => {
  for (const { doc, paper, text } of docs) {
    it(`${doc} quotes the counts of figures/${paper}/claims.md`, () => {
      const expected = claimsCounts(paper);
      const quotes = quotedCounts(text());
      expect(quotes.length).toBeGreaterThan(0);
      // the quote rides along so that a failure names the stale sentence
      for (const { quote, counts } of quotes) expect({ quote, ...counts }).toEqual({ quote, ...expected });
    });
  }

  it('the README quotes claim counts only in its BMLHF section', () => {
    const outside = read('README.md').replace(readmeSection('BMLHF'), '');
    expect(quotedCounts(outside)).toEqual([]);
  });
});

describe('the counts sentence the docs quote', () => {
  it('is the one claims.md writes (lib/eval/claim.ts countsSentence), and the parser reads it back', () => {
    const sentence = countsSentence({
      paper: { holds: 3, 'does not hold': 1, undecided: 9, 'not checked': 2 },
      workbench: { holds: 0, 'does not hold': 0, undecided: 4, 'not checked': 0 },
    });
    expect(quotedCounts(`claims.md: ${sentence}`)).toEqual([
      { quote: sentence.slice(0, -1), counts: { format: 'three outcomes', paper: [3, 1, 9, 2], workbench: [0, 0, 4, 0] } },
    ]);
    expect(quotedCounts('16 hold, 27 do not hold, 4 not checked')[0].counts).toEqual({ format: 'legacy', hold: 16, doNotHold: 27, notChecked: 4 });
  });
});
