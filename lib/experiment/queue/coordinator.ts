/**
 * The queue executor (reproduce --queue): every uncached run spec becomes a
 * BullMQ job whose id is the spec hash, workers anywhere run them
 * (lib/experiment/queue/worker.ts, `npm run worker`), and this side
 * collects each result as it lands, hands it to reproduce (which caches it
 * at once, in the same ResultCache as a local run), and only then removes
 * the job. A sweep leaves nothing in the queue.
 *
 * Why collecting by polling the completed / failed sets, not by listening to
 * events: a finished job waits in Redis until it is collected, so a
 * coordinator that was down (killed, restarted, its machine rebooted) finds
 * every result that finished meanwhile — events published while nobody
 * listened would be lost. Re-enqueueing is idempotent (same job id → no
 * second job), so a restarted coordinator neither duplicates queued runs nor
 * recomputes finished ones (cached → never enqueued; completed in Redis →
 * collected). A failed job, too, waits until a coordinator has reported it;
 * once reported it is removed, so the next reproduce runs it again, as a
 * local reproduce retries its failed runs.
 *
 * Faults: see docs/DISTRIBUTED.md. A job that vanished from Redis (a restart
 * without persistence) is noticed by the periodic check and enqueued again.
 */
import { Queue, type Job } from 'bullmq';
import type { RunExecutor, RunHooks } from '../executor';
import type { RunSpec } from '../spec';
import { describeSpec } from '../reproduce';
import { DEFAULT_QUEUE_NAME, checkQueueReachable, parseQueueUrl, redacting, throttled } from './connection';
import type { RunJobData } from './worker';
import { decodeResult } from './wire';

export interface QueueExecutorOptions {
  /** redis://[user:password@]host:port[/db] */
  url: string;
  /** used when the URL carries no password */
  password?: string;
  queueName?: string;
  /** tries per job when a worker's run process dies (a run that throws is never retried: it is deterministic) */
  attempts?: number;
  /** first back-off before a retry, doubled at each further try */
  backoffMs?: number;
  /** how often the queue is read */
  pollMs?: number;
  /** a status line at least this often even when nothing changed */
  heartbeatMs?: number;
  log?: (line: string) => void;
}

const DEFAULTS = { queueName: DEFAULT_QUEUE_NAME, attempts: 3, backoffMs: 10_000, pollMs: 1000, heartbeatMs: 30_000 };
const RECHECK_EVERY = 10; // polls between checks that every pending job still exists
const ENQUEUE_CHUNK = 200;

/** a job's return value: the RunResult, encoded by ./wire */
type RunJob = Job<RunJobData, string>;

