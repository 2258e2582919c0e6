import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { plan, planSummary } from '../../lib/experiment/plan';
import { probeDatasets } from '../../lib/experiment/availability';
import { estimateSeconds, readTimings, refreshTimings, type EpochTimings } from '../../lib/experiment/epoch-timings';
import { selectArtefacts } from '../../lib/papers/index';
import type { RunResult } from '../../lib/experiment/result';
import type { RunSpec } from '../../lib/experiment/spec';

const noCache = path.join(os.tmpdir(), 'mmfnd-no-cache-here');
const none: EpochTimings = { note: '', entries: {} };

describe('reproduce --plan', () => {
  it('counts unique runs per dataset × model and the epochs left to train', () => {
    const rows = plan({ profile: 'quick', artefacts: selectArtefacts(['bmlhf/fig2']), cacheDir: noCache });
    expect(rows).toEqual([
      { dataset: 'synthetic', model: 'SpotFake+', runs: 5, cached: 0, epochsToTrain: 100, estSeconds: null, estFrom: null, skipped: 0 },
      { dataset: 'synthetic', model: 'image-only', runs: 5, cached: 0, epochsToTrain: 100, estSeconds: null, estFrom: null, skipped: 0 },
    ]);
  });
  it('full profile: the paper’s 100 epochs and 5 seeds', () => {
    const rows = plan({ profile: 'full', artefacts: selectArtefacts(['bmlhf/fig2']), cacheDir: noCache });
    expect(rows.map((r) => [r.runs, r.epochsToTrain])).toEqual([
      [5, 500],
      [5, 500],
    ]);
  });
  it('estimates from the measured s/epoch kept in the repo, scaled by training rows, with an empty run cache', () => {
    const t = readTimings(); // data/epoch-timings.json, committed
    expect(Object.keys(t.entries).length).toBeGreaterThan(0);
    const rows = plan({ profile: 'full', artefacts: selectArtefacts(['bmlhf/fig2']), cacheDir: noCache, estimate: true, timings: t });
    for (const r of rows) {
      expect(r.estSeconds).toBeGreaterThan(0);
      expect(r.estFrom).not.toBeNull();
    }
    // 2 pairs × 500 epochs: measured, not zero (≈ 0.05 s per synthetic epoch on the native path, ≈ 0.2 s on wasm)
    expect(rows.reduce((n, r) => n + r.estSeconds!, 0)).toBeGreaterThan(10);
    expect(planSummary(rows, 2)).toMatch(/10 runs, 0 cached, 1000 epochs to train; estimated (\d+ (s|min)|\d+\.\d h) on 2 workers/);
  });
  it('days, not hours, when that is what the measurements say', () => {
    const rows = [
      { dataset: 'weibo', model: 'BMLHF + mib', runs: 5, cached: 0, epochsToTrain: 500, estSeconds: 3 * 86400 * 2, estFrom: 'this pair' as const, skipped: 0 },
    ];
    expect(planSummary(rows, 2)).toMatch(/estimated 3\.0 days \(72 h\) on 2 workers/);
  });
  it('with no data, real-dataset runs are counted as skipped, as a real run skips them', async () => {
    // an empty data directory: every real dataset is missing
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'mmfnd-empty-data-'));
    const withDir = (s: RunSpec): RunSpec =>
      s.dataset.kind === 'real' ? { ...s, dataset: { ...s.dataset, options: { ...(s.dataset.options ?? {}), dataDir: empty } } } : s;
    const [a] = selectArtefacts(['cmc/table2']);
    const art = [{ ...a, runs: (p: 'quick' | 'full') => a.runs(p).map(withDir) }];
    const specs = art[0].runs('quick');
    const availability = await probeDatasets(specs);
    const rows = plan({ profile: 'quick', artefacts: art, cacheDir: noCache, availability });
    const real = rows.filter((r) => r.dataset !== 'synthetic');
    expect(real.length).toBeGreaterThan(0);
    for (const r of real) expect([r.runs, r.epochsToTrain]).toEqual([0, 0]);
    expect(real.reduce((n, r) => n + r.skipped, 0)).toBe(specs.filter((s) => s.dataset.kind === 'real').length);
    expect(planSummary(rows, 1)).toMatch(/runs skipped, data not available \(.*weibo/);
  });
});

describe('data/epoch-timings.json', () => {
  const spec = (model: string, dataset: string) =>
    ({ model: { name: model }, dataset: dataset === 'synthetic' ? { kind: 'synthetic' } : { kind: 'real', name: dataset } }) as unknown as RunSpec;
  const result = (secs: number, rows: number) => ({ timing: { secondsPerEpoch: secs, testSeconds: 0 }, trainRows: rows, epochsRun: 3 }) as unknown as RunResult;
  it('refresh: median s/epoch and rows per model × dataset; other entries kept', () => {
    const t0 = refreshTimings(none, [{ spec: spec('MRML', 'weibo'), result: result(9, 100) }]);
    const t = refreshTimings(t0, [
      { spec: spec('CAFE', 'weibo'), result: result(2, 1000) },
      { spec: spec('CAFE', 'weibo'), result: result(4, 1000) },
      { spec: spec('CAFE', 'weibo'), result: result(100, 1000) },
    ]);
    expect(t.entries['CAFE on weibo']).toEqual({ model: 'CAFE', dataset: 'weibo', secondsPerEpoch: 4, trainRows: 1000, runs: 3 });
    expect(t.entries['MRML on weibo'].secondsPerEpoch).toBe(9);
  });
  it('estimate: linear in rows and epochs; another dataset of the same model is used, marked as extrapolated', () => {
    const t = refreshTimings(none, [{ spec: spec('CAFE', 'weibo'), result: result(2, 1000) }]);
    expect(estimateSeconds(t, 'CAFE', 'weibo', 5000, 10)).toEqual({ seconds: 100, extrapolated: false });
    expect(estimateSeconds(t, 'CAFE', 'fakeddit-subset', 500, 10)).toEqual({ seconds: 10, extrapolated: true });
    expect(estimateSeconds(t, 'MRML', 'weibo', 500, 10)).toBeUndefined();
  });
  it('reproduce writes the pairs it trained', async () => {
    const { reproduce } = await import('../../lib/experiment/reproduce');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mmfnd-timings-'));
    const file = path.join(dir, 'epoch-timings.json');
    const artefacts = selectArtefacts(['bmlhf/fig2']).map((a) => ({
      ...a,
      runs: (p: 'quick' | 'full') =>
        a
          .runs(p)
          .slice(0, 1)
          .map((s) => ({ ...s, train: { ...s.train, epochs: 1 } })),
    }));
    await reproduce({ artefacts, jobs: 1, outDir: path.join(dir, 'out'), cacheDir: path.join(dir, 'runs'), timingsFile: file, log: () => {} });
    const t = readTimings(file);
    expect(Object.keys(t.entries)).toEqual(['SpotFake+ on synthetic']);
    expect(t.entries['SpotFake+ on synthetic'].secondsPerEpoch).toBeGreaterThan(0);
  }, 120_000);
});
