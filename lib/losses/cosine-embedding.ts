/**
 * Cosine-embedding loss (PyTorch `nn.CosineEmbeddingLoss`), the alignment
 * loss of CAFE (Chen et al., WWW 2022) and of BMR's consistency learning
 * here: pull matched text–image pairs together, push mismatched ones apart.
 *
 *   ℓ_i = 1 − cos(a_i, b_i)                 if y_i = +1 (matched)
 *   ℓ_i = max(0, cos(a_i, b_i) − margin)    if y_i = −1 (mismatched)
 *   L   = mean_i ℓ_i
 */
import { tf } from '../backend/index';
import { safeNorm } from '../nn/norm';

/** Row-wise cosine similarity of [B, d] tensors → [B]; a zero row gives 0 with a finite gradient (see nn/norm). */
export function cosineSimilarity(a: tf.Tensor2D, b: tf.Tensor2D, eps = 1e-6): tf.Tensor1D {
  const dot = tf.sum(tf.mul(a, b), 1); // [B]
  return tf.div(dot, tf.mul(safeNorm(a, false, eps), safeNorm(b, false, eps))) as tf.Tensor1D;
}

/**
 * a, b: [B, d]; target: [B] of +1 / −1 (a tensor or numbers). Mean over the batch.
 * margin: PyTorch's default 0, what CAFE's code uses.
 */
export function cosineEmbeddingLoss(a: tf.Tensor2D, b: tf.Tensor2D, target: tf.Tensor1D | ArrayLike<number>, margin = 0): tf.Scalar {
  if (a.shape[0] !== b.shape[0]) throw new Error(`cosineEmbeddingLoss: a has ${a.shape[0]} rows, b has ${b.shape[0]}`);
  return tf.tidy(() => {
    const y = target instanceof tf.Tensor ? target.toFloat() : tf.tensor1d(Array.from(target as ArrayLike<number>));
    if (y.shape[0] !== a.shape[0]) throw new Error(`cosineEmbeddingLoss: ${y.shape[0]} targets for ${a.shape[0]} pairs`);
    const cos = cosineSimilarity(a, b); // [B]
    const pos = tf.sub(1, cos); // [B]
    const neg = tf.relu(tf.sub(cos, margin)); // [B]
    const isPos = tf.cast(tf.greater(y, 0), 'float32'); // [B]
    const l = tf.add(tf.mul(isPos, pos), tf.mul(tf.sub(1, isPos), neg));
    return tf.mean(l) as tf.Scalar;
  });
}
