import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../lib/backend';
import { MMCOSINE_DEFAULTS, cosineLogits, mmcosine } from '../../lib/balance/mmcosine';
import { makeMethod as makeBalancer } from '../../lib/balance/index';
import { withMethod } from '../../lib/balance/method';
import { concatFusion } from '../../lib/models/late-fusion';
import { makeBatch } from '../../lib/data/batch';
import { expectComposes, toy, toyDims } from '../helpers/balancing';

beforeAll(async () => {
  await initBackend({ quiet: true });
});

describe('MMCosine', () => {
  it('cosine logits: s · (φ/‖φ‖) · (W_k/‖W_k‖), no bias', () => {
    // φ = [3, 4] → [0.6, 0.8]; W columns [2, 0] → [1, 0] and [1, 1] → [0.7071, 0.7071]
    const got = tf.tidy(() =>
      cosineLogits(
        tf.tensor2d([
          [3, 4],
          [0, 0],
        ]),
        tf.tensor2d([
          [2, 1],
          [0, 1],
        ]),
        10,
      ).arraySync(),
    );
    expect(got[0][0]).toBeCloseTo(6, 4); // 10 · 0.6
    expect(got[0][1]).toBeCloseTo((10 * (0.6 + 0.8)) / Math.SQRT2, 4); // 9.8995
    expect(got[1]).toEqual([0, 0]); // a zero feature row (missing modality) gives 0, not NaN
  });

  it('the wrapped late fusion: logits = Σ_u branch cosine logits, each |branch logit| ≤ s', () => {
    const method = mmcosine({ scale: 12 });
    const m = withMethod(concatFusion(toyDims, 2), method, 2);
    tf.tidy(() => {
      const out = m.forward(makeBatch(toy, [0, 1, 2, 3]), false);
      const sum = tf.add(out.branches!.text, out.branches!.image);
      expect(Array.from(out.logits.dataSync())).toEqual(Array.from(sum.dataSync()));
      expect(Math.max(...Array.from(tf.abs(out.branches!.text).dataSync()))).toBeLessThanOrEqual(12 + 1e-4);
    });
    // the inner encoders stay the groups; the head's two W^u [128, 2] are the only extra variables
    expect(Object.keys(m.groups())).toEqual(['text', 'image']);
    const inner = (m as unknown as { inner: { variables(): tf.Variable[] } }).inner.variables();
    expect(
      m
        .variables()
        .slice(inner.length)
        .map((v) => v.shape),
    ).toEqual([
      [128, 2],
      [128, 2],
    ]);
    expect(m.config).toMatchObject({ head: 'cosine head s=12', balancer: { balancer: 'MMCosine', scale: 12 } });
    m.dispose();
    expect(mmcosine().config).toEqual({ balancer: 'MMCosine', ...MMCOSINE_DEFAULTS });
    expect(() => makeBalancer('mmcosine', { s: 10 })).toThrow(/MMCosine: unknown option 's'/);
  });

  it('composes with the trainer; the trainer refuses the bare (unwrapped) model', async () => {
    const { train } = await import('../../lib/train/trainer');
    const { toySplit } = await import('../helpers/balancing');
    const bare = concatFusion(toyDims, 1);
    expect(() => train(bare, toySplit, { epochs: 1, balancer: mmcosine(), progress: false })).toThrow(/changes the model's forward pass: train withMethod/);
    bare.dispose();
    const run = expectComposes(() => makeBalancer('mmcosine'));
    expect(run.history[run.history.length - 1].train_acc).toBeGreaterThan(0.7);
    expect(Number.isFinite(run.steps[0].share_text)).toBe(true);
  });
});
