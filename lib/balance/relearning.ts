/**
 * Diagnosing & Re-learning (Wei, Li, Hu, "Diagnosing and Re-learning for
 * Balanced Multimodal Learning", ECCV 2024; authors' code
 * GeWu-Lab/Diagnosing_Relearning_ECCV2024, code/ours.py).
 *
 * Diagnosis: a modality's learning state is read from its representation
 * alone — k-means (K = classes) on the min-max-scaled branch features, and
 * the purity of the clusters w.r.t. the labels, on the training split and on
 * the validation split. A modality that fits the training data much better
 * than it generalises (a large purity gap) is over-trained:
 *   w^u = tanh(λ · |purity^u_train − purity^u_val|)              (λ: move_lambda = 3)
 * Re-learning: every `every` epochs (authors: 20; at most `times` = 3 times)
 * the encoder of each modality is softly re-initialised
 *   θ^u ← w^u · θ^u_init + (1 − w^u) · θ^u
 * (θ_init: the weights before training; the optimiser state is kept, as the
 * authors). The diagnosis is computed (and recorded) every epoch; the
 * re-initialisation runs after the epoch's validation and model selection,
 * so it shapes the following epochs. The validation split is only read for
 * the purity gap, as in the paper — never the test split.
 */
import { tf } from '../backend/index';
import { makeBatch } from '../data/batch';
import type { Dataset } from '../data/dataset';
import { kmeans, minMaxScale, purity } from '../eval/kmeans';
import type { Model } from '../models/model';
import { deriveSeed } from '../util/random';
import { MethodBase, type MethodContext } from './method';

export interface RelearningOptions {
  /** λ of w = tanh(λ · purity gap) (authors' move_lambda) */
  lambda?: number;
  /** epochs between re-initialisations (authors' reinit_epoch) */
  every?: number;
  /** at most this many re-initialisations (authors' reinit_num) */
  times?: number;
}

export const RELEARNING_DEFAULTS: Required<RelearningOptions> = { lambda: 3, every: 20, times: 3 };

/** w = tanh(λ · |train purity − val purity|) */
export function reinitStrength(trainPurity: number, valPurity: number, lambda: number): number {
  return Math.tanh(lambda * Math.abs(trainPurity - valPurity));
}

/** θ ← w · θ_init + (1 − w) · θ */
export function softReinit(v: tf.Variable, init: tf.Tensor, w: number): void {
  tf.tidy(() => v.assign(tf.add(tf.mul(init, w), tf.mul(v, 1 - w))));
}

/** per-branch features of every row of ds, inference mode: branch → { data [n, d], d } */
export function branchFeatures(model: Model, ds: Dataset): Record<string, { data: Float32Array; d: number }> {
  const N = ds.labels.length,
    out: Record<string, { data: Float32Array; d: number }> = {};
  for (let s = 0; s < N; s += 256) {
    const idx = Int32Array.from({ length: Math.min(256, N - s) }, (_, i) => s + i);
    tf.tidy(() => {
      const f = model.forward(makeBatch(ds, idx), false).features;
      if (!f) throw new Error(`model '${model.name}' returns no Output.features`);
      for (const [b, h] of Object.entries(f)) {
        const d = h.shape[1];
        (out[b] ??= { data: new Float32Array(N * d), d }).data.set(h.dataSync(), s * d);
      }
    });
  }
  return out;
}

export class Relearning extends MethodBase<RelearningOptions> {
  private init = new Map<tf.Variable, tf.Tensor>();
  private done = 0;

  constructor(options: RelearningOptions = {}) {
    super('diagnose-relearn', RELEARNING_DEFAULTS, options);
    if (!(this.o.lambda >= 0)) throw new Error(`diagnose-relearn: option 'lambda' must be ≥ 0, got ${this.o.lambda}`);
    for (const k of ['every', 'times'] as const)
      if (!(Number.isInteger(this.o[k]) && this.o[k] >= 1)) throw new Error(`diagnose-relearn: option '${k}' must be a positive integer, got ${this.o[k]}`);
  }

  /** θ_init of every encoder variable */
  setup({ model }: MethodContext): void {
    this.dispose();
    this.done = 0;
    for (const vs of Object.values(model.groups())) for (const v of vs) this.init.set(v, tf.keep(tf.clone(v)));
  }

  endEpoch(epoch: number, { model, data, seed }: MethodContext): Record<string, number> {
    const K = model.classes ?? 2;
    const tr = branchFeatures(model, data.train),
      va = branchFeatures(model, data.val);
    const groups = model.groups();
    const due = epoch % this.o.every === 0 && this.done < this.o.times;
    const rec: Record<string, number> = { reinit: due ? 1 : 0 };
    for (const b of Object.keys(groups)) {
      if (!tr[b]) throw new Error(`diagnose-relearn: model '${model.name}' has group '${b}' but no Output.features.${b}`);
      const score = (f: { data: Float32Array; d: number }, ds: Dataset, label: string) => {
        const n = ds.labels.length;
        return purity(ds.labels, kmeans(minMaxScale(f.data, n, f.d), n, f.d, Math.min(K, n), deriveSeed(seed, `relearn:${label}:${b}:${epoch}`)));
      };
      const pt = score(tr[b], data.train, 'train'),
        pv = score(va[b], data.val, 'val');
      const w = reinitStrength(pt, pv, this.o.lambda);
      rec[`purity_train_${b}`] = pt;
      rec[`purity_val_${b}`] = pv;
      rec[`strength_${b}`] = w; // the diagnosis, every epoch
      rec[`coef_${b}`] = due ? w : 0; // the re-initialisation applied
      if (due) for (const v of groups[b]) softReinit(v, this.init.get(v)!, w);
    }
    if (due) this.done++;
    return rec;
  }

  dispose(): void {
    for (const t of this.init.values()) t.dispose();
    this.init.clear();
  }
}

export function relearning(options: RelearningOptions = {}): Relearning {
  return new Relearning(options);
}
