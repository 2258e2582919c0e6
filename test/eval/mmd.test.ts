import { describe, expect, it } from 'vitest';
import { medianBandwidth, mmd2 } from '../../lib/eval/mmd';
import { rng } from '../../lib/util/random';

describe('mmd2 (Gaussian kernel, biased)', () => {
  it('hand case: one point at 0 vs one at 1, σ = 1 → 2 − 2e^{−1/2}', () => {
    expect(mmd2(Float64Array.from([0]), 1, Float64Array.from([1]), 1, 1, 1)).toBeCloseTo(2 - 2 * Math.exp(-0.5), 12);
  });
  it('is 0 for identical samples, grows with a mean shift, and is symmetric', () => {
    const r = rng(3);
    const X = Float64Array.from({ length: 200 * 2 }, () => r.normal());
    const Y = X.map((x, k) => (k % 2 === 0 ? x + 0.5 : x));
    const Z = X.map((x, k) => (k % 2 === 0 ? x + 2 : x));
    expect(mmd2(X, 200, X, 200, 2, 1)).toBe(0);
    const a = mmd2(X, 200, Y, 200, 2, 1),
      b = mmd2(X, 200, Z, 200, 2, 1);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(a);
    expect(mmd2(Y, 200, X, 200, 2, 1)).toBeCloseTo(a, 12);
  });
  it('median bandwidth: the median pairwise distance', () => {
    // points 0, 1, 3 on a line: distances 1, 2, 3 → median 2
    expect(medianBandwidth(Float64Array.from([0, 1, 3]), 3, 1)).toBe(2);
    expect(() => mmd2(new Float64Array(1), 1, new Float64Array(1), 1, 1, 0)).toThrow(/sigma/);
  });
});
