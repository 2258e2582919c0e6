/**
 * Dataset specs → Datasets, memoised per process (a worker process runs many
 * seeds of the same dataset; generating or loading it once is enough).
 */
import type { Dataset } from '../data/dataset';
import { synthetic } from '../data/synthetic';
import { applySplit, kFold, predefinedSplit, splitIndices } from '../data/splits';
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
  switch (s.kind) {
    case 'random':
      return applySplit(ds, splitIndices(ds, s));
    case 'predefined':
      return applySplit(ds, predefinedSplit(ds));
    case 'kfold': {
      const folds = kFold(ds, s.k, { val: s.val, seed: s.seed });
      if (!(s.fold >= 0 && s.fold < s.k)) throw new Error(`split: fold ${s.fold} out of range 0..${s.k - 1}`);
      return applySplit(ds, folds[s.fold]);
    }
  }
}
