/**
 * BMLHF intra-modal multi-view information fusion (Sec. 3.3.2, Eq. 8–11).
 *
 * One attention network per modality scores each of its two views:
 *   f(x; Θ) = wᵀ tanh(W x + b)        (additive attention, W: [d, d], w: [d])
 *   δ1, δ2 = softmax(f(Q̃; Θ_A), f(P̃; Θ_A))     Eq. 8  (text)
 *   β1, β2 = softmax(f(Ẽ; Θ_B), f(Ũ; Θ_B))     Eq. 9  (image)
 * and fuses per sample:
 *   X_T = δ1 Q̃ + δ2 P̃                          Eq. 10
 *   X_I = β1 Ẽ + β2 Ũ                          Eq. 11
 * The paper prints X_I for the text sum and X_T for the image sum, while its
 * prose says "X_I and X_T separately represent ... image and text": the
 * subscripts of Eq. 10–11 are swapped. We name them by modality (X_T = text).
 * "Softmax-normalised" is our reading of "attention coefficients": the two
 * scores of a sample are normalised over the two views.
 */
import { tf } from '../../backend/index';
import { Module } from '../../nn/module';
import { Linear } from '../../nn/linear';
import { deriveSeed } from '../../util/random';

/** f(·; Θ): [B, d] → [B, 1] attention score. */
export class ViewScorer extends Module {
  readonly hidden: Linear;
  readonly score: Linear;

  constructor(dim: number, seed: number) {
    super();
    this.hidden = this.child(new Linear(dim, dim, { seed: deriveSeed(seed, 'W') }));
    this.score = this.child(new Linear(dim, 1, { bias: false, seed: deriveSeed(seed, 'w') }));
  }

  apply(x: tf.Tensor2D): tf.Tensor2D {
    return this.score.apply(tf.tanh(this.hidden.apply(x))); // [B, 1]
  }
}

/** Two views of one modality → their attention-weighted sum (Eq. 8/9 + 10/11). */
export class ViewAttentionFusion extends Module {
  readonly f: ViewScorer;

  constructor(
    readonly dim: number,
    seed: number,
  ) {
    super();
    this.f = this.child(new ViewScorer(dim, seed));
  }

  // Eq. 8–11
  apply(a: tf.Tensor2D, b: tf.Tensor2D): { fused: tf.Tensor2D; weights: tf.Tensor2D } {
    const w = tf.softmax(tf.concat([this.f.apply(a), this.f.apply(b)], 1)) as tf.Tensor2D; // [B, 2]: (δ1, δ2) or (β1, β2)
    const [w1, w2] = tf.split(w, 2, 1); // [B, 1] each
    const fused = tf.add(tf.mul(w1, a), tf.mul(w2, b)) as tf.Tensor2D; // [B, d]
    return { fused, weights: w };
  }
}
