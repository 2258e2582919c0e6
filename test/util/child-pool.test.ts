import { describe, expect, it } from 'vitest';
import { ChildDiedError, ChildPool } from '../../lib/util/child-pool';
import { PoolTaskError } from '../../lib/util/pool';

const FIX = new URL('./fixtures/pool-tasks.ts', import.meta.url).href;

describe('ChildPool', () => {
  it('runs tasks as they come in at most `size` long-lived children, and keeps NaN and typed arrays', async () => {
    const pool = new ChildPool(2);
    try {
      const rs = (await Promise.all([0, 1, 2, 3, 4].map((x) => pool.run({ module: FIX, fn: 'slowSquare', args: { x, ms: 30 } })))) as {
        y: number;
        pid: number;
      }[];
      expect(rs.map((r) => r.y)).toEqual([0, 1, 4, 9, 16]);
      const pids = new Set(rs.map((r) => r.pid));
      expect(pids.size).toBe(2); // 5 tasks, 2 processes, reused
      expect(pids.has(process.pid)).toBe(false);
      expect(new Set(pool.pids())).toEqual(pids);
      const rich = (await pool.run({ module: FIX, fn: 'rich' })) as { f: Float32Array; nan: number };
      expect(rich.f).toBeInstanceOf(Float32Array);
      expect(Number.isNaN(rich.nan)).toBe(true);
    } finally {
      await pool.close();
    }
    expect(pool.pids()).toEqual([]);
  });

  it("a task's own error is a PoolTaskError with the child's stack; a dead child is a ChildDiedError and a fresh child takes the next task", async () => {
    const pool = new ChildPool(1);
    try {
      const e1 = await pool.run({ module: FIX, fn: 'boom', args: { msg: 'x' } }).catch((e) => e);
      expect(e1).toBeInstanceOf(PoolTaskError);
      expect((e1 as PoolTaskError).childStack).toMatch(/boom: x/);
      const before = pool.pids()[0];
      const e2 = await pool.run({ module: FIX, fn: 'die' }).catch((e) => e);
      expect(e2).toBeInstanceOf(ChildDiedError);
      expect((e2 as Error).message).toMatch(/exit code 3/);
      const r = (await pool.run({ module: FIX, fn: 'square', args: { x: 4 } })) as { y: number; pid: number };
      expect(r.y).toBe(16);
      expect(r.pid).not.toBe(before);
    } finally {
      await pool.close();
    }
  });

  it('kill() ends a running task at once with ChildDiedError', async () => {
    const pool = new ChildPool(1);
    const running = pool.run({ module: FIX, fn: 'slowSquare', args: { x: 1, ms: 60_000 } }).catch((e) => e);
    await new Promise((r) => setTimeout(r, 200));
    await pool.kill();
    expect(await running).toBeInstanceOf(ChildDiedError);
    await expect(pool.run({ module: FIX, fn: 'square', args: { x: 1 } })).rejects.toThrow(/closed/);
  });
});
