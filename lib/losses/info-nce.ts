/**
 * InfoNCE / the CLIP contrastive objective (Radford et al. 2021; van den Oord
 * et al. 2018), with optional soft targets — COOLANT's cross-modal
 * contrastive learning (Wang et al., ACM MM 2023, Sec. 3.2):
 *
 *   S_ij      = scale · a_i · b_j                      (a = image, b = text rows, L2-normalised upstream)
 *   L_NCE     = ½ [ CE(S, I) + CE(Sᵀ, I) ]             hard targets: the diagonal (matched pairs)
 *   L_SEM     = ½ [ CE(S, T) + CE(Sᵀ, T′) ]            soft targets T (rows a→b), T′ (rows b→a)
 *   CE(S, T)  = −(1/N) Σ_i Σ_j T_ij log softmax_j(S_i·)
 *
 * With one-hot targets (T = I) L_SEM equals L_NCE. The scale is 1/τ (CLIP:
 * τ = 0.07, scale ≈ 14.3). Generic: any paper with paired embeddings reuses it.
 * Equation numbers: L_NCE per direction is InfoNCE, Eq. 4 of van den Oord et
 * al. (2018) with the candidates = the batch; CLIP gives it as pseudo-code
 * (its Fig. 3), and the COOLANT text we hold is a summary without numbered
 * equations, so L_SEM carries the section number only.
 */
import { tf } from '../backend/index';

/** CE of each row of logits [N, M] against a target distribution per row [N, M] (rows sum to 1), mean over rows. */
export function softCrossEntropy(logits: tf.Tensor2D, targets: tf.Tensor2D): tf.Scalar {
  if (logits.shape[0] !== targets.shape[0] || logits.shape[1] !== targets.shape[1]) {
    throw new Error(`softCrossEntropy: logits ${logits.shape.join('×')} but targets ${targets.shape.join('×')}`);
  }
  return tf.tidy(() => tf.div(tf.neg(tf.sum(tf.mul(targets, tf.logSoftmax(logits, 1)))), logits.shape[0]) as tf.Scalar);
}

export interface InfoNceOptions {
  /** multiplier of the similarity logits (1/τ); CLIP 1/0.07 */
  scale?: number | tf.Scalar;
  /**
   * soft targets: rows a→b [N, N] and rows b→a [N, N] (each row sums to 1); absent = one-hot diagonal
   * (the hard InfoNCE). `symmetric: false` uses only the a→b direction.
   */
  targets?: { ab: tf.Tensor2D; ba: tf.Tensor2D };
  symmetric?: boolean;
}

/** Logits S = scale · a bᵀ, [N, N]. */
export function contrastiveLogits(a: tf.Tensor2D, b: tf.Tensor2D, scale: number | tf.Scalar = 1 / 0.07): tf.Tensor2D {
  if (a.shape[0] !== b.shape[0] || a.shape[1] !== b.shape[1]) throw new Error(`contrastiveLogits: a is ${a.shape.join('×')}, b is ${b.shape.join('×')}`);
  return tf.mul(tf.matMul(a, b, false, true), scale) as tf.Tensor2D; // [N, N]
}

// COOLANT Eq. (L_NCE, hard) and Eq. (L_SEM, soft targets)
export function infoNce(a: tf.Tensor2D, b: tf.Tensor2D, options: InfoNceOptions = {}): tf.Scalar {
  const { scale = 1 / 0.07, targets, symmetric = true } = options;
  if (typeof scale === 'number' && !(scale > 0)) throw new Error(`infoNce: option 'scale' must be > 0, got ${scale}`);
  return tf.tidy(() => {
    const N = a.shape[0];
    const S = contrastiveLogits(a, b, scale); // [N, N]
    const eye = tf.eye(N) as tf.Tensor2D;
    const ab = targets?.ab ?? eye,
      ba = targets?.ba ?? eye;
    const l1 = softCrossEntropy(S, ab);
    if (!symmetric) return l1;
    const l2 = softCrossEntropy(tf.transpose(S) as tf.Tensor2D, ba);
    return tf.div(tf.add(l1, l2), 2) as tf.Scalar;
  });
}
