/**
 * A modality dropped from rows of a batch that is already on tensors: its
 * views (and token sequences) zeroed and its present-mask 0 on those rows —
 * what makeBatch(..., 'text-only' | 'image-only') does for a whole batch, and
 * what a loader produces for a post without that modality. Used by the
 * methods that read zero-masked predictions of a batch already on tensors
 * (AGM); rows re-sampled with a modality dropped are built that way by
 * makeBatch (its per-row `missing`).
 */
import { tf } from '../backend/index';
import type { Batch } from '../data/batch';
import { MODALITIES, type Dataset, type Modality } from '../data/dataset';

/** `batch` with, per row i, modality drop[i] removed (null: row unchanged). Call inside tf.tidy. */
export function dropRows(batch: Batch, ds: Dataset, drop: (Modality | null)[]): Batch {
  if (drop.length !== batch.size) throw new Error(`dropRows: drop has ${drop.length} entries for a batch of ${batch.size}`);
  const keep = {} as Record<Modality, tf.Tensor1D>;
  for (const m of MODALITIES) keep[m] = tf.tensor1d(Float32Array.from(drop, (d) => (d === m ? 0 : 1))); // [B]
  return masked(batch, ds, keep);
}

/** `batch` with modality m removed from every row. Call inside tf.tidy. */
export function dropModalityAll(batch: Batch, ds: Dataset, m: Modality): Batch {
  return dropRows(batch, ds, new Array(batch.size).fill(m));
}

function masked(batch: Batch, ds: Dataset, keep: Record<Modality, tf.Tensor1D>): Batch {
  const views: Batch['views'] = {};
  for (const [name, x] of Object.entries(batch.views)) {
    const m = ds.views[name]?.modality;
    if (!m) throw new Error(`dropRows: batch view '${name}' is not a view of '${ds.name}'`);
    views[name] = tf.mul(x, keep[m].expandDims(1)) as tf.Tensor2D; // [B, d]
  }
  let sequences: Batch['sequences'];
  if (batch.sequences) {
    sequences = {};
    for (const [name, s] of Object.entries(batch.sequences)) {
      const m = ds.sequences?.[name]?.modality;
      if (!m) throw new Error(`dropRows: batch sequence '${name}' is not a sequence of '${ds.name}'`);
      const k = keep[m];
      sequences[name] = { x: tf.mul(s.x, k.reshape([-1, 1, 1])) as tf.Tensor3D, mask: tf.mul(s.mask, k.expandDims(1)) as tf.Tensor2D };
    }
  }
  const present = { text: tf.mul(batch.present.text, keep.text) as tf.Tensor1D, image: tf.mul(batch.present.image, keep.image) as tf.Tensor1D };
  return { ...batch, views, sequences, present };
}
