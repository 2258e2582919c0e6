import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../lib/backend';
import { supCon } from '../../lib/losses/supcon';

beforeAll(async () => {
  await initBackend({ quiet: true });
});

// x0 = [1, 0], x1 = [0, 1], x2 = [1, 1], x3 = [-1, 0]; y = [0, 0, 1, 1]; τ = 0.5.
// After L2 normalisation s_na = cos(x_n, x_a) / τ:
//   s01 = 0, s02 = √2, s03 = −2, s12 = √2, s13 = 0, s23 = −√2.
// standard, anchor 0: P = {1}, denominator over a ≠ 0: e^0 + e^√2 + e^−2 = 5.24863
//   L_0 = −log(e^0 / 5.24863) = 1.65796
// anchor 1: P = {0}: e^0 + e^√2 + e^0 = 6.11325, L_1 = log 6.11325 = 1.81046
// anchor 2: P = {3}: e^√2 + e^√2 + e^−√2 = 8.47089, L_2 = √2 + log 8.47089 = 3.55070
// anchor 3: P = {2}: e^−2 + e^0 + e^−√2 = 1.37845, L_3 = √2 + log 1.37845 = 1.73517
// mean = 2.18857
// printed (denominator over A(n), the other class only):
//   L_0 = log(e^√2 + e^−2) = 1.44659, L_1 = log(e^√2 + e^0) = 1.63184,
//   L_2 = √2 + log(e^√2 + e^√2) = 3.52157 (A(2) = {0, 1}),
//   L_3 = √2 + log(e^−2 + e^0) = 1.54114;  mean = 2.03528
const X = [
  [1, 0],
  [0, 1],
  [1, 1],
  [-1, 0],
];
const Y = [0, 0, 1, 1];

const value = (x: number[][], y: number[], opts = {}) => tf.tidy(() => supCon(tf.tensor2d(x), tf.tensor1d(y, 'int32'), opts).dataSync()[0]);

describe('supCon (Eq. 18)', () => {
  it('standard form (Khosla et al.) matches the hand-computed value', () => {
    const hand =
      (Math.log(1 + Math.exp(Math.SQRT2) + Math.exp(-2)) +
        Math.log(2 + Math.exp(Math.SQRT2)) +
        (Math.SQRT2 + Math.log(2 * Math.exp(Math.SQRT2) + Math.exp(-Math.SQRT2))) +
        (Math.SQRT2 + Math.log(Math.exp(-2) + 1 + Math.exp(-Math.SQRT2)))) /
      4;
    expect(hand).toBeCloseTo(2.1885727, 6);
    expect(value(X, Y)).toBeCloseTo(2.1885727, 5);
  });

  it('printed form (denominator over A(n)) matches the hand-computed value', () => {
    expect(value(X, Y, { form: 'printed' })).toBeCloseTo(2.0352843, 5);
  });

  it('is invariant to feature scale (features are L2-normalised)', () => {
    const scaled = X.map((r, i) => r.map((v) => v * (i + 1) * 3.7));
    expect(value(scaled, Y)).toBeCloseTo(value(X, Y), 5);
  });

  it('averages only over anchors with a positive', () => {
    // anchor 0 is alone in class 0: only anchors 1..3 count
    const y = [0, 1, 1, 1];
    const z = X.map((r) => r.map((v) => v / Math.hypot(...r)));
    const s = (i: number, j: number) => (z[i][0] * z[j][0] + z[i][1] * z[j][1]) / 0.5;
    let tot = 0;
    for (const n of [1, 2, 3]) {
      const P = [1, 2, 3].filter((p) => p !== n);
      const den = [0, 1, 2, 3].filter((a) => a !== n).reduce((acc, a) => acc + Math.exp(s(n, a)), 0);
      tot += -P.reduce((acc, p) => acc + s(n, p) - Math.log(den), 0) / P.length;
    }
    expect(value(X, y)).toBeCloseTo(tot / 3, 5);
  });

  it('is 0 when no anchor qualifies, and finite with gradients everywhere', () => {
    expect(value(X, [0, 1, 2, 3])).toBe(0); // no positives
    expect(value(X, [1, 1, 1, 1], { form: 'printed' })).toBe(0); // printed: no negatives
    expect(Number.isFinite(value(X, [1, 1, 1, 1]))).toBe(true);
    const g = tf.tidy(() =>
      tf
        .grad((x: tf.Tensor) => supCon(x as tf.Tensor2D, tf.tensor1d(Y, 'int32'), { tau: 0.05 }))(tf.tensor2d(X))
        .dataSync(),
    );
    expect(Array.from(g).every(Number.isFinite)).toBe(true);
  });

  it('rejects bad options', () => {
    expect(() => value(X, Y, { tau: 0 })).toThrow(/tau/);
    expect(() => value(X, Y, { form: 'other' })).toThrow(/form/);
    expect(() => value(X, [0, 1])).toThrow(/labels/);
  });
});
