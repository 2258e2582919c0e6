/**
 * What a reproduce would run, before running it (`npm run reproduce -- --plan`,
 * and printed first by `--full`): unique runs per dataset × model, how many
 * are cached, the epochs still to train, and an estimate of the time from
 * MEASURED seconds per epoch — so a reviewer sees that, say, the full BMLHF
 * profile is days of 2-core CPU before starting it.
 *
 * The estimate: seconds per epoch measured per model × dataset, scaled by
 * the training rows the planned run sees (its split applied to the loaded
 * dataset, parsing only). Measurements come from this machine's run cache
 * first, else from the table kept in the repo (data/epoch-timings.json,
 * ./epoch-timings), so a fresh clone gets a real estimate; a model measured
 * only on other datasets is scaled by rows from there (said so), one never
 * measured is counted as unmeasured, not guessed.
 *
 * Runs whose dataset is absent (an `availability` from ./availability) are
 * counted as skipped, as a real run skips them.
 */
import { loadDataset as loadRaw } from '../data/loaders/index';
import { synthetic } from '../data/synthetic';
import { withDataDir } from '../data/datadir';
import { split } from './datasets';
import { ResultCache } from './cache';
import { dataStamper } from './fingerprints';
import { canonical, specHash, type RunSpec } from './spec';
import type { Artefact, Profile } from './artefact';
import type { Dataset } from '../data/dataset';
import { runAvailability, type Availability } from './availability';
import { estimateSeconds, readTimings, refreshTimings, timingDataset, timingModel, type EpochTimings } from './epoch-timings';

export interface PlanRow {
  dataset: string;
  model: string;
  runs: number;
  cached: number;
  /** epochs of the runs not cached (an upper bound: early stopping may end sooner) */
  epochsToTrain: number;
  /** estimated seconds for those epochs on one worker, from measured s/epoch; null when never measured */
  estSeconds: number | null;
  /** 'this pair': measured on this model × dataset; 'other data': this model measured on other datasets, scaled by rows */
  estFrom: 'this pair' | 'other data' | null;
  /** runs not counted above because their dataset is absent (a real run skips them too) */
  skipped: number;
}

export interface PlanOptions {
  artefacts: Artefact[];
  profile?: Profile;
  cacheDir?: string;
  /** estimate times (loads each real dataset's files once to count training rows) */
  estimate?: boolean;
  /** measured s/epoch kept in the repo (default: data/epoch-timings.json); the run cache's measurements win */
  timings?: EpochTimings;
  /** from probeDatasets: runs whose dataset is missing are counted as skipped; without it every run is counted */
  availability?: Map<string, Availability>;
  /** the numeric path whose cached results count (lib/backend numericPath(); default 'wasm') */
  numericPath?: string;
  /** where the real datasets are (absent: the loaders' default, lib/data/datadir.ts): their fingerprints are part of the runs' hashes */
  dataDir?: string;
}

export function plan({
  artefacts,
  profile = 'quick',
  cacheDir = '.cache/runs',
  estimate = false,
  timings,
  availability,
  numericPath = 'wasm',
  dataDir,
}: PlanOptions): PlanRow[] {
  const stamp = dataStamper(dataDir);
  const specs = new Map<string, RunSpec>();
  for (const a of artefacts) for (const s of a.runs(profile).map(stamp)) specs.set(specHash(s), s);
  const cache = new ResultCache(cacheDir, numericPath);
  const measured = estimate
    ? refreshTimings(
        timings ?? readTimings(),
        [...cache.entries()].filter((e): e is { spec: RunSpec; result: typeof e.result } => !!e.spec),
      )
    : undefined;
  const rows = new Map<string, PlanRow>();
  for (const [h, s] of specs) {
    const dataset = timingDataset(s),
      model = timingModel(s);
    const key = `${dataset}\u0000${model}`;
    const row =
      rows.get(key) ??
      rows.set(key, { dataset, model, runs: 0, cached: 0, epochsToTrain: 0, estSeconds: estimate ? 0 : null, estFrom: null, skipped: 0 }).get(key)!;
    if (availability && runAvailability(availability, s).state === 'missing') {
      row.skipped++;
      continue;
    }
    row.runs++;
    if (cache.get(h)) {
      row.cached++;
      continue;
    }
    const epochs = s.train.epochs ?? 0;
    row.epochsToTrain += epochs;
    if (!measured || row.estSeconds === null) continue;
    const n = trainRows(s, dataDir);
    const est = n === undefined ? undefined : estimateSeconds(measured, model, dataset, n, epochs);
    if (!est) {
      row.estSeconds = null;
      row.estFrom = null;
      continue;
    }
    row.estSeconds += est.seconds;
    row.estFrom = est.extrapolated || row.estFrom === 'other data' ? 'other data' : 'this pair';
  }
  return [...rows.values()].sort((a, b) => (a.dataset < b.dataset ? -1 : a.dataset > b.dataset ? 1 : a.model < b.model ? -1 : 1));
}

