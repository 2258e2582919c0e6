/**
 * Dataset specs → Datasets, memoised per process (a worker process runs many
 * seeds of the same dataset; generating or loading it once is enough).
 */
import { subset, type Dataset } from '../data/dataset';
import { synthetic } from '../data/synthetic';
import { applySplit, kFold, predefinedSplit, splitIndices } from '../data/splits';
import { permutation, rng } from '../util/random';
import { canonical, type DatasetSpec, type SplitSpec } from './spec';

const memo = new Map<string, Promise<Dataset>>();

/** Loaders for real datasets plug in here (see lib/experiment/real.ts); kept lazy so the synthetic path never imports them. */
export type RealLoader = (name: string, options: Record<string, unknown>) => Promise<Dataset>;
let realLoader: RealLoader | undefined;
export function setRealLoader(f: RealLoader): void {
  realLoader = f;
}

export function loadDataset(spec: DatasetSpec): Promise<Dataset> {
  const key = canonical(spec);
  let p = memo.get(key);
  if (!p) {
    p = (async () => {
      if (spec.kind === 'synthetic') return synthetic(spec.options ?? {});
      if (!realLoader) realLoader = (await import('./real')).loadReal;
      return realLoader(spec.name, spec.options ?? {});
    })();
    memo.set(key, p);
    p.catch(() => memo.delete(key));
  }
  return p;
}

export function split(ds: Dataset, s: SplitSpec): { train: Dataset; val: Dataset; test: Dataset } {
  const parts = splitParts(ds, s);
  return { ...parts, train: limit(parts.train, s.trainLimit, 'trainLimit', s.seed), val: limit(parts.val, s.valLimit, 'valLimit', s.seed) };
}

/** A stratified, seeded subset of about `n` rows (quick profiles); the whole part when n is absent or larger. */
function limit(part: Dataset, n: number | undefined, name: string, seed = 0): Dataset {
  if (n === undefined || part.labels.length <= n) return part;
  if (!(Number.isInteger(n) && n > 1)) throw new Error(`split: ${name} must be an integer > 1, got ${n}`);
  const all = Int32Array.from(part.labels, (_, i) => i);
  const { val: kept } = carveVal(part, all, n / all.length, seed + 7919);
  return subset(part, kept);
}

function splitParts(ds: Dataset, s: SplitSpec): { train: Dataset; val: Dataset; test: Dataset } {
  switch (s.kind) {
    case 'random':
      return applySplit(ds, splitIndices(ds, s));
    case 'predefined': {
      const p = predefinedSplit(ds);
      if (p.val.length > 0 || !s.val) return applySplit(ds, p);
      return applySplit(ds, { ...p, ...(s.byEvent ? carveValByEvent(ds, p.train, s.val, s.seed ?? 0) : carveVal(ds, p.train, s.val, s.seed ?? 0)) });
    }
    case 'kfold': {
      const folds = kFold(ds, s.k, { val: s.val, seed: s.seed, byEvent: s.byEvent });
      if (!(s.fold >= 0 && s.fold < s.k)) throw new Error(`split: fold ${s.fold} out of range 0..${s.k - 1}`);
      return applySplit(ds, folds[s.fold]);
    }
  }
}

/**
 * A stratified validation share of `train` (for datasets that ship only
 * train/test, e.g. Twitter MediaEval): per label, the first ⌈frac·n⌉ rows
 * of a seeded permutation go to validation. Test rows are never touched.
 */
export function carveVal(ds: Dataset, train: Int32Array, frac: number, seed: number): { train: Int32Array; val: Int32Array } {
  if (!(frac > 0 && frac < 1)) throw new Error(`split: predefined 'val' must be in (0, 1), got ${frac}`);
  const val: number[] = [];
  const keep: number[] = [];
  for (const label of [0, 1]) {
    const rows = Array.from(train).filter((i) => ds.labels[i] === label);
    const order = permutation(rows.length, rng(seed * 2 + label));
    const nVal = Math.ceil(frac * rows.length);
    order.forEach((j, r) => (r < nVal ? val : keep).push(rows[j]));
  }
  const sort = (a: number[]) => Int32Array.from(a.sort((x, y) => x - y));
  return { train: sort(keep), val: sort(val) };
}

/**
 * Validation = whole events drawn from train, per label: the groups are
 * (event, label) pairs, drawn in seeded order until each label has ≥ frac of
 * its training rows in validation. Twitter MediaEval posts of one event share
 * images (and an image is fake or real, not both), so a row-level carve leaks
 * them into validation and selects on memorisation; a plain event carve made
 * validation 1,457 fake vs 44 real there, useless for selection.
 */
export function carveValByEvent(ds: Dataset, train: Int32Array, frac: number, seed: number): { train: Int32Array; val: Int32Array } {
  if (!ds.events) throw new Error(`split: byEvent needs event ids, dataset '${ds.name}' has none`);
  if (!(frac > 0 && frac < 1)) throw new Error(`split: predefined 'val' must be in (0, 1), got ${frac}`);
  const valRows = new Set<number>();
  for (const label of [0, 1]) {
    const rowsOf = new Map<number, number[]>();
    let n = 0;
    for (const i of train) {
      if (ds.labels[i] !== label) continue;
      (rowsOf.get(ds.events[i]) ?? rowsOf.set(ds.events[i], []).get(ds.events[i])!).push(i);
      n++;
    }
    const events = [...rowsOf.keys()].sort((a, b) => a - b);
    const order = permutation(events.length, rng(seed * 2 + label));
    let taken = 0;
    for (const j of order) {
      if (taken >= frac * n) break;
      const rows = rowsOf.get(events[j])!;
      if (taken + rows.length > 2 * frac * n) continue; // one huge event must not swallow the training data
      for (const i of rows) valRows.add(i);
      taken += rows.length;
    }
  }
  return { train: Int32Array.from(Array.from(train).filter((i) => !valRows.has(i))), val: Int32Array.from(Array.from(train).filter((i) => valRows.has(i))) };
}
