import { describe, expect, it } from 'vitest';
import { leaning } from '../../helpers/claims';
import type { ArtefactContext, Profile } from '../../../lib/experiment/artefact';
import type { RunResult } from '../../../lib/experiment/result';
import { specHash, type RunSpec } from '../../../lib/experiment/spec';
import { BMLHF_METHOD, datasetRuns } from '../../../lib/papers/bmlhf/common';
import { table2Runs } from '../../../lib/papers/bmlhf/table2';
import { SENSITIVITY_PLAN, runnableGrid, sensitivity, sensitivityMethod, sensitivityRuns } from '../../../lib/papers/bmlhf/sensitivity';
import { SENSITIVITY_PARAMS } from '../../../lib/papers/bmlhf/paper-values-ablation';

const fake = (spec: RunSpec, acc: number): RunResult => ({
  hash: specHash(spec),
  model: 'BMLHF',
  paramCount: 1,
  bestEpoch: 1,
  epochsRun: 1,
  history: [],
  notes: [],
  test: { acc, fakeP: 0, fakeR: 0, fakeF1: 0, realP: 0, realR: 0, realF1: 0, macroF1: acc - 0.05, n: 1 },
  timing: { secondsPerEpoch: 0, testSeconds: 0 },
});

type Setting = { tau: number; alpha1: number; alpha2: number; dataset: string };

/** the setting a spec trains with (defaults τ 0.5, α1 0.8, α2 0.5; no balancer = α1 0) */
const settingOf = (s: RunSpec, dataset: string): Setting => ({
  tau: (s.model.options?.tau as number | undefined) ?? 0.5,
  alpha2: (s.model.options?.alpha2 as number | undefined) ?? 0.5,
  alpha1: s.balancer ? ((s.balancer.options?.alpha1 as number | undefined) ?? 0.8) : 0,
  dataset,
});

function ctxFor(profile: Profile, accOf: (x: Setting) => number): ArtefactContext {
  const m = new Map<string, RunResult>();
  const p = SENSITIVITY_PLAN[profile];
  for (const param of SENSITIVITY_PARAMS)
    for (const d of p.datasets)
      for (const v of runnableGrid(param, p.grid[param]))
        for (const s of sensitivityRuns(profile, param, d, v)) m.set(specHash(s), fake(s, accOf(settingOf(s, d))));
  return { profile, unavailable: () => undefined, result: (s) => m.get(specHash(s))! };
}

describe('bmlhf sensitivity (Figs 9–11): runs', () => {
  it('τ = 0 is dropped from the grid and refused by sensitivityMethod', () => {
    expect(runnableGrid('tau', [0, 0.25, 0.5])).toEqual([0.25, 0.5]);
    expect(runnableGrid('alpha2', [0, 0.5])).toEqual([0, 0.5]);
    expect(() => sensitivityMethod('tau', 0)).toThrow(/τ must be > 0/);
  });
  it("the paper's setting is Table 1's BMLHF run; α1 = 0 is Table 2's BMLHF-I run", () => {
    const t1 = datasetRuns('quick', 'synthetic', BMLHF_METHOD, { outputs: { missing: true } })
      .filter((s) => s.seed === 1)
      .map(specHash);
    for (const [param, v] of [
      ['tau', 0.5],
      ['alpha1', 0.8],
      ['alpha2', 0.5],
    ] as const)
      expect(sensitivityRuns('quick', param, 'synthetic', v).map(specHash)).toEqual(t1);
    expect(sensitivityRuns('quick', 'alpha1', 'synthetic', 0).map(specHash)).toEqual(table2Runs('quick', 'synthetic', 'BMLHF-I').map(specHash));
  });
  it('other points set exactly one option: tau / alpha2 on the model, alpha1 on the mib balancer', () => {
    const [t] = sensitivityRuns('quick', 'tau', 'synthetic', 0.25);
    expect(t.model).toEqual({ name: 'BMLHF', options: { tau: 0.25 } });
    expect(t.balancer).toEqual({ name: 'mib' });
    const [a1] = sensitivityRuns('quick', 'alpha1', 'synthetic', 0.5);
    expect(a1.model).toEqual({ name: 'BMLHF' });
    expect(a1.balancer).toEqual({ name: 'mib', options: { alpha1: 0.5 } });
    const [a2] = sensitivityRuns('quick', 'alpha2', 'synthetic', 1);
    expect(a2.model).toEqual({ name: 'BMLHF', options: { alpha2: 1 } });
  });
  it("quick: 6 new runs beyond the shared ones; full: a 0.1 grid with the paper's settings on it", () => {
    expect(new Set(sensitivity.runs('quick').map(specHash)).size).toBe(8); // 6 new + Table 1 seed 1 + BMLHF-I seed 1
    expect(SENSITIVITY_PLAN.full.grid.alpha1).toContain(0.8);
    expect(runnableGrid('tau', SENSITIVITY_PLAN.full.grid.tau)[0]).toBe(0.1);
  });
});

describe('bmlhf sensitivity (Figs 9–11): build', () => {
  it("claims hold when the paper's setting (or range) is best, fail otherwise; one figure per parameter", async () => {
    // best at the paper's setting for τ and α2; α1 best at 1
    const out = await sensitivity.build(ctxFor('quick', (x) => (x.alpha1 === 1 ? 0.9 : x.tau === 0.5 && x.alpha2 === 0.5 ? 0.85 : 0.7)));
    expect(out.figures!.map((f) => f.name)).toEqual(['fig9', 'fig10', 'fig11']);
    const byParam = (sym: string) => out.claims!.find((c) => c.statement.includes(sym))!;
    expect(leaning(byParam('τ'))).toBe(true);
    expect(leaning(byParam('α2'))).toBe(true);
    expect(leaning(byParam('α1'))).toBe(false);
    expect(byParam('α1').evidence).toMatch(/best accuracy 0\.900 at α1 = 1/);
    const t = out.tables![0].table.objects() as Record<string, unknown>[];
    expect(t.filter((r) => r.parameter === 'τ').map((r) => r.value)).toEqual([0.25, 0.5, 1]);
    expect(t.find((r) => r.parameter === 'α2' && r.value === 0.5)).toMatchObject({ 'paper setting': 'yes', accuracy: '0.850' });
    expect(out.differences![0]).toMatch(/τ = 0 is not run/);
  });
  it("on Weibo the claim uses the paper's range [0.3, 0.5] for τ", async () => {
    const out = await sensitivity.build(ctxFor('full', (x) => (x.tau === 0.3 ? 0.9 : 0.8)));
    const c = out.claims!.find((x) => x.on.startsWith('Weibo') && x.statement.includes('τ'))!;
    expect(c.statement).toBe('BMLHF performs best with τ in [0.3, 0.5]');
    expect(leaning(c)).toBe(true);
    const tw = out.claims!.find((x) => x.on.startsWith('Twitter') && x.statement.includes('τ'))!;
    expect(tw.statement).toBe('BMLHF performs best at τ = 0.5');
    expect(leaning(tw)).toBe(false);
  });
});
