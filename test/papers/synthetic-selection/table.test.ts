/**
 * The synthetic-selection table's verdicts with a fake context: per-seed differences of two runs
 * (method − random, DisSim − SemSim) and side-by-side comparisons are undecided when a run on either
 * side predicts one class (binary: its recalls; 3-way: its confusion matrix), and decide otherwise.
 */
import { describe, expect, it } from 'vitest';
import type { ArtefactContext } from '../../../lib/experiment/artefact';
import type { RunResult } from '../../../lib/experiment/result';
import { specHash, type RunSpec } from '../../../lib/experiment/spec';
import type { Metrics } from '../../../lib/eval/metrics';
import { cells, type Cell } from '../../../lib/papers/synthetic-selection/common';
import { table } from '../../../lib/papers/synthetic-selection/table';

const F1: Record<string, number> = { semsim: 0.7, dissim: 0.75, random: 0.6, all: 0.5, 'real-only': 0.55, 'all+real': 0.6 };
const metricsOf = (v: number): Metrics => ({ acc: v, fakeP: v, fakeR: v, fakeF1: v, realP: v, realR: v, realF1: v, macroF1: v, n: 100 });
const BALANCED = [
  [2, 1, 1],
  [1, 2, 1],
  [1, 1, 2],
];

/** every run of the full profile; `tweak` rewrites the result of one (cell, seed) */
function ctxWith(tweak?: (c: Cell, seed: number, r: RunResult) => RunResult): ArtefactContext {
  const m = new Map<string, RunResult>();
  for (const c of cells('full'))
    for (const s of c.specs) {
      const v = F1[c.method] + s.seed * 0.001;
      const r: RunResult = {
        hash: specHash(s),
        model: 'pair-MLP',
        paramCount: 1,
        bestEpoch: 1,
        epochsRun: 1,
        test: metricsOf(v),
        history: [],
        notes: [],
        timing: { secondsPerEpoch: 0, testSeconds: 0 },
        extra: {
          gap: { before: { ot: 1, mmd2: 1 }, after: { ot: 0.5, mmd2: 0.5 } },
          onTargetShare: { pool: 0.5, selected: 0.6 },
          sizes: { train: 100, detectorVal: 20 },
          ...(c.task === '3-way' ? { test3: { acc: v, macroF1: v, recall: [v, v, v], confusion: BALANCED } } : {}),
        },
      };
      m.set(specHash(s), tweak ? tweak(c, s.seed, r) : r);
    }
  return { profile: 'full', unavailable: () => undefined, result: (s: RunSpec) => m.get(specHash(s))! };
}

describe('synthetic-selection table: the one-class guard', () => {
  const claim = (out: Awaited<ReturnType<typeof table.build>>, on: string, s: string) => out.claims!.find((c) => c.on === on && c.statement.includes(s))!;
  const SANITY = 'synthetic sanity case, binary',
    L14 = 'VERITE (CLIP ViT-L/14), 3-way';

  it('decides with every run sound (5 seeds, every paired difference in favour)', async () => {
    const out = await table.build(ctxWith());
    expect(claim(out, SANITY, 'SemSim vs random').verdict).toBe('holds');
    expect(claim(out, L14, 'DisSim beats SemSim').verdict).toBe('holds');
  });

  it('binary: a random run calling every post fake makes method − random undecided, naming the run', async () => {
    const out = await table.build(
      ctxWith((c, seed, r) =>
        c.target.key === 'sanity' && c.method === 'random' && c.N === 200 && seed === 4 ? { ...r, test: { ...r.test, fakeR: 1, realR: 0 } } : r,
      ),
    );
    for (const m of ['SemSim', 'DisSim']) {
      expect(claim(out, SANITY, `${m} vs random`).verdict).toBe('undecided');
      expect(claim(out, SANITY, `${m} vs random`).outcome!.reason).toBe('random N=200 predicts one class on seed 4');
    }
    expect(claim(out, 'VERITE (CLIP ViT-L/14), binary', 'SemSim vs random').verdict).toBe('holds');
  });

  it('3-way: a SemSim run with every prediction in one class makes DisSim − SemSim undecided', async () => {
    const constant = [
      [4, 0, 0],
      [4, 0, 0],
      [4, 0, 0],
    ];
    const out = await table.build(
      ctxWith((c, seed, r) =>
        c.target.key === 'verite-l14' && c.task === '3-way' && c.method === 'semsim' && c.N === 100 && seed === 2
          ? { ...r, extra: { ...r.extra, test3: { acc: 1 / 3, macroF1: 1 / 6, recall: [1, 0, 0], confusion: constant } } }
          : r,
      ),
    );
    expect(claim(out, L14, 'DisSim beats SemSim').verdict).toBe('undecided');
    expect(claim(out, L14, 'DisSim beats SemSim').outcome!.reason).toBe('SemSim N=100 predicts one class on seed 2');
    expect(claim(out, 'VERITE (CLIP ViT-B/32), 3-way', 'DisSim beats SemSim').verdict).toBe('holds');
  });
});
