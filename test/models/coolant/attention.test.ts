import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../../lib/backend';
import { GuidedAttention, aggregate, guidanceLoss, guidanceTarget } from '../../../lib/models/coolant/attention';
import { CrossModalFusion } from '../../../lib/models/coolant/fusion';
import { AmbiguityModule } from '../../../lib/models/coolant/ambiguity';
import { softTargets } from '../../../lib/models/coolant/similarity';

beforeAll(async () => {
  await initBackend({ quiet: true });
});

describe('COOLANT guided attention', () => {
  it('attention weights are positive and sum to 1 per post', () => {
    const att = new GuidedAttention(4, 8, 1);
    const w = tf.tidy(() =>
      att
        .weights(
          tf.randomNormal([5, 4], 0, 1, 'float32', 1) as tf.Tensor2D,
          tf.randomNormal([5, 4], 0, 1, 'float32', 2) as tf.Tensor2D,
          tf.randomNormal([5, 4], 0, 1, 'float32', 3) as tf.Tensor2D,
        )
        .arraySync(),
    );
    expect(w.length).toBe(5);
    for (const r of w) {
      expect(r.length).toBe(3);
      expect(r.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 5);
      for (const x of r) expect(x).toBeGreaterThan(0);
    }
    att.dispose();
  });

  it('aggregate scales each part by its weight: [w1 u; w2 v; w3 c]', () => {
    const h = tf.tidy(() => aggregate(tf.tensor2d([[0.5, 0.25, 0.25]]), [tf.tensor2d([[2, 4]]), tf.tensor2d([[8]]), tf.tensor2d([[4, 4, 4]])]).arraySync());
    expect(h).toEqual([[1, 2, 2, 1, 1, 1]]);
  });

  it('guidance target [1−a, 1−a, a] (normalised by 2 − a); KL is 0 at w = g and positive elsewhere', () => {
    const a = [0.2, 0.9];
    const g = tf.tidy(() => guidanceTarget(tf.tensor1d(a)).arraySync());
    expect(g[0][0]).toBeCloseTo(0.8 / 1.8, 6);
    expect(g[1][2]).toBeCloseTo(0.9 / 1.1, 6);
    expect(tf.tidy(() => guidanceTarget(tf.tensor1d(a), 'raw').arraySync())[0]).toEqual([0.8, 0.8, 0.2].map((x) => Math.fround(x)));
    expect(tf.tidy(() => guidanceLoss(tf.tensor2d(g), tf.tensor1d(a)).dataSync()[0])).toBeCloseTo(0, 5);
    // hand: w uniform, a = 0.2: Σ g log(3 g)
    const hand = g[0].reduce((s, x) => s + x * Math.log(3 * x), 0);
    expect(tf.tidy(() => guidanceLoss(tf.fill([1, 3], 1 / 3) as tf.Tensor2D, tf.tensor1d([0.2])).dataSync()[0])).toBeCloseTo(hand, 5);
  });

  it("raw target (the code's KLDivLoss): its gradient in a is PyTorch's target gradient, and its joint optimum is a = 1", () => {
    // KLDivLoss(log w, g), 'batchmean': ∂/∂g_k = (log g_k + 1 − log w_k) / B, and g = [1 − a, 1 − a, a]
    const a = [0.3, 0.6, 0.8],
      w = [
        [0.5, 0.3, 0.2],
        [0.2, 0.2, 0.6],
        [1 / 3, 1 / 3, 1 / 3],
      ];
    const got = tf.tidy(() =>
      Array.from(
        tf
          .grad((x: tf.Tensor) => guidanceLoss(tf.tensor2d(w), x as tf.Tensor1D, 'raw'))(tf.tensor1d(a))
          .dataSync(),
      ),
    );
    a.forEach((ai, i) => {
      const d = (g: number, wk: number) => Math.log(g) + 1 - Math.log(wk);
      expect(got[i]).toBeCloseTo((-d(1 - ai, w[i][0]) - d(1 - ai, w[i][1]) + d(ai, w[i][2])) / a.length, 4);
    });
    // at the best attention w = g/Σg the raw loss is (2 − a) log(2 − a): falls with a, 0 at a = 1
    const atBest = (x: number) => tf.tidy(() => guidanceLoss(tf.tensor2d([[1 - x, 1 - x, x].map((v) => v / (2 - x))]), tf.tensor1d([x]), 'raw').dataSync()[0]);
    const grid = [0.5, 0.7, 0.9, 0.99];
    grid.forEach((x) => expect(atBest(x)).toBeCloseTo((2 - x) * Math.log(2 - x), 4));
    for (let k = 1; k < grid.length; k++) expect(atBest(grid[k])).toBeLessThan(atBest(grid[k - 1]));
    // the normalised target is 0 at w = g/Σg for every a: it leaves a where the attention is
    for (const x of grid)
      expect(tf.tidy(() => guidanceLoss(tf.tensor2d([[1 - x, 1 - x, x].map((v) => v / (2 - x))]), tf.tensor1d([x])).dataSync()[0])).toBeCloseTo(0, 5);
  });

  it('cross-modal fusion: [B, out]; the plain (ablation) form reads [t; v]', () => {
    const f = new CrossModalFusion(4, 6, false, 1),
      p = new CrossModalFusion(4, 6, true, 1);
    tf.tidy(() => {
      const t = tf.ones([3, 4]) as tf.Tensor2D,
        v = tf.zeros([3, 4]) as tf.Tensor2D;
      expect(f.apply(t, v).shape).toEqual([3, 6]);
      expect(p.apply(t, v).shape).toEqual([3, 6]);
      expect(p.out.inDim).toBe(8);
    });
    f.dispose();
    p.dispose();
  });

  it('ambiguity in (0, 1), deterministic at inference; soft targets are row distributions', () => {
    const m = new AmbiguityModule(4, { seed: 2 });
    tf.tidy(() => {
      const t = tf.randomNormal([6, 4], 0, 1, 'float32', 5) as tf.Tensor2D,
        v = tf.randomNormal([6, 4], 0, 1, 'float32', 6) as tf.Tensor2D;
      const a1 = Array.from(m.apply(t, v, false).dataSync()),
        a2 = Array.from(m.apply(t, v, false).dataSync());
      expect(a1).toEqual(a2);
      for (const x of [...a1, ...Array.from(m.apply(t, v, true).dataSync())]) expect(x > 0 && x < 1).toBe(true);
      const T = softTargets(t, v, 14.3);
      for (const r of [...T.ab.arraySync(), ...T.ba.arraySync()]) expect(r.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 5);
    });
    m.dispose();
  });
});
