/**
 * CGGM — Classifier-Guided Gradient Modulation (Guo, Jin, Chen, Tang, Sun, "Classifier-guided Gradient
 * Modulation for Enhanced Multimodal Learning", NeurIPS 2024; authors' code zrguo/CGGM, src/foodtrain.py
 * and run/food_run.py, the image-text task). Family: optimisation.
 *
 * Per step, with a_m(t) the batch accuracy of modality m's unimodal classifier (a_m(0) = 0):
 *   d_m   = a_m(t) − a_m(t − 1)                         (Eq. 1: how much m improved since the last step)
 *   B_m   = (Σ_j d_j − d_m) / (Σ_j d_j + 1e-8)          (Eq. 2: the modality that improved less gets more)
 *   g_m  ← ρ · B_m · g_m   on m's encoder               (Eq. 3: magnitude modulation)
 *   then the global gradient norm clipped at c          (the authors' clip_grad_norm_(…, 0.8))
 * Direction modulation (the paper's L_gm = Σ|B_m| − Σ B_m cos(g_cls_m, g_fusion), Eq. 4) is computed
 * by the authors' code as a NumPy number and added to the next step's loss: a constant, so no gradient
 * reaches the model from it. We leave it out; the recorded loss would differ by that constant only.
 * Defaults (run/food_run.py): ρ = 1.3, c = 0.8.
 *
 * Deviation: the authors train separate unimodal classifiers on the detached encoder outputs with their
 * own AdamW (lr 5e-4); we read each modality's accuracy from the model's own unimodal logits
 * (Output.branches: late fusion's per-branch slices of its head), which need no second optimiser.
 * Note B_m can be negative or large when the improvements nearly cancel (Σ d ≈ 0): the clip then
 * bounds the step, as in the authors' code.
 */
import { tf } from '../backend/index';
import type { BalanceInput, BalanceOutput } from './balancer';
import { groupModality, MethodBase, type GradientContext, type MethodContext, type StepContext, type StepLoss } from './method';
import type { Dataset, Modality } from '../data/dataset';

export interface CggmOptions {
  /** ρ of Eq. 3 */
  rho?: number;
  /** global gradient-norm clip c (0 = none) */
  clip?: number;
}

export const CGGM_DEFAULTS: Required<CggmOptions> = { rho: 1.3, clip: 0.8 };

/** Eq. 1–2: B_m from this step's and the last step's unimodal accuracies. */
export function cggmCoefficients(acc: Record<Modality, number>, last: Record<Modality, number>): Record<Modality, number> {
  const d = { text: acc.text - last.text, image: acc.image - last.image };
  const sum = d.text + d.image + 1e-8;
  return { text: (sum - d.text) / sum, image: (sum - d.image) / sum };
}

/** global-norm clip of a gradient map (the norm recorded); returns the input when under c or c = 0 */
export function clipGlobal(grads: Record<string, tf.Tensor>, c: number): { grads: Record<string, tf.Tensor>; norm: number } {
  const gs = Object.values(grads);
  const norm = gs.length ? Math.sqrt(tf.tidy(() => tf.addN(gs.map((g) => tf.sum(tf.square(g)))).dataSync()[0])) : 0;
  if (!(c > 0) || norm <= c) return { grads, norm };
  const f = c / (norm + 1e-6); // torch's clip_grad_norm_: c / (norm + 1e-6)
  return { grads: Object.fromEntries(Object.entries(grads).map(([k, g]) => [k, tf.mul(g, f)])), norm };
}

export class Cggm extends MethodBase<CggmOptions> {
  private last: Record<Modality, number> = { text: 0, image: 0 };
  private coef: Record<Modality, number> = { text: 1, image: 1 };
  private train?: Dataset;

  constructor(options: CggmOptions = {}) {
    super('CGGM', CGGM_DEFAULTS, options);
    if (!(this.o.rho > 0)) throw new Error(`CGGM: option 'rho' must be > 0, got ${this.o.rho}`);
    if (!(this.o.clip >= 0)) throw new Error(`CGGM: option 'clip' must be ≥ 0, got ${this.o.clip}`);
  }

  setup({ data }: MethodContext): void {
    this.last = { text: 0, image: 0 };
    this.train = data.train;
  }

  /** the unimodal accuracies of the batch (no loss term) and Eq. 1–2 */
  stepLoss({ out, batch, data, model }: StepContext): StepLoss {
    const names = Object.keys(out.branches ?? {});
    if (!names.length) throw new Error(`CGGM: model '${model.name}' returns no unimodal logits (Output.branches)`);
    const hits = tf.stack(names.map((n) => tf.sum(tf.equal(tf.argMax(out.branches![n], 1), batch.labels).asType('float32')))).dataSync();
    const acc = { text: 0, image: 0 },
      n = { text: 0, image: 0 };
    names.forEach((g, i) => {
      const m = groupModality(g, data);
      acc[m] += hits[i] / batch.size;
      n[m]++;
    });
    if (!n.text || !n.image) throw new Error(`CGGM: needs unimodal logits of both text and image, got [${names.join(', ')}]`);
    acc.text /= n.text;
    acc.image /= n.image;
    this.coef = cggmCoefficients(acc, this.last);
    this.last = acc;
    return { record: { cggm_acc_text: acc.text, cggm_acc_image: acc.image, coef_text: this.coef.text, coef_image: this.coef.image } };
  }

  override modulate({ scoreSums }: BalanceInput): BalanceOutput {
    const scale: Record<string, number> = {};
    for (const g of Object.keys(scoreSums)) scale[g] = this.o.rho * this.coef[groupModality(g, this.train!)];
    return { scale };
  }

  transformGradients(grads: Record<string, tf.Tensor>, ctx: GradientContext): Record<string, tf.Tensor> {
    const r = clipGlobal(grads, this.o.clip);
    ctx.record.grad_norm = r.norm;
    return r.grads;
  }
}

export function cggm(options: CggmOptions = {}): Cggm {
  return new Cggm(options);
}
