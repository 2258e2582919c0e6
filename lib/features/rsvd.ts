/**
 * Randomized truncated SVD of a sparse matrix (Halko, Martinsson & Tropp
 * 2011, Alg. 4.4 "randomized subspace iteration", orthonormalising the n side only): the top-k right singular
 * vectors V [d, k] and singular values of X [n, d], as scikit-learn's
 * TruncatedSVD(algorithm='randomized') computes them.
 *
 *   Y = X Ω,  Ω [d, l] Gaussian (seeded), l = k + oversample
 *   Q = orth(Y); q times: Q = orth(X Xᵀ Q)
 *   B = Qᵀ X [l, d];  B Bᵀ = Qᵀ X (Xᵀ Q) = W Λ Wᵀ
 *   V = Xᵀ Q W Λ^(−1/2) [d, k],  σ = √λ
 *
 * Sparse products are ours (csr.ts); the dense products run as tfjs matMuls
 * (the wasm backend's XNNPACK kernels are ~10× faster than JS loops), and the
 * small l × l factorisations (Cholesky, symmetric eigen) come from ml-matrix.
 * orth() is shifted CholeskyQR2 (Fukaya et al. 2020): two passes of
 * Q = Y R⁻¹ with RᵀR = YᵀY + shift·I — all products, no n × l Householder
 * loop in JS. Deterministic: same X, k and options → same bytes.
 */
