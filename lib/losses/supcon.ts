/**
 * Supervised contrastive loss on fused features (BMLHF Eq. 18; Khosla et al. 2020).
 *
 * z_n = x_n / ‖x_n‖, s_na = z_n·z_a / τ, P(n) = {p ≠ n : y_p = y_n}.
 *   standard (default, Khosla et al. "L_out"):
 *     L_n = −1/|P(n)| Σ_{p∈P(n)} log( exp(s_np) / Σ_{a≠n} exp(s_na) )
 *   printed (Eq. 18 as typeset; its denominator's exp(x_n x_p/τ) read as exp(x_n x_a/τ)):
 *     L_n = −1/|P(n)| Σ_{p∈P(n)} log( exp(s_np) / Σ_{a∈A(n)} exp(s_na) ),  A(n) = {a : y_a ≠ y_n}
 * L = mean of L_n over anchors with |P(n)| ≥ 1 (printed form: also |A(n)| ≥ 1,
 * else its denominator is empty). Eq. 18 writes Σ_n; we take the mean so that
 * α2 does not scale with the batch size. 0 when no anchor qualifies.
 */
import { tf } from '../backend/index';
import { l2normalize } from '../nn/norm';

export interface SupConOptions {
  /** temperature τ (BMLHF: 0.5) */
  tau?: number;
  form?: 'standard' | 'printed';
}

export const SUPCON_DEFAULTS: Required<SupConOptions> = { tau: 0.5, form: 'standard' };

// Eq. 18
export function supCon(features: tf.Tensor2D, labels: tf.Tensor1D, options: SupConOptions = {}): tf.Scalar {
  const { tau, form } = { ...SUPCON_DEFAULTS, ...options };
  if (!(tau > 0)) throw new Error(`supCon: option 'tau' must be > 0, got ${tau}`);
  if (form !== 'standard' && form !== 'printed') throw new Error(`supCon: option 'form' must be 'standard' | 'printed', got '${form}'`);
  if (features.shape[0] !== labels.shape[0]) throw new Error(`supCon: ${features.shape[0]} feature rows but ${labels.shape[0]} labels`);
  return tf.tidy(() => {
    const B = features.shape[0];
    const z = l2normalize(features as tf.Tensor2D); // [B, D], L2-normalised (finite gradient at a zero row)
    let s = tf.div(tf.matMul(z, z, false, true), tau); // [B, B]
    s = tf.sub(s, tf.max(s, 1, true)); // row shift: cancels in the ratio, keeps exp() finite for small τ
    const y = labels.asType('float32');
    const same = tf.cast(tf.equal(y.reshape([B, 1]), y.reshape([1, B])), 'float32'); // [B, B]
    const eye = tf.eye(B);
    const pos = tf.sub(same, eye); // [B, B], p ≠ n with y_p = y_n
    const denomMask = form === 'standard' ? tf.sub(1, eye) : tf.sub(1, same); // a ≠ n  |  a ∈ A(n)
    const logDen = tf.log(tf.maximum(tf.sum(tf.mul(tf.exp(s), denomMask), 1, true), 1e-30)); // [B, 1]
    const logProb = tf.sub(s, logDen); // [B, B]
    const nPos = tf.sum(pos, 1); // [B]
    let valid = tf.cast(tf.greater(nPos, 0), 'float32'); // [B]
    if (form === 'printed') valid = tf.mul(valid, tf.cast(tf.greater(tf.sum(denomMask, 1), 0), 'float32'));
    const perAnchor = tf.neg(tf.div(tf.sum(tf.mul(pos, logProb), 1), tf.maximum(nPos, 1))); // [B]
    return tf.div(tf.sum(tf.mul(perAnchor, valid)), tf.maximum(tf.sum(valid), 1)) as tf.Scalar;
  });
}
