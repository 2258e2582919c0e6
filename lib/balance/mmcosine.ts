/**
 * MMCosine — multi-modal cosine loss (Xu et al.,
 * "MMCosine: Multi-Modal Cosine Loss Towards Balanced Audio-Visual
 * Fine-Grained Learning", ICASSP 2023; authors' code
 * GeWu-Lab/MMCosine_ICASSP23, not read here).
 *
 * The fusion classifier's per-modality slices and the modality features are
 * L2-normalised and the bias dropped, so each modality contributes a cosine
 * similarity and neither can dominate by the norm of its features or weights:
 *   logit_k = s · Σ_u cos(φ^u, W^u_k) = s · Σ_u (φ^u / ‖φ^u‖) · (W^u_k / ‖W^u_k‖)
 *   L = CE(softmax(logit), y)
 * s is the scaling (temperature) hyper-parameter, useful in about 10–15
 * (the range suggested for it). Here the classifier is the method's own head
 * (WrappedModel): W^u [d_u, K] per branch, no bias, read from the inner
 * model's per-branch Output.features; branch logits = s · cos(φ^u, W^u).
 */
import { tf } from '../backend/index';
import { initWeight } from '../nn/init';
import { l2normalize } from '../nn/norm';
import type { Model } from '../models/model';
import { deriveSeed } from '../util/random';
import type { BalanceInput, BalanceOutput } from './balancer';
import { MethodBase } from './method';
import { WrappedModel } from './wrapped-model';

export interface MMCosineOptions {
  /** the scaling s of the cosine logits */
  scale?: number;
}

export const MMCOSINE_DEFAULTS: Required<MMCosineOptions> = { scale: 10 };

/** The cosine logits of one branch: s · normalize(φ) · normalize(W column-wise): [B, d] × [d, K] → [B, K]. */
export function cosineLogits(features: tf.Tensor2D, W: tf.Tensor2D, scale: number): tf.Tensor2D {
  const Wn = l2normalize(W.transpose() as tf.Tensor2D).transpose() as tf.Tensor2D; // [d, K], unit columns
  return tf.mul(tf.matMul(l2normalize(features), Wn), scale) as tf.Tensor2D;
}

class CosineHeadModel extends WrappedModel {
  private readonly W: Record<string, tf.Variable> = {};

  constructor(
    inner: Model,
    method: MMCosine,
    seed: number,
    private readonly scale: number,
  ) {
    super(inner, method, `cosine head s=${scale}`);
    const K = inner.classes ?? 2;
    for (const [b, d] of Object.entries(this.dims())) this.W[b] = this.param(initWeight([d, K], deriveSeed(seed, `mmcosine:${b}`)));
  }

  protected head(features: Record<string, tf.Tensor2D>): { logits: tf.Tensor2D; branches: Record<string, tf.Tensor2D> } {
    const branches: Record<string, tf.Tensor2D> = {};
    for (const b of Object.keys(this.W)) {
      const h = features[b];
      if (!h) throw new Error(`MMCosine: Output.features has no branch '${b}' (has: ${Object.keys(features).join(', ')})`);
      branches[b] = cosineLogits(h, this.W[b] as tf.Tensor2D, this.scale); // [B, K]
    }
    const parts = Object.values(branches);
    return { logits: parts.slice(1).reduce((a, x) => tf.add(a, x) as tf.Tensor2D, parts[0]), branches };
  }
}

export class MMCosine extends MethodBase<MMCosineOptions> {
  constructor(options: MMCosineOptions = {}) {
    super('MMCosine', MMCOSINE_DEFAULTS, options);
    if (!(this.o.scale > 0)) throw new Error(`MMCosine: option 'scale' must be > 0, got ${this.o.scale}`);
  }

  wrap(model: Model, seed: number): CosineHeadModel {
    return new CosineHeadModel(model, this, seed, this.o.scale);
  }

  /** no gradient factors: the balance comes from the normalised head; records s^u's ratio for the comparison */
  override modulate({ scoreSums }: BalanceInput): BalanceOutput {
    const names = Object.keys(scoreSums);
    const total = names.reduce((a, n) => a + scoreSums[n], 0);
    return { scale: {}, record: Object.fromEntries(names.map((n) => [`share_${n}`, total > 0 ? scoreSums[n] / total : 0])) };
  }
}

export function mmcosine(options: MMCosineOptions = {}): MMCosine {
  return new MMCosine(options);
}
