/**
 * CAFE — Cross-modal Ambiguity Learning for Multimodal Fake News Detection
 * (Chen et al., WWW 2022); architecture read from cyxanna/CAFE (no code copied).
 *
 *   encoders      text/image views → 128 (the code's EncodingPart)
 *   alignment     aligners 128 → 128 → 64 per modality, trained with the cosine-
 *                 embedding loss (margin 0) on matched pairs of real posts vs
 *                 mismatched pairs made by rolling the images of those posts by 3
 *   ambiguity     per modality an encoder 64 → 64 → 2k giving N(μ_m, σ_m²),
 *                 σ = softplus + 1e-7, k = 2; ambiguity a = sigmoid(SKL(text‖image))
 *   unimodal      128 → 128 → 16 per modality (UnimodalDetection)
 *   fusion        outer product of the aligned 64-d vectors / √64, softmax over
 *                 the image axis, max-pool over it, Linear 64 → 64 + ReLU
 *   aggregation   [(1 − a)·text16 ‖ (1 − a)·image16 ‖ a·corr64] → 96 → 64 → 64 → 2
 *   loss          CE + alignment loss
 *
 * Faithful: module structure and widths, the real-only roll-by-3 pairs, the
 * one-sample symmetric KL (during training), the fixed ambiguity weights
 * (1 − a, 1 − a, a) — the guided attention (docs/IMPLEMENTATION-NOTES.md) belongs to
 * COOLANT, not to CAFE.
 * Adapted: (i) the FastCNN over word vectors and the image linear stack become
 * one MLP per modality over its feature views; the code keeps two copies of
 * them (one per task), we share one encoder per modality so `groups()` holds one
 * encoder each; (ii) the code trains the two tasks with two Adam optimisers:
 * the detection step does not update the alignment module. Here one optimiser
 * minimises CE + alignment, and the aligned features enter detection through
 * stopGradient (`detachAligned: true`) to keep that separation; (iii) "real"
 * means label 0 in the workbench (CAFE's files use 1 for real); (iv) no
 * BatchNorm or dropout; (v) at inference the symmetric KL is the closed form
 * (the mean of the training estimator) so predictions are deterministic; the
 * code samples at test time too. (vi) CAFE's head is non-linear, so the branch
 * logits are counterfactual: the head on the aggregated vector with every other
 * slice zeroed (see common.ts `zeroedBranches`).
 */
import { tf } from '../../backend/index';
import { Module } from '../../nn/module';
import { Linear } from '../../nn/linear';
import { MLP } from '../../nn/mlp';
import { deriveSeed, rng, type Rng } from '../../util/random';
import { concatViews, crossEntropy, type Batch, type Losses, type Model, type Output } from '../model';
import { cosineEmbeddingLoss } from '../../losses/cosine-embedding';
import { symmetricKl, symmetricKlSample, type DiagGaussian } from '../../losses/kl';
import { alignmentPairs, detach, encoder, resolveViews, selectRows, zeroedBranches, type ModalityName, type ViewChoice } from './common';

export interface CAFEOptions extends ViewChoice {
  shared?: number;
  encoderHidden?: number;
  /** aligned width (sim_dim) */
  simDim?: number;
  /** unimodal detection width (prime_dim) */
  prime?: number;
  /** classifier hidden width (h_dim) */
  hidden?: number;
  /** latent Gaussian dims of the ambiguity encoders (z_dim) */
  z?: number;
  /** posts used for the alignment pairs */
  alignOn?: 'real' | 'all';
  /** roll of the mismatched images */
  rollShift?: number;
  alignMargin?: number;
  alignWeight?: number;
  detachAligned?: boolean;
  /** training-time KL estimate: the code's one sample, or the closed form */
  klEstimate?: 'sample' | 'analytic';
  seed?: number;
}

export const CAFE_DEFAULTS = {
  shared: 128,
  encoderHidden: 256,
  simDim: 64,
  prime: 16,
  hidden: 64,
  z: 2,
  alignOn: 'real' as 'real' | 'all',
  rollShift: 3,
  alignMargin: 0,
  alignWeight: 1,
  detachAligned: true,
  klEstimate: 'sample' as 'sample' | 'analytic',
  seed: 0,
};

/** CAFE's cross-modal fusion: softmax(t vᵀ/√d) max-pooled over the image axis → [B, d]. */
export function outerProductCorrelation(t: tf.Tensor2D, v: tf.Tensor2D): tf.Tensor2D {
  const d = t.shape[1];
  const sim = tf.div(tf.matMul(t.expandDims(2) as tf.Tensor3D, v.expandDims(1) as tf.Tensor3D), Math.sqrt(d)); // [B, d, d]
  return tf.max(tf.softmax(sim, -1), -1) as tf.Tensor2D; // [B, d]
}

export class CAFE extends Module implements Model {
  readonly name = 'CAFE';
  readonly encoders: Record<ModalityName, MLP>;
  readonly aligners: Record<ModalityName, MLP>;
  readonly ambiguity: Record<ModalityName, MLP>;
  readonly unimodal: Record<ModalityName, MLP>;
  readonly corrOut: Linear;
  readonly classifier: MLP;
  readonly config: Record<string, unknown>;
  private readonly o: typeof CAFE_DEFAULTS;
  private readonly views: Record<ModalityName, string[]>;
  private readonly noise: Rng;

