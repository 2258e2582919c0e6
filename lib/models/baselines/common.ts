/**
 * Pieces the baselines share: which views feed each modality, the modality
 * encoders, per-branch logits (the contract's `branches`), and the
 * matched / mismatched text–image pairs of the alignment losses.
 */
import { tf } from '../../backend/index';
import { MLP } from '../../nn/mlp';
import type { Linear } from '../../nn/linear';

export type ModalityName = 'text' | 'image';
export const MODALITY_NAMES: readonly ModalityName[] = ['text', 'image'];

/** The canonical four views (lib/data/dataset.ts VIEW_NAMES) by modality. */
export const DEFAULT_VIEWS: Record<ModalityName, string[]> = {
  text: ['textPattern', 'textSemantic'],
  image: ['imagePattern', 'imageSemantic'],
};

export interface ViewChoice {
  /** views read by the text encoder; default: the canonical text views present in `dims` */
  text?: string[];
  /** views read by the image encoder; default: the canonical image views present in `dims` */
  image?: string[];
}

/** Resolve each modality's views and summed input width; errors name the model and the missing view. */
export function resolveViews(
  model: string,
  dims: Record<string, number>,
  choice: ViewChoice = {},
): { views: Record<ModalityName, string[]>; inDim: Record<ModalityName, number> } {
  const views = {} as Record<ModalityName, string[]>;
  const inDim = {} as Record<ModalityName, number>;
  for (const m of MODALITY_NAMES) {
    const explicit = choice[m];
    const vs = explicit ?? DEFAULT_VIEWS[m].filter((v) => v in dims);
    if (vs.length === 0)
      throw new Error(`${model}: no ${m} views in dims (has: ${Object.keys(dims).join(', ') || 'none'}; expected some of ${DEFAULT_VIEWS[m].join(', ')})`);
    for (const v of vs) {
      if (!(v in dims)) throw new Error(`${model}: ${m} view '${v}' has no input dim in dims (has: ${Object.keys(dims).join(', ')})`);
      if (!Number.isInteger(dims[v]) || dims[v] < 1) throw new Error(`${model}: dims.${v} must be a positive integer, got ${dims[v]}`);
    }
    views[m] = vs;
    inDim[m] = vs.reduce((s, v) => s + dims[v], 0);
  }
  return { views, inDim };
}

/** A modality encoder: concat(views) → Linear → ReLU → … → Linear → ReLU. */
export function encoder(inDim: number, hidden: number[], out: number, seed: number): MLP {
  return new MLP(inDim, { hidden, out, finalActivation: true, seed });
}

/**
 * Branch logits of a linear head over concat(parts, extras):
 *   logits_u = W_u h_u + b / U     (OGM-GE / BMLHF Eq. 2), U = parts.length.
 * Slices of the head that read cross-modal features (after the parts) belong to no branch.
 */
export function linearBranches(head: Linear, parts: tf.Tensor2D[], names: string[]): Record<string, tf.Tensor2D> {
  const out: Record<string, tf.Tensor2D> = {};
  let off = 0;
  const U = parts.length;
  parts.forEach((h, u) => {
    const d = h.shape[1];
    const Wu = head.W.slice([off, 0], [d, head.outDim]) as tf.Tensor2D; // [d_u, 2]
    const z = tf.matMul(h, Wu); // [B, 2]
    out[names[u]] = (head.b ? tf.add(z, tf.div(head.b, U)) : z) as tf.Tensor2D;
    off += d;
  });
  return out;
}

/**
 * Branch logits of a non-linear head: the head applied to the fused input with
 * every slice that is not branch u's set to zero (the counterfactual unimodal
 * prediction used by AGM, Li et al. ICCV 2023). `owner[k]` names the branch of
 * slice k, or null for cross-modal slices (zeroed for every branch).
 */
export function zeroedBranches(head: (x: tf.Tensor2D) => tf.Tensor2D, slices: tf.Tensor2D[], owner: (string | null)[]): Record<string, tf.Tensor2D> {
  const out: Record<string, tf.Tensor2D> = {};
  for (const b of new Set(owner.filter((o): o is string => o !== null))) {
    const x = tf.concat(
      slices.map((s, k) => (owner[k] === b ? s : tf.zerosLike(s))),
      1,
    ) as tf.Tensor2D;
    out[b] = head(x);
  }
  return out;
}

/**
 * Matched and mismatched text–image pairs for an alignment loss (CAFE's
 * `prepare_data`): anchors are the rows of the chosen posts (real ones, or all),
 * each matched with its own image and mismatched with the image of the post
 * `shift` places further in that list (a roll, as `torch.roll(…, 3)`).
 * Returns null when fewer than two posts qualify (no mismatched pair exists).
 */
export function alignmentPairs(labels: tf.Tensor1D, on: 'real' | 'all', shift = 3): { anchor: Int32Array; rolled: Int32Array } | null {
  const y = labels.dataSync();
  const rows: number[] = [];
  for (let i = 0; i < y.length; i++) if (on === 'all' || y[i] === 0) rows.push(i);
  const n = rows.length;
  if (n < 2) return null;
  const s = ((shift % n) + n) % n || 1;
  // torch.roll(x, s)[i] = x[i − s]
  const rolled = Int32Array.from(rows, (_, i) => rows[(i - s + n) % n]);
  return { anchor: Int32Array.from(rows), rolled };
}

/** Check event ids against the discriminator's width; an id out of range would be a silent zero one-hot row. */
export function checkEvents(model: string, events: tf.Tensor1D, numEvents: number): void {
  const e = events.dataSync();
  for (let i = 0; i < e.length; i++) {
    if (!(e[i] >= 0 && e[i] < numEvents))
      throw new Error(`${model}: batch.events[${i}] = ${e[i]} is outside 0..${numEvents - 1} (option 'events' = ${numEvents})`);
  }
}

/** Identity forward, zero gradient backward (PyTorch's `.detach()`; tfjs has no stopGradient). */
export function detach<T extends tf.Tensor>(x: T): T {
  // CustomGradientFunc is (...inputs: (Tensor | GradSaveFunc)[]): the last argument is the save function
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    (args[1] as tf.GradSaveFunc)([]);
    return { value: tf.clone(args[0] as tf.Tensor), gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy) };
  });
  return f(x) as T;
}

/**
 * Rows `idx` of x [B, d] → [n, d], as a product with a constant 0/1 selection
 * matrix: tf.gather's gradient needs UnsortedSegmentSum, which the wasm
 * backend does not register.
 */
export function selectRows(x: tf.Tensor2D, idx: ArrayLike<number>): tf.Tensor2D {
  const B = x.shape[0],
    n = idx.length;
  const sel = new Float32Array(n * B);
  for (let i = 0; i < n; i++) {
    if (!(idx[i] >= 0 && idx[i] < B)) throw new Error(`selectRows: index ${idx[i]} at ${i} is outside 0..${B - 1}`);
    sel[i * B + idx[i]] = 1;
  }
  return tf.matMul(tf.tensor2d(sel, [n, B]), x);
}
