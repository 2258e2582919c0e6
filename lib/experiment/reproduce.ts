/**
 * The reproduce pipeline: the artefacts it is handed (bin/reproduce picks
 * them from the paper registry) → their runs (deduplicated by spec hash) →
 * which real datasets are here (absent ones are skipped, one line each) →
 * the missing runs in parallel worker processes, or on a job queue (an
 * executor, ./executor; cached as they finish; a failing run is reported
 * with its spec and stops nothing else) → build
 * every artefact → write figures, tables, results.json, claims.md per paper,
 * and figures/index.md.
 *
 * results.json holds only deterministic numbers (no timings, no paths of
 * this machine), so the same command twice gives byte-identical files;
 * timings go to timings.json.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFigure } from '../figures/render';
import { writeTable } from '../report/table';
import { writeIndex } from '../report/index-md';
import { writeReport } from '../report/html/index';
import { ResultCache } from './cache';
import { pathOf } from './numeric-path';
import { canonical, specHash, type RunSpec } from './spec';
import type { RunResult } from './result';
import { DataNotAvailableError, type Artefact, type Profile } from './artefact';
import { claimsMarkdown, type ClaimsEntry } from './claims';
import { probeDatasets, runAvailability, type Availability } from './availability';
import { prepareDatasets } from './prepare';
import { dataStamper } from './fingerprints';
import { localExecutor, type RunExecutor } from './executor';
import { writeAtomic } from '../util/write-atomic';
import { readTimings, refreshTimings, writeTimings } from './epoch-timings';

export interface ReproduceOptions {
  /** the artefacts to build (bin/reproduce selects them from lib/papers; tests and notebooks pass their own) */
  artefacts: Artefact[];
  profile?: Profile;
  jobs?: number;
  /** where the missing runs execute: default the local worker pool of `jobs` processes; a job queue via lib/experiment/queue/coordinator */
  executor?: RunExecutor;
  outDir?: string;
  cacheDir?: string;
  /** recompute runs even when cached */
  refresh?: boolean;
  /** where the real datasets are (bin/ resolves --data-dir / MMFND_DATA_DIR; absent: the loaders' default, lib/data/datadir.ts) */
  dataDir?: string;
  /** the numeric path whose cached results count (default: this process's, lib/backend numericPath()); numeric-path.ts */
  numericPath?: string;
  log?: (line: string) => void;
  /** measured s/epoch kept for `--plan` (data/epoch-timings.json from bin/reproduce): the pairs trained now are refreshed; absent: not written */
  timingsFile?: string;
  /** progress of the runs being computed (bin/reproduce: a bar with ETA on a TTY); default: one log line per run */
  progress?: RunProgress;
}

/** Called as runs finish: `done` of `total` computed now, with the run's one-line description. */
export interface RunProgress {
  start(total: number): void;
  tick(done: number, line: string): void;
  stop(): void;
}

export interface ReproduceReport {
  runs: number;
  cached: number;
  computed: number;
  /** runs skipped because their dataset is absent (not a failure) */
  skipped: number;
  /** one entry per absent dataset: the line printed for it */
  missingDatasets: { dataset: string; message: string }[];
  /** runs that failed for any other reason: spec, error */
  failed: { hash: string; spec: RunSpec; error: string }[];
  /** `skipped`: not built because its data is not here (a reason, not an error) */
  artefacts: { paper: string; id: string; files: string[]; error?: string; skipped?: string }[];
}