  constructor(dims: Record<string, number>, options: CAFEOptions = {}) {
    super();
    const o = { ...CAFE_DEFAULTS, ...options };
    this.o = o;
    const { views, inDim } = resolveViews('CAFE', dims, o);
    this.views = views;
    const s = (l: string) => deriveSeed(o.seed, l);
    const per = <T>(f: (m: ModalityName) => T): Record<ModalityName, T> => ({ text: f('text'), image: f('image') });
    this.encoders = per((m) => this.child(encoder(inDim[m], [o.encoderHidden], o.shared, s(`enc-${m}`))));
    this.aligners = per((m) => this.child(encoder(o.shared, [o.shared], o.simDim, s(`align-${m}`))));
    this.ambiguity = per((m) => this.child(new MLP(o.simDim, { hidden: [o.simDim], out: 2 * o.z, seed: s(`amb-${m}`) })));
    this.unimodal = per((m) => this.child(encoder(o.shared, [o.shared], o.prime, s(`uni-${m}`))));
    this.corrOut = this.child(new Linear(o.simDim, o.simDim, { seed: s('corr') }));
    this.classifier = this.child(new MLP(2 * o.prime + o.simDim, { hidden: [o.hidden, o.hidden], out: 2, seed: s('cls') }));
    this.noise = rng(s('noise'));
    this.config = { model: 'CAFE', views, ...o };
  }

  groups(): Record<string, tf.Variable[]> {
    return { text: this.encoders.text.variables(), image: this.encoders.image.variables() };
  }

  private posterior(m: ModalityName, x: tf.Tensor2D): DiagGaussian {
    const p = this.ambiguity[m].apply(x); // [B, 2z]
    const z = this.o.z;
    return { mu: p.slice([0, 0], [-1, z]), sigma: tf.add(tf.softplus(p.slice([0, z], [-1, z])), 1e-7) as tf.Tensor2D };
  }

  /** Ambiguity a = sigmoid(SKL(p_text, p_image)) → [B] (the paper's ambiguity, squashed by the code's sigmoid). */
  ambiguityScore(at: tf.Tensor2D, av: tf.Tensor2D, training: boolean): tf.Tensor1D {
    const pt = this.posterior('text', at),
      pv = this.posterior('image', av);
    let skl: tf.Tensor1D;
    if (training && this.o.klEstimate === 'sample') {
      const shape: [number, number] = [at.shape[0], this.o.z];
      skl = symmetricKlSample(pt, pv, tf.randomNormal(shape, 0, 1, 'float32', this.noise.seed()), tf.randomNormal(shape, 0, 1, 'float32', this.noise.seed()));
    } else skl = symmetricKl(pt, pv);
    return tf.sigmoid(skl) as tf.Tensor1D;
  }

  forward(batch: Batch, training = false): Output {
    const ht = this.encoders.text.apply(concatViews(batch, this.views.text)); // [B, 128]
    const hv = this.encoders.image.apply(concatViews(batch, this.views.image)); // [B, 128]
    const at = this.aligners.text.apply(ht),
      av = this.aligners.image.apply(hv); // [B, 64] each
    const [dt, dv] = this.o.detachAligned ? [detach(at), detach(av)] : [at, av];
    const amb = this.ambiguityScore(dt, dv, training).reshape([-1, 1]) as tf.Tensor2D; // [B, 1]
    const corr = tf.relu(this.corrOut.apply(outerProductCorrelation(dt, dv))) as tf.Tensor2D; // [B, 64]
    const tp = this.unimodal.text.apply(ht),
      vp = this.unimodal.image.apply(hv); // [B, 16] each
    const uni = tf.sub(1, amb);
    const slices = [tf.mul(uni, tp), tf.mul(uni, vp), tf.mul(amb, corr)] as tf.Tensor2D[];
    const fused = tf.concat(slices, 1) as tf.Tensor2D; // [B, 96]
    const head = (x: tf.Tensor2D) => this.classifier.apply(x);
    const logits = head(fused); // [B, 2]
    const branches = zeroedBranches(head, slices, ['text', 'image', null]);
    return { logits, branches, embedding: fused, extra: { alignedText: at, alignedImage: av, ambiguity: amb.reshape([-1]) } };
  }

  loss(out: Output, batch: Batch): Losses {
    const ce = crossEntropy(out.logits, batch.labels);
    const pairs = alignmentPairs(batch.labels, this.o.alignOn, this.o.rollShift);
    if (!pairs) return { total: ce, ce, alignment: tf.scalar(0) };
    const at = out.extra!.alignedText as tf.Tensor2D,
      av = out.extra!.alignedImage as tf.Tensor2D;
    const t = selectRows(at, pairs.anchor); // [n, 64]
    const a = tf.concat([t, t], 0) as tf.Tensor2D; // [2n, 64]
    const b = tf.concat([selectRows(av, pairs.anchor), selectRows(av, pairs.rolled)], 0) as tf.Tensor2D; // [2n, 64]
    const n = pairs.anchor.length;
    const target = Float32Array.from({ length: 2 * n }, (_, i) => (i < n ? 1 : -1));
    const alignment = cosineEmbeddingLoss(a, b, target, this.o.alignMargin);
    return { total: tf.add(ce, tf.mul(this.o.alignWeight, alignment)) as tf.Scalar, ce, alignment };
  }
}
