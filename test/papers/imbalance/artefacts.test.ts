import { describe, expect, it } from 'vitest';
import { leaning } from '../../helpers/claims';
import type { ArtefactContext } from '../../../lib/experiment/artefact';
import type { RunResult } from '../../../lib/experiment/result';
import { specHash, type RunSpec } from '../../../lib/experiment/spec';
import { BALANCING_METHODS } from '../../../lib/balance/index';
import { MODELS } from '../../../lib/experiment/models';
import type { Metrics } from '../../../lib/eval/metrics';
import { IMBALANCE_ARTEFACTS } from '../../../lib/papers/imbalance/index';
import { HOSTS, JOINT, PROFILES, cellMethods, cells, datasetByKey, jointFor, joints, methods, runs, syntheticAt } from '../../../lib/papers/imbalance/common';
import { AUTHORS_PRESETS, UNIFORM_PRESET } from '../../../lib/balance/presets';
import { comparison } from '../../../lib/papers/imbalance/comparison';
import { figCoefficients, figCurves, figStrength, recordColumns } from '../../../lib/papers/imbalance/figures';
import { selectArtefacts } from '../../../lib/papers/index';

const metricsOf = (acc: number): Metrics => ({ acc, fakeP: acc, fakeR: acc, fakeF1: acc, realP: acc, realR: acc, realF1: acc, macroF1: acc, n: 100 });

/** joint training: text head 0.8, image 0.6; every balancer: +0.05 multimodal and +0.1 image head on seeds, with a small per-seed spread */
function fake(spec: RunSpec): RunResult {
  const balanced = Boolean(spec.balancer);
  const strength = ((spec.dataset as { options?: { views?: { imagePattern: { signal: number } } } }).options?.views?.imagePattern.signal ?? 0.45) / 0.45;
  const jitter = spec.seed * 0.001;
  const acc = 0.7 + (balanced ? 0.05 : 0) + jitter;
  const image = 0.55 + 0.05 * strength + (balanced ? 0.1 : 0) + jitter;
  const history = [1, 2, 3].map((epoch) => ({
    epoch,
    val_acc: acc - 0.01 * (3 - epoch),
    val_acc_text: 0.8,
    val_acc_image: image - 0.02,
    train_acc: 0.9,
    train_loss_total: 0.5,
    train_score_text: 0.7,
    ...(balanced ? { train_k_text: 0.5 + epoch * 0.1 } : {}),
  }));
  return {
    hash: specHash(spec),
    model: spec.model.name,
    paramCount: 1,
    bestEpoch: 3,
    epochsRun: 3,
    test: metricsOf(acc),
    history,
    timing: { secondsPerEpoch: 0, testSeconds: 0 },
    notes: [],
    modality: {
      branches: { text: { acc: 0.8, macroF1: 0.8 }, image: { acc: image, macroF1: image } },
      masked: { text: { acc: 0.8, macroF1: 0.8 }, image: { acc: image, macroF1: image } },
      shapley: {
        acc: { text: 0.2, image: 0.02 * strength + (balanced ? 0.03 : 0) },
        prob: { text: 0.1, image: 0.01 },
        vAll: { acc, prob: 0.7 },
        vNone: { acc: 0.5, prob: 0.5 },
      },
      sampleShapley: { text: { mean: 0.1, positive: 0.7 }, image: { mean: 0.01, positive: 0.5 } },
      headScores: { text: 0.7, image: 0.55 },
      ratio: { ratio: balanced ? 1.1 : 1.3, strong: 'text', weak: 'image' },
      n: 100,
    },
  };
}

function ctxFor(absent: string[] = [], failing?: string): ArtefactContext {
  const why = (s: RunSpec) => (s.dataset.kind === 'real' && absent.includes(s.dataset.name) ? `dataset '${s.dataset.name}' not found` : undefined);
  return {
    profile: 'quick',
    unavailable: why,
    result: (s) => {
      if (why(s)) throw new Error('asked for an absent dataset');
      if (failing && s.balancer?.name === failing) throw new Error(`run ${specHash(s)} has no result: it failed: boom`);
      return fake(s);
    },
  };
}

