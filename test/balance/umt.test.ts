import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../lib/backend';
import { UMT_DEFAULTS, umt } from '../../lib/balance/umt';
import { makeMethod } from '../../lib/balance/index';
import { methodPreset } from '../../lib/balance/presets';
import { withMethod, type BalancingMethod } from '../../lib/balance/method';
import { makeBatch } from '../../lib/data/batch';
import { concatFusion } from '../../lib/models/late-fusion';
import { train } from '../../lib/train/trainer';
import { expectComposes, toyDims, toySplit } from '../helpers/balancing';

beforeAll(async () => {
  await initBackend({ quiet: true });
});

const ctxFor = (model: ReturnType<typeof concatFusion>, batchSize = 32) => ({ model, data: toySplit, seed: 1, epochs: 1, batchSize });

describe('UMT', () => {
  it('options: defaults echoed; bad values rejected', () => {
    expect(umt().config).toEqual({ balancer: 'UMT', ...UMT_DEFAULTS });
    expect(() => makeMethod('umt', { teacherEpochs: 0 })).toThrow(/UMT: option 'teacherEpochs'/);
  });

  it('Eq. 1: setup trains the teachers, stores their features and restores the host bit for bit', () => {
    const model = concatFusion(toyDims, 1);
    const before = model.variables().map((v) => Array.from(v.dataSync()));
    const m = umt({ teacherEpochs: 2 });
    const n0 = tf.memory().numTensors;
    m.setup(ctxFor(model));
    expect(model.variables().map((v) => Array.from(v.dataSync()))).toEqual(before);
    const t = (m as unknown as { teacher: Record<string, tf.Tensor2D> }).teacher;
    expect(Object.keys(t).sort()).toEqual(['image', 'text']);
    expect(t.text.shape[0]).toBe(toySplit.train.labels.length);
    // the teachers differ from the untrained encoder's features
    const f0 = tf.tidy(() => model.forward(makeBatch(toySplit.train, Int32Array.from([0, 1, 2]), 'none')).features!.text.arraySync());
    const ft = tf.tidy(() => t.text.slice([0, 0], [3, -1]).arraySync());
    expect(ft).not.toEqual(f0);
    m.dispose();
    expect(tf.memory().numTensors).toBe(n0);
    model.dispose();
  });

  it("Eq. 2 by hand: s · Σ_m mean((φ̂ − φ)²) on the rows of the epoch's own order", () => {
    const model = concatFusion(toyDims, 1);
    const m = umt({ teacherEpochs: 1, scaling: 10 });
    m.setup(ctxFor(model, 8));
    const plan = m.beginEpoch(1, ctxFor(model, 8));
    const rows = plan.order!.slice(0, 8);
    tf.tidy(() => {
      const batch = makeBatch(toySplit.train, rows, 'none');
      const out = model.forward(batch);
      const r = m.stepLoss({ model, batch, out, data: toySplit.train, epoch: 1, step: 1 });
      const t = (m as unknown as { teacher: Record<string, tf.Tensor2D> }).teacher;
      const idx = tf.tensor1d(rows, 'int32');
      const want = ['text', 'image'].reduce((a, g) => a + tf.mean(tf.square(tf.sub(tf.gather(t[g], idx), out.features![g]))).dataSync()[0], 0);
      expect(r.record!.umt_mse).toBeCloseTo(want, 5);
      expect(r.losses!.umt.dataSync()[0]).toBeCloseTo(10 * want, 4);
    });
    m.dispose();
    model.dispose();
  });

  it('composes: no leak, same bytes', () => {
    const run = expectComposes(() => makeMethod('umt', { teacherEpochs: 1 }));
    expect(run.steps.every((s) => s.umt_mse >= 0)).toBe(true);
  });

  it('under SGD (its preset is Adam: lr·sign(g) on step 1), the distillation term moves the weights s-linearly', () => {
    expect(methodPreset('umt', 'authors').train).toMatchObject({ lr: 1e-3, batchSize: 32 });
    const opts = { lr: 0.05, weightDecay: 0, batchSize: toySplit.train.labels.length, optimizer: { kind: 'sgd' as const, momentum: 0 } };
    const step = (method: BalancingMethod) => {
      const model = withMethod(concatFusion(toyDims, 1), method, 1);
      const vs = model.variables();
      train(model, toySplit, { epochs: 1, seed: 1, progress: false, ...opts, balancer: method });
      const w = vs.map((v) => Float64Array.from(v.dataSync()));
      model.dispose();
      return w;
    };
    const a0 = step(makeMethod('umt', { scaling: 0, teacherEpochs: 1 })),
      a1 = step(makeMethod('umt', { scaling: 1, teacherEpochs: 1 })),
      a3 = step(makeMethod('umt', { scaling: 3, teacherEpochs: 1 }));
    const n = (x: Float64Array[], y: Float64Array[]) => Math.sqrt(x.reduce((s, a, i) => s + a.reduce((t, v, j) => t + (v - y[i][j]) ** 2, 0), 0));
    expect(n(a1, a0)).toBeGreaterThan(0);
    expect(Math.abs(n(a3, a0) / n(a1, a0) / 3 - 1)).toBeLessThan(0.02);
  });
});
