import { describe, expect, it, beforeAll } from 'vitest';
import { tf } from '../../../lib/backend';
import { synthetic } from '../../../lib/data/synthetic';
import { BMR } from '../../../lib/models/baselines/bmr';
import { describeBaseline, dimsOf, firstRows, setup } from './harness';

describeBaseline('BMR', (dims, seed) => new BMR(dims, { seed }));

describe('BMR: gated mixture', () => {
  beforeAll(setup);
  it('final logits are the gate-weighted sum of the three single-view logits', () => {
    const ds = synthetic({ samples: 300 });
    const m = new BMR(dimsOf(ds));
    tf.tidy(() => {
      const out = m.forward(firstRows(ds, 16), false);
      const g = out.extra!.gate as tf.Tensor2D;
      expect(tf.max(tf.abs(tf.sub(tf.sum(g, 1), 1))).dataSync()[0]).toBeLessThan(1e-5);
      const views = [out.branches!.text, out.branches!.image, out.extra!.fusedLogits as tf.Tensor2D];
      const mix = tf.addN(views.map((l, k) => tf.mul(l, g.slice([0, k], [-1, 1]))));
      expect(tf.max(tf.abs(tf.sub(mix, out.logits))).dataSync()[0]).toBeLessThan(1e-5);
    });
    m.dispose();
  });
});
