import { describe, expect, it } from 'vitest';
import { charNgramCounts } from '../../lib/features/char-ngrams';
import { project, sparseProjection } from '../../lib/features/projection';
import { fitIdf, tfidf } from '../../lib/features/tfidf';
import { fitTextPattern, transformTextPattern } from '../../lib/features/text-pattern';
import { normaliseText, URL_MARK } from '../../lib/features/text-normalise';
import type { SparseVec } from '../../lib/features/sparse';

const sv = (m: Record<number, number>): SparseVec => ({ idx: Int32Array.from(Object.keys(m).map(Number)), val: Float32Array.from(Object.values(m)) });
const norm = (a: Float32Array) => Math.hypot(...a);
/** the v1 view: random projection, raw tf (toy corpora here share too few n-grams for LSA's min df 2) */
const RP = { reduction: 'projection', sublinearTf: false } as const;

describe('normaliseText', () => {
  it('NFKC, URL marker, lowercase, whitespace', () => {
    expect(normaliseText('  Ｆａｋｅ\tNEWS  http://t.co/AbC12 ！ ')).toBe(`fake news ${URL_MARK} !`);
  });
});

describe('char n-gram hashing', () => {
  it('is deterministic and seed-dependent', () => {
    const a = charNgramCounts('Breaking: shark on the highway!');
    const b = charNgramCounts('Breaking: shark on the highway!');
    expect(Array.from(a.idx)).toEqual(Array.from(b.idx));
    expect(Array.from(a.val)).toEqual(Array.from(b.val));
    const c = charNgramCounts('Breaking: shark on the highway!', { seed: 7 });
    expect(Array.from(c.idx)).not.toEqual(Array.from(a.idx));
  });

  it('counts n-grams of code points (Chinese gives non-zero features)', () => {
    // "谣言" padded: " 谣言 " → 1-grams 谣, 言 (padding space skipped); 2-grams " 谣", "谣言", "言 "; 3-grams " 谣言", "谣言 "
    const v = charNgramCounts('谣言', { nMin: 1, nMax: 3 });
    const total = v.val.reduce((s, x) => s + x, 0);
    expect(total).toBe(7);
    expect(v.idx.length).toBeGreaterThan(0);
    const m = fitTextPattern(['地震 谣言 转发', '今天 天气 很好'], RP);
    const x = transformTextPattern(m, ['这是谣言吗？']);
    expect(norm(x)).toBeCloseTo(1, 5);
  });

  it('empty text gives an empty vector and a zero row (not NaN)', () => {
    expect(charNgramCounts('   ').idx.length).toBe(0);
    const x = transformTextPattern(fitTextPattern(['a b c']), ['']);
    expect(x.every((v) => v === 0)).toBe(true);
    const y = transformTextPattern(fitTextPattern(['a b c'], RP), ['']);
    expect(y.every((v) => v === 0)).toBe(true);
    expect(x.every((v) => v === 0)).toBe(true);
  });
});

describe('TF-IDF', () => {
  it('matches hand-computed weights on a 3-document corpus', () => {
    // terms 0,1,2; docs: {0:2, 1:1}, {0:1, 2:1}, {0:1}
    // df = [3, 1, 1], N = 3 → idf0 = ln(4/4)+1 = 1, idf1 = idf2 = ln(4/2)+1 = 1.693147
    const docs = [sv({ 0: 2, 1: 1 }), sv({ 0: 1, 2: 1 }), sv({ 0: 1 })];
    const idf = fitIdf(docs, 4);
    expect(idf.idf[0]).toBeCloseTo(1, 6);
    expect(idf.idf[1]).toBeCloseTo(1 + Math.log(2), 6);
    expect(idf.idf[2]).toBeCloseTo(1.693147, 5);
    // term 3 never seen: ln(4/1) + 1
    expect(idf.idf[3]).toBeCloseTo(1 + Math.log(4), 6);
    const w = tfidf(docs[0], idf);
    expect(Array.from(w.val)).toEqual([2, expect.closeTo(1.693147, 5)]);
    // sublinear: 1 + ln 2 for count 2
    expect(tfidf(docs[0], idf, true).val[0]).toBeCloseTo(1 + Math.log(2), 6);
  });

  it('IDF uses the fit set only', () => {
    const a = fitTextPattern(['aaa', 'bbb'], RP);
    const b = fitTextPattern(['aaa', 'bbb', 'zzz zzz'], RP);
    const xa = transformTextPattern(a, ['zzz']);
    const xb = transformTextPattern(b, ['zzz']);
    expect(Array.from(xa)).toEqual(Array.from(transformTextPattern(a, ['zzz'])));
    expect(a.idf.nDocs).toBe(2);
    expect(b.idf.nDocs).toBe(3);
    // single-term-pattern texts normalise to the same direction; the IDF difference shows on mixed texts
    const ya = transformTextPattern(a, ['aaa zzz']);
    const yb = transformTextPattern(b, ['aaa zzz']);
    expect(Array.from(ya)).not.toEqual(Array.from(yb));
    expect(xa.length).toBe(xb.length);
  });
});

describe('sparse random projection', () => {
  it('has s signed non-zeros per bucket and maps to outDim', () => {
    const p = sparseProjection(1 << 10, { outDim: 64, s: 4, seed: 1 });
    expect(p.cols.length).toBe(1024 * 4);
    for (let b = 0; b < 1024; b++) expect(new Set(p.cols.subarray(b * 4, b * 4 + 4)).size).toBe(4);
    expect(p.vals.every((v) => Math.abs(Math.abs(v) - 0.5) < 1e-7)).toBe(true);
    const y = project(sv({ 3: 1, 900: 2 }), p);
    expect(y.length).toBe(64);
    // roughly norm-preserving for a 2-term input: |y|² = 1 + 4 (+ cross terms only on shared columns)
    expect(y.reduce((s, v) => s + v * v, 0)).toBeGreaterThan(2);
  });

  it('text pattern rows are [N, 768] and unit-norm, identical across calls', () => {
    const texts = ['Shark swimming on a flooded highway #sandy', 'Photo of the real Boston suspect', '真相：这张照片是假的'];
    const m = fitTextPattern(texts, RP);
    const x = transformTextPattern(m, texts);
    expect(x.length).toBe(3 * 768);
    for (let i = 0; i < 3; i++) expect(norm(x.subarray(i * 768, (i + 1) * 768))).toBeCloseTo(1, 5);
    expect(Array.from(transformTextPattern(fitTextPattern(texts, RP), texts))).toEqual(Array.from(x));
  });
});
