import { describe, expect, it } from 'vitest';
import { exactKruskalP, kruskal, kruskalVerdict, minP } from '../../lib/eval/kruskal';

describe('Kruskal–Wallis at a few seeds', () => {
  it('exact p of two fully separated groups is 2 / C(2n, n); the chi-square p is smaller (anti-conservative)', () => {
    expect(exactKruskalP([1, 2, 3], [4, 5, 6])).toBeCloseTo(2 / 20, 12);
    expect(exactKruskalP([1, 2, 3, 4], [5, 6, 7, 8])).toBeCloseTo(2 / 70, 12);
    expect(kruskal([1, 2, 3], [4, 5, 6]).p).toBeLessThan(0.1);
    expect(minP(3).exact).toBeCloseTo(0.1, 12);
  });
  it('interleaved groups are not significant; all-equal values give no exact p', () => {
    expect(exactKruskalP([1, 4, 5], [2, 3, 6])!).toBeGreaterThan(0.5);
    expect(exactKruskalP([1, 1], [1, 1])).toBeUndefined();
    expect(() => kruskal([], [1])).toThrow(/empty group/);
  });
  it('the verdict: exact p where enumerable (its floor), 1 when every value is equal, chi-square only at large n', () => {
    const few = kruskalVerdict([1, 2, 3], [4, 5, 6]);
    expect([few.by, few.p, few.floor]).toEqual(['exact', few.pExact, minP(3).exact]);
    expect(few.p).toBeGreaterThan(few.pChi); // the chi-square p alone would call n = 3 significant
    expect(kruskalVerdict([0.5, 0.5], [0.5, 0.5])).toMatchObject({ by: 'exact', p: 1, pExact: null, H: 0 });
    const many = kruskalVerdict(
      Array.from({ length: 30 }, (_, i) => i),
      Array.from({ length: 30 }, (_, i) => i + 15),
    );
    expect([many.by, many.pExact, many.p, many.floor]).toEqual(['chi-square', null, many.pChi, minP(30).noTies]);
  });
});
