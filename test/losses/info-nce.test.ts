import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../lib/backend';
import { contrastiveLogits, infoNce, softCrossEntropy } from '../../lib/losses/info-nce';

beforeAll(async () => {
  await initBackend({ quiet: true });
});

// a = [[1,0],[0,1],[1,0]], b = [[1,0],[0,1],[0,1]], scale 1:
//   S = a bᵀ = [[1,0,0],[0,1,1],[1,0,0]]
// rows (image → text), targets 0,1,2:
//   r0 = −log(e/(e+2)) = log(e+2) − 1;  r1 = −log(e/(1+2e)) = log(1+2e) − 1;  r2 = −log(1/(e+2)) = log(e+2)
// columns (text → image): Sᵀ = [[1,0,1],[0,1,0],[0,1,0]]
//   c0 = log(2e+1) − 1;  c1 = log(e+2) − 1;  c2 = −log(1/(e+2)) = log(e+2)
const A = [
  [1, 0],
  [0, 1],
  [1, 0],
];
const B = [
  [1, 0],
  [0, 1],
  [0, 1],
];
const e = Math.E;
const rows = [Math.log(e + 2) - 1, Math.log(1 + 2 * e) - 1, Math.log(e + 2)];
const cols = [Math.log(2 * e + 1) - 1, Math.log(e + 2) - 1, Math.log(e + 2)];
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

const val = (f: () => tf.Scalar) => tf.tidy(() => f().dataSync()[0]);

describe('infoNce (COOLANT L_NCE / L_SEM)', () => {
  it('matches the hand-computed 3×3 case, symmetric and one-directional', () => {
    expect(val(() => infoNce(tf.tensor2d(A), tf.tensor2d(B), { scale: 1 }))).toBeCloseTo((mean(rows) + mean(cols)) / 2, 5);
    expect(val(() => infoNce(tf.tensor2d(A), tf.tensor2d(B), { scale: 1, symmetric: false }))).toBeCloseTo(mean(rows), 5);
  });

  it('the scale multiplies the logits: scale 2 on a equals scale 1 on 2a', () => {
    const x = val(() => infoNce(tf.tensor2d(A), tf.tensor2d(B), { scale: 2 }));
    const y = val(() => infoNce(tf.mul(tf.tensor2d(A), 2) as tf.Tensor2D, tf.tensor2d(B), { scale: 1 }));
    expect(x).toBeCloseTo(y, 5);
    expect(tf.tidy(() => contrastiveLogits(tf.tensor2d(A), tf.tensor2d(B), 3).arraySync())).toEqual([
      [3, 0, 0],
      [0, 3, 3],
      [3, 0, 0],
    ]);
  });

  it('soft targets that are one-hot on the diagonal give exactly the hard loss', () => {
    const hard = val(() => infoNce(tf.tensor2d(A), tf.tensor2d(B), { scale: 14.3 }));
    const soft = val(() => infoNce(tf.tensor2d(A), tf.tensor2d(B), { scale: 14.3, targets: { ab: tf.eye(3) as tf.Tensor2D, ba: tf.eye(3) as tf.Tensor2D } }));
    expect(soft).toBeCloseTo(hard, 6);
  });

  it('uniform soft targets: the mean over rows of log Σ exp − mean logit', () => {
    const S = [
      [1, 0, 0],
      [0, 1, 1],
      [1, 0, 0],
    ];
    const hand = mean(S.map((r) => Math.log(r.reduce((s, x) => s + Math.exp(x), 0)) - mean(r)));
    expect(val(() => softCrossEntropy(tf.tensor2d(S), tf.fill([3, 3], 1 / 3) as tf.Tensor2D))).toBeCloseTo(hand, 5);
  });

  it('bad shapes and scales are errors naming the problem', () => {
    expect(() => tf.tidy(() => softCrossEntropy(tf.zeros([2, 3]) as tf.Tensor2D, tf.zeros([2, 2]) as tf.Tensor2D))).toThrow(/2×3 but targets 2×2/);
    expect(() => tf.tidy(() => infoNce(tf.tensor2d(A), tf.tensor2d(B), { scale: 0 }))).toThrow(/'scale' must be > 0/);
  });
});
