import { describe, expect, it } from 'vitest';
import { defaultJobs, moduleSpecifier, PoolTaskError, runPool, type PoolTask } from '../../lib/util/pool';

const FIX = new URL('./fixtures/pool-tasks.ts', import.meta.url).href;
const task = (key: string, fn: string, args: unknown = {}): PoolTask => ({ key, module: FIX, fn, args });

describe('runPool', () => {
  it('returns results in task order with 2 workers, reusing workers', async () => {
    // decreasing delays: later tasks finish first within a worker pair
    const tasks = [0, 1, 2, 3, 4, 5].map((x) => task(`t${x}`, 'slowSquare', { x, ms: 60 - 10 * x }));
    const order: string[] = [];
    const res = await runPool<{ y: number; pid: number }>(tasks, { jobs: 2, onDone: (k) => order.push(k) });
    expect(res.map((r) => r.y)).toEqual([0, 1, 4, 9, 16, 25]);
    const pids = new Set(res.map((r) => r.pid));
    expect(pids.size).toBe(2); // 6 tasks, 2 processes
    expect(pids.has(process.pid)).toBe(false);
    expect(order.sort()).toEqual(tasks.map((t) => t.key).sort());
  });

  it('tasksPerWorker: 1 gives a fresh process per task', async () => {
    const res = await runPool<{ pid: number }>(
      [1, 2, 3].map((x) => task(`s${x}`, 'square', { x })),
      { jobs: 2, tasksPerWorker: 1 },
    );
    expect(new Set(res.map((r) => r.pid)).size).toBe(3);
  });

  it('jobs = 1 runs in-process by default, or forked on request', async () => {
    const inProc = await runPool<{ pid: number; y: number }>([task('a', 'square', { x: 3 })], { jobs: 1 });
    expect(inProc[0]).toMatchObject({ y: 9, pid: process.pid });
    const forked = await runPool<{ pid: number }>([task('a', 'square', { x: 3 })], { jobs: 1, inProcess: false });
    expect(forked[0].pid).not.toBe(process.pid);
  });

  it('structured clone keeps typed arrays and NaN', async () => {
    const [r] = await runPool<{ f: Float32Array; nan: number; m: Map<string, number> }>([task('r', 'rich')], {
      jobs: 2,
      inProcess: false,
    });
    expect(r.f).toBeInstanceOf(Float32Array);
    expect(Array.from(r.f)).toEqual([1.5, 2.5]);
    expect(r.nan).toBeNaN();
    expect(r.m.get('a')).toBe(1);
  });

  it('an error rejects with key and worker stack, after finished results reach onDone', async () => {
    const done: string[] = [];
    const tasks = [
      task('ok-fast', 'slowSquare', { x: 1, ms: 5 }), // worker 1
      task('ok-running', 'slowSquare', { x: 2, ms: 300 }), // worker 2: in flight when 'bad' fails, still reported
      task('bad', 'boom', { msg: 'seed 7 diverged' }), // worker 1, after ok-fast
      task('never', 'square', { x: 3 }), // not started after the failure
      task('never2', 'square', { x: 4 }),
    ];
    const err = await runPool(tasks, { jobs: 2, onDone: (k) => done.push(k) }).catch((e) => e);
    expect(err).toBeInstanceOf(PoolTaskError);
    expect(err.key).toBe('bad');
    expect(err.message).toMatch(/pool task "bad" failed: Error: boom: seed 7 diverged/);
    expect(err.message).toMatch(/pool-tasks\.ts/); // child's stack
    expect(done).toContain('ok-fast');
    expect(done).toContain('ok-running');
    expect(done).not.toContain('never2');
  });

  it('in-process errors carry the key too', async () => {
    await expect(runPool([task('bad', 'boom', { msg: 'x' })], { jobs: 1 })).rejects.toThrow(/pool task "bad" failed/);
  });

  it('a worker that dies mid-task is reported with the task key', async () => {
    await expect(runPool([task('dies', 'die'), task('fine', 'square', { x: 1 })], { jobs: 2 })).rejects.toThrow(
      /pool task "dies" failed: worker process died \(exit code 3\)/,
    );
  });

  it('unknown function names the exports', async () => {
    await expect(runPool([task('x', 'nope')], { jobs: 2, inProcess: false })).rejects.toThrow(/has no exported function "nope" \(exports: .*square/);
  });

  it('tfjs tasks run in workers through initBackend', async () => {
    const res = await runPool<{ sum: number; backend: string }>(
      [10, 100].map((n) => task(`n${n}`, 'tfSum', { n })),
      { jobs: 2 },
    );
    expect(res.map((r) => r.sum)).toEqual([45, 4950]);
    expect(res[0].backend).toBe('wasm');
  });

  it('empty task list, duplicate keys, defaults', async () => {
    expect(await runPool([], { jobs: 2 })).toEqual([]);
    await expect(runPool([task('a', 'square'), task('a', 'square')])).rejects.toThrow(/duplicate task key "a"/);
    expect(defaultJobs()).toBeGreaterThan(0);
    expect(moduleSpecifier('./x.ts')).toMatch(/^file:\/\/.*\/x\.ts$/);
    expect(moduleSpecifier('file:///a.ts')).toBe('file:///a.ts');
    expect(moduleSpecifier('arquero')).toBe('arquero');
  });
});
