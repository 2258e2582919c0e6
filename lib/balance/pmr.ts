/**
 * PMR — Prototypical Modal Rebalance (Fan et al.,
 * "PMR: Prototypical Modal Rebalance for Multimodal Learning", CVPR 2023,
 * authors' code fanyunfeng-bit/Modal-Imbalance-PMR,
 * main_Prototype_grad.py).
 *
 * Per-class prototypes of each modality's features (the branch
 * representation φ^u the classifier reads), from a sample of the training
 * split in inference mode — the authors use the first tenth of the shuffled
 * batches — before epoch 1, then after every epoch with momentum:
 *   c^u_k ← (1 − μ) · mean_{i: y_i = k} φ^u_i + μ · c^u_k            (μ: momentum_coef = 0.2)
 * Prototypical cross-entropy, with negative Euclidean distances as logits:
 *   L^u_PCE = CE(softmax(−‖φ^u_i − c^u_k‖)_k, y_i)                    (PCE)
 * and the prototype-score ratio of the batch
 *   ρ = Σ_i softmax(−d^t_i)[y_i] / Σ_i softmax(−d^v_i)[y_i]
 * decides which modality is slow: L = L_CE + α·L^v_PCE if ρ > 1, + α·L^t_PCE if ρ < 1
 * (the authors' code: the weaker modality's PCE at full weight α; the paper's
 * entropy regulariser of the dominant modality is not in that code and not here).
 * Two branches; modulation window start..end (1-based; authors 0..100).
 */
import { tf } from '../backend/index';
import { makeBatch } from '../data/batch';
import { crossEntropy } from '../models/model';
import { deriveSeed, permutation, rng } from '../util/random';
import { MethodBase, type MethodContext, type StepContext, type StepLoss } from './method';

export interface PmrOptions {
  /** α: weight of the slow modality's prototypical cross-entropy */
  alpha?: number;
  /** μ: weight of the previous prototypes in the momentum update */
  momentum?: number;
  /** share of the training split the prototypes are computed on (authors: a tenth of the batches) */
  sample?: number;
  start?: number;
  end?: number;
}

export const PMR_DEFAULTS: Required<PmrOptions> = { alpha: 1, momentum: 0.2, sample: 0.1, start: 1, end: 100 };

/** Per-class means of rows [n, d] (row-major) with labels in 0..K−1; a class without rows gets NaN (the caller keeps its old prototype). */
export function classMeans(features: ArrayLike<number>, d: number, labels: ArrayLike<number>, K: number): Float64Array {
  const sum = new Float64Array(K * d),
    count = new Float64Array(K);
  for (let i = 0; i < labels.length; i++) {
    const k = labels[i];
    count[k]++;
    for (let j = 0; j < d; j++) sum[k * d + j] += features[i * d + j];
  }
  for (let k = 0; k < K; k++) for (let j = 0; j < d; j++) sum[k * d + j] = count[k] ? sum[k * d + j] / count[k] : NaN;
  return sum;
}

/** The momentum update c ← (1 − μ) · mean + μ · c_old (no old prototype, or a class without rows: the other one). */
export function updatePrototypes(mean: Float64Array, old: ArrayLike<number> | undefined, momentum: number): Float32Array {
  return Float32Array.from(mean, (m, i) => (old === undefined ? (Number.isNaN(m) ? 0 : m) : Number.isNaN(m) ? old[i] : (1 - momentum) * m + momentum * old[i]));
}

/** −‖φ_i − c_k‖ for every row and prototype: [B, d] × [K, d] → [B, K] (smooth at distance 0). */
export function prototypeLogits(h: tf.Tensor2D, protos: tf.Tensor2D): tf.Tensor2D {
  const diff = tf.sub(h.expandDims(1), protos.expandDims(0)); // [B, K, d]
  return tf.neg(tf.sqrt(tf.add(tf.sum(tf.square(diff), 2), 1e-12))) as tf.Tensor2D;
}

/** Which modality's PCE is added, and with what weight, from the prototype-score ratio ρ = s_first / s_second. */
export function pmrCoefficients(ratio: number, alpha: number): [number, number] {
  return ratio > 1 ? [0, alpha] : ratio < 1 ? [alpha, 0] : [0, 0];
}

