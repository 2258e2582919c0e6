import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { initBackend, tf } from '../../../lib/backend';
import { synthetic } from '../../../lib/data/synthetic';
import { applySplit, splitIndices } from '../../../lib/data/splits';
import { makeBatch } from '../../../lib/data/batch';
import { mib } from '../../../lib/balance/mib';
import { imageOnly } from '../../../lib/models/late-fusion';
import { train } from '../../../lib/train/trainer';
import { ABLATIONS, BMLHF_VIEWS, bmlhf, type BMLHFOptions } from '../../../lib/models/bmlhf';
import { sampleCorrelation } from '../../../lib/models/bmlhf/inter-fusion';
import { FlatAdam } from '../../../lib/train/flat-adam';

const ds = synthetic({ samples: 200, seed: 3 });
const sp = applySplit(ds, splitIndices(ds, { seed: 3 }));
const dims = Object.fromEntries(Object.entries(ds.views).map(([k, v]) => [k, v!.dim]));
const small: BMLHFOptions = { dk: 8, hidden: 16, tokens: 2, heads: 2, seed: 4 };

beforeAll(async () => {
  await initBackend({ quiet: true });
});
afterEach(() => vi.restoreAllMocks());

const logitsOf = (m: ReturnType<typeof bmlhf>, idx: number[]) => tf.tidy(() => Array.from(m.forward(makeBatch(ds, idx), false).logits.dataSync()));

