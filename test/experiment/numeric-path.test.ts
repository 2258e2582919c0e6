/**
 * The numeric path that computed a run (lib/backend numericPath()) is in its
 * record and its cache key: results of two paths never stand in for each
 * other, and the same path and seed give the same bytes.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, numericPath } from '../../lib/backend';
import { ResultCache } from '../../lib/experiment/cache';
import { resultKey } from '../../lib/experiment/numeric-path';
import { runOne } from '../../lib/experiment/run-one';
import type { RunResult } from '../../lib/experiment/result';
import type { RunSpec } from '../../lib/experiment/spec';

const spec: RunSpec = {
  dataset: { kind: 'synthetic', options: { samples: 240, seed: 3 } },
  split: { kind: 'random', seed: 0 },
  model: { name: 'BMLHF' },
  balancer: { name: 'mib' },
  train: { epochs: 2, seed: 1 },
  seed: 4,
  outputs: { steps: true },
} as RunSpec;

describe('numeric path', () => {
  beforeAll(async () => {
    await initBackend({ quiet: true });
  });

  it('same path and seed → the same bytes, and the record names the path', async () => {
    const strip = ({ timing: _, ...r }: RunResult) => JSON.stringify(r);
    const a = await runOne(spec);
    const b = await runOne(spec);
    expect(a.numericPath).toBe(await numericPath());
    expect(a.numericPath).toMatch(/^(wasm|wasm\+[a-z0-9]+|tensorflow|tensorflow-gpu|cpu)$/);
    expect(strip(b)).toBe(strip(a));
  }, 300_000);

  it('the cache keeps results of different paths apart', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mmfnd-npath-'));
    const r = { hash: 'abc123', numericPath: 'wasm+openblas', model: 'x', test: { acc: 1 } } as unknown as RunResult;
    new ResultCache(dir, 'wasm+openblas').put(r);
    expect(fs.readdirSync(dir)).toEqual([`${resultKey('abc123', 'wasm+openblas')}.json`]);
    expect(new ResultCache(dir, 'wasm').get('abc123')).toBeUndefined();
    expect(new ResultCache(dir, 'wasm+openblas').get('abc123')?.numericPath).toBe('wasm+openblas');
    // a result file renamed to the other path's key is still refused: the record names its path
    fs.copyFileSync(path.join(dir, 'abc123@wasm+openblas.json'), path.join(dir, 'abc123@wasm.json'));
    expect(new ResultCache(dir, 'wasm').get('abc123')).toBeUndefined();
    // put() files a result under the path that computed it, whatever the cache's own path
    new ResultCache(dir, 'wasm').put({ ...r, hash: 'def456' });
    expect(fs.existsSync(path.join(dir, 'def456@wasm+openblas.json'))).toBe(true);
    expect(() => resultKey('h', 'a/b')).toThrow(/unfit for a file name/);
  });
});
