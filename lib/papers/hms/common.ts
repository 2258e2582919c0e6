/**
 * Shared settings of the HMS reproduction (arXiv 2604.09711): profiles,
 * datasets (the same spec values as the BMLHF reproduction, so the same
 * data and splits, defined here without importing that paper's folder),
 * methods and the one spec builder every HMS artefact uses — equal
 * experiments hash to one cached run.
 */
import type { Profile } from '../../experiment/artefact';
import type { DatasetSpec, RunSpec, SplitSpec } from '../../experiment/spec';
import { TWITTER_CLIP_FOLD } from '../../experiment/datasets-catalog';

export const PAPER = 'hms';

/** The paper fine-tunes an MLLM with settings we cannot read; ours for the small transformer (chosen on synthetic validation). */
export const HMS_TRAIN = { lr: 3e-3, weightDecay: 1e-3, batchSize: 128, select: 'macroF1' as const };
/** The workbench's other models keep their own papers' settings (BMLHF Sec. 4.2: Adam 1e-3, wd 1e-3, batch 64). */
export const WORKBENCH_TRAIN = { lr: 1e-3, weightDecay: 1e-3, batchSize: 64 };

export interface ProfileSettings {
  seeds: number[];
  /** epochs of the multimodal stage (and of single-stage runs) on synthetic */
  epochs: number;
  unimodalEpochs: number;
  /** seeds of the sweeps and of the all-models comparison */
  sweepSeeds: number[];
  compareSeeds: number[];
  /** real datasets: seeds and epochs */
  realSeeds: number[];
  realEpochs: number;
}

export const PROFILES: Record<Profile, ProfileSettings> = {
  quick: { seeds: [1, 2, 3, 4, 5], epochs: 10, unimodalEpochs: 10, sweepSeeds: [1], compareSeeds: [1], realSeeds: [1], realEpochs: 5 },
  // full: 5 seeds everywhere, the fewest at which the paired exact sign-flip test can decide a claim (2⁻⁵ ≤ 0.05)
  full: {
    seeds: [1, 2, 3, 4, 5],
    epochs: 30,
    unimodalEpochs: 30,
    sweepSeeds: [1, 2, 3, 4, 5],
    compareSeeds: [1, 2, 3, 4, 5],
    realSeeds: [1, 2, 3, 4, 5],
    realEpochs: 30,
  },
};

/** The paper's unimodal supervision budgets (fractions of the training set). */
export const BUDGETS = [0.0025, 0.01, 0.05];
export const DEFAULT_BUDGET = 0.05;
export const budgetLabel = (b: number) => `${+(b * 100).toFixed(2)} %`;

export interface HmsDataset {
  key: string;
  label: string;
  dataset: DatasetSpec;
  split(profile: Profile, seed: number): SplitSpec;
  /** the public data has no images: image-only input is all zeros */
  imagesMissing?: boolean;
  real: boolean;
}

const real = (name: string, options: Record<string, unknown> = {}): DatasetSpec => ({ kind: 'real', name, options });
const limit = (profile: Profile) => (profile === 'quick' ? { trainLimit: 2000, valLimit: 1500 } : {});

export const SYNTHETIC = 'synthetic';
export const DATASETS: HmsDataset[] = [
  {
    key: 'synthetic',
    label: 'Synthetic',
    dataset: { kind: 'synthetic', options: { samples: 2000, seed: 0 } },
    split: () => ({ kind: 'random', val: 0.15, test: 0.2, seed: 0 }),
    real: false,
  },
  {
    key: 'twitter',
    label: 'Twitter',
    dataset: real('twitter-mediaeval2016'),
    split: (p) => ({ kind: 'predefined', val: 0.15, byEvent: true, seed: 0, ...limit(p) }),
    real: true,
  },
  {
    key: 'weibo',
    label: 'Weibo',
    dataset: real('weibo', { scheme: 'eann' }),
    split: (p) => ({ kind: 'predefined', ...limit(p) }),
    imagesMissing: true,
    real: true,
  },
  { key: 'twitter-clip', label: 'Twitter (CLIP ViT-B/32)', dataset: real('twitter-clip-vitb32'), split: (_p, seed) => TWITTER_CLIP_FOLD(seed), real: true },
  {
    key: 'verite',
    label: 'VERITE (binary)',
    dataset: real('verite'),
    split: (_p, seed) => ({ kind: 'kfold', k: 5, fold: (seed - 1) % 5, val: 0.15, seed: 0 }),
    real: true,
  },
];

export function datasetByKey(key: string): HmsDataset {
  const d = DATASETS.find((x) => x.key === key);
  if (!d) throw new Error(`hms: unknown dataset key '${key}' (known: ${DATASETS.map((x) => x.key).join(', ')})`);
  return d;
}

