import { describe, expect, it } from 'vitest';
import { leaning } from '../../helpers/claims';
import type { ArtefactContext, Profile } from '../../../lib/experiment/artefact';
import type { RunResult } from '../../../lib/experiment/result';
import { specHash, type RunSpec } from '../../../lib/experiment/spec';
import { fig1 } from '../../../lib/papers/bmlhf/fig1';
import { FIG8_PLAN, FIG8_VERSIONS, fig8, fig8Runs } from '../../../lib/papers/bmlhf/fig8';

const fake = (spec: RunSpec, acc: number): RunResult => ({
  hash: specHash(spec),
  model: spec.model.name,
  paramCount: 1,
  bestEpoch: 1,
  epochsRun: 1,
  history: [],
  notes: [],
  test: { acc, fakeP: 0, fakeR: 0, fakeF1: 0, realP: 0, realR: 0, realF1: 0, macroF1: 0, n: 1 },
  timing: { secondsPerEpoch: 0, testSeconds: 0 },
});

function ctxFor(profile: Profile, accOf: (family: string, version: string, seed: number) => number): ArtefactContext {
  const m = new Map<string, RunResult>();
  for (const d of FIG8_PLAN[profile].datasets)
    for (const f of ['SpotFake+', 'EANN', 'MRML'])
      for (const v of FIG8_VERSIONS) for (const s of fig8Runs(profile, d, f, v)) if (!m.has(specHash(s))) m.set(specHash(s), fake(s, accOf(f, v, s.seed)));
  return { profile, unavailable: () => undefined, result: (s) => m.get(specHash(s))! };
}

describe('bmlhf fig8: runs', () => {
  it("unimodal and multimodal bars on synthetic are Fig. 1's runs", () => {
    const f1 = new Set(fig1.runs('quick').map(specHash));
    for (const f of ['SpotFake+', 'EANN', 'MRML'])
      for (const v of ['text-only', 'image-only', 'multimodal'] as const)
        expect(fig8Runs('quick', 'synthetic', f, v).every((s) => f1.has(specHash(s)))).toBe(true);
  });
  it("MIB runs: balancer mib; the update mode is MIB's default (the plain spec), the gradient mode sets MIB's option mode", () => {
    const [g] = fig8Runs('quick', 'synthetic', 'EANN', 'multimodal + MIB (gradient)');
    const [u] = fig8Runs('quick', 'synthetic', 'EANN', 'multimodal + MIB (update)');
    expect(u.balancer).toEqual({ name: 'mib' });
    expect(g.balancer).toEqual({ name: 'mib', options: { mode: 'gradient' } });
    expect(g.train.balanceMode).toBeUndefined();
    expect(u.train.balanceMode).toBeUndefined();
    expect(specHash(g)).not.toBe(specHash(u));
    expect(fig8Runs('quick', 'synthetic', 'EANN', 'text-only').map(specHash)).toEqual(fig8Runs('quick', 'synthetic', 'MRML', 'text-only').map(specHash));
  });
});

describe('bmlhf fig8: build', () => {
  it('one claim per family × mode; holds when MIB beats the plain multimodal model (paired on seeds)', async () => {
    const out = await fig8.build(
      ctxFor('quick', (f, v, seed) =>
        v === 'multimodal + MIB (update)' ? 0.85 : v === 'multimodal + MIB (gradient)' && f === 'EANN' ? 0.75 : v === 'multimodal' ? 0.8 + seed * 0.001 : 0.6,
      ),
    );
    expect(out.claims).toHaveLength(6);
    const c = (f: string, mode: string) => out.claims!.find((x) => x.statement.includes(`(${f};`) && x.statement.includes(mode))!;
    expect(leaning(c('EANN', 'Adam update'))).toBe(true);
    expect(leaning(c('EANN', 'gradient'))).toBe(false);
    expect(leaning(c('MRML', 'gradient'))).toBe(false); // gradient = 0.6 < 0.8
    expect(out.differences![0]).toMatch(/'gradient' 0\/3, 'update' 3\/3/);
    const t = out.tables![0].table.objects() as Record<string, unknown>[];
    expect(t).toHaveLength(3);
    expect(t[1]).toMatchObject({ family: 'EANN', 'multimodal + MIB (gradient)': '0.750 ± 0.000', multimodal: '0.803 ± 0.002', seeds: 5 }); // 0.8 + 0.001·seed over seeds 1–5: mean 0.803, sample sd 0.00158
  });
  it('a side that predicts one class on some seed: that claim is undecided, the others decide', async () => {
    const accOf = (_f: string, v: string, seed: number) => (v === 'multimodal + MIB (update)' ? 0.85 + seed * 0.001 : 0.8);
    const ctx = ctxFor('full', accOf);
    const c = (out: Awaited<ReturnType<typeof fig8.build>>, f: string) =>
      out.claims!.find((x) => x.on === 'Twitter' && x.statement.includes(`(${f};`) && x.statement.includes('Adam update'))!;
    expect(c(await fig8.build(ctx), 'EANN').verdict).toBe('holds'); // 5 paired seeds in favour
    // EANN + MIB (update) on Twitter, seed 3: every post called fake
    const bad = fig8Runs('full', 'twitter', 'EANN', 'multimodal + MIB (update)').find((s) => s.seed === 3)!;
    const out = await fig8.build({
      ...ctx,
      result: (s) => (specHash(s) === specHash(bad) ? { ...ctx.result(s), test: { ...ctx.result(s).test, fakeR: 1, realR: 0 } } : ctx.result(s)),
    });
    expect(c(out, 'EANN').verdict).toBe('undecided');
    expect(c(out, 'EANN').outcome!.reason).toBe('EANN + MIB predicts one class on seed 3');
    expect(c(out, 'MRML').verdict).toBe('holds');
  });
  it('full profile adds Twitter', async () => {
    const out = await fig8.build(ctxFor('full', () => 0.7));
    expect(out.claims!.filter((c) => c.on === 'Twitter')).toHaveLength(6);
    expect(out.claims!.every((c) => !leaning(c))).toBe(true); // equal accuracy is not an improvement
  });
});
