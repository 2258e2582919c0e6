import { describe, expect, it } from 'vitest';
import { leaning } from '../../helpers/claims';
import kruskalTest from '@stdlib/stats-kruskal-test';
import type { ArtefactContext, Profile } from '../../../lib/experiment/artefact';
import type { RunResult } from '../../../lib/experiment/result';
import { specHash, type RunSpec } from '../../../lib/experiment/spec';
import type { Metrics } from '../../../lib/eval/metrics';
import { DATASETS, PROFILES } from '../../../lib/papers/bmlhf/common';
import { PAPER_TABLE3, paperTable3, type Table1PaperMethod } from '../../../lib/papers/bmlhf/paper-values';
import { BASELINES, REPRODUCED, TABLE1_PLAN, table1, table1Runs } from '../../../lib/papers/bmlhf/table1';
import { exactKruskalP, kruskal, kruskalH, minP, seedsNeededFor, table3 } from '../../../lib/papers/bmlhf/table3';

const metricsOf = (acc: number): Metrics => ({ acc, fakeP: acc, fakeR: acc, fakeF1: acc, realP: acc, realR: acc, realF1: acc, macroF1: acc, n: 100 });
const fake = (spec: RunSpec, acc: number): RunResult => ({
  hash: specHash(spec),
  model: spec.model.name,
  paramCount: 1,
  bestEpoch: 1,
  epochsRun: 1,
  test: metricsOf(acc),
  history: [],
  timing: { secondsPerEpoch: 0, testSeconds: 0 },
  notes: [],
});
function ctxFor(profile: Profile, accOf: (method: Table1PaperMethod, dataset: string, seed: number) => number): ArtefactContext {
  const results = new Map<string, RunResult>();
  for (const d of TABLE1_PLAN[profile].datasets)
    for (const m of REPRODUCED) for (const s of table1Runs(profile, d, m)) results.set(specHash(s), fake(s, accOf(m, d, s.seed)));
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

/** Runs `f` with the quick profile's seeds set to `seeds` (to build an n-seed case the profile no longer has), then restores them. */
async function withQuickSeeds<T>(seeds: number[], f: () => Promise<T> | T): Promise<T> {
  const saved = PROFILES.quick.seeds;
  PROFILES.quick.seeds = seeds;
  try {
    return await f();
  } finally {
    PROFILES.quick.seeds = saved;
  }
}

describe('bmlhf table3: statistics', () => {
  it("kruskalH equals stdlib's statistic, ties included", () => {
    const cases: [number[], number[]][] = [
      [
        [0.81, 0.8, 0.79],
        [0.9, 0.8, 0.91],
      ],
      [
        [0.5, 0.5, 0.6, 0.7, 0.7],
        [0.6, 0.6, 0.65, 0.9, 0.5],
      ],
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
    ];
    for (const [a, b] of cases) expect(kruskalH([a, b])).toBeCloseTo(kruskalTest(a, b).statistic, 10);
  });
  it('smallest attainable p: 3 seeds → 0.0495 (no ties), 0.0253 (all tied), 0.1 exact; 5 seeds → 0.0090, 2/252', () => {
    const q = minP(3),
      f = minP(5);
    expect(q.noTies).toBeCloseTo(0.04953, 4);
    expect(q.allTied).toBeCloseTo(0.02535, 4);
    expect(q.exact).toBeCloseTo(0.1, 12);
    expect(f.noTies).toBeCloseTo(0.009023, 5);
    expect(f.exact).toBeCloseTo(2 / 252, 12);
    // H = 3n² / (2n + 1) under complete separation without ties
    expect(kruskal([1, 2, 3, 4], [5, 6, 7, 8]).H).toBeCloseTo(48 / 9, 10);
    expect(seedsNeededFor(2.878e-11)).toBe(30);
    expect(seedsNeededFor(0.05)).toBe(3);
  });
  it('exact permutation p: complete separation → 2 / C(2n, n); identical samples → 1; all values equal → undefined', () => {
    expect(exactKruskalP([0.9, 0.91, 0.92], [0.8, 0.81, 0.82])).toBeCloseTo(0.1, 12);
    expect(exactKruskalP([0.8, 0.9, 0.85], [0.8, 0.9, 0.85])).toBe(1);
    expect(exactKruskalP([0.8, 0.8], [0.8, 0.8])).toBeUndefined();
    expect(kruskal([0.8, 0.8], [0.8, 0.8])).toEqual({ H: 0, p: 1 });
  });
});

describe('bmlhf table3: paper values', () => {
  it('11 compared methods × 3 datasets; second header block read as MRML, LogicDM, BMR, QMFND, MTTV', () => {
    expect(Object.values(PAPER_TABLE3).flatMap((r) => Object.keys(r))).toHaveLength(33);
    expect(paperTable3('twitter', 'CAFE')).toBe(2.878e-11);
    expect(paperTable3('weibo', 'QMFND')).toBe(0.026);
    expect(paperTable3('fakeddit', 'LogicDM')).toBe(4.366e-11);
    expect(paperTable3('synthetic', 'CAFE')).toBeUndefined();
  });
});

describe('bmlhf table3: build', () => {
  it("runs are Table 1's (BMLHF + the reproduced baselines)", () => {
    const t1 = new Set(table1.runs('quick').map(specHash));
    const t3 = table3.runs('quick').map(specHash);
    expect(t3.length).toBe(TABLE1_PLAN.quick.datasets.length * (BASELINES.length + 1) * 5);
    expect(t3.every((h) => t1.has(h))).toBe(true);
  });

  it('3 seeds (quick profile cut to seeds 1–3): the claims are directional, paired by seed, and undecided at n = 3 (smallest sign-flip p 0.125); the Kruskal–Wallis p stays in the table', async () => {
    const out = await withQuickSeeds([1, 2, 3], () =>
      table3.build(ctxFor('quick', (m, d, seed) => (m === 'BMLHF' ? 0.9 + seed / 100 : m === 'EANN' && d === 'twitter' ? 0.915 : 0.8 + seed / 100))),
    );
    expect(out.tables![0].table.objects().find((r) => (r as Record<string, unknown>).seeds !== '—')).toMatchObject({ seeds: '3 vs 3' });
    // BERT / Swin-T rows restate Table 1's "BMLHF beats text-only / image-only": counted there
    expect(out.claims).toHaveLength(TABLE1_PLAN.quick.datasets.length * (BASELINES.length - 2));
    const find = (on: string, re: RegExp) => out.claims!.find((c) => c.on === on && re.test(c.statement))!;
    const cafe = find('Weibo', /than CAFE/);
    expect(cafe.verdict).toBe('undecided');
    expect(cafe.evidence).toMatch(/Kruskal–Wallis \(two-sided, for comparison with the paper\): exact permutation p = 0\.1000; paper: p = 1\.351e-6/);
    expect(cafe.evidence).toMatch(/n = 3: the smallest attainable p is 0\.125/);
    expect(cafe.outcome!.seedsToDecide).toBe(5);
    expect(out.claims!.every((c) => c.verdict === 'undecided' && c.outcome?.toDecide)).toBe(true);
    expect(leaning(cafe)).toBe(true);
    expect(leaning(find('Twitter', /than EANN/))).toBe(true); // +0.005 on average, below on seed 1: undecided
    expect(find('Twitter', /than EANN/).verdict).toBe('undecided');
    expect(out.claims!.some((c) => /BERT row|Swin-T row/.test(c.statement))).toBe(false);
    expect(out.differences![0]).toMatch(/n = 3 seeds per method: smallest attainable p = 0\.0495/);
    expect(out.differences![0]).toMatch(/at least 30 runs per method/);
    const rows = out.tables![0].table.objects() as Record<string, unknown>[];
    expect(rows.find((r) => r.dataset === 'Weibo' && r.method === 'LogicDM')).toMatchObject({ ours: 'not reproduced', 'p (paper)': '4.187e-6' });
    expect(rows.find((r) => r.dataset === 'Synthetic' && r.method === 'LogicDM')).toBeUndefined();
    expect(rows.find((r) => r.dataset === 'Twitter' && r.method === 'SAFE')).toMatchObject({
      seeds: '3 vs 3',
      BMLHF: 'higher',
      p: '0.0495',
      'p < 0.05 (decided by)': 'no (exact)',
      'p (paper)': '5.625e-10',
    });
  });

  it('quick (5 seeds): BMLHF above on every seed holds (sign-flip p 0.031 < 0.05); a baseline above on one seed stays undecided', async () => {
    expect(PROFILES.quick.seeds).toEqual([1, 2, 3, 4, 5]);
    const out = await table3.build(
      ctxFor('quick', (m, d, seed) => (m === 'BMLHF' ? 0.9 + seed / 100 : m === 'EANN' && d === 'twitter' && seed === 1 ? 0.95 : 0.8 + seed / 100)),
    );
    const find = (on: string, re: RegExp) => out.claims!.find((c) => c.on === on && re.test(c.statement))!;
    expect(find('Weibo', /than CAFE/).verdict).toBe('holds');
    expect(find('Twitter', /than EANN/).verdict).toBe('undecided');
    const rows = out.tables![0].table.objects() as Record<string, unknown>[];
    expect(rows.find((r) => r.dataset === 'Twitter' && r.method === 'SAFE')).toMatchObject({ seeds: '5 vs 5', BMLHF: 'higher' });
  });

  it('full (5 seeds): BMLHF above on every seed holds; identical accuracies are undecided (no seed count decides a zero effect)', async () => {
    const out = await table3.build(ctxFor('full', (m, d, seed) => (d === 'verite' ? 0.7 : m === 'BMLHF' ? 0.9 + seed / 100 : 0.8 + seed / 100)));
    const find = (on: string, re: RegExp) => out.claims!.find((c) => c.on === on && re.test(c.statement))!;
    expect(find('Fakeddit', /than MRML/).verdict).toBe('holds');
    expect(find('Fakeddit', /than MRML/).evidence).toMatch(/exact permutation p = 0\.0079/);
    expect(find('Fakeddit', /than MRML/).evidence).toMatch(/p = 0\.031 for/);
    const same = find('VERITE (binary) (ours only)', /than MRML/);
    expect(same.verdict).toBe('undecided');
    expect(same.outcome!.seedsToDecide).toBeNull();
    expect((out.numbers as { tests: unknown[] }).tests).toHaveLength(TABLE1_PLAN.full.datasets.length * BASELINES.length);
  });

  it('directional: BMLHF below the baseline on every one of 5 seeds does not hold (the old two-sided rule read it as "differs")', async () => {
    const out = await table3.build(ctxFor('full', (m, d, seed) => (m === 'BMLHF' ? 0.7 + seed / 100 : 0.8 + seed / 100)));
    const c = out.claims!.find((x) => x.on === 'Fakeddit' && /than SpotFake\+/.test(x.statement))!;
    expect(c.verdict).toBe('does not hold');
    expect(out.claims!.some((x) => x.verdict === 'holds')).toBe(false);
  });
});
