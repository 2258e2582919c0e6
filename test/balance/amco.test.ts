import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../lib/backend';
import { AMCO_DEFAULTS, amco, amcoDependent, amcoMask, amcoRatio } from '../../lib/balance/amco';
import { makeMethod } from '../../lib/balance/index';
import { makeBatch } from '../../lib/data/batch';
import { concatFusion } from '../../lib/models/late-fusion';
import { runOne } from '../../lib/experiment/run-one';
import { expectComposes, toyDims, toySplit } from '../helpers/balancing';

beforeAll(async () => {
  await initBackend({ quiet: true });
});

describe('AMCo equations', () => {
  it('Eq. 1–2 by hand: the ramp sin(π/2 · min(ε, ℓ)/ε) and ⌊p K⌋ masked classes', () => {
    expect(amcoRatio(0, 0.3)).toBe(0);
    expect(amcoRatio(0.15, 0.3)).toBeCloseTo(Math.SQRT1_2, 12); // sin(π/4)
    expect(amcoRatio(0.9, 0.3)).toBe(1);
    let u = 0;
    const next = () => (u = (u + 0.37) % 1);
    expect(amcoMask(2, 0, next)).toEqual([1, 1]);
    expect(amcoMask(2, Math.SQRT1_2, next).reduce((a, b) => a + b, 0)).toBe(1); // ⌊0.707 · 2⌋ = 1 zero
    expect(amcoMask(2, 1, next)).toEqual([0, 0]);
    expect(amcoMask(6, 0.5, next).filter((x) => x === 0)).toHaveLength(3);
  });

  it('Eq. 4 by hand: a branch is dependent when its block holds > σ of the joint softmax mass', () => {
    tf.tidy(() => {
      // row: a = [ln 3, ln 3], b = [0, 0]: mass of a = 6/8 = 0.75
      expect(amcoDependent([tf.tensor2d([[Math.log(3), Math.log(3)]]), tf.tensor2d([[0, 0]])], 0.5)).toEqual([true, false]);
      expect(amcoDependent([tf.tensor2d([[0, 0]]), tf.tensor2d([[0, 0]])], 0.5)).toEqual([false, false]); // 0.5 is not > 0.5
    });
  });

  it('options: defaults echoed; bad values rejected', () => {
    expect(amco().config).toEqual({ balancer: 'AMCo', ...AMCO_DEFAULTS });
    expect(() => makeMethod('amco', { eps: 0 })).toThrow(/AMCo: option 'eps'/);
  });
});

describe('AMCo on the trainer', () => {
  it('composes: no leak, same bytes; the ramp is 0 in epoch 1 and reaches 1 in epoch 2 after 3 steps', () => {
    const run = expectComposes(() => makeMethod('amco'));
    const byEpoch = (e: number) => run.steps.filter((s) => s.epoch === e);
    expect(byEpoch(1).every((s) => s.amco_ratio === 0)).toBe(true);
    expect(
      byEpoch(2)
        .map((s) => s.amco_ratio)
        .slice(0, 4),
    ).toEqual([0, expect.closeTo(Math.sin(Math.PI / 6), 9), expect.closeTo(Math.sin(Math.PI / 3), 9), 1]);
    expect(run.steps.some((s) => s.amco_dependent_text + s.amco_dependent_image > 0)).toBe(true);
  });

  it("what it modulates: with the dependent modality fully masked its encoder gets no gradient at all, the other's does", () => {
    const model = concatFusion(toyDims, 1);
    const m = amco();
    m.setup({ seed: 1 } as never);
    const batch = makeBatch(
      toySplit.train,
      Int32Array.from({ length: 64 }, (_, i) => i),
      'none',
    );
    const lossAt = (epoch: number, step: number) => {
      const out = model.forward(batch);
      const r = m.stepLoss({ model, batch, out, data: toySplit.train, epoch, step });
      return { loss: tf.addN(Object.values(r.losses!)) as tf.Scalar, rec: r.record! };
    };
    m.beginEpoch(1);
    // force the text branch dependent: a first step sets the flags from the masses; then overwrite for the test
    tf.tidy(() => lossAt(1, 1).loss);
    (m as unknown as { dependent: Record<string, boolean> }).dependent = { text: true, image: false };
    m.beginEpoch(4); // ramp (4 − 1)/10 = 0.3 per step: the second step of the epoch has the full mask
    tf.tidy(() => lossAt(4, 1).loss);
    (m as unknown as { dependent: Record<string, boolean> }).dependent = { text: true, image: false };
    const g = model.groups();
    const { grads } = tf.variableGrads(() => {
      const { loss, rec } = lossAt(4, 2);
      expect(rec.amco_ratio).toBe(1);
      expect(rec.amco_dependent_text).toBe(1);
      return loss;
    }, [...g.text, ...g.image]);
    const norm = (vs: tf.Variable[]) => Math.sqrt(vs.reduce((a, v) => a + tf.sum(tf.square(grads[v.name])).dataSync()[0], 0));
    expect(norm(g.text)).toBe(0);
    expect(norm(g.image)).toBeGreaterThan(0);
    tf.dispose(Object.values(grads));
    model.dispose();
  });

  it("runs on EANN (its branches are slices of its linear detector); refuses fused logits that are not the branches' sum, naming the gap", async () => {
    const spec = {
      dataset: { kind: 'synthetic' as const, options: { samples: 200, seed: 2 } },
      split: { kind: 'random' as const, val: 0.15, test: 0.2, seed: 0 },
      model: { name: 'EANN' },
      balancer: { name: 'amco' },
      seed: 1,
      train: { epochs: 1, batchSize: 32, seed: 1 },
    };
    expect(Number.isFinite((await runOne(spec)).test.acc)).toBe(true);
    const model = concatFusion(toyDims, 1);
    const m = amco();
    m.setup({ seed: 1 } as never);
    m.beginEpoch(1);
    tf.tidy(() => {
      const batch = makeBatch(toySplit.train, Int32Array.from([0, 1, 2, 3]), 'none');
      const out = model.forward(batch);
      expect(() =>
        m.stepLoss({ model, batch, out: { ...out, logits: tf.add(out.logits, 1) as tf.Tensor2D }, data: toySplit.train, epoch: 1, step: 1 }),
      ).toThrow(/AMCo: model .* does not fuse by summing its unimodal logits \(max \|f − Σ branches\| = 1/);
    });
    model.dispose();
  });
});
