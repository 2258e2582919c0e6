import { describe, expect, it, beforeAll } from 'vitest';
import { tf } from '../../../lib/backend';
import { synthetic } from '../../../lib/data/synthetic';
import { EANN } from '../../../lib/models/baselines/eann';
import { describeBaseline, dimsOf, firstRows, setup } from './harness';

describeBaseline('EANN', (dims, seed, ds) => new EANN(dims, { seed, events: ds.eventNames!.length }));

describe('EANN: event adversary', () => {
  beforeAll(setup);

  it("the event head's gradient on the shared features R_F is −λ times the non-reversed one", () => {
    const ds = synthetic({ samples: 300 });
    const m = new EANN(dimsOf(ds), { events: 12, lambda: 0.7 });
    tf.tidy(() => {
      const b = firstRows(ds, 32);
      const rf = tf.randomNormal([32, 64], 0, 1, 'float32', 5) as tf.Tensor2D;
      const ce = (reverse: boolean) => (x: tf.Tensor) =>
        tf.losses.softmaxCrossEntropy(tf.oneHot(b.events!, 12), m.discriminate(x as tf.Tensor2D, reverse)) as tf.Scalar;
      const gRev = tf.grad(ce(true))(rf);
      const gPlain = tf.grad(ce(false))(rf);
      const dot = tf.sum(tf.mul(gRev, gPlain)).dataSync()[0];
      expect(dot).toBeLessThan(0); // opposite sign
      expect(tf.max(tf.abs(tf.add(gRev, tf.mul(0.7, gPlain)))).dataSync()[0]).toBeLessThan(1e-6);
      // the forward value is untouched by the reversal layer
      expect(ce(true)(rf).dataSync()[0]).toBeCloseTo(ce(false)(rf).dataSync()[0], 6);
    });
    m.dispose();
  });

  it("the discriminator's own weights still descend L_e (reversal acts only below it)", () => {
    const ds = synthetic({ samples: 300 });
    const m = new EANN(dimsOf(ds), { events: 12 });
    tf.tidy(() => {
      const b = firstRows(ds, 64);
      const discVars = [...m.disc1!.variables(), ...m.disc2!.variables()];
      const f = () => m.loss(m.forward(b, true), b).event;
      const { grads } = tf.variableGrads(f, discVars);
      const before = f().dataSync()[0];
      for (const v of discVars) v.assign(tf.sub(v, tf.mul(1e-2, grads[v.name])));
      expect(f().dataSync()[0]).toBeLessThan(before);
    });
    m.dispose();
  });

  it('events absent (option 0, or a batch without event ids) → discriminator off, loss = CE only', () => {
    const ds = synthetic({ samples: 300 });
    const off = new EANN(dimsOf(ds), { events: 0 });
    const on = new EANN(dimsOf(ds), { events: 12 });
    tf.tidy(() => {
      const b = firstRows(ds, 32);
      expect(Object.keys(off.loss(off.forward(b, true), b)).sort()).toEqual(['ce', 'total']);
      expect(Object.keys(on.loss(on.forward(b, true), b)).sort()).toEqual(['ce', 'event', 'total']);
      const noEvents = { ...b, events: undefined };
      expect(Object.keys(on.loss(on.forward(noEvents, true), noEvents)).sort()).toEqual(['ce', 'total']);
    });
    expect(off.paramCount()).toBeLessThan(on.paramCount());
    off.dispose();
    on.dispose();
  });

  it('an event id outside 0..E−1 is an error naming the option', () => {
    const ds = synthetic({ samples: 300 });
    const m = new EANN(dimsOf(ds), { events: 5 });
    expect(() => tf.tidy(() => void m.forward(firstRows(ds, 64), true))).toThrow(/events/);
    m.dispose();
  });
});
