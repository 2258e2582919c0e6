import { describe, expect, it } from 'vitest';
import { leaning } from '../../helpers/claims';
import type { ArtefactContext, Profile } from '../../../lib/experiment/artefact';
import type { RunResult } from '../../../lib/experiment/result';
import { specHash, type RunSpec } from '../../../lib/experiment/spec';
import type { Metrics } from '../../../lib/eval/metrics';
import { DATASETS } from '../../../lib/papers/bmlhf/common';
import { PAPER_TABLE4, type Table1PaperMethod } from '../../../lib/papers/bmlhf/paper-values';
import { REPRODUCED, TABLE1_PLAN, table1, table1Runs } from '../../../lib/papers/bmlhf/table1';
import { TABLE4_METHODS, table4 } from '../../../lib/papers/bmlhf/table4';

const m: Metrics = { acc: 0.8, fakeP: 0.8, fakeR: 0.8, fakeF1: 0.8, realP: 0.8, realR: 0.8, realF1: 0.8, macroF1: 0.8, n: 123 };
type Cost = { params: number; train: number; test: number };
const fake = (spec: RunSpec, c: Cost): RunResult => ({
  hash: specHash(spec),
  model: spec.model.name,
  paramCount: c.params,
  bestEpoch: 1,
  epochsRun: 1,
  test: m,
  history: [],
  timing: { secondsPerEpoch: c.train, testSeconds: c.test },
  notes: [],
});
function ctxFor(profile: Profile, costOf: (method: Table1PaperMethod, dataset: string, seed: number) => Cost): ArtefactContext {
  const results = new Map<string, RunResult>();
  for (const d of TABLE1_PLAN[profile].datasets)
    for (const x of REPRODUCED) for (const s of table1Runs(profile, d, x)) results.set(specHash(s), fake(s, costOf(x, d, s.seed)));
  return {
    profile,
    unavailable: () => undefined,
    result: (s) =>
      results.get(specHash(s)) ??
      (() => {
        throw new Error(`no result for ${JSON.stringify(s)}`);
      })(),
  };
}
const base = (x: Table1PaperMethod, _d: string, seed: number): Cost => ({
  params: x === 'BMLHF' ? 1_200_000 : 1_000_000,
  train: (x === 'BMLHF' ? 2 : 1) + seed / 10,
  test: 0.1 * seed,
});

describe('bmlhf table4', () => {
  it('paper values and row order: BMLHF, MRML, LogicDM first, then the other reproduced baselines', () => {
    expect(PAPER_TABLE4.BMLHF).toMatchObject({
      trainSeconds: { weibo: 41.66, twitter: 38.4, fakeddit: 63.5 },
      testSeconds: { weibo: 25.06, twitter: 22.5, fakeddit: 34.7 },
      paramsM: 14.85,
    });
    expect(PAPER_TABLE4.LogicDM.trainSeconds.fakeddit).toBe(85.38);
    expect(TABLE4_METHODS.slice(0, 3)).toEqual(['BMLHF', 'MRML', 'LogicDM']);
    expect(TABLE4_METHODS).toEqual(expect.arrayContaining(['BERT', 'Swin-T', 'EANN', 'SpotFake+', 'SAFE', 'CAFE', 'BMR']));
    const t1 = new Set(table1.runs('quick').map(specHash));
    expect(table4.runs('quick').every((s) => t1.has(specHash(s)))).toBe(true);
    expect(table4.runs('quick')).toHaveLength(TABLE1_PLAN.quick.datasets.length * REPRODUCED.length * 5);
  });

  it('timings in the table and `timings`, never in `numbers`; numbers do not change when only timings do', async () => {
    const a = await table4.build(ctxFor('quick', base));
    const b = await table4.build(ctxFor('quick', (x, d, s) => ({ ...base(x, d, s), train: 100 * s, test: 7 })));
    expect(JSON.stringify(a.numbers)).toBe(JSON.stringify(b.numbers));
    expect(JSON.stringify(a.numbers)).not.toMatch(/seconds/i);
    expect(JSON.stringify(a.claims)).toBe(JSON.stringify(b.claims));
    expect(JSON.stringify(a.timings)).not.toBe(JSON.stringify(b.timings));
    const perRun = (a.timings as { perRun: { dataset: string; method: string; secondsPerEpoch: number[] }[] }).perRun;
    expect(perRun.find((t) => t.dataset === 'twitter' && t.method === 'BMLHF')!.secondsPerEpoch).toEqual([2.1, 2.2, 2.3, 2.4, 2.5]);

    const rows = a.tables!.find((t) => t.name === 'table4')!.table.objects() as Record<string, unknown>[];
    expect(rows.find((r) => r.dataset === 'Twitter' && r.method === 'BMLHF')).toMatchObject({
      'train s/epoch': '2.300 ± 0.158', // 2 + seed/10 over seeds 1–5: mean 2.3, sample sd 0.158
      'train s/epoch (paper)': '38.40',
      'test s (paper)': '22.50',
      'params (M)': '1.200',
      'params M (paper)': '14.85',
      seeds: 5,
    });
    expect(rows.find((r) => r.dataset === 'Weibo' && r.method === 'LogicDM')).toMatchObject({
      ours: 'not reproduced',
      'train s/epoch (paper)': '53.80',
      'params M (paper)': '18.05',
    });
    expect(rows.find((r) => r.dataset === 'Synthetic' && r.method === 'LogicDM')).toBeUndefined();
    expect(rows.find((r) => r.dataset === 'Synthetic' && r.method === 'MRML')).toMatchObject({ 'train s/epoch (paper)': '—', 'params M (paper)': '13.55' });
    const ratios = a.tables!.find((t) => t.name === 'table4-ratios')!.table.objects() as Record<string, unknown>[];
    expect(ratios.find((r) => r.dataset === 'Weibo')).toMatchObject({
      'train (paper)': '1.12',
      'params (paper)': '1.10',
      'params BMLHF/MRML': '1.20',
      'train s/epoch BMLHF/MRML': (2.3 / 1.3).toFixed(2), // mean train s/epoch over seeds 1–5: BMLHF 2 + 0.3, MRML 1 + 0.3
    });
    expect(a.differences!.join(' ')).toMatch(/2-core CPU.*WebAssembly/);
  });

  it('claim "parameter count comparable to MRML" flips beyond the factor', async () => {
    const ok = await table4.build(ctxFor('quick', base));
    expect(ok.claims).toHaveLength(TABLE1_PLAN.quick.datasets.length);
    expect(ok.claims!.every((c) => leaning(c))).toBe(true);
    expect(ok.claims![0].evidence).toMatch(/1,200,000 vs MRML 1,000,000 parameters \(ratio 1\.20\); paper: 14\.85 M vs 13\.55 M/);
    const big = await table4.build(
      ctxFor('quick', (x, d, s) => ({ ...base(x, d, s), params: x === 'BMLHF' && d === 'fakeddit' ? 5_000_000 : base(x, d, s).params })),
    );
    expect(leaning(big.claims!.find((c) => c.on === 'Fakeddit')!)).toBe(false);
    expect(leaning(big.claims!.find((c) => c.on === 'Twitter')!)).toBe(true);
  });

  it('a parameter count that differs over seeds is an error', () => {
    expect(() => table4.build(ctxFor('quick', (x, d, s) => ({ ...base(x, d, s), params: x === 'CAFE' ? s : 1 })))).toThrow(/different parameter counts/);
  });
});
