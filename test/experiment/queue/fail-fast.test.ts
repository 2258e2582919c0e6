/**
 * A queue that cannot be used at start-up — nothing listening, a wrong or
 * missing password — is one line and exit 1 within seconds, for the
 * coordinator (reproduce --queue) and the worker alike; the password is
 * never printed. (That a Redis restart mid-run is still survived is
 * queue.test.ts's scenario 2, with the same start-up check in place.)
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueueConnectError, checkQueueReachable, parseQueueUrl } from '../../../lib/experiment/queue/connection';
import { freePort, redisServerPath, startLocalRedis, type LocalRedis } from '../../../lib/experiment/queue/local-redis';

const REDIS = redisServerPath();
const SECRET = 'pw-fail-fast-7e1d';

/** runs a bin script; resolves with its exit code, stderr and seconds (killed after 60 s: the bug was retrying forever) */
function runBin(script: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; err: string; secs: number }> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', path.join('bin', script), ...args], {
      env: { ...process.env, ...env, MMFND_QUEUE_PASSWORD: env.MMFND_QUEUE_PASSWORD ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    p.stderr.on('data', (d) => (err += d));
    p.stdout.on('data', (d) => (err += d));
    const timer = setTimeout(() => p.kill('SIGKILL'), 60_000);
    p.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, err, secs: (Date.now() - t0) / 1000 });
    });
  });
}

describe.skipIf(!REDIS)('queue start-up: fail fast, one line', () => {
  let redis: LocalRedis;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mmfnd-failfast-'));
  beforeAll(async () => {
    redis = await startLocalRedis({ dir, password: SECRET, maxSeconds: 300 });
  }, 30_000);
  afterAll(async () => {
    await redis?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the check itself: refused, WRONGPASS and NOAUTH in well under its timeout; the right password passes', async () => {
    const dead = await freePort();
    const cases: [string, RegExp][] = [
      [`redis://127.0.0.1:${dead}`, /ECONNREFUSED.*is redis-server running there/],
      [`redis://:wrong@127.0.0.1:${redis.port}`, /WRONGPASS.*the password is wrong or missing/],
      [`redis://127.0.0.1:${redis.port}`, /NOAUTH.*the password is wrong or missing/],
    ];
    for (const [url, re] of cases) {
      const t0 = Date.now();
      const e = await checkQueueReachable(parseQueueUrl(url)).then(
        () => undefined,
        (x: Error) => x,
      );
      expect(e).toBeInstanceOf(QueueConnectError);
      expect(e!.message).toMatch(re);
      expect(e!.message).not.toContain('wrong@');
      expect(Date.now() - t0).toBeLessThan(5000);
    }
    await expect(checkQueueReachable(parseQueueUrl(redis.url))).resolves.toBeUndefined();
  });

  it('reproduce --queue and worker: exit 1 with one line, in seconds, without the password', async () => {
    const dead = await freePort();
    const urls = [`redis://127.0.0.1:${dead}`, `redis://:${SECRET}x@127.0.0.1:${redis.port}`, `redis://127.0.0.1:${redis.port}`];
    const runs = urls.flatMap((url) => [
      runBin('reproduce.ts', ['--queue', url, '--only', 'bmlhf/fig2', '--cache', path.join(dir, 'runs'), '--out', path.join(dir, 'out')]),
      runBin('worker.ts', ['--queue', url]),
    ]);
    for (const r of await Promise.all(runs)) {
      expect(r.code, r.err).toBe(1);
      const lines = r.err.trim().split('\n');
      expect(lines, r.err).toHaveLength(1);
      expect(lines[0]).toMatch(/^(reproduce|worker): cannot use the queue at redis:\/\/.*(ECONNREFUSED|WRONGPASS|NOAUTH)/);
      expect(r.err).not.toContain(SECRET);
      expect(r.secs).toBeLessThan(45); // node + tsx start-up on a loaded 2-core machine; the bug never exited
    }
  }, 120_000);
});
