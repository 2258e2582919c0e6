import { Matrix, SVD } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { csrFromRows, csrMul, csrTMul } from '../../lib/features/csr';
import { fitTextPattern, textPatternName, transformTextPattern } from '../../lib/features/text-pattern';
import { randomizedSvd } from '../../lib/features/rsvd';
import { rng } from '../../lib/util/random';

/** a random sparse [n, d] matrix with a decaying spectrum (low-rank + noise), as CSR and dense */
function lowRank(n: number, d: number, seed: number) {
  const r = rng(seed);
  const rows = Array.from({ length: n }, (_, i) => {
    const m = new Map<number, number>();
    for (let k = 0; k < 12; k++) m.set((i * 7 + k * 13 + r.int(5)) % d, r.next() + (k < 4 ? 2 : 0.1));
    const idx = Int32Array.from(m.keys()).sort();
    return { idx, val: Float32Array.from(idx, (j) => m.get(j)!) };
  });
  const dense = new Matrix(n, d);
  rows.forEach((row, i) => row.idx.forEach((j, k) => dense.set(i, j, row.val[k])));
  return { x: csrFromRows(rows, d), dense };
}

describe('sparse products', () => {
  it('X·M and Xᵀ·Q match the dense products', () => {
    const { x, dense } = lowRank(20, 30, 1);
    const m = Float32Array.from({ length: 30 * 3 }, (_, i) => Math.sin(i));
    const q = Float32Array.from({ length: 20 * 3 }, (_, i) => Math.cos(i));
    const want = dense.mmul(new Matrix(Array.from({ length: 30 }, (_, i) => Array.from(m.subarray(i * 3, i * 3 + 3)))));
    const wantT = dense.transpose().mmul(new Matrix(Array.from({ length: 20 }, (_, i) => Array.from(q.subarray(i * 3, i * 3 + 3)))));
    const got = csrMul(x, m, 3),
      gotT = csrTMul(x, q, 3);
    for (let i = 0; i < 20; i++) for (let j = 0; j < 3; j++) expect(got[i * 3 + j]).toBeCloseTo(want.get(i, j), 4);
    for (let i = 0; i < 30; i++) for (let j = 0; j < 3; j++) expect(gotT[i * 3 + j]).toBeCloseTo(wantT.get(i, j), 4);
  });
});

describe('randomizedSvd', () => {
  it('finds the leading singular values and orthonormal vectors of an exact SVD', () => {
    const { x, dense } = lowRank(120, 80, 2);
    const exact = new SVD(dense, { autoTranspose: true }).diagonal;
    const r = randomizedSvd(x, 10, { nIter: 4 });
    expect(r.k).toBe(10);
    // randomized SVD is tightest at the head of the spectrum
    for (let c = 0; c < 10; c++) expect(Math.abs(r.s[c] - exact[c]) / exact[c]).toBeLessThan(c < 5 ? 0.005 : 0.02);
    // VᵀV = I
    for (let a = 0; a < 10; a++)
      for (let b = 0; b < 10; b++) {
        let s = 0;
        for (let i = 0; i < 80; i++) s += r.v[i * 10 + a] * r.v[i * 10 + b];
        expect(s).toBeCloseTo(a === b ? 1 : 0, 3);
      }
  });

  it('is deterministic and seed-dependent only through sign-free quantities', () => {
    const { x } = lowRank(60, 50, 3);
    const a = randomizedSvd(x, 5),
      b = randomizedSvd(x, 5);
    expect(Array.from(a.v)).toEqual(Array.from(b.v));
    const c = randomizedSvd(x, 5, { seed: 99, nIter: 6 });
    for (let k = 0; k < 5; k++) expect(c.s[k]).toBeCloseTo(a.s[k], 1);
  });

  it('keeps no more components than the rank allows', () => {
    const { x } = lowRank(6, 50, 4);
    expect(randomizedSvd(x, 20).k).toBeLessThanOrEqual(6);
  });
});

describe('textPattern with LSA', () => {
  const texts = Array.from({ length: 60 }, (_, i) =>
    i % 2 ? `fake shark photo on the highway number ${i % 7}` : `real news from the city council meeting ${i % 5}`,
  );
  it('rows are [N, outDim], unit norm, deterministic, and named by the reduction', () => {
    const m = fitTextPattern(texts, { outDim: 16 });
    expect(textPatternName(m.options)).toBe('char-ngram1-3-tfidf-lsa16');
    // 12 distinct texts: rank 12, the last 4 columns stay 0
    expect(m.lsa!.svd.k).toBe(12);
    const x = transformTextPattern(m, texts);
    expect(x.length).toBe(60 * 16);
    for (let i = 0; i < 60; i++) expect(Math.hypot(...x.subarray(i * 16, (i + 1) * 16))).toBeCloseTo(1, 5);
    expect(Array.from(transformTextPattern(fitTextPattern(texts, { outDim: 16 }), texts))).toEqual(Array.from(x));
    // the two kinds of text are far apart in the reduced space
    const dot = (a: number, b: number) => x.subarray(a * 16, a * 16 + 16).reduce((s, v, j) => s + v * x[b * 16 + j], 0);
    expect(dot(0, 2)).toBeGreaterThan(dot(0, 1) + 0.3);
  });

  it('a text with no vocabulary term is a zero row, not NaN', () => {
    const m = fitTextPattern(texts, { outDim: 8 });
    expect(transformTextPattern(m, ['', 'ζζζ']).every((v) => v === 0)).toBe(true);
  });
});