/** A method: a registered model, trained by the stage-wise procedure (HMS methods) or by the plain trainer (workbench models). */
export interface Method {
  label: string;
  model: { name: string; options?: Record<string, unknown> };
  balancer?: { name: string; options?: Record<string, unknown> };
  /** stagewise options (without budget / epochs, which the builder adds); absent = the default trainer */
  stagewise?: Record<string, unknown>;
  /** uses the unimodal budget (stage-wise methods) */
  budgeted?: boolean;
}

const MULTIMODAL_ONLY = { stages: ['multimodal'] };
export const MM_FT: Method = { label: 'MM fine-tuning', model: { name: 'mm-transformer' }, stagewise: MULTIMODAL_ONLY };
export const MOD_DROPOUT: Method = {
  label: 'modality dropout',
  model: { name: 'mm-transformer', options: { modalityDropout: 0.3 } },
  stagewise: MULTIMODAL_ONLY,
};
export const MOMKE: Method = { label: 'MoMKE-style', model: { name: 'MoMKE-style' }, stagewise: MULTIMODAL_ONLY };
export const LATE_FUSION: Method = { label: 'late fusion (SpotFake+)', model: { name: 'SpotFake+' } };
/** a static train-time missing pattern (30 % of training posts lose a modality, seeded) — never the test pattern */
export const MM_FT_TRAIN_MISSING: Method = {
  label: 'MM FT, 30 % train posts missing',
  model: { name: 'mm-transformer' },
  stagewise: { ...MULTIMODAL_ONLY, trainMissing: { rate: 0.3, which: 'either', seed: 7 } },
};
/** unimodal references: the ceiling of each modality alone on these features */
export const IMAGE_ONLY: Method = { label: 'image-only model', model: { name: 'image-only' } };
export const TEXT_ONLY: Method = { label: 'text-only model', model: { name: 'text-only' } };
export const STAGEWISE_FT: Method = { label: 'stage-wise FT', model: { name: 'mm-transformer' }, stagewise: {}, budgeted: true };
export const HMS_UKR: Method = { label: 'HMS + UKR', model: { name: 'mm-transformer' }, stagewise: { hms: {}, ukr: {} }, budgeted: true };

/** Table rows in order: the baselines, then stage-wise fine-tuning and ours per budget. */
export const MAIN_METHODS: Method[] = [IMAGE_ONLY, TEXT_ONLY, LATE_FUSION, MM_FT, MOD_DROPOUT, MM_FT_TRAIN_MISSING, MOMKE, STAGEWISE_FT, HMS_UKR];

/** `removed`: what the ablation takes away, for the claims' wording */
export const ABLATIONS: (Method & { removed: string })[] = [
  { label: 'w/o HMS', removed: 'the HMS penalty', model: { name: 'mm-transformer' }, stagewise: { hms: { penalty: false }, ukr: {} }, budgeted: true },
  { label: 'w/o UKR', removed: 'UKR', model: { name: 'mm-transformer' }, stagewise: { hms: {} }, budgeted: true },
  {
    label: 'random heads',
    removed: 'the choice of critical heads (random heads instead)',
    model: { name: 'mm-transformer' },
    stagewise: { hms: { select: 'random' }, ukr: {} },
    budgeted: true,
  },
  { label: 'w/o stage-wise', removed: 'stage-wise training', model: { name: 'mm-transformer' }, stagewise: { mixed: true }, budgeted: true },
];

export const CURVE_RATES = [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1];
/** the test-time missing pattern of every run (its own seed; never the training pattern) */
const testMissing = { rates: CURVE_RATES, which: 'either' as const, seed: 2026 };

export interface RunOptions {
  budget?: number;
  seeds?: number[];
}

/** One spec per seed for a method on a dataset. */
export function methodRuns(profile: Profile, datasetKey: string, method: Method, o: RunOptions = {}): RunSpec[] {
  const d = datasetByKey(datasetKey);
  const p = PROFILES[profile];
  const seeds = o.seeds ?? (d.real ? p.realSeeds : p.seeds);
  const epochs = d.real ? p.realEpochs : p.epochs;
  return seeds.map((seed): RunSpec => {
    const base = { dataset: d.dataset, split: d.split(profile, seed), model: method.model, seed, ...(method.balancer ? { balancer: method.balancer } : {}) };
    if (!method.stagewise) {
      return { ...base, train: { ...WORKBENCH_TRAIN, epochs: d.real ? epochs : 20, seed }, outputs: { missing: true, missingRate: testMissing } };
    }
    const options = {
      ...method.stagewise,
      ...(method.budgeted ? { budget: o.budget ?? DEFAULT_BUDGET, unimodalEpochs: d.real ? epochs : p.unimodalEpochs } : {}),
      testMissing,
    };
    return { ...base, train: { ...HMS_TRAIN, epochs, seed }, procedure: { name: 'stagewise', options } };
  });
}

/** A variant of HMS + UKR with overridden hms / ukr options (the sweeps). */
export function hmsVariant(label: string, hms: Record<string, unknown>, ukr: Record<string, unknown> | null): Method {
  return { label, model: HMS_UKR.model, stagewise: { hms, ...(ukr ? { ukr } : {}) }, budgeted: true };
}
