/**
 * Contrastive pairwise loss (Hadsell, Chopra & LeCun, CVPR 2006), the
 * between-modality term of MRML (Peng et al., ICASSP 2023): a positive pair
 * (a post's text and its own image) is pulled together, a negative pair
 * (a text with another post's image) is pushed beyond a margin.
 *
 *   ℓ_i = y_i · d_i² + (1 − y_i) · max(0, margin − d_i)²,   d_i = ‖a_i − b_i‖
 *   L   = mean_i ℓ_i / 2
 */
import { tf } from '../backend/index';

/** a, b: [B, d]; similar: [B] with 1 = positive pair, 0 = negative pair. */
export function contrastivePairwiseLoss(a: tf.Tensor2D, b: tf.Tensor2D, similar: tf.Tensor1D | ArrayLike<number>, margin = 1): tf.Scalar {
  if (a.shape[0] !== b.shape[0]) throw new Error(`contrastivePairwiseLoss: a has ${a.shape[0]} rows, b has ${b.shape[0]}`);
  return tf.tidy(() => {
    const y = similar instanceof tf.Tensor ? similar.toFloat() : tf.tensor1d(Array.from(similar as ArrayLike<number>));
    if (y.shape[0] !== a.shape[0]) throw new Error(`contrastivePairwiseLoss: ${y.shape[0]} pair labels for ${a.shape[0]} pairs`);
    const d2 = tf.sum(tf.square(tf.sub(a, b)), 1); // [B]
    const d = tf.sqrt(tf.add(d2, 1e-12)); // [B]
    const l = tf.add(tf.mul(y, d2), tf.mul(tf.sub(1, y), tf.square(tf.relu(tf.sub(margin, d)))));
    return tf.div(tf.mean(l), 2) as tf.Scalar;
  });
}
