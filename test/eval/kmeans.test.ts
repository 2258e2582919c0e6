import { describe, expect, it } from 'vitest';
import { kmeans, minMaxScale, purity } from '../../lib/eval/kmeans';

describe('kmeans / purity', () => {
  it('k-means purity: two separated blobs cluster perfectly; mixed labels give the majority share', () => {
    const x = [0, 0, 0.1, 0, 0, 0.1, 5, 5, 5.1, 5, 5, 5.1]; // 6 rows, d = 2
    const c = kmeans(minMaxScale(x, 6, 2), 6, 2, 2, 1);
    expect(purity([0, 0, 0, 1, 1, 1], c)).toBe(1);
    expect(c[0]).toBe(c[1]);
    expect(c[0]).not.toBe(c[3]);
    expect(purity([0, 1, 0, 1, 1, 1], c)).toBeCloseTo(5 / 6, 12);
    expect(Array.from(minMaxScale([2, 7, 4, 7], 2, 2))).toEqual([-1, 0, 1, 0]); // constant column → 0
  });

  it('is seeded and rejects a bad k', () => {
    const x = Array.from({ length: 40 }, (_, i) => Math.sin(i * 1.7));
    expect(Array.from(kmeans(x, 20, 2, 3, 5))).toEqual(Array.from(kmeans(x, 20, 2, 3, 5)));
    expect(() => kmeans(x, 20, 2, 0)).toThrow(/k must be an integer in 1..20/);
    expect(() => purity([0], [])).toThrow(/1 labels for 0 cluster ids/);
  });
});
