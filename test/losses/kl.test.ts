import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../lib/backend';
import { gaussianKl, symmetricKl, symmetricKlSample } from '../../lib/losses/kl';

beforeAll(async () => {
  await initBackend({ quiet: true });
});

const g = (mu: number[][], sigma: number[][]) => ({ mu: tf.tensor2d(mu), sigma: tf.tensor2d(sigma) });

describe('KL of diagonal Gaussians (COOLANT / CAFE ambiguity)', () => {
  it('symmetric KL of two identical Gaussians is 0; the one-sample estimate too', () => {
    tf.tidy(() => {
      const p = g([[0.3, -1]], [[0.5, 2]]);
      expect(symmetricKl(p, p).dataSync()[0]).toBeCloseTo(0, 6);
      expect(symmetricKlSample(p, p, tf.tensor2d([[0.7, -0.2]]), tf.tensor2d([[1.1, 0.4]])).dataSync()[0]).toBeCloseTo(0, 6);
    });
  });

  it('grows with the separation of the means: SKL = Δ²/(2σ²) per dim at equal σ', () => {
    const v = tf.tidy(() => {
      const p = g(
        [
          [0, 0],
          [0, 0],
          [0, 0],
        ],
        [
          [1, 1],
          [1, 1],
          [1, 1],
        ],
      );
      const q = g(
        [
          [0.5, 0],
          [1, 0],
          [2, 0],
        ],
        [
          [1, 1],
          [1, 1],
          [1, 1],
        ],
      );
      return Array.from(symmetricKl(p, q).dataSync());
    });
    expect(v[0]).toBeCloseTo(0.125, 5);
    expect(v[1]).toBeCloseTo(0.5, 5);
    expect(v[2]).toBeCloseTo(2, 5);
  });

  it('KL(p‖q) of N(0,1) vs N(0,2²) by hand: log 2 + 1/8 − 1/2', () => {
    const v = tf.tidy(() => gaussianKl(g([[0]], [[1]]), g([[0]], [[2]])).dataSync()[0]);
    expect(v).toBeCloseTo(Math.log(2) + 1 / 8 - 0.5, 6);
  });
});
