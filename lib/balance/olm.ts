/**
 * OLM — Online Logit Modulation (Zong, Ding, Li, Li, Zheng, "Balancing Multimodal Learning via Online
 * Logit Modulation", IJCAI 2024; authors' code anonymous-gitlab/OLM, engines/engine_trans_logits.py and
 * main_trans_logits.py). Family: objective (each prediction's logits scaled by a learnt coefficient).
 *
 * Coefficients w_j ≥ … (initially 1) for each unimodal logit vector z_u and the fused one z_f
 * (j ranges over the branches and 'fused'):
 *   L      = Σ_j CE(w_j z_j, y)                                    (Eq. 1: the network's loss, w constant in it)
 *   N_ij   = w_j ‖z_ij‖                                            (Eq. 2: weighted logit norm of sample i)
 *   r_j    = (L_j / L_j⁰) / mean_j (L_j / L_j⁰)                    (Eq. 3: relative training rate; L_j⁰ the loss
 *            of the first epoch — the authors overwrite it on every step of epoch 1, so r = 1 there)
 *   C_ij   = mean_j(N_ij) · r_j  (no gradient)                     (Eq. 4: the target norm)
 *   L_norm = Σ_i Σ_j |N_ij − C_ij|                                 (Eq. 5)
 *   w ← Adam(w; ∂L/∂w + ∂L_norm/∂w)                                (their optimizer_logits: Adam, the network's lr and L2)
 * ∂CE(w z, y)/∂w = mean_i Σ_k (softmax(w z_i)_k − y_ik) z_ik and ∂L_norm/∂w_j = Σ_i sign(N_ij − C_ij) ‖z_ij‖,
 * computed here from the step's logits (the coefficients are the method's own numbers, updated by
 * its own Adam with torch's recursion and coupled L2). A modality whose logits run larger than the
 * rate-weighted mean has its coefficient lowered: the magnitudes are harmonised, the directions kept.
 * Defaults (main_trans_logits.py): lr 1e-4, l2 2e-4 (the coefficients' Adam: the same as the network's).
 */
import { tf } from '../backend/index';
import { crossEntropy } from '../models/model';
import { MethodBase, type StepContext, type StepLoss } from './method';

export interface OlmOptions {
  /** learning rate of the coefficients' Adam */
  lr?: number;
  /** coupled L2 weight decay of the coefficients' Adam */
  l2?: number;
}

export const OLM_DEFAULTS: Required<OlmOptions> = { lr: 1e-4, l2: 2e-4 };

/** Eq. 3–5's gradient: ∂/∂w_j Σ_i |w_j n_ij − mean_j(w_j n_ij) r_j| with the target held constant; n [B][J] norms. */
export function normLossGrad(n: number[][], w: number[], r: number[]): { grad: number[]; loss: number } {
  const J = w.length,
    grad = new Array(J).fill(0);
  let loss = 0;
  for (const row of n) {
    const N = row.map((x, j) => w[j] * x);
    const avg = N.reduce((a, b) => a + b, 0) / J;
    for (let j = 0; j < J; j++) {
      const d = N[j] - avg * r[j];
      loss += Math.abs(d);
      grad[j] += Math.sign(d) * row[j];
    }
  }
  return { grad, loss };
}

/** torch.optim.Adam on a vector of numbers (coupled L2), state in `s`; returns the new values. */
export function adamStep(
  w: number[],
  g: number[],
  s: { m: number[]; v: number[]; t: number },
  lr: number,
  l2: number,
  b1 = 0.9,
  b2 = 0.999,
  eps = 1e-8,
): number[] {
  s.t++;
  return w.map((x, j) => {
    const gj = g[j] + l2 * x;
    s.m[j] = b1 * s.m[j] + (1 - b1) * gj;
    s.v[j] = b2 * s.v[j] + (1 - b2) * gj * gj;
    const mh = s.m[j] / (1 - b1 ** s.t),
      vh = s.v[j] / (1 - b2 ** s.t);
    return x - (lr * mh) / (Math.sqrt(vh) + eps);
  });
}

export class Olm extends MethodBase<OlmOptions> {
  private w: number[] = [];
  private names: string[] = [];
  private initial: number[] = [];
  private adam = { m: [] as number[], v: [] as number[], t: 0 };

  constructor(options: OlmOptions = {}) {
    super('OLM', OLM_DEFAULTS, options);
    if (!(this.o.lr > 0)) throw new Error(`OLM: option 'lr' must be > 0, got ${this.o.lr}`);
    if (!(this.o.l2 >= 0)) throw new Error(`OLM: option 'l2' must be ≥ 0, got ${this.o.l2}`);
  }

  setup(): void {
    this.w = [];
    this.names = [];
    this.initial = [];
    this.adam = { m: [], v: [], t: 0 };
  }

  stepLoss({ model, batch, out, epoch }: StepContext): StepLoss {
    const branches = Object.keys(out.branches ?? {});
    if (!branches.length) throw new Error(`OLM: model '${model.name}' returns no unimodal logits (Output.branches)`);
    if (!this.names.length) {
      this.names = [...branches, 'fused'];
      this.w = this.names.map(() => 1);
      this.adam = { m: this.names.map(() => 0), v: this.names.map(() => 0), t: 0 };
    }
    const zs = [...branches.map((b) => out.branches![b]), out.logits]; // [B, K] each
    const K = out.logits.shape[1];
    const y1h = tf.oneHot(batch.labels, K);
    const losses = zs.map((z, j) => crossEntropy(tf.mul(z, this.w[j]) as tf.Tensor2D, batch.labels));
    // ∂CE(w z)/∂w = mean_i Σ_k (softmax(w z)_ik − y_ik) z_ik; the per-sample norms ‖z_i‖
    const dce = tf.stack(zs.map((z, j) => tf.mean(tf.sum(tf.mul(tf.sub(tf.softmax(tf.mul(z, this.w[j])), y1h), z), 1)))).dataSync();
    const norms = tf
      .stack(
        zs.map((z) => tf.norm(z, 'euclidean', 1)),
        1,
      )
      .arraySync() as number[][]; // [B, J]
    const L = Array.from(tf.stack(losses).dataSync());
    if (epoch === 1 || !this.initial.length) this.initial = L.slice(); // as the authors: overwritten through epoch 1
    const ratio = L.map((l, j) => l / this.initial[j]);
    const mean = ratio.reduce((a, b) => a + b, 0) / ratio.length;
    const r = ratio.map((x) => x / mean);
    const { grad, loss } = normLossGrad(norms, this.w, r);
    const record: Record<string, number> = { olm_norm_loss: loss };
    this.names.forEach((n, j) => (record[`coef_${n}`] = this.w[j]));
    const terms = Object.fromEntries(this.names.map((n, j) => [`olm_${n}`, losses[j]]));
    this.w = adamStep(
      this.w,
      grad.map((g, j) => g + dce[j]),
      this.adam,
      this.o.lr,
      this.o.l2,
    ); // after the loss used the old w
    return { losses: terms, modelWeight: 0, record };
  }
}

export function olm(options: OlmOptions = {}): Olm {
  return new Olm(options);
}
