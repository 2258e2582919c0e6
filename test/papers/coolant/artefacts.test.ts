import { describe, expect, it } from 'vitest';
import { leaning } from '../../helpers/claims';
import { specHash, type RunSpec } from '../../../lib/experiment/spec';
import { COOLANT_ARTEFACTS } from '../../../lib/papers/coolant/index';
import { COOLANT_METHOD, datasetRuns } from '../../../lib/papers/coolant/common';
import { comparison } from '../../../lib/papers/coolant/comparison';
import { ablation, ablationRuns } from '../../../lib/papers/coolant/ablation';
import { interpretability, quartileGap } from '../../../lib/papers/coolant/interpretability';
import { temperature, temperatureRuns } from '../../../lib/papers/coolant/temperature';
import { tsneSpecs } from '../../../lib/papers/coolant/tsne';
import { cost } from '../../../lib/papers/coolant/cost';
import { pearson } from '../../../lib/eval/correlation';
import { ctxFor, fakeResult } from './helpers';

const allRuns = (p: 'quick' | 'full') => COOLANT_ARTEFACTS.flatMap((a) => a.runs(p));
/** accuracy by method: COOLANT 0.9, its variants 0.8, baselines 0.7 */
const accOf = (s: RunSpec) => (s.model.name !== 'COOLANT' ? 0.7 : s.model.options ? 0.8 : 0.9);
/** a probe where the correlation weight rises with ambiguity */
const probe = {
  labels: [0, 1, 0, 1],
  pred: [0, 1, 0, 1],
  values: {
    ambiguity: [[0.1], [0.2], [0.3], [0.4]],
    attention: [
      [0.45, 0.45, 0.1],
      [0.4, 0.4, 0.2],
      [0.35, 0.35, 0.3],
      [0.3, 0.3, 0.4],
    ],
  },
};
const make = (s: RunSpec) => fakeResult(s, accOf(s), s.outputs?.probe ? { probe } : {});

describe('coolant artefacts: shared runs', () => {
  it('the full COOLANT run is one spec across comparison, ablation, temperature (τ 0.07), t-SNE and interpretability', () => {
    const c = new Set(datasetRuns('quick', 'synthetic', COOLANT_METHOD).map(specHash));
    for (const s of [...ablationRuns('quick', 'synthetic', null), ...temperatureRuns('quick', 'synthetic', 0.07), tsneSpecs('quick', 'synthetic').aligned])
      expect(c.has(specHash(s))).toBe(true);
    expect(new Set(interpretability.runs('quick').map(specHash)).size).toBe(interpretability.runs('quick').length);
  });

  it('runs echo the authors’ settings: batch 64, AdamW lr 1e-3 wd 5e-4; full profile 50 epochs', () => {
    const [s] = datasetRuns('full', 'twitter', COOLANT_METHOD);
    expect(s.train).toMatchObject({ batchSize: 64, lr: 1e-3, weightDecay: 5e-4, weightDecayMode: 'decoupled', epochs: 50 });
    expect(s.outputs).toEqual({ probe: ['attention', 'ambiguity'], tsne: true });
    expect(datasetRuns('full', 'twitter', COOLANT_METHOD)[1].outputs).toEqual({ probe: ['attention', 'ambiguity'] });
  });
});

describe('coolant artefacts: build', () => {
  it('every artefact builds on the quick profile; claims follow the numbers', async () => {
    const ctx = ctxFor('quick', allRuns('quick'), make);
    const out = await comparison.build(ctx);
    const most = out.claims!.filter((c) => c.statement === 'COOLANT is the most accurate method');
    expect(most.length).toBe(4);
    expect(most.every((c) => leaning(c) === true)).toBe(true);
    expect(JSON.stringify(out.numbers)).not.toMatch(/seconds/i);
    const abl = await ablation.build(ctx);
    expect(abl.claims!.filter((c) => c.statement.startsWith('removing')).every((c) => leaning(c) === true && c.evidence.includes('+0.100'))).toBe(true);
    const att = await interpretability.build(ctx);
    expect(att.claims!.every((c) => leaning(c) === true)).toBe(true);
    const tmp = await temperature.build(ctx);
    expect(leaning(tmp.claims!.find((c) => c.statement.startsWith('CLIP’s'))!)).toBe(true); // 0.9 (default) vs 0.8 (code scale)
    const cst = await cost.build(ctx);
    expect(cst.timings).toBeDefined();
    expect(JSON.stringify(cst.numbers)).not.toMatch(/secondsPerEpoch/);
  });

  it('temperature: a setting that predicts one class on some seed leaves its claims undecided (the one-class guard)', async () => {
    const specs = temperature.runs('full');
    const plain = await temperature.build(ctxFor('full', specs, make));
    const codeClaim = (out: typeof plain) => out.claims!.find((c) => c.on.startsWith('Synthetic') && c.statement.startsWith('CLIP’s'))!;
    expect(codeClaim(plain).verdict).toBe('holds'); // 0.9 vs 0.8 on every seed
    // the code scale on synthetic, seed 1: every post called real
    const bad = specHash(temperatureRuns('full', 'synthetic', 'code').find((s) => s.seed === 1)!);
    const out = await temperature.build(
      ctxFor('full', specs, (s) => (specHash(s) === bad ? fakeResult(s, 0.5, { test: { ...make(s).test, fakeR: 0, realR: 1 } }) : make(s))),
    );
    expect(codeClaim(out).verdict).toBe('undecided');
    expect(codeClaim(out).outcome!.reason).toBe('code scale predicts one class on seed 1');
    expect(out.claims!.find((c) => c.on.startsWith('Twitter') && c.statement.startsWith('CLIP’s'))!.verdict).toBe('holds');
  });

  it('absent real datasets: "data not available" rows and not-checked claims, synthetic still checked', async () => {
    const ctx = ctxFor('quick', allRuns('quick'), make, true);
    const out = await comparison.build(ctx);
    const real = out.claims!.filter((c) => !c.on.startsWith('Synthetic'));
    expect(real.length).toBeGreaterThan(0);
    expect(real.every((c) => c.verdict === 'not checked' && c.evidence.includes('not in the data directory'))).toBe(true);
    expect(out.claims!.filter((c) => c.on.startsWith('Synthetic')).every((c) => leaning(c) !== null)).toBe(true);
    expect((out.tables![0].table.objects() as Record<string, unknown>[]).some((r) => r.acc === 'data not available')).toBe(true);
    const att = await interpretability.build(ctx);
    expect(att.claims!.filter((c) => c.verdict === 'not checked').length).toBe(3);
  });
});

describe('coolant stats', () => {
  it('pearson and the ambiguity quartile gap, by hand', () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 10);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 10);
    expect(pearson([1, 1, 1], [1, 2, 3])).toBe(0);
    // a = 0.4, 0.1, 0.3, 0.2 → top quarter index 0 (w 0.9), bottom index 1 (w 0.1)
    expect(quartileGap([0.4, 0.1, 0.3, 0.2], [0.9, 0.1, 0.5, 0.5])).toBeCloseTo(0.8, 10);
  });
});
