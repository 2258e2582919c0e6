/**
 * The flat native Adam (lib/train/flat-adam.ts) must give the same bytes as
 * tf.train.adam on the wasm backend, step after step, with and without the
 * trainer's coupled weight decay (g + wd·θ), and must not write θ in place.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, nativeAdamAddon, tf } from '../../lib/backend';
import { FlatAdam, isFlatAdam, makeAdam } from '../../lib/train/flat-adam';
import { rng } from '../../lib/util/random';

function randn(shape: number[], r: ReturnType<typeof rng>, scale = 1): tf.Tensor {
  const v = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < v.length; i++) v[i] = r.normal() * scale;
  return tf.tensor(v, shape);
}

const SHAPES = [[33, 7], [5], [4, 3, 2], [1]];

/** train two copies of the same variables with the two optimisers on the same gradients; bytes per step */
function run(make: () => tf.AdamOptimizer, wd: number, tag: string, steps = 6): Uint8Array[] {
  const r = rng(11);
  const vars = SHAPES.map((s, i) => tf.variable(randn(s, r), true, `${tag}_v${i}`));
  const opt = make();
  const out: Uint8Array[] = [];
  try {
    for (let t = 0; t < steps; t++) {
      tf.tidy(() => {
        const grads: tf.NamedTensorMap = {};
        // gradients over several magnitudes, incl. zeros (a variable the loss does not reach)
        vars.forEach((v, i) => (grads[v.name] = i === 3 && t % 2 ? tf.zerosLike(v) : randn(v.shape, r, 10 ** (i - 2))));
        if (isFlatAdam(opt)) opt.applyWithDecay(grads, wd);
        else {
          const g: tf.NamedTensorMap = {};
          for (const v of vars) g[v.name] = wd > 0 ? tf.add(grads[v.name], tf.mul(v, wd)) : grads[v.name]; // lib/train/step.ts
          opt.applyGradients(g as Parameters<typeof opt.applyGradients>[0]);
        }
      });
      for (const v of vars) out.push(new Uint8Array((v.dataSync() as Float32Array).slice().buffer));
    }
  } finally {
    opt.dispose();
    tf.dispose(vars);
  }
  return out;
}

describe('FlatAdam', () => {
  let on = false;
  beforeAll(async () => {
    await initBackend({ backend: 'wasm', quiet: true });
    on = nativeAdamAddon() != null;
    if (!on) console.warn('native kernels not loaded here: the flat Adam tests are skipped');
  });

  for (const [lr, wd] of [
    [1e-3, 0],
    [1e-3, 1e-3],
    [3e-4, 5e-2],
  ] as const) {
    it(`is bit-identical to tf.train.adam (lr ${lr}, wd ${wd}, 6 steps)`, () => {
      if (!on) return;
      const ref = run(() => tf.train.adam(lr), wd, `ref${lr}${wd}`);
      const flat = run(() => new FlatAdam(lr), wd, `flat${lr}${wd}`);
      expect(flat.length).toBe(ref.length);
      for (let i = 0; i < ref.length; i++)
        expect(Buffer.from(flat[i]).equals(Buffer.from(ref[i])), `step ${Math.floor(i / SHAPES.length)} var ${i % SHAPES.length}`).toBe(true);
    });
  }

  it('writes θ to a new buffer (the wasm matMul caches packed weights by tensor id)', () => {
    if (!on) return;
    const v = tf.variable(tf.ones([3, 2]), true, 'flat_inplace');
    const opt = new FlatAdam(0.1);
    const before = (v as unknown as { dataId: object }).dataId;
    tf.tidy(() => opt.applyGradients({ [v.name]: tf.ones([3, 2]) } as unknown as Parameters<typeof opt.applyGradients>[0]));
    expect((v as unknown as { dataId: object }).dataId).not.toBe(before);
    expect(Array.from(v.dataSync())[0]).toBeCloseTo(0.9, 5);
    opt.dispose();
    v.dispose();
  });

  it('makeAdam gives tfjs’s Adam when asked to (and isFlatAdam tells them apart)', () => {
    const t = makeAdam(1e-3, false);
    expect(isFlatAdam(t)).toBe(false);
    t.dispose();
    if (!on) return;
    const f = makeAdam(1e-3);
    expect(isFlatAdam(f)).toBe(true);
    f.dispose();
  });
});
