import { describe, expect, it } from 'vitest';
import { leaning } from '../../helpers/claims';
import type { ArtefactContext } from '../../../lib/experiment/artefact';
import type { RunResult } from '../../../lib/experiment/result';
import { specHash, type RunSpec } from '../../../lib/experiment/spec';
import { runOne } from '../../../lib/experiment/run-one';
import { BEST_WINDOW, fig12, fig12Runs, peakAndStability } from '../../../lib/papers/bmlhf/fig12';

const fake = (spec: RunSpec, curve: number[]): RunResult => ({
  hash: specHash(spec),
  model: 'BMLHF',
  paramCount: 1,
  bestEpoch: 3,
  epochsRun: curve.length,
  notes: [],
  history: curve.map((_, e) => ({ epoch: e + 1, val_acc: 0.5 })),
  testCurve: curve.map((a, e) => ({ epoch: e + 1, test_acc: a, test_macroF1: a - 0.01 })),
  test: { acc: 0.8, fakeP: 0, fakeR: 0, fakeF1: 0, realP: 0, realR: 0, realF1: 0, macroF1: 0, n: 1 },
  timing: { secondsPerEpoch: 0, testSeconds: 0 },
});
const ctxWith = (curve: number[], profile: 'quick' | 'full' = 'quick'): ArtefactContext => {
  const m = new Map(['synthetic', 'weibo', 'twitter', 'fakeddit'].flatMap((d) => fig12Runs(profile, d)).map((s) => [specHash(s), fake(s, curve)]));
  return { profile, unavailable: () => undefined, result: (s) => m.get(specHash(s))! };
};

describe('bmlhf fig12', () => {
  it("runs: BMLHF with outputs.testCurve (separate runs from Table 1's)", () => {
    const [s] = fig12Runs('quick', 'synthetic');
    expect(s.outputs).toEqual({ testCurve: true });
    expect(s.balancer).toEqual({ name: 'mib' });
  });

  it('peakAndStability: first best epoch, stable when every later epoch is within the tolerance', () => {
    expect(peakAndStability([0.5, 0.7, 0.9, 0.89, 0.9])).toMatchObject({ best: 3, bestValue: 0.9, after: 2, stable: true });
    expect(peakAndStability([0.5, 0.9, 0.8])).toMatchObject({ best: 2, stable: false });
    expect(peakAndStability([0.5, 0.9])).toMatchObject({ best: 2, after: 0, stable: false });
  });

  it('claims: peak at ~70 % of the epochs then stable holds; an early peak followed by a fall does not', async () => {
    const late = Array.from({ length: 20 }, (_, e) => (e + 1 <= 14 ? 0.6 + 0.02 * (e + 1) : 0.87)); // peak 0.88 at epoch 14
    const good = await fig12.build(ctxWith(late));
    // quick: one seed — no interval, no test: undecided, saying what would decide it
    expect(good.claims!.map((c) => c.verdict)).toEqual(['undecided', 'undecided']);
    expect(good.claims!.every((c) => c.outcome?.toDecide)).toBe(true);
    // full: 5 seeds; the peak position is a magnitude (a t-interval inside the window decides it), stability the sign-flip test (2⁻⁵ ≤ 0.05 decides)
    const goodFull = await fig12.build(ctxWith(late, 'full'));
    expect(goodFull.claims!.filter((c) => c.on.startsWith('Synthetic')).map((c) => c.verdict)).toEqual(['holds', 'holds']);
    expect(leaning(goodFull.claims![1])).toBe(true);
    expect(good.claims![0].evidence).toMatch(/at epoch 14 of 20 \(70%/);
    const early = Array.from({ length: 20 }, (_, e) => (e === 2 ? 0.9 : 0.8));
    const bad = await fig12.build(ctxWith(early));
    const badFull = await fig12.build(ctxWith(early, 'full'));
    expect(badFull.claims!.slice(0, 2).map((c) => c.verdict)).toEqual(['does not hold', 'does not hold']);
    expect(leaning(bad.claims![1])).toBe(false);
    expect(BEST_WINDOW[0]).toBeLessThan(0.7);
    const t = good.tables![0].table.objects() as Record<string, unknown>[];
    expect(t[0]).toMatchObject({ 'best test-acc epoch (curve)': 14, 'validation-selected epoch': '3.0', epochs: 20 });
    expect(good.figures![0].svg).toMatch(/^<svg/);
  });

  it('a run without testCurve is an error, not a silent empty curve', async () => {
    const m = new Map(fig12Runs('quick', 'synthetic').map((s) => [specHash(s), { ...fake(s, [0.5]), testCurve: undefined }]));
    await expect(async () => fig12.build({ profile: 'quick', unavailable: () => undefined, result: (s) => m.get(specHash(s))! })).rejects.toThrow(
      /no testCurve/,
    );
  });

  it('run-one: outputs.testCurve records test metrics per epoch and changes nothing else (tiny run)', async () => {
    const base: RunSpec = {
      dataset: { kind: 'synthetic', options: { samples: 240, seed: 5 } },
      split: { kind: 'random', seed: 0 },
      model: { name: 'text-only' },
      train: { epochs: 3, seed: 2, batchSize: 32 },
      seed: 2,
    };
    const plain = await runOne(base);
    const curved = await runOne({ ...base, outputs: { testCurve: true } });
    expect(plain.testCurve).toBeUndefined();
    expect(curved.testCurve!.map((r) => r.epoch)).toEqual([1, 2, 3]);
    expect(curved.history).toEqual(plain.history);
    expect(curved.test).toEqual(plain.test);
    expect(curved.bestEpoch).toBe(plain.bestEpoch);
    expect(curved.history.some((h) => Object.keys(h).some((k) => k.startsWith('test')))).toBe(false);
    // the curve at the selected epoch is the reported test accuracy (same weights)
    expect(curved.testCurve![curved.bestEpoch - 1].test_acc).toBeCloseTo(curved.test.acc, 10);
  }, 60_000);
});
