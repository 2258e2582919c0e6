/**
 * Missing-modality patterns applied to a dataset (train-time or test-time;
 * the two are always separate calls with their own seeds). A post chosen to
 * lose a modality loses one of the modalities it has — 'either' draws which
 * one 50/50 — its views become zeros and its present-mask 0, exactly what a
 * loader produces for a post without an image. A post that has only one
 * modality keeps it (it is already a missing-modality post).
 */
import { rng } from '../util/random';
import type { Dataset, Modality } from './dataset';

export type MissingWhich = 'either' | Modality;

export interface MissingPattern {
  /** fraction of posts that lose a modality, in [0, 1] */
  rate: number;
  which?: MissingWhich;
  seed?: number;
}

/** The modality each row loses (null = none), for a pattern: exactly round(rate · N) rows are chosen, seeded. */
export function missingPattern(ds: Dataset, { rate, which = 'either', seed = 0 }: MissingPattern): (Modality | null)[] {
  if (!(rate >= 0 && rate <= 1)) throw new Error(`missingPattern: rate must be in [0, 1], got ${rate}`);
  if (!['either', 'text', 'image'].includes(which)) throw new Error(`missingPattern: which must be 'either', 'text' or 'image', got '${which}'`);
  const N = ds.labels.length, r = rng(seed);
  // one uniform per row fixes both the order in which rows are chosen and the modality: nested patterns for growing rates
  const u = Array.from({ length: N }, () => r.next());
  const side = Array.from({ length: N }, () => r.next());
  const order = Array.from({ length: N }, (_, i) => i).sort((a, b) => u[a] - u[b] || a - b);
  const out: (Modality | null)[] = new Array(N).fill(null);
  for (const i of order.slice(0, Math.round(rate * N))) {
    const both = ds.present.text[i] && ds.present.image[i];
    if (!both) continue;
    out[i] = which === 'either' ? (side[i] < 0.5 ? 'text' : 'image') : which;
  }
  return out;
}

/** A copy of `ds` with each row's dropped modality zeroed and marked absent. */
export function dropModalities(ds: Dataset, drop: (Modality | null)[]): Dataset {
  if (drop.length !== ds.labels.length) throw new Error(`dropModalities: ${drop.length} entries for ${ds.labels.length} rows`);
  const present = { text: Uint8Array.from(ds.present.text), image: Uint8Array.from(ds.present.image) };
  const views: Dataset['views'] = {};
  for (const [k, v] of Object.entries(ds.views)) {
    if (!v) continue;
    const data = Float32Array.from(v.data);
    drop.forEach((m, i) => {
      if (m === v.modality) data.fill(0, i * v.dim, (i + 1) * v.dim);
    });
    views[k] = { ...v, data };
  }
  drop.forEach((m, i) => {
    if (m) present[m][i] = 0;
  });
  if (ds.sequences) throw new Error('dropModalities: datasets with token sequences are not supported (drop their views instead)');
  return { ...ds, views, present };
}

/** Apply a pattern: ds with round(rate · N) posts losing a modality. */
export function withMissing(ds: Dataset, pattern: MissingPattern): Dataset {
  return dropModalities(ds, missingPattern(ds, pattern));
}