describe('BMLHF structure', () => {
  // dims 8/8/8/8, d_k 4, hidden 6, 1 token of width 4, 4 heads, FFN 16, classifier hidden 4:
  //   g^u: (8·6 + 6) + (6·4 + 4) = 82, ×4                              = 328
  //   view head: 16·2 + 2                                              =  34
  //   cross-transformer half: MHA 4·(4·4 + 4) = 80, FFN (4·16 + 16) + (16·4 + 4) = 148, 3 LN 3·8 = 24 → 252;
  //     ×2 halves ×2 (pattern, semantic)                               = 1008
  //   view attention: (4·4 + 4) + 4 = 24, ×2 (Θ_A, Θ_B)                 =  48
  //   joint correlation ('sample'): w_I, w_T ∈ R^8                      =  16
  //   classifier: (8·4 + 4) + (4·2 + 2)                                 =  46
  const tiny = { textPattern: 8, textSemantic: 8, imagePattern: 8, imageSemantic: 8 };
  const opts: BMLHFOptions = { dk: 4, hidden: 6, tokens: 1, heads: 4, classifierHidden: 4 };
  it('parameter count matches a hand count, for the full model and each ablation', () => {
    const count = (o: BMLHFOptions) => {
      const m = bmlhf(tiny, { ...opts, ...o });
      const n = m.paramCount();
      m.dispose();
      return n;
    };
    expect(count({})).toBe(328 + 34 + 1008 + 48 + 16 + 46);
    expect(count({ interReading: 'batch' })).toBe(1480 - 16 + 2 * 8 * 8); // W_I, W_T ∈ R^{8×8}
    expect(count({ ablation: 'I' })).toBe(1480); // same network
    expect(count({ ablation: 'D' })).toBe(1480 - 1008);
    expect(count({ ablation: 'T' })).toBe(328 + 34 + 1008 + (16 * 4 + 4 + 10)); // classifier on [Q̃;P̃;Ẽ;Ũ]
    expect(count({ ablation: 'H' })).toBe(328 + 34 + (16 * 4 + 4 + 10)); // encoders + view head + classifier
    expect(count({ ablation: 'ter' })).toBe(1480 - 16);
    expect(count({ ablation: 'tra' })).toBe(328 + 34 + 1008 + 2 * 16 + (16 * 4 + 4 + 10)); // correlation at m = 2 d_k
  });

  it('each ablation removes the named part and changes the output', () => {
    const full = bmlhf(dims, small);
    const base = logitsOf(full, [0, 1, 2, 3]);
    const parts = (m: ReturnType<typeof bmlhf>) => [m.dual, m.intraText, m.inter].map(Boolean);
    expect(parts(full)).toEqual([true, true, true]);
    const expected: Record<string, boolean[]> = {
      I: [true, true, true],
      D: [false, true, true],
      T: [true, false, false],
      H: [false, false, false],
      tra: [true, false, true],
      ter: [true, true, false],
    };
    for (const a of ABLATIONS) {
      const m = bmlhf(dims, { ...small, ablation: a });
      expect(parts(m), a).toEqual(expected[a]);
      expect(m.name).toBe(`BMLHF-${a}`);
      expect(m.config.ablation).toBe(a);
      // same seed → same encoders, so any output difference comes from the fusion graph
      expect(Array.from(m.encoders.textPattern.layers[0].W.dataSync())).toEqual(Array.from(full.encoders.textPattern.layers[0].W.dataSync()));
      const out = logitsOf(m, [0, 1, 2, 3]);
      if (a === 'I') expect(out).toEqual(base);
      else expect(out, a).not.toEqual(base);
      m.dispose();
    }
    full.dispose();
  });

  it('groups are the four encoders θ^u; fusion, view head and classifier are unmodulated', () => {
    const m = bmlhf(dims, small);
    const g = m.groups();
    expect(Object.keys(g)).toEqual([...BMLHF_VIEWS]);
    for (const v of BMLHF_VIEWS) expect(g[v]).toEqual(m.encoders[v].variables());
    const grouped = new Set(Object.values(g).flat());
    const rest = m.variables().filter((v) => !grouped.has(v));
    expect(rest).toEqual([
      ...m.viewHead.variables(),
      ...m.dual!.variables(),
      ...m.intraText!.variables(),
      ...m.intraImage!.variables(),
      ...m.inter!.variables(),
      ...m.classifier.variables(),
    ]);
    const keys = tf.tidy(() => Object.keys(m.forward(makeBatch(ds, [0, 1]), true).branches!));
    expect(keys).toEqual([...BMLHF_VIEWS]);
    m.dispose();
  });

  it('branch logits are W^u g^u + b/4 and sum to the view head; the probe does not train the encoders', () => {
    for (const mode of ['probe', 'aux'] as const) {
      const m = bmlhf(dims, { ...small, viewHead: mode });
      tf.tidy(() => {
        const b = makeBatch(ds, [0, 1, 2, 3, 4]);
        const out = m.forward(b, true);
        const sum = BMLHF_VIEWS.map((v) => out.branches![v]).reduce((x, y) => tf.add(x, y) as tf.Tensor2D);
        const head = (out.extra!.viewHead as tf.Tensor).dataSync();
        sum.dataSync().forEach((x, i) => expect(x).toBeCloseTo(head[i], 5));
        const enc = m.encoders.imageSemantic.variables();
        const { grads } = tf.variableGrads(() => m.loss(m.forward(b, true), b).viewHead, enc);
        const norm = tf.addN(Object.values(grads).map((t) => tf.sum(tf.abs(t)))).dataSync()[0];
        if (mode === 'probe') expect(norm).toBe(0);
        else expect(norm).toBeGreaterThan(0);
      });
      m.dispose();
    }
  });

  it("interReading 'sample' keeps samples independent; 'batch' mixes the batch", () => {
    for (const reading of ['sample', 'batch'] as const) {
      const m = bmlhf(dims, { ...small, interReading: reading });
      const a = logitsOf(m, [0, 1, 2, 3]).slice(0, 2),
        b = logitsOf(m, [0, 5, 6, 7]).slice(0, 2);
      if (reading === 'sample') a.forEach((x, i) => expect(x).toBeCloseTo(b[i], 5));
      else expect(a).not.toEqual(b);
      expect(m.config.interReading).toBe(reading);
      m.dispose();
    }
  });

  it('the hand-written gradient of Eq. 12–13 equals autodiff', () => {
    const [B, m, d] = [3, 4, 8];
    const x = tf.randomNormal([B, m], 0, 1, 'float32', 1),
      l = tf.randomNormal([B, d], 0, 1, 'float32', 2),
      w = tf.randomNormal([d, 1], 0, 1, 'float32', 3);
    const ref = (a: tf.Tensor, l: tf.Tensor, w: tf.Tensor) =>
      tf.sum(tf.square(tf.matMul(tf.tanh(tf.mul(a.reshape([B, m, 1]), l.reshape([B, 1, d]))).reshape([B * m, d]), w as tf.Tensor2D)));
    const mine = (a: tf.Tensor, l: tf.Tensor, w: tf.Tensor) => tf.sum(tf.square(sampleCorrelation(a as tf.Tensor2D, l as tf.Tensor2D, w as tf.Tensor2D)));
    const g1 = tf.grads(ref)([x, l, w]),
      g2 = tf.grads(mine)([x, l, w]);
    g1.forEach((g, i) => Array.from(g.dataSync()).forEach((v, j) => expect(g2[i].dataSync()[j]).toBeCloseTo(v, 4)));
    tf.dispose([x, l, w, ...g1, ...g2]);
  });

  it('the gradient of w is Gᵀ dy, bit-identical to dyᵀ G (the form it replaced for speed) at the real shapes', () => {
    const [B, m, d] = [64, 128, 256];
    const G = tf.tanh(tf.randomNormal([B * m, d], 0, 2, 'float32', 21)) as tf.Tensor2D,
      dy = tf.randomNormal([B * m, 1], 0, 1e-3, 'float32', 22) as tf.Tensor2D;
    const before = tf.matMul(dy.reshape([1, B * m]), G).dataSync(),
      after = tf.matMul(G, dy, true, false).dataSync();
    expect(Array.from(after)).toEqual(Array.from(before));
    tf.dispose([G, dy]);
  });

  it("eq12Tanh 'sigmoid' (2σ(2x) − 1, the default): the correlation and its gradients within 1e-5 of tf.tanh's; recorded in config", () => {
    const [B, m, d] = [4, 16, 32];
    const x = tf.randomNormal([B, m], 0, 1, 'float32', 11),
      l = tf.randomNormal([B, d], 0, 1, 'float32', 12),
      w = tf.randomNormal([d, 1], 0, 1, 'float32', 13);
    const f = (form: 'exact' | 'sigmoid') => (a: tf.Tensor, l: tf.Tensor, w: tf.Tensor) =>
      tf.sum(tf.square(sampleCorrelation(a as tf.Tensor2D, l as tf.Tensor2D, w as tf.Tensor2D, form)));
    const [v1, v2] = [f('exact')(x, l, w), f('sigmoid')(x, l, w)];
    expect(Math.abs(v1.dataSync()[0] - v2.dataSync()[0]) / v1.dataSync()[0]).toBeLessThan(1e-5);
    const g1 = tf.grads(f('exact'))([x, l, w]),
      g2 = tf.grads(f('sigmoid'))([x, l, w]);
    // 2e-5: on the native BLAS path the GEMMs around it round differently from the wasm kernels' (1.3e-5 seen there)
    g1.forEach((g, i) => Array.from(g.dataSync()).forEach((v, j) => expect(Math.abs(g2[i].dataSync()[j] - v)).toBeLessThan(2e-5 * Math.max(1, Math.abs(v)))));
    const exact = bmlhf(dims, { seed: 2, eq12Tanh: 'exact' }),
      fast = bmlhf(dims, { seed: 2 });
    const a = logitsOf(exact, [0, 1, 2, 3]),
      b = logitsOf(fast, [0, 1, 2, 3]);
    a.forEach((v, i) => expect(Math.abs(b[i] - v)).toBeLessThan(1e-5));
    expect(exact.config.eq12Tanh).toBe('exact');
    expect(fast.config.eq12Tanh).toBe('sigmoid');
    expect(() => bmlhf(dims, { eq12Tanh: 'fast' as never })).toThrow(/eq12Tanh must be 'exact' \| 'sigmoid', got 'fast'/);
    tf.dispose([x, l, w, v1, v2, ...g1, ...g2]);
    exact.dispose();
    fast.dispose();
  });

  it('rejects bad options and missing views by name', () => {
    expect(() => bmlhf(dims, { dk: 10, tokens: 4 })).toThrow(/d_k 10/);
    expect(() => bmlhf(dims, { ablation: 'X' as never })).toThrow(/ablation/);
    expect(() => bmlhf(dims, { foo: 1 } as never)).toThrow(/unknown option 'foo'/);
    expect(() => bmlhf({ ...dims, imageSemantic: 0 })).toThrow(/dims.imageSemantic/);
  });
});

