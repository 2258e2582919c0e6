/**
 * COOLANT's consistency-learning (similarity) module (Sec. 3.2, "auxiliary
 * cross-modal consistency learning"): each modality's views → a 64-d
 * embedding; trained with the cosine-embedding loss (margin 0.2) on matched
 * text–image pairs against mismatched pairs made by rolling the images by 3
 * within the batch (the authors' code pairs real posts only, as CAFE does).
 * Its image·text similarity matrix, softmaxed, is the soft target of the
 * contrastive loss (softTargets below).
 *
 * Per modality: views → Linear → ReLU → Linear → ReLU → Linear → ReLU (64).
 * The code has BatchNorm after each Linear; the workbench has no BatchNorm
 * (see docs/papers/coolant.md), so these are plain ReLU MLPs.
 */
import { tf } from '../../backend/index';
import { Module } from '../../nn/module';
import type { MLP } from '../../nn/mlp';
import { l2normalize } from '../../nn/norm';
import { cosineEmbeddingLoss } from '../../losses/cosine-embedding';
import { deriveSeed } from '../../util/random';
import { alignmentPairs, encoder, selectRows } from '../baselines/common';

export interface SimilarityOptions {
  /** encoder width (the code's shared_dim) */
  shared?: number;
  /** embedding width (sim_dim) */
  dim?: number;
  margin?: number;
  rollShift?: number;
  /** posts whose pairs train it: 'real' (label 0, the code) or 'all' */
  pairsOn?: 'real' | 'all';
  seed?: number;
}

export const SIMILARITY_DEFAULTS: Required<SimilarityOptions> = { shared: 128, dim: 64, margin: 0.2, rollShift: 3, pairsOn: 'real', seed: 0 };

export class SimilarityModule extends Module {
  readonly text: MLP;
  readonly image: MLP;
  readonly o: Required<SimilarityOptions>;

  constructor(inDim: { text: number; image: number }, options: SimilarityOptions = {}) {
    super();
    this.o = { ...SIMILARITY_DEFAULTS, ...options };
    this.text = this.child(encoder(inDim.text, [this.o.shared, this.o.shared], this.o.dim, deriveSeed(this.o.seed, 'sim-text')));
    this.image = this.child(encoder(inDim.image, [this.o.shared, this.o.shared], this.o.dim, deriveSeed(this.o.seed, 'sim-image')));
  }

  /** text [B, d_t], image [B, d_v] → 64-d embeddings [B, 64] each */
  apply(text: tf.Tensor2D, image: tf.Tensor2D): { text: tf.Tensor2D; image: tf.Tensor2D } {
    return { text: this.text.apply(text), image: this.image.apply(image) };
  }

  /** Cosine-embedding loss of matched vs rolled pairs (L_CON); 0 when the batch has < 2 qualifying posts. */
  loss(t: tf.Tensor2D, v: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
    const pairs = alignmentPairs(labels, this.o.pairsOn, this.o.rollShift);
    if (!pairs) return tf.scalar(0);
    const n = pairs.anchor.length;
    const tt = selectRows(t, pairs.anchor); // [n, 64]
    const a = tf.concat([tt, tt], 0) as tf.Tensor2D; // [2n, 64]
    const b = tf.concat([selectRows(v, pairs.anchor), selectRows(v, pairs.rolled)], 0) as tf.Tensor2D; // [2n, 64]
    const y = Float32Array.from({ length: 2 * n }, (_, i) => (i < n ? 1 : -1));
    return cosineEmbeddingLoss(a, b, y, this.o.margin);
  }
}

/**
 * Soft targets of the contrastive loss from the similarity embeddings:
 * T_ab = softmax_rows(scale · sim(v_i, t_j)), T_ba = softmax_rows(scale · sim(t_i, v_j)).
 * `from: 'cosine'` (default) normalises the rows first, so the targets' sharpness is set by the
 * scale alone; 'dot' is the code's raw dot product of ReLU features. [B, B] each.
 */
export function softTargets(
  t: tf.Tensor2D,
  v: tf.Tensor2D,
  scale: number | tf.Scalar,
  from: 'cosine' | 'dot' = 'cosine',
): { ab: tf.Tensor2D; ba: tf.Tensor2D } {
  const [tn, vn] = from === 'cosine' ? [l2normalize(t), l2normalize(v)] : [t, v];
  const s = tf.mul(tf.matMul(vn, tn, false, true), scale) as tf.Tensor2D; // [B, B]: image rows, text columns
  return { ab: tf.softmax(s, 1) as tf.Tensor2D, ba: tf.softmax(tf.transpose(s), 1) as tf.Tensor2D };
}