import * as tf from '@tensorflow/tfjs';
import { CholeskyDecomposition, EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { rng } from '../util/random';
import { csrMul, csrTMul, type Csr } from './csr';

export interface RsvdOptions {
  /** extra random directions beyond k (Halko et al.: 5–10 suffice) */
  oversample?: number;
  /** power (subspace) iterations; sharpens the spectrum for slowly decaying singular values */
  nIter?: number;
  seed?: number;
}

export const RSVD_DEFAULTS: Required<RsvdOptions> = { oversample: 10, nIter: 4, seed: 0x5fd };

export interface TruncatedSvd {
  /** columns d of X */
  d: number;
  /** components kept (≤ requested k when X has lower rank) */
  k: number;
  /** [d, k] right singular vectors, row-major */
  v: Float32Array;
  /** [k] singular values, descending */
  s: Float32Array;
}

/** Aᵀ A of a row-major [n, l] matrix → [l, l] (float64 for the factorisations). */
function gram(a: Float32Array, n: number, l: number): Float64Array {
  return Float64Array.from(
    tf.tidy(() => {
      const t = tf.tensor2d(a, [n, l]);
      return tf.matMul(t, t, true, false).dataSync();
    }),
  );
}

/** A [n, l] · M [l, c] → [n, c] */
function times(a: Float32Array, n: number, l: number, m: ArrayLike<number>, c: number): Float32Array {
  return tf.tidy(() => tf.matMul(tf.tensor2d(a, [n, l]), tf.tensor2d(Float32Array.from(m), [l, c])).dataSync() as Float32Array).slice();
}

/** L⁻¹ of a lower-triangular [l, l] (row-major float64), by forward substitution per column. */
function invLower(L: Float64Array, l: number): Float64Array {
  const inv = new Float64Array(l * l);
  for (let c = 0; c < l; c++) {
    inv[c * l + c] = 1 / L[c * l + c];
    for (let i = c + 1; i < l; i++) {
      let s = 0;
      for (let k = c; k < i; k++) s += L[i * l + k] * inv[k * l + c];
      inv[i * l + c] = -s / L[i * l + i];
    }
  }
  return inv;
}

/** Orthonormal basis of the columns of Y [n, l] (shifted CholeskyQR2). */
export function orth(y: Float32Array, n: number, l: number): Float32Array {
  let q = y;
  for (let pass = 0; pass < 2; pass++) {
    const g = gram(q, n, l);
    let tr = 0;
    for (let i = 0; i < l; i++) tr += g[i * l + i];
    // the shift keeps a (numerically) rank-deficient Y factorisable; the 2nd pass restores orthogonality
    let shift = Math.max(tr / l, 1e-30) * (pass === 0 ? 1e-6 : 1e-12);
    let chol: CholeskyDecomposition | undefined;
    for (let tries = 0; tries < 8; tries++, shift *= 100) {
      const m = new Matrix(l, l);
      for (let i = 0; i < l; i++) for (let j = 0; j < l; j++) m.set(i, j, g[i * l + j] + (i === j ? shift : 0));
      chol = new CholeskyDecomposition(m);
      if (chol.isPositiveDefinite()) break;
    }
    if (!chol || !chol.isPositiveDefinite()) throw new Error(`rsvd: Gram matrix [${l}, ${l}] is not positive definite even with a shift of ${shift}`);
    const L = Float64Array.from(chol.lowerTriangularMatrix.to1DArray());
    const inv = invLower(L, l);
    // Q = Y R⁻¹ with R = Lᵀ, i.e. Y · (L⁻¹)ᵀ
    const invT = new Float64Array(l * l);
    for (let i = 0; i < l; i++) for (let j = 0; j < l; j++) invT[i * l + j] = inv[j * l + i];
    q = times(q, n, l, invT, l);
  }
  return q;
}

export function randomizedSvd(x: Csr, k: number, options: RsvdOptions = {}): TruncatedSvd {
  const o = { ...RSVD_DEFAULTS, ...options };
  const { nRows: n, nCols: d } = x;
  if (!(Number.isInteger(k) && k >= 1)) throw new Error(`randomizedSvd: k must be a positive integer, got ${k}`);
  const l = Math.min(k + o.oversample, n, d);
  const t0 = performance.now();
  const debug = (step: string) => process.env.RSVD_DEBUG && console.error(`rsvd ${step}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const r = rng(o.seed);
  const omega = new Float32Array(d * l); // [d, l]
  for (let i = 0; i < omega.length; i++) omega[i] = r.normal();
  let q = orth(csrMul(x, omega, l), n, l); // [n, l]
  debug('range');
  // only the n-side is re-orthonormalised: the d side (up to 65,536 rows) would cost 10× more in dense products
  for (let it = 0; it < o.nIter; it++) {
    q = orth(csrMul(x, csrTMul(x, q, l), l), n, l);
    debug(`power iteration ${it + 1}`);
  }
  const z = csrTMul(x, q, l); // [d, l] = Bᵀ, B = Qᵀ X
  const bbt = gramOf(q, csrMul(x, z, l), n, l); // [l, l] = Qᵀ X Xᵀ Q = B Bᵀ
  const m = new Matrix(l, l);
  for (let i = 0; i < l; i++) for (let j = 0; j < l; j++) m.set(i, j, 0.5 * (bbt[i * l + j] + bbt[j * l + i]));
  const evd = new EigenvalueDecomposition(m, { assumeSymmetric: true });
  debug('eigen');
  const lam = evd.realEigenvalues;
  const vecs = evd.eigenvectorMatrix;
  const order = Array.from(lam.keys()).sort((a, b) => lam[b] - lam[a] || a - b);
  const top = order.filter((j) => lam[j] > 1e-10 * Math.max(lam[order[0]], 1e-30)).slice(0, k);
  const kk = top.length;
  // U Σ⁻¹ = Q W_k Λ_k^(−1/2) [n, kk]; then V = Xᵀ U Σ⁻¹ (a sparse product, no d-side dense one)
  const w = new Float64Array(l * kk);
  for (let c = 0; c < kk; c++) {
    const inv = 1 / Math.sqrt(lam[top[c]]);
    for (let i = 0; i < l; i++) w[i * kk + c] = vecs.get(i, top[c]) * inv;
  }
  const v = csrTMul(x, times(q, n, l, w, kk), kk); // [d, kk]
  flipSigns(v, d, kk);
  debug('done');
  return { d, k: kk, v, s: Float32Array.from(top, (j) => Math.sqrt(lam[j])) };
}

/** Aᵀ B of two row-major [n, l] matrices → [l, l] */
function gramOf(a: Float32Array, b: Float32Array, n: number, l: number): Float64Array {
  return Float64Array.from(tf.tidy(() => tf.matMul(tf.tensor2d(a, [n, l]), tf.tensor2d(b, [n, l]), true, false).dataSync()));
}

/** Sign convention (as scikit-learn's svd_flip): each column's largest-|·| entry is positive. */
function flipSigns(v: Float32Array, d: number, k: number): void {
  for (let c = 0; c < k; c++) {
    let best = 0;
    for (let i = 0; i < d; i++) if (Math.abs(v[i * k + c]) > Math.abs(best)) best = v[i * k + c];
    if (best < 0) for (let i = 0; i < d; i++) v[i * k + c] = -v[i * k + c];
  }
}
