/**
 * Dataset specs → Datasets, memoised per process (a worker process runs many
 * seeds of the same dataset; generating or loading it once is enough).
 */
import { subset, type Dataset } from '../data/dataset';
import { synthetic } from '../data/synthetic';
import { groupFoldNote } from '../data/group-folds';
import { applySplit, carveVal, carveValByEvent, kFold, predefinedSplit, splitIndices, stratifiedGroupKFold } from '../data/splits';
import { standardiseParts } from '../data/standardise';
import { canonical, type DatasetSpec, type SplitSpec } from './spec';

const memo = new Map<string, Promise<Dataset>>();

/** Loaders for real datasets plug in here (see lib/experiment/real.ts); kept lazy so the synthetic path never imports them. */
export type RealLoader = (name: string, options: Record<string, unknown>, ctx: { dataDir?: string; fingerprint?: string }) => Promise<Dataset>;
let realLoader: RealLoader | undefined;
export function setRealLoader(f: RealLoader): void {
  realLoader = f;
}

/** `dataDir`: where real datasets are (absent: the loaders' default, lib/data/datadir.ts) */
export function loadDataset(spec: DatasetSpec, ctx: { dataDir?: string } = {}): Promise<Dataset> {
  const key = canonical({ spec, dataDir: spec.kind === 'real' ? ctx.dataDir : undefined });
  let p = memo.get(key);
  if (!p) {
    p = (async () => {
      if (spec.kind === 'synthetic') return synthetic(spec.options ?? {});
      if (!realLoader) realLoader = (await import('./real')).loadReal;
      return realLoader(spec.name, spec.options ?? {}, { dataDir: ctx.dataDir, fingerprint: spec.fingerprint });
    })();
    memo.set(key, p);
    p.catch(() => memo.delete(key));
  }
  return p;
}

/**
 * The three parts of a split, and notes on it for the run's results (the k-fold partition's fold sizes and
 * fake shares; the standardisation): the same notes for every fold of one partition.
 */
export function split(ds: Dataset, s: SplitSpec): { train: Dataset; val: Dataset; test: Dataset; notes: string[] } {
  const { notes = [], ...parts } = splitParts(ds, s);
  const seed = 'seed' in s ? s.seed : undefined;
  const limited = { ...parts, train: limit(parts.train, s.trainLimit, 'trainLimit', seed), val: limit(parts.val, s.valLimit, 'valLimit', seed) };
  if (!s.standardise) return { ...limited, notes };
  const st = standardiseParts(limited, s.standardise);
  return { ...st.parts, notes: [...notes, st.note] };
}

/** A stratified, seeded subset of about `n` rows (quick profiles); the whole part when n is absent or larger. */
function limit(part: Dataset, n: number | undefined, name: string, seed = 0): Dataset {
  if (n === undefined || part.labels.length <= n) return part;
  if (!(Number.isInteger(n) && n > 1)) throw new Error(`split: ${name} must be an integer > 1, got ${n}`);
  const all = Int32Array.from(part.labels, (_, i) => i);
  const { val: kept } = carveVal(part, all, n / all.length, seed + 7919);
  return subset(part, kept);
}

function splitParts(ds: Dataset, s: SplitSpec): { train: Dataset; val: Dataset; test: Dataset; notes?: string[] } {
  switch (s.kind) {
    case 'random':
      return applySplit(ds, splitIndices(ds, s));
    case 'predefined': {
      const p = predefinedSplit(ds);
      if (p.val.length > 0 || !s.val) return applySplit(ds, p);
      return applySplit(ds, { ...p, ...(s.byEvent ? carveValByEvent(ds, p.train, s.val, s.seed ?? 0) : carveVal(ds, p.train, s.val, s.seed ?? 0)) });
    }
    case 'none': {
      const all = Int32Array.from(ds.labels, (_, i) => i);
      return applySplit(ds, { train: new Int32Array(0), val: new Int32Array(0), test: all });
    }
    case 'kfold': {
      if (!(s.fold >= 0 && s.fold < s.k)) throw new Error(`split: fold ${s.fold} out of range 0..${s.k - 1}`);
      if (s.stratify && !s.byEvent)
        throw new Error('split: kfold stratify is the by-event stratification; it needs byEvent: true (row folds are always stratified)');
      if (s.stratify) {
        const { folds, report } = stratifiedGroupKFold(ds, s.k, s.val, s.seed);
        return { ...applySplit(ds, folds[s.fold]), notes: [groupFoldNote(ds.name, s.k, s.seed ?? 0, report)] };
      }
      const folds = kFold(ds, s.k, { val: s.val, seed: s.seed, byEvent: s.byEvent });
      return applySplit(ds, folds[s.fold]);
    }
  }
}
