/**
 * MMPareto (Wei, Hu, "MMPareto: Boosting Multimodal Learning with Innocent Unimodal Assistance",
 * ICML 2024; authors' code GeWu-Lab/MMPareto_ICML2024, code/MMPareto.py and min_norm_solvers.py).
 * Family: objective (multimodal + unimodal losses, their gradients integrated per encoder).
 *
 * Objective L = CE(fused) + Σ_m CE(unimodal m). For each modality m's encoder, with g_mm its gradient
 * of CE(fused) and g_u its gradient of CE(unimodal m) (each over the encoder's whole parameter vector):
 *   if cos(g_mm, g_u) > 0:  (k_mm, k_u) = (½, ½)                                            (Eq. 1)
 *   else the min-norm (Pareto) weights: c = argmin_c |c g_mm + (1 − c) g_u|²,
 *        c = clip((g_u·g_u − g_mm·g_u) / |g_mm − g_u|², 0.001, 0.999), (k_mm, k_u) = (c, 1 − c)  (Eq. 2)
 *   per parameter tensor θ of the encoder, with g_L its gradient of L:
 *   ĝ = 2 k_mm g_mm + 2 k_u g_u;   ∇θ ← γ · max(1, |g_L| / |ĝ|) · ĝ                          (Eq. 3: the
 *        direction of the Pareto combination, at least the magnitude of the plain sum's gradient, × γ)
 * The fusion head keeps its gradient of L. Defaults: γ = 1.5 (MMPareto.py: gamma=1.5).
 * The two per-loss gradients are computed in transformGradients by two more backward passes over
 * the step's batch (the authors' code: three backward passes); with dropout in the host those passes
 * draw their own masks (our deviation; the late-fusion host has none).
 */
import { tf } from '../backend/index';
import type { Batch } from '../data/batch';
import { crossEntropy, type Model } from '../models/model';
import { MethodBase, type GradientContext, type StepContext, type StepLoss } from './method';

export interface MmParetoOptions {
  /** γ of Eq. 3 */
  gamma?: number;
}

export const MMPARETO_DEFAULTS: Required<MmParetoOptions> = { gamma: 1.5 };

/** Eq. 2: the authors' analytic two-vector min-norm weight c of the first vector (with their 0.999 / 0.001 edges). */
export function minNorm2(v11: number, v12: number, v22: number): number {
  if (v12 >= v11) return 0.999;
  if (v12 >= v22) return 0.001;
  return (v22 - v12) / (v11 + v22 - 2 * v12);
}

/** Eq. 1–2: (k_mm, k_u) from the three inner products of the encoder's two gradients. */
export function paretoWeights(v11: number, v12: number, v22: number): [number, number] {
  const cos = v12 / Math.sqrt(Math.max(v11 * v22, 1e-30));
  if (cos > 0) return [0.5, 0.5];
  const c = minNorm2(v11, v12, v22);
  return [c, 1 - c];
}

export class MmPareto extends MethodBase<MmParetoOptions> {
  private model?: Model;
  private batch?: Batch;

  constructor(options: MmParetoOptions = {}) {
    super('MMPareto', MMPARETO_DEFAULTS, options);
    if (!(this.o.gamma > 0)) throw new Error(`MMPareto: option 'gamma' must be > 0, got ${this.o.gamma}`);
  }

  stepLoss({ model, batch, out }: StepContext): StepLoss {
    const names = Object.keys(out.branches ?? {});
    if (names.length < 2)
      throw new Error(`MMPareto: needs unimodal logits (Output.branches) of each encoder group, '${model.name}' gives [${names.join(', ')}]`);
    this.model = model;
    this.batch = batch; // alive until the step's tidy ends, after transformGradients
    return { losses: Object.fromEntries(names.map((n) => [`uni_${n}`, crossEntropy(out.branches![n], batch.labels)])) };
  }

  transformGradients(grads: Record<string, tf.Tensor>, ctx: GradientContext): Record<string, tf.Tensor> {
    const model = this.model!,
      batch = this.batch!;
    const groups = model.groups();
    const encVars = Object.values(groups)
      .flat()
      .filter((v) => grads[v.name]);
    // g_mm: of CE(fused); g_u: of Σ_u CE(unimodal u) — encoder m is reached by its own unimodal loss only
    const gmm = tf.variableGrads(() => crossEntropy(model.forward(batch, true).logits, batch.labels), encVars).grads;
    const guni = tf.variableGrads(() => {
      const o = model.forward(batch, true);
      return Object.values(o.branches!)
        .map((l) => crossEntropy(l, batch.labels))
        .reduce((a, b) => tf.add(a, b) as tf.Scalar);
    }, encVars).grads;
    const out = { ...grads };
    for (const [group, vs] of Object.entries(groups)) {
      const own = vs.filter((v) => grads[v.name]);
      if (!own.length) continue;
      const dot = (a: Record<string, tf.Tensor>, b: Record<string, tf.Tensor>) => tf.addN(own.map((v) => tf.sum(tf.mul(a[v.name], b[v.name]))));
      const [v11, v12, v22] = tf.stack([dot(gmm, gmm), dot(gmm, guni), dot(guni, guni)]).dataSync();
      const [kmm, ku] = paretoWeights(v11, v12, v22);
      const norms = tf
        .stack(own.flatMap((v) => [tf.norm(grads[v.name]), tf.norm(tf.add(tf.mul(gmm[v.name], 2 * kmm), tf.mul(guni[v.name], 2 * ku)))]))
        .dataSync();
      own.forEach((v, i) => {
        const g = tf.add(tf.mul(gmm[v.name], 2 * kmm), tf.mul(guni[v.name], 2 * ku)); // ĝ
        const f = norms[2 * i + 1] > 0 ? Math.max(1, norms[2 * i] / norms[2 * i + 1]) : 1;
        out[v.name] = tf.mul(g, this.o.gamma * f);
      });
      ctx.record[`cos_${group}`] = v12 / Math.sqrt(Math.max(v11 * v22, 1e-30));
      ctx.record[`coef_${group}`] = kmm; // the multimodal loss's weight (½ without conflict)
    }
    this.batch = undefined;
    return out;
  }
}

export function mmPareto(options: MmParetoOptions = {}): MmPareto {
  return new MmPareto(options);
}
