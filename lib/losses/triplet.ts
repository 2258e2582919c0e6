/**
 * Triplet losses (Schroff et al., FaceNet 2015; batch-hard mining after
 * Hermans et al. 2017), the within-modality term of MRML (Peng et al.,
 * ICASSP 2023): a sample's embedding should be closer to samples of its
 * class than to samples of the other class, by a margin.
 *
 *   ℓ(a, p, n) = max(0, ‖a − p‖ − ‖a − n‖ + margin)
 */
import { tf } from '../backend/index';

const EPS = 1e-12;

/** Explicit triplets (PyTorch `TripletMarginLoss`, p = 2): a, p, n [B, d] → mean_i ℓ(a_i, p_i, n_i). */
export function tripletMarginLoss(a: tf.Tensor2D, p: tf.Tensor2D, n: tf.Tensor2D, margin = 1): tf.Scalar {
  return tf.tidy(() => {
    const dap = tf.sqrt(tf.add(tf.sum(tf.square(tf.sub(a, p)), 1), EPS)); // [B]
    const dan = tf.sqrt(tf.add(tf.sum(tf.square(tf.sub(a, n)), 1), EPS)); // [B]
    return tf.mean(tf.relu(tf.add(tf.sub(dap, dan), margin))) as tf.Scalar;
  });
}

/** Pairwise Euclidean distances of the rows of x [B, d] → [B, B] (eps inside the root keeps the gradient finite at 0). */
export function pairwiseDistances(x: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const sq = tf.sum(tf.square(x), 1, true); // [B, 1]
    const d2 = tf.add(tf.sub(sq, tf.mul(2, tf.matMul(x, x, false, true))), tf.transpose(sq)); // [B, B]
    return tf.sqrt(tf.add(tf.relu(d2), EPS)) as tf.Tensor2D;
  });
}

/**
 * Batch-hard triplet loss: for each anchor i, the farthest same-label sample
 * (≠ i) and the nearest other-label sample within the batch; the mean over
 * anchors that have both. Deterministic (no sampling), so seeded runs repeat.
 * x: [B, d]; labels: [B] int. Returns 0 when no anchor has a positive and a negative.
 */
export function batchHardTripletLoss(x: tf.Tensor2D, labels: tf.Tensor1D, margin = 1): tf.Scalar {
  return tf.tidy(() => {
    const B = x.shape[0];
    const d = pairwiseDistances(x); // [B, B]
    const y = labels.toInt();
    const same = tf.cast(tf.equal(y.reshape([B, 1]), y.reshape([1, B])), 'float32'); // [B, B]
    const notSelf = tf.sub(1, tf.eye(B)); // [B, B]
    const posMask = tf.mul(same, notSelf); // [B, B]
    const negMask = tf.sub(1, same); // [B, B]
    const big = tf.add(tf.mul(tf.max(d), 2), 1); // larger than any distance; added only to non-negatives, which min never picks
    const hardPos = tf.max(tf.mul(d, posMask), 1); // [B]  (distances ≥ 0, masked entries 0)
    const hardNeg = tf.min(tf.add(d, tf.mul(tf.sub(1, negMask), big)), 1); // [B]
    const valid = tf.mul(tf.cast(tf.greater(tf.sum(posMask, 1), 0), 'float32'), tf.cast(tf.greater(tf.sum(negMask, 1), 0), 'float32')); // [B]
    const l = tf.mul(tf.relu(tf.add(tf.sub(hardPos, hardNeg), margin)), valid); // [B]
    return tf.div(tf.sum(l), tf.maximum(tf.sum(valid), 1)) as tf.Scalar;
  });
}
