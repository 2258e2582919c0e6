/**
 * A user's run spec file (`npm run reproduce -- --spec my-runs.json`, or
 * runCustomSpec() in a notebook) → validated RunSpecs. The file is JSON:
 * one run, a list of runs, or { "name", "profile", "runs": [...] }. A run:
 *
 *   { "label": "OGM-GE on Twitter-CLIP",    // optional row label
 *     "dataset": "twitter-clip",             // a catalog key (lib/experiment/datasets-catalog.ts: its split per seed),
 *                                            // or { "kind": "real", "name": "verite", "options": {…} } / { "kind": "synthetic", … }
 *     "split": { "kind": "kfold", … },       // optional (default: the catalog's; a 5-fold CV for other real sets)
 *     "userViews": "features/views.json",    // optional: features from files (docs/FEATURES-FROM-FILES.md), or
 *                                            // { "manifest": …, "missingRows": "absent" } (posts without a row: modality missing)
 *     "model": "SpotFake+" | { "name", "options" },
 *     "balancer": "ogm-ge" | { "name", "options" },   // optional
 *     "seeds": [1, 2, 3],                    // default [1]
 *     "epochs": 5, "train": { "lr": 1e-3, … },   // also "optimizer": { "kind": "sgd", "momentum": 0.9 } | { "kind": "adam" },
 *                                            // "schedule": { "kind": "step", "every": 70, "gamma": 0.1 } (SGD only)
 *     "preset": "authors",                   // optional: the balancer's training preset (lib/balance/presets.ts:
 *                                            // "authors" | "uniform"); fields given in "train" override it
 *     "missing": true,                       // the missing-modality evaluation switch: text-only / image-only test input
 *     "missingRate": { "rates": [0, 0.5, 1], "which": "image" },   // or true for the default curve
 *     "modality": true }                     // per-modality metrics (default true)
 *
 * Every error names the field: `runs[2].balancer: unknown balancer 'ogm' (known: …)`.
 */
import { isAbsolute, resolve } from 'node:path';
import { BALANCING_METHODS, makeMethod } from '../balance/index';
import { methodPreset, PRESET_NAMES, type PresetName } from '../balance/presets';
import { DATASET_NAMES } from '../data/loaders/index';
import { describeUserViews } from '../data/user-views/index';
import type { Profile } from './artefact';
import { catalogDataset, DATASET_CATALOG, SYNTHETIC_SPLIT } from './datasets-catalog';
import { MODELS } from './models';
import type { DatasetSpec, RunSpec, SplitSpec } from './spec';

export interface CustomRun {
  label: string;
  /** the runs of this entry, one per seed */
  specs: RunSpec[];
}

export interface CustomSpec {
  name: string;
  profile: Profile;
  runs: CustomRun[];
}

const RUN_FIELDS = [
  'label',
  'dataset',
  'split',
  'userViews',
  'model',
  'balancer',
  'seeds',
  'seed',
  'epochs',
  'train',
  'preset',
  'missing',
  'missingRate',
  'modality',
] as const;
const TOP_FIELDS = ['name', 'profile', 'runs', 'description'];
const TRAIN_FIELDS: Record<string, 'number' | 'string' | 'object' | string[]> = {
  batchSize: 'number',
  lr: 'number',
  weightDecay: 'number',
  weightDecayMode: ['coupled', 'decoupled'],
  patience: 'number',
  select: ['acc', 'macroF1', 'loss'],
  balanceMode: ['gradient', 'update'],
  optimizer: 'object',
  schedule: 'object',
};
const SPLIT_KINDS = ['random', 'predefined', 'kfold', 'none'];

export class SpecError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'SpecError';
  }
}

/**
 * Parse and validate a spec; `file` names it in errors and anchors relative paths (userViews).
 * `name` defaults to the file's base name.
 */
