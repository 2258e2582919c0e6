/**
 * Distribution gap between a training set and the real test set, in the
 * mixed-modal embedding space (unit rows): entropic OT cost ⟨P, C⟩ (cosine
 * cost, Sinkhorn ε 0.05) and Gaussian MMD² with σ = the median pairwise
 * distance of the reference (test) embeddings, so every training set
 * measured against one test set shares one kernel. REPORTING ONLY: the test
 * set never feeds a choice. Sets larger than `cap` rows are subsampled
 * (seeded) to keep the O(n²) kernel sums small.
 *
 * On unit rows ‖x − y‖² = 2 (1 − cos), so the cosine cost matrix of the OT
 * also gives the MMD's cross kernel, and the reference's own kernel mean is
 * computed once per meter.
 */
import { medianBandwidth } from '../eval/mmd';
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
  private readonly refKernel: number;

  constructor(
    reference: Float32Array,
    readonly d: number,
    readonly cap = 300,
    readonly seed = 0,
  ) {
    this.ref = capRows(reference, d, cap, seed);
    for (let i = 0; i < this.ref.n; i++) {
      let s = 0;
      for (let t = 0; t < d; t++) s += this.ref.X[i * d + t] ** 2;
      if (Math.abs(s - 1) > 1e-3) throw new Error(`GapMeter: reference row ${i} has norm² ${s}; the meter expects unit rows (mixed embeddings)`);
    }
    this.sigma = medianBandwidth(this.ref.X, this.ref.n, d);
    this.refKernel = this.meanKernel(cosineCost(this.ref.X, this.ref.n, this.ref.X, this.ref.n, d));
  }

  /** mean of exp(−‖x − y‖² / 2σ²) over a cosine-cost matrix of unit rows (‖x − y‖² = 2C) */
  private meanKernel(C: Float64Array): number {
    let s = 0;
    for (const c of C) s += Math.exp(-(2 * c) / (2 * this.sigma * this.sigma));
    return s / C.length;
  }

  measure(E: Float32Array): Gap {
    const { X, n } = capRows(E, this.d, this.cap, this.seed + 1);
    if (n === 0) throw new Error('GapMeter: empty training set');
    const C = cosineCost(X, n, this.ref.X, this.ref.n, this.d); // [n, m]
    const ot = sinkhorn(C, n, this.ref.n, { epsilon: 0.05, tol: 1e-4 }).cost; // reporting precision: 1e-4 of the marginal
    const mmd2 = this.meanKernel(cosineCost(X, n, X, n, this.d)) + this.refKernel - 2 * this.meanKernel(C);
    return { ot, mmd2: Math.max(0, mmd2) };
  }
}
