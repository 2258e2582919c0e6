import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../lib/backend';
import { fusedLinear, linear2d, setFusedLinear } from '../../lib/nn/fused-linear';
import { MLP } from '../../lib/nn/mlp';

beforeAll(async () => {
  await initBackend({ quiet: true });
});
afterEach(() => setFusedLinear(false));

const maxDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);

/** value and gradients (x, W, b) of Σ dy ⊙ act(x W + b), with the switch as given */
function valueAndGrads(on: boolean, x: tf.Tensor2D, W: tf.Tensor2D, b: tf.Tensor1D | undefined, act: 'linear' | 'relu', dy: tf.Tensor2D) {
  setFusedLinear(on);
  const y = linear2d(x, W, b, act);
  const f = (x: tf.Tensor, W: tf.Tensor, b?: tf.Tensor) => tf.sum(tf.mul(linear2d(x as tf.Tensor2D, W as tf.Tensor2D, b, act), dy));
  const g = b ? tf.grads((x, W, b) => f(x, W, b))([x, W, b]) : tf.grads((x, W) => f(x, W))([x, W]);
  return { y, g };
}

describe('fused linear (tf.fused.matMul) vs matMul + add + relu', () => {
  it('is off by default', () => {
    setFusedLinear(false);
    expect(fusedLinear()).toBe(false);
  });

  for (const [B, I, O] of [[64, 768, 384], [64, 384, 128], [256, 100, 32]]) {
    for (const act of ['relu', 'linear'] as const) {
      for (const bias of [true, false]) {
        it(`matches within 1e-5, forward and gradients: [${B}, ${I}] → ${O}, ${act}, ${bias ? 'bias' : 'no bias'}`, () => {
          const x = tf.randomNormal([B, I], 0, 1, 'float32', 1) as tf.Tensor2D;
          const W = tf.randomUniform([I, O], -Math.sqrt(6 / (I + O)), Math.sqrt(6 / (I + O)), 'float32', 2) as tf.Tensor2D;
          const b = bias ? (tf.randomNormal([O], 0, 0.1, 'float32', 3) as tf.Tensor1D) : undefined;
          const dy = tf.randomNormal([B, O], 0, 1, 'float32', 4) as tf.Tensor2D;
          const stock = valueAndGrads(false, x, W, b, act, dy);
          const fused = valueAndGrads(true, x, W, b, act, dy);
          expect(maxDiff(fused.y, stock.y)).toBeLessThan(1e-5);
          expect(fused.g.length).toBe(stock.g.length);
          fused.g.forEach((g, i) => expect(maxDiff(g, stock.g[i])).toBeLessThan(1e-5));
          if (act === 'relu') expect(stock.y.min().dataSync()[0]).toBe(0); // the activation really ran
          tf.dispose([x, W, dy, ...(b ? [b] : []), stock.y, fused.y, ...stock.g, ...fused.g]);
        });
      }
    }
  }

  it('an MLP on a 3-D input gives the same outputs and parameter gradients within 1e-5', () => {
    const m = new MLP(48, { hidden: [64], out: 16, finalActivation: true, seed: 3 });
    const x = tf.randomNormal([8, 4, 48], 0, 1, 'float32', 9);
    const run = (on: boolean) => {
      setFusedLinear(on);
      return tf.variableGrads(() => tf.sum(tf.square(m.apply(x))) as tf.Scalar, m.variables());
    };
    const a = run(false), b = run(true);
    expect(Math.abs(a.value.dataSync()[0] - b.value.dataSync()[0]) / a.value.dataSync()[0]).toBeLessThan(1e-5);
    for (const v of m.variables()) expect(maxDiff(a.grads[v.name], b.grads[v.name])).toBeLessThan(1e-5);
    tf.dispose([x, a.value, b.value, ...Object.values(a.grads), ...Object.values(b.grads)]);
    m.dispose();
  });
});
