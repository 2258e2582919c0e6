/**
 * Sample-level modality valuation (Wei, Feng, Wang, Hu, "Enhancing
 * Multimodal Cooperation via Sample-level Modality Valuation", CVPR 2024,
 * authors' code GeWu-Lab/Valuate-and-Enhance-Multimodal-Cooperation,
 * code/sample_level.py and its dataloader).
 *
 * Each sample's modalities are valued by their Shapley contribution to a
 * correct prediction (two players, v(∅) = 0):
 *   φ^u_i = ½ [ (v_i(u) − v_i(∅)) + (v_i(u, w) − v_i(w)) ] = (v_i(u) + v_i(all) − v_i(w)) / 2
 * with v_i(all) = 2 · [fused prediction correct] (the worth of both players, as the authors'
 * code), v_i(u) = [prediction with only modality u (the other zeroed) correct].
 * A low contribution means the model has not learnt that modality on that
 * sample, so the sample is added again to the epoch with the other
 * modality dropped — the authors' step function of φ (their dataloader):
 *   φ ∈ (0.4, 1) → 1 copy,  φ ∈ (−0.1, 0.4) → 2 copies,  φ < −0.1 → 3 copies,  else none.
 * The valuation runs on the training split in inference mode before each
 * epoch (= after the previous one, as the authors' loop); re-sampling starts
 * after `warmup` plain epochs (authors: 5).
 */
import type { Dataset, Modality } from '../data/dataset';
import { predict } from '../eval/predict';
import { coalitionKey, shapleyValues } from '../eval/shapley';
import { deriveSeed, permutation, rng } from '../util/random';
import { MethodBase, type EpochPlan, type MethodContext } from './method';
import type { Model } from '../models/model';

export interface ValuationOptions {
  /** plain epochs before re-sampling starts */
  warmup?: number;
}

export const VALUATION_DEFAULTS: Required<ValuationOptions> = { warmup: 5 };

/** φ^text, φ^image per sample from correctness of the fused, text-only and image-only predictions. */
export function sampleContributions(all: ArrayLike<boolean>, text: ArrayLike<boolean>, image: ArrayLike<boolean>): { text: Float64Array; image: Float64Array } {
  const n = all.length;
  if (text.length !== n || image.length !== n) throw new Error(`valuation: correctness arrays differ in length (${n}, ${text.length}, ${image.length})`);
  const t = new Float64Array(n),
    im = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // the two-player game of post i: v(∅) = 0, v(u) = [u alone correct], v(all) = 2 · [fused correct]
    const v: Record<string, number> = { '': 0, text: text[i] ? 1 : 0, image: image[i] ? 1 : 0, 'image+text': all[i] ? 2 : 0 };
    const phi = shapleyValues(['text', 'image'] as const, (c) => v[coalitionKey(c)]);
    t[i] = phi.text;
    im[i] = phi.image;
  }
  return { text: t, image: im };
}

/** The authors' re-sampling step function: extra copies of a sample for a modality of contribution φ. */
export function resampleCopies(phi: number): number {
  if (phi > 0.4 && phi < 1) return 1;
  if (phi > -0.1 && phi < 0.4) return 2;
  if (phi < -0.1) return 3;
  return 0;
}

/**
 * The epoch's rows: every training row once, plus resampleCopies(φ^u_i) copies of row i with the
 * other modality dropped, for each modality u; shuffled with `seed`.
 */
export function valuationPlan(contrib: { text: ArrayLike<number>; image: ArrayLike<number> }, seed: number): { order: Int32Array; drop: (Modality | null)[] } {
  const rows: number[] = [],
    drops: (Modality | null)[] = [];
  const n = contrib.text.length;
  for (let i = 0; i < n; i++) (rows.push(i), drops.push(null));
  for (let i = 0; i < n; i++) {
    for (let c = resampleCopies(contrib.text[i]); c > 0; c--) (rows.push(i), drops.push('image')); // learn text alone
    for (let c = resampleCopies(contrib.image[i]); c > 0; c--) (rows.push(i), drops.push('text'));
  }
  const p = permutation(rows.length, rng(seed));
  return { order: Int32Array.from(p, (j) => rows[j]), drop: Array.from(p, (j) => drops[j]) };
}

function correctness(model: Model, ds: Dataset, missing: 'none' | 'text-only' | 'image-only'): boolean[] {
  const pred = predict(model, ds, { missing, batchSize: 256 }).pred;
  return Array.from(pred, (p, i) => p === ds.labels[i]);
}

export class SampleValuation extends MethodBase<ValuationOptions> {
  constructor(options: ValuationOptions = {}) {
    super('sample-valuation', VALUATION_DEFAULTS, options);
    if (!(Number.isInteger(this.o.warmup) && this.o.warmup >= 0))
      throw new Error(`sample-valuation: option 'warmup' must be an integer ≥ 0, got ${this.o.warmup}`);
  }

  beginEpoch(epoch: number, { model, data, seed }: MethodContext): EpochPlan {
    const ds = data.train;
    const c = sampleContributions(correctness(model, ds, 'none'), correctness(model, ds, 'text-only'), correctness(model, ds, 'image-only'));
    const mean = (a: Float64Array) => a.reduce((s, x) => s + x, 0) / a.length;
    const count = (a: Float64Array) => Array.from(a).reduce((s, x) => s + resampleCopies(x), 0);
    const active = epoch > this.o.warmup;
    const record = {
      contrib_text: mean(c.text),
      contrib_image: mean(c.image),
      resampled_text: active ? count(c.text) : 0,
      resampled_image: active ? count(c.image) : 0,
    };
    return active ? { ...valuationPlan(c, deriveSeed(seed, `valuation:${epoch}`)), record } : { record };
  }
}

export function sampleValuation(options: ValuationOptions = {}): SampleValuation {
  return new SampleValuation(options);
}
