import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../lib/backend';
import { OLM_DEFAULTS, adamStep, normLossGrad, olm } from '../../lib/balance/olm';
import { makeMethod } from '../../lib/balance/index';
import { methodPreset } from '../../lib/balance/presets';
import { makeBatch } from '../../lib/data/batch';
import { concatFusion } from '../../lib/models/late-fusion';
import { expectComposes, toyDims, toySplit } from '../helpers/balancing';

beforeAll(async () => {
  await initBackend({ quiet: true });
});

describe('OLM equations', () => {
  it('Eq. 2–5 by hand: the norm loss and its gradient (target held constant)', () => {
    // one sample, norms (3, 1), w = (1, 1), r = (1, 1): N = (3, 1), target = 2 each → |1| + |−1| = 2; ∂ = (+3, −1)
    expect(normLossGrad([[3, 1]], [1, 1], [1, 1])).toEqual({ grad: [3, -1], loss: 2 });
    // r = (0.5, 1.5): targets (1, 3): N − C = (2, −2)
    expect(normLossGrad([[3, 1]], [1, 1], [0.5, 1.5])).toEqual({ grad: [3, -1], loss: 4 });
  });

  it("torch's Adam on numbers: the first step is lr·sign(g) (coupled L2 added to g)", () => {
    const s = { m: [0, 0], v: [0, 0], t: 0 };
    const w = adamStep([1, 1], [3, -1], s, 1e-4, 0);
    expect(w[0]).toBeCloseTo(1 - 1e-4, 9);
    expect(w[1]).toBeCloseTo(1 + 1e-4, 9);
    // second step with g = (1, 1): m = (0.9·0.3 + 0.1, 0.9·(−0.1) + 0.1), v likewise, bias-corrected
    const m = [0.27 + 0.1, -0.09 + 0.1],
      v = [0.999 * 0.009 + 0.001, 0.999 * 0.001 + 0.001];
    const w2 = adamStep(w, [1, 1], s, 1e-4, 0);
    w2.forEach((x, j) => expect(x).toBeCloseTo(w[j] - (1e-4 * (m[j] / 0.19)) / (Math.sqrt(v[j] / (1 - 0.999 ** 2)) + 1e-8), 9));
  });

  it('options: defaults echoed; bad values rejected', () => {
    expect(olm().config).toEqual({ balancer: 'OLM', ...OLM_DEFAULTS });
    expect(() => makeMethod('olm', { lr: 0 })).toThrow(/OLM: option 'lr'/);
  });
});

describe('OLM on the trainer', () => {
  it('composes: no leak, same bytes; coefficients start at 1 and move', () => {
    const run = expectComposes(() => makeMethod('olm'));
    expect([run.steps[0].coef_text, run.steps[0].coef_image, run.steps[0].coef_fused]).toEqual([1, 1, 1]);
    const last = run.steps[run.steps.length - 1];
    expect(last.coef_text !== 1 || last.coef_image !== 1).toBe(true);
    for (const s of run.steps) expect(s.loss_balanced).toBeCloseTo(s.loss_olm_text + s.loss_olm_image + s.loss_olm_fused, 5);
  });

  it('what it modulates, under its Adam: step 1 moves each coefficient by lr against the sign of its gradient (CE part + norm part, by hand)', () => {
    const p = methodPreset('olm', 'authors').train;
    expect(p).toMatchObject({ lr: 1e-4, weightDecay: 2e-4, batchSize: 64 });
    const model = concatFusion(toyDims, 1);
    const m = olm();
    m.setup();
    tf.tidy(() => {
      const batch = makeBatch(
        toySplit.train,
        Int32Array.from({ length: 64 }, (_, i) => i),
        'none',
      );
      const out = model.forward(batch);
      m.stepLoss({ model, batch, out, data: toySplit.train, epoch: 1, step: 1 });
      const zs = [out.branches!.text, out.branches!.image, out.logits];
      const y = tf.oneHot(batch.labels, 2);
      const norms = tf
        .stack(
          zs.map((z) => tf.norm(z, 'euclidean', 1)),
          1,
        )
        .arraySync() as number[][];
      const dce = zs.map((z) => tf.mean(tf.sum(tf.mul(tf.sub(tf.softmax(z), y), z), 1)).dataSync()[0]);
      const g = normLossGrad(norms, [1, 1, 1], [1, 1, 1]).grad.map((x, j) => x + dce[j] + 2e-4);
      const rec = m.stepLoss({ model, batch, out, data: toySplit.train, epoch: 1, step: 2 }).record!; // reports the coefficients after step 1
      [rec.coef_text, rec.coef_image, rec.coef_fused].forEach((w, j) => expect(w).toBeCloseTo(1 - 1e-4 * Math.sign(g[j]), 7));
    });
    model.dispose();
  });
});
