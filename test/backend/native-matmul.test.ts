/**
 * The native BLAS BatchMatMul (native/, lib/backend/native-matmul.ts) against
 * the wasm kernel it replaces: within 1e-5 (relative to the magnitude) on
 * random shapes with transposes, batches and one-sided batch broadcasting,
 * forward and gradients; and the fallbacks: addon absent, BLAS absent,
 * MMFND_NATIVE=0 → the wasm kernels, with the reason in the backend line.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyNativeMatmul, initBackend, nativeAddon, nativeMatmulApplied, removeNativeMatmul, tf } from '../../lib/backend';
import { loadNativeKernels, nativeTag, type NativeAddon } from '../../lib/backend/native';
import { rng } from '../../lib/util/random';

function randn(shape: number[], seed: number): tf.Tensor {
  const r = rng(seed);
  const v = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < v.length; i++) v[i] = r.normal();
  return tf.tensor(v, shape);
}

/** worst |a − b| / max(1, max |b|): a GEMM's rounding error scales with the sums' magnitude, which grows with k */
function worst(a: tf.Tensor, b: tf.Tensor): number {
  expect(a.shape).toEqual(b.shape);
  const x = a.dataSync();
  const y = b.dataSync();
  let scale = 1;
  for (let i = 0; i < y.length; i++) scale = Math.max(scale, Math.abs(y[i]));
  let w = 0;
  for (let i = 0; i < x.length; i++) w = Math.max(w, Math.abs(x[i] - y[i]) / scale);
  return w;
}

// shapes as stored (already transposed where flagged): m, k, n vary, incl. the GEMV cases n = 1 and m = 1.
// Cases with one-sided batch broadcasting are compared forward only: tfjs 4.22's BatchMatMul gradient does
// not sum a broadcast operand's gradient back to its shape (it throws, on any kernel).
const CASES: [number[], number[], boolean, boolean][] = [
  [[64, 300], [300, 96], false, false],
  [[5, 7], [9, 7], false, true],
  [[7, 5], [7, 9], true, false],
  [[7, 5], [9, 7], true, true],
  [[3, 4, 5], [3, 5, 6], false, false],
  [[3, 4, 5], [5, 6], false, false], // right operand broadcast: one GEMM [12, 5] × [5, 6]
  [[3, 5, 4], [5, 6], true, false],
  [[4, 5], [3, 5, 6], false, false], // left operand broadcast
  [[2, 3, 5, 4], [2, 3, 6, 5], true, true],
  [[2, 3, 4, 5], [1, 5, 6], false, false],
  [[512, 64], [512, 1], true, false], // Eq. 12–13's Gᵀ dy: a GEMV
  [[40, 33], [33, 1], false, false],
  [[1, 33], [33, 17], false, false],
  [[1, 33], [17, 33], false, true],
  [[6, 1, 33], [6, 33, 17], false, false],
];

let addon: NativeAddon | null = null;

describe('native BatchMatMul', () => {
  beforeAll(async () => {
    await initBackend({ backend: 'wasm', quiet: true });
    addon = nativeAddon();
    if (!addon) console.warn(`native kernels not loaded here (${JSON.stringify(loadNativeKernels())}): the equality tests are skipped`);
  });

  it('is registered over the wasm kernel when the addon loads', () => {
    if (!addon) return;
    expect(nativeMatmulApplied()).toBe(true);
    expect(nativeTag()).toMatch(/^wasm\+/);
  });

  for (const [sa, sb, ta, tb] of CASES) {
    const broadcast = sa.slice(0, -2).join() !== sb.slice(0, -2).join();
    it(`[${sa}]${ta ? 'ᵀ' : ''} × [${sb}]${tb ? 'ᵀ' : ''}: forward${broadcast ? '' : ' and both gradients'} within 1e-5 of wasm`, () => {
      if (!addon) return;
      tf.tidy(() => {
        const a = randn(sa, 1);
        const b = randn(sb, 2);
        const run = () => {
          const out = tf.matMul(a, b, ta, tb);
          if (broadcast) return [out];
          const w = randn(out.shape, 3); // a loss with a non-uniform upstream gradient
          const [ga, gb] = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(tf.matMul(x, y, ta, tb), w)))([a, b]);
          return [out, ga, gb];
        };
        const nat = run();
        removeNativeMatmul();
        try {
          const ref = run();
          for (let i = 0; i < nat.length; i++) expect(worst(nat[i], ref[i])).toBeLessThan(1e-5);
        } finally {
          applyNativeMatmul(addon!);
        }
      });
    });
  }

  it('leaves unsupported broadcasting and int32 to the previous kernel', () => {
    if (!addon) return;
    tf.tidy(() => {
      const x = tf.tensor2d(
        [
          [1, 2],
          [3, 4],
        ],
        [2, 2],
        'int32',
      );
      expect(() => tf.matMul(x, x)).toThrow(/float32/); // the wasm kernel's own message: it was reached
    });
  });

  it('falls back with a reason when the addon is absent or the BLAS library is', () => {
    const noAddon = loadNativeKernels({ addonPath: '/nonexistent/mmfnd_native.node' });
    expect(noAddon.ok).toBe(false);
    if (!noAddon.ok) expect(noAddon.reason).toMatch(/addon not built/);
    const noBlas = loadNativeKernels({ blas: '/nonexistent/libopenblas.so.0' });
    expect(noBlas.ok).toBe(false);
    if (!noBlas.ok) expect(noBlas.reason).toMatch(/libopenblas\.so\.0 not found — apt-get install/);
    const off = loadNativeKernels({ enabled: false });
    expect(off.ok).toBe(false);
    // restore this process's state for the tests after this one
    loadNativeKernels();
  });

  it('a process whose BLAS is missing trains on the wasm kernels and says why', () => {
    const root = path.resolve(__dirname, '../..');
    const code = `import { initBackend, numericPath, nativeMatmulApplied, tf } from './lib/backend/index';
await initBackend({ backend: 'wasm' });
const y = tf.matMul(tf.ones([2, 3]), tf.ones([3, 2])).dataSync();
console.log(JSON.stringify({ path: await numericPath(), applied: nativeMatmulApplied(), y: Array.from(y) }));`;
    for (const env of [{ MMFND_NATIVE_BLAS: '/nonexistent/libopenblas.so.0' }, { MMFND_NATIVE: '0' }]) {
      const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, MMFND_QUIET: '', ...env },
      });
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout.trim().split('\n').pop()!)).toEqual({ path: 'wasm', applied: false, y: [3, 3, 3, 3] });
      expect(r.stderr).toMatch(/\[mmfnd\] backend: wasm \(.*native BLAS off: (\/nonexistent\/libopenblas\.so\.0 not found|MMFND_NATIVE=0)/);
    }
  }, 120_000);
});
