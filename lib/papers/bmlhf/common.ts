/**
 * Shared settings of the BMLHF reproduction: profiles, seeds, the synthetic
 * default dataset, and the paper's training settings (Section 4.2).
 */
import type { ArtefactContext, Profile } from '../../experiment/artefact';
import { notChecked, type Claim } from '../../eval/claim';
import type { RunSpec } from '../../experiment/spec';
import { catalogDataset, QUICK_REAL_EPOCHS, SYNTHETIC, SYNTHETIC_SPLIT, type CatalogDataset } from '../../experiment/datasets-catalog';

export { QUICK_REAL_EPOCHS, SYNTHETIC, SYNTHETIC_SPLIT };

export const PAPER = 'bmlhf';

/** Section 4.2: Adam, lr 1e-3, weight decay 1e-3, 100 epochs; batch size is not given — 64 (as OGM-GE). */
export const PAPER_TRAIN = { lr: 1e-3, weightDecay: 1e-3, batchSize: 64, epochs: 100 };

export interface ProfileSettings {
  seeds: number[];
  epochs: number;
}

export const PROFILES: Record<Profile, ProfileSettings> = {
  quick: { seeds: [1, 2, 3, 4, 5], epochs: 20 },
  full: { seeds: [1, 2, 3, 4, 5], epochs: PAPER_TRAIN.epochs },
};

/** One spec per seed for a model on a dataset, with the paper's optimiser settings. */
export function seededRuns(profile: Profile, base: Omit<RunSpec, 'seed' | 'train'> & { train?: RunSpec['train'] }): RunSpec[] {
  const p = PROFILES[profile];
  return p.seeds.map((seed) => ({
    ...base,
    seed,
    train: { lr: PAPER_TRAIN.lr, weightDecay: PAPER_TRAIN.weightDecay, batchSize: PAPER_TRAIN.batchSize, epochs: p.epochs, seed, ...base.train },
  }));
}

/**
 * The datasets of the BMLHF reproduction, with each one's split (from the
 * shared catalog, lib/experiment/datasets-catalog.ts). Every artefact builds
 * its specs through `datasetRuns`, so equal experiments in different
 * artefacts (e.g. BMLHF on Twitter in Tables 1, 2, 3, 4) hash to the same
 * run and are trained once.
 */
export interface BmlhfDataset extends CatalogDataset {
  /** the paper reports this dataset (Weibo, Twitter, Fakeddit); ours-only otherwise */
  inPaper: boolean;
}

const BMLHF_KEYS = ['synthetic', 'weibo', 'twitter', 'fakeddit', 'twitter-clip', 'verite'];
const IN_PAPER = new Set(['weibo', 'twitter', 'fakeddit']);

export const DATASETS: BmlhfDataset[] = BMLHF_KEYS.map((k) => ({ ...catalogDataset(k), inPaper: IN_PAPER.has(k) }));

export function datasetByKey(key: string): BmlhfDataset {
  const d = DATASETS.find((x) => x.key === key);
  if (!d) throw new Error(`bmlhf: unknown dataset key '${key}' (known: ${DATASETS.map((x) => x.key).join(', ')})`);
  return d;
}

/** A method of the paper's tables: a registered model, optionally with a balancer (BMLHF = model + MIB). */
export interface Method {
  label: string;
  model: { name: string; options?: Record<string, unknown> };
  balancer?: { name: string; options?: Record<string, unknown> };
}

export const BMLHF_METHOD: Method = { label: 'BMLHF', model: { name: 'BMLHF' }, balancer: { name: 'mib' } };

/** One spec per seed of the profile for a method on a dataset (the shared builder: equal experiments share runs). */
export function datasetRuns(
  profile: Profile,
  datasetKey: string,
  method: Method,
  extra: { outputs?: RunSpec['outputs']; train?: RunSpec['train']; seeds?: number[] } = {},
): RunSpec[] {
  const d = datasetByKey(datasetKey);
  const seeds = extra.seeds ?? PROFILES[profile].seeds;
  const epochs = d.epochs?.[profile] ?? PROFILES[profile].epochs;
  return seeds.map((seed) => ({
    dataset: d.dataset,
    split: d.split(profile, seed),
    model: method.model,
    ...(method.balancer ? { balancer: method.balancer } : {}),
    seed,
    train: { lr: PAPER_TRAIN.lr, weightDecay: PAPER_TRAIN.weightDecay, batchSize: PAPER_TRAIN.batchSize, epochs, seed, ...extra.train },
    ...(extra.outputs ? { outputs: extra.outputs } : {}),
  }));
}

/** A dataset of an artefact's plan whose data is not here, with the portable reason. */
export interface AbsentDataset {
  key: string;
  label: string;
  reason: string;
}

/**
 * The plan's datasets split by whether their data is here (ctx.unavailable of the dataset's spec):
 * artefacts build from `present` and give each absent one a "data not available" row and claim.
 */
export function byAvailability(ctx: ArtefactContext, keys: readonly string[]): { present: string[]; absent: AbsentDataset[] } {
  const present: string[] = [],
    absent: AbsentDataset[] = [];
  for (const key of keys) {
    const d = datasetByKey(key);
    const why = ctx.unavailable(datasetRuns(ctx.profile, key, BMLHF_METHOD, { seeds: [1] })[0]);
    if (why) absent.push({ key, label: d.label, reason: why });
    else present.push(key);
  }
  return { present, absent };
}

/** One row per absent dataset for a table whose rows look like `like`: the dataset named, every other column '—', the reason in `note` (or the last column). */
export function absentRows(absent: AbsentDataset[], like: Record<string, unknown> | undefined, datasetColumn = 'dataset'): Record<string, unknown>[] {
  return absent.map((a) => {
    const cols = like ? Object.keys(like) : [datasetColumn, 'note'];
    const row: Record<string, unknown> = Object.fromEntries(cols.map((c) => [c, '—']));
    row[datasetColumn] = a.label;
    row[cols.includes('note') ? 'note' : cols[cols.length - 1]] = `data not available: ${a.reason}`;
    return row;
  });
}

/** The claims an artefact would have checked on an absent dataset: not checked, and why. */
export function absentClaims(absent: AbsentDataset[], what: string): Claim[] {
  return absent.map((a) => notChecked({ statement: what, on: a.label }, `data not available: ${a.reason}`));
}
