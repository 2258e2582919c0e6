import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../lib/backend';
import { GatedTransformer, attentionShare } from '../../lib/nn/gated-transformer';

beforeAll(async () => {
  await initBackend({ quiet: true });
});

describe('attentionShare', () => {
  it('is the mean over (real) queries of the attention mass on the modality’s keys, per head', () => {
    // B = 1, H = 2, T = 3 (keys 0 = cls, 1 = text, 2 = image)
    const w = tf.tensor4d(
      [
        // head 0: rows = queries
        0.2, 0.3, 0.5, 0.1, 0.1, 0.8, 0.6, 0.4, 0.0,
        // head 1
        1, 0, 0, 0, 1, 0, 0, 0, 1,
      ],
      [1, 2, 3, 3],
    );
    const image = tf.tensor1d([0, 0, 1]);
    const s = attentionShare(w, image).arraySync();
    expect(s[0][0]).toBeCloseTo((0.5 + 0.8 + 0) / 3, 6);
    expect(s[0][1]).toBeCloseTo(1 / 3, 6);
    // query 2 is padding: only queries 0, 1 count
    const q = attentionShare(w, image, tf.tensor2d([[1, 1, 0]])).arraySync();
    expect(q[0][0]).toBeCloseTo((0.5 + 0.8) / 2, 6);
    expect(q[0][1]).toBeCloseTo(0, 6);
    // per-sample keys [B, T] give the same as [T]
    expect(attentionShare(w, tf.tensor2d([[0, 0, 1]])).arraySync()).toEqual(s);
  });
});

describe('GatedTransformer', () => {
  const x = () => tf.randomNormal([3, 5, 8], 0, 1, 'float32', 7) as tf.Tensor3D;

  it('gating a head off equals removing its output (zeroing its rows of W_o)', () => {
    const t = new GatedTransformer(8, { layers: 2, heads: 2, ffn: 16, seed: 1 });
    const inp = x();
    t.setGates([
      [1, 1],
      [0, 1],
    ]);
    const gated = t.apply(inp).out.arraySync();
    t.setGates([
      [1, 1],
      [1, 1],
    ]);
    // remove head 0 of layer 1 by hand: its rows 0..3 of W_o contribute nothing
    const Wo = t.blocks[1].attn.o.W;
    const saved = Wo.clone();
    const mask = tf.concat([tf.zeros([4, 8]), tf.ones([4, 8])], 0);
    Wo.assign(tf.mul(saved, mask));
    const removed = t.apply(inp).out.arraySync();
    Wo.assign(saved);
    const flat = (a: number[][][]) => a.flat(2);
    flat(gated).forEach((v, i) => expect(v).toBeCloseTo(flat(removed)[i], 5));
    // and it changes the output compared with all heads on
    const all = flat(t.apply(inp).out.arraySync());
    expect(all.some((v, i) => Math.abs(v - flat(gated)[i]) > 1e-4)).toBe(true);
    t.dispose();
  });

  it('returns attention maps [B, H, T, T] per layer whose rows sum to 1, and masked keys get no weight', () => {
    const t = new GatedTransformer(8, { layers: 2, heads: 4, seed: 2 });
    const mask = tf.tensor2d([
      [1, 1, 1, 0, 0],
      [1, 1, 1, 1, 1],
      [1, 0, 1, 0, 1],
    ]);
    const r = t.apply(x(), mask, { attention: true });
    expect(r.attention!.length).toBe(2);
    expect(r.attention![0].shape).toEqual([3, 4, 5, 5]);
    const a = r.attention![1].arraySync();
    for (const row of a[0][2]) expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
    expect(a[0][1][0].reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
    expect(a[0][1][0][3]).toBeLessThan(1e-6);
    expect(a[2][3][4][1]).toBeLessThan(1e-6);
    t.dispose();
  });

  it('headSlices name the Q/K/V columns, their biases and the W_o rows of one head', () => {
    const t = new GatedTransformer(8, { layers: 1, heads: 2, seed: 3 });
    const s = t.headSlices(0, 1);
    const a = t.blocks[0].attn;
    expect(s.map((x) => [x.variable, x.kind, x.start, x.size])).toEqual([
      [a.q.W, 'cols', 4, 4],
      [a.q.b, 'range', 4, 4],
      [a.k.W, 'cols', 4, 4],
      [a.k.b, 'range', 4, 4],
      [a.v.W, 'cols', 4, 4],
      [a.v.b, 'range', 4, 4],
      [a.o.W, 'rows', 4, 4],
    ]);
    expect(() => t.headSlices(1, 0)).toThrow(/no head/);
    t.dispose();
  });

  it('rejects bad options by name', () => {
    expect(() => new GatedTransformer(8, { heads: 3 })).toThrow(/heads/);
    expect(() => new GatedTransformer(8, { layers: 0 })).toThrow(/'layers'/);
  });
});
