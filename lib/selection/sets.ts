/** Small helpers of the selection procedure: the detector's validation carve and set summaries. */
import { permutation, rng } from '../util/random';
import { LABEL3_NAMES, size, subsetPairs, type PairSet } from './pairs';

export const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/**
 * Hold out about `share` of the rows as the detector's validation set, by whole images (the true,
 * miscaptioned and out-of-context variants of one photo stay on one side), seeded.
 */
export function carveByImage(p: PairSet, share: number, seed: number): { train: PairSet; val: PairSet } {
  if (!(share > 0 && share < 1)) throw new Error(`carveByImage: share must be in (0, 1), got ${share}`);
  const keys = [...new Set(p.imageKey)].sort();
  const order = permutation(keys.length, rng(seed + 104729));
  const valKeys = new Set<string>();
  let n = 0;
  for (const j of order) {
    if (n >= share * size(p)) break;
    valKeys.add(keys[j]);
    n += p.imageKey.filter((k) => k === keys[j]).length;
  }
  const rows = Array.from({ length: size(p) }, (_, i) => i);
  const val = rows.filter((i) => valKeys.has(p.imageKey[i]));
  const train = rows.filter((i) => !valKeys.has(p.imageKey[i]));
  if (!val.length || !train.length)
    throw new Error(`carveByImage: ${size(p)} rows over ${keys.length} images cannot give both a training and a validation side`);
  return { train: subsetPairs(p, train), val: subsetPairs(p, val) };
}

/** counts by kind and by 3-way label */
export function composition(p: PairSet): { kinds: Record<string, number>; labels: Record<string, number> } {
  const kinds: Record<string, number> = {},
    labels: Record<string, number> = {};
  for (let i = 0; i < size(p); i++) {
    kinds[p.kind[i]] = (kinds[p.kind[i]] ?? 0) + 1;
    const l = LABEL3_NAMES[p.label3[i]];
    labels[l] = (labels[l] ?? 0) + 1;
  }
  const sorted = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
  return { kinds: sorted(kinds), labels: sorted(labels) };
}
