import { describe, expect, it } from 'vitest';
import { MemoryBank, sampleCandidates } from '../../lib/nn/memory-bank';
import { rng } from '../../lib/util/random';

describe('MemoryBank', () => {
  it('initialises uniformly in ±1/√(dim/3) (CRD), seeded', () => {
    const a = new MemoryBank({ size: 50, dim: 12, seed: 3 });
    const lim = 1 / Math.sqrt(12 / 3);
    expect(Math.max(...a.data.map(Math.abs))).toBeLessThanOrEqual(lim);
    expect(Math.max(...a.data.map(Math.abs))).toBeGreaterThan(0.8 * lim);
    expect(new MemoryBank({ size: 50, dim: 12, seed: 3 }).data).toEqual(a.data);
    expect(new MemoryBank({ size: 50, dim: 12, seed: 4 }).data).not.toEqual(a.data);
  });

  it('momentum update: m ← normalise(μ m + (1 − μ) z), other rows untouched (hand-computed)', () => {
    const b = new MemoryBank({ size: 3, dim: 2, momentum: 0.5 });
    b.data.set([1, 0, 0, 1, 0.6, 0.8]);
    b.update([0, 2], Float32Array.from([0, 1, -0.6, -0.8 + 2]));
    // row 0: 0.5·(1,0) + 0.5·(0,1) = (0.5, 0.5) → (1/√2, 1/√2)
    expect(b.row(0)[0]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(b.row(0)[1]).toBeCloseTo(Math.SQRT1_2, 6);
    // row 1 untouched
    expect(Array.from(b.row(1))).toEqual([0, 1]);
    // row 2: 0.5·(0.6, 0.8) + 0.5·(−0.6, 1.2) = (0, 1) → (0, 1)
    expect(b.row(2)[0]).toBeCloseTo(0, 6);
    expect(b.row(2)[1]).toBeCloseTo(1, 6);
  });

  it('rejects bad options and mismatched updates, naming them', () => {
    expect(() => new MemoryBank({ size: 0 })).toThrow(/size/);
    expect(() => new MemoryBank({ size: 2, momentum: 1 })).toThrow(/momentum/);
    expect(() => new MemoryBank({ size: 2, dim: 2 }).update([0], new Float32Array(3))).toThrow(/2 values/);
    expect(() => new MemoryBank({ size: 2, dim: 1 }).update([5], new Float32Array(1))).toThrow(/out of range/);
  });
});

describe('sampleCandidates', () => {
  const labels = Int32Array.from([1, 1, 0, 1, 0, 0, 0, 1, 0, 1]); // fake at 0,1,3,7,9; real at 2,4,5,6,8
  it('positive first, then k negatives ONLY from the other class, distinct when the pool allows', () => {
    const anchors = [0, 2, 7, 8];
    const c = sampleCandidates(anchors, labels, 4, rng(1));
    expect(c.length).toBe(4 * 5);
    anchors.forEach((a, b) => {
      const row = Array.from(c.subarray(b * 5, b * 5 + 5));
      expect(row[0]).toBe(a);
      const negs = row.slice(1);
      for (const j of negs) expect(labels[j]).not.toBe(labels[a]);
      expect(new Set(negs).size).toBe(4);
    });
  });
  it('draws with replacement when k exceeds the other-class pool; pool "all" may draw either class', () => {
    const c = sampleCandidates([0], labels, 12, rng(2));
    const negs = Array.from(c.subarray(1));
    expect(negs).toHaveLength(12);
    for (const j of negs) expect(labels[j]).toBe(0);
    const all = Array.from(sampleCandidates([0, 1, 2], labels, 9, rng(3), 'all'));
    expect(new Set(all.map((j) => labels[j]))).toEqual(new Set([0, 1]));
  });
  it('is seeded', () => {
    expect(sampleCandidates([0, 2], labels, 3, rng(7))).toEqual(sampleCandidates([0, 2], labels, 3, rng(7)));
    expect(sampleCandidates([0, 2], labels, 3, rng(7))).not.toEqual(sampleCandidates([0, 2], labels, 3, rng(8)));
  });
});
