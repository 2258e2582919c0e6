/**
 * Run independent tasks (seeds, methods, sweep points) in parallel worker
 * processes.
 *
 * Why processes: the wasm backend is single-threaded in Node and tfjs
 * backends are process-global, so the only way to use both cores is one
 * training per process. Each task is `(await import(module))[fn](args)`
 * inside a child started with `--import tsx` (TypeScript modules load).
 *
 *   const results = await runPool<Row>(
 *     seeds.map((s) => ({ key: `seed${s}`, module: new URL('./run.ts', import.meta.url).href,
 *                         fn: 'trainOne', args: { seed: s } })),
 *     { jobs: 2, onDone: (key, r) => cache.set(key, r) });
 *
 * - results come back in task order, whatever `jobs` is;
 * - a worker runs several tasks one after another (set tasksPerWorker: 1 for
 *   a fresh process per task, e.g. to try a different tfjs backend each time);
 * - args/results cross the process boundary by structured clone (anything
 *   JSON-serialisable works; typed arrays and NaN survive too);
 * - a failing task rejects with its key and the child's stack, after the
 *   tasks already running have finished and been reported via onDone (so
 *   their results can be cached); no new tasks start after a failure —
 *   unless `onError` is given: then each failure is reported to it and the
 *   other tasks still run;
 * - jobs = 1 runs in this process by default (easy to debug, breakpoints
 *   work; results are still cloned). Pass inProcess: false to fork anyway.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface PoolTask {
  /** unique name, used in errors and onDone */
  key: string;
  /** module to import: absolute path, file:// URL, path relative to cwd, or package name */
  module: string;
  /** name of the exported (possibly async) function to call */
  fn: string;
  /** its single argument; must be structured-cloneable */
  args?: unknown;
}

export interface PoolOptions {
  /** parallel workers; default MMFND_JOBS, else os.availableParallelism() */
  jobs?: number;
  /** called as each task finishes, in completion order */
  onDone?: (key: string, result: unknown, index: number) => void;
  /**
   * called when a task fails; with it, the pool goes on with the other tasks and resolves (the failed
   * tasks' results are undefined) instead of rejecting — one bad run must not stop a sweep
   */
  onError?: (key: string, error: Error, index: number) => void;
  /** run in this process instead of forking (default: jobs === 1) */
  inProcess?: boolean;
  /** retire a worker after this many tasks (default: unlimited) */
  tasksPerWorker?: number;
  /** extra env vars for the children; MMFND_QUIET defaults to '1' there */
  env?: Record<string, string>;
}

/** Internal protocol with lib/util/pool-worker.ts. */
export type ParentMessage = { type: 'run'; id: number; module: string; fn: string; args: unknown } | { type: 'exit' };
export type PoolError = { name: string; message: string; stack: string };
export type WorkerMessage = { type: 'done'; id: number; result: unknown } | { type: 'error'; id: number; error: PoolError };

// No import.meta in lib/: tslab compiles lib files to CommonJS for notebooks,
// where it is a syntax error. __dirname exists there; under ESM (tsx, vitest)
// we find the repo by walking up from the cwd / entry script.
const PACKAGE_NAME = 'mmfnd-workbench';

function findUp(from: string): string | null {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    try {
      if (JSON.parse(readFileSync(pkg, 'utf8')).name === PACKAGE_NAME) return dir;
    } catch {
      /* no or unreadable package.json: keep walking */
    }
    if (path.dirname(dir) === dir) return null;
  }
}

/** [worker .ts path, tsx loader URL]; resolved on first use (also by ./child-pool) */
export function workerFiles(): [string, string] {
  const here = typeof __dirname === 'string' ? __dirname : null;
  let worker = here ? path.join(here, 'pool-worker.ts') : '';
  if (!worker || !existsSync(worker)) {
    const roots = [process.cwd(), process.argv[1] ?? ''].map((d) => (d ? findUp(d) : null));
    const root = roots.find((r) => r !== null);
    if (!root) throw new Error(`pool: cannot find the ${PACKAGE_NAME} repo from ${process.cwd()}; run from inside it`);
    worker = path.join(root, 'lib/util/pool-worker.ts');
  }
  // absolute URL so `--import` works whatever the child's cwd is
  const tsx = pathToFileURL(createRequire(worker).resolve('tsx')).href;
  return [worker, tsx];
}

/** Default parallelism: MMFND_JOBS, else one per core. */
export function defaultJobs(): number {
  const env = Number(process.env.MMFND_JOBS);
  if (Number.isInteger(env) && env > 0) return env;
  return os.availableParallelism();
}

/** Make `module` importable from any file: paths become file:// URLs. */
export function moduleSpecifier(module: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(module) && !/^[a-z]:[\\/]/i.test(module)) return module; // file:, node:, data:
  if (path.isAbsolute(module) || module.startsWith('.')) return pathToFileURL(path.resolve(module)).href;
  return module; // bare package name
}

