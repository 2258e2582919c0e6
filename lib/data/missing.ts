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

/** which rows lose a modality: every row (`true`) or those whose flag is 1 */
export type RowsOff = Partial<Record<Modality, true | Uint8Array>>;

/**
 * The one way a modality is taken away: a copy of `ds` whose rows in `off` have that modality's views
 * and token sequences zeroed (sequence masks too) and present[m] = 0 — what a loader produces for a
 * post without it. Views, sequences and masks of modalities that lose no row are shared, not copied.
 */
export function zeroModalities(ds: Dataset, off: RowsOff): Dataset {
  const N = ds.labels.length;
  for (const [m, rows] of Object.entries(off)) {
    if (rows !== true && rows.length !== N) throw new Error(`zeroModalities: ${rows.length} row flags for ${N} rows (modality '${m}')`);
  }
  /** a copy of `data` ([N, width]) with the rows of `rows` zeroed; a fresh zero array when every row goes */
  const zeroRows = <T extends Float32Array | Uint8Array>(data: T, width: number, rows: true | Uint8Array, make: (n: number) => T): T => {
    if (rows === true) return make(N * width);
    const out = data.slice() as T;
    for (let i = 0; i < N; i++) if (rows[i]) out.fill(0, i * width, (i + 1) * width);
    return out;
  };
  const views: Dataset['views'] = {};
  for (const [k, v] of Object.entries(ds.views)) {
    if (!v) continue;
    const rows = off[v.modality];
    views[k] = rows ? { ...v, data: zeroRows(v.data, v.dim, rows, (n) => new Float32Array(n)) } : v;
  }
  let sequences: Dataset['sequences'];
  if (ds.sequences) {
    sequences = {};
    for (const [k, q] of Object.entries(ds.sequences)) {
      if (!q) continue;
      const rows = off[q.modality];
      sequences[k] = rows ? { ...q, data: zeroRows(q.data, q.length * q.dim, rows, (n) => new Float32Array(n)), mask: zeroRows(q.mask, q.length, rows, (n) => new Uint8Array(n)) } : q;
    }
  }
  const presentOf = (m: Modality) => (off[m] ? zeroRows(ds.present[m], 1, off[m]!, (n) => new Uint8Array(n)) : ds.present[m]);
  return { ...ds, views, ...(sequences ? { sequences } : {}), present: { text: presentOf('text'), image: presentOf('image') } };
}

/** A copy of `ds` with each row's dropped modality zeroed and marked absent. */
export function dropModalities(ds: Dataset, drop: (Modality | null)[]): Dataset {
  if (drop.length !== ds.labels.length) throw new Error(`dropModalities: ${drop.length} entries for ${ds.labels.length} rows`);
  const off: RowsOff = {};
  drop.forEach((m, i) => {
    if (m) ((off[m] as Uint8Array | undefined) ??= new Uint8Array(drop.length))[i] = 1;
  });
  return zeroModalities(ds, off);
}

/** Apply a pattern: ds with round(rate · N) posts losing a modality. */
export function withMissing(ds: Dataset, pattern: MissingPattern): Dataset {
  return dropModalities(ds, missingPattern(ds, pattern));
}
