/**
 * AGM — Adaptive Gradient Modulation (Li et al., "Boosting
 * Multi-modal Model Performance with Adaptive Gradient Modulation", ICCV 2023).
 *
 * Mono-modal responses from zero-masked inputs (Shapley values of the two
 * modalities): with f(t, i) the fused logits and 0 a zeroed modality,
 *   o^t = ½ [ (f(t, i) − f(0, i)) + (f(t, 0) − f(0, 0)) ],   o^i likewise
 * Per step, the modality's conformity is its mean cross-entropy on the batch,
 *   c^m = −(1/B) Σ log softmax(o^m)[y]   (probabilities floored at 1e-8)
 * the current ratio r^t = exp(c^i − c^t) (r^i = 1/r^t) is compared with the
 * ratio of the running means c̄^m over all steps so far (the "target"
 * r̄^t = exp(c̄^i − c̄^t)), and each modality's encoder gradients are scaled by
 *   k^m = exp(α · min(r̄^m − r^m, 7))  
 * — a modality learning faster than its running average is slowed, a lagging
 * one boosted. The running means are updated after k is computed. The global
 * gradient norm is clipped (option clip; 0 = off) since k can exceed 1.
 * Modality of a group: its name (text / image branches) or its view's modality.
 */
import { tf } from '../backend/index';
import { dropModalityAll } from './masking';
import type { BalanceInput, BalanceOutput } from './balancer';
import { groupModality, MethodBase, type GradientContext, type MethodContext, type StepContext, type StepLoss } from './method';
import type { Dataset, Modality } from '../data/dataset';

export interface AgmOptions {
  /** α of the coefficient exp(α · min(r̄ − r, 7)) */
  alpha?: number;
  /** global gradient-norm clip (0 = none) */
  clip?: number;
  start?: number;
  end?: number;
}

export const AGM_DEFAULTS: Required<AgmOptions> = { alpha: 1, clip: 1, start: 1, end: Infinity };

/** Shapley mono-modal logits of two modalities from the four (un)masked forward passes, all [B, K]. */
export function shapleyLogits<T extends tf.Tensor>(full: T, noText: T, noImage: T, none: T): { text: T; image: T } {
  return {
    text: tf.mul(tf.add(tf.sub(full, noText), tf.sub(noImage, none)), 0.5) as T,
    image: tf.mul(tf.add(tf.sub(full, noImage), tf.sub(noText, none)), 0.5) as T,
  };
}

/** c^m: mean −log softmax(o)[y], probabilities floored at 1e-8. */
export function conformity(logits: tf.Tensor2D, labels: tf.Tensor1D): number {
  return tf.tidy(() => {
    const p = tf.sum(tf.mul(tf.softmax(logits), tf.oneHot(labels, logits.shape[1])), 1);
    return tf.mean(tf.neg(tf.log(tf.maximum(p, 1e-8)))).dataSync()[0];
  });
}

/** k^m = exp(α · min(r̄^m − r^m, 7)) for text and image from current and running-mean conformities. */
export function agmCoefficients(
  c: Record<Modality, number>,
  mean: Record<Modality, number>,
  alpha: number,
): { ratio: Record<Modality, number>; coef: Record<Modality, number> } {
  const ratio = { text: Math.exp(c.image - c.text), image: Math.exp(c.text - c.image) };
  const target = { text: Math.exp(mean.image - mean.text), image: Math.exp(mean.text - mean.image) };
  const coef = { text: Math.exp(alpha * Math.min(target.text - ratio.text, 7)), image: Math.exp(alpha * Math.min(target.image - ratio.image, 7)) };
  return { ratio, coef };
}

export class Agm extends MethodBase<AgmOptions> {
  private mean: Record<Modality, number> = { text: 0, image: 0 };
  private iteration = 0;
  private coef: Record<Modality, number> = { text: 1, image: 1 };
  private train?: Dataset;

  constructor(options: AgmOptions = {}) {
    super('AGM', AGM_DEFAULTS, options);
    if (!(this.o.alpha >= 0)) throw new Error(`AGM: option 'alpha' must be ≥ 0, got ${this.o.alpha}`);
    if (!(this.o.clip >= 0)) throw new Error(`AGM: option 'clip' must be ≥ 0, got ${this.o.clip}`);
  }

  setup({ data }: MethodContext): void {
    this.mean = { text: 0, image: 0 };
    this.iteration = 0;
    this.train = data.train;
  }

  stepLoss({ model, batch, out, data, epoch }: StepContext): StepLoss {
    const f = (drop: Modality[]) =>
      model.forward(
        drop.reduce((b, m) => dropModalityAll(b, data, m), batch),
        true,
      ).logits;
    const o = shapleyLogits(out.logits, f(['text']), f(['image']), f(['text', 'image']));
    const c = { text: conformity(o.text, batch.labels), image: conformity(o.image, batch.labels) };
    const { ratio, coef } = agmCoefficients(c, this.mean, this.o.alpha);
    const active = epoch >= this.o.start && epoch <= this.o.end;
    this.coef = active ? coef : { text: 1, image: 1 };
    const n = ++this.iteration; // running means over all steps (updated after the coefficient)
    for (const m of ['text', 'image'] as const) this.mean[m] = (this.mean[m] * (n - 1)) / n + c[m] / n;
    return {
      record: {
        agm_ce_text: c.text,
        agm_ce_image: c.image,
        ratio_text: ratio.text,
        ratio_image: ratio.image,
        coef_text: this.coef.text,
        coef_image: this.coef.image,
      },
    };
  }

  override modulate({ scoreSums }: BalanceInput): BalanceOutput {
    const scale: Record<string, number> = {};
    for (const g of Object.keys(scoreSums)) scale[g] = this.coef[groupModality(g, this.train!)];
    return { scale };
  }

  /** global-norm clipping of the modulated gradients */
  transformGradients(grads: Record<string, tf.Tensor>, ctx: GradientContext): Record<string, tf.Tensor> {
    const gs = Object.values(grads);
    const sq: ArrayLike<number> = gs.length ? tf.tidy(() => tf.stack(gs.map((g) => tf.sum(tf.square(g)))).dataSync()) : []; // one read for all variables
    const norm = Math.sqrt(Array.from(sq).reduce((s, x) => s + x, 0));
    ctx.record.grad_norm = norm;
    if (!(this.o.clip > 0) || norm <= this.o.clip) return grads;
    const f = this.o.clip / (norm + 1e-6);
    return Object.fromEntries(Object.entries(grads).map(([k, g]) => [k, tf.mul(g, f)]));
  }
}

export function agm(options: AgmOptions = {}): Agm {
  return new Agm(options);
}
