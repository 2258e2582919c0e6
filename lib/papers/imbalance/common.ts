/**
 * The imbalance toolkit's comparison (issue 14): every registered balancing
 * method (lib/balance/index.ts, BALANCING_METHODS — a new registration appears
 * here without editing this folder; a method a host cannot run, by its `needs`, is left out on that host) against joint training, on two host models
 * (concatenation late fusion; EANN, a fake-news model with per-modality
 * branches), on the synthetic default at three image-signal strengths and on
 * the real datasets of the shared catalog. One spec builder, so the table,
 * the figures and the claims read the same cached runs.
 */
import type { Profile } from '../../experiment/artefact';
import { BALANCING_METHODS, FAMILIES, type MethodNeeds } from '../../balance/index';
import { methodPreset, UNIFORM_PRESET, type PresetName, type TrainPreset } from '../../balance/presets';
import { catalogDataset, QUICK_REAL_EPOCHS, SYNTHETIC, SYNTHETIC_SPLIT } from '../../experiment/datasets-catalog';
import type { DatasetSpec, RunSpec, SplitSpec } from '../../experiment/spec';
import { signalViews } from '../../data/synthetic-signals';

export const PAPER = 'imbalance';
export const ALPHA = 0.05;

/** Adam 1e-3, weight decay 1e-3, batch 64: the workbench's late-fusion settings (BMLHF Sec. 4.2) — the uniform preset */
export const TRAIN = UNIFORM_PRESET.train;

/**
 * The preset the comparison trains each method with: 'authors' (each method's own optimiser, lr, weight
 * decay, batch and schedule: lib/balance/presets.ts), compared with joint training under the SAME
 * settings; 'uniform' (every method under the host's Adam) is `methods(host, 'uniform')`.
 */
export const DEFAULT_PRESET: PresetName = 'authors';

export interface Method {
  /** 'joint' / 'joint@…' = plain joint training (no balancer), else the balancer's registry name */
  key: string;
  label: string;
  balancer?: { name: string; options?: Record<string, unknown> };
  /** trainer settings (optimiser, lr, weight decay, batch, schedule) of the method's preset */
  train: TrainPreset;
  /** the preset's name and source (recorded in results.json numbers) */
  preset?: { name: PresetName; source: string };
}

export const JOINT: Method = { key: 'joint', label: 'joint training', train: TRAIN };

const sameTrain = (a: TrainPreset, b: TrainPreset) => JSON.stringify(a) === JSON.stringify(b);

/** short text of a preset's optimiser: 'SGD m0.9 lr 1e-3 wd 1e-4 b64 step 70×0.1' */
export function describeTrain(t: TrainPreset): string {
  const opt = t.optimizer?.kind === 'sgd' ? `SGD m${t.optimizer.momentum ?? 0}` : 'Adam';
  return `${opt} lr ${t.lr} wd ${t.weightDecay} b${t.batchSize}${t.schedule ? ` step ${t.schedule.every}×${t.schedule.gamma}` : ''}`;
}

/** joint training under `m`'s settings: the reference a method is compared with (JOINT itself for the host's Adam) */
export function jointFor(m: Method): Method {
  if (sameTrain(m.train, TRAIN)) return JOINT;
  return { key: `joint@${describeTrain(m.train).replace(/\s+/g, '_')}`, label: `joint training (${describeTrain(m.train)})`, train: m.train };
}

/** the joint-training references of a host's methods: JOINT first, then one per other optimiser setting */
export function joints(host?: Host, preset: PresetName = DEFAULT_PRESET): Method[] {
  const out = [JOINT];
  for (const m of methods(host, preset).slice(1)) {
    const j = jointFor(m);
    if (!out.some((x) => x.key === j.key)) out.push(j);
  }
  return out;
}

/** display names of the methods we know; a registered method without one is shown by its registry name */
const LABELS: Record<string, string> = {
  mib: 'MIB (BMLHF)',
  'ogm-ge': 'OGM-GE',
  ogm: 'OGM-GE',
  pmr: 'PMR',
  agm: 'AGM',
  mmcosine: 'MMCosine',
  'gradient-blending': 'gradient blending',
  gb: 'gradient blending',
  mla: 'MLA',
  'diagnosing-relearning': 'Diagnosing & Re-learning',
  relearn: 'Diagnosing & Re-learning',
  'diagnose-relearn': 'Diagnosing & Re-learning',
  'sample-valuation': 'sample-level modality valuation',
  opm: 'OPM',
  cml: 'CML',
  mbsd: 'MBSD',
  inforeg: 'InfoReg',
  cggm: 'CGGM',
  mmpareto: 'MMPareto',
  lfm: 'LFM',
  amco: 'AMCo',
  reconboost: 'ReconBoost',
  olm: 'OLM',
  umt: 'UMT',
};

/** a method's family (lib/balance/index.ts), '—' for joint training and a method registered without one */
export const familyOf = (m: Method): string => (m.balancer ? (BALANCING_METHODS[m.balancer.name]?.family ?? 'unclassified') : '—');

