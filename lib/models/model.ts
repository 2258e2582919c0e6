/**
 * The contract between models, the trainer, balancing methods and the
 * evaluators. A model maps a Batch to class logits and, for
 * instrumentation and balancing, to per-branch logits: the slice of the
 * classifier that sees one modality (or one view), as in OGM-GE / BMLHF Eq. 2:
 *   logits_u = W_u h_u + b / U      (U = number of branches)
 */
import { tf } from '../backend/index';
import type { Batch } from '../data/batch';

export type { Batch };

export interface Output {
  /** [B, K] class logits, K = model.classes (default 2: index 1 = fake) */
  logits: tf.Tensor2D;
  /** per-branch logits [B, K], keys matching `groups()` */
  branches?: Record<string, tf.Tensor2D>;
  /**
   * per-branch representations [B, d_u] keyed like `groups()` — what the branch's slice of the
   * classifier reads (prototype, clustering and cosine-head balancing methods: lib/balance)
   */
  features?: Record<string, tf.Tensor2D>;
  /** fused representation [B, d] (t-SNE, contrastive losses) */
  embedding?: tf.Tensor2D;
  /** anything a model's loss needs besides logits (event logits, reconstructions, ...) */
  extra?: Record<string, tf.Tensor>;
}

export type Losses = { total: tf.Scalar } & Record<string, tf.Scalar>;

export interface Model {
  readonly name: string;
  /**
   * number of classes of the logits; absent = 2 (binary, 1 = fake). Multi-class models (e.g. the 3-way
   * true / miscaptioned / out-of-context detector) set it, and predict() / train() follow it
   */
  readonly classes?: number;
  /** trainable variables of each branch's encoder, for per-branch gradient scaling (MIB, OGM-GE) */
  groups(): Record<string, tf.Variable[]>;
  variables(): tf.Variable[];
  /** optional: width of each `Output.features` entry, keyed like groups() (a balancing method's own heads) */
  featureDims?(): Record<string, number>;
  paramCount(): number;
  forward(batch: Batch, training: boolean): Output;
  /** named loss terms; `total` is what the optimiser minimises */
  loss(out: Output, batch: Batch): Losses;
  dispose(): void;
  /** optional: a model configuration echo for results.json */
  config?: Record<string, unknown>;
}

/** Cross-entropy of [B, K] logits against int labels, mean over the batch (BMLHF Eq. 17 with its sign). */
export function crossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.losses.softmaxCrossEntropy(tf.oneHot(labels, logits.shape[1]), logits) as tf.Scalar;
}

/** The views of `names` concatenated on the feature axis: [B, Σ d_v]. */
export function concatViews(batch: Batch, names: string[]): tf.Tensor2D {
  const xs = names.map((n) => {
    const v = batch.views[n];
    if (!v) throw new Error(`batch has no view '${n}' (has: ${Object.keys(batch.views).join(', ')})`);
    return v;
  });
  return xs.length === 1 ? xs[0] : (tf.concat(xs, 1) as tf.Tensor2D);
}
