import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../lib/backend';
import { glorot, initBias, initWeight, torchBound, withInit, currentInit } from '../../lib/nn/init';
import { Linear } from '../../lib/nn/linear';
import { synthetic } from '../../lib/data/synthetic';
import { makeBatch } from '../../lib/data/batch';
import { imageOnly, textOnly } from '../../lib/models/late-fusion';
import { TwoTowerFusion } from '../../lib/models/two-tower-fusion';
import { makeModel } from '../../lib/experiment/models';

beforeAll(async () => {
  await initBackend({ quiet: true });
});

const stats = (t: tf.Tensor) => {
  const x = t.dataSync();
  let min = Infinity,
    max = -Infinity,
    sum = 0;
  for (const v of x) ((min = Math.min(min, v)), (max = Math.max(max, v)), (sum += v));
  const mean = sum / x.length;
  let ss = 0;
  for (const v of x) ss += (v - mean) ** 2;
  return { min, max, mean, variance: ss / (x.length - 1), n: x.length };
};

describe("PyTorch-default initialisation ('torch')", () => {
  // torch 1.13 nn.Linear(in, out).reset_parameters(): kaiming_uniform_(a=√5) → bound gain·√3/√in with
  // gain = √(2/(1+5)), i.e. exactly 1/√in; bias U(±1/√in). Measured with torch on these shapes:
  // Linear(768, 384): max|W| 0.036084 (bound 0.036084), var(W) 4.342e-4 (b²/3 = 4.340e-4), var(b) 4.53e-4;
  // Linear(14, 210): max|W| 0.26711 (bound 0.26726), var(W) 0.02364 (b²/3 = 0.02381), var(b) 0.02325.
  it('the weight bound is 1/√fan_in (kaiming_uniform with a = √5)', () => {
    const a = Math.sqrt(5),
      gain = Math.sqrt(2 / (1 + a * a));
    for (const fanIn of [2, 14, 384, 768]) expect(torchBound(fanIn)).toBeCloseTo((gain * Math.sqrt(3)) / Math.sqrt(fanIn), 12);
  });

  for (const [fanIn, fanOut] of [
    [768, 384],
    [14, 210],
    [384, 64],
  ] as const) {
    it(`weights and biases of a [${fanIn}, ${fanOut}] layer: inside ±1/√${fanIn}, reaching it, mean 0 and variance b²/3`, () => {
      const b = 1 / Math.sqrt(fanIn);
      const W = initWeight([fanIn, fanOut], 7, fanIn, 'torch');
      const bias = initBias([fanOut * 40], fanIn, 7, 'torch'); // many draws for the moments
      for (const [t, n] of [
        [W, fanIn * fanOut],
        [bias, fanOut * 40],
      ] as const) {
        const s = stats(t);
        expect(s.n).toBe(n);
        expect(s.max).toBeLessThanOrEqual(b);
        expect(s.min).toBeGreaterThanOrEqual(-b);
        expect(s.max).toBeGreaterThan(b * (1 - 20 / n)); // a uniform's max lands within a few b/n of the bound
        expect(s.min).toBeLessThan(-b * (1 - 20 / n));
        const sdMean = b / Math.sqrt(3 * n); // std of the sample mean
        expect(Math.abs(s.mean)).toBeLessThan(5 * sdMean);
        // var of the sample variance of U(±b): (b⁴/5 − b⁴/9)/n
        expect(Math.abs(s.variance - (b * b) / 3)).toBeLessThan(5 * Math.sqrt((b ** 4 * (1 / 5 - 1 / 9)) / n));
      }
      tf.dispose([W, bias]);
    });
  }

  it("'glorot' keeps the previous scheme byte for byte: Glorot weights, zero biases", () => {
    const l = withInit('glorot', () => new Linear(30, 7, { seed: 11 }));
    const ref = glorot([30, 7], 11);
    expect(Array.from(l.W.dataSync())).toEqual(Array.from(ref.dataSync()));
    expect(Array.from(l.b!.dataSync())).toEqual(new Array(7).fill(0));
    ref.dispose();
    l.dispose();
  });

  it("the default is 'torch'; withInit restores the scheme after (and on a throw); an explicit init wins", () => {
    expect(currentInit()).toBe('torch');
    expect(() =>
      withInit('glorot', () => {
        expect(currentInit()).toBe('glorot');
        throw new Error('x');
      }),
    ).toThrow('x');
    expect(currentInit()).toBe('torch');
    const l = withInit('glorot', () => new Linear(4, 3, { seed: 1, init: 'torch' }));
    expect(Array.from(l.b!.dataSync()).some((x) => x !== 0)).toBe(true);
    l.dispose();
    expect(() => withInit('xavier' as never, () => 1)).toThrow(/torch \| glorot/);
  });

  it("makeModel records the scheme in the model's config and rejects an unknown one", () => {
    const ds = synthetic({ samples: 40, seed: 1 });
    const m = makeModel('SpotFake+', ds, {}, 1);
    expect(m.config?.init).toBe('torch');
    const g = makeModel('SpotFake+', ds, { init: 'glorot' }, 1);
    expect(g.config?.init).toBe('glorot');
    m.dispose();
    g.dispose();
    expect(() => makeModel('SpotFake+', ds, { init: 'he' }, 1)).toThrow(/option 'init'.*torch \| glorot/);
  });
});

