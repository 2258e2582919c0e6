/**
 * SAFE — Similarity-Aware Multi-modal Fake News Detection (Zhou, Wu &
 * Zafarani, PAKDD 2020).
 *
 * Three parts: (1) modal-independent feature extraction, t = M_t(text),
 * v = M_v(image); (2) cross-modal relationship extraction, the modified
 * cosine similarity of the projected representations mapped to [0, 1],
 *   M_s(t, v) = (t_s · v_s / (‖t_s‖ ‖v_s‖) + 1) / 2;
 * (3) multimodal prediction, M_p = softmax(W_p [t ‖ v ‖ s] + b_p).
 * Training minimises  α L_p + β L_s  with L_p the cross-entropy of M_p and
 * L_s the cross-entropy of the similarity read as "real" probability — fake
 * posts are assumed to pair a text with a mismatched image:
 *   L_s = −E[ y log(1 − M_s) + (1 − y) log M_s ]     (y = 1 fake)
 * The authors' code fixes α = 0.6, β = 0.4 (the defaults here).
 *
 * Faithful: separate modality extractors, the [0, 1] cosine, L_s, α/β.
 * Adapted to precomputed features: the Text-CNN over word embeddings and the
 * image-to-sentence captioner + Text-CNN are each replaced by an MLP over the
 * modality's feature views (concat → 256 → 128, ReLU), and the similarity is
 * taken between learned projections (128 → 64) of t and v rather than between
 * the raw CNN outputs (which share a space in SAFE because both sides are
 * text). Whether M_s also enters the predictor: the brief's reading of the
 * paper says yes (`similarityFeature: true`, default); the authors' code
 * predicts from [t ‖ v] only (`similarityFeature: false`).
 */
import { tf } from '../../backend/index';
import { Module } from '../../nn/module';
import { Linear } from '../../nn/linear';
import { MLP } from '../../nn/mlp';
import { deriveSeed } from '../../util/random';
import { concatViews, crossEntropy, type Batch, type Losses, type Model, type Output } from '../model';
import { cosineSimilarity } from '../../losses/cosine-embedding';
import { encoder, linearBranches, resolveViews, type ModalityName, type ViewChoice } from './common';

export interface SAFEOptions extends ViewChoice {
  /** width of t and v (SAFE's final_len 200, scaled to our ≤ 192-wide inputs) */
  embed?: number;
  encoderHidden?: number;
  /** width of the projections the cosine is taken between */
  simDim?: number;
  /** weights of L_p and L_s */
  alpha?: number;
  beta?: number;
  /** feed M_s to the predictor as an extra feature */
  similarityFeature?: boolean;
  seed?: number;
}

export const SAFE_DEFAULTS = { embed: 128, encoderHidden: 256, simDim: 64, alpha: 0.6, beta: 0.4, similarityFeature: true, seed: 0 };

const LOG_EPS = 1e-7;

/** M_s(t, v) = (cos(t_s, v_s) + 1) / 2 ∈ [0, 1] → [B]. */
export function safeSimilarity(ts: tf.Tensor2D, vs: tf.Tensor2D): tf.Tensor1D {
  return tf.div(tf.add(cosineSimilarity(ts, vs), 1), 2) as tf.Tensor1D;
}

/** L_s = −mean[ y log(1 − s) + (1 − y) log s ]: fake (y = 1) pairs should be dissimilar. */
export function safeSimilarityLoss(s: tf.Tensor1D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const y = labels.toFloat();
    const sc = tf.clipByValue(s, LOG_EPS, 1 - LOG_EPS);
    const ll = tf.add(tf.mul(y, tf.log(tf.sub(1, sc))), tf.mul(tf.sub(1, y), tf.log(sc)));
    return tf.neg(tf.mean(ll)) as tf.Scalar;
  });
}

export class SAFE extends Module implements Model {
  readonly name = 'SAFE';
  readonly encoders: Record<ModalityName, MLP>;
  readonly projText: Linear;
  readonly projImage: Linear;
  readonly head: Linear;
  readonly config: Record<string, unknown>;
  private readonly o: typeof SAFE_DEFAULTS;
  private readonly views: Record<ModalityName, string[]>;

  constructor(dims: Record<string, number>, options: SAFEOptions = {}) {
    super();
    const o = { ...SAFE_DEFAULTS, ...options };
    this.o = o;
    const { views, inDim } = resolveViews('SAFE', dims, o);
    this.views = views;
    this.encoders = {
      text: this.child(encoder(inDim.text, [o.encoderHidden], o.embed, deriveSeed(o.seed, 'text'))),
      image: this.child(encoder(inDim.image, [o.encoderHidden], o.embed, deriveSeed(o.seed, 'image'))),
    };
    this.projText = this.child(new Linear(o.embed, o.simDim, { seed: deriveSeed(o.seed, 'projText') }));
    this.projImage = this.child(new Linear(o.embed, o.simDim, { seed: deriveSeed(o.seed, 'projImage') }));
    this.head = this.child(new Linear(2 * o.embed + (o.similarityFeature ? 1 : 0), 2, { seed: deriveSeed(o.seed, 'head') }));
    this.config = {
      model: 'SAFE',
      views,
      embed: o.embed,
      encoderHidden: o.encoderHidden,
      simDim: o.simDim,
      alpha: o.alpha,
      beta: o.beta,
      similarityFeature: o.similarityFeature,
    };
  }

  groups(): Record<string, tf.Variable[]> {
    return { text: this.encoders.text.variables(), image: this.encoders.image.variables() };
  }

  forward(batch: Batch, _training = false): Output {
    const t = this.encoders.text.apply(concatViews(batch, this.views.text)); // [B, e]
    const v = this.encoders.image.apply(concatViews(batch, this.views.image)); // [B, e]
    const s = safeSimilarity(this.projText.apply(t), this.projImage.apply(v)); // [B]
    const parts: tf.Tensor2D[] = [t, v];
    if (this.o.similarityFeature) parts.push(s.reshape([-1, 1]) as tf.Tensor2D);
    const fused = tf.concat(parts, 1) as tf.Tensor2D; // [B, 2e (+1)]
    const logits = this.head.apply(fused); // [B, 2]
    const branches = linearBranches(this.head, [t, v], ['text', 'image']);
    return { logits, branches, embedding: fused, extra: { similarity: s } };
  }

  loss(out: Output, batch: Batch): Losses {
    const ce = crossEntropy(out.logits, batch.labels);
    const similarity = safeSimilarityLoss(out.extra!.similarity as tf.Tensor1D, batch.labels);
    const total = tf.add(tf.mul(this.o.alpha, ce), tf.mul(this.o.beta, similarity)) as tf.Scalar;
    return { total, ce, similarity };
  }
}
