import { describe, expect, it } from 'vitest';
import { calibratedPotentials, sinkhorn, transportPlan } from '../../lib/ot/sinkhorn';
import { cosineCost, sqEuclideanCost } from '../../lib/ot/cost';
import { rng } from '../../lib/util/random';

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

function permutations(n: number): number[][] {
  if (n === 1) return [[0]];
  return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, k) => [...p.slice(0, k), n - 1, ...p.slice(k)]));
}

describe('sinkhorn (log domain)', () => {
  it('solves the 2×2 case in closed form: p = ½ σ(1/ε) on the diagonal', () => {
    // a = b = (½, ½), C = [[0, 1], [1, 0]]: by symmetry P = [[p, ½ − p], [½ − p, p]] and the optimality
    // condition P_ij ∝ exp(−C_ij/ε) within the marginals gives p / (½ − p) = e^{1/ε}
    for (const eps of [2, 0.5, 0.1]) {
      const C = Float64Array.from([0, 1, 1, 0]);
      const r = sinkhorn(C, 2, 2, { epsilon: eps, tol: 1e-12 });
      const p = 0.5 * sigmoid(1 / eps);
      const P = transportPlan(C, r);
      expect(P[0]).toBeCloseTo(p, 9);
      expect(P[1]).toBeCloseTo(0.5 - p, 9);
      expect(r.cost).toBeCloseTo(2 * (0.5 - p), 9);
      expect(r.converged).toBe(true);
      // dual value = ⟨P,C⟩ + ε KL(P ‖ a⊗b)
      const kl = 2 * p * Math.log(p / 0.25) + 2 * (0.5 - p) * Math.log((0.5 - p) / 0.25);
      expect(r.dual).toBeCloseTo(r.cost + eps * kl, 8);
    }
  });

  it('matches the exact OT of an assignment problem (brute force over 6! permutations) as ε → 0', () => {
    const r0 = rng(7);
    const n = 6,
      d = 3;
    const X = Float64Array.from({ length: n * d }, () => r0.normal());
    const Y = Float64Array.from({ length: n * d }, () => r0.normal());
    const C = sqEuclideanCost(X, n, Y, n, d);
    let best = Infinity,
      bestPerm: number[] = [];
    for (const p of permutations(n)) {
      const c = p.reduce((s, j, i) => s + C[i * n + j], 0) / n;
      if (c < best) ((best = c), (bestPerm = p));
    }
    const r = sinkhorn(C, n, n, { epsilon: 0.01, tol: 1e-10, maxIter: 20000 });
    expect(r.converged).toBe(true);
    expect(r.cost).toBeGreaterThanOrEqual(best - 1e-9); // no plan beats the optimum
    expect(r.cost).toBeCloseTo(best, 3);
    const P = transportPlan(C, r);
    // the plan is (nearly) the optimal permutation matrix scaled by 1/n
    bestPerm.forEach((j, i) => expect(P[i * n + j]).toBeGreaterThan(0.99 / n));
    // a larger ε blurs the plan and costs more
    expect(sinkhorn(C, n, n, { epsilon: 1 }).cost).toBeGreaterThan(r.cost + 1e-3);
  });

  it('respects non-uniform marginals and stays finite at a tiny ε', () => {
    const C = Float64Array.from([0, 3, 1, 2, 0, 5]); // [2, 3]
    const a = Float64Array.from([0.3, 0.7]),
      b = Float64Array.from([0.2, 0.5, 0.3]);
    const r = sinkhorn(C, 2, 3, { a, b, epsilon: 1e-3, tol: 1e-10, maxIter: 50000 });
    expect(Number.isFinite(r.cost)).toBe(true);
    const P = transportPlan(C, r, a, b);
    expect(P[0] + P[1] + P[2]).toBeCloseTo(0.3, 8);
    expect(P[0] + P[3]).toBeCloseTo(0.2, 6);
    expect(P[1] + P[4]).toBeCloseTo(0.5, 6);
  });

  it('rejects bad input with a message naming it', () => {
    expect(() => sinkhorn(new Float64Array(3), 2, 2)).toThrow(/expected 2 × 2/);
    expect(() => sinkhorn(new Float64Array(4), 2, 2, { epsilon: 0 })).toThrow(/epsilon/);
    expect(() => sinkhorn(new Float64Array(4), 2, 2, { a: Float64Array.from([0.5, 0.6]) })).toThrow(/sum to 1/);
    expect(() => sinkhorn(Float64Array.from([0, NaN, 1, 0]), 2, 2)).toThrow(/\(0, 1\) is NaN/);
  });
});

describe('calibratedPotentials (LAVA)', () => {
  it('is f_i − mean_{j≠i} f_j, invariant to the free constant of the potentials', () => {
    const f = Float64Array.from([1, 2, 6]);
    expect(Array.from(calibratedPotentials(f))).toEqual([1 - 4, 2 - 3.5, 6 - 1.5]);
    const shifted = calibratedPotentials(f.map((x) => x + 10));
    calibratedPotentials(f).forEach((g, i) => expect(shifted[i]).toBeCloseTo(g, 12));
  });

  it('on a constructed case, points near the target get negative scores and far points positive', () => {
    // target: 4 points around (1, 0); source: 3 near the target, 2 far at (−1, 0)
    const Y = Float64Array.from([1, 0.1, 1, -0.1, 0.9, 0, 1.1, 0]);
    const X = Float64Array.from([1, 0.05, 0.95, 0, 1.05, -0.05, -1, 0.1, -1, -0.1]);
    const C = sqEuclideanCost(X, 5, Y, 4, 2);
    const r = sinkhorn(C, 5, 4, { epsilon: 0.05 });
    const g = calibratedPotentials(r.f);
    for (const near of [0, 1, 2]) for (const far of [3, 4]) expect(g[near]).toBeLessThan(g[far]);
    expect(Math.max(g[0], g[1], g[2])).toBeLessThan(0);
    expect(Math.min(g[3], g[4])).toBeGreaterThan(0);
  });
});

describe('cost matrices', () => {
  it('cosine cost is 1 − cos, and ‖x − y‖²/2 on unit rows', () => {
    const X = Float64Array.from([1, 0, 0, 1]),
      Y = Float64Array.from([Math.SQRT1_2, Math.SQRT1_2, -1, 0]);
    const C = cosineCost(X, 2, Y, 2, 2);
    expect(C[0]).toBeCloseTo(1 - Math.SQRT1_2, 12);
    expect(C[1]).toBeCloseTo(2, 12);
    const E = sqEuclideanCost(X, 2, Y, 2, 2);
    C.forEach((c, k) => expect(c).toBeCloseTo(E[k] / 2, 12));
  });
});
