import { describe, expect, it } from 'vitest';
import { leaning } from '../../helpers/claims';
import type { ArtefactContext, Profile } from '../../../lib/experiment/artefact';
import type { RunResult } from '../../../lib/experiment/result';
import { specHash, type RunSpec } from '../../../lib/experiment/spec';
import type { Metrics } from '../../../lib/eval/metrics';
import { BMLHF_METHOD, datasetRuns } from '../../../lib/papers/bmlhf/common';
import { TABLE2_PLAN, pairedDiff, table2, table2Runs } from '../../../lib/papers/bmlhf/table2';
import { PAPER_TABLE2, TABLE2_METHODS, paperTable2 } from '../../../lib/papers/bmlhf/paper-values-ablation';

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

/** a context whose results come from accOf(method, dataset, seed) */
function ctxFor(profile: Profile, accOf: (method: string, dataset: string, seed: number) => number): ArtefactContext {
  const results = new Map<string, RunResult>();
  for (const d of TABLE2_PLAN[profile].datasets)
    for (const m of TABLE2_METHODS) for (const s of table2Runs(profile, d, m)) results.set(specHash(s), fake(s, accOf(m, d, s.seed)));
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

describe('bmlhf table2: runs', () => {
  it("the full BMLHF rows are exactly Table 1's runs (same hashes)", () => {
    for (const p of ['quick', 'full'] as const) {
      for (const d of TABLE2_PLAN[p].datasets) {
        expect(table2Runs(p, d, 'BMLHF').map(specHash)).toEqual(datasetRuns(p, d, BMLHF_METHOD, { outputs: { missing: true } }).map(specHash));
      }
    }
  });
  it('BMLHF-I is the same network without the balancer; the others keep MIB and set the ablation', () => {
    const [i] = table2Runs('quick', 'synthetic', 'BMLHF-I');
    expect(i.balancer).toBeUndefined();
    expect(i.model).toEqual({ name: 'BMLHF' });
    expect(i.outputs).toEqual({ missing: true });
    for (const [m, a] of [
      ['BMLHF-T', 'T'],
      ['BMLHF-D', 'D'],
      ['BMLHF-H', 'H'],
      ['BMLHF-tra', 'tra'],
      ['BMLHF-ter', 'ter'],
    ] as const) {
      const [s] = table2Runs('quick', 'synthetic', m);
      expect(s.model).toEqual({ name: 'BMLHF', options: { ablation: a } });
      expect(s.balancer).toEqual({ name: 'mib' });
    }
  });
  it("quick: synthetic only, ablations on seed 1; full: the paper's datasets with every seed", () => {
    expect(TABLE2_PLAN.quick.datasets).toEqual(['synthetic']);
    expect(table2Runs('quick', 'synthetic', 'BMLHF-D').map((s) => s.seed)).toEqual([1]);
    expect(TABLE2_PLAN.full.datasets).toEqual(expect.arrayContaining(['weibo', 'twitter', 'fakeddit']));
    expect(table2Runs('full', 'twitter', 'BMLHF-D').map((s) => s.seed)).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(table2.runs('full').map(specHash)).size).toBe(4 * 7 * 5);
  });
});

describe('bmlhf table2: paper values', () => {
  it("21 rows, and they reproduce the drops the paper's text states (transcription check)", () => {
    expect(PAPER_TABLE2).toHaveLength(21);
    const drop = (d: string, m: string) => Math.round((paperTable2(d, 'BMLHF')!.acc - paperTable2(d, m)!.acc) * 1000) / 1000;
    // Section 4.4.1
    expect([drop('weibo', 'BMLHF-I'), drop('twitter', 'BMLHF-I')]).toEqual([0.038, 0.04]);
    expect([drop('weibo', 'BMLHF-T'), drop('twitter', 'BMLHF-T')]).toEqual([0.022, 0.024]);
    expect([drop('weibo', 'BMLHF-D'), drop('twitter', 'BMLHF-D')]).toEqual([0.039, 0.041]);
    expect([drop('weibo', 'BMLHF-H'), drop('twitter', 'BMLHF-H'), drop('fakeddit', 'BMLHF-H')]).toEqual([0.044, 0.056, 0.03]);
    expect([drop('weibo', 'BMLHF-tra'), drop('twitter', 'BMLHF-tra'), drop('fakeddit', 'BMLHF-tra')]).toEqual([0.01, 0.033, 0.015]);
    expect([drop('weibo', 'BMLHF-ter'), drop('twitter', 'BMLHF-ter'), drop('fakeddit', 'BMLHF-ter')]).toEqual([0.019, 0.036, 0.014]);
    expect(paperTable2('twitter', 'BMLHF')).toMatchObject({ fakeP: 0.985, fakeR: 0.933, fakeF1: 0.957, realP: 0.948, realR: 0.975, realF1: 0.956 });
    expect(paperTable2('synthetic', 'BMLHF')).toBeUndefined();
  });
});