export async function reproduce(options: ReproduceOptions): Promise<ReproduceReport> {
  const o = {
    profile: 'quick' as Profile,
    outDir: 'figures',
    cacheDir: '.cache/runs',
    refresh: false,
    log: (l: string) => process.stderr.write(l + '\n'),
    ...definedOnly(options),
  };
  const artefacts = options.artefacts;
  // every spec is hashed stamped with its real datasets' fingerprints (./fingerprints): different data, another run
  const stamp = dataStamper(o.dataDir);
  const specs = new Map<string, RunSpec>();
  for (const a of artefacts) for (const s of a.runs(o.profile).map(stamp)) specs.set(specHash(s), s);

  const avail = await probeDatasets(
    specs.values(),
    artefacts.flatMap((a) => a.datasets?.(o.profile) ?? []),
    { dataDir: o.dataDir },
  );
  const availOf = (s: RunSpec): Availability => runAvailability(avail, stamp(s));
  const missingDatasets: ReproduceReport['missingDatasets'] = [];
  const failed: ReproduceReport['failed'] = [];
  const seen = new Set<string>();
  for (const a of avail.values()) {
    if (a.state === 'present' || seen.has(a.dataset)) continue;
    seen.add(a.dataset);
    if (a.state === 'missing') {
      const line = `[reproduce] data not available, skipped ${a.message}`;
      missingDatasets.push({ dataset: a.dataset, message: line });
      o.log(line);
    } else o.log(`[reproduce] dataset '${a.dataset}' cannot be loaded; its runs fail: ${a.error}`);
  }

  const cache = new ResultCache(o.cacheDir, o.numericPath ?? (await localNumericPath()));
  o.log(`[reproduce] numeric path: ${cache.numericPath} (cached results of other paths are not used)`);
  const results = new Map<string, RunResult>();
  const runErrors = new Map<string, string>();
  const todo: [string, RunSpec][] = [];
  let skipped = 0;
  for (const [h, s] of specs) {
    const av = availOf(s);
    if (av.state === 'missing') {
      skipped++;
      continue;
    }
    if (av.state === 'broken') {
      failed.push({ hash: h, spec: s, error: av.error });
      runErrors.set(h, av.error);
      continue;
    }
    const hit = o.refresh ? undefined : cache.get(h);
    if (hit) results.set(h, hit);
    else todo.push([h, s]);
  }
  // longest first, so the last worker is not left alone with a long run (crude cost: epochs × model × data size)
  todo.sort(([ha, a], [hb, b]) => cost(b) - cost(a) || (ha < hb ? -1 : 1));
  o.log(
    `[reproduce] profile ${o.profile}: ${artefacts.length} artefacts, ${specs.size} runs: ${results.size} cached, ${todo.length} to compute` +
      (skipped ? `, ${skipped} skipped (data not available)` : ''),
  );

  if (todo.length) {
    let done = 0;
    const t0 = Date.now();
    const progress = options.progress ?? { start() {}, tick: (_: number, line: string) => o.log(line), stop() {} };
    const bySpec = new Map(todo);
    // cold caches: each dataset's views built once, in parallel across datasets, instead of inside the runs
    if (!options.executor)
      await prepareDatasets(
        todo.map(([, s]) => s),
        { jobs: o.jobs, dataDir: o.dataDir, log: o.log },
      );
    progress.start(todo.length);
    try {
      await (options.executor ?? localExecutor(o.jobs, { dataDir: o.dataDir })).run(
        todo,
        {
          onDone: (key: string, r: RunResult) => {
            cache.put(r, bySpec.get(key)); // cached at once: a later failure loses no finished run
            results.set(key, r);
            done++;
            progress.tick(
              done,
              `[reproduce] ${done}/${todo.length} ${describeSpec(bySpec.get(key)!)}: acc ${r.test.acc.toFixed(3)} (${((Date.now() - t0) / 1000).toFixed(0)} s)`,
            );
          },
          onError: (key: string, e: Error) => {
            const spec = bySpec.get(key)!;
            const first = e.message.split('\n')[0];
            failed.push({ hash: key, spec, error: e.message });
            runErrors.set(key, first);
            done++;
            progress.tick(done, `[reproduce] ${done}/${todo.length} FAILED run ${key} (${describeSpec(spec)}): ${first}`);
          },
        },
        { cached: [...results.keys()] },
      );
    } finally {
      progress.stop();
    }
  }

  const computed = todo.filter(([h]) => results.has(h)).length;
  if (o.timingsFile && computed) {
    const now = todo.filter(([h]) => results.has(h)).map(([h, spec]) => ({ spec, result: results.get(h)! }));
    writeTimings(o.timingsFile, refreshTimings(readTimings(o.timingsFile), now));
  }
  const report: ReproduceReport = { runs: specs.size, cached: results.size - computed, computed, skipped, missingDatasets, failed, artefacts: [] };
  const unavailable = (s: RunSpec): string | undefined => {
    const av = availOf(s);
    return av.state === 'missing' ? av.portable : undefined;
  };
  const byPaper = new Map<string, Artefact[]>();
  for (const a of artefacts) byPaper.set(a.paper, [...(byPaper.get(a.paper) ?? []), a]);
  for (const [paper, list] of byPaper) {
    const dir = path.join(o.outDir, paper);
    fs.mkdirSync(dir, { recursive: true });
    const numbers: Record<string, unknown> = {},
      timings: Record<string, unknown> = {};
    for (const a of list) {
      try {
        const out = await a.build({
          profile: o.profile,
          unavailable,
          dataDir: o.dataDir,
          result: (s) => {
            const h = specHash(stamp(s));
            const r = results.get(h);
            if (r) return r;
            const why = unavailable(s);
            if (why) {
              const av = availOf(s);
              throw new DataNotAvailableError(av.state === 'missing' ? av.dataset : s.dataset.kind === 'real' ? s.dataset.name : 'synthetic', why);
            }
            throw new Error(`run ${h} (${describeSpec(s)}) has no result${runErrors.has(h) ? `: it failed: ${runErrors.get(h)}` : ''}`);
          },
        });
        const files: string[] = [];
        for (const f of out.figures ?? []) files.push(...writeFigure(dir, f.name, f.svg));
        for (const t of out.tables ?? []) files.push(...writeTable(dir, t.name, t.table, { title: t.title, note: t.note }));
        numbers[a.id] = { title: a.title, numbers: out.numbers, claims: out.claims ?? [], differences: out.differences ?? [] };
        if (out.timings) timings[a.id] = out.timings;
        report.artefacts.push({ paper, id: a.id, files });
      } catch (e) {
        if (e instanceof DataNotAvailableError) {
          // the artefact needs nothing but an absent dataset: not an error, and claims.md says so
          numbers[a.id] = { title: a.title, skipped: e.reason, claims: [], differences: [] };
          report.artefacts.push({ paper, id: a.id, files: [], skipped: e.reason });
          o.log(`[reproduce] ${paper}/${a.id} skipped: ${e.reason}`);
        } else {
          report.artefacts.push({ paper, id: a.id, files: [], error: (e as Error).message });
          o.log(`[reproduce] ${paper}/${a.id} not built: ${(e as Error).message}`);
        }
      }
    }
    const paperSpecs = list.flatMap((a) => a.runs(o.profile)).map(stamp);
    const runs = Object.fromEntries(paperSpecs.filter((s) => !unavailable(s)).map((s) => [specHash(s), JSON.parse(canonical(s))]));
    // dataset name → portable reason, from the probe's own record (not parsed back out of the message)
    const absent: Record<string, string> = {};
    for (const s of paperSpecs) {
      const av = availOf(s);
      if (av.state === 'missing') absent[av.dataset] = av.portable;
    }
    const datasets = datasetNotes(paperSpecs, results);
    const models = modelConfigs(paperSpecs, results);
    // --only a subset: keep the other artefacts' entries of an earlier run of the same profile
    const prev = readJson(path.join(dir, 'results.json'));
    const keep = prev?.profile === o.profile ? prev : undefined;
    // when every artefact of the earlier file was rebuilt now, its runs are exactly this invocation's: an earlier
    // file's runs would otherwise stay forever, e.g. the specs of a schedule since changed
    const partial = keep && Object.keys(keep.artefacts ?? {}).some((id) => !(id in numbers)) ? keep : undefined;
    const merged = {
      paper,
      profile: o.profile,
      artefacts: sortKeys({ ...(keep?.artefacts ?? {}), ...numbers }),
      datasets: sortKeys({ ...(partial?.datasets ?? {}), ...datasets }),
      models: sortKeys({ ...(partial?.models ?? {}), ...models }),
      runs: sortKeys({ ...(partial?.runs ?? {}), ...runs }),
      // which numeric path(s) computed these runs ('wasm', 'wasm+openblas'; numeric-path.ts)
      numericPaths: [
        ...new Set([
          ...((partial?.numericPaths as string[] | undefined) ?? []),
          ...Object.keys(runs).flatMap((h) => (results.has(h) ? [pathOf(results.get(h)!)] : [])),
        ]),
      ].sort(),
      ...(Object.keys(absent).length ? { unavailable: sortKeys(absent) } : {}),
    };
    writeAtomic(path.join(dir, 'results.json'), JSON.stringify(merged, null, 1) + '\n');
    const prevTimings = keep ? readJson(path.join(dir, 'timings.json')) : undefined;
    const allTimings = sortKeys({ ...(prevTimings ?? {}), ...timings });
    if (Object.keys(allTimings).length) writeAtomic(path.join(dir, 'timings.json'), JSON.stringify(allTimings, null, 1) + '\n');
    writeAtomic(path.join(dir, 'claims.md'), claimsMarkdown(paper, merged.artefacts as Record<string, ClaimsEntry>));
  }
  writeIndex(o.outDir);
  writeReport(o.outDir);
  return report;
}

