/**
 * Gathering rows of a Dataset into a tensor Batch. Callers run this inside
 * tf.tidy (or dispose the batch with `disposeBatch`).
 */
import { tf } from '../backend/index';
import type { Dataset, Modality } from './dataset';

/** A minibatch as tensors: what every model's forward() takes. */
export interface Batch {
  /** [B, d_v] per feature view */
  views: Record<string, tf.Tensor2D>;
  /** [B, T, d] token views and their [B, T] masks */
  sequences?: Record<string, { x: tf.Tensor3D; mask: tf.Tensor2D }>;
  /** [B] int32, 1 = fake */
  labels: tf.Tensor1D;
  /** [B] float32, 1 where the modality is present */
  present: Record<Modality, tf.Tensor1D>;
  /** [B] int32 event ids, when the dataset has them */
  events?: tf.Tensor1D;
  size: number;
}

export type MissingMode = 'none' | 'text-only' | 'image-only';

/** Which modality is dropped under each missing-modality evaluation mode. */
export const DROPPED: Record<MissingMode, Modality | null> = { none: null, 'text-only': 'image', 'image-only': 'text' };

function gatherRows(src: Float32Array, width: number, idx: ArrayLike<number>, zeroRow?: (i: number) => boolean): Float32Array {
  const out = new Float32Array(idx.length * width);
  for (let i = 0; i < idx.length; i++) {
    if (zeroRow?.(i)) continue;
    const r = idx[i];
    out.set(src.subarray(r * width, (r + 1) * width), i * width);
  }
  return out;
}

/**
 * Rows `idx` as tensors. `missing` simulates an absent modality: its views
 * become zeros and its present-mask 0, exactly what a loader produces for a
 * post whose image is missing — for the whole batch (an evaluation mode), or
 * per row (`drop[i]`: the modality row i loses, null = none; a balancing
 * method's re-sampled rows).
 */
export function makeBatch(ds: Dataset, idx: ArrayLike<number>, missing: MissingMode | readonly (Modality | null)[] = 'none', viewNames?: string[]): Batch {
  const B = idx.length;
  const perRow = typeof missing === 'string' ? undefined : missing;
  if (perRow && perRow.length !== B) throw new Error(`makeBatch: ${perRow.length} per-row drops for a batch of ${B} rows`);
  const dropped = perRow ? null : DROPPED[missing as MissingMode];
  const rowOff = (m: Modality) => (perRow && perRow.includes(m) ? (i: number) => perRow[i] === m : undefined);
  const views: Batch['views'] = {};
  for (const name of viewNames ?? Object.keys(ds.views)) {
    const v = ds.views[name];
    if (!v) continue;
    const off = v.modality === dropped;
    views[name] = tf.tensor2d(off ? new Float32Array(B * v.dim) : gatherRows(v.data, v.dim, idx, rowOff(v.modality)), [B, v.dim]);
  }
  let sequences: Batch['sequences'];
  if (ds.sequences) {
    sequences = {};
    for (const [name, s] of Object.entries(ds.sequences)) {
      if (!s) continue;
      const off = s.modality === dropped;
      const x = off ? new Float32Array(B * s.length * s.dim) : gatherRows(s.data, s.length * s.dim, idx, rowOff(s.modality));
      const maskBytes = off ? new Uint8Array(B * s.length) : gatherRowsU8(s.mask, s.length, idx, rowOff(s.modality));
      sequences[name] = { x: tf.tensor3d(x, [B, s.length, s.dim]), mask: tf.tensor2d(Float32Array.from(maskBytes), [B, s.length]) };
    }
  }
  const present = {} as Batch['present'];
  for (const m of ['text', 'image'] as const) {
    const p = new Float32Array(B);
    if (m !== dropped) for (let i = 0; i < B; i++) p[i] = perRow?.[i] === m ? 0 : ds.present[m][idx[i]];
    present[m] = tf.tensor1d(p);
  }
  const labels = tf.tensor1d(Int32Array.from({ length: B }, (_, i) => ds.labels[idx[i]]), 'int32');
  const events = ds.events ? tf.tensor1d(Int32Array.from({ length: B }, (_, i) => ds.events![idx[i]]), 'int32') : undefined;
  return { views, sequences, labels, present, events, size: B };
}

function gatherRowsU8(src: Uint8Array, width: number, idx: ArrayLike<number>, zeroRow?: (i: number) => boolean): Uint8Array {
  const out = new Uint8Array(idx.length * width);
  for (let i = 0; i < idx.length; i++) if (!zeroRow?.(i)) out.set(src.subarray(idx[i] * width, (idx[i] + 1) * width), i * width);
  return out;
}

export function disposeBatch(b: Batch): void {
  tf.dispose([...Object.values(b.views), b.labels, b.present.text, b.present.image]);
  if (b.events) b.events.dispose();
  for (const s of Object.values(b.sequences ?? {})) tf.dispose([s.x, s.mask]);
}

/** Index batches of an epoch: a seeded permutation cut into chunks (the last one may be short). */
export function batchIndices(order: Int32Array, batchSize: number): Int32Array[] {
  const out: Int32Array[] = [];
  for (let s = 0; s < order.length; s += batchSize) out.push(order.subarray(s, Math.min(order.length, s + batchSize)));
  return out;
}