export class Pmr extends MethodBase<PmrOptions> {
  private protos: Record<string, tf.Tensor2D> = {};

  constructor(options: PmrOptions = {}) {
    super('PMR', PMR_DEFAULTS, options);
    if (!(this.o.alpha >= 0)) throw new Error(`PMR: option 'alpha' must be ≥ 0, got ${this.o.alpha}`);
    if (!(this.o.momentum >= 0 && this.o.momentum <= 1)) throw new Error(`PMR: option 'momentum' must be in [0, 1], got ${this.o.momentum}`);
    if (!(this.o.sample > 0 && this.o.sample <= 1)) throw new Error(`PMR: option 'sample' must be in (0, 1], got ${this.o.sample}`);
  }

  setup(): void {
    this.dispose();
  }

  /** prototypes before this epoch: class means of the features on a seeded sample of the training split, with momentum */
  beginEpoch(epoch: number, { model, data, seed }: MethodContext): void {
    const ds = data.train,
      K = model.classes ?? 2;
    const p = permutation(ds.labels.length, rng(deriveSeed(seed, `pmr:${epoch}`)));
    const rows = p.subarray(0, Math.max(K, Math.ceil(this.o.sample * p.length)));
    const feats: Record<string, { data: number[]; d: number }> = {};
    for (let s = 0; s < rows.length; s += 256) {
      tf.tidy(() => {
        const out = model.forward(makeBatch(ds, rows.subarray(s, s + 256)), false);
        if (!out.features || Object.keys(out.features).length !== 2)
          throw new Error(`PMR: model '${model.name}' must return Output.features for exactly 2 branches`);
        for (const [b, h] of Object.entries(out.features)) {
          const f = (feats[b] ??= { data: [], d: h.shape[1] }).data;
          for (const x of h.dataSync()) f.push(x);
        }
      });
    }
    const labels = Array.from(rows, (i) => ds.labels[i]);
    for (const [b, { data: f, d }] of Object.entries(feats)) {
      const old = this.protos[b]?.dataSync();
      const next = tf.tensor2d(updatePrototypes(classMeans(f, d, labels, K), old, this.o.momentum), [K, d]);
      this.protos[b]?.dispose();
      this.protos[b] = next;
    }
  }

  stepLoss({ out, batch, epoch }: StepContext): StepLoss {
    const [a, b] = Object.keys(this.protos);
    if (!out.features?.[a] || !out.features?.[b]) throw new Error(`PMR: Output.features must have the branches ${a}, ${b}`);
    const y1h = tf.oneHot(batch.labels, this.protos[a].shape[0]);
    const la = prototypeLogits(out.features[a], this.protos[a]),
      lb = prototypeLogits(out.features[b], this.protos[b]);
    const sa = tf.sum(tf.mul(tf.softmax(la), y1h)).dataSync()[0],
      sb = tf.sum(tf.mul(tf.softmax(lb), y1h)).dataSync()[0];
    const ratio = sa / Math.max(sb, 1e-12);
    const active = epoch >= this.o.start && epoch <= this.o.end;
    const [ka, kb] = active ? pmrCoefficients(ratio, this.o.alpha) : [0, 0];
    const ca = crossEntropy(la, batch.labels),
      cb = crossEntropy(lb, batch.labels);
    return {
      losses: { [`pce_${a}`]: tf.mul(ca, ka) as tf.Scalar, [`pce_${b}`]: tf.mul(cb, kb) as tf.Scalar },
      record: {
        [`proto_ce_${a}`]: ca.dataSync()[0],
        [`proto_ce_${b}`]: cb.dataSync()[0],
        [`proto_score_${a}`]: sa / batch.size,
        [`proto_score_${b}`]: sb / batch.size,
        ratio_proto: ratio,
        [`coef_${a}`]: ka,
        [`coef_${b}`]: kb,
      },
    };
  }

  dispose(): void {
    for (const t of Object.values(this.protos)) t.dispose();
    this.protos = {};
  }
}

export function pmr(options: PmrOptions = {}): Pmr {
  return new Pmr(options);
}