/** table order of families: data, feed-forward, objective, optimisation, then any unclassified method */
const familyRank = (m: Method): number => {
  const f = familyOf(m);
  const i = FAMILIES.indexOf(f as (typeof FAMILIES)[number]);
  return i < 0 ? FAMILIES.length : i;
};

/**
 * Joint training first, then every registered balancing method with its default options (registry order);
 * with a host, only the methods whose `needs` the host meets (e.g. Output.features for MMCosine / PMR).
 */
export function methods(host?: Host, preset: PresetName = DEFAULT_PRESET): Method[] {
  const fits = (needs: MethodNeeds = {}) => !host || Object.entries(needs).every(([k, v]) => !v || host.provides[k as keyof MethodNeeds]);
  return [
    JOINT,
    ...Object.entries(BALANCING_METHODS)
      .filter(([, e]) => fits(e.needs))
      .map(([name]): Method => {
        const p = methodPreset(name, preset);
        return { key: name, label: LABELS[name] ?? name, balancer: { name }, train: p.train, preset: { name: preset, source: p.source } };
      }),
  ];
}

export interface Host {
  key: string;
  label: string;
  model: { name: string; options?: Record<string, unknown> };
  /** what the model's forward pass provides, matched against a method's `needs` */
  provides: Required<MethodNeeds>;
}

export const HOSTS: Host[] = [
  {
    key: 'late-fusion',
    label: 'late fusion (concat)',
    model: { name: 'SpotFake+' },
    provides: { features: true, twoModalities: true, additiveBranches: true },
  },
  // EANN: text / image branch logits (slices of its linear detector: they sum to its logits) and Output.features (its text and visual extractor outputs)
  { key: 'eann', label: 'EANN', model: { name: 'EANN' }, provides: { features: true, twoModalities: true, additiveBranches: true } },
];

export interface ImbalanceDataset {
  key: string;
  label: string;
  dataset: DatasetSpec;
  split(profile: Profile, seed: number): SplitSpec;
  real: boolean;
  /** synthetic: the factor on both image views' signal (1 = the default) */
  imageSignal?: number;
  /** epochs per profile for the real datasets (the catalog's quick epochs) */
  epochs?: Partial<Record<Profile, number>>;
}

/** The synthetic default with the image signal scaled (1 = the catalog's synthetic dataset, same spec, same cached data). */
export function syntheticAt(imageSignal: number): ImbalanceDataset {
  const label = imageSignal === 1 ? 'Synthetic (image signal ×1, default)' : `Synthetic (image signal ×${imageSignal})`;
  const dataset: DatasetSpec =
    imageSignal === 1
      ? SYNTHETIC
      : { kind: 'synthetic', options: { ...(SYNTHETIC as { options: object }).options, views: signalViews({ image: imageSignal }) } };
  return { key: `synthetic-x${imageSignal}`, label, dataset, split: () => SYNTHETIC_SPLIT, real: false, imageSignal };
}

const fromCatalog = (key: string): ImbalanceDataset => {
  const c = catalogDataset(key);
  return { key, label: c.label, dataset: c.dataset, split: c.split, real: true, epochs: c.epochs };
};

export interface ProfileSettings {
  /** image-signal factors of the synthetic table rows (weak / medium / strong image) */
  strengths: number[];
  /** the strength sweep of the accuracy-vs-strength figure (includes `strengths`) */
  sweep: number[];
  seeds: number[];
  epochs: number;
  realSeeds: number[];
  /** epochs on the real datasets; absent = the catalog's quick epochs (5; Twitter CLIP 10) */
  realEpochs?: number;
  /**
   * per-method options of this profile, over the registry defaults: schedules in epochs that the quick
   * profile's 8 / 3 epochs would never reach (D&R re-initialises every 20 epochs, sample-level valuation
   * warms up for 5), scaled down so the method acts at all
   */
  methodOptions: Record<string, Record<string, unknown>>;
  /**
   * methods this profile runs only on the synthetic table rows with the first host (late fusion): the
   * methods added after the first nine, kept off EANN and the real datasets in the quick profile so
   * that it stays within its time (the full profile runs them everywhere)
   */
  syntheticOnly: string[];
  /** which hosts run on which dataset kinds */
  hosts: { synthetic: Record<string, number[]>; real: string[] };
}

