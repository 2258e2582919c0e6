import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, tf } from '../../lib/backend';
import { makeBatch } from '../../lib/data/batch';
import { PairMLP } from '../../lib/models/pair-mlp';
import { train } from '../../lib/train/trainer';
import { evaluate } from '../../lib/eval/predict';
import { multiclassMetrics } from '../../lib/eval/metrics';
import { predict } from '../../lib/eval/predict';
import { pairsToDataset, type PairSet } from '../../lib/selection/pairs';
import { rng } from '../../lib/util/random';

/** 3 classes in an 8-d joint space: 0 matched pair, 1 caption rotated a little (near), 2 unrelated caption */
function pairs(n: number, seed: number): PairSet {
  const r = rng(seed),
    d = 8;
  const unit = (v: number[]) => {
    const s = Math.hypot(...v);
    return v.map((x) => x / s);
  };
  const image = new Float32Array(n * d),
    text = new Float32Array(n * d),
    label3 = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    const a = unit(Array.from({ length: d }, () => r.normal()));
    const noise = Array.from({ length: d }, () => r.normal());
    const t = c === 0 ? a.map((x, k) => x + 0.1 * noise[k]) : c === 1 ? a.map((x, k) => x + 0.8 * noise[k]) : noise;
    image.set(a, i * d);
    text.set(unit(t), i * d);
    label3[i] = c;
  }
  const ids = Array.from({ length: n }, (_, i) => `x${i}`);
  return {
    d,
    image,
    text,
    label3,
    kind: ids.map(() => 'real' as const),
    imageSource: ids,
    textSource: ids,
    imageKey: ids,
    textKey: ids,
    origin: ids.map(() => 'target'),
  };
}

describe('PairMLP', () => {
  beforeAll(async () => {
    await initBackend({ quiet: true });
  });

  it('logits [B, K] for K = 2 and 3; features [B, 4d] = [i; t; i⊙t; |i−t|] (×√d)', () => {
    const ds = pairsToDataset(pairs(12, 1), '3-way', 't');
    for (const K of [2, 3]) {
      const m = new PairMLP({ dims: { imageSemantic: 8, textSemantic: 8 }, classes: K, seed: 1 });
      tf.tidy(() => {
        const b = makeBatch(
          ds,
          Int32Array.from({ length: 5 }, (_, i) => i),
        );
        expect(m.forward(b).logits.shape).toEqual([5, K]);
        const x = m.features(b).arraySync() as number[][];
        const i0 = Array.from(ds.views.imageSemantic!.data.subarray(0, 8)),
          t0 = Array.from(ds.views.textSemantic!.data.subarray(0, 8));
        const s = Math.sqrt(8);
        expect(x[0][0]).toBeCloseTo(i0[0] * s, 5);
        expect(x[0][8]).toBeCloseTo(t0[0] * s, 5);
        expect(x[0][16]).toBeCloseTo(i0[0] * t0[0] * 8, 4);
        expect(x[0][24]).toBeCloseTo(Math.abs(i0[0] - t0[0]) * s, 5);
      });
      expect(m.classes).toBe(K);
      m.dispose();
    }
  });

  it('3-way: trains above chance through the shared trainer / predict (K-class path), no tensor growth across epochs', () => {
    const trainDs = pairsToDataset(pairs(600, 2), '3-way', 'train'),
      valDs = pairsToDataset(pairs(150, 3), '3-way', 'val'),
      testDs = pairsToDataset(pairs(300, 4), '3-way', 'test');
    const m = new PairMLP({ dims: { imageSemantic: 8, textSemantic: 8 }, classes: 3, hidden: [64], seed: 3 });
    const counts: number[] = [];
    const r = train(
      m,
      { train: trainDs, val: valDs },
      { epochs: 12, progress: false, select: 'macroF1', onEpochEnd: () => void counts.push(tf.memory().numTensors) },
    );
    expect(new Set(counts.slice(1)).size).toBe(1);
    const p = predict(m, testDs);
    expect(p.probs.length).toBe(300 * 3);
    const mm = multiclassMetrics(p.pred, testDs.labels, 3);
    expect(mm.acc).toBeGreaterThan(0.6);
    expect(r.history.columnNames()).toContain('val_macroF1');
    expect(evaluate(m, testDs).loss).toBeGreaterThan(0);
    m.dispose();
  });

  it('rejects bad options by name', () => {
    expect(() => new PairMLP({ dims: { imageSemantic: 8 } })).toThrow(/textView/);
    expect(() => new PairMLP({ dims: { imageSemantic: 8, textSemantic: 4 } })).toThrow(/share one space/);
    expect(() => new PairMLP({ dims: { imageSemantic: 8, textSemantic: 8 }, classes: 1 })).toThrow(/classes/);
    expect(() => new PairMLP({ dims: { imageSemantic: 8, textSemantic: 8 }, width: 3 } as never)).toThrow(/unknown option 'width'/);
  });
});
