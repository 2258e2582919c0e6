/**
 * Distribution gap between a training set and the real test set, in the
 * mixed-modal embedding space: entropic OT cost ⟨P, C⟩ (cosine cost,
 * Sinkhorn ε 0.05) and Gaussian MMD² with σ = the median pairwise distance
 * of the reference (test) embeddings, so every training set measured
 * against one test set shares one kernel. REPORTING ONLY: the test set
 * never feeds a choice. Sets larger than `cap` rows are subsampled (seeded)
 * to keep the O(n²) kernel sums small.
 */
import { mmd2, medianBandwidth } from '../eval/mmd';
import { cosineCost } from '../ot/cost';
import { sinkhorn } from '../ot/sinkhorn';
import { permutation, rng } from '../util/random';

export interface Gap {
  ot: number;
  mmd2: number;
}

function capRows(E: Float32Array, d: number, cap: number, seed: number): { X: Float32Array; n: number } {
  const n = E.length / d;
  if (n <= cap) return { X: E, n };
  const rows = Array.from(permutation(n, rng(seed)).slice(0, cap)).sort((a, b) => a - b);
  const X = new Float32Array(cap * d);
  rows.forEach((i, k) => X.set(E.subarray(i * d, (i + 1) * d), k * d));
  return { X, n: cap };
}

export class GapMeter {
  private readonly ref: { X: Float32Array; n: number };
  readonly sigma: number;

  constructor(reference: Float32Array, readonly d: number, readonly cap = 300, readonly seed = 0) {
    this.ref = capRows(reference, d, cap, seed);
    this.sigma = medianBandwidth(this.ref.X, this.ref.n, d);
  }

  measure(E: Float32Array): Gap {
    const { X, n } = capRows(E, this.d, this.cap, this.seed + 1);
    if (n === 0) throw new Error('GapMeter: empty training set');
    const C = cosineCost(X, n, this.ref.X, this.ref.n, this.d);
    const ot = sinkhorn(C, n, this.ref.n, { epsilon: 0.05, tol: 1e-4 }).cost; // reporting precision: 1e-4 of the marginal
    return { ot, mmd2: mmd2(X, n, this.ref.X, this.ref.n, this.d, this.sigma) };
  }
}
