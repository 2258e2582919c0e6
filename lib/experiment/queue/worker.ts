/**
 * A queue worker: takes run jobs from the BullMQ queue, runs each spec with
 * the code path of the local pool (runOne in a worker process,
 * lib/util/child-pool over lib/util/pool-worker) and returns the RunResult
 * to Redis, where the coordinator collects it.
 *
 * Faults, and who handles them:
 * - this process dies (SIGKILL, machine lost): it stops renewing its job
 *   locks; after `lockMs` the stalled-job check of any other worker (every
 *   `stalledMs`) puts the job back in the wait list and another worker runs
 *   it (BullMQ stalled-job detection). After `maxStalled` such recoveries
 *   the job fails instead of circling forever;
 * - a run throws (bad spec, unknown model, a bug): runs are seeded, so the
 *   same spec fails the same way anywhere — UnrecoverableError, reported
 *   once, no retry;
 * - the child process running it dies (OOM killer): not the spec's fault —
 *   a plain error, retried under the job's attempts and back-off;
 * - the spec's hash is not the job id: this worker's code is of another
 *   RESULTS_VERSION than the coordinator's — unrecoverable, with that message.
 */
import * as os from 'node:os';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { ChildDiedError, ChildPool } from '../../util/child-pool';
import { PoolTaskError } from '../../util/pool';
import { RUN_ONE } from '../executor';
import { RESULTS_VERSION, specHash, type RunSpec } from '../spec';
import type { RunResult } from '../result';
import { DEFAULT_QUEUE_NAME, checkQueueReachable, parseQueueUrl, redacting, throttled } from './connection';
import { encodeResult } from './wire';

export interface QueueWorkerOptions {
  /** redis://[user:password@]host:port[/db] */
  url: string;
  /** used when the URL carries no password */
  password?: string;
  queueName?: string;
  /** runs at once on this machine (= worker processes); default 1 */
  jobs?: number;
  /** shown by the coordinator per worker; default host:pid */
  name?: string;
  /** how long a job's lock lasts without renewal (renewed every lockMs / 2): a dead worker's job is free again after this */
  lockMs?: number;
  /** how often this worker looks for stalled jobs (of dead workers) */
  stalledMs?: number;
  /** recoveries from a stalled state before a job fails ("stalled more than allowable limit") */
  maxStalled?: number;
  /** this machine's data directory, handed to every run (absent: the loaders' default, lib/data/datadir.ts) */
  dataDir?: string;
  /** extra env for the run processes */
  env?: Record<string, string>;
  log?: (line: string) => void;
}

/** what the coordinator puts in each job */
export interface RunJobData {
  spec: RunSpec;
  /** one line for messages (describeSpec) */
  describe: string;
}

const DEFAULTS = { queueName: DEFAULT_QUEUE_NAME, jobs: 1, lockMs: 30_000, stalledMs: 30_000, maxStalled: 2 };

export interface QueueWorker {
  name: string;
  /** the run processes' pids (tests kill them with the worker) */
  pids(): number[];
  /** finishes the running jobs, then disconnects; `force`: abandon them (they stall and go back to the queue) */
  close(force?: boolean): Promise<void>;
}

export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  const o = { ...DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as typeof DEFAULTS & QueueWorkerOptions;
  if (!(Number.isInteger(o.jobs) && o.jobs > 0)) throw new Error(`--jobs must be a positive integer, got '${o.jobs}'`);
  const q = parseQueueUrl(o.url, o.password);
  const log = redacting(q.secrets, o.log ?? ((l) => process.stderr.write(l + '\n')));
  const name = o.name ?? `${os.hostname()}:${process.pid}`;
  await checkQueueReachable(q); // a wrong address or password: one line now, not retries forever
  const pool = new ChildPool(o.jobs, { env: o.env });

  const processor = async (job: Job<RunJobData, string>): Promise<string> => {
    const spec = job.data.spec;
    const hash = specHash(spec);
    if (hash !== job.id) {
      throw new UnrecoverableError(
        `spec hash ${hash} is not the job id ${job.id}: this worker runs code of another version (RESULTS_VERSION ${RESULTS_VERSION}) than the coordinator; update it`,
      );
    }
    try {
      const t0 = Date.now();
      const result = encodeResult((await pool.run({ ...RUN_ONE, args: { spec, dataDir: o.dataDir } })) as RunResult);
      // printed before the result goes to Redis: 'completed' (BullMQ's event, after the move to the completed set)
      // can be missing for a run that did finish, when the connection drops between that move and its reply —
      // the command is re-sent, and if the coordinator has already collected and removed the job it fails with
      // "Missing key for job … moveToFinished". The result is in Redis either way; this line is the run's record.
      log(`[worker ${name}] returned ${job.id} (${job.data.describe}) after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      return result;
    } catch (e) {
      if (e instanceof PoolTaskError) throw new UnrecoverableError(e.childStack); // the run's own, deterministic failure
      if (e instanceof ChildDiedError) throw new Error(`${e.message} on worker ${name}`); // retried (attempts)
      throw e;
    }
  };

  const worker = new Worker<RunJobData, string>(o.queueName, processor, {
    connection: q.connection,
    name,
    concurrency: o.jobs,
    lockDuration: o.lockMs,
    stalledInterval: o.stalledMs,
    maxStalledCount: o.maxStalled,
    autorun: false,
  });
  worker.on('active', (job) => log(`[worker ${name}] start ${job.id} (${job.data.describe}), attempt ${job.attemptsStarted}`));
  worker.on('completed', (job) => log(`[worker ${name}] completed ${job.id} (${job.data.describe})`));
  worker.on('failed', (job, err) => {
    const final = err instanceof UnrecoverableError || (job && job.attemptsMade >= (job.opts.attempts ?? 1));
    log(`[worker ${name}] ${final ? 'FAILED' : 'failed (will retry)'} ${job?.id ?? '?'}: ${err.message.split('\n')[0]}`);
  });
  worker.on('stalled', (id) => log(`[worker ${name}] job ${id} stalled (its worker stopped renewing the lock): back to the queue`));
  const logError = throttled(log);
  worker.on('error', (err) => logError(`[worker ${name}] redis error (retrying): ${err.message}`));
  void worker.run().catch((e: Error) => log(`[worker ${name}] stopped: ${e.message}`));
  await worker.waitUntilReady();
  log(`[worker ${name}] connected to ${q.display}, queue '${o.queueName}', ${o.jobs} job${o.jobs > 1 ? 's' : ''} at once`);

  return {
    name,
    pids: () => pool.pids(),
    async close(force = false) {
      await worker.close(force);
      await (force ? pool.kill() : pool.close());
    },
  };
}
