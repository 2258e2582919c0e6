/**
 * Cross-view NCE distillation with memory banks (CRD, Tian et al. 2020), as
 * CMC uses it between a text and an image network (CMC Eq. 1–6). Generic in
 * two views a and b: each has an embedding head φ (Linear → L2-normalised,
 * 128-d) and a memory bank of its embeddings; view a's anchor is scored
 * against view b's bank and vice versa.
 *
 *   H(a_i, b_j) = exp(φ_a(a_i) · m^b_j / τ)                      Eq. 3 (cosine: both unit vectors)
 *   P_j = H / Z,  Z = mean(H over the first batch) · N, then fixed (CRD; CMC's code)
 *   P(D = 1 | b_j, a_i) = P_j / (P_j + k/N)                       Eq. 4 (p_n = 1/N, Eq. 2)
 *   L_{b→a} = −log P(D=1|b_i,a_i) − Σ_{j ∈ k negatives} log(1 − P(D=1|b_j,a_i))   Eq. 5
 *   L_distill = L_{a→b} + L_{b→a}                                  Eq. 6
 *
 * The banks are constants of the loss: L_{b→a} has gradient only in view a's
 * network (and φ_a), L_{a→b} only in view b's. Negatives come only from
 * samples of the other class (CRD's dataset sampler, kept by CMC's code).
 */
import { tf } from '../backend/index';
import { Module } from '../nn/module';
import { Linear } from '../nn/linear';
import { l2normalize } from '../nn/norm';
import { MemoryBank, sampleCandidates, type NegativePool } from '../nn/memory-bank';
import { deriveSeed, rng, type Rng } from '../util/random';

export interface CrossViewNCEOptions {
  /** training-set size N (bank rows) */
  size: number;
  /** input widths of the two views' features */
  inDims: [number, number];
  /** embedding width of φ_a, φ_b and the banks (CRD/CMC: 128) */
  featDim?: number;
  /** τ (CRD/CMC: 0.07) */
  temperature?: number;
  /** bank momentum (CRD/CMC: 0.5) */
  momentum?: number;
  /** negatives per anchor (CMC's code: 1,500 on Weibo, 6,384 on Twitter) */
  k?: number;
  negatives?: NegativePool;
  /** CRD's eps inside the logs */
  eps?: number;
  seed?: number;
}

export const NCE_DEFAULTS: Required<Omit<CrossViewNCEOptions, 'size' | 'inDims'>> = {
  featDim: 128,
  temperature: 0.07,
  momentum: 0.5,
  k: 1500,
  negatives: 'other-class',
  eps: 1e-7,
  seed: 0,
};

/** CMC's k was set for Weibo's 7,532 training posts; a smaller training set gets k scaled by N / 7,532. */
export const K_REFERENCE_ROWS = 7532;

/** k for a training set of n rows: k · n / ref, rounded, at least 1 and never more than k. */
export function scaledK(k: number, n: number, ref = K_REFERENCE_ROWS): number {
  return Math.max(1, Math.min(k, Math.round((k * n) / ref)));
}

/**
 * Eq. 3 numerator of an anchor against EVERY bank row: exp(<z_i, m_j> / τ), z [B, d] unit rows, bank
 * [N, d] → [B, N]. Scoring all N rows and weighting the candidates (below) costs one [B, d]·[d, N]
 * product, less than gathering [B, k+1, d] candidate rows when k is a sizeable share of N, and needs
 * no gather (whose gradient the wasm backend lacks).
 */
export function nceScores(z: tf.Tensor2D, bank: tf.Tensor2D, temperature: number): tf.Tensor2D {
  return tf.exp(tf.div(tf.matMul(z, bank, false, true), temperature)) as tf.Tensor2D; // [B, N]
}

/**
 * Candidates [B, k+1] (row-major, positive first) as weights over the bank's N rows: `pos` one-hot of
 * the positive, `neg` the count of each row among the negatives (a row drawn twice counts twice).
 */
export function candidateWeights(candidates: Int32Array, B: number, n: number): { pos: Float32Array; neg: Float32Array; k: number } {
  const K1 = candidates.length / B;
  if (!Number.isInteger(K1) || K1 < 2) throw new Error(`candidateWeights: ${candidates.length} candidates do not split into ${B} rows of k + 1 ≥ 2`);
  const pos = new Float32Array(B * n),
    neg = new Float32Array(B * n);
  for (let b = 0; b < B; b++) {
    pos[b * n + candidates[b * K1]] = 1;
    for (let j = 1; j < K1; j++) neg[b * n + candidates[b * K1 + j]] += 1;
  }
  return { pos, neg, k: K1 - 1 };
}

/** Z = mean of H over every anchor's k + 1 candidates, times N (CRD's estimate; taken on the first batch only). */
export function estimateZ(H: tf.Tensor2D, w: { pos: Float32Array; neg: Float32Array; k: number }): number {
  const [B, n] = H.shape;
  return tf.tidy(() => {
    const all = tf.add(tf.tensor2d(w.pos, [B, n]), tf.tensor2d(w.neg, [B, n]));
    return (tf.sum(tf.mul(H, all)).dataSync()[0] / (B * (w.k + 1))) * n;
  });
}

/**
 * Eq. 4–5, with P = H / Z: the mean over anchors of −log(P₊/(P₊ + k/N)) − Σ_neg log((k/N)/(P_j + k/N)),
 * CRD's eps in both denominators. H [B, N] scores against all rows; w the candidate weights.
 */
