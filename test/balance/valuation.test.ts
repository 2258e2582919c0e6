import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../lib/backend';
import { resampleCopies, sampleContributions, sampleValuation, valuationPlan, VALUATION_DEFAULTS } from '../../lib/balance/valuation';
import { dropRows } from '../../lib/balance/masking';
import { makeBatch } from '../../lib/data/batch';
import { makeMethod as makeBalancer } from '../../lib/balance/index';
import { expectComposes, toy, toySplit } from '../helpers/balancing';

beforeAll(async () => {
  await initBackend({ quiet: true });
});

describe('sample-level modality valuation', () => {
  // four samples: (fused, text-only, image-only) correct?
  //   0: ✓ ✓ ✓   φ_t = (1 + 2 − 1)/2 = 1     φ_i = 1      → no copies
  //   1: ✓ ✓ ✗   φ_t = (1 + 2 − 0)/2 = 1.5   φ_i = 0.5    → 1 image copy
  //   2: ✗ ✗ ✓   φ_t = (0 + 0 − 1)/2 = −0.5  φ_i = 0.5    → 3 text copies, 1 image copy
  //   3: ✗ ✗ ✗   φ_t = 0                      φ_i = 0      → 2 + 2 copies
  const c = sampleContributions([true, true, false, false], [true, true, false, false], [true, false, true, false]);

  it('φ^u = (v(u) + v(all) − v(other)) / 2 on a constructed 4-sample case', () => {
    expect(Array.from(c.text)).toEqual([1, 1.5, -0.5, 0]);
    expect(Array.from(c.image)).toEqual([1, 0.5, 0.5, 0]);
    expect([1.5, 1, 0.5, 0, -0.5].map(resampleCopies)).toEqual([0, 0, 1, 2, 3]);
  });

  it('the epoch plan: every row once, plus copies with the other modality dropped, shuffled by seed', () => {
    const p = valuationPlan(c, 7);
    expect(p.order.length).toBe(4 + 9);
    const copies = (row: number, drop: string | null) => p.drop.filter((d, j) => p.order[j] === row && d === drop).length;
    expect([0, 1, 2, 3].map((r) => copies(r, null))).toEqual([1, 1, 1, 1]);
    expect([0, 1, 2, 3].map((r) => copies(r, 'image'))).toEqual([0, 0, 3, 2]); // text learnt alone
    expect([0, 1, 2, 3].map((r) => copies(r, 'text'))).toEqual([0, 1, 1, 2]);
    expect(valuationPlan(c, 7)).toEqual(p);
    expect(Array.from(valuationPlan(c, 8).order)).not.toEqual(Array.from(p.order));
  });

  it('dropRows zeroes the dropped modality of exactly the planned rows', () => {
    tf.tidy(() => {
      const b = dropRows(makeBatch(toy, [0, 1]), toy, ['image', 'text']);
      const sumRow = (x: tf.Tensor2D, r: number) => tf.sum(tf.abs(x.slice([r, 0], [1, -1]))).dataSync()[0];
      expect(sumRow(b.views.imagePattern, 0)).toBe(0);
      expect(sumRow(b.views.imagePattern, 1)).toBeGreaterThan(0);
      expect(sumRow(b.views.textPattern, 1)).toBe(0);
      expect(sumRow(b.views.textPattern, 0)).toBeGreaterThan(0);
      expect(Array.from(b.present.image.dataSync())).toEqual([0, toy.present.image[1]]);
      expect(() => dropRows(makeBatch(toy, [0]), toy, [null, null])).toThrow(/2 entries for a batch of 1/);
    });
  });

  it('composes with the trainer: warm-up epochs plain, then re-sampled epochs (more steps); records contributions', () => {
    expect(sampleValuation().config).toEqual({ balancer: 'sample-valuation', ...VALUATION_DEFAULTS });
    expect(() => makeBalancer('sample-valuation', { warmup: 1.5 })).toThrow(/'warmup' must be an integer/);
    const run = expectComposes(() => makeBalancer('sample-valuation', { warmup: 1 }));
    const h = run.history;
    expect(h[0].resampled_text + h[0].resampled_image).toBe(0);
    expect(h[1].resampled_text + h[1].resampled_image).toBeGreaterThan(0);
    const stepsIn = (e: number) => run.steps.filter((s) => s.epoch === e).length;
    const N = toySplit.train.labels.length;
    expect(stepsIn(1)).toBe(Math.ceil(N / 32));
    expect(stepsIn(2)).toBe(Math.ceil((N + h[1].resampled_text + h[1].resampled_image) / 32));
    // φ_t + φ_i = v(all) = 2 · [fused correct]: the mean is 2 × the fused training accuracy, a multiple of 2/N
    for (const r of h)
      expect(Math.abs(((r.contrib_text + r.contrib_image) * N) / 2 - Math.round(((r.contrib_text + r.contrib_image) * N) / 2))).toBeLessThan(1e-9);
  });
});
