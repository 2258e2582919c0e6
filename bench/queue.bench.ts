/**
 * Job-queue throughput: runs/minute for the same small synthetic specs on
 * the local pool (reproduce's default: 1 process = in this process, 2 =
 * forked) and on the BullMQ queue with 1 and 2 queue workers (bin/worker.ts,
 * --jobs 1 each) on this machine, against a throwaway redis-server on
 * loopback.
 *
 * Timed: from handing the specs to the executor until the last result is
 * back. Included on both sides: starting the run processes (the queue
 * worker forks its run process at its first job, as the local pool forks at
 * the start). Excluded: starting the queue workers themselves (long-lived,
 * started before a sweep). Small specs make the per-run overhead (Redis
 * round trips, the coordinator's 1 s poll) visible; with real runs (seconds
 * to minutes each) it vanishes in the run time.
 *
 * Needs redis-server (Debian: apt-get install redis-server); without it the
 * suite prints why and returns no rows.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../lib/data/datadir';
import { localExecutor, type RunExecutor } from '../lib/experiment/executor';
import { queueExecutor } from '../lib/experiment/queue/coordinator';
import { redisServerPath, startLocalRedis } from '../lib/experiment/queue/local-redis';
import { specHash, type RunSpec } from '../lib/experiment/spec';
import type { BenchOptions, BenchRow, BenchSuite } from './types';

const RUNS = 16;

function specs(): [string, RunSpec][] {
  return Array.from({ length: RUNS }, (_, i): RunSpec => ({
    dataset: { kind: 'synthetic', options: { samples: 2000, seed: 3 } },
    split: { kind: 'random', seed: 0 },
    model: { name: i % 2 ? 'image-only' : 'text-only' },
    train: { epochs: 5, seed: 1 },
    seed: 100 + i,
  })).map((s) => [specHash(s), s]);
}

/** runs/minute of one executor over the specs (every run must succeed) */
async function timed(executor: RunExecutor): Promise<number> {
  const todo = specs();
  let done = 0;
  const errors: string[] = [];
  const t0 = performance.now();
  await executor.run(todo, { onDone: () => void done++, onError: (h, e) => void errors.push(`${h}: ${e.message.split('\n')[0]}`) });
  const minutes = (performance.now() - t0) / 60_000;
  if (errors.length || done !== todo.length) throw new Error(`queue bench: ${errors.length} runs failed: ${errors[0] ?? ''}`);
  return todo.length / minutes;
}

function startWorker(url: string, name: string): Promise<ChildProcess> {
  const child = spawn(
    'timeout',
    ['-s', 'KILL', '900', process.execPath, '--import', 'tsx', path.join(repoRoot(), 'bin', 'worker.ts'), '--queue', url, '--name', name, '--jobs', '1'],
    {
      cwd: repoRoot(),
      // not detached: a process in a session of its own gets a CPU share of its own (Linux autogroups), which on a
      // shared machine would favour the queue workers over the local pool's processes
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`queue bench: worker ${name} did not connect within 60 s`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      if (/connected to/.test(d.toString())) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => reject(new Error(`queue bench: worker ${name} exited (code ${code})`)));
  });
}

/** SIGTERM (the worker finishes, its run process exits with it), SIGKILL after 15 s */
async function stopWorker(c: ChildProcess): Promise<void> {
  if (c.exitCode !== null || c.signalCode !== null) return;
  const exited = new Promise<void>((res) => c.once('exit', () => res()));
  c.kill('SIGTERM'); // `timeout` passes it on to the worker
  const timer = setTimeout(() => {
    let kids: string[] = [];
    try {
      kids = fs.readFileSync(`/proc/${c.pid}/task/${c.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    } catch {
      /* not Linux, or gone */
    }
    for (const k of kids) process.kill(Number(k), 'SIGKILL');
    c.kill('SIGKILL');
  }, 15_000);
  await exited;
  clearTimeout(timer);
}

async function run(opts: BenchOptions): Promise<BenchRow[]> {
  if (!redisServerPath()) {
    opts.note('skipped — redis-server is not installed (Debian: apt-get install -y redis-server)');
    return [];
  }
  const workload = `${RUNS} runs: synthetic 2000 samples, 5 epochs (≈ 1 s each), text-only / image-only`;
  const rows: BenchRow[] = [];
  const row = (impl: string, value: number, extra: Partial<BenchRow> = {}) => {
    rows.push({ workload, impl, value, unit: 'runs/min', ...extra });
    opts.note(`${impl}: ${value.toFixed(1)} runs/min`);
  };
  row('local pool, 1 process (in-process)', await timed(localExecutor(1)), { ref: true });
  row('local pool, 2 processes', await timed(localExecutor(2)));

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mmfnd-queue-bench-'));
  const redis = await startLocalRedis({ dir, maxSeconds: 900 });
  const workers: ChildProcess[] = [];
  try {
    const queue = () => queueExecutor({ url: redis.url, log: () => {} });
    workers.push(await startWorker(redis.url, 'bench-1'));
    row('queue, 1 worker × 1 job (loopback Redis)', await timed(queue()));
    workers.push(await startWorker(redis.url, 'bench-2'));
    row('queue, 2 workers × 1 job (loopback Redis)', await timed(queue()));
  } finally {
    await Promise.all(workers.map(stopWorker));
    await redis.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  opts.note(
    `measured on this machine under its current load (${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores): a shared machine gives low, noisy numbers`,
  );
  return rows;
}

export const queueSuite: BenchSuite = {
  name: 'queue',
  description: 'runs/minute: local pool (1, 2 processes) vs the BullMQ queue with 1 and 2 workers, same small specs',
  run,
};
