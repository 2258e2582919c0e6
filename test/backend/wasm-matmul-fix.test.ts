/**
 * The wasm transposed-matMul fix must be invisible except for speed: same
 * numbers as the cpu backend, no leaked tensors or data buffers, same grads.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf, wasmMatmulFixApplied } from '../../lib/backend';
import { rng } from '../../lib/util/random';

type Arr = number[] | number[][] | number[][][] | number[][][][];

function randn(shape: number[], seed: number): { shape: number[]; values: Float32Array } {
  const r = rng(seed);
  const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < values.length; i++) values[i] = r.normal();
  return { shape, values };
}

/** run `f` on the given backend with fresh tensors and return plain arrays */
async function on(backend: string, f: () => tf.Tensor | tf.Tensor[]): Promise<Arr[]> {
  await tf.setBackend(backend);
  return tf.tidy(() => {
    const out = f();
    return (Array.isArray(out) ? out : [out]).map((t) => t.arraySync() as Arr);
  });
}

function expectClose(a: Arr, b: Arr, tol = 1e-5): void {
  const fa = (a as unknown[]).flat(4) as number[];
  const fb = (b as unknown[]).flat(4) as number[];
  expect(fa.length).toBe(fb.length);
  let worst = 0;
  for (let i = 0; i < fa.length; i++) {
    // relative for large values: sums of k products grow with k
    worst = Math.max(worst, Math.abs(fa[i] - fb[i]) / Math.max(1, Math.abs(fb[i])));
  }
  expect(worst).toBeLessThan(tol);
}

// m = 5, k = 7, n = 4; shapes are *as stored*, i.e. already transposed where flagged
const CASES: { name: string; a: number[]; b: number[] }[] = [
  { name: '2-D', a: [5, 7], b: [7, 4] },
  { name: '3-D batched', a: [3, 5, 7], b: [3, 7, 4] },
  { name: 'broadcast a batch 1', a: [1, 5, 7], b: [3, 7, 4] },
  { name: 'broadcast b batch 1', a: [2, 3, 5, 7], b: [1, 1, 7, 4] },
  { name: 'broadcast rank 3 x rank 2', a: [3, 5, 7], b: [7, 4] },
  { name: 'size-1 dims (no-op transpose)', a: [2, 1, 7], b: [2, 7, 1] },
];
const FLAGS: [boolean, boolean][] = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
];
const tag = ([ta, tb]: [boolean, boolean]) => `${ta ? 't' : 'f'}${tb ? 't' : 'f'}`;
const swap = (s: number[]) => [...s.slice(0, -2), s[s.length - 1], s[s.length - 2]];

describe('wasm matMul fix', () => {
  beforeAll(async () => {
    expect(await initBackend({ backend: 'wasm', quiet: true })).toBe('wasm');
    expect(wasmMatmulFixApplied()).toBe(true);
  });

  for (const c of CASES) {
    for (const flags of FLAGS) {
      it(`${c.name} ${tag(flags)}: equals cpu`, async () => {
        const [ta, tb] = flags;
        const A = randn(ta ? swap(c.a) : c.a, 1);
        const B = randn(tb ? swap(c.b) : c.b, 2);
        const f = () => tf.matMul(tf.tensor(A.values, A.shape), tf.tensor(B.values, B.shape), ta, tb);
        const [want] = await on('cpu', f);
        const [got] = await on('wasm', f);
        expectClose(got, want);
      });
    }
  }

  // tfjs-core's BatchMatMul gradient does not reduce broadcast batch dims
  // (fails on every backend), so gradients are checked without broadcasting.
  const GRAD_CASES: { name: string; a: number[]; b: number[] }[] = [
    { name: '2-D', a: [5, 7], b: [7, 4] },
    { name: '3-D batched', a: [3, 5, 7], b: [3, 7, 4] },
  ];
  for (const c of GRAD_CASES) {
    for (const flags of FLAGS) {
      it(`gradients ${c.name} ${tag(flags)} equal cpu`, async () => {
        const [ta, tb] = flags;
        const A = randn(ta ? swap(c.a) : c.a, 3);
        const B = randn(tb ? swap(c.b) : c.b, 4);
        const f = () => {
          const loss = (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.square(tf.matMul(a, b, ta, tb)));
          return tf.grads(loss)([tf.tensor(A.values, A.shape), tf.tensor(B.values, B.shape)]);
        };
        const want = await on('cpu', f);
        const got = await on('wasm', f);
        expectClose(got[0], want[0]);
        expectClose(got[1], want[1]);
      });
    }
  }

  it('fused matMul (bias + relu) with transposes equals cpu', async () => {
    const A = randn([7, 5], 5); // transposed: logical [5, 7]
    const B = randn([4, 7], 6); // transposed: logical [7, 4]
    const bias = randn([4], 7);
    const f = () =>
      tf.fused.matMul({
        a: tf.tensor2d(A.values, [7, 5]),
        b: tf.tensor2d(B.values, [4, 7]),
        transposeA: true,
        transposeB: true,
        bias: tf.tensor(bias.values, bias.shape),
        activation: 'relu',
      });
    const [want] = await on('cpu', f);
    const [got] = await on('wasm', f);
    expectClose(got, want);
  });

  it('does not leak tensors or wasm data buffers', async () => {
    await tf.setBackend('wasm');
    const a = tf.randomNormal([4, 16, 8]);
    const b = tf.randomNormal([4, 16, 8]);
    const step = () =>
      tf
        .tidy(() => {
          const g = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.matMul(x, y, true, false)))([a, b]);
          tf.matMul(a, b, false, true).dataSync();
          tf.matMul(a, b, true, false).dataSync();
          return g[0].add(g[1]).sum();
        })
        .dispose();
    step(); // warm up: first calls may allocate kernel-side caches
    const before = tf.memory();
    for (let i = 0; i < 20; i++) step();
    const after = tf.memory();
    expect(after.numTensors).toBe(before.numTensors);
    expect(after.numDataBuffers).toBe(before.numDataBuffers);
    a.dispose();
    b.dispose();
  });
});