/** Import and call one task function (used in-process and by the worker). */
export async function runTaskFn(module: string, fn: string, args: unknown): Promise<unknown> {
  const spec = moduleSpecifier(module);
  // a plain absolute path imports under both ESM (POSIX) and CommonJS (tslab turns
  // import() into require(), which rejects file:// URLs)
  const mod = (await import(spec.startsWith('file:') && path.sep === '/' ? fileURLToPath(spec) : spec)) as Record<string, unknown>;
  const f = mod[fn];
  if (typeof f !== 'function') {
    const names = Object.keys(mod).filter((k) => typeof mod[k] === 'function');
    throw new Error(`pool: ${module} has no exported function "${fn}" (exports: ${names.join(', ') || 'none'})`);
  }
  return await (f as (a: unknown) => unknown)(args);
}

export class PoolTaskError extends Error {
  constructor(
    readonly key: string,
    readonly childStack: string,
  ) {
    super(`pool task "${key}" failed: ${childStack.split('\n')[0]}\n--- stack in worker ---\n${childStack}`);
    this.name = 'PoolTaskError';
  }
}

export async function runPool<T = unknown>(tasks: PoolTask[], opts: PoolOptions = {}): Promise<T[]> {
  const keys = new Set<string>();
  for (const t of tasks) {
    if (keys.has(t.key)) throw new Error(`pool: duplicate task key "${t.key}"`);
    keys.add(t.key);
  }
  const jobs = Math.max(1, Math.min(opts.jobs ?? defaultJobs(), tasks.length || 1));
  const inProcess = opts.inProcess ?? jobs === 1;
  return inProcess ? runInProcess<T>(tasks, opts) : runForked<T>(tasks, jobs, opts);
}

async function runInProcess<T>(tasks: PoolTask[], opts: PoolOptions): Promise<T[]> {
  const results: T[] = [];
  for (const [i, t] of tasks.entries()) {
    let r: unknown;
    try {
      // clone args and result like the process boundary would, so behaviour matches
      r = structuredClone(await runTaskFn(t.module, t.fn, structuredClone(t.args)));
    } catch (e) {
      const err = new PoolTaskError(t.key, e instanceof Error ? (e.stack ?? e.message) : String(e));
      if (!opts.onError) throw err;
      opts.onError(t.key, err, i);
      results.push(undefined as T);
      continue;
    }
    results.push(r as T);
    opts.onDone?.(t.key, r, i);
  }
  return results;
}

function runForked<T>(tasks: PoolTask[], jobs: number, opts: PoolOptions): Promise<T[]> {
  const [WORKER, TSX] = workerFiles();
  return new Promise<T[]>((resolve, reject) => {
    const results = new Array<T>(tasks.length);
    let next = 0; // next task index to hand out
    let finished = 0;
    let failure: Error | null = null;
    const live = new Set<ChildProcess>();

    const settle = () => {
      if (live.size > 0) return;
      if (failure) reject(failure);
      else if (finished === tasks.length) resolve(results);
    };
    const fail = (e: Error) => {
      failure ??= e; // first error wins; running tasks may still finish and report
    };
    // a task's own failure: with onError it is reported and the pool goes on
    const taskFailed = (i: number, e: Error) => {
      if (!opts.onError) return fail(e);
      finished++;
      try {
        opts.onError(tasks[i].key, e, i);
      } catch (err) {
        fail(err instanceof Error ? err : new Error(String(err)));
      }
    };

    const spawn = () => {
      const child = fork(WORKER, [], {
        execArgv: ['--import', TSX],
        serialization: 'advanced', // structured clone: typed arrays, NaN, Map survive
        env: { ...process.env, MMFND_QUIET: '1', ...opts.env },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      live.add(child);
      let running: number | null = null; // task index
      let done = 0;

      const feed = () => {
        const retire = opts.tasksPerWorker !== undefined && done >= opts.tasksPerWorker;
        if (failure || next >= tasks.length || retire) {
          running = null;
          child.send({ type: 'exit' } satisfies ParentMessage);
          if (retire && !failure && next < tasks.length) spawn(); // replace the retired worker
          return;
        }
        running = next++;
        const t = tasks[running];
        child.send({ type: 'run', id: running, module: t.module, fn: t.fn, args: t.args } satisfies ParentMessage, (err) => {
          if (err) fail(new Error(`pool: cannot send task "${t.key}" to worker: ${err.message}`));
        });
      };

      child.on('message', (msg: WorkerMessage) => {
        const i = msg.id;
        running = null;
        done++;
        if (msg.type === 'done') {
          results[i] = msg.result as T;
          finished++;
          try {
            opts.onDone?.(tasks[i].key, msg.result, i);
          } catch (e) {
            fail(e instanceof Error ? e : new Error(String(e)));
          }
        } else {
          taskFailed(i, new PoolTaskError(tasks[i].key, msg.error.stack || msg.error.message));
        }
        feed();
      });
      child.on('exit', (code, signal) => {
        live.delete(child);
        if (running !== null) {
          // died mid-task (OOM, process.exit, segfault): its stderr went to ours
          const why = signal ? `signal ${signal}` : `exit code ${code}`;
          taskFailed(running, new PoolTaskError(tasks[running].key, `worker process died (${why}) while running this task`));
          running = null;
          // the pool goes on: a fresh worker takes the remaining tasks
          if (opts.onError && !failure && next < tasks.length) spawn();
        }
        settle();
      });
      child.on('error', (e) => fail(e));
      feed();
    };

    if (tasks.length === 0) return resolve([]);
    for (let w = 0; w < jobs; w++) spawn();
  });
}
