/**
 * Measured seconds per epoch, per model × dataset, kept in the repo
 * (data/epoch-timings.json) so that `--plan` on a fresh clone, with an empty
 * run cache, still estimates from measurements rather than printing 0 h.
 *
 * Each entry: the median seconds per epoch of the runs measured, and the
 * median training rows they saw; a planned run on n training rows is
 * estimated as secondsPerEpoch × n / trainRows (one epoch is a pass over the
 * training rows, so time is about linear in them). `reproduce` refreshes the
 * entries of the pairs it trained (bin/reproduce passes the file when it
 * writes the papers into figures/ with the default run cache, not for a
 * scratch --out / --cache or a --spec); the numbers are of whatever machine
 * ran it last, 1 worker per run.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../data/datadir';
import type { RunResult } from './result';
import type { RunSpec } from './spec';

export interface EpochTiming {
  model: string;
  dataset: string;
  /** median seconds per epoch of the measured runs (one worker each) */
  secondsPerEpoch: number;
  /** median training rows of those runs */
  trainRows: number;
  /** how many runs the medians are over */
  runs: number;
}

export interface EpochTimings {
  note: string;
  entries: Record<string, EpochTiming>;
}

export const defaultTimingsFile = (): string => path.join(repoRoot(), 'data', 'epoch-timings.json');

const NOTE =
  'Measured seconds per training epoch per model × dataset (median over runs, one worker each), refreshed by `npm run reproduce` from the runs it trains; read by `--plan`. See lib/experiment/epoch-timings.ts.';

export const timingDataset = (s: RunSpec): string => (s.dataset.kind === 'real' ? s.dataset.name : 'synthetic');
export const timingModel = (s: RunSpec): string => s.model.name + (s.balancer ? ` + ${s.balancer.name}` : '') + (s.procedure ? ` [${s.procedure.name}]` : '');
export const timingKey = (model: string, dataset: string): string => `${model} on ${dataset}`;

export function readTimings(file: string = defaultTimingsFile()): EpochTimings {
  if (!fs.existsSync(file)) return { note: NOTE, entries: {} };
  let j: EpochTimings;
  try {
    j = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message})`);
  }
  for (const [k, e] of Object.entries(j.entries ?? {})) {
    if (!(e.secondsPerEpoch > 0) || !(e.trainRows > 0)) throw new Error(`${file}: entry '${k}' needs secondsPerEpoch > 0 and trainRows > 0`);
  }
  return { note: NOTE, entries: j.entries ?? {} };
}

/**
 * Seconds for `epochs` epochs of a run of `model` on `dataset` with `trainRows` training rows:
 * from the same pair when measured, else from the same model measured on another dataset
 * (per-row rate, median over datasets; `extrapolated` says so), else undefined.
 */
export function estimateSeconds(
  t: EpochTimings,
  model: string,
  dataset: string,
  trainRows: number,
  epochs: number,
): { seconds: number; extrapolated: boolean } | undefined {
  const same = t.entries[timingKey(model, dataset)];
  if (same) return { seconds: (same.secondsPerEpoch * trainRows * epochs) / same.trainRows, extrapolated: false };
  const base = model.split(' ')[0];
  const rates = Object.values(t.entries)
    .filter((e) => e.model === model || e.model.split(' ')[0] === base)
    .map((e) => e.secondsPerEpoch / e.trainRows);
  if (!rates.length) return undefined;
  return { seconds: median(rates) * trainRows * epochs, extrapolated: true };
}

/** The table with the pairs of `measured` replaced by their medians; the others kept. Deterministic text (sorted keys, 4 significant digits). */
export function refreshTimings(t: EpochTimings, measured: { spec: RunSpec; result: RunResult }[]): EpochTimings {
  const groups = new Map<string, { model: string; dataset: string; secs: number[]; rows: number[] }>();
  for (const { spec, result } of measured) {
    if (!result.trainRows || !(result.timing?.secondsPerEpoch > 0) || !(result.epochsRun > 0)) continue;
    const model = timingModel(spec),
      dataset = timingDataset(spec),
      key = timingKey(model, dataset);
    const g = groups.get(key) ?? groups.set(key, { model, dataset, secs: [], rows: [] }).get(key)!;
    g.secs.push(result.timing.secondsPerEpoch);
    g.rows.push(result.trainRows);
  }
  const entries = { ...t.entries };
  for (const [key, g] of groups)
    entries[key] = { model: g.model, dataset: g.dataset, secondsPerEpoch: round4(median(g.secs)), trainRows: Math.round(median(g.rows)), runs: g.secs.length };
  return { note: NOTE, entries: Object.fromEntries(Object.entries(entries).sort(([a], [b]) => (a < b ? -1 : 1))) };
}

export function writeTimings(file: string, t: EpochTimings): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(t, null, 1) + '\n');
  fs.renameSync(tmp, file);
}

const round4 = (x: number) => Number(x.toPrecision(4));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
