import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../lib/backend';
import { synthetic } from '../../lib/data/synthetic';
import { applySplit, splitIndices } from '../../lib/data/splits';
import { MMTransformer } from '../../lib/models/mm-transformer';
import { evaluate } from '../../lib/eval/predict';
import { gateImportance, gateOffDrops, headShares, randomHeads, topHeads } from '../../lib/eval/heads';

const ds = synthetic({ samples: 300, seed: 6 });
const sp = applySplit(ds, splitIndices(ds, { seed: 6 }));
const dims = Object.fromEntries(Object.entries(ds.views).map(([k, v]) => [k, v!.dim]));

beforeAll(async () => {
  await initBackend({ quiet: true });
});

describe('head analysis', () => {
  it('shares of text, image and [CLS] add up to 1 per head', () => {
    const m = new MMTransformer({ dims, seed: 1 });
    const s = headShares(m, sp.val);
    expect(s.posts).toBe(sp.val.labels.length);
    for (let l = 0; l < 2; l++)
      for (let h = 0; h < 4; h++) {
        expect(s.text[l][h] + s.image[l][h]).toBeLessThan(1);
        expect(s.text[l][h] + s.image[l][h]).toBeGreaterThan(0.5); // 4 of the 5 keys are modality tokens
      }
    m.dispose();
  });

  it('gate-off drops are base minus the gated model’s macro-F1, and the gates are restored', () => {
    const m = new MMTransformer({ dims, seed: 2 });
    const { base, drop } = gateOffDrops(m, sp.val, ['image-only']);
    m.transformer.setGates([
      [1, 1, 1, 1],
      [1, 0, 1, 1],
    ]);
    const off = evaluate(m, sp.val, { missing: 'image-only' }).macroF1;
    m.transformer.setGates([
      [1, 1, 1, 1],
      [1, 1, 1, 1],
    ]);
    expect(drop['image-only'][1][1]).toBeCloseTo(base['image-only'] - off, 10);
    expect(Array.from(m.transformer.gates.dataSync())).toEqual(new Array(8).fill(1));
    m.dispose();
  });

  it('gate importance is min-max scaled to [0, 1] with a 0 and a 1', () => {
    const m = new MMTransformer({ dims, seed: 3 });
    const g = gateImportance(m, sp.val).flat();
    expect(Math.min(...g)).toBe(0);
    expect(Math.max(...g)).toBe(1);
    m.dispose();
  });

  it('topHeads ranks by score (ties by position) and skips excluded heads; randomHeads is seeded', () => {
    const score = [
      [0.1, 0.9, 0.5],
      [0.9, 0.2, 0.3],
    ];
    expect(topHeads(score, 2)).toEqual([
      { layer: 0, head: 1 },
      { layer: 1, head: 0 },
    ]);
    expect(topHeads(score, 2, [{ layer: 0, head: 1 }])).toEqual([
      { layer: 1, head: 0 },
      { layer: 0, head: 2 },
    ]);
    expect(randomHeads(2, 3, 2, 5)).toEqual(randomHeads(2, 3, 2, 5));
    expect(randomHeads(2, 3, 5, 5, [{ layer: 0, head: 0 }])).not.toContainEqual({ layer: 0, head: 0 });
  });

  it('analysis leaves no tensors behind', () => {
    const m = new MMTransformer({ dims, seed: 4 });
    const before = tf.memory().numTensors;
    headShares(m, sp.val);
    gateOffDrops(m, sp.val);
    gateImportance(m, sp.val, 'image-only');
    expect(tf.memory().numTensors).toBe(before);
    m.dispose();
  });
});
