/**
 * Inference over a whole dataset in batches, with the missing-modality modes
 * as one option: full input, text-only (image views zeroed, image mask 0),
 * image-only (the converse).
 */
import { tf } from '../backend/index';
import type { Dataset } from '../data/dataset';
import type { Model } from '../models/model';
import { makeBatch, type MissingMode } from '../data/batch';
import { argmaxK, metrics, type Metrics } from './metrics';

export interface Predictions {
  /** [N, K] softmax probabilities, row-major (K = model.classes, default 2) */
  probs: Float32Array;
  pred: Int32Array;
  /** per-branch [N, K] probabilities */
  branches: Record<string, Float32Array>;
  /** mean cross-entropy of the full logits */
  loss: number;
}

export interface PredictOptions {
  missing?: MissingMode;
  batchSize?: number;
  /** also collect the fused embeddings [N, d] */
  embeddings?: boolean;
}

export function predict(
  model: Model,
  ds: Dataset,
  { missing = 'none', batchSize = 256, embeddings = false }: PredictOptions = {},
): Predictions & { embedding?: Float32Array; embeddingDim?: number } {
  const N = ds.labels.length;
  const K = model.classes ?? 2;
  const probs = new Float32Array(N * K);
  const branches: Record<string, Float32Array> = {};
  const embParts: Float32Array[] = [];
  let embDim = 0;
  let lossSum = 0;
  for (let s = 0; s < N; s += batchSize) {
    const idx = Int32Array.from({ length: Math.min(batchSize, N - s) }, (_, i) => s + i);
    tf.tidy(() => {
      const b = makeBatch(ds, idx, missing);
      const out = model.forward(b, false);
      const p = tf.softmax(out.logits);
      probs.set(p.dataSync(), s * K);
      const ce = tf.losses.softmaxCrossEntropy(tf.oneHot(b.labels, K), out.logits, undefined, undefined, tf.Reduction.SUM);
      lossSum += ce.dataSync()[0];
      for (const [k, l] of Object.entries(out.branches ?? {})) {
        (branches[k] ??= new Float32Array(N * K)).set(tf.softmax(l).dataSync(), s * K);
      }
      if (embeddings && out.embedding) {
        embDim = out.embedding.shape[1];
        embParts.push(out.embedding.dataSync() as Float32Array);
      }
    });
  }
  const result: Predictions & { embedding?: Float32Array; embeddingDim?: number } = { probs, pred: argmaxK(probs, K), branches, loss: lossSum / N };
  if (embeddings && embParts.length) {
    const e = new Float32Array(N * embDim);
    let off = 0;
    for (const part of embParts) (e.set(part, off), (off += part.length));
    result.embedding = e;
    result.embeddingDim = embDim;
  }
  return result;
}

export function evaluate(model: Model, ds: Dataset, opts: PredictOptions = {}): Metrics & { loss: number } {
  const p = predict(model, ds, opts);
  return { ...metrics(p.pred, ds.labels), loss: p.loss };
}

/** Full, text-only and image-only metrics in one table-ready record list. */
export function evaluateMissing(model: Model, ds: Dataset, batchSize = 256): (Metrics & { loss: number; input: MissingMode })[] {
  return (['none', 'text-only', 'image-only'] as MissingMode[]).map((missing) => ({ input: missing, ...evaluate(model, ds, { missing, batchSize }) }));
}
