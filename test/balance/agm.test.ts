import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../lib/backend';
import { AGM_DEFAULTS, agm, agmCoefficients, conformity, shapleyLogits } from '../../lib/balance/agm';
import { makeMethod as makeBalancer } from '../../lib/balance/index';
import { expectComposes } from '../helpers/balancing';

beforeAll(async () => {
  await initBackend({ quiet: true });
});

describe('AGM', () => {
  it('Shapley mono-modal logits from the four (un)masked passes; they add up to f(t, i) − f(0, 0)', () => {
    const t = (x: number[]) => tf.tensor2d([x]);
    const o = shapleyLogits(t([2, 0]), t([1, 0]), t([1.5, 0]), t([0.5, 0]));
    // text: ½[(2 − 1) + (1.5 − 0.5)] = 1; image: ½[(2 − 1.5) + (1 − 0.5)] = 0.5
    expect(Array.from(o.text.dataSync())).toEqual([1, 0]);
    expect(Array.from(o.image.dataSync())).toEqual([0.5, 0]);
    expect(Array.from(tf.add(o.text, o.image).dataSync())).toEqual([2 - 0.5, 0]);
    tf.dispose([o.text, o.image]);
  });

  it('conformity = mean −log p(y), floored at p = 1e-8', () => {
    const l = tf.tensor2d([
      [0, 0],
      [100, -100],
    ]);
    const y = tf.tensor1d([0, 1], 'int32');
    expect(conformity(l, y)).toBeCloseTo((Math.log(2) + -Math.log(1e-8)) / 2, 4);
    tf.dispose([l, y]);
  });

  it('k^m = exp(α · min(r̄^m − r^m, 7)) with r^t = exp(c^i − c^t)', () => {
    const { ratio, coef } = agmCoefficients({ text: 0.2, image: 0.6 }, { text: 0.3, image: 0.5 }, 1);
    expect(ratio.text).toBeCloseTo(Math.exp(0.4), 12);
    expect(coef.text).toBeCloseTo(Math.exp(Math.exp(0.2) - Math.exp(0.4)), 12); // 0.763057: text ahead of its average → slowed
    expect(coef.text).toBeCloseTo(0.763057, 5);
    expect(coef.image).toBeCloseTo(Math.exp(Math.exp(-0.2) - Math.exp(-0.4)), 12); // 1.15999: boosted
    expect(agmCoefficients({ text: 1, image: 1 }, { text: 0, image: 10 }, 0.5).coef.text).toBeCloseTo(Math.exp(0.5 * 7), 9); // capped at 7
  });

  it('global-norm gradient clipping', () => {
    const a = agm({ clip: 1 });
    const record: Record<string, number> = {};
    const g = { a: tf.tensor([3]), b: tf.tensor([4]) };
    const out = a.transformGradients(g, { record } as never);
    expect(record.grad_norm).toBeCloseTo(5, 6);
    expect(out.a.dataSync()[0]).toBeCloseTo(0.6, 5);
    expect(out.b.dataSync()[0]).toBeCloseTo(0.8, 5);
    expect(agm({ clip: 10 }).transformGradients(g, { record: {} } as never)).toBe(g);
    tf.dispose([...Object.values(g), ...Object.values(out)]);
    expect(agm().config).toEqual({ balancer: 'AGM', ...AGM_DEFAULTS, end: null });
    expect(() => makeBalancer('agm', { beta: 1 })).toThrow(/AGM: unknown option 'beta'/);
  });

  it('composes with the trainer; the first step has k = exp(α(1 − r)) (running means start at 0)', () => {
    const run = expectComposes(() => makeBalancer('agm'));
    const s = run.steps[0];
    expect(s.coef_text).toBeCloseTo(Math.exp(1 - s.ratio_text), 9);
    expect(s.ratio_text * s.ratio_image).toBeCloseTo(1, 9);
    expect(run.steps.every((r) => Number.isFinite(r.grad_norm) && Number.isFinite(r.agm_ce_image))).toBe(true);
  });
});
