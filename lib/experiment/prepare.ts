/**
 * Build each real dataset's feature views once, up front, before the runs.
 *
 * Without this, on cold feature caches every run process builds the views of
 * its dataset itself when its first run starts: two processes given runs of
 * the same dataset build the same views at the same time (twice the work),
 * and every run of that dataset waits inside its process until they are done.
 * Here the distinct real datasets of the pending runs are loaded once each,
 * in parallel across datasets (one fresh process per dataset, `jobs` at a
 * time, so each process's word vectors and CNNs are freed when it ends);
 * the runs then read the views from the on-disk cache (lib/features/cache.ts),
 * which holds the same bytes as a build.
 *
 * On warm caches each dataset costs a process start and a cache read.
 */
import path from 'node:path';
import { repoRoot } from '../data/datadir';
import { runPool } from '../util/pool';
import { datasetKey, specDatasets } from './availability';
import type { DatasetSpec, RunSpec } from './spec';

/** Pool task: load one dataset from `dataDir` (building and caching its views on a miss). */
export async function buildDatasetViews({ spec, dataDir }: { spec: DatasetSpec; dataDir?: string }): Promise<{ rows: number }> {
  const { initBackend } = await import('../backend/index');
  const { loadDataset } = await import('./datasets');
  await initBackend({ quiet: true });
  const ds = await loadDataset(spec, { dataDir });
  return { rows: ds.labels.length };
}

const PREPARE = { module: path.join(repoRoot(), 'lib', 'experiment', 'prepare.ts'), fn: 'buildDatasetViews' };

/** The distinct real datasets the runs read, in first-seen order. */
export function realDatasets(specs: Iterable<RunSpec>): DatasetSpec[] {
  const out = new Map<string, DatasetSpec>();
  for (const s of specs) for (const d of specDatasets(s)) if (d.kind === 'real' && !out.has(datasetKey(d))) out.set(datasetKey(d), d);
  return [...out.values()];
}

/**
 * Load every real dataset of `specs` once (jobs processes at a time). A dataset that fails here is only
 * logged: its runs fail with the same error, reported per run as before.
 */
export async function prepareDatasets(specs: Iterable<RunSpec>, o: { jobs?: number; dataDir?: string; log: (line: string) => void }): Promise<void> {
  const todo = realDatasets(specs);
  if (!todo.length) return;
  const t0 = Date.now();
  o.log(`[reproduce] preparing the feature views of ${todo.length} dataset(s) once, before the runs`);
  await runPool<{ rows: number }>(
    todo.map((d) => ({ key: datasetKey(d), ...PREPARE, args: { spec: d, dataDir: o.dataDir } })),
    {
      jobs: o.jobs,
      inProcess: false,
      tasksPerWorker: 1,
      onDone: (key, r) => o.log(`[reproduce] views ready: ${key} (${(r as { rows: number }).rows} posts, ${((Date.now() - t0) / 1000).toFixed(0)} s)`),
      onError: (key, e) => o.log(`[reproduce] preparing ${key} failed (its runs will report it): ${e.message.split('\n')[0]}`),
    },
  );
}
