/**
 * Acceptance test of the job queue (issue 15): a real redis-server on
 * loopback (free port, temp folder, append-only file, a password), two
 * worker processes (bin/worker.ts), coordinator processes
 * (fixtures/coordinator.ts = reproduce() on the queue executor) over 20 tiny
 * synthetic specs + one that fails deterministically. Faults injected, in
 * order, while the sweep runs:
 *   1. a worker is SIGKILLed while it holds a job (with its run process);
 *   2. the coordinator is SIGKILLed after 5 results, Redis is restarted
 *      (SIGTERM, start again from its append-only file), a new coordinator
 *      takes over.
 * Then: every spec finished exactly once, the killed worker's job was
 * finished by another worker, the failing spec ran once (no retry loop) and
 * was reported with its error, results equal a local run of the same specs
 * byte for byte (minus `timing`, the only non-reproducible field of a
 * RunResult), results.json is identical, nothing is left in the queue, and
 * no line any process printed holds the password.
 *
 * Skips, with the reason printed, only when redis-server is not installed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { reproduce, type ReproduceReport } from '../../../lib/experiment/reproduce';
import { specHash } from '../../../lib/experiment/spec';
import { DEFAULT_QUEUE_NAME, parseQueueUrl } from '../../../lib/experiment/queue/connection';
import { redisServerPath, startLocalRedis, type LocalRedis } from '../../../lib/experiment/queue/local-redis';
import { BAD_SPEC, toyArtefacts, toySpecs } from './fixtures/toy';

const REDIS = redisServerPath();
if (!REDIS) console.log('[queue test] skipped: redis-server is not installed (Debian: apt-get install -y redis-server; .ci/run installs it)');

const N = 20;
const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../../..');
const COORDINATOR = path.join(HERE, 'fixtures', 'coordinator.ts');

interface Proc {
  name: string;
  child: ChildProcess;
  lines: string[];
  exit: Promise<number | null>;
}

const procs: Proc[] = [];

/** A node process running a .ts file in its own process group (so a SIGKILL takes its run processes too), at most 150 s. */
function startTs(name: string, file: string, args: string[], env: Record<string, string> = {}): Proc {
  const child = spawn('timeout', ['-s', 'KILL', '150', process.execPath, '--import', 'tsx', file, ...args], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, MMFND_QUIET: '1', ...env },
  });
  const lines: string[] = [];
  for (const stream of [child.stdout!, child.stderr!]) {
    let buf = '';
    stream.on('data', (d: Buffer) => {
      const parts = (buf + d.toString()).split('\n');
      buf = parts.pop()!;
      lines.push(...parts);
    });
  }
  const exit = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  const p = { name, child, lines, exit };
  procs.push(p);
  return p;
}

function killGroup(p: Proc): void {
  try {
    process.kill(-p.child.pid!, 'SIGKILL');
  } catch {
    /* already gone */
  }
}

