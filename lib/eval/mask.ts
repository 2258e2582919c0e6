/**
 * Zero-masking a set of modalities: the dataset as a model sees it when
 * those modalities are absent — their views and token sequences zeroed and
 * present[m] = 0, exactly how a loader represents a missing image. Unlike
 * the evaluation modes of makeBatch ('text-only', 'image-only') it can mask
 * both modalities at once: the empty coalition of a Shapley value.
 */
import { MODALITIES, type Dataset, type Modality } from '../data/dataset';

export function maskModalities(ds: Dataset, masked: readonly Modality[]): Dataset {
  for (const m of masked) if (!MODALITIES.includes(m)) throw new Error(`maskModalities: unknown modality '${m}' (known: ${MODALITIES.join(', ')})`);
  if (!masked.length) return ds;
  const off = new Set<Modality>(masked);
  const N = ds.labels.length;
  const views: Dataset['views'] = {};
  for (const [k, v] of Object.entries(ds.views)) if (v) views[k] = off.has(v.modality) ? { ...v, data: new Float32Array(N * v.dim) } : v;
  let sequences: Dataset['sequences'];
  if (ds.sequences) {
    sequences = {};
    for (const [k, s] of Object.entries(ds.sequences)) if (s) sequences[k] = off.has(s.modality) ? { ...s, data: new Float32Array(N * s.length * s.dim), mask: new Uint8Array(N * s.length) } : s;
  }
  const present = { text: off.has('text') ? new Uint8Array(N) : ds.present.text, image: off.has('image') ? new Uint8Array(N) : ds.present.image };
  return { ...ds, views, ...(sequences ? { sequences } : {}), present };
}
