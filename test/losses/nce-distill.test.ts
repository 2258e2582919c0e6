import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../lib/backend';
import { candidateWeights, CrossViewNCE, estimateZ, nceLoss, nceScores, scaledK } from '../../lib/losses/nce-distill';

beforeAll(async () => {
  await initBackend({ quiet: true });
});

describe('NCE distillation (CMC Eq. 3–6)', () => {
  it('nceScores + nceLoss match a hand computation (B = 2, N = 4, k = 2)', () => {
    const T = 0.5;
    const z = [
      [1, 0],
      [0, 1],
    ];
    const bank = [
      [1, 0],
      [0, 1],
      [Math.SQRT1_2, Math.SQRT1_2],
      [-1, 0],
    ];
    // anchor 0: positive row 0, negatives 1, 3; anchor 1: positive row 1, negatives 3, 3 (drawn twice)
    const cand = Int32Array.from([0, 1, 3, 1, 3, 3]);
    const H = nceScores(tf.tensor2d(z), tf.tensor2d(bank), T);
    const w = candidateWeights(cand, 2, 4);
    const Z = 7.5;
    const loss = nceLoss(H, w, Z, 0).dataSync()[0];
    // by hand
    const dot = (a: number[], b: number[]) => a[0] * b[0] + a[1] * b[1];
    const h = (i: number, j: number) => Math.exp(dot(z[i], bank[j]) / T);
    const kPn = 2 / 4;
    const d1 = (p: number) => Math.log(p / (p + kPn));
    const d0 = (p: number) => Math.log(kPn / (p + kPn));
    const want = -(d1(h(0, 0) / Z) + d0(h(0, 1) / Z) + d0(h(0, 3) / Z) + d1(h(1, 1) / Z) + 2 * d0(h(1, 3) / Z)) / 2;
    expect(loss).toBeCloseTo(want, 5);
    // Z estimate: mean of H over the 6 candidates × N
    const mean = (h(0, 0) + h(0, 1) + h(0, 3) + h(1, 1) + 2 * h(1, 3)) / 6;
    expect(estimateZ(H, w)).toBeCloseTo(mean * 4, 3);
  });

  it('Z is estimated on the first batch and then fixed', () => {
    const nce = new CrossViewNCE({ size: 40, inDims: [5, 3], k: 6, seed: 1 });
    const labels = Int32Array.from({ length: 40 }, (_, i) => i % 2);
    const ha = tf.randomNormal([8, 5], 0, 1, 'float32', 1) as tf.Tensor2D,
      hb = tf.randomNormal([8, 3], 0, 1, 'float32', 2) as tf.Tensor2D;
    expect(nce.zA).toBeNull();
    tf.tidy(() => void nce.loss(ha, hb, [0, 1, 2, 3, 4, 5, 6, 7], labels));
    const [za, zb] = [nce.zA, nce.zB];
    expect(za).toBeGreaterThan(0);
    expect(zb).toBeGreaterThan(0);
    const ha2 = tf.mul(ha, 3) as tf.Tensor2D; // different scores: a re-estimate would change Z
    tf.tidy(() => void nce.loss(ha2, hb, [8, 9, 10, 11, 12, 13, 14, 15], labels));
    expect([nce.zA, nce.zB]).toEqual([za, zb]);
    nce.dispose();
  });

  it('L_{b→a} has gradient only in view a (the banks are constants), and L_distill = sum of both', () => {
    const nce = new CrossViewNCE({ size: 20, inDims: [4, 4], k: 5, seed: 2 });
    const labels = Int32Array.from({ length: 20 }, (_, i) => (i < 10 ? 1 : 0));
    const ha = tf.randomNormal([6, 4], 0, 1, 'float32', 3) as tf.Tensor2D,
      hb = tf.randomNormal([6, 4], 0, 1, 'float32', 4) as tf.Tensor2D;
    const idx = [0, 3, 9, 10, 15, 19];
    const vb = nce.embedB.variables();
    tf.tidy(() => {
      const { grads } = tf.variableGrads(() => nce.loss(ha, hb, idx, labels).bToA, [...nce.embedA.variables(), ...vb]);
      // tfjs leaves out variables the loss does not reach at all: view b's head is not on L_{b→a}'s tape
      for (const v of vb) expect(grads[v.name] === undefined || Math.max(...Array.from(grads[v.name].dataSync()).map(Math.abs)) === 0).toBe(true);
      for (const v of nce.embedA.variables()) expect(Math.max(...Array.from(grads[v.name].dataSync()).map(Math.abs))).toBeGreaterThan(0);
      const s = nce.loss(ha, hb, idx, labels);
      expect(s.distill.dataSync()[0]).toBeCloseTo(s.bToA.dataSync()[0] + s.aToB.dataSync()[0], 4);
    });
    nce.dispose();
  });

  it('scaledK: k · N / 7,532, at least 1, never above k; bad options are named', () => {
    expect(scaledK(1500, 7532)).toBe(1500);
    expect(scaledK(1500, 1300)).toBe(259);
    expect(scaledK(1500, 20000)).toBe(1500);
    expect(scaledK(1500, 2)).toBe(1);
    expect(() => new CrossViewNCE({ size: 4, inDims: [2, 2], temperature: 0 })).toThrow(/temperature/);
    expect(() => new CrossViewNCE({ size: 4, inDims: [2, 2], nk: 3 } as never)).toThrow(/unknown option 'nk'/);
  });
});
