/**
 * Where the missing runs of a reproduce execute. reproduce() decides WHAT
 * runs (deduplicated, uncached, data present) and what happens to each
 * result (cached at once, logged, built into artefacts); an executor only
 * decides WHERE: the local worker pool (the default), or a job queue with
 * workers on other machines (lib/experiment/queue/coordinator.ts).
 *
 * Contract: every [hash, spec] of `todo` is reported exactly once, to
 * onDone (its RunResult) or onError (why it failed), and run() resolves
 * after the last report. A failing run must not stop the others.
 */
import * as path from 'node:path';
import { repoRoot } from '../data/datadir';
import { runPool } from '../util/pool';
import type { RunSpec } from './spec';
import type { RunResult } from './result';

export interface RunHooks {
  onDone(hash: string, result: RunResult): void;
  onError(hash: string, error: Error): void;
}

export interface RunExecutor {
  /** `cached`: hashes of this reproduce's runs already in the cache (the queue tidies up what an earlier coordinator left of them) */
  run(todo: [string, RunSpec][], hooks: RunHooks, context?: { cached: string[] }): Promise<void>;
}

/** The module and function every executor runs a spec with (resolved from the repo root, not import.meta: notebooks compile lib/ to CommonJS). */
export const RUN_ONE = { module: path.join(repoRoot(), 'lib', 'experiment', 'run-one.ts'), fn: 'runTask' };

/** The local worker pool: `jobs` processes (default one per core), in this process when jobs = 1; `dataDir`: where the real datasets are. */
export function localExecutor(jobs?: number, o: { dataDir?: string } = {}): RunExecutor {
  return {
    async run(todo, hooks) {
      await runPool<RunResult>(
        todo.map(([h, s]) => ({ key: h, ...RUN_ONE, args: { spec: s, dataDir: o.dataDir } })),
        { jobs, onDone: (key, result) => hooks.onDone(key, result as RunResult), onError: (key, e) => hooks.onError(key, e) },
      );
    },
  };
}
