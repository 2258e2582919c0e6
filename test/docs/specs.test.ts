/** docs/SPECS.md: every worked spec in docs/specs/ parses, and the page shows each verbatim. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCustomSpec, parseCustomSpec } from '../../lib/experiment/custom';

const dir = path.join('docs', 'specs');
const page = fs.readFileSync(path.join('docs', 'SPECS.md'), 'utf8');
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('docs/SPECS.md worked specs', () => {
  it('there are the three: a balancing method on a real dataset, a missing-rate curve, a seed sweep', () => {
    expect(files).toEqual(['balancing-twitter-clip.json', 'missing-rate-verite.json', 'seed-sweep-synthetic.json']);
  });
  for (const f of files) {
    it(`${f} parses, and SPECS.md shows it verbatim`, () => {
      const spec = readCustomSpec(path.join(dir, f));
      expect(spec.name).toBe(f.replace(/\.json$/, ''));
      expect(spec.runs.every((r) => r.specs.length > 0)).toBe(true);
      expect(page).toContain(fs.readFileSync(path.join(dir, f), 'utf8').trimEnd());
    });
  }
  it('what each one says it does', () => {
    const [bal, curve, sweep] = files.map((f) => readCustomSpec(path.join(dir, f)));
    expect(bal.runs.some((r) => r.specs[0].balancer?.name === 'ogm-ge' && r.specs[0].dataset.kind === 'real')).toBe(true);
    expect(curve.runs.every((r) => (r.specs[0].outputs?.missingRate?.rates ?? []).length === 5)).toBe(true);
    expect(sweep.runs[0].specs.map((s) => s.seed)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
  it('every json block of the page parses as a spec', () => {
    const blocks = [...page.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]));
    expect(blocks.length).toBe(3);
    for (const b of blocks) expect(() => parseCustomSpec(b, 'SPECS.md')).not.toThrow();
  });
});