describe('imbalance artefacts', () => {
  it('are registered (reproduce --only imbalance) and every registered balancer is a method, joint training first', () => {
    expect(selectArtefacts(['imbalance']).map((a) => a.id)).toEqual(IMBALANCE_ARTEFACTS.map((a) => a.id));
    expect(methods()[0]).toBe(JOINT);
    expect(
      methods()
        .slice(1)
        .map((m) => m.key),
    ).toEqual(Object.keys(BALANCING_METHODS));
    // both hosts provide per-branch features, two modalities and branch logits that sum to the fused logits: every method runs on both;
    // a host without features would drop those that need them
    for (const h of HOSTS) expect(methods(h)).toEqual(methods());
    const bare = { ...HOSTS[1], provides: { features: false, twoModalities: true, additiveBranches: true } };
    for (const [name, e] of Object.entries(BALANCING_METHODS)) expect(methods(bare).some((m) => m.key === name)).toBe(!e.needs?.features);
    for (const h of HOSTS) expect(Object.keys(MODELS)).toContain(h.model.name);
  });

  it("each method trains with its authors' preset (recorded in its specs' train) and is compared with joint training under the same settings", () => {
    const d = syntheticAt(1);
    for (const m of methods().slice(1)) {
      const p = AUTHORS_PRESETS[m.key];
      expect(p, m.key).toBeDefined();
      expect(p.source.length).toBeGreaterThan(10);
      const spec = runs('quick', m, HOSTS[0], d)[0];
      expect(spec.train).toEqual({ ...p.train, epochs: 8, seed: 1 });
      const ref = runs('quick', jointFor(m), HOSTS[0], d)[0];
      expect(ref.balancer).toBeUndefined();
      expect(ref.train).toEqual(spec.train); // the same optimiser, lr, decay, batch and schedule
    }
    expect(methods().find((m) => m.key === 'ogm-ge')!.train.optimizer).toEqual({ kind: 'sgd', momentum: 0.9 });
    expect(jointFor(methods().find((m) => m.key === 'mib')!)).toBe(JOINT); // MIB's preset is the host's Adam
    // joint training under the host's Adam keeps its spec (and cached results) from before presets
    expect(runs('quick', JOINT, HOSTS[0], d)[0].train).toEqual({ ...UNIFORM_PRESET.train, epochs: 8, seed: 1 });
    expect(joints(HOSTS[0]).length).toBeGreaterThan(2);
    const keys = new Set(cells('quick').map((c) => c.method.key));
    for (const j of joints(HOSTS[0])) expect(keys.has(j.key), j.key).toBe(true);
    // the uniform preset stays available: every method under the host's Adam, one joint reference
    expect(methods(HOSTS[0], 'uniform').every((m) => JSON.stringify(m.train) === JSON.stringify(UNIFORM_PRESET.train))).toBe(true);
    expect(joints(HOSTS[0], 'uniform')).toEqual([JOINT]);
  });

  it('quick profile: the methods in syntheticOnly run only on the synthetic rows with late fusion; full runs them everywhere; rows grouped by family', async () => {
    const only = PROFILES.quick.syntheticOnly;
    expect(only.length).toBeGreaterThan(0);
    for (const name of only) expect(BALANCING_METHODS[name], name).toBeDefined();
    const quick = cells('quick').filter((c) => only.includes(c.method.key));
    expect(quick.length).toBe(only.length * PROFILES.quick.strengths.length); // three strengths, late fusion only
    expect(quick.every((c) => !c.dataset.real && c.host.key === HOSTS[0].key)).toBe(true);
    const full = cells('full').filter((c) => only.includes(c.method.key));
    expect(full.some((c) => c.dataset.real) && full.some((c) => c.host.key === HOSTS[1].key)).toBe(true);
    // joint references only for optimiser settings that a method running in the cell uses
    const real = cellMethods('quick', HOSTS[0], datasetByKey('twitter'));
    expect(real.some((m) => m.balancer && only.includes(m.key))).toBe(false);
    expect(
      real
        .filter((m) => !m.balancer)
        .map((m) => m.key)
        .sort(),
    ).toEqual([...new Set(['joint', ...real.filter((m) => m.balancer).map((m) => jointFor(m).key)])].sort());
    const out = await comparison.build(ctxFor(['twitter-mediaeval2016', 'fakeddit-subset', 'twitter-clip-vitb32']));
    const rows = (out.tables![0].table.objects() as Record<string, string>[]).filter(
      (r) => r.dataset.startsWith('Synthetic (image signal ×1') && r.host === HOSTS[0].label && r.family !== '—',
    );
    const order = ['data', 'feed-forward', 'objective', 'optimisation'];
    const ranks = rows.map((r) => order.indexOf(r.family));
    expect(ranks.every((x) => x >= 0)).toBe(true);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    for (const name of only)
      expect(
        rows.some((r) => r.method === methods().find((m) => m.key === name)!.label),
        name,
      ).toBe(true);
    expect(
      out.claims!.filter((c) => c.on.startsWith('Twitter') && only.some((n) => c.statement.startsWith(methods().find((m) => m.key === n)!.label))),
    ).toHaveLength(0);
  });

  it('the figures read the table’s runs; the synthetic ×1 dataset is the catalog’s synthetic spec; every run asks for the modality output', () => {
    const table = new Set(comparison.runs('quick').map(specHash));
    for (const a of [figCurves, figCoefficients, figStrength]) for (const s of a.runs('quick')) expect(table.has(specHash(s))).toBe(true);
    expect(syntheticAt(1).dataset).toEqual({ kind: 'synthetic', options: { samples: 2000, seed: 0 } });
    for (const s of comparison.runs('quick')) expect(s.outputs?.modality).toBe(true);
    expect(new Set(comparison.runs('quick').map(specHash)).size).toBe(comparison.runs('quick').length);
  });

  it('comparison: the exact sign-flip test paired over the 5 quick synthetic seeds decides the claims; absent datasets give rows and not-checked claims', async () => {
    const out = await comparison.build(ctxFor(['twitter-mediaeval2016', 'fakeddit-subset', 'twitter-clip-vitb32']));
    const rows = out.tables![0].table.objects() as Record<string, string>[];
    expect(rows.filter((r) => String(r.note).startsWith('data not available'))).toHaveLength(3);
    const syn = out.claims!.filter((c) => c.on.startsWith('Synthetic (image signal ×1'));
    // every method is +0.05 above joint on all 5 seeds: sign-flip p = 2⁻⁵ = 0.031 ≤ 0.05
    const acc = syn.filter((c) => c.statement.includes('improves the multimodal accuracy'));
    expect(acc.length).toBeGreaterThan(0);
    expect(acc.every((c) => c.verdict === 'holds' && c.evidence.includes('p = 0.031 for'))).toBe(true);
    const weak = syn.filter((c) => c.statement.includes('(image)'));
    expect(weak.length).toBeGreaterThan(0);
    expect(weak.every((c) => c.verdict === 'holds')).toBe(true);
    expect(out.claims!.filter((c) => c.on.startsWith('Twitter')).every((c) => c.verdict === 'not checked')).toBe(true);
    // the fake makes every balancer act (+0.05): none is listed as identical to joint training
    expect(out.differences!.some((d) => d.includes("exactly joint training's numbers"))).toBe(false);
    const jointRow = rows.find((r) => r.method === 'joint training' && r.host === 'late fusion (concat)')!;
    expect(jointRow['acc image head']).toMatch(/^0\.5/);
  });

  it('comparison with real data: one seed cannot decide a claim (smallest sign-flip p 0.5): undecided, with the seeds that would decide it', async () => {
    const out = await comparison.build(ctxFor());
    const tw = out.claims!.filter((c) => c.on === 'Twitter, late fusion (concat)' && c.statement.includes('multimodal accuracy'));
    expect(tw.length).toBeGreaterThan(0);
    expect(tw.every((c) => c.verdict === 'undecided' && /n = 1: the smallest attainable p is 0\.500/.test(c.evidence) && c.outcome!.seedsToDecide === 5)).toBe(
      true,
    );
  });

  it('a method that leaves training untouched (numbers equal to joint) is named in the differences', async () => {
    const inert = methods()[1].key;
    const base = ctxFor();
    const ctx: ArtefactContext = {
      ...base,
      result: (s) => (s.balancer?.name === inert ? { ...fake({ ...s, balancer: undefined }), hash: specHash(s) } : base.result(s)),
    };
    const out = await comparison.build(ctx);
    expect(out.differences!.filter((d) => d.startsWith(`${methods()[1].label} gave exactly joint training's numbers`))).toHaveLength(1);
  });

  it('a method whose runs failed gets a "run failed" row and not-checked claims; the other methods still build', async () => {
    const name = methods()[1].key;
    const out = await comparison.build(ctxFor([], name));
    const rows = out.tables![0].table.objects() as Record<string, string>[];
    const failed = rows.filter((r) => r.method === methods()[1].label);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((r) => String(r.note).startsWith('run failed:'))).toBe(true);
    expect(out.claims!.filter((c) => c.statement.startsWith(methods()[1].label)).every((c) => c.verdict === 'not checked')).toBe(true);
    expect(rows.some((r) => r.method === 'joint training' && r.acc !== '—')).toBe(true);
    for (const a of [figCurves, figCoefficients, figStrength]) expect((await a.build(ctxFor([], name))).figures!.length).toBeGreaterThan(0);
  });

  it('figures: curves per head, the balancers’ records, accuracy against strength; the premise claim is computed', async () => {
    expect(recordColumns([{ epoch: 1, train_acc: 1, train_loss_total: 1, train_score_text: 1, train_k_text: 1, train_coef_image: 2, val_acc: 1 }])).toEqual([
      'train_coef_image',
      'train_k_text',
    ]);
    const curves = await figCurves.build(ctxFor());
    expect(curves.figures![0].svg).toContain('<svg');
    expect(curves.figures![0].svg).toContain('image head');
    const coef = await figCoefficients.build(ctxFor());
    if (methods().length > 1) expect(coef.figures![0].svg).toContain('k_text');
    const st = await figStrength.build(ctxFor());
    expect(leaning(st.claims![0])).toBe(true);
    expect(st.claims![0].source).toBe('workbench');
    expect(st.figures![0].svg).toContain('image signal');
  });
});