/** Human summary: total runs, epochs, and time on `jobs` workers (a lower bound when some pairs are unmeasured). */
export function planSummary(rows: PlanRow[], jobs: number): string {
  const sum = (k: 'runs' | 'cached' | 'epochsToTrain' | 'skipped') => rows.reduce((n, r) => n + r[k], 0);
  const toRun = rows.filter((r) => r.epochsToTrain > 0);
  const unmeasured = toRun.filter((r) => r.estSeconds === null);
  const extrapolated = toRun.filter((r) => r.estFrom === 'other data');
  const secs = toRun.reduce((n, r) => n + (r.estSeconds ?? 0), 0) / Math.max(1, jobs);
  const est =
    toRun.length === 0
      ? 'nothing to train'
      : `estimated ${unmeasured.length ? '≥ ' : ''}${duration(secs)} on ${jobs} worker${jobs > 1 ? 's' : ''} (from measured s/epoch${extrapolated.length ? `; ${extrapolated.length} model × dataset pairs scaled from the same model on other data` : ''})`;
  const um = unmeasured.length
    ? `; ${unmeasured.length} model × dataset pairs never measured (${unmeasured
        .map((r) => `${r.model} on ${r.dataset}`)
        .slice(0, 4)
        .join(', ')}${unmeasured.length > 4 ? ', …' : ''}): a quick run measures them`
    : '';
  const absent = [...new Set(rows.filter((r) => r.skipped).map((r) => r.dataset))];
  const sk = absent.length ? `; ${sum('skipped')} runs skipped, data not available (${absent.join(', ')})` : '';
  return `${sum('runs')} runs, ${sum('cached')} cached, ${sum('epochsToTrain')} epochs to train; ${est}${um}${sk}`;
}

/** 40 s / 12 min / 3.2 h / 2.5 days: a quick plan on the native path reads in minutes, not "0.0 h" */
export function duration(secs: number): string {
  const h = secs / 3600;
  if (secs < 90) return `${Math.max(1, Math.round(secs))} s`;
  if (h < 1.5) return `${Math.round(secs / 60)} min`;
  return h < 48 ? `${h.toFixed(1)} h` : `${(h / 24).toFixed(1)} days (${Math.round(h)} h)`;
}

const raw = new Map<string, Dataset | null>();
/** training rows of a planned run: its split applied to the parsed dataset (no features); undefined when not loadable here */
export function trainRows(s: RunSpec, dataDir?: string): number | undefined {
  const key = canonical(s.dataset);
  if (!raw.has(key)) {
    try {
      if (s.dataset.kind === 'real') {
        const { features: _f, ...loaderOptions } = (s.dataset.options ?? {}) as Record<string, unknown>;
        raw.set(key, loadRaw(s.dataset.name, withDataDir({ quiet: true, ...loaderOptions }, dataDir)));
      } else raw.set(key, synthetic(s.dataset.options ?? {}));
    } catch {
      raw.set(key, null);
    }
  }
  const ds = raw.get(key);
  if (!ds) return undefined;
  try {
    return split(ds, s.split).train.labels.length;
  } catch {
    return undefined;
  }
}
