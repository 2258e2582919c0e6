import { describe, expect, it, beforeAll } from 'vitest';
import { tf } from '../../../lib/backend';
import { synthetic } from '../../../lib/data/synthetic';
import { CAFE, outerProductCorrelation } from '../../../lib/models/baselines/cafe';
import { alignmentPairs } from '../../../lib/models/baselines/common';
import { describeBaseline, dimsOf, firstRows, setup } from './harness';

describeBaseline('CAFE', (dims, seed) => new CAFE(dims, { seed }));

describe('CAFE: modules', () => {
  beforeAll(setup);

  it('alignment pairs: real posts (label 0) only, images rolled by 3 among them', () => {
    const y = tf.tensor1d([0, 1, 0, 0, 1, 0, 0], 'int32'),
      y2 = tf.tensor1d([1, 1, 0], 'int32');
    const p = alignmentPairs(y, 'real', 3)!;
    expect(Array.from(p.anchor)).toEqual([0, 2, 3, 5, 6]);
    // torch.roll(x, 3)[i] = x[i − 3]
    expect(Array.from(p.rolled)).toEqual([3, 5, 6, 0, 2]);
    expect(alignmentPairs(y2, 'real')).toBeNull();
    expect(Array.from(alignmentPairs(y2, 'all', 3)!.rolled)).toEqual([2, 0, 1]); // 3 mod 3 = 0 would match every image: shift 1 instead
    tf.dispose([y, y2]);
  });

  it('outer-product correlation: softmax rows max-pooled, in (1/d, 1]', () => {
    const c = tf.tidy(() => outerProductCorrelation(tf.tensor2d([[1, 0]]), tf.tensor2d([[2, 0]])).arraySync());
    // row 0: softmax([2, 0]/√2); row 1: softmax([0, 0]) = ½
    const e = Math.exp(2 / Math.SQRT2);
    expect(c[0][0]).toBeCloseTo(e / (e + 1), 5);
    expect(c[0][1]).toBeCloseTo(0.5, 5);
  });

  it('ambiguity in (0, 1); inference is deterministic; the aligners get no CE gradient', () => {
    const ds = synthetic({ samples: 300 });
    const m = new CAFE(dimsOf(ds));
    tf.tidy(() => {
      const b = firstRows(ds, 32);
      const a1 = m.forward(b, false).extra!.ambiguity.dataSync();
      const a2 = m.forward(b, false).extra!.ambiguity.dataSync();
      expect(Array.from(a1)).toEqual(Array.from(a2));
      for (const a of a1) expect(a > 0 && a < 1).toBe(true);
      const alignVars = [...m.aligners.text.variables(), ...m.aligners.image.variables()];
      const { grads } = tf.variableGrads(() => m.loss(m.forward(b, true), b).ce, [...alignVars, ...m.encoders.text.variables()]);
      for (const v of alignVars) expect(grads[v.name] === undefined || tf.sum(tf.abs(grads[v.name])).dataSync()[0] === 0).toBe(true);
      expect(tf.sum(tf.abs(grads[m.encoders.text.variables()[0].name])).dataSync()[0]).toBeGreaterThan(0);
    });
    m.dispose();
  });
});