export function parseCustomSpec(raw: unknown, file = 'spec', defaultName = 'custom'): CustomSpec {
  const fail = (field: string, msg: string): never => {
    throw new SpecError(`${file}: ${field}`, msg);
  };
  let top: Record<string, unknown>;
  if (Array.isArray(raw)) top = { runs: raw };
  else if (raw && typeof raw === 'object') top = 'runs' in raw ? (raw as Record<string, unknown>) : { runs: [raw] };
  else return fail('(top)', `expected a run object, a list of runs, or { "name", "runs" }; got ${JSON.stringify(raw)}`);
  // a single run's own fields are checked by parseRun
  if (top === raw) for (const k of Object.keys(top)) if (!TOP_FIELDS.includes(k)) fail(k, `unknown field (known: ${TOP_FIELDS.join(', ')})`);
  const name = top.name ?? defaultName;
  if (typeof name !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name))
    fail('name', `is ${JSON.stringify(name)}; expected a folder name (letters, digits, . _ -)`);
  const profile = top.profile ?? 'quick';
  if (profile !== 'quick' && profile !== 'full') fail('profile', `is ${JSON.stringify(profile)}; expected "quick" or "full"`);
  if (!Array.isArray(top.runs) || top.runs.length === 0) fail('runs', 'must be a non-empty list of runs');
  const base = file === 'spec' ? process.cwd() : resolve(file, '..');
  const runs = (top.runs as unknown[]).map((r, i) => parseRun(r, `runs[${i}]`, profile as Profile, base, fail));
  const labels = new Set<string>();
  runs.forEach((r, i) => {
    if (labels.has(r.label)) fail(`runs[${i}].label`, `'${r.label}' is used twice; give each run its own label`);
    labels.add(r.label);
  });
  return { name: name as string, profile: profile as Profile, runs };
}

type Fail = (field: string, msg: string) => never;

