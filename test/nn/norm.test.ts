import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../lib/backend/index';
import { l2normalize, safeNorm } from '../../lib/nn/norm';
import { cosineSimilarity } from '../../lib/losses/cosine-embedding';
import { supCon } from '../../lib/losses/supcon';
import { synthetic } from '../../lib/data/synthetic';
import { applySplit, splitIndices } from '../../lib/data/splits';
import { makeBaseline } from '../../lib/models/baselines/index';
import { train } from '../../lib/train/trainer';
import type { Model } from '../../lib/models/model';

beforeAll(async () => {
  await initBackend({ quiet: true });
});

const finite = (t: tf.Tensor) => Array.from(t.dataSync()).every(Number.isFinite);

describe('norms at a zero row (posts without an image)', () => {
  const x = tf.tensor2d([
    [0, 0, 0],
    [3, 4, 0],
  ]);
  it('values: ‖0‖ ≈ 0, ‖(3,4,0)‖ = 5; a zero row normalises to zero', () => {
    const n = safeNorm(x).dataSync();
    expect(n[0]).toBeLessThan(1e-5);
    expect(n[1]).toBeCloseTo(5, 5);
    expect(Array.from(l2normalize(x).dataSync())).toEqual([0, 0, 0, expect.closeTo(0.6, 5), expect.closeTo(0.8, 5), 0]);
  });
  it('gradients are finite (tf.norm gives NaN there)', () => {
    expect(finite(tf.grad((a: tf.Tensor) => tf.sum(l2normalize(a as tf.Tensor2D)))(x))).toBe(true);
    expect(finite(tf.grad((a: tf.Tensor) => tf.sum(cosineSimilarity(a as tf.Tensor2D, x)))(x))).toBe(true);
    expect(finite(tf.grad((a: tf.Tensor) => supCon(a as tf.Tensor2D, tf.tensor1d([0, 0], 'int32')))(x))).toBe(true);
    expect(finite(tf.grad((a: tf.Tensor) => tf.sum(tf.norm(a, 2, 1)))(x))).toBe(false); // why nn/norm exists
  });
});

describe('baselines on a dataset whose images are all missing (Weibo-like)', () => {
  const ds = synthetic({ samples: 300, seed: 2, missingRate: { image: 1 } });
  const sp = applySplit(ds, splitIndices(ds, { seed: 1 }));
  const dims = Object.fromEntries(Object.entries(ds.views).map(([k, v]) => [k, v!.dim]));
  for (const name of ['SAFE', 'MRML', 'BMR', 'CAFE', 'EANN']) {
    it(`${name}: finite losses`, () => {
      const m: Model = makeBaseline(name, dims, { seed: 1, events: ds.eventNames?.length ?? 0 });
      const r = train(m, sp, { epochs: 2, seed: 1 });
      for (const row of r.history.objects() as Record<string, number>[]) expect(Number.isFinite(row.train_loss_total)).toBe(true);
      m.dispose();
    });
  }
});
