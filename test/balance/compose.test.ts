import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../lib/backend';
import { composeMethods } from '../../lib/balance/compose';
import { makeMethod } from '../../lib/balance/index';
import { mib } from '../../lib/balance/mib';
import type { BalancingMethod } from '../../lib/balance/method';

beforeAll(async () => {
  await initBackend({ quiet: true });
});

describe('composeMethods: several plug-ins on one run (a balancer and UKR)', () => {
  it('multiplies group factors, chains gradient transforms, multiplies shared step factors, merges records', () => {
    const a = mib({ alpha1: 0.8 });
    const f1 = tf.tensor([0.5, 1]),
      f2 = tf.tensor([0.5, 0.2]);
    const u1: BalancingMethod = {
      name: 'u1',
      modulate: () => ({ scale: { text: 0.5 } }),
      updateFactors: new Map([['w', f1]]),
      transformGradients: (g) => ({ ...g, w: tf.mul(g.w, 2) }),
    };
    const u2: BalancingMethod = {
      name: 'u2',
      modulate: () => ({ scale: {}, record: { x: 1 } }),
      updateFactors: new Map([['w', f2]]),
      transformGradients: (g) => ({ ...g, w: tf.add(g.w, 1) }),
    };
    const c = composeMethods([a, u1, u2]);
    expect(c.name).toBe('MIB + u1 + u2');
    expect(c.balanceMode).toBe('update');
    const r = c.modulate({ scoreSums: { text: 30, image: 10 }, batchSize: 40, epoch: 1, step: 1 });
    expect(r.scale.text).toBeCloseTo((1 - Math.tanh(0.8 * 0.75)) * 0.5, 12);
    expect(r.scale.image).toBe(1);
    expect(r.record).toMatchObject({ x: 1, k_text: expect.any(Number) });
    expect(Array.from(c.updateFactors!.get('w')!.dataSync())).toEqual([0.25, Math.fround(0.2)]);
    const g = c.transformGradients!({ w: tf.tensor([1, 2]) }, {} as never);
    expect(Array.from(g.w.dataSync())).toEqual([3, 5]); // (g·2) + 1: in order
    c.dispose!();
    expect(composeMethods([a])).toBe(a);
    tf.dispose([f1, f2]);
  });

  it('refuses what cannot be merged: two epoch planners, a method that wraps the model', () => {
    expect(() => composeMethods([makeMethod('pmr'), makeMethod('sample-valuation')])).toThrow(/both plan epochs/);
    expect(() => composeMethods([mib(), makeMethod('mmcosine')])).toThrow(/changes the model's forward pass/);
  });
});
