/** The baselines' losses (lib/losses/{cosine-embedding,triplet,contrastive-pairwise,kl}.ts) on hand-computed values. */
import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../../lib/backend';
import { cosineEmbeddingLoss } from '../../../lib/losses/cosine-embedding';
import { batchHardTripletLoss, tripletMarginLoss } from '../../../lib/losses/triplet';
import { contrastivePairwiseLoss } from '../../../lib/losses/contrastive-pairwise';
import { gaussianKl, symmetricKl, symmetricKlSample } from '../../../lib/losses/kl';
import { setup } from './harness';

const val = (f: () => tf.Tensor) => tf.tidy(() => Array.from(f().dataSync()));

describe('losses', () => {
  beforeAll(setup);

  it('cosine embedding: 1 − cos for matched, max(0, cos − margin) for mismatched', () => {
    const a = [
        [1, 0],
        [1, 0],
        [1, 1],
        [1, 0],
      ],
      b = [
        [1, 0],
        [0, 1],
        [1, 0],
        [1, 1],
      ],
      y = [1, -1, -1, 1];
    const r = Math.SQRT1_2;
    const [l0] = val(() => cosineEmbeddingLoss(tf.tensor2d(a), tf.tensor2d(b), y));
    expect(l0).toBeCloseTo((0 + 0 + r + (1 - r)) / 4, 6);
    const [l5] = val(() => cosineEmbeddingLoss(tf.tensor2d(a), tf.tensor2d(b), tf.tensor1d(y), 0.5));
    expect(l5).toBeCloseTo((0 + 0 + (r - 0.5) + (1 - r)) / 4, 6);
  });

  it('triplet margin: max(0, d(a, p) − d(a, n) + m)', () => {
    const [l] = val(() =>
      tripletMarginLoss(
        tf.tensor2d([
          [0, 0],
          [0, 0],
        ]),
        tf.tensor2d([
          [3, 4],
          [0, 2],
        ]),
        tf.tensor2d([
          [6, 8],
          [0, 1],
        ]),
        1,
      ),
    );
    // (max(0, 5 − 10 + 1) + max(0, 2 − 1 + 1)) / 2
    expect(l).toBeCloseTo((0 + 2) / 2, 5);
  });

  it('batch-hard triplet on 1-D points, and a finite gradient despite zero self-distances', () => {
    const x = tf.tensor2d([[0], [1], [3], [7]]),
      y = tf.tensor1d([0, 0, 1, 1], 'int32');
    // anchors: 0 → pos 1, neg 3: 1−3+3 = 1;  1 → 1, 2: 2;  3 → pos 4, neg 2: 5;  7 → 4, 6: 1
    expect(val(() => batchHardTripletLoss(x, y, 3))[0]).toBeCloseTo(9 / 4, 4);
    const g = val(() => tf.grad((z: tf.Tensor) => batchHardTripletLoss(z as tf.Tensor2D, y, 3))(x));
    expect(g.every(Number.isFinite)).toBe(true);
    // Σ_a (d_ap − d_an) = (x1 − x2) + (2x1 − x0 − x2) + (x3 − 2x2 + x1) + (x1 − x2) = −x0 + 5x1 − 5x2 + x3; / 4
    expect(g[0]).toBeCloseTo(-0.25, 4);
    expect(g[1]).toBeCloseTo(1.25, 4);
    expect(g[2]).toBeCloseTo(-1.25, 4);
    expect(g[3]).toBeCloseTo(0.25, 4);
    // a batch with one class has no negatives: 0, not NaN
    expect(val(() => batchHardTripletLoss(x, tf.tensor1d([1, 1, 1, 1], 'int32'), 1))[0]).toBe(0);
    tf.dispose([x, y]);
  });

  it('contrastive pairwise: (y d² + (1 − y) max(0, m − d)²) / 2, mean', () => {
    const [l] = val(() =>
      contrastivePairwiseLoss(
        tf.tensor2d([
          [0, 0],
          [0, 0],
        ]),
        tf.tensor2d([
          [3, 4],
          [0, 0.5],
        ]),
        [1, 0],
        1,
      ),
    );
    expect(l).toBeCloseTo((25 + 0.25) / 2 / 2, 5);
  });

  it('Gaussian KL, symmetric KL and its one-sample estimator', () => {
    const p = () => ({ mu: tf.tensor2d([[0]]), sigma: tf.tensor2d([[1]]) });
    const q = () => ({ mu: tf.tensor2d([[1]]), sigma: tf.tensor2d([[2]]) });
    // KL(N(0,1) ‖ N(1,4)) = log 2 + (1 + 1)/8 − ½;  KL(N(1,4) ‖ N(0,1)) = −log 2 + (4 + 1)/2 − ½
    expect(val(() => gaussianKl(p(), q()))[0]).toBeCloseTo(Math.LN2 + 0.25 - 0.5, 5);
    expect(val(() => gaussianKl(q(), p()))[0]).toBeCloseTo(-Math.LN2 + 2.5 - 0.5, 5);
    expect(val(() => symmetricKl(p(), q()))[0]).toBeCloseTo(0.875, 5);
    expect(val(() => symmetricKl(p(), p()))[0]).toBeCloseTo(0, 6);
    // ε = 0: z1 = 0, z2 = 1:  (log p(0) − log q(0) + log q(1) − log p(1)) / 2 = (0.125 + log 2 − log 2 + 0.5) / 2
    expect(val(() => symmetricKlSample(p(), q(), tf.zeros([1, 1]), tf.zeros([1, 1])))[0]).toBeCloseTo(0.3125, 5);
    // unbiased: the mean over many draws approaches the closed form
    const n = 20000;
    const mean = val(() => {
      const P = { mu: tf.zeros([n, 1]) as tf.Tensor2D, sigma: tf.ones([n, 1]) as tf.Tensor2D };
      const Q = { mu: tf.ones([n, 1]) as tf.Tensor2D, sigma: tf.fill([n, 1], 2) as tf.Tensor2D };
      return tf.mean(
        symmetricKlSample(P, Q, tf.randomNormal([n, 1], 0, 1, 'float32', 1) as tf.Tensor2D, tf.randomNormal([n, 1], 0, 1, 'float32', 2) as tf.Tensor2D),
      );
    })[0];
    expect(mean).toBeCloseTo(0.875, 1);
  });
});
