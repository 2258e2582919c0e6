import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The hand-written docs quote the committed quick run's claim counts
// ("16 hold, 27 do not hold, 4 not checked"); they must equal the counts line
// of figures/<paper>/claims.md, which `npm run reproduce` writes.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

interface Counts {
  hold: number;
  doNotHold: number;
  notChecked: number;
}

/** The counts line of a claims.md: "<N> hold, <M> do not hold, <K> not checked." */
function claimsCounts(paper: string): Counts {
  const line = read(`figures/${paper}/claims.md`)
    .split('\n')
    .find((l) => /^\d+ hold, \d+ do not hold, \d+ not checked\.$/.test(l));
  if (!line) throw new Error(`figures/${paper}/claims.md has no counts line`);
  const [hold, doNotHold, notChecked] = line.match(/\d+/g)!.map(Number);
  return { hold, doNotHold, notChecked };
}

/**
 * Every "<N> hold, <M> do not( hold)?(, <K> not checked)?" (or "<N> checks hold, …") in a text.
 * A sentence without "not checked" claims there are none.
 */
function quotedCounts(text: string): { quote: string; counts: Counts }[] {
  const re = /(\d+) (?:checks )?hold, (\d+) do not(?: hold)?(?:, (\d+) not checked)?/g;
  return [...text.matchAll(re)].map((m) => ({
    quote: m[0],
    counts: { hold: Number(m[1]), doNotHold: Number(m[2]), notChecked: Number(m[3] ?? 0) },
  }));
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