describe('BMLHF training', () => {
  it("MIB in mode 'gradient' (Eq. 5 as printed) scales exactly the gradient of each view encoder by k^u in a real train() step", () => {
    const captured: Record<string, Float32Array>[] = [];
    // the trainer's Adam is tfjs's or, where the native kernels load, the flat one (lib/train/flat-adam.ts)
    for (const proto of [tf.AdamOptimizer.prototype, FlatAdam.prototype]) {
      const orig = proto.applyGradients;
      vi.spyOn(proto, 'applyGradients').mockImplementation(function (this: tf.AdamOptimizer, g) {
        captured.push(Object.fromEntries(Object.entries(g as tf.NamedTensorMap).map(([k, t]) => [k, t.dataSync().slice() as Float32Array])));
        return orig.call(this, g);
      });
    }
    const one = { epochs: 1, batchSize: sp.train.labels.length, weightDecay: 0, seed: 1, progress: false }; // a single step
    const runs = [undefined, mib({ mode: 'gradient' })].map((balancer) => {
      const m = bmlhf(dims, small);
      const r = train(m, sp, { ...one, balancer });
      const byIndex = m.variables().map((v) => captured[captured.length - 1][v.name]);
      const groupIndex = new Map(m.variables().map((v, i) => [v, i]));
      const groups = Object.fromEntries(Object.entries(m.groups()).map(([g, vs]) => [g, vs.map((v) => groupIndex.get(v)!)]));
      m.dispose();
      return { r, byIndex, groups };
    });
    const [plain, balanced] = runs;
    const row = balanced.r.steps.objects()[0] as Record<string, number>;
    const ks = BMLHF_VIEWS.map((v) => row[`k_${v}`]);
    expect(Math.min(...ks)).toBeLessThan(1); // some view is above its fair share at step 1
    const inGroup = new Set<number>();
    for (const v of BMLHF_VIEWS) {
      const k = row[`k_${v}`];
      expect(k).toBeCloseTo(row[`rho_${v}`] > 0.25 ? 1 - Math.tanh(0.8 * row[`rho_${v}`]) : 1, 10);
      for (const i of balanced.groups[v]) {
        inGroup.add(i);
        plain.byIndex[i].forEach((g, j) => expect(balanced.byIndex[i][j]).toBeCloseTo(k * g, 6));
      }
    }
    plain.byIndex.forEach((g, i) => {
      if (!inGroup.has(i)) expect(balanced.byIndex[i]).toEqual(g); // fusion, view head, classifier: untouched
    });
  });

  it('does not grow tf.memory().numTensors across 2 epochs of train() with MIB', () => {
    const counts: number[] = [];
    const m = bmlhf(dims, small);
    train(m, sp, { epochs: 2, seed: 1, balancer: mib(), progress: false, onEpochEnd: () => void counts.push(tf.memory().numTensors) });
    expect(counts[1]).toBe(counts[0]);
    m.dispose();
  });

  it('20 epochs on synthetic 1200 beat the image-only baseline on validation (sanity)', () => {
    const d = synthetic({ samples: 1200, seed: 0 });
    const s = applySplit(d, splitIndices(d, { seed: 0 }));
    const dm = Object.fromEntries(Object.entries(d.views).map(([k, v]) => [k, v!.dim]));
    const img = imageOnly(dm, 0);
    const ri = train(img, s, { epochs: 20, seed: 0, progress: false });
    img.dispose();
    const m = bmlhf(dm, { seed: 0 });
    const r = train(m, s, { epochs: 20, seed: 0, balancer: mib(), progress: false });
    m.dispose();
    expect(r.bestValue).toBeGreaterThan(ri.bestValue);
  }, 900_000);
});
