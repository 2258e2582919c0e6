/**
 * The mutual-learning objectives of CMC (Eq. 7–8): each single-modal
 * network minimises its own cross-entropy plus a weighted share of the
 * cross-modal distillation loss (Eq. 6).
 *
 *   L_obj_T = α · L_distill + L_CE^T      Eq. 7
 *   L_obj_V = β · L_distill + L_CE^V      Eq. 8      (paper: α = β = 0.3)
 *
 * Each network's optimiser differentiates its own objective with respect to
 * its own parameters. Because the memory banks are constants, ∂L_{T→V}/∂θ_T
 * = 0 and ∂L_{V→T}/∂θ_V = 0, so the gradient of the SUM
 *   L_CE^T + L_CE^V + α · L_{V→T} + β · L_{T→V}
 * restricted to θ_T is exactly ∇θ_T L_obj_T (and likewise for θ_V): one
 * backward pass serves both optimisers, for any α and β. `joint` returns
 * that sum.
 */
import { tf } from '../backend/index';

export interface MutualOptions {
  /** weight of L_distill in the text network's objective (Eq. 7) */
  alpha?: number;
  /** weight of L_distill in the image network's objective (Eq. 8) */
  beta?: number;
}

export const MUTUAL_DEFAULTS: Required<MutualOptions> = { alpha: 0.3, beta: 0.3 };

export interface MutualTerms {
  ceT: tf.Scalar;
  ceV: tf.Scalar;
  /** L_{V→T}: text anchors against the image bank (gradient in the text network) */
  vToT: tf.Scalar;
  /** L_{T→V} */
  tToV: tf.Scalar;
}

/** Eq. 7–8 as numbers to report: the two objectives. */
export function mutualObjectives(t: MutualTerms, options: MutualOptions = {}): { objT: tf.Scalar; objV: tf.Scalar; distill: tf.Scalar } {
  const { alpha, beta } = { ...MUTUAL_DEFAULTS, ...options };
  const distill = tf.add(t.vToT, t.tToV) as tf.Scalar; // Eq. 6
  return { objT: tf.add(tf.mul(distill, alpha), t.ceT) as tf.Scalar, objV: tf.add(tf.mul(distill, beta), t.ceV) as tf.Scalar, distill };
}

/** The one scalar whose gradient, split by network, is Eq. 7's for θ_T and Eq. 8's for θ_V (see header). */
export function joint(t: MutualTerms, options: MutualOptions = {}): tf.Scalar {
  const { alpha, beta } = { ...MUTUAL_DEFAULTS, ...options };
  return tf.addN([t.ceT, t.ceV, tf.mul(t.vToT, alpha), tf.mul(t.tToV, beta)]) as tf.Scalar;
}