describe('bmlhf table2: build', () => {
  it('pairedDiff pairs by seed', () => {
    expect(
      pairedDiff(
        [
          { seed: 1, value: 0.9 },
          { seed: 2, value: 0.5 },
        ],
        [{ seed: 1, value: 0.8 }],
      ),
    ).toEqual({ diff: expect.closeTo(0.1, 10), seeds: [1] });
    expect(pairedDiff([{ seed: 2, value: 0.9 }], [{ seed: 1, value: 0.8 }])).toBeUndefined();
  });

  it('claims hold when every ablation is below the full model, and flip when one is above', async () => {
    const good = await table2.build(ctxFor('quick', (m, _d, seed) => (m === 'BMLHF' ? 0.9 + seed * 0.001 : 0.8)));
    expect(good.claims).toHaveLength(7);
    expect(good.claims!.every((c) => leaning(c))).toBe(true);
    expect(good.claims![0].statement).toMatch(/removing MIB \(BMLHF-I\) lowers accuracy/);

    // seed 1 of BMLHF is below BMLHF-D (paired), although BMLHF's 3-seed mean is above it
    const bad = await table2.build(ctxFor('quick', (m, _d, seed) => (m === 'BMLHF' ? (seed === 1 ? 0.84 : 0.95) : m === 'BMLHF-D' ? 0.85 : 0.8)));
    const byStatement = (s: RegExp) => bad.claims!.find((c) => s.test(c.statement))!;
    expect(leaning(byStatement(/BMLHF-D\)/))).toBe(false);
    expect(leaning(byStatement(/BMLHF-H\)/))).toBe(true);
    expect(leaning(byStatement(/most accurate/))).toBe(false);
    expect(byStatement(/most accurate/).evidence).toMatch(/best BMLHF-D 0\.850/);
  });

  it('a variant that predicts one class on some seed leaves its claims undecided (the one-class guard), the others decide', async () => {
    const accOf = (m: string, _d: string, seed: number) => (m === 'BMLHF' ? 0.9 + seed * 0.001 : 0.8);
    const full = await table2.build(ctxFor('full', accOf));
    const on = (out: typeof full, s: RegExp) => out.claims!.find((c) => c.on === 'Twitter' && s.test(c.statement))!;
    expect(on(full, /BMLHF-D\)/).verdict).toBe('holds'); // 5 paired seeds, all in favour: p = 1/32
    // BMLHF-D on Twitter, seed 2: every post called real (its accuracy is the real share)
    const ctx = ctxFor('full', accOf);
    const constant = (s: RunSpec) => s.seed === 2 && table2Runs('full', 'twitter', 'BMLHF-D').some((x) => specHash(x) === specHash(s));
    const guarded: ArtefactContext = {
      ...ctx,
      result: (s) => (constant(s) ? { ...ctx.result(s), test: { ...metricsOf(0.8), fakeR: 0, fakeP: 0, fakeF1: 0, realR: 1 } } : ctx.result(s)),
    };
    const out = await table2.build(guarded);
    expect(on(out, /BMLHF-D\)/).verdict).toBe('undecided');
    expect(on(out, /BMLHF-D\)/).outcome!.reason).toBe('BMLHF-D predicts one class on seed 2');
    expect(on(out, /most accurate/).verdict).toBe('undecided');
    expect(on(out, /BMLHF-H\)/).verdict).toBe('holds');
    expect(out.claims!.find((c) => c.on === 'Weibo' && /BMLHF-D\)/.test(c.statement))!.verdict).toBe('holds');
  });

  it('table: one row per dataset × method, ours beside the paper (— where the paper has none)', async () => {
    const out = await table2.build(ctxFor('full', (m, d) => (m === 'BMLHF' ? 0.9 : 0.8) + (d === 'weibo' ? 0.01 : 0)));
    const t = out.tables!.find((x) => x.name === 'table2')!.table;
    expect(t.numRows()).toBe(4 * 7);
    expect(t.columnNames()).toEqual(expect.arrayContaining(['acc', 'acc (paper)', 'fakeF1', 'realF1 (paper)', 'seeds']));
    const rows = t.objects() as Record<string, unknown>[];
    expect(rows.find((r) => r.dataset === 'Weibo' && r.method === 'BMLHF-I')).toMatchObject({ acc: '0.810 ± 0.000', 'acc (paper)': '0.874', seeds: 5 });
    expect(rows.find((r) => r.dataset === 'Synthetic' && r.method === 'BMLHF')).toMatchObject({ 'acc (paper)': '—' });
    const drops = out.tables!.find((x) => x.name === 'table2-drops')!.table.objects() as Record<string, unknown>[];
    expect(drops.find((r) => r.dataset === 'Twitter' && r.method === 'BMLHF-I')).toMatchObject({ 'drop (ours, paired)': '+0.100', 'drop (paper)': '+0.040' });
    expect(out.claims!.filter((c) => c.on === 'Weibo')).toHaveLength(7);
    expect(out.figures![0].svg).toMatch(/^<svg/);
  });
});
