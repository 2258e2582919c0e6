/**
 * Gradient blending (Wang, Tran, Feiszli, "What Makes Training Multi-modal
 * Classification Networks Hard?", CVPR 2020: the overfitting-to-
 * generalization ratio and its optimal weights, online G-Blend).
 *
 * The objective blends the fused loss and one loss per modality,
 *   L_blend = w_fused · L_fused + Σ_u w_u · L_u
 * (L_u: cross-entropy of branch u's logits, the modality's slice of the
 * classifier), with weights from each head's overfitting O and
 * generalization G between two checkpoints n and n + Δ:
 *   G_k = L^V_n − L^V_{n+Δ},   O_k = (L^V_{n+Δ} − L^T_{n+Δ}) − (L^V_n − L^T_n)
 *   w_k = (G_k / O_k²) / Σ_j (G_j / O_j²)                    (the optimal blend)
 * L^T is measured on the training rows, L^V on a held-out part of the
 * TRAINING split (option holdout; never the validation split, which model
 * selection reads). Online G-Blend: weights re-estimated every `every`
 * epochs, uniform before the first estimate. A head with G ≤ 0 (no
 * generalization gain) gets weight 0; O² is floored at `eps` (a head that
 * neither overfits nor underfits would otherwise take all the weight);
 * all-zero weights fall back to uniform.
 */
import { subset, type Dataset } from '../data/dataset';
import { predict } from '../eval/predict';
import type { Model } from '../models/model';
import { crossEntropy } from '../models/model';
import { tf } from '../backend/index';
import { deriveSeed, permutation, rng } from '../util/random';
import { MethodBase, type EpochPlan, type MethodContext, type StepContext, type StepLoss } from './method';

export interface GradientBlendingOptions {
  /** share of the training split held out for L^V */
  holdout?: number;
  /** epochs between weight estimates (online G-Blend's super-epoch) */
  every?: number;
  /** floor of O² */
  eps?: number;
}

export const GRADIENT_BLENDING_DEFAULTS: Required<GradientBlendingOptions> = { holdout: 0.1, every: 1, eps: 1e-4 };

/** per head (fused + each branch): train and held-out loss at a checkpoint */
export type Checkpoint = Record<string, { train: number; held: number }>;

/** The optimal blend: w_k ∝ G_k / O_k² from two checkpoints; returns weights summing to 1 and the G, O used. */
export function blendWeights(
  prev: Checkpoint,
  cur: Checkpoint,
  eps = GRADIENT_BLENDING_DEFAULTS.eps,
): { w: Record<string, number>; G: Record<string, number>; O: Record<string, number> } {
  const heads = Object.keys(cur);
  const G: Record<string, number> = {},
    O: Record<string, number> = {},
    raw: Record<string, number> = {};
  for (const k of heads) {
    if (!prev[k]) throw new Error(`gradient-blending: no previous checkpoint for head '${k}'`);
    G[k] = prev[k].held - cur[k].held;
    O[k] = cur[k].held - cur[k].train - (prev[k].held - prev[k].train);
    raw[k] = G[k] > 0 ? G[k] / Math.max(O[k] * O[k], eps) : 0;
  }
  const Z = heads.reduce((s, k) => s + raw[k], 0);
  const w = Object.fromEntries(heads.map((k) => [k, Z > 0 ? raw[k] / Z : 1 / heads.length]));
  return { w, G, O };
}

/** mean cross-entropy of the fused logits and of each branch's logits on `ds` */
export function headLosses(model: Model, ds: Dataset): Record<string, number> {
  const p = predict(model, ds, { batchSize: 256 });
  const K = model.classes ?? 2,
    N = ds.labels.length;
  const ce = (probs: Float32Array) => {
    let s = 0;
    for (let i = 0; i < N; i++) s -= Math.log(Math.max(probs[i * K + ds.labels[i]], 1e-12));
    return s / N;
  };
  return { fused: ce(p.probs), ...Object.fromEntries(Object.entries(p.branches).map(([b, q]) => [b, ce(q)])) };
}

