import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../lib/backend';
import { BlockFusion, chunkSizes } from '../../lib/nn/block-fusion';

beforeAll(async () => {
  await initBackend({ quiet: true });
});

describe('BLOCK fusion (CMC Eq. 9)', () => {
  it('chunk sizes follow the reference get_sizes_list', () => {
    expect(chunkSizes(256, 18)).toEqual([...Array(17).fill(15), 1]);
    expect(chunkSizes(10, 3)).toEqual([4, 4, 2]);
    expect(chunkSizes(1600, 20)).toEqual(Array(20).fill(80));
  });

  it('output shape and parameter count of a small config (hand count)', () => {
    const m = new BlockFusion([5, 7], 2, { mmDim: 10, chunks: 3, rank: 2, seed: 1 });
    const { r, fused } = m.forward(tf.randomNormal([4, 5]) as tf.Tensor2D, tf.randomNormal([4, 7]) as tf.Tensor2D);
    expect(r.shape).toEqual([4, 2]);
    expect(fused.shape).toEqual([4, 10]);
    // linear0 5·10+10, linear1 7·10+10; per chunk s: two Linear(s → 2s) = 2·(s·2s + 2s); sizes 4,4,2; out 10·2+2
    const merge = [4, 4, 2].reduce((n, s) => n + 2 * (s * 2 * s + 2 * s), 0);
    expect(m.paramCount()).toBe(60 + 80 + merge + 22);
    // every chunk of the fused vector is L2-normalised
    const f = fused.arraySync() as number[][];
    for (const row of f)
      for (const [a, b] of [
        [0, 4],
        [4, 8],
        [8, 10],
      ])
        expect(Math.hypot(...row.slice(a, b))).toBeCloseTo(1, 4);
    m.dispose();
  });

  it('default config 256 / 18 / 15 on 128-d inputs; finite gradients at all-zero inputs (signed sqrt at 0)', () => {
    const m = new BlockFusion([128, 128], 2);
    expect(m.o).toEqual({ mmDim: 256, chunks: 18, rank: 15, seed: 0 });
    const sizes = [...Array(17).fill(15), 1];
    expect(m.paramCount()).toBe(2 * (128 * 256 + 256) + sizes.reduce((n, s) => n + 2 * (s * 15 * s + 15 * s), 0) + 256 * 2 + 2);
    const vars = m.variables();
    tf.tidy(() => {
      const { grads } = tf.variableGrads(() => tf.sum(m.forward(tf.zeros([3, 128]) as tf.Tensor2D, tf.zeros([3, 128]) as tf.Tensor2D).r) as tf.Scalar, vars);
      for (const v of vars) expect(Array.from(grads[v.name].dataSync()).every(Number.isFinite)).toBe(true);
    });
    m.dispose();
    expect(() => new BlockFusion([2, 2], 2, { rank: 0 })).toThrow(/rank/);
    expect(() => new BlockFusion([2, 2], 2, { mm: 4 } as never)).toThrow(/unknown option 'mm'/);
  });
});
