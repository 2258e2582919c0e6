import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../lib/backend';
import { CrossViewNCE } from '../../lib/losses/nce-distill';
import { joint, mutualObjectives } from '../../lib/losses/mutual';
import { Linear } from '../../lib/nn/linear';

beforeAll(async () => {
  await initBackend({ quiet: true });
});

describe('mutual objectives (CMC Eq. 7–8)', () => {
  it('the gradient of the joint sum, split by network, is Eq. 7 for the text network and Eq. 8 for the image network (α ≠ β)', () => {
    const labels = Int32Array.from({ length: 16 }, (_, i) => i % 2);
    const text = new Linear(5, 4, { seed: 1 }),
      image = new Linear(3, 4, { seed: 2 });
    const headT = new Linear(4, 2, { seed: 3 }),
      headV = new Linear(4, 2, { seed: 4 });
    const xT = tf.randomNormal([6, 5], 0, 1, 'float32', 5) as tf.Tensor2D,
      xV = tf.randomNormal([6, 3], 0, 1, 'float32', 6) as tf.Tensor2D;
    const y = tf.tensor1d([0, 1, 0, 1, 1, 0], 'int32');
    const idx = [0, 1, 2, 3, 4, 5];
    const opts = { alpha: 0.3, beta: 0.8 };
    const vT = [...text.variables(), ...headT.variables()],
      vV = [...image.variables(), ...headV.variables()];
    const terms = (nce: CrossViewNCE) => {
      const hT = tf.relu(text.apply(xT)),
        hV = tf.relu(image.apply(xV));
      const ce = (l: tf.Tensor2D) => tf.losses.softmaxCrossEntropy(tf.oneHot(y, 2), l) as tf.Scalar;
      const d = nce.loss(hT, hV, idx, labels);
      return { ceT: ce(headT.apply(hT)), ceV: ce(headV.apply(hV)), vToT: d.bToA, tToV: d.aToB };
    };
    // a fresh NCE per evaluation with the same seed: same negatives, same banks, same Z
    const mk = () => new CrossViewNCE({ size: 16, inDims: [4, 4], k: 4, seed: 9 });
    const grad = (f: (n: CrossViewNCE) => tf.Scalar, vars: tf.Variable[]) => {
      const n = mk();
      const g = tf.tidy(() => {
        const { grads } = tf.variableGrads(() => f(n), vars);
        return vars.map((v) => Array.from(grads[v.name].dataSync()));
      });
      n.dispose();
      return g;
    };
    const gJointT = grad((n) => joint(terms(n), opts), vT);
    const gObjT = grad((n) => mutualObjectives(terms(n), opts).objT, vT);
    const gJointV = grad((n) => joint(terms(n), opts), vV);
    const gObjV = grad((n) => mutualObjectives(terms(n), opts).objV, vV);
    const close = (a: number[][], b: number[][]) => a.forEach((r, i) => r.forEach((x, j) => expect(x).toBeCloseTo(b[i][j], 5)));
    close(gJointT, gObjT);
    close(gJointV, gObjV);
    // and the objectives are the printed sums
    const n = mk();
    tf.tidy(() => {
      const t = terms(n);
      const o = mutualObjectives(t, opts);
      const d = t.vToT.dataSync()[0] + t.tToV.dataSync()[0];
      expect(o.objT.dataSync()[0]).toBeCloseTo(0.3 * d + t.ceT.dataSync()[0], 4);
      expect(o.objV.dataSync()[0]).toBeCloseTo(0.8 * d + t.ceV.dataSync()[0], 4);
    });
    n.dispose();
  });
});