export const PROFILES: Record<Profile, ProfileSettings> = {
  // 5 synthetic seeds: the fewest at which the exact sign-flip test paired by seed can decide a claim
  // (smallest one-sided p 2⁻⁵ = 0.031 ≤ 0.05; at 4 it is 0.0625). Real data: 1 seed in quick (undecided; --full runs 3).
  // real data: 3 epochs (the catalog's 5 would take the quick profile past 10 minutes on 2 cores with every method)
  quick: {
    strengths: [0.5, 1, 2],
    sweep: [0.5, 1, 2],
    seeds: [1, 2, 3, 4, 5],
    epochs: 8,
    realSeeds: [1],
    realEpochs: 3,
    methodOptions: { 'diagnose-relearn': { every: 3 }, 'sample-valuation': { warmup: 1 } },
    syntheticOnly: ['opm', 'cml', 'mbsd', 'inforeg', 'cggm', 'mmpareto', 'lfm', 'amco', 'reconboost', 'olm', 'umt'],
    hosts: { synthetic: { 'late-fusion': [0.5, 1, 2], eann: [1] }, real: ['late-fusion'] },
  },
  full: {
    strengths: [0.5, 1, 2],
    sweep: [0.25, 0.5, 1, 1.5, 2, 3],
    seeds: [1, 2, 3, 4, 5],
    epochs: 30,
    realSeeds: [1, 2, 3, 4, 5],
    realEpochs: 30,
    methodOptions: {},
    syntheticOnly: [],
    hosts: { synthetic: { 'late-fusion': [0.25, 0.5, 1, 1.5, 2, 3], eann: [0.5, 1, 2] }, real: ['late-fusion', 'eann'] },
  },
};

/** The real datasets of the table (catalog keys): Twitter MediaEval, Twitter CLIP, Fakeddit. */
export const REAL_KEYS = ['twitter', 'twitter-clip', 'fakeddit'];

/** Table datasets in order: synthetic weak → strong image, then the real ones. */
export function tableDatasets(profile: Profile): ImbalanceDataset[] {
  return [...PROFILES[profile].strengths.map(syntheticAt), ...REAL_KEYS.map(fromCatalog)];
}

export function datasetByKey(key: string): ImbalanceDataset {
  if (key.startsWith('synthetic-x')) return syntheticAt(Number(key.slice('synthetic-x'.length)));
  if (!REAL_KEYS.includes(key)) throw new Error(`imbalance: unknown dataset key '${key}' (known: synthetic-x<factor>, ${REAL_KEYS.join(', ')})`);
  return fromCatalog(key);
}

/** Does host `h` run on dataset `d` in this profile? */
export function hostRuns(profile: Profile, h: Host, d: ImbalanceDataset): boolean {
  const p = PROFILES[profile].hosts;
  return d.real ? p.real.includes(h.key) : (p.synthetic[h.key] ?? []).includes(d.imageSignal!);
}

function withProfileOptions(profile: Profile, b: NonNullable<Method['balancer']>): NonNullable<Method['balancer']> {
  const extra = PROFILES[profile].methodOptions[b.name];
  return extra ? { name: b.name, options: { ...b.options, ...extra } } : b;
}

/** One spec per seed: method × host × dataset. Every run records per-modality diagnostics on test. */
export function runs(profile: Profile, method: Method, host: Host, d: ImbalanceDataset): RunSpec[] {
  const p = PROFILES[profile];
  const seeds = d.real ? p.realSeeds : p.seeds;
  const epochs = d.real ? (p.realEpochs ?? d.epochs?.[profile] ?? QUICK_REAL_EPOCHS) : p.epochs;
  return seeds.map((seed) => ({
    dataset: d.dataset,
    split: d.split(profile, seed),
    model: host.model,
    ...(method.balancer ? { balancer: withProfileOptions(profile, method.balancer) } : {}),
    train: { ...method.train, epochs, seed },
    seed,
    outputs: { modality: true },
  }));
}

/** Does method `m` run on host `h` and dataset `d` in this profile (PROFILES[profile].syntheticOnly)? Joint training runs wherever the host does. */
export function methodRuns(profile: Profile, m: Method, h: Host, d: ImbalanceDataset): boolean {
  if (!m.balancer || !PROFILES[profile].syntheticOnly.includes(m.balancer.name)) return true;
  return !d.real && h.key === HOSTS[0].key;
}

/**
 * The rows of one (host, dataset) cell in table order: joint training (JOINT first, then joint training under each
 * other optimiser setting that a method running here uses), then the methods that run here grouped by family
 * (data, feed-forward, objective, optimisation; registry order within a family).
 */
export function cellMethods(profile: Profile, host: Host, d: ImbalanceDataset): Method[] {
  const ms = methods(host)
    .slice(1)
    .filter((m) => methodRuns(profile, m, host, d));
  const refs = [JOINT];
  for (const m of ms) {
    const j = jointFor(m);
    if (!refs.some((x) => x.key === j.key)) refs.push(j);
  }
  return [
    ...refs,
    ...ms
      .map((m, i) => ({ m, i }))
      .sort((a, b) => familyRank(a.m) - familyRank(b.m) || a.i - b.i)
      .map(({ m }) => m),
  ];
}

/** Every (method, host, dataset) cell of the profile, in table order. */
export function cells(profile: Profile): { method: Method; host: Host; dataset: ImbalanceDataset }[] {
  const out: { method: Method; host: Host; dataset: ImbalanceDataset }[] = [];
  const ds = [...tableDatasets(profile), ...PROFILES[profile].sweep.filter((s) => !PROFILES[profile].strengths.includes(s)).map(syntheticAt)];
  for (const host of HOSTS)
    for (const dataset of ds)
      if (hostRuns(profile, host, dataset)) for (const method of cellMethods(profile, host, dataset)) out.push({ method, host, dataset });
  return out;
}