function parseRun(raw: unknown, at: string, profile: Profile, base: string, fail: Fail): CustomRun {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return fail(at, 'expected a run object');
  const r = raw as Record<string, unknown>;
  const f = (k: string) => `${at}.${k}`;
  for (const k of Object.keys(r)) if (!(RUN_FIELDS as readonly string[]).includes(k)) fail(f(k), `unknown field (known: ${RUN_FIELDS.join(', ')})`);
  const type = (k: string, want: string) => {
    if (r[k] !== undefined && typeof r[k] !== want) fail(f(k), `is ${JSON.stringify(r[k])}; expected a ${want}`);
  };
  ['missing', 'modality'].forEach((k) => type(k, 'boolean'));
  type('label', 'string');

  // ---- model, balancer ----
  const model = named(r.model, f('model'), fail);
  if (!model) return fail(f('model'), 'is required (a name, or { "name", "options" })');
  if (!MODELS[model.name]) fail(f('model'), `unknown model '${model.name}' (known: ${Object.keys(MODELS).join(', ')})`);
  const balancer = named(r.balancer, f('balancer'), fail);
  if (balancer) {
    if (!BALANCING_METHODS[balancer.name]) fail(f('balancer'), `unknown balancer '${balancer.name}' (known: ${Object.keys(BALANCING_METHODS).join(', ')})`);
    try {
      makeMethod(balancer.name, balancer.options ?? {}); // unknown / mistyped options throw here, before any run
    } catch (e) {
      fail(f('balancer.options'), (e as Error).message);
    }
  }

  // ---- seeds, epochs, train ----
  if (r.seeds !== undefined && r.seed !== undefined) fail(f('seeds'), 'give seeds or seed, not both');
  const seeds = r.seeds ?? [r.seed ?? 1];
  if (!Array.isArray(seeds) || !seeds.length || !seeds.every((s) => Number.isInteger(s) && s >= 0))
    fail(f(r.seeds !== undefined ? 'seeds' : 'seed'), `is ${JSON.stringify(r.seeds ?? r.seed)}; expected non-negative integers`);
  if (new Set(seeds as number[]).size !== (seeds as number[]).length) fail(f('seeds'), `${JSON.stringify(seeds)} repeats a seed`);
  if (r.epochs !== undefined && !(Number.isInteger(r.epochs) && (r.epochs as number) >= 1))
    fail(f('epochs'), `is ${JSON.stringify(r.epochs)}; expected a positive integer`);
  const train: Record<string, unknown> = {};
  if (r.train !== undefined) {
    if (!r.train || typeof r.train !== 'object' || Array.isArray(r.train)) fail(f('train'), 'expected an object');
    for (const [k, v] of Object.entries(r.train as Record<string, unknown>)) {
      const rule = TRAIN_FIELDS[k];
      if (!rule)
        fail(
          f(`train.${k}`),
          k === 'epochs' || k === 'seed'
            ? `set it as the run's "${k === 'seed' ? 'seeds' : 'epochs'}"`
            : `unknown training option (known: ${Object.keys(TRAIN_FIELDS).join(', ')})`,
        );
      if (k === 'optimizer') checkOptimizer(v, f('train.optimizer'), fail);
      else if (k === 'schedule') checkSchedule(v, f('train.schedule'), fail);
      else if (Array.isArray(rule) ? !rule.includes(v as string) : typeof v !== rule || (rule === 'number' && !Number.isFinite(v)))
        fail(f(`train.${k}`), `is ${JSON.stringify(v)}; expected ${Array.isArray(rule) ? `one of ${rule.join(', ')}` : `a ${rule}`}`);
      train[k] = v;
    }
  }
  if (r.preset !== undefined) {
    // the preset fills the trainer settings the user did not give (lr, weightDecay, batchSize, optimizer, schedule)
    if (!PRESET_NAMES.includes(r.preset as PresetName)) fail(f('preset'), `is ${JSON.stringify(r.preset)}; expected one of ${PRESET_NAMES.join(', ')}`);
    if (r.preset === 'authors' && !balancer) fail(f('preset'), "'authors' is a balancing method's preset: give a balancer (or \"uniform\")");
    const p = methodPreset(balancer?.name ?? '', r.preset as PresetName).train;
    for (const [k, v] of Object.entries(p)) if (!(k in train)) train[k] = structuredClone(v);
  }
  // a schedule on the default optimiser (Adam) fails in train(); say so before any run
  if (train.schedule !== undefined && (train.optimizer as { kind?: string } | undefined)?.kind !== 'sgd')
    fail(f('train.schedule'), 'needs "optimizer": { "kind": "sgd", … } (no learning-rate schedule for Adam)');

  // ---- dataset, split ----
  let dataset: DatasetSpec;
  let splitOf: (seed: number) => SplitSpec;
  let epochs = r.epochs as number | undefined;
  if (typeof r.dataset === 'string') {
    const keys = DATASET_CATALOG.map((d) => d.key);
    if (!keys.includes(r.dataset))
      fail(
        f('dataset'),
        `unknown dataset '${r.dataset}' (catalog keys: ${keys.join(', ')}; or { "kind": "real", "name": one of ${DATASET_NAMES.join(', ')} })`,
      );
    const c = catalogDataset(r.dataset);
    dataset = c.dataset;
    splitOf = (seed) => c.split(profile, seed);
    epochs ??= c.epochs?.[profile];
  } else if (r.dataset && typeof r.dataset === 'object' && !Array.isArray(r.dataset)) {
    const d = r.dataset as Record<string, unknown>;
    for (const k of Object.keys(d)) if (!['kind', 'name', 'options'].includes(k)) fail(f(`dataset.${k}`), 'unknown field (known: kind, name, options)');
    if (d.options !== undefined && (!d.options || typeof d.options !== 'object' || Array.isArray(d.options))) fail(f('dataset.options'), 'expected an object');
    if (d.kind === 'synthetic') {
      dataset = { kind: 'synthetic', ...(d.options ? { options: d.options as Record<string, unknown> } : {}) };
      splitOf = () => SYNTHETIC_SPLIT;
    } else if (d.kind === 'real') {
      if (typeof d.name !== 'string' || !(DATASET_NAMES as string[]).includes(d.name))
        fail(f('dataset.name'), `unknown dataset ${JSON.stringify(d.name)} (registered: ${DATASET_NAMES.join(', ')})`);
      dataset = { kind: 'real', name: d.name as string, options: (d.options as Record<string, unknown>) ?? {} };
      splitOf = (seed) => ({ kind: 'kfold', k: 5, fold: (seed - 1 + 5) % 5, val: 0.15, seed: 0 });
    } else return fail(f('dataset.kind'), `is ${JSON.stringify(d.kind)}; expected "real" or "synthetic"`);
  } else
    return fail(
      f('dataset'),
      `is ${JSON.stringify(r.dataset)}; expected a catalog key (${DATASET_CATALOG.map((d) => d.key).join(', ')}) or { "kind", "name", "options" }`,
    );
  if (r.split !== undefined) {
    const s = r.split as Record<string, unknown>;
    if (!s || typeof s !== 'object' || !SPLIT_KINDS.includes(s.kind as string))
      fail(f('split.kind'), `is ${JSON.stringify(s?.kind)}; expected one of ${SPLIT_KINDS.join(', ')}`);
    splitOf = () => s as unknown as SplitSpec;
  }
  if (r.userViews !== undefined) {
    // "path/views.json", or { "manifest": path, "missingRows": "absent" } to override the manifest's choice
    const u = typeof r.userViews === 'string' ? { manifest: r.userViews } : (r.userViews as Record<string, unknown>);
    if (!u || typeof u !== 'object' || Array.isArray(u) || typeof u.manifest !== 'string')
      fail(f('userViews'), `is ${JSON.stringify(r.userViews)}; expected a views.json path or { "manifest", "missingRows" }`);
    for (const k of Object.keys(u)) if (k !== 'manifest' && k !== 'missingRows') fail(f(`userViews.${k}`), 'unknown field (known: manifest, missingRows)');
    if (u.missingRows !== undefined && u.missingRows !== 'error' && u.missingRows !== 'absent')
      fail(f('userViews.missingRows'), `is ${JSON.stringify(u.missingRows)}; expected "error" or "absent"`);
    if (dataset.kind !== 'real') fail(f('userViews'), 'features from files attach to a real dataset');
    const missingRows = u.missingRows as 'error' | 'absent' | undefined;
    const manifest = isAbsolute(u.manifest as string) ? (u.manifest as string) : resolve(base, u.manifest as string);
    let fingerprint: Record<string, unknown>;
    try {
      fingerprint = describeUserViews(manifest, missingRows);
    } catch (e) {
      return fail(f('userViews'), (e as Error).message);
    }
    const d = dataset as Extract<DatasetSpec, { kind: 'real' }>;
    dataset = { ...d, options: { ...(d.options ?? {}), userViews: { manifest, ...(missingRows ? { missingRows } : {}), fingerprint } } };
  }

  // ---- outputs ----
  let missingRate: NonNullable<RunSpec['outputs']>['missingRate'];
  if (r.missingRate === true) missingRate = {};
  else if (r.missingRate !== undefined && r.missingRate !== false) {
    const m = r.missingRate as Record<string, unknown>;
    if (!m || typeof m !== 'object' || Array.isArray(m)) fail(f('missingRate'), 'expected true or { "rates", "which", "seed" }');
    for (const k of Object.keys(m)) if (!['rates', 'which', 'seed'].includes(k)) fail(f(`missingRate.${k}`), 'unknown field (known: rates, which, seed)');
    if (m.rates !== undefined && !(Array.isArray(m.rates) && m.rates.every((x) => typeof x === 'number' && x >= 0 && x <= 1)))
      fail(f('missingRate.rates'), `is ${JSON.stringify(m.rates)}; expected numbers in [0, 1]`);
    if (m.which !== undefined && !['either', 'text', 'image'].includes(m.which as string))
      fail(f('missingRate.which'), `is ${JSON.stringify(m.which)}; expected "either", "text" or "image"`);
    if (m.seed !== undefined && !Number.isInteger(m.seed)) fail(f('missingRate.seed'), `is ${JSON.stringify(m.seed)}; expected an integer`);
    missingRate = m as typeof missingRate;
  }
  const outputs: RunSpec['outputs'] = {
    ...(r.missing ? { missing: true } : {}),
    ...(r.modality !== false ? { modality: true } : {}),
    ...(missingRate ? { missingRate } : {}),
  };
  const label =
    (r.label as string | undefined) ??
    [model.name, balancer?.name, typeof r.dataset === 'string' ? r.dataset : ((dataset as { name?: string }).name ?? 'synthetic')].filter(Boolean).join(' · ');
  const specs = (seeds as number[]).map((seed): RunSpec => ({
    dataset,
    split: splitOf(seed),
    model: model.options ? model : { name: model.name },
    ...(balancer ? { balancer: balancer.options ? balancer : { name: balancer.name } } : {}),
    train: { ...train, ...(epochs !== undefined ? { epochs } : {}), seed },
    seed,
    outputs,
  }));
  return { label, specs };
}

