/**
 * MRML — Multimodal Rumor detection by deep Metric Learning (Peng et al.,
 * ICASSP 2023).
 *
 * The paper learns a multimodal representation with two metric-learning
 * objectives next to the classifier's cross-entropy:
 *   within a modality — triplet learning: a post's text (image) embedding is
 *     closer to texts (images) of posts with the same label than to those of
 *     the other label, by a margin;
 *   between modalities — contrastive pairwise learning: a post's text and its
 *     own image form a positive pair, a text and another post's image a
 *     negative pair (Hadsell et al. 2006 loss, with a margin);
 * and a classifier on the fused (concatenated) text and image representations.
 *   total = CE + λ_tri (L_tri(text) + L_tri(image)) + λ_con L_con
 *
 * Faithful at the feature level: the two metric terms on the modality
 * embeddings and the fused classifier. Adapted: the paper's token-level
 * modules (syntactic-dependency graph over BERT tokens, attention over image
 * regions) have no counterpart on pooled feature views; each modality is an
 * MLP over its views (concat → 256 → 128, ReLU). Triplets are mined batch-hard
 * (Hermans et al. 2017) on L2-normalised embeddings, which is deterministic; the
 * cross-modal pairs use learned projections (128 → 64, L2-normalised) and, as
 * negatives, the image of the post one place further in the batch (a roll by 1).
 * Margins and weights are not given in the text we could read: triplet margin
 * 0.2 (FaceNet), contrastive margin 1.0 on unit vectors, λ_tri = λ_con = 1.
 */
import { tf } from '../../backend/index';
import { l2normalize } from '../../nn/norm';
import { Module } from '../../nn/module';
import { Linear } from '../../nn/linear';
import { MLP } from '../../nn/mlp';
import { deriveSeed } from '../../util/random';
import { concatViews, crossEntropy, type Batch, type Losses, type Model, type Output } from '../model';
import { batchHardTripletLoss } from '../../losses/triplet';
import { contrastivePairwiseLoss } from '../../losses/contrastive-pairwise';
import { encoder, linearBranches, resolveViews, selectRows, type ModalityName, type ViewChoice } from './common';

export interface MRMLOptions extends ViewChoice {
  embed?: number;
  encoderHidden?: number;
  /** width of the shared space of the cross-modal pairs */
  pairDim?: number;
  tripletMargin?: number;
  contrastiveMargin?: number;
  tripletWeight?: number;
  contrastiveWeight?: number;
  seed?: number;
}

export const MRML_DEFAULTS = {
  embed: 128,
  encoderHidden: 256,
  pairDim: 64,
  tripletMargin: 0.2,
  contrastiveMargin: 1,
  tripletWeight: 1,
  contrastiveWeight: 1,
  seed: 0,
};

export class MRML extends Module implements Model {
  readonly name = 'MRML';
  readonly encoders: Record<ModalityName, MLP>;
  readonly pairText: Linear;
  readonly pairImage: Linear;
  readonly head: Linear;
  readonly config: Record<string, unknown>;
  private readonly o: typeof MRML_DEFAULTS;
  private readonly views: Record<ModalityName, string[]>;

  constructor(dims: Record<string, number>, options: MRMLOptions = {}) {
    super();
    const o = { ...MRML_DEFAULTS, ...options };
    this.o = o;
    const { views, inDim } = resolveViews('MRML', dims, o);
    this.views = views;
    this.encoders = {
      text: this.child(encoder(inDim.text, [o.encoderHidden], o.embed, deriveSeed(o.seed, 'text'))),
      image: this.child(encoder(inDim.image, [o.encoderHidden], o.embed, deriveSeed(o.seed, 'image'))),
    };
    this.pairText = this.child(new Linear(o.embed, o.pairDim, { seed: deriveSeed(o.seed, 'pairText') }));
    this.pairImage = this.child(new Linear(o.embed, o.pairDim, { seed: deriveSeed(o.seed, 'pairImage') }));
    this.head = this.child(new Linear(2 * o.embed, 2, { seed: deriveSeed(o.seed, 'head') }));
    this.config = { model: 'MRML', views, ...o };
  }

  groups(): Record<string, tf.Variable[]> {
    return { text: this.encoders.text.variables(), image: this.encoders.image.variables() };
  }

  forward(batch: Batch, _training = false): Output {
    const t = this.encoders.text.apply(concatViews(batch, this.views.text)); // [B, e]
    const v = this.encoders.image.apply(concatViews(batch, this.views.image)); // [B, e]
    const fused = tf.concat([t, v], 1) as tf.Tensor2D; // [B, 2e]
    const logits = this.head.apply(fused); // [B, 2]
    const branches = linearBranches(this.head, [t, v], ['text', 'image']);
    const pt = l2normalize(this.pairText.apply(t)),
      pv = l2normalize(this.pairImage.apply(v)); // [B, p] each
    return { logits, branches, embedding: fused, extra: { text: t, image: v, pairText: pt, pairImage: pv } };
  }

  loss(out: Output, batch: Batch): Losses {
    const ce = crossEntropy(out.logits, batch.labels);
    const x = out.extra!;
    // within modality: triplet learning on unit-norm embeddings
    const triplet = tf.add(
      batchHardTripletLoss(l2normalize(x.text as tf.Tensor2D), batch.labels, this.o.tripletMargin),
      batchHardTripletLoss(l2normalize(x.image as tf.Tensor2D), batch.labels, this.o.tripletMargin),
    ) as tf.Scalar;
    // between modalities: own image = positive pair, the next post's image = negative pair
    const pt = x.pairText as tf.Tensor2D,
      pv = x.pairImage as tf.Tensor2D;
    const B = pt.shape[0];
    let contrastive: tf.Scalar = tf.scalar(0);
    if (B >= 2) {
      const rolled = Int32Array.from({ length: B }, (_, i) => (i + B - 1) % B); // torch.roll(x, 1)
      const a = tf.concat([pt, pt], 0) as tf.Tensor2D; // [2B, p]
      const b = tf.concat([pv, selectRows(pv, rolled)], 0) as tf.Tensor2D; // [2B, p]
      const similar = Float32Array.from({ length: 2 * B }, (_, i) => (i < B ? 1 : 0));
      contrastive = contrastivePairwiseLoss(a, b, similar, this.o.contrastiveMargin);
    }
    const total = tf.addN([ce, tf.mul(this.o.tripletWeight, triplet), tf.mul(this.o.contrastiveWeight, contrastive)]) as tf.Scalar;
    return { total, ce, triplet, contrastive };
  }
}
