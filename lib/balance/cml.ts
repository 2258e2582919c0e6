/**
 * CML — Calibrating Multimodal Learning (Ma, Zhang, Wu, Fu, Hu, Zhou, Zhang, "Calibrating
 * Multimodal Learning", ICML 2023; its regulariser as GeWu-Lab/BalanceBenchmark CML_trainer.py
 * runs it). Family: objective.
 *
 * The claim: a prediction from FEWER modalities should not be more confident than the prediction
 * from all of them. With f(x) the fused logits, f(x^{−m}) the fused logits with modality m removed
 * (m drawn uniformly per step) and Conf(z) = max_k softmax(z)_k:
 *   L_CE  = ½ [ CE(f(x), y) + CE(f(x^{−m}), y) ]                               (Eq. 1, two modalities)
 *   L_CML = max(0, Σ_i [ Conf(f(x_i^{−m})) − Conf(f(x_i)) ])                     (Eq. 2: the batch sum, then the hinge)
 *   L     = L_CE + λ · L_CML                                                   (Eq. 3)
 * Defaults: λ = 0.1 and modulation over all epochs (BalanceBenchmark trainer_config CML: lam 0.1,
 * modulation 0..80).
 *
 * Deviation: BalanceBenchmark forms f(x^{−m}) by subtracting m's unimodal logits from the linear
 * fusion head's output (exact for a linear concat head only); we run the model on the batch with m
 * zeroed (views and present-mask: the workbench's missing modality), which is what "the prediction
 * without m" means for any host (EANN, attention fusion) — on a linear concat head the two differ by
 * the zeroed encoder's bias path.
 */
import { tf } from '../backend/index';
import { MODALITIES, type Modality } from '../data/dataset';
import { crossEntropy } from '../models/model';
import { deriveSeed, rng } from '../util/random';
import { dropModalityAll } from './masking';
import { MethodBase, type MethodContext, type StepContext, type StepLoss } from './method';

export interface CmlOptions {
  /** λ of Eq. 3 */
  lambda?: number;
  start?: number;
  end?: number;
}

export const CML_DEFAULTS: Required<CmlOptions> = { lambda: 0.1, start: 1, end: Infinity };

/** Conf(z) = max_k softmax(z)_k per row: [B, K] → [B] */
export const confidence = (logits: tf.Tensor2D): tf.Tensor1D => tf.max(tf.softmax(logits), 1) as tf.Tensor1D;

/** Eq. 2: max(0, Σ_i (Conf(partial_i) − Conf(full_i))), a scalar. */
export function cmlPenalty(full: tf.Tensor2D, partial: tf.Tensor2D): tf.Scalar {
  return tf.relu(tf.sum(tf.sub(confidence(partial), confidence(full)))) as tf.Scalar;
}

export class Cml extends MethodBase<CmlOptions> {
  private seed = 0;

  constructor(options: CmlOptions = {}) {
    super('CML', CML_DEFAULTS, options);
    if (!(this.o.lambda >= 0)) throw new Error(`CML: option 'lambda' must be ≥ 0, got ${this.o.lambda}`);
  }

  setup(ctx: MethodContext): void {
    this.seed = ctx.seed;
  }

  stepLoss({ model, batch, out, data, epoch, step }: StepContext): StepLoss {
    const active = epoch >= this.o.start && epoch <= this.o.end;
    const removed: Modality = MODALITIES[rng(deriveSeed(this.seed, `cml:${epoch}:${step}`)).int(MODALITIES.length)];
    const partial = model.forward(dropModalityAll(batch, data, removed), true).logits; // [B, K]
    const penalty = cmlPenalty(out.logits, partial);
    const ce = crossEntropy(partial, batch.labels);
    const vals = tf.stack([penalty, tf.mean(confidence(out.logits)), tf.mean(confidence(partial))]).dataSync();
    const record = { cml_penalty: vals[0], cml_conf_full: vals[1], cml_conf_partial: vals[2], cml_removed_text: removed === 'text' ? 1 : 0 };
    // outside the window: plain joint training (the terms at weight 0 keep every record key present)
    if (!active) return { losses: { partial: tf.mul(ce, 0) as tf.Scalar, cml: tf.mul(penalty, 0) as tf.Scalar }, record };
    return { losses: { partial: tf.mul(ce, 0.5) as tf.Scalar, cml: tf.mul(penalty, this.o.lambda) as tf.Scalar }, modelWeight: 0.5, record };
  }
}

export function cml(options: CmlOptions = {}): Cml {
  return new Cml(options);
}
