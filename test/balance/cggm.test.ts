import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../lib/backend';
import { CGGM_DEFAULTS, cggm, cggmCoefficients, clipGlobal } from '../../lib/balance/cggm';
import { makeMethod } from '../../lib/balance/index';
import { methodPreset } from '../../lib/balance/presets';
import { withMethod, type BalancingMethod } from '../../lib/balance/method';
import { concatFusion } from '../../lib/models/late-fusion';
import { train, type TrainOptions } from '../../lib/train/trainer';
import { expectComposes, toyDims, toySplit } from '../helpers/balancing';

beforeAll(async () => {
  await initBackend({ quiet: true });
});

describe('CGGM equations', () => {
  it('Eq. 1–2 by hand: B_m = (Σd − d_m)/Σd, the modality that improved less gets more', () => {
    // d_text = 0.3, d_image = 0.1: Σ = 0.4 → B_text = 0.25, B_image = 0.75
    const b = cggmCoefficients({ text: 0.8, image: 0.6 }, { text: 0.5, image: 0.5 });
    expect(b.text).toBeCloseTo(0.25, 6);
    expect(b.image).toBeCloseTo(0.75, 6);
    // one got worse: d = (0.2, −0.1) → Σ 0.1: B_text = −1, B_image = 2 (a reversed step on text, bounded by the clip)
    const c = cggmCoefficients({ text: 0.7, image: 0.4 }, { text: 0.5, image: 0.5 });
    expect(c.text).toBeCloseTo(-1, 5);
    expect(c.image).toBeCloseTo(2, 5);
  });

  it('global clip as torch: factor c/(norm + 1e-6) above c, untouched below', () => {
    tf.tidy(() => {
      const g = { a: tf.tensor1d([3, 0]), b: tf.tensor1d([0, 4]) }; // norm 5
      const r = clipGlobal(g, 0.8);
      expect(r.norm).toBeCloseTo(5, 6);
      expect(r.grads.a.dataSync()[0]).toBeCloseTo((3 * 0.8) / (5 + 1e-6), 6);
      expect(clipGlobal(g, 10).grads).toBe(g);
    });
  });

  it('options: defaults echoed; bad values rejected', () => {
    expect(cggm().config).toEqual({ balancer: 'CGGM', ...CGGM_DEFAULTS });
    expect(() => makeMethod('cggm', { rho: 0 })).toThrow(/CGGM: option 'rho'/);
  });
});

describe('CGGM on the trainer', () => {
  it('composes: no leak, same bytes; step 1 compares with accuracy 0 (B from the accuracies themselves)', () => {
    const run = expectComposes(() => makeMethod('cggm'));
    const s = run.steps[0];
    const sum = s.cggm_acc_text + s.cggm_acc_image + 1e-8;
    expect(s.coef_text).toBeCloseTo((sum - s.cggm_acc_text) / sum, 6);
    for (const r of run.steps) expect(Number.isFinite(r.grad_norm)).toBe(true);
  });

  /** one full-batch step, clip off; displacement of each encoder with / without the method */
  function ratios(options: TrainOptions) {
    const step = (method?: BalancingMethod) => {
      const model = withMethod(concatFusion(toyDims, 1), method, 1);
      const g = model.groups();
      const before = Object.fromEntries(Object.entries(g).map(([k, vs]) => [k, vs.map((v) => Float64Array.from(v.dataSync()))]));
      const r = train(model, toySplit, {
        epochs: 1,
        seed: 1,
        progress: false,
        weightDecay: 0,
        ...options,
        batchSize: toySplit.train.labels.length,
        ...(method ? { balancer: method } : {}),
      });
      const moved = Object.fromEntries(
        Object.entries(g).map(([k, vs]) => [
          k,
          Math.sqrt(
            vs.reduce(
              (a, v, i) => a + Array.from(v.dataSync() as Float32Array).reduce((t: number, x: number, j: number) => t + (x - before[k][i][j]) ** 2, 0),
              0,
            ),
          ),
        ]),
      );
      model.dispose();
      return { moved, s: (r.steps.objects() as Record<string, number>[])[0] };
    };
    const plain = step(),
      m = step(makeMethod('cggm', { clip: 0 }));
    return { plain, m };
  }

  it('under SGD each encoder moves ρ·B_m as far (the intended amount); under its Adam preset the factor is divided out on step 1', () => {
    const sgd = ratios({ lr: 0.01, optimizer: { kind: 'sgd', momentum: 0.9 } });
    for (const g of ['text', 'image']) {
      const want = 1.3 * Math.abs(sgd.m.s[`coef_${g}`]);
      expect(Math.abs(sgd.m.moved[g] / sgd.plain.moved[g] / want - 1)).toBeLessThan(0.02);
    }
    const p = methodPreset('cggm', 'authors').train;
    expect(p).toMatchObject({ lr: 1e-3, batchSize: 128 });
    const adam = ratios({ lr: p.lr });
    for (const g of ['text', 'image']) {
      expect(adam.m.s[`coef_${g}`]).toBeGreaterThan(0); // a positive factor at step 1 ...
      expect(Math.abs(adam.m.moved[g] / adam.plain.moved[g] - 1)).toBeLessThan(0.02); // ... which Adam's lr·g/(|g| + ε) cancels
    }
  });
});