export function nceLoss(H: tf.Tensor2D, w: { pos: Float32Array; neg: Float32Array; k: number }, Z: number, eps = NCE_DEFAULTS.eps): tf.Scalar {
  const [B, n] = H.shape;
  const kPn = w.k / n; // k · p_n, p_n = 1/N (Eq. 2)
  const P = tf.div(H, Z);
  const denom = tf.add(P, kPn + eps);
  const logD1 = tf.log(tf.div(P, denom)); // log P(D=1 | positive)          Eq. 4
  const logD0 = tf.log(tf.div(tf.scalar(kPn), denom)); // log (1 − P(D=1 | negative))
  const total = tf.add(tf.sum(tf.mul(logD1, tf.tensor2d(w.pos, [B, n]))), tf.sum(tf.mul(logD0, tf.tensor2d(w.neg, [B, n]))));
  return tf.div(tf.neg(total), B) as tf.Scalar; // Eq. 5
}

export interface NCEStep {
  /** L_{b→a}: anchors of view a against view b's bank (gradient in view a) */
  bToA: tf.Scalar;
  /** L_{a→b} */
  aToB: tf.Scalar;
  /** Eq. 6 */
  distill: tf.Scalar;
  /** the unit embeddings [B, d] of this step, for `update` after the optimiser step */
  za: tf.Tensor2D;
  zb: tf.Tensor2D;
}

export class CrossViewNCE extends Module {
  readonly o: Required<CrossViewNCEOptions>;
  readonly embedA: Linear;
  readonly embedB: Linear;
  readonly bankA: MemoryBank;
  readonly bankB: MemoryBank;
  /** the normalising constants, estimated on the first batch and then fixed (null before) */
  zA: number | null = null;
  zB: number | null = null;
  private readonly r: Rng;

  constructor(options: CrossViewNCEOptions) {
    super();
    const known = new Set([...Object.keys(NCE_DEFAULTS), 'size', 'inDims']);
    for (const key of Object.keys(options)) if (!known.has(key)) throw new Error(`CrossViewNCE: unknown option '${key}' (known: ${[...known].join(', ')})`);
    const o = { ...NCE_DEFAULTS, ...options } as Required<CrossViewNCEOptions>;
    if (!(o.temperature > 0)) throw new Error(`CrossViewNCE: option 'temperature' must be > 0, got ${o.temperature}`);
    if (!(Number.isInteger(o.k) && o.k > 0)) throw new Error(`CrossViewNCE: option 'k' must be a positive integer, got ${o.k}`);
    if (o.negatives !== 'other-class' && o.negatives !== 'all')
      throw new Error(`CrossViewNCE: option 'negatives' must be 'other-class' or 'all', got '${o.negatives}'`);
    this.o = o;
    this.embedA = this.child(new Linear(o.inDims[0], o.featDim, { seed: deriveSeed(o.seed, 'embedA') }));
    this.embedB = this.child(new Linear(o.inDims[1], o.featDim, { seed: deriveSeed(o.seed, 'embedB') }));
    this.bankA = new MemoryBank({ size: o.size, dim: o.featDim, momentum: o.momentum, seed: deriveSeed(o.seed, 'bankA') });
    this.bankB = new MemoryBank({ size: o.size, dim: o.featDim, momentum: o.momentum, seed: deriveSeed(o.seed, 'bankB') });
    this.r = rng(deriveSeed(o.seed, 'negatives'));
  }

  /**
   * Eq. 3–6 for one batch: features ha [B, da], hb [B, db] of training rows `idx`; `labels` are the
   * labels of the whole training set (for the other-class negatives). Call inside tf.tidy / computeGradients.
   */
  loss(ha: tf.Tensor2D, hb: tf.Tensor2D, idx: ArrayLike<number>, labels: ArrayLike<number>): NCEStep {
    const N = this.o.size;
    const za = l2normalize(this.embedA.apply(ha)); // [B, d]
    const zb = l2normalize(this.embedB.apply(hb)); // [B, d]
    const B = idx.length;
    // anchors of view a are scored against bank b, and vice versa
    const wA = candidateWeights(sampleCandidates(idx, labels, this.o.k, this.r, this.o.negatives), B, N);
    const wB = candidateWeights(sampleCandidates(idx, labels, this.o.k, this.r, this.o.negatives), B, N);
    const hA = nceScores(za, this.bankB.tensor(), this.o.temperature); // [B, N]
    const hB = nceScores(zb, this.bankA.tensor(), this.o.temperature);
    // Z once, from the first batch (mean · N), then constant: CRD's ContrastMemory
    if (this.zA === null) this.zA = estimateZ(hA, wA);
    if (this.zB === null) this.zB = estimateZ(hB, wB);
    const bToA = nceLoss(hA, wA, this.zA, this.o.eps);
    const aToB = nceLoss(hB, wB, this.zB, this.o.eps);
    return { bToA, aToB, distill: tf.add(bToA, aToB) as tf.Scalar, za, zb };
  }

  /** after the optimiser step: the momentum update of both banks at rows `idx` */
  update(idx: ArrayLike<number>, za: Float32Array, zb: Float32Array): void {
    this.bankA.update(idx, za);
    this.bankB.update(idx, zb);
  }
}
