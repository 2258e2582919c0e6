import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../lib/backend';
import { hmsPenalty } from '../../lib/losses/hms';

beforeAll(async () => {
  await initBackend({ quiet: true });
});

describe('hmsPenalty', () => {
  it('is zero when every allocated head’s share is at or above the bound', () => {
    const s = tf.tensor2d([
      [0.6, 0.9],
      [0.5, 0.7],
    ]);
    expect(hmsPenalty(s, tf.tensor1d([1, 1]), { bound: 0.5 }).dataSync()[0]).toBe(0);
  });

  it('is the mean hinge max(0, b − share) over valid posts and heads otherwise', () => {
    const s = tf.tensor2d([
      [0.2, 0.9],
      [0.4, 0.1],
      [0.0, 0.0],
    ]);
    // row 2 is a unimodal post: not counted
    const v = hmsPenalty(s, tf.tensor1d([1, 1, 0]), { bound: 0.5 }).dataSync()[0];
    expect(v).toBeCloseTo((0.3 + 0 + 0.1 + 0.4) / 4, 6);
    expect(v).toBeGreaterThan(0);
  });

  it('has gradient −1/(n·K) on a share below the bound (raising it lowers the penalty) and 0 above', () => {
    const g = tf
      .grad((s: tf.Tensor) => hmsPenalty(s as tf.Tensor2D, tf.tensor1d([1, 1]), { bound: 0.5 }))(
        tf.tensor2d([
          [0.2, 0.9],
          [0.4, 0.6],
        ]),
      )
      .arraySync() as number[][];
    expect(g[0][0]).toBeCloseTo(-0.25, 6);
    expect(g[1][0]).toBeCloseTo(-0.25, 6);
    expect(g[0][1] + 0).toBe(0); // relu' is 0 above the bound (tfjs may give -0)
    expect(g[1][1] + 0).toBe(0);
  });

  it('is 0 (not NaN) without any valid post, and rejects a bound outside [0, 1]', () => {
    expect(hmsPenalty(tf.tensor2d([[0.1]]), tf.tensor1d([0])).dataSync()[0]).toBe(0);
    expect(() => hmsPenalty(tf.tensor2d([[0.1]]), tf.tensor1d([1]), { bound: 2 })).toThrow(/bound/);
  });
});
