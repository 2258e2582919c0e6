/**
 * ReconBoost (Hua, Fan, Zhou, et al., "ReconBoost: Boosting Can Achieve Modality Reconcilement",
 * ICML 2024), as GeWu-Lab/BalanceBenchmark runs it (balancemm/trainer/ReconBoost_trainer.py: fit,
 * train_loop, training_step1/2; trainer_config ReconBoost; the authors' own code not read).
 * Family: optimisation (alternating per-modality boosting rounds and global rounds).
 *
 * Training alternates modality by modality. For each modality m in turn: one epoch of boosting m's
 * learner against the ensemble of the others, then one epoch of global fine-tuning; in our trainer's
 * epochs (1-based e, U modalities): phase (e − 1) mod 2U = 2u → boost modality u, odd → global.
 *   boost m:  q = softmax(f(x with m removed))[y]  (the others' ensemble, no gradient)
 *             L = (1/K) · mean_i [ −(w₁ − w₂ q_i) · log softmax(l^m_i)[y_i] ]                    (Eq. 1: a sample the
 *             others already fit gets less weight — the boosting reconcilement)
 *   global:   L = the model's own loss on the fused logits                                      (Eq. 2)
 * Defaults (trainer_config ReconBoost): w₁ = 5, w₂ = 1. The benchmark's extra term
 * α · MSE(softmax(l^m).detach(), softmax(l^{m_prev}).detach()) has both arguments detached, so no
 * gradient: left out. Deviation: m's learner is the host's branch of m (its encoder and its slice of
 * the fused head); "m removed" is the forward pass with m's views zeroed (our missing modality).
 * One benchmark round (U boosting + U global epochs) is 2U of our epochs: 8 quick epochs = 2 rounds.
 */
import { tf } from '../backend/index';
import { MODALITIES, type Modality } from '../data/dataset';
import { dropModalityAll } from './masking';
import { groupModality, MethodBase, type StepContext, type StepLoss } from './method';

export interface ReconBoostOptions {
  /** w₁ of Eq. 1 */
  w1?: number;
  /** w₂ of Eq. 1 */
  w2?: number;
}

export const RECONBOOST_DEFAULTS: Required<ReconBoostOptions> = { w1: 5, w2: 1 };

/** the phase of trainer epoch e: the modality boosted, or null for a global epoch */
export function reconPhase(epoch: number, modalities: readonly Modality[] = MODALITIES): Modality | null {
  const k = (epoch - 1) % (2 * modalities.length);
  return k % 2 === 0 ? modalities[k / 2] : null;
}

/** Eq. 1: the boosting loss of learner logits [B, K] given the ensemble's true-class probabilities q [B]. */
export function boostingLoss(logits: tf.Tensor2D, labels: tf.Tensor1D, q: tf.Tensor1D, w1: number, w2: number): tf.Scalar {
  const K = logits.shape[1];
  const logp = tf.sum(tf.mul(tf.logSoftmax(logits), tf.oneHot(labels, K)), 1); // [B]
  return tf.div(tf.mean(tf.mul(tf.neg(tf.sub(w1, tf.mul(q, w2))), logp)), K) as tf.Scalar;
}

export class ReconBoost extends MethodBase<ReconBoostOptions> {
  constructor(options: ReconBoostOptions = {}) {
    super('ReconBoost', RECONBOOST_DEFAULTS, options);
    if (!(this.o.w1 >= 0 && this.o.w2 >= 0)) throw new Error(`ReconBoost: options 'w1' and 'w2' must be ≥ 0, got ${this.o.w1}, ${this.o.w2}`);
  }

  stepLoss({ model, batch, out, data, epoch }: StepContext): StepLoss {
    const phase = reconPhase(epoch);
    const record = { coef_text: phase === 'text' ? 1 : 0, coef_image: phase === 'image' ? 1 : 0, recon_q: 0 }; // recon_q: 0 on global epochs
    if (!phase) return { losses: { boost: tf.scalar(0) }, record };
    const group = Object.keys(out.branches ?? {}).find((g) => groupModality(g, data) === phase);
    if (!group) throw new Error(`ReconBoost: model '${model.name}' has no unimodal logits (Output.branches) of modality '${phase}'`);
    const others = model.forward(dropModalityAll(batch, data, phase), true).logits;
    const q = tf.tensor1d(tf.sum(tf.mul(tf.softmax(others), tf.oneHot(batch.labels, others.shape[1])), 1).dataSync() as Float32Array); // a constant
    return {
      losses: { boost: boostingLoss(out.branches![group], batch.labels, q, this.o.w1, this.o.w2) },
      modelWeight: 0,
      record: { ...record, recon_q: tf.mean(q).dataSync()[0] },
    };
  }
}

export function reconBoost(options: ReconBoostOptions = {}): ReconBoost {
  return new ReconBoost(options);
}