export function queueExecutor(options: QueueExecutorOptions): RunExecutor {
  const o = { ...DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as typeof DEFAULTS & QueueExecutorOptions;
  for (const k of ['attempts', 'backoffMs', 'pollMs', 'heartbeatMs'] as const) {
    if (!(Number.isInteger(o[k]) && o[k] > 0)) throw new Error(`queue option ${k} must be a positive integer, got '${o[k]}'`);
  }
  const q = parseQueueUrl(o.url, o.password);
  const log = redacting(q.secrets, o.log ?? ((l) => process.stderr.write(l + '\n')));
  return { run: (todo, hooks, context) => sweep(todo, hooks, context?.cached ?? [], o, q, log) };
}

async function sweep(
  todo: [string, RunSpec][],
  hooks: RunHooks,
  cached: string[],
  o: typeof DEFAULTS & QueueExecutorOptions,
  q: ReturnType<typeof parseQueueUrl>,
  log: (line: string) => void,
): Promise<void> {
  await checkQueueReachable(q); // a wrong address or password: one line now, not retries forever
  const queue = new Queue<RunJobData, string>(o.queueName, { connection: q.connection });
  const logError = throttled(log);
  queue.on('error', (e) => logError(`[queue] redis error (retrying): ${e.message}`));
  try {
    await queue.waitUntilReady();
    const pending = new Map(todo);
    const jobOf = ([hash, spec]: [string, RunSpec]) => ({
      name: 'run',
      data: { spec, describe: describeSpec(spec) },
      opts: { jobId: hash, attempts: o.attempts, backoff: { type: 'exponential', delay: o.backoffMs }, removeOnComplete: false, removeOnFail: false },
    });
    // a coordinator killed between caching a result and removing its job leaves the job behind: it is cached, so it goes
    const inCache = new Set(cached);
    for (const job of (await queue.getJobs(['completed'], 0, -1)) as RunJob[]) if (job.id && inCache.has(job.id)) await queue.remove(job.id);
    // todo is sorted longest first, and the wait list is FIFO: workers start the long runs first
    for (let i = 0; i < todo.length; i += ENQUEUE_CHUNK) await queue.addBulk(todo.slice(i, i + ENQUEUE_CHUNK).map(jobOf));
    log(`[queue] ${todo.length} runs on ${q.display}, queue '${o.queueName}' (job id = spec hash: runs queued by an earlier coordinator are not duplicated)`);

    const doneBy = new Map<string, number>();
    let failed = 0;
    let lastLine = '';
    let lastAt = 0;
    for (let tick = 1; pending.size; tick++) {
      for (const job of (await queue.getJobs(['completed'], 0, -1)) as RunJob[]) {
        const id = job.id!;
        if (!pending.has(id)) continue; // another sweep's job
        const r = typeof job.returnvalue === 'string' ? decodeResult(job.returnvalue) : undefined;
        if (r && r.hash === id)
          hooks.onDone(id, r); // cached by reproduce before the job is removed: a crash here loses nothing
        else hooks.onError(id, new Error(`the worker returned no result for job ${id}`));
        await queue.remove(id);
        pending.delete(id);
        const by = job.processedBy ?? '?';
        doneBy.set(by, (doneBy.get(by) ?? 0) + 1);
      }
      for (const job of (await queue.getJobs(['failed'], 0, -1)) as RunJob[]) {
        const id = job.id!;
        if (!pending.has(id)) continue;
        hooks.onError(
          id,
          new Error(`${job.failedReason} (job ${id}, ${job.attemptsMade} attempt${job.attemptsMade === 1 ? '' : 's'}, last on ${job.processedBy ?? '?'})`),
        );
        await queue.remove(id);
        pending.delete(id);
        failed++;
      }
      if (!pending.size) break;
      if (tick % RECHECK_EVERY === 0) await requeueVanished(queue, pending, jobOf, log);

      const active = ((await queue.getActive(0, -1)) as RunJob[]).filter((j) => j.id && pending.has(j.id));
      const workers = await queue.getWorkers().catch(() => undefined); // CLIENT LIST may be disabled on a managed Redis
      const runningBy = new Map<string, number>();
      for (const j of active) runningBy.set(j.processedBy ?? '?', (runningBy.get(j.processedBy ?? '?') ?? 0) + 1);
      const done = todo.length - pending.size - failed;
      const line =
        `[queue] ${done}/${todo.length} done · ${active.length} running${runningBy.size ? ` (${fmtCounts(runningBy)})` : ''} · ` +
        `${pending.size - active.length} waiting · ${failed} failed · ${workers ? `${workers.length} worker${workers.length === 1 ? '' : 's'}` : 'workers: ?'} connected` +
        (doneBy.size ? ` · done per worker: ${fmtCounts(doneBy)}` : '') +
        (workers?.length === 0 ? ` — start one: npm run worker -- --queue ${q.display}` : '');
      const now = Date.now();
      if (line !== lastLine || now - lastAt >= o.heartbeatMs) {
        log(line);
        lastLine = line;
        lastAt = now;
      }
      await new Promise((res) => setTimeout(res, o.pollMs));
    }
    log(`[queue] sweep finished: ${todo.length - failed} done, ${failed} failed${doneBy.size ? `; done per worker: ${fmtCounts(doneBy)}` : ''}`);
  } finally {
    await queue.close();
  }
}

/** Jobs that should be there and are not (Redis restarted without persistence, someone flushed it): enqueued again. */
async function requeueVanished(
  queue: Queue<RunJobData, string>,
  pending: Map<string, RunSpec>,
  jobOf: (e: [string, RunSpec]) => Parameters<Queue<RunJobData, string>['addBulk']>[0][number],
  log: (line: string) => void,
): Promise<void> {
  const ids = [...pending.keys()];
  const lost: [string, RunSpec][] = [];
  for (let i = 0; i < ids.length; i += ENQUEUE_CHUNK) {
    const states = await Promise.all(ids.slice(i, i + ENQUEUE_CHUNK).map((id) => queue.getJobState(id)));
    states.forEach((s, k) => s === 'unknown' && lost.push([ids[i + k], pending.get(ids[i + k])!]));
  }
  if (!lost.length) return;
  log(`[queue] ${lost.length} job${lost.length === 1 ? '' : 's'} vanished from the queue (Redis restarted without persistence?): enqueued again`);
  await queue.addBulk(lost.map(jobOf));
}

function fmtCounts(m: Map<string, number>): string {
  return [...m]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}