/** "name" or { "name", "options" }. */
function named(v: unknown, field: string, fail: Fail): { name: string; options?: Record<string, unknown> } | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'string') return { name: v };
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) if (k !== 'name' && k !== 'options') fail(`${field}.${k}`, 'unknown field (known: name, options)');
    if (typeof o.name !== 'string') fail(`${field}.name`, `is ${JSON.stringify(o.name)}; expected a string`);
    if (o.options !== undefined && (!o.options || typeof o.options !== 'object' || Array.isArray(o.options)))
      fail(`${field}.options`, `is ${JSON.stringify(o.options)}; expected an object`);
    return { name: o.name as string, ...(o.options ? { options: o.options as Record<string, unknown> } : {}) };
  }
  return fail(field, `is ${JSON.stringify(v)}; expected a name or { "name", "options" }`);
}

/** train.optimizer: { "kind": "adam" } | { "kind": "sgd", "momentum": μ in [0, 1) } (lib/train/train-optimizer.ts) */
function checkOptimizer(v: unknown, field: string, fail: Fail): void {
  if (!v || typeof v !== 'object' || Array.isArray(v)) fail(field, `is ${JSON.stringify(v)}; expected { "kind": "adam" } or { "kind": "sgd", "momentum": … }`);
  const o = v as Record<string, unknown>;
  if (o.kind !== 'adam' && o.kind !== 'sgd') fail(`${field}.kind`, `is ${JSON.stringify(o.kind)}; expected "adam" or "sgd"`);
  const known = o.kind === 'sgd' ? ['kind', 'momentum'] : ['kind'];
  for (const k of Object.keys(o)) if (!known.includes(k)) fail(`${field}.${k}`, `unknown field for kind '${o.kind}' (known: ${known.join(', ')})`);
  if (o.momentum !== undefined && !(typeof o.momentum === 'number' && o.momentum >= 0 && o.momentum < 1))
    fail(`${field}.momentum`, `is ${JSON.stringify(o.momentum)}; expected a number in [0, 1)`);
}

/** train.schedule: { "kind": "step", "every": s ≥ 1 (integer), "gamma": γ > 0 } — PyTorch's StepLR per epoch */
function checkSchedule(v: unknown, field: string, fail: Fail): void {
  if (!v || typeof v !== 'object' || Array.isArray(v)) fail(field, `is ${JSON.stringify(v)}; expected { "kind": "step", "every", "gamma" }`);
  const s = v as Record<string, unknown>;
  if (s.kind !== 'step') fail(`${field}.kind`, `is ${JSON.stringify(s.kind)}; expected "step"`);
  for (const k of Object.keys(s)) if (!['kind', 'every', 'gamma'].includes(k)) fail(`${field}.${k}`, 'unknown field (known: kind, every, gamma)');
  if (!(Number.isInteger(s.every) && (s.every as number) >= 1))
    fail(`${field}.every`, `is ${JSON.stringify(s.every)}; expected a positive integer (epochs between decays)`);
  if (!(typeof s.gamma === 'number' && s.gamma > 0 && Number.isFinite(s.gamma))) fail(`${field}.gamma`, `is ${JSON.stringify(s.gamma)}; expected a number > 0`);
}