describe('CMC (BLOCK over two towers) on an all-zero image view', () => {
  const ds = synthetic({ samples: 64, seed: 5 });
  const dims = Object.fromEntries(Object.entries(ds.views).map(([k, v]) => [k, v!.dim]));
  const idx = Array.from({ length: 64 }, (_, i) => i);

  /** logits spread across posts and the variables without a gradient, for towers + BLOCK head built under `scheme` */
  function probe(scheme: 'torch' | 'glorot') {
    const text = withInit(scheme, () => textOnly(dims, 1)),
      image = withInit(scheme, () => imageOnly(dims, 1));
    const featDims = tf.tidy(() => {
      const b = makeBatch(ds, [0]);
      return [text.forward(b).embedding!.shape[1], image.forward(b).embedding!.shape[1]] as [number, number];
    });
    const cmc = withInit(
      scheme,
      () => new TwoTowerFusion({ text, image }, featDims, { fusion: 'block', block: { mmDim: 32, chunks: 4, rank: 3 }, trainTowers: true, seed: 2 }),
    );
    const vars = cmc.variables();
    const r = tf.tidy(() => {
      const batch = makeBatch(ds, idx, 'text-only'); // every image view all-zero
      const logits = cmc.forward(batch, true).logits;
      const spread = tf.max(tf.sub(tf.max(logits, 0), tf.min(logits, 0))).dataSync()[0];
      const { grads } = tf.variableGrads(() => cmc.loss(cmc.forward(batch, true), batch).total, vars);
      // the towers' own classifier layers are not on the fused objective's path (null gradient): not counted
      const reached = vars.filter((v) => grads[v.name]);
      const dead = reached.filter((v) => tf.max(tf.abs(grads[v.name])).dataSync()[0] === 0);
      // the image tower's input weight multiplies the all-zero input: ∂L/∂W = xᵀδ = 0 under any init (torch too)
      const input = image.variables()[0];
      return {
        spread,
        dead: dead.filter((v) => v !== input).map((v) => v.shape.join('x')),
        inputDead: dead.includes(input),
        reached: reached.length,
        of: vars.length,
      };
    });
    cmc.dispose();
    text.dispose();
    image.dispose();
    return r;
  }

  it("'torch': the logits vary across posts and every variable gets a gradient (but the weight that reads the zero input)", () => {
    const r = probe('torch');
    expect(r.spread).toBeGreaterThan(1e-3);
    expect(r.reached).toBeGreaterThan(r.of / 2);
    expect(r.dead).toEqual([]);
    expect(r.inputDead).toBe(true);
  });

  it("'glorot' (zero biases): the image tower gets no gradient at all — the failure the torch default removes", () => {
    const r = probe('glorot');
    expect(r.dead.length).toBeGreaterThan(0);
  });
});
