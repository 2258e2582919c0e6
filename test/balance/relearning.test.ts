import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../lib/backend';
import { RELEARNING_DEFAULTS, reinitStrength, relearning, softReinit } from '../../lib/balance/relearning';
import { makeMethod as makeBalancer } from '../../lib/balance/index';
import { expectComposes } from '../helpers/balancing';

beforeAll(async () => {
  await initBackend({ quiet: true });
});

describe('Diagnosing & Re-learning', () => {
  it('re-init formula θ ← w·θ_init + (1 − w)·θ and strength w = tanh(λ·|gap|)', () => {
    const v = tf.variable(tf.tensor([3, 5]));
    const init = tf.tensor([1, 1]);
    softReinit(v, init, 0.25); // 0.25·[1, 1] + 0.75·[3, 5] = [2.5, 4]
    expect(Array.from(v.dataSync())).toEqual([2.5, 4]);
    softReinit(v, init, 1);
    expect(Array.from(v.dataSync())).toEqual([1, 1]);
    tf.dispose([v, init]);
    expect(reinitStrength(0.9, 0.7, 3)).toBeCloseTo(Math.tanh(0.6), 12);
    expect(reinitStrength(0.7, 0.9, 3)).toBeCloseTo(Math.tanh(0.6), 12);
    expect(reinitStrength(0.8, 0.8, 3)).toBe(0);
  });

  it('composes with the trainer: diagnosis every epoch, soft re-init on schedule, at most `times`', () => {
    expect(relearning().config).toEqual({ balancer: 'diagnose-relearn', ...RELEARNING_DEFAULTS });
    expect(() => makeBalancer('diagnose-relearn', { every: 0 })).toThrow(/'every' must be a positive integer/);
    const run = expectComposes(() => makeBalancer('diagnose-relearn', { every: 1, times: 2 }));
    expect(run.history.map((h) => h.reinit)).toEqual([1, 1, 0]);
    for (const h of run.history) {
      for (const b of ['text', 'image']) {
        expect(h[`strength_${b}`]).toBeCloseTo(reinitStrength(h[`purity_train_${b}`], h[`purity_val_${b}`], 3), 12);
        expect(h[`coef_${b}`]).toBe(h.reinit ? h[`strength_${b}`] : 0);
        expect(h[`purity_train_${b}`]).toBeGreaterThanOrEqual(0.5);
      }
    }
  });
});
