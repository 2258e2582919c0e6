/**
 * What a reproduce would run, before running it (`npm run reproduce -- --plan`,
 * and printed first by `--full`): unique runs per dataset × model, how many
 * are cached, the epochs still to train, and an estimate of the time from
 * MEASURED seconds per epoch — so a reviewer sees that, say, the full BMLHF
 * profile is days of 2-core CPU before starting it.
 *
 * The estimate: every cached result records its seconds per epoch and its
 * training rows; per model × dataset, the median seconds per epoch per
 * training row, times the rows the planned run trains on (its split applied
 * to the loaded dataset, parsing only). A pair never measured here (no run of
 * it in the cache, e.g. on a fresh clone) is counted as unmeasured, not
 * guessed.
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

export interface PlanRow {
  dataset: string;
  model: string;
  runs: number;
  cached: number;
  /** epochs of the runs not cached (an upper bound: early stopping may end sooner) */
  epochsToTrain: number;
  /** estimated seconds for those epochs on one worker, from measured s/epoch; null when never measured here */
  estSeconds: number | null;
}

export interface PlanOptions {
  artefacts: Artefact[];
  profile?: Profile;
  cacheDir?: string;
  /** estimate times (loads each real dataset's files once to count training rows) */
  estimate?: boolean;
  /** the numeric path whose cached results count (lib/backend numericPath(); default 'wasm') */
  numericPath?: string;
  /** where the real datasets are (absent: the loaders' default, lib/data/datadir.ts): their fingerprints are part of the runs' hashes */
  dataDir?: string;
}

const dataName = (s: RunSpec) => (s.dataset.kind === 'real' ? s.dataset.name : 'synthetic');
const modelName = (s: RunSpec) => s.model.name + (s.balancer ? ` + ${s.balancer.name}` : '') + (s.procedure ? ` [${s.procedure.name}]` : '');

export function plan({ artefacts, profile = 'quick', cacheDir = '.cache/runs', estimate = false, numericPath = 'wasm', dataDir }: PlanOptions): PlanRow[] {
  const stamp = dataStamper(dataDir);
  const specs = new Map<string, RunSpec>();
  for (const a of artefacts) for (const s of a.runs(profile).map(stamp)) specs.set(specHash(s), s);
  const cache = new ResultCache(cacheDir, numericPath);
  const perRow = estimate ? measuredSecondsPerRow(cache) : new Map<string, number>();
  const rows = new Map<string, PlanRow>();
  for (const [h, s] of specs) {
    const dataset = dataName(s), model = modelName(s);
    const key = `${dataset}\u0000${model}`;
    const row = rows.get(key) ?? rows.set(key, { dataset, model, runs: 0, cached: 0, epochsToTrain: 0, estSeconds: estimate ? 0 : null }).get(key)!;
    row.runs++;
    if (cache.get(h)) {
      row.cached++;
      continue;
    }
    const epochs = s.train.epochs ?? 0;
    row.epochsToTrain += epochs;
    if (!estimate || row.estSeconds === null) continue;
    const rate = perRow.get(key), n = rate === undefined ? undefined : trainRows(s, dataDir);
    row.estSeconds = rate === undefined || n === undefined ? null : row.estSeconds + rate * n * epochs;
  }
  return [...rows.values()].sort((a, b) => (a.dataset < b.dataset ? -1 : a.dataset > b.dataset ? 1 : a.model < b.model ? -1 : 1));
}

/** Human summary: total runs, epochs, and hours on `jobs` workers (a lower bound when some pairs are unmeasured). */
export function planSummary(rows: PlanRow[], jobs: number): string {
  const sum = (k: 'runs' | 'cached' | 'epochsToTrain') => rows.reduce((n, r) => n + r[k], 0);
  const toRun = rows.filter((r) => r.epochsToTrain > 0);
  const unmeasured = toRun.filter((r) => r.estSeconds === null);
  const secs = toRun.reduce((n, r) => n + (r.estSeconds ?? 0), 0) / Math.max(1, jobs);
  const est = toRun.length === 0 ? 'nothing to train' : `estimated ${unmeasured.length ? '≥ ' : ''}${(secs / 3600).toFixed(1)} h on ${jobs} worker${jobs > 1 ? 's' : ''} (from measured s/epoch in the run cache)`;
  const um = unmeasured.length ? `; ${unmeasured.length} dataset × model pairs never measured here (${unmeasured.map((r) => `${r.model} on ${r.dataset}`).slice(0, 4).join(', ')}${unmeasured.length > 4 ? ', …' : ''}): run the quick profile first to measure them` : '';
  return `${sum('runs')} runs, ${sum('cached')} cached, ${sum('epochsToTrain')} epochs to train; ${est}${um}`;
}

/** model × dataset → median (seconds per epoch / training rows) over the cached results that record both. */
function measuredSecondsPerRow(cache: ResultCache): Map<string, number> {
  const samples = new Map<string, number[]>();
  for (const { spec, result } of cache.entries()) {
    if (!spec || !result.trainRows || !(result.timing?.secondsPerEpoch > 0)) continue;
    const key = `${dataName(spec)}\u0000${modelName(spec)}`;
    samples.set(key, [...(samples.get(key) ?? []), result.timing.secondsPerEpoch / result.trainRows]);
  }
  return new Map([...samples].map(([k, xs]) => [k, median(xs)]));
}

const raw = new Map<string, Dataset | null>();
/** training rows of a planned run: its split applied to the parsed dataset (no features); undefined when not loadable here */
function trainRows(s: RunSpec, dataDir: string | undefined): number | undefined {
  const key = canonical(s.dataset);
  if (!raw.has(key)) {
    try {
      if (s.dataset.kind === 'real') {
        const { features: _f, ...loaderOptions } = (s.dataset.options ?? {}) as Record<string, unknown>;
        raw.set(key, loadRaw(s.dataset.name, withDataDir(loaderOptions, dataDir)));
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

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
