import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../lib/backend';
import { clampWithGradient } from '../../lib/nn/clamp';

beforeAll(async () => {
  await initBackend({ quiet: true });
});

/** d/dx of sum(w · clamp(x)) at x */
const grad = (x: number[], w: number[], lo: number, hi: number) =>
  tf.tidy(() =>
    Array.from(
      tf
        .grad((t: tf.Tensor) => tf.sum(tf.mul(clampWithGradient(t, lo, hi), tf.tensor1d(w))))(tf.tensor1d(x))
        .dataSync(),
    ),
  );

describe('clampWithGradient', () => {
  it('forward: the clamped value, like clipByValue', () => {
    const x = [-2, 0, 0.5, 1, 3];
    expect(tf.tidy(() => Array.from(clampWithGradient(tf.tensor1d(x), 0, 1).dataSync()))).toEqual([0, 0, 0.5, 1, 1]);
  });

  it('inside the bounds: identity gradient', () => {
    expect(grad([0.2, 0.5, 0.9], [3, -2, 1], 0, 1)).toEqual([3, -2, 1]);
  });

  it('past a bound: the gradient flows where a descent step brings x back inside, and is 0 where it would push x further out', () => {
    // above hi: dy > 0 lowers x (passes), dy < 0 raises it (blocked); below lo the mirror image
    expect(grad([2, 2, -1, -1], [1.5, -1.5, -0.5, 0.5], 0, 1)).toEqual([1.5, 0, -0.5, 0]);
    // tf.clipByValue, which this replaces, has no gradient at all there
    const clip = tf.tidy(() =>
      Array.from(
        tf
          .grad((t: tf.Tensor) => tf.sum(tf.mul(tf.clipByValue(t, 0, 1), tf.tensor1d([1.5, -0.5]))))(tf.tensor1d([2, -1]))
          .dataSync(),
      ),
    );
    expect(clip).toEqual([0, 0]);
  });

  it('a variable stepped past the bound comes back under plain gradient descent', () => {
    const v = tf.variable(tf.scalar(1.3));
    const opt = tf.train.sgd(0.1);
    // loss (clamp(v) − 0.5)²: its minimum is inside; with clipByValue v would stay at 1.3 for ever
    for (let i = 0; i < 50; i++) opt.minimize(() => tf.square(tf.sub(clampWithGradient(v, 0, 1), 0.5)) as tf.Scalar, false, [v]);
    expect(v.dataSync()[0]).toBeCloseTo(0.5, 3);
    v.dispose();
    opt.dispose();
  });

  it('bad bounds are an error', () => {
    expect(() => clampWithGradient(tf.scalar(0), 1, 0)).toThrow(/lo ≤ hi/);
  });
});
