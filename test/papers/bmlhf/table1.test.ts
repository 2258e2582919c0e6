import { describe, expect, it } from 'vitest';
import { leaning } from '../../helpers/claims';
import type { ArtefactContext, Profile } from '../../../lib/experiment/artefact';
import type { RunResult } from '../../../lib/experiment/result';
import { specHash, type RunSpec } from '../../../lib/experiment/spec';
import type { Metrics } from '../../../lib/eval/metrics';
import { BMLHF_METHOD, DATASETS, datasetRuns } from '../../../lib/papers/bmlhf/common';
import { fig1 } from '../../../lib/papers/bmlhf/fig1';
import { table2Runs } from '../../../lib/papers/bmlhf/table2';
import { paperTable2 } from '../../../lib/papers/bmlhf/paper-values-ablation';
import { PAPER_TABLE1, TABLE1_PAPER_METHODS, paperTable1 } from '../../../lib/papers/bmlhf/paper-values';
import { BASELINES, REPRODUCED, TABLE1_METHODS, TABLE1_PLAN, oneClass, table1, table1Runs } from '../../../lib/papers/bmlhf/table1';
import type { Table1PaperMethod } from '../../../lib/papers/bmlhf/paper-values';

const metricsOf = (acc: number, f1 = acc): Metrics => ({ acc, fakeP: acc, fakeR: acc, fakeF1: f1, realP: acc, realR: acc, realF1: f1, macroF1: f1, n: 100 });
const fake = (spec: RunSpec, m: Metrics): RunResult => ({
  hash: specHash(spec),
  model: spec.model.name,
  paramCount: 1,
  bestEpoch: 1,
  epochsRun: 1,
  test: m,
  history: [],
  timing: { secondsPerEpoch: 0, testSeconds: 0 },
  notes: [],
});

