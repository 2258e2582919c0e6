/**
 * COOLANT's attention guidance: cross-modal ambiguity (Sec. 3.4, after CAFE,
 * Chen et al. WWW 2022). Each modality's aligned vector is encoded to a 2-d
 * Gaussian posterior (64 → 64 → 2·2: μ, σ = softplus + 1e-7); the ambiguity is
 * the symmetric KL between the text and image posteriors, squashed:
 *
 *   a = sigmoid( ½ [KL(p_t‖p_v) + KL(p_v‖p_t)] ) ∈ (0, 1)
 *
 * Training uses the code's one-sample estimate (lib/losses/kl.ts
 * symmetricKlSample, seeded); inference the closed form (deterministic
 * predictions; the mean of the estimator; the code samples at test time too).
 *
 * How the encoders learn, as in the authors' code (wishever/COOLANT
 * twitter/mymodel.py L113–147, L237–242; twitter.py L172–178): no loss of
 * their own and no separate optimiser step: they sit in the detection module
 * and get a gradient only through the guidance term, PyTorch's KLDivLoss being
 * differentiable in its target [1 − a, 1 − a, a]. Their inputs are the
 * contrastive module's aligned vectors, detached (the code's detection step
 * leaves gradients on the contrastive module that its optimiser zeroes before
 * its own next step). Nothing therefore asks a to measure a text–image
 * mismatch: it follows the attention (attention.ts), and under the code's
 * loss it saturates near 1 on every post (docs/papers/coolant.md).
 */
import { tf } from '../../backend/index';
import { Module } from '../../nn/module';
import { MLP } from '../../nn/mlp';
import { symmetricKl, symmetricKlSample, type DiagGaussian } from '../../losses/kl';
import { deriveSeed, rng, type Rng } from '../../util/random';

export interface AmbiguityOptions {
  /** latent dims (the code's z_dim) */
  z?: number;
  hidden?: number;
  /** training-time KL: the code's one sample, or the closed form */
  estimate?: 'sample' | 'analytic';
  seed?: number;
}

export const AMBIGUITY_DEFAULTS: Required<AmbiguityOptions> = { z: 2, hidden: 64, estimate: 'sample', seed: 0 };

export class AmbiguityModule extends Module {
  readonly text: MLP;
  readonly image: MLP;
  readonly o: Required<AmbiguityOptions>;
  private readonly noise: Rng;

  constructor(
    readonly dim: number,
    options: AmbiguityOptions = {},
  ) {
    super();
    const o = { ...AMBIGUITY_DEFAULTS, ...options };
    if (o.estimate !== 'sample' && o.estimate !== 'analytic')
      throw new Error(`AmbiguityModule: option 'estimate' must be 'sample' | 'analytic', got '${o.estimate}'`);
    this.o = o;
    this.text = this.child(new MLP(dim, { hidden: [o.hidden], out: 2 * o.z, seed: deriveSeed(o.seed, 'amb-text') }));
    this.image = this.child(new MLP(dim, { hidden: [o.hidden], out: 2 * o.z, seed: deriveSeed(o.seed, 'amb-image') }));
    this.noise = rng(deriveSeed(o.seed, 'amb-noise'));
  }

  posterior(net: MLP, x: tf.Tensor2D): DiagGaussian {
    const p = net.apply(x); // [B, 2z]
    const z = this.o.z;
    return { mu: p.slice([0, 0], [-1, z]), sigma: tf.add(tf.softplus(p.slice([0, z], [-1, z])), 1e-7) as tf.Tensor2D };
  }

  /** t, v: aligned [B, d] → ambiguity a [B] in (0, 1) */
  apply(t: tf.Tensor2D, v: tf.Tensor2D, training: boolean): tf.Tensor1D {
    const pt = this.posterior(this.text, t),
      pv = this.posterior(this.image, v);
    let skl: tf.Tensor1D;
    if (training && this.o.estimate === 'sample') {
      // standard normal draws from the seeded JS generator (cheaper than tf.randomNormal's per-call PRNG on wasm)
      const eps = () =>
        tf.tensor2d(
          Float32Array.from({ length: t.shape[0] * this.o.z }, () => this.noise.normal()),
          [t.shape[0], this.o.z],
        );
      skl = symmetricKlSample(pt, pv, eps(), eps());
    } else skl = symmetricKl(pt, pv);
    return tf.sigmoid(skl) as tf.Tensor1D;
  }
}
