import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../lib/backend';
import { GatedTransformer } from '../../lib/nn/gated-transformer';
import { scaleGradients, ukr } from '../../lib/balance/ukr';

beforeAll(async () => {
  await initBackend({ quiet: true });
});

describe('ukr', () => {
  it('scales exactly the allocated heads’ Q/K/V/O gradient slices by λ and nothing else', () => {
    const t = new GatedTransformer(8, { layers: 2, heads: 2, ffn: 8, seed: 4 });
    const x = tf.randomNormal([2, 4, 8], 0, 1, 'float32', 1) as tf.Tensor3D;
    const vars = t.variables().filter((v) => v.trainable);
    const { grads } = tf.variableGrads(() => tf.sum(tf.square(t.apply(x).out)) as tf.Scalar, vars);
    const s = ukr(t.headSlices(1, 0), { lambda: 0.25, mode: 'gradient' });
    const scaled = scaleGradients(grads, s);
    const a = t.blocks[1].attn;
    const inSlice = (name: string, r: number, c: number, len: number): boolean => {
      if ([a.q.W.name, a.k.W.name, a.v.W.name].includes(name)) return c < 4; // columns 0..3 of [8, 8]
      if ([a.q.b!.name, a.k.b!.name, a.v.b!.name].includes(name)) return r < 4 && len === 8; // bias entries 0..3
      if (name === a.o.W.name) return r < 4; // rows 0..3
      return false;
    };
    let touched = 0,
      untouched = 0;
    for (const v of vars) {
      const g = grads[v.name].dataSync(),
        h = scaled[v.name].dataSync();
      const cols = v.shape.length === 2 ? v.shape[1] : 1;
      for (let i = 0; i < g.length; i++) {
        const r = v.shape.length === 2 ? Math.floor(i / cols) : i,
          c = v.shape.length === 2 ? i % cols : 0;
        if (inSlice(v.name, r, c, g.length)) (expect(h[i]).toBeCloseTo(0.25 * g[i], 6), touched++);
        else (expect(h[i]).toBe(g[i]), untouched++);
      }
    }
    expect(touched).toBe(3 * 8 * 4 + 3 * 4 + 4 * 8);
    expect(untouched).toBeGreaterThan(touched);
    // W_o's bias is shared by every head: never scaled
    expect(s.factors.has(a.o.b!.name)).toBe(false);
    s.dispose();
    t.dispose();
  });

  it('rejects unknown options and λ outside [0, 1]', () => {
    const t = new GatedTransformer(8, { layers: 1, heads: 2 });
    expect(() => ukr(t.headSlices(0, 0), { lambda: 2 })).toThrow(/lambda/);
    expect(() => ukr(t.headSlices(0, 0), { mode: 'x' as never })).toThrow(/mode/);
    expect(() => ukr(t.headSlices(0, 0), { lamda: 0.1 } as never)).toThrow(/unknown option 'lamda'/);
    t.dispose();
  });
});
