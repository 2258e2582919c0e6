/**
 * A modality goes missing after generation or loading (the explorer's
 * Bernoulli-per-row form; lib/data/missing.ts draws exactly round(rate · N)
 * rows for the papers' missing-rate curves): a seeded share of
 * rows loses it, exactly as a loader or the synthetic generator represents an
 * absent modality (its views and token sequences zeroed, present[m] = 0), and
 * never both modalities of a row.
 *
 * Nested by construction: each row draws one uniform u per modality from the
 * seed, and loses modality m when u < rate. With the same seed, the rows
 * missing at rate 0.2 are among those missing at 0.4 — so a missing-rate
 * curve compares the same posts with more and more of them degraded, not new
 * posts at every point. Rows already missing the modality stay missing.
 */
import { deriveSeed, rng } from '../util/random';
import { MODALITIES, type Dataset, type Modality } from './dataset';

export interface DropOptions {
  /** which modality goes missing: one, or 'both' (each independently; a row that would lose both keeps one at random) */
  modality: Modality | 'both';
  /** share of rows, in [0, 1] */
  rate: number;
  seed?: number;
}

export function dropModality(ds: Dataset, { modality, rate, seed = 0 }: DropOptions): Dataset {
  if (modality !== 'both' && !MODALITIES.includes(modality)) throw new Error(`dropModality: option 'modality' must be text, image or both, got '${modality}'`);
  if (!(rate >= 0 && rate <= 1)) throw new Error(`dropModality: option 'rate' must be in [0, 1], got ${rate}`);
  const N = ds.labels.length;
  const r = rng(deriveSeed(seed, 'dropModality'));
  const present = { text: Uint8Array.from(ds.present.text), image: Uint8Array.from(ds.present.image) };
  for (let i = 0; i < N; i++) {
    // draws do not depend on the rate: nested sets across rates
    const u = { text: r.next(), image: r.next() }, coin = r.next();
    const off = { text: (modality === 'text' || modality === 'both') && u.text < rate, image: (modality === 'image' || modality === 'both') && u.image < rate };
    if (off.text && off.image) off[coin < 0.5 ? 'text' : 'image'] = false;
    for (const m of MODALITIES) if (off[m] && present[m === 'text' ? 'image' : 'text'][i]) present[m][i] = 0;
  }
  const views: Dataset['views'] = {};
  for (const [k, v] of Object.entries(ds.views)) {
    if (!v) continue;
    const data = Float32Array.from(v.data);
    for (let i = 0; i < N; i++) if (!present[v.modality][i]) data.fill(0, i * v.dim, (i + 1) * v.dim);
    views[k] = { ...v, data };
  }
  let sequences: Dataset['sequences'];
  if (ds.sequences) {
    sequences = {};
    for (const [k, s] of Object.entries(ds.sequences)) {
      if (!s) continue;
      const data = Float32Array.from(s.data), mask = Uint8Array.from(s.mask);
      const w = s.length * s.dim;
      for (let i = 0; i < N; i++) {
        if (present[s.modality][i]) continue;
        data.fill(0, i * w, (i + 1) * w);
        mask.fill(0, i * s.length, (i + 1) * s.length);
      }
      sequences[k] = { ...s, data, mask };
    }
  }
  const lost = MODALITIES.map((m) => `${ds.present[m].reduce((a, p, i) => a + (p && !present[m][i] ? 1 : 0), 0)} ${m}`).join(', ');
  return { ...ds, views, sequences, present, notes: [...(ds.notes ?? []), `dropModality(${modality}, rate ${rate}, seed ${seed}): removed ${lost}`] };
}
