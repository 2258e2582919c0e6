import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../lib/backend';
import { PMR_DEFAULTS, classMeans, pmr, pmrCoefficients, prototypeLogits, updatePrototypes } from '../../lib/balance/pmr';
import { makeMethod as makeBalancer } from '../../lib/balance/index';
import { expectComposes } from '../helpers/balancing';

beforeAll(async () => {
  await initBackend({ quiet: true });
});

describe('PMR', () => {
  it('prototype update: class means, then c ← (1 − μ)·mean + μ·c_old', () => {
    // 4 rows, d = 2: class 0 = rows [1, 2], [3, 4]; class 1 = rows [10, 0], [0, 10]
    const mean = classMeans([1, 2, 3, 4, 10, 0, 0, 10], 2, [0, 0, 1, 1], 2);
    expect(Array.from(mean)).toEqual([2, 3, 5, 5]);
    expect(Array.from(updatePrototypes(mean, undefined, 0.2))).toEqual([2, 3, 5, 5]); // first epoch: the means
    // μ = 0.2 with old [0, 0, 10, 0]: 0.8·[2, 3, 5, 5] + 0.2·[0, 0, 10, 0] = [1.6, 2.4, 6, 4]
    const up = Array.from(updatePrototypes(mean, [0, 0, 10, 0], 0.2));
    [1.6, 2.4, 6, 4].forEach((v, i) => expect(up[i]).toBeCloseTo(v, 6));
    // a class absent from the sample keeps its old prototype
    expect(Array.from(updatePrototypes(classMeans([1, 1], 2, [0], 2), [0, 0, 7, 7], 0.2)).slice(2)).toEqual([7, 7]);
  });

  it('prototype logits are negative Euclidean distances; the slower modality gets α·PCE', () => {
    const l = tf.tidy(() =>
      prototypeLogits(
        tf.tensor2d([
          [0, 0],
          [3, 4],
        ]),
        tf.tensor2d([
          [0, 0],
          [3, 0],
        ]),
      ).arraySync(),
    );
    expect(l[0][0]).toBeCloseTo(0, 5);
    expect(l[0][1]).toBeCloseTo(-3, 5);
    expect(l[1][0]).toBeCloseTo(-5, 5);
    expect(l[1][1]).toBeCloseTo(-4, 5);
    expect(pmrCoefficients(1.3, 2)).toEqual([0, 2]); // first modality ahead → the second's PCE
    expect(pmrCoefficients(0.7, 2)).toEqual([2, 0]);
    expect(pmrCoefficients(1, 2)).toEqual([0, 0]);
    expect(pmr().config).toEqual({ balancer: 'PMR', ...PMR_DEFAULTS });
    expect(() => makeBalancer('pmr', { momentum: 2 })).toThrow(/'momentum' must be in \[0, 1\]/);
  });

  it('composes with the trainer: prototype losses recorded, the weaker modality weighted each step, no leak', () => {
    const run = expectComposes(() => makeBalancer('pmr'));
    for (const s of run.steps) {
      expect(s.coef_text + s.coef_image).toBe(s.ratio_proto === 1 ? 0 : 1);
      expect(s.coef_text).toBe(s.ratio_proto < 1 ? 1 : 0);
      expect(s.loss_pce_text).toBeCloseTo(s.coef_text * s.proto_ce_text, 5);
    }
  });
});
