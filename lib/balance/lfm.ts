/**
 * LFM — Learning to Fit the Modality gap (Yang, Wang, Jiang et al., "Facilitating Multimodal
 * Classification via Dynamically Learning Modality Gap", NeurIPS 2024; authors' code
 * njustkmg/NeurIPS24-LFM, Crema_epoch.py — the "learning-fitted" variant — and data/crema.json).
 * Family: objective.
 *
 * Label fitting (cross-entropy) and modality alignment are weighted against each other by a
 * schedule over epochs, alignment first:
 *   Align(p, q) = ½ [ KL(m ‖ p) + KL(m ‖ q) ],  m = ½ (p + q),  p, q the two unimodal softmaxes,
 *                 KL summed over classes, mean over the batch (torch F.kl_div(p.log(), m, 'batchmean'))   (Eq. 1)
 *   α_cls(e) = Σ_{i=0..5} c_i e^i  (e the 0-based epoch; the authors' fitted polynomial), α_align = 1 − α_cls  (Eq. 2)
 *   L = 2 [ α_cls · L_fit + α_align · Align ]                                                            (Eq. 3)
 * c = (0.204623704, 3.35472727e-3, 1.22989557e-4, −2.92947416e-6, 2.23835486e-8, −5.39717505e-11) from
 * Crema_epoch.py getAlpha_Learnable_Fitted (the fit of the weights their bilevel search learnt on
 * CREMA-D over 200 epochs): α_cls = 0.205 at epoch 1, 0.349 at 30, 0.539 at 101.
 * Deviation: L_fit is the host model's own loss on its fused logits (the authors: CE of the mean of the
 * two unimodal logits, their model's fusion). Option alpha (ours): a fixed α_align instead of the schedule.
 */
import { tf } from '../backend/index';
import { MethodBase, type StepContext, type StepLoss } from './method';

export interface LfmOptions {
  /** a fixed α_align in [0, 1]; null = the authors' fitted schedule (Eq. 2) */
  alpha?: number | null;
}

export const LFM_DEFAULTS: Required<LfmOptions> = { alpha: null };

export const LFM_FIT = [2.04623704e-1, 3.35472727e-3, 1.22989557e-4, -2.92947416e-6, 2.23835486e-8, -5.39717505e-11];

/** Eq. 2: α_cls at the trainer's (1-based) epoch. */
export const lfmAlphaCls = (epoch: number): number => LFM_FIT.reduce((a, c, i) => a + c * (epoch - 1) ** i, 0);

/** Eq. 1 on two [B, K] logits: a scalar. */
export function lfmAlignment(la: tf.Tensor2D, lb: tf.Tensor2D): tf.Scalar {
  const p = tf.softmax(la),
    q = tf.softmax(lb);
  const m = tf.mul(tf.add(p, q), 0.5);
  const kl = (x: tf.Tensor) => tf.mean(tf.sum(tf.mul(m, tf.sub(tf.log(m), tf.log(x))), 1)); // KL(m ‖ x), batch mean
  return tf.mul(tf.add(kl(p), kl(q)), 0.5) as tf.Scalar;
}

export class Lfm extends MethodBase<LfmOptions> {
  constructor(options: LfmOptions = {}) {
    super('LFM', LFM_DEFAULTS, options);
    const a = this.o.alpha;
    if (a !== null && !(a >= 0 && a <= 1)) throw new Error(`LFM: option 'alpha' must be null (the fitted schedule) or in [0, 1], got ${a}`);
  }

  stepLoss({ out, model, epoch }: StepContext): StepLoss {
    const names = Object.keys(out.branches ?? {});
    if (names.length !== 2)
      throw new Error(`LFM: needs the unimodal logits of exactly two branches (Output.branches), '${model.name}' gives [${names.join(', ')}]`);
    const align = lfmAlignment(out.branches![names[0]], out.branches![names[1]]);
    const aAlign = this.o.alpha ?? 1 - lfmAlphaCls(epoch);
    const aCls = 1 - aAlign;
    return {
      losses: { align: tf.mul(align, 2 * aAlign) as tf.Scalar },
      modelWeight: 2 * aCls,
      record: { coef_cls: aCls, coef_align: aAlign, lfm_align: align.dataSync()[0] },
    };
  }
}

export function lfm(options: LfmOptions = {}): Lfm {
  return new Lfm(options);
}
