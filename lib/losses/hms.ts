/**
 * HMS — head-wise modality specialisation's lower-bound attention constraint
 * (arXiv 2604.09711; no code is public, so the form is the faithful
 * small-model reading of docs/IMPLEMENTATION-NOTES.md). For every allocated head h
 * with modality m(h) and every sample i that has both modalities:
 *   L_HMS = mean_{i, h} max(0, b − share_h,i(m(h)))
 * where share is the head's attention mass on m(h)'s tokens (lib/nn/
 * gated-transformer.ts attentionShare). The hinge is zero once a head looks
 * at its modality at least b of the time, so satisfied heads are free.
 */
import { tf } from '../backend/index';

export interface HmsOptions {
  /** the lower bound b on an allocated head's share of its modality */
  bound?: number;
}

export const HMS_DEFAULTS: Required<HmsOptions> = { bound: 0.5 };

/**
 * shares: [B, K] each allocated head's share of its own modality; valid: [B] 1 where the sample has both
 * modalities (a unimodal sample's share is not a choice the head made). → scalar mean hinge (0 without valid rows).
 */
export function hmsPenalty(shares: tf.Tensor2D, valid: tf.Tensor1D, options: HmsOptions = {}): tf.Scalar {
  const { bound } = { ...HMS_DEFAULTS, ...options };
  if (!(bound >= 0 && bound <= 1)) throw new Error(`hmsPenalty: option 'bound' must be in [0, 1], got ${bound}`);
  return tf.tidy(() => {
    const [B, K] = shares.shape;
    const hinge = tf.relu(tf.sub(bound, shares)); // [B, K]
    const w = valid.reshape([B, 1]);
    return tf.div(tf.sum(tf.mul(hinge, w)), tf.maximum(tf.mul(tf.sum(valid), K), 1)) as tf.Scalar;
  });
}
