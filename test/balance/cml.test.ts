import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../lib/backend';
import { CML_DEFAULTS, cml, cmlPenalty, confidence } from '../../lib/balance/cml';
import { makeMethod } from '../../lib/balance/index';
import { methodPreset } from '../../lib/balance/presets';
import { withMethod, type BalancingMethod } from '../../lib/balance/method';
import { concatFusion } from '../../lib/models/late-fusion';
import { train } from '../../lib/train/trainer';
import { expectComposes, toyDims, toySplit } from '../helpers/balancing';

beforeAll(async () => {
  await initBackend({ quiet: true });
});

describe('CML equations', () => {
  it('Eq. 2: max(0, Σ_i Conf(partial_i) − Conf(full_i)), the hinge on the batch sum', () => {
    tf.tidy(() => {
      // full: [ln 3, 0] → 0.75, [0, 0] → 0.5;  partial: [0, 0] → 0.5, [ln 9, 0] → 0.9
      const full = tf.tensor2d([
          [Math.log(3), 0],
          [0, 0],
        ]),
        partial = tf.tensor2d([
          [0, 0],
          [Math.log(9), 0],
        ]);
      expect(Array.from(confidence(full).dataSync())).toEqual([expect.closeTo(0.75, 6), expect.closeTo(0.5, 6)]);
      expect(cmlPenalty(full, partial).dataSync()[0]).toBeCloseTo(0.15, 6); // (0.5 − 0.75) + (0.9 − 0.5)
      expect(cmlPenalty(partial, full).dataSync()[0]).toBe(0); // −0.15: the hinge
    });
  });

  it('options: defaults echoed; bad values rejected', () => {
    expect(cml().config).toEqual({ balancer: 'CML', ...CML_DEFAULTS, end: null });
    expect(() => makeMethod('cml', { lambda: -1 })).toThrow(/CML: option 'lambda'/);
    expect(() => makeMethod('cml', { lam: 1 })).toThrow(/CML: unknown option 'lam'/);
  });
});

describe('CML on the trainer', () => {
  it('composes: no leak, same bytes; the objective is ½ CE(full) + ½ CE(partial) + λ · penalty', () => {
    const run = expectComposes(() => makeMethod('cml'));
    for (const s of run.steps) {
      expect(s.loss_cml).toBeCloseTo(0.1 * s.cml_penalty, 5);
      expect(s.loss_balanced).toBeCloseTo(0.5 * s.loss_total + s.loss_partial + s.loss_cml, 5);
      expect([0, 1]).toContain(s.cml_removed_text);
    }
    expect(new Set(run.steps.map((s) => s.cml_removed_text)).size).toBe(2); // both modalities get removed
  });

  it('the penalty term moves the weights λ-linearly (the gradient the optimiser receives; SGD, one full-batch step)', () => {
    // its preset is Adam, whose first step is lr·g/(|g| + ε) ≈ lr·sign(g); the gradient Adam receives is what λ scales
    expect(methodPreset('cml', 'authors').train).toMatchObject({ lr: 1e-3, batchSize: 32 });
    const opts = { lr: 0.1, weightDecay: 0, batchSize: toySplit.train.labels.length, optimizer: { kind: 'sgd' as const, momentum: 0 } };
    const step = (method: BalancingMethod, seed = 1) => {
      const model = withMethod(concatFusion(toyDims, seed), method, seed);
      const vs = model.variables();
      const r = train(model, toySplit, { epochs: 1, seed, progress: false, ...opts, balancer: method });
      const w = vs.map((v) => Float64Array.from(v.dataSync()));
      model.dispose();
      return { w, s: (r.steps.objects() as Record<string, number>[])[0] };
    };
    // the first seed whose initial model is more confident without the removed modality (the hinge open at step 1)
    const seed = [1, 2, 3, 4, 5, 6, 7, 8].find((k) => step(makeMethod('cml', { lambda: 0 }), k).s.cml_penalty > 0);
    expect(seed).toBeDefined();
    const a0 = step(makeMethod('cml', { lambda: 0 }), seed),
      a1 = step(makeMethod('cml', { lambda: 1 }), seed),
      a3 = step(makeMethod('cml', { lambda: 3 }), seed);
    expect(a1.s.cml_penalty).toBeGreaterThan(0);
    const diff = (x: Float64Array[], y: Float64Array[]) => x.map((a, i) => a.map((v, j) => v - y[i][j]));
    const n = (d: Float64Array[]) => Math.sqrt(d.reduce((s, a) => s + a.reduce((t, v) => t + v * v, 0), 0));
    const d1 = diff(a1.w, a0.w),
      d3 = diff(a3.w, a0.w);
    expect(n(d1)).toBeGreaterThan(0);
    expect(Math.abs(n(d3) / n(d1) / 3 - 1)).toBeLessThan(0.02);
    // and in the same direction: Δ(3) ≈ 3 Δ(1)
    const cos = d1.reduce((s, a, i) => s + a.reduce((t, v, j) => t + v * d3[i][j], 0), 0) / (n(d1) * n(d3));
    expect(cos).toBeGreaterThan(0.999);
  });
});