/** Polls until `find` returns something, at most `ms`. */
async function waitFor<T>(what: string, find: () => T | undefined, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const got = find();
    if (got !== undefined) return got;
    if (Date.now() > end)
      throw new Error(`timed out after ${ms} ms waiting for ${what}\n${procs.map((p) => `--- ${p.name}\n${p.lines.slice(-8).join('\n')}`).join('\n')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const reportOf = (p: Proc): ReproduceReport => JSON.parse(p.lines.find((l) => l.startsWith('{'))!);
/**
 * "[worker wA] start <hash> (...), attempt 1" → [worker, verb, hash] of every worker line. Not anchored at the
 * line start: a worker's run process shares its stderr, and a partial line of it would otherwise hide the event.
 */
const events = () =>
  procs.flatMap((p) =>
    p.lines.map((l) => /\[worker (\S+)\] (start|returned|completed|FAILED) ([0-9a-f]{16})/.exec(l)).filter((m): m is RegExpExecArray => m !== null),
  );
/** every line any process printed about `hash`, for a failure message that shows what happened to it */
const linesAbout = (hash: string) => procs.flatMap((p) => p.lines.filter((l) => l.includes(hash)).map((l) => `${p.name}: ${l}`)).join('\n');
const noTiming = (file: string) => fs.readFileSync(file, 'utf8').replace(/"timing":\{[^}]*\},?/, '');

describe.skipIf(!REDIS)('job queue (BullMQ on Redis): workers die, the coordinator and Redis restart, nothing is lost', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mmfnd-queue-'));
  const password = `pw-${randomBytes(6).toString('hex')}`;
  let redis: LocalRedis | undefined;

  afterAll(async () => {
    if (process.env.MMFND_TEST_VERBOSE) for (const p of procs) console.log(`--- ${p.name}\n${p.lines.join('\n')}`);
    for (const p of procs) killGroup(p);
    await redis?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('every spec finished exactly once; results byte-identical to a local run; the queue is empty', async () => {
    const t0 = Date.now();
    redis = await startLocalRedis({ dir: path.join(dir, 'redis'), password, maxSeconds: 300 });
    const url = redis.url;
    const bare = url.replace(/\/\/:[^@]*@/, '//'); // worker B takes its password from the environment
    const workerArgs = ['--jobs', '1', '--lock-ms', '8000', '--stalled-ms', '1000']; // a lock outlives the Redis restart: no job of a live worker is taken as stalled
    const WORKER = path.join(ROOT, 'bin', 'worker.ts');
    const wA = startTs('worker A', WORKER, ['--queue', url, '--name', 'wA', ...workerArgs]);
    startTs('worker B', WORKER, ['--queue', bare, '--name', 'wB', ...workerArgs], { MMFND_QUEUE_PASSWORD: password });
    const cacheQ = path.join(dir, 'cache-q');
    const outQ = path.join(dir, 'out-q');
    const c1 = startTs('coordinator 1', COORDINATOR, [url, cacheQ, outQ, String(N)]);

    // 1. SIGKILL worker A (and its run process) while it holds a job
    const held = await waitFor('worker A to start a job', () => events().find((e) => e[1] === 'wA' && e[2] === 'start')?.[3], 60_000);
    killGroup(wA);
    await wA.exit;
    startTs('worker C', WORKER, ['--queue', url, '--name', 'wC', ...workerArgs]); // a replacement machine joins

    // 2. SIGKILL the coordinator after 5 results, restart Redis from its append-only file, a new coordinator takes over
    await waitFor('coordinator 1 to collect 5 results', () => c1.lines.find((l) => /^\[reproduce\] ([5-9]|\d\d)\/21 /.test(l)), 60_000);
    killGroup(c1);
    await c1.exit;
    const collectedByC1 = fs.readdirSync(cacheQ).filter((f) => f.endsWith('.json')).length;
    await redis.restart();
    expect(redis.lines.some((l) => /DB loaded from append only file/.test(l))).toBe(true);
    const c2 = startTs('coordinator 2', COORDINATOR, [url, cacheQ, outQ, String(N)]);
    expect(await c2.exit).toBe(0);
    const report = reportOf(c2);
    const sweepSeconds = (Date.now() - t0) / 1000;

    const good = toySpecs(N).map(specHash);
    const bad = specHash(BAD_SPEC);
    expect(collectedByC1).toBeGreaterThanOrEqual(4); // 5 collected, one of which may be the failing spec (not cached)
    expect(report.cached).toBe(collectedByC1); // what coordinator 1 collected is not recomputed
    expect(report.computed).toBe(N - collectedByC1);

    // every good spec ran to the end exactly once across all workers, the killed worker's job by another one.
    // Counted on 'returned' (the worker's line when its run process hands back the result, before it goes to
    // Redis), not on BullMQ's 'completed': when the connection drops between the move to the completed set and
    // its reply (Redis is restarted here), the re-sent command finds the job already collected and removed by
    // coordinator 2 ("Missing key for job … moveToFinished") and that worker never prints 'completed' (CI, stop 19).
    // The lines of the other processes may still be in their pipes when coordinator 2 exits: wait for them.
    const returned = (h: string) => events().filter((e) => e[2] === 'returned' && e[3] === h);
    await waitFor('every returned line', () => (good.every((h) => returned(h).length > 0) ? true : undefined), 20_000).catch(() => {});
    for (const h of good) expect(returned(h).length, `${h}\n${linesAbout(h)}`).toBe(1);
    expect(returned(held)[0]?.[1]).not.toBe('wA');
    expect(procs.some((p) => p.lines.some((l) => l.includes(`${held} (`) && /attempt 2/.test(l)))).toBe(true);

    // the failing spec: reported once, with its spec and error, and never retried within a sweep (a later reproduce
    // runs it again, as a local one does: so twice if coordinator 1 had already reported it)
    expect(report.failed.map((f) => f.hash)).toEqual([bad]);
    expect(report.failed[0].spec.model.name).toBe('no-such-model');
    expect(report.failed[0].error).toMatch(/unknown model 'no-such-model'/);
    const reportedByC1 = c1.lines.some((l) => l.includes(`FAILED run ${bad}`));
    const badStarts = procs.flatMap((p) => p.lines.filter((l) => l.includes(`start ${bad} `)));
    expect(badStarts.length).toBe(reportedByC1 ? 2 : 1);
    for (const l of badStarts) expect(l).toMatch(/attempt 1$/);

    // nothing left in the queue
    const queue = new Queue(DEFAULT_QUEUE_NAME, { connection: parseQueueUrl(url).connection });
    const counts = await queue.getJobCounts('waiting', 'active', 'completed', 'failed', 'delayed', 'prioritized', 'waiting-children');
    await queue.close();
    expect(counts).toEqual({ waiting: 0, active: 0, completed: 0, failed: 0, delayed: 0, prioritized: 0, 'waiting-children': 0 });

    // the password appears in no line any process printed (the URLs are shown as redis://:***@…)
    for (const p of procs) for (const l of p.lines) expect(l.includes(password), `${p.name}: ${l}`).toBe(false);
    expect(procs.some((p) => p.lines.some((l) => l.includes('redis://:***@127.0.0.1')))).toBe(true);

    // the same specs on the local pool: the same bytes (cache files minus timing, results.json whole)
    const cacheL = path.join(dir, 'cache-l');
    const outL = path.join(dir, 'out-l');
    const local = await reproduce({ artefacts: toyArtefacts(toySpecs(N), true), cacheDir: cacheL, outDir: outL, jobs: 2, log: () => {} });
    expect(local.computed).toBe(N);
    // cache files are <specHash>@<numericPath>.json (lib/experiment/numeric-path.ts): one per hash, same path both ways
    const fileOf = (dir: string, h: string) => {
      const fs_ = fs.readdirSync(dir).filter((f) => f.startsWith(`${h}@`) && f.endsWith('.json'));
      expect(fs_, `${dir}: ${h}`).toHaveLength(1);
      return path.join(dir, fs_[0]);
    };
    for (const h of good) {
      expect(path.basename(fileOf(cacheQ, h))).toBe(path.basename(fileOf(cacheL, h)));
      expect(noTiming(fileOf(cacheQ, h)), h).toBe(noTiming(fileOf(cacheL, h)));
    }
    expect(fs.readFileSync(path.join(outQ, 'toyq', 'results.json'), 'utf8')).toBe(fs.readFileSync(path.join(outL, 'toyq', 'results.json'), 'utf8'));
    console.log(
      `[queue test] sweep with the faults ${sweepSeconds.toFixed(0)} s, whole test ${((Date.now() - t0) / 1000).toFixed(0)} s (load ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores)`,
    );
  }, 150_000);
});
