import { describe, expect, it } from 'vitest';
import { exactKruskalP, kruskal, minP } from '../../lib/eval/kruskal';

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
});
