import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../lib/backend';
import { MBSD_DEFAULTS, mbsd, mbsdTerms } from '../../lib/balance/mbsd';
import { makeMethod } from '../../lib/balance/index';
import { methodPreset } from '../../lib/balance/presets';
import { withMethod, type BalancingMethod } from '../../lib/balance/method';
import { concatFusion } from '../../lib/models/late-fusion';
import { train } from '../../lib/train/trainer';
import { expectComposes, toyDims, toySplit } from '../helpers/balancing';

beforeAll(async () => {
  await initBackend({ quiet: true });
});

describe('MBSD equations', () => {
  it("Eq. 1–3 by hand: weights only where one modality is right; the logit-gap and the benchmark's kl_div terms", () => {
    tf.tidy(() => {
      // row 0 (y = 0): a = [ln 3, 0] → p_a 0.75 (right), b = [0, 0] → p_b 0.5: w = 0.25
      // row 1 (y = 1): a = [ln 4, 0] → p_a 0.2 (wrong), b = [ln 9, 0] → p_b 0.1 (wrong): w = 0
      const a = tf.tensor2d([
          [Math.log(3), 0],
          [Math.log(4), 0],
        ]),
        b = tf.tensor2d([
          [0, 0],
          [Math.log(9), 0],
        ]);
      const { w, rs, kl } = mbsdTerms(a, b, tf.tensor1d([0, 1], 'int32'));
      expect(Array.from(w.dataSync())).toEqual([expect.closeTo(0.25, 6), 0]);
      // RS = ½ [0.25 · ½ (ln 3)²] ; KL = ½ [0.25 · 0.5 (ln 0.5 − 0.75)]
      expect(rs.dataSync()[0]).toBeCloseTo(0.5 * 0.25 * 0.5 * Math.log(3) ** 2, 6);
      expect(kl.dataSync()[0]).toBeCloseTo(0.5 * 0.25 * 0.5 * (Math.log(0.5) - 0.75), 6);
    });
  });

  it('options: defaults echoed; bad values rejected', () => {
    expect(mbsd().config).toEqual({ balancer: 'MBSD', ...MBSD_DEFAULTS, end: null });
    expect(() => makeMethod('mbsd', { beta: -1 })).toThrow(/MBSD: option 'beta'/);
  });
});

describe('MBSD on the trainer', () => {
  it('composes: no leak, same bytes; the objective is CE(fused) + both unimodal CEs + β (RS + KL)', () => {
    const run = expectComposes(() => makeMethod('mbsd'));
    for (const s of run.steps) {
      expect(s.loss_mbsd).toBeCloseTo(s.mbsd_rs + s.mbsd_kl, 5);
      expect(s.loss_balanced).toBeCloseTo(s.loss_total + s.loss_uni_text + s.loss_uni_image + s.loss_mbsd, 4);
    }
    expect(run.steps.some((s) => s.mbsd_w > 0)).toBe(true);
  });

  it('the distillation term moves the weights β-linearly (the gradient the optimiser receives; SGD, one full-batch step)', () => {
    expect(methodPreset('mbsd', 'authors').train).toMatchObject({ lr: 1e-3, batchSize: 32 }); // Adam: ≈ lr·sign(g) on step 1
    const opts = { lr: 0.1, weightDecay: 0, batchSize: toySplit.train.labels.length, optimizer: { kind: 'sgd' as const, momentum: 0 } };
    const step = (method: BalancingMethod) => {
      const model = withMethod(concatFusion(toyDims, 1), method, 1);
      const vs = model.variables();
      train(model, toySplit, { epochs: 1, seed: 1, progress: false, ...opts, balancer: method });
      const w = vs.map((v) => Float64Array.from(v.dataSync()));
      model.dispose();
      return w;
    };
    const a0 = step(makeMethod('mbsd', { beta: 0 })),
      a1 = step(makeMethod('mbsd', { beta: 1 })),
      a3 = step(makeMethod('mbsd', { beta: 3 }));
    const diff = (x: Float64Array[], y: Float64Array[]) => x.map((a, i) => a.map((v, j) => v - y[i][j]));
    const n = (d: Float64Array[]) => Math.sqrt(d.reduce((s, a) => s + a.reduce((t, v) => t + v * v, 0), 0));
    const d1 = diff(a1, a0),
      d3 = diff(a3, a0);
    expect(n(d1)).toBeGreaterThan(0);
    expect(Math.abs(n(d3) / n(d1) / 3 - 1)).toBeLessThan(0.02);
  });
});