export class GradientBlending extends MethodBase<GradientBlendingOptions> {
  private rows = new Int32Array(0);
  private trainPart?: Dataset;
  private held?: Dataset;
  private last: Checkpoint = {};
  private w: Record<string, number> = {};
  private stats: Record<string, number> = {};

  constructor(options: GradientBlendingOptions = {}) {
    super('gradient-blending', GRADIENT_BLENDING_DEFAULTS, options);
    if (!(this.o.holdout > 0 && this.o.holdout < 1)) throw new Error(`gradient-blending: option 'holdout' must be in (0, 1), got ${this.o.holdout}`);
    if (!(Number.isInteger(this.o.every) && this.o.every >= 1))
      throw new Error(`gradient-blending: option 'every' must be a positive integer, got ${this.o.every}`);
    if (!(this.o.eps > 0)) throw new Error(`gradient-blending: option 'eps' must be > 0, got ${this.o.eps}`);
  }

  private checkpoint(model: Model): Checkpoint {
    const t = headLosses(model, this.trainPart!),
      h = headLosses(model, this.held!);
    return Object.fromEntries(Object.keys(t).map((k) => [k, { train: t[k], held: h[k] }]));
  }

  /** the held-out rows are a seeded share of the training split; the rest are trained on */
  setup({ model, data, seed }: MethodContext): void {
    const N = data.train.labels.length;
    const p = permutation(N, rng(deriveSeed(seed, 'gradient-blending:holdout')));
    const nHeld = Math.round(this.o.holdout * N);
    if (nHeld < 1 || nHeld >= N) throw new Error(`gradient-blending: holdout ${this.o.holdout} of ${N} training rows leaves ${nHeld} held out`);
    const held = Int32Array.from(p.subarray(0, nHeld)).sort();
    this.rows = Int32Array.from(p.subarray(nHeld)).sort();
    this.held = subset(data.train, held, `${data.train.name}:gblend-held`);
    this.trainPart = subset(data.train, this.rows, `${data.train.name}:gblend-train`);
    this.last = this.checkpoint(model);
    const heads = Object.keys(this.last);
    if (heads.length < 3) throw new Error(`gradient-blending: model '${model.name}' needs ≥ 2 branch logits (Output.branches), got heads ${heads.join(', ')}`);
    this.w = Object.fromEntries(heads.map((k) => [k, 1 / heads.length]));
    this.stats = Object.fromEntries(
      heads.flatMap((k) => [
        [`G_${k}`, 0],
        [`O_${k}`, 0],
      ]),
    );
  }

  beginEpoch(epoch: number, { seed }: MethodContext): EpochPlan {
    const p = permutation(this.rows.length, rng(deriveSeed(seed, `gradient-blending:${epoch}`)));
    return { order: Int32Array.from(p, (j) => this.rows[j]) };
  }

  stepLoss({ out, batch }: StepContext): StepLoss {
    const losses: Record<string, tf.Scalar> = {};
    for (const [b, l] of Object.entries(out.branches ?? {})) losses[`uni_${b}`] = tf.mul(crossEntropy(l, batch.labels), this.w[b] ?? 0) as tf.Scalar;
    return { losses, modelWeight: this.w.fused, record: Object.fromEntries(Object.entries(this.w).map(([k, v]) => [`coef_${k}`, v])) };
  }

  endEpoch(epoch: number, { model }: MethodContext): Record<string, number> {
    if (epoch % this.o.every === 0) {
      const cur = this.checkpoint(model);
      const { w, G, O } = blendWeights(this.last, cur, this.o.eps);
      this.w = w;
      this.last = cur;
      for (const k of Object.keys(w)) ((this.stats[`G_${k}`] = G[k]), (this.stats[`O_${k}`] = O[k]));
    }
    return { ...Object.fromEntries(Object.entries(this.w).map(([k, v]) => [`coef_${k}`, v])), ...this.stats };
  }
}

export function gradientBlending(options: GradientBlendingOptions = {}): GradientBlending {
  return new GradientBlending(options);
}
