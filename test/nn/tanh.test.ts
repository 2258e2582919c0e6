import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../lib/backend';
import { tanhOf } from '../../lib/nn/tanh';

beforeAll(async () => {
  await initBackend({ quiet: true });
});

const maxAbs = (a: tf.Tensor, b: tf.Tensor) => Math.max(...Array.from(tf.tidy(() => tf.abs(tf.sub(a, b)).dataSync())));

describe('tanh forms', () => {
  it("'sigmoid' (2σ(2x) − 1) matches tf.tanh within 1e-6 on N(0, 1), wide and tiny inputs, and its gradient within 1e-5", () => {
    const xs = [
      tf.randomNormal([64, 300], 0, 1, 'float32', 4),
      tf.randomNormal([1000], 0, 20, 'float32', 5),
      tf.randomNormal([1000], 0, 1e-4, 'float32', 6),
      tf.tensor([0, -0, 1e-30, -60, 60, 88, -88]),
    ];
    for (const x of xs) {
      const exact = tanhOf(x),
        fast = tanhOf(x, 'sigmoid');
      expect(maxAbs(exact, fast)).toBeLessThanOrEqual(1e-6);
      expect(Array.from(fast.dataSync()).every((v) => v >= -1 && v <= 1)).toBe(true);
      const [g1] = tf.grads((t: tf.Tensor) => tf.sum(tanhOf(t)))([x]);
      const [g2] = tf.grads((t: tf.Tensor) => tf.sum(tanhOf(t, 'sigmoid')))([x]);
      expect(maxAbs(g1, g2)).toBeLessThanOrEqual(1e-5);
      tf.dispose([exact, fast, g1, g2]);
    }
    tf.dispose(xs);
  });

  it("'exact' is tf.tanh bit for bit; an unknown form is named", () => {
    const x = tf.randomNormal([100], 0, 2, 'float32', 7);
    expect(Array.from(tanhOf(x).dataSync())).toEqual(Array.from(tf.tanh(x).dataSync()));
    expect(() => tanhOf(x, 'fast' as never)).toThrow(/form must be exact \| sigmoid, got 'fast'/);
    const before = tf.memory().numTensors;
    tf.dispose(tanhOf(x, 'sigmoid'));
    expect(tf.memory().numTensors).toBe(before); // the intermediate passes are freed
  });
});
