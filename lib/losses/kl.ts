/**
 * KL divergences of diagonal Gaussians, for CAFE's cross-modal ambiguity
 * (Chen et al., WWW 2022): each modality's aligned feature defines a
 * posterior N(μ_m, diag σ_m²); the ambiguity is the symmetric KL between the
 * text and image posteriors, squashed by a sigmoid.
 *
 *   KL(p‖q) = Σ_j [ log(σ_q/σ_p) + (σ_p² + (μ_p − μ_q)²) / (2σ_q²) − 1/2 ]
 *   SKL     = (KL(p‖q) + KL(q‖p)) / 2
 *
 * The authors' code estimates each KL with one reparameterised sample
 * (log p(z) − log q(z), z ~ p); `symmetricKlSample` is that estimator, an
 * unbiased but noisy estimate of `symmetricKl`.
 */
import { tf } from '../backend/index';

export interface DiagGaussian {
  /** [B, k] */
  mu: tf.Tensor2D;
  /** [B, k], > 0 */
  sigma: tf.Tensor2D;
}

/** Closed form KL(p‖q) per row → [B]. */
export function gaussianKl(p: DiagGaussian, q: DiagGaussian): tf.Tensor1D {
  return tf.tidy(() => {
    const vp = tf.square(p.sigma),
      vq = tf.square(q.sigma);
    const t = tf.add(tf.sub(tf.log(q.sigma), tf.log(p.sigma)), tf.div(tf.add(vp, tf.square(tf.sub(p.mu, q.mu))), tf.mul(2, vq)));
    return tf.sum(tf.sub(t, 0.5), 1) as tf.Tensor1D;
  });
}

/** Closed-form symmetric KL per row → [B]. */
export function symmetricKl(p: DiagGaussian, q: DiagGaussian): tf.Tensor1D {
  return tf.tidy(() => tf.div(tf.add(gaussianKl(p, q), gaussianKl(q, p)), 2) as tf.Tensor1D);
}

/** log N(z; μ, diag σ²) summed over the last axis → [B]. */
export function gaussianLogProb(z: tf.Tensor2D, g: DiagGaussian): tf.Tensor1D {
  return tf.tidy(() => {
    const u = tf.div(tf.sub(z, g.mu), g.sigma);
    const lp = tf.sub(tf.sub(tf.mul(-0.5, tf.square(u)), tf.log(g.sigma)), 0.5 * Math.log(2 * Math.PI));
    return tf.sum(lp, 1) as tf.Tensor1D;
  });
}

/**
 * One-sample symmetric KL (CAFE's code): z1 = μ_p + σ_p ε1, z2 = μ_q + σ_q ε2;
 * ((log p(z1) − log q(z1)) + (log q(z2) − log p(z2))) / 2 → [B]. eps1, eps2: [B, k] standard normal draws.
 */
export function symmetricKlSample(p: DiagGaussian, q: DiagGaussian, eps1: tf.Tensor2D, eps2: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const z1 = tf.add(p.mu, tf.mul(p.sigma, eps1)) as tf.Tensor2D;
    const z2 = tf.add(q.mu, tf.mul(q.sigma, eps2)) as tf.Tensor2D;
    const k12 = tf.sub(gaussianLogProb(z1, p), gaussianLogProb(z1, q));
    const k21 = tf.sub(gaussianLogProb(z2, q), gaussianLogProb(z2, p));
    return tf.div(tf.add(k12, k21), 2) as tf.Tensor1D;
  });
}