/**
 * Per dataset spec: the notes its runs reported (label convention, image
 * coverage, which extractor stands in for which of the paper's encoders) —
 * so no reader of results.json mistakes a stand-in for the original.
 */
function datasetNotes(specs: RunSpec[], results: Map<string, RunResult>): Record<string, { spec: unknown; notes: string[] }> {
  const out: Record<string, { spec: unknown; notes: string[] }> = {};
  for (const s of specs) {
    const key = `${s.dataset.kind === 'real' ? s.dataset.name : 'synthetic'}:${canonical(s.dataset.options ?? {})}`;
    const r = results.get(specHash(s));
    if (!out[key] && r) out[key] = { spec: JSON.parse(canonical(s.dataset)), notes: r.notes };
  }
  return out;
}

/** Per model name + options: the configuration the model echoed (implementation choices such as BMLHF's Eq. 12–15 reading). */
function modelConfigs(specs: RunSpec[], results: Map<string, RunResult>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const s of specs) {
    const key = `${s.model.name}:${canonical(s.model.options ?? {})}`;
    const r = results.get(specHash(s));
    if (!(key in out) && r?.config) out[key] = JSON.parse(canonical(r.config));
  }
  return out;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function readJson(file: string): any {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined; // absent or unreadable: start afresh
  }
}

/** A run in one line for messages: model (+ balancer, procedure), dataset, seed. */
export function describeSpec(s: RunSpec): string {
  const data = s.dataset.kind === 'real' ? s.dataset.name : 'synthetic';
  return `${s.model.name}${s.balancer ? ` + ${s.balancer.name}` : ''}${s.procedure ? ` [${s.procedure.name}]` : ''} on ${data}, seed ${s.seed}`;
}

function cost(s: RunSpec): number {
  const data = s.dataset.kind === 'real' ? (s.split.trainLimit ? 2 : 10) : 1;
  const model = s.model.name === 'BMLHF' ? 4 : 1;
  return (s.train.epochs ?? 30) * data * model;
}

/** The path this machine's workers compute on: they initialise the backend as this process does. */
async function localNumericPath(): Promise<string> {
  const { initBackend, numericPath } = await import('../backend/index');
  await initBackend({ quiet: true });
  return numericPath();
}

/** `{ cacheDir: undefined }` from a CLI must not override a default. */
function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
}