function ctxFor(profile: Profile, metricsFor: (method: Table1PaperMethod, dataset: string, seed: number) => Metrics): ArtefactContext {
  const results = new Map<string, RunResult>();
  for (const d of TABLE1_PLAN[profile].datasets)
    for (const m of REPRODUCED) for (const s of table1Runs(profile, d, m)) results.set(specHash(s), fake(s, metricsFor(m, d, s.seed)));
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

const round3 = (x: number) => Math.round(x * 1000) / 1000;

describe('bmlhf table1: paper values', () => {
  it("36 rows = 3 datasets × 12 methods, read as consecutive blocks (the prose's differences come out)", () => {
    expect(PAPER_TABLE1).toHaveLength(36);
    const gain = (d: string, k: 'acc' | 'fakeF1' | 'realF1', other: string) => round3(paperTable1(d, 'BMLHF')![k].mean - paperTable1(d, other)![k].mean);
    // Section 4.3.2: accuracy, fake F1, real F1 improvements over the best baseline
    expect([gain('weibo', 'acc', 'MRML'), gain('twitter', 'acc', 'QMFND'), gain('fakeddit', 'acc', 'QMFND')]).toEqual([0.015, 0.048, 0.008]);
    expect([gain('weibo', 'fakeF1', 'MRML'), gain('twitter', 'fakeF1', 'LogicDM'), gain('fakeddit', 'fakeF1', 'QMFND')]).toEqual([0.002, 0.022, 0.01]);
    expect([gain('weibo', 'realF1', 'MRML'), gain('twitter', 'realF1', 'QMFND'), gain('fakeddit', 'realF1', 'QMFND')]).toEqual([0.01, 0.046, 0.01]);
    // the best baseline in accuracy is the one the prose names
    for (const [d, best] of [
      ['weibo', 'MRML'],
      ['twitter', 'QMFND'],
      ['fakeddit', 'QMFND'],
    ] as const) {
      const others = PAPER_TABLE1.filter((r) => r.dataset === d && r.method !== 'BMLHF');
      expect(others.reduce((a, b) => (b.acc.mean > a.acc.mean ? b : a)).method).toBe(best);
    }
    // the full model's accuracy equals Table 2's
    for (const d of ['weibo', 'twitter', 'fakeddit']) expect(paperTable1(d, 'BMLHF')!.acc.mean).toBe(paperTable2(d, 'BMLHF')!.acc);
    expect(paperTable1('twitter', 'BERT')).toMatchObject({ acc: { mean: 0.642, std: 0.012 }, fakeR: { mean: 0.474, std: 0.009 } });
    expect(paperTable1('synthetic', 'BMLHF')).toBeUndefined();
  });
});

describe('bmlhf table1: runs', () => {
  it("every run is datasetRuns(…, { outputs: { missing: true } }); BMLHF rows are Table 2's; synthetic unimodal/baseline rows are Fig. 1's", () => {
    for (const p of ['quick', 'full'] as const) {
      for (const d of TABLE1_PLAN[p].datasets) {
        for (const m of REPRODUCED)
          expect(table1Runs(p, d, m).map(specHash)).toEqual(datasetRuns(p, d, TABLE1_METHODS[m]!, { outputs: { missing: true } }).map(specHash));
        expect(table1Runs(p, d, 'BMLHF').map(specHash)).toEqual(table2Runs(p, d, 'BMLHF').map(specHash));
      }
    }
    const f1 = new Set(fig1.runs('quick').map(specHash));
    for (const m of ['BERT', 'Swin-T', 'SpotFake+', 'EANN', 'MRML'] as const)
      for (const s of table1Runs('quick', 'synthetic', m)) expect(f1.has(specHash(s))).toBe(true);
  });
  it('every dataset of common.ts, every reproduced method, every seed; not-reproduced rows have no runs', () => {
    expect(TABLE1_PLAN.full.datasets).toEqual(DATASETS.map((d) => d.key));
    expect(TABLE1_PLAN.quick.datasets).toEqual(DATASETS.map((d) => d.key).filter((k) => k !== 'verite'));
    expect(REPRODUCED).toEqual(['BERT', 'Swin-T', 'EANN', 'SpotFake+', 'SAFE', 'CAFE', 'MRML', 'BMR', 'BMLHF']);
    expect(new Set(table1.runs('quick').map(specHash)).size).toBe(TABLE1_PLAN.quick.datasets.length * 9 * 5);
    expect(() => table1Runs('quick', 'synthetic', 'LogicDM')).toThrow(/not reproduced/);
    expect(table1Runs('quick', 'weibo', 'BMLHF')[0]).toMatchObject({ model: BMLHF_METHOD.model, balancer: BMLHF_METHOD.balancer, outputs: { missing: true } });
  });
});

describe('bmlhf table1: build', () => {
  const good = (m: Table1PaperMethod, _d: string, seed: number) => metricsOf(m === 'BMLHF' ? 0.9 + seed * 0.001 : 0.8);

  it("table: reproduced rows everywhere, not-reproduced rows (paper numbers + reason) only on the paper's datasets", async () => {
    const out = await table1.build(ctxFor('quick', good));
    const t = out.tables!.find((x) => x.name === 'table1')!;
    const rows = t.table.objects() as Record<string, unknown>[];
    expect(rows).toHaveLength(TABLE1_PLAN.quick.datasets.length * REPRODUCED.length + 3 * 3);
    expect(rows.find((r) => r.dataset === 'Weibo' && r.method === 'BMLHF')).toMatchObject({
      acc: '0.903 ± 0.002', // 0.9 + 0.001·seed over seeds 1–5: mean 0.903, sample sd 0.00158
      'acc (paper)': '0.912 ± 0.009',
      'realF1 (paper)': '0.902 ± 0.012',
      seeds: 5,
    });
    expect(rows.find((r) => r.dataset === 'Twitter' && r.method === 'BERT')).toMatchObject({
      ours: 'text-only',
      acc: '0.800 ± 0.000',
      'acc (paper)': '0.642 ± 0.012',
    });
    const logic = rows.find((r) => r.dataset === 'Fakeddit' && r.method === 'LogicDM')!;
    expect(logic).toMatchObject({ ours: 'not reproduced', acc: '—', 'acc (paper)': '0.873 ± 0.033' });
    expect(logic.note).toMatch(/not reproduced: neural-symbolic/);
    expect(rows.find((r) => r.dataset === 'Synthetic' && r.method === 'LogicDM')).toBeUndefined();
    expect(rows.find((r) => r.dataset === 'Synthetic' && r.method === 'BMLHF')).toMatchObject({ 'acc (paper)': '—' });
    expect(t.note).toMatch(/Weibo: no images/);
    const acc = out.tables!.find((x) => x.name === 'table1-acc')!.table;
    expect(acc.numRows()).toBe(TABLE1_PAPER_METHODS.length);
    expect(acc.columnNames()).toEqual(expect.arrayContaining(['Weibo', 'Weibo (paper)', 'Synthetic', 'Twitter (CLIP ViT-B/32)']));
    expect(acc.columnNames()).not.toContain('Synthetic (paper)');
    expect(out.differences!.join(' ')).toMatch(/Weibo has no images/);
    expect(out.figures![0].svg).toMatch(/^<svg/);
  });

  it('claims hold when BMLHF is best on every metric, and flip per dataset when a baseline is above it', async () => {
    const out = await table1.build(ctxFor('quick', good));
    expect(out.claims).toHaveLength(TABLE1_PLAN.quick.datasets.length * 5);
    expect(out.claims!.every((c) => leaning(c))).toBe(true);
    const twitterAcc = out.claims!.find((c) => c.on === 'Twitter' && /every baseline in accuracy/.test(c.statement))!;
    expect(twitterAcc.evidence).toMatch(/paper: BMLHF 0\.966 vs QMFND 0\.918 \(\+0\.048\)/);

    // on Twitter, CAFE is more accurate than BMLHF; text-only has a higher fake F1 than BMLHF on Weibo
    const bad = await table1.build(
      ctxFor('quick', (m, d, seed) => {
        if (d === 'twitter' && m === 'CAFE') return metricsOf(0.95);
        if (d === 'weibo' && m === 'BERT') return metricsOf(0.8, 0.99);
        return good(m, d, seed);
      }),
    );
    const find = (on: string, re: RegExp) => bad.claims!.find((c) => c.on === on && re.test(c.statement))!;
    expect(leaning(find('Twitter', /every baseline in accuracy/))).toBe(false);
    expect(find('Twitter', /every baseline in accuracy/).evidence).toMatch(/best baseline CAFE 0\.950/);
    expect(leaning(find('Twitter', /text-only/))).toBe(true);
    expect(leaning(find('Weibo', /every baseline in accuracy/))).toBe(true);
    expect(leaning(find('Weibo', /highest fake-news F1/))).toBe(false);
    expect(find('Weibo', /highest fake-news F1/).evidence).toMatch(/text-only \(BERT row\) 0\.990/);
    expect(leaning(find('Weibo', /highest real-news F1/))).toBe(false);
    expect(leaning(find('Synthetic (ours only)', /every baseline/))).toBe(true);
  });

  it('"multimodal beats text-only / image-only" follows the means', async () => {
    const out = await table1.build(ctxFor('quick', (m, d, seed) => (m === 'Swin-T' && d === 'fakeddit' ? metricsOf(0.95) : good(m, d, seed))));
    const find = (re: RegExp) => out.claims!.find((c) => c.on === 'Fakeddit' && re.test(c.statement))!;
    expect(leaning(find(/image-only \(the Swin-T row\)/))).toBe(false);
    expect(leaning(find(/text-only \(the BERT row\)/))).toBe(true);
    expect(find(/image-only/).evidence).toMatch(/paper: 0\.950 vs 0\.633/);
    expect(BASELINES).not.toContain('BMLHF');
  });

  it('single-class runs are flagged (differences, numbers, evidence); a saturated image-only row is called out', async () => {
    const allReal: Metrics = { acc: 0.48, fakeP: 0, fakeR: 0, fakeF1: 0, realP: 0.48, realR: 1, realF1: 0.99, macroF1: 0.5, n: 100 };
    expect(oneClass(allReal)).toBe('real');
    expect(oneClass({ ...allReal, fakeR: 1, realR: 0 })).toBe('fake');
    expect(oneClass(metricsOf(0.8))).toBeUndefined();
    const out = await table1.build(
      ctxFor('quick', (m, d, seed) => {
        if (d === 'weibo' && m === 'BMR') return allReal;
        if (d === 'weibo' && m === 'SAFE' && seed === 2) return allReal;
        if (d === 'twitter-clip' && m === 'Swin-T') return metricsOf(1);
        return good(m, d, seed);
      }),
    );
    const diffs = out.differences!.join('\n');
    expect(diffs).toMatch(/single class.*Weibo: SAFE \(1\/5 seeds, all real\), BMR \(5\/5 seeds, all real\)/);
    expect(diffs).toMatch(/Twitter \(CLIP ViT-B\/32\): image-only reaches 1\.000 accuracy.*saturated/);
    expect(diffs).not.toMatch(/Twitter: image-only reaches/);
    const realF1 = out.claims!.find((c) => c.on === 'Weibo' && /real-news F1/.test(c.statement))!;
    expect(leaning(realF1)).toBe(false);
    expect(realF1.evidence).toMatch(/best baseline BMR 0\.990 .*BMR predicts one class on seeds 1, 2, 3/);
    expect(realF1.verdict).toBe('undecided');
    expect((out.numbers as { oneClass: unknown[] }).oneClass).toHaveLength(2);
    const clean = await table1.build(ctxFor('quick', good));
    expect(clean.differences!.join(' ')).not.toMatch(/single class|saturated/);
  });
});
