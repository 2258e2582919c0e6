/**
 * COOLANT's attention aggregation with attention guidance (Sec. 3.4):
 * attention weights over the three features [text, image, correlation]
 *
 *   w = softmax( f([s_t; s_v; corr]) ) ∈ Δ³            (attention scores)
 *   h = [w_1 · u_t ; w_2 · u_v ; w_3 · corr]            (aggregated, to the classifier)
 *
 * and the guidance term pulling w toward the ambiguity-derived target
 *
 *   g = [1 − a, 1 − a, a] / (2 − a),   L_AG = KL(g ‖ w) = Σ_k g_k (log g_k − log w_k)
 *
 * (ambiguous posts, a → 1, lean on the correlation). The code scores with a
 * 19-block SE-ResNet over the three 64-d features and applies PyTorch's
 * KLDivLoss(log w, g) to the UNnormalised g = [1 − a, 1 − a, a] (twitter.py
 * L92, L174); f here is a one-hidden-layer MLP. `target: 'raw'` (the model's
 * default) is the code's loss, `'normalised'` divides g by 2 − a.
 *
 * Both have their minimum over w at w = g/Σg, but they move a differently,
 * and a learns from nothing else (ambiguity.ts):
 *   raw          L ≥ (2 − a) log(2 − a) (Gibbs, equality at w = g/Σg), which
 *                falls monotonically to 0 at a = 1: the joint optimum is a = 1,
 *                w = [0, 0, 1]. For fixed w, ∂L/∂a = 0 at a/(1 − a)² = e·w₃/(w₁w₂)
 *                (a ≈ 0.70 for uniform w), so a and w₃ pull each other up.
 *   normalised   the closed-form SKL is ≥ 0, so a ≥ ½ (the sampled estimate adds
 *                noise around it) and g₃ ≥ ⅓: when the attention puts ≤ ⅓ on the
 *                correlation, a sinks to its floor ½ and g to [⅓, ⅓, ⅓] (measured
 *                with this target: a ≈ 0.508, sd ≤ 0.006 across posts).
 */
import { tf } from '../../backend/index';
import { Module } from '../../nn/module';
import { MLP } from '../../nn/mlp';

export type GuidanceTarget = 'normalised' | 'raw';

export class GuidedAttention extends Module {
  readonly scorer: MLP;

  constructor(
    readonly dim: number,
    hidden: number,
    seed = 0,
  ) {
    super();
    this.scorer = this.child(new MLP(3 * dim, { hidden: [hidden], out: 3, seed }));
  }

  /** s_t, s_v, corr: [B, dim] each → attention weights w [B, 3], rows sum to 1 */
  weights(st: tf.Tensor2D, sv: tf.Tensor2D, corr: tf.Tensor2D): tf.Tensor2D {
    return tf.softmax(this.scorer.apply(tf.concat([st, sv, corr], 1) as tf.Tensor2D), 1) as tf.Tensor2D; // [B, 3]
  }
}

/** h = [w_1 u_t ; w_2 u_v ; w_3 corr] → [B, d_t + d_v + d_c] */
export function aggregate(w: tf.Tensor2D, parts: [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D]): tf.Tensor2D {
  return tf.concat(
    parts.map((p, k) => tf.mul(p, w.slice([0, k], [-1, 1]))),
    1,
  ) as tf.Tensor2D;
}

/** g = [1 − a, 1 − a, a] (normalised: / (2 − a)) → [B, 3] */
export function guidanceTarget(a: tf.Tensor1D, target: GuidanceTarget = 'normalised'): tf.Tensor2D {
  const col = a.reshape([-1, 1]);
  const uni = tf.sub(1, col);
  const g = tf.concat([uni, uni, col], 1) as tf.Tensor2D; // [B, 3]
  return target === 'normalised' ? (tf.div(g, tf.sum(g, 1, true)) as tf.Tensor2D) : g;
}

/** L_AG = mean_i Σ_k g_ik (log g_ik − log w_ik) (PyTorch KLDivLoss 'batchmean' with log w as input). */
export function guidanceLoss(w: tf.Tensor2D, a: tf.Tensor1D, target: GuidanceTarget = 'normalised'): tf.Scalar {
  if (target !== 'normalised' && target !== 'raw') throw new Error(`guidanceLoss: target must be 'normalised' | 'raw', got '${target}'`);
  return tf.tidy(() => {
    const g = guidanceTarget(a, target);
    const eps = 1e-8;
    const kl = tf.sum(tf.mul(g, tf.sub(tf.log(tf.add(g, eps)), tf.log(tf.add(w, eps)))), 1); // [B]
    return tf.mean(kl) as tf.Scalar;
  });
}
