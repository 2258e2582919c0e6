import { describe, expect, it } from 'vitest';
import { argmaxK, confusion, metrics, meanStd, metricsFromConfusion, multiclassMetrics } from '../../lib/eval/metrics';

describe('metrics', () => {
  it('matches a hand-computed confusion matrix', () => {
    // labels: 1 = fake. 6 fake, 4 real.
    const y = [1, 1, 1, 1, 1, 1, 0, 0, 0, 0];
    const p = [1, 1, 1, 1, 0, 0, 1, 0, 0, 0];
    const c = confusion(p, y);
    expect(c).toEqual({ tp: 4, fn: 2, fp: 1, tn: 3 });
    const m = metrics(p, y);
    expect(m.acc).toBeCloseTo(7 / 10, 12);
    expect(m.fakeP).toBeCloseTo(4 / 5, 12);
    expect(m.fakeR).toBeCloseTo(4 / 6, 12);
    expect(m.fakeF1).toBeCloseTo((2 * 0.8 * (4 / 6)) / (0.8 + 4 / 6), 12);
    expect(m.realP).toBeCloseTo(3 / 5, 12);
    expect(m.realR).toBeCloseTo(3 / 4, 12);
    expect(m.realF1).toBeCloseTo((2 * 0.6 * 0.75) / 1.35, 12);
    expect(m.macroF1).toBeCloseTo((m.fakeF1 + m.realF1) / 2, 12);
  });

  it('gives 0, not NaN, for a class never predicted', () => {
    const m = metricsFromConfusion({ tp: 0, fp: 0, tn: 5, fn: 5 });
    expect(m.fakeP).toBe(0);
    expect(m.fakeF1).toBe(0);
    expect(m.acc).toBe(0.5);
    expect(m.realR).toBe(1);
  });

  it('rejects mismatched lengths', () => {
    expect(() => confusion([1, 0], [1])).toThrow(/2 predictions but 1 labels/);
  });

  it('uses the sample standard deviation', () => {
    const { mean, std } = meanStd([1, 2, 3, 4]);
    expect(mean).toBe(2.5);
    expect(std).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(meanStd([0.7]).std).toBe(0);
  });
});

describe('multiclassMetrics / argmaxK', () => {
  it('hand-computed 3-class case', () => {
    // labels 0 0 1 1 2 2, predictions 0 1 1 1 0 2
    const m = multiclassMetrics([0, 1, 1, 1, 0, 2], [0, 0, 1, 1, 2, 2], 3);
    expect(m.confusion).toEqual([
      [1, 1, 0],
      [0, 2, 0],
      [1, 0, 1],
    ]);
    expect(m.acc).toBeCloseTo(4 / 6, 12);
    expect(m.precision).toEqual([0.5, 2 / 3, 1]);
    expect(m.recall).toEqual([0.5, 1, 0.5]);
    expect(m.f1[0]).toBeCloseTo(0.5, 12);
    expect(m.f1[1]).toBeCloseTo(0.8, 12);
    expect(m.f1[2]).toBeCloseTo(2 / 3, 12);
    expect(m.macroF1).toBeCloseTo((0.5 + 0.8 + 2 / 3) / 3, 12);
    expect(() => multiclassMetrics([3], [0], 3)).toThrow(/expected 0..2/);
    expect(Array.from(argmaxK(Float32Array.from([0.1, 0.7, 0.2, 0.5, 0.2, 0.3]), 3))).toEqual([1, 0]);
    expect(Array.from(argmaxK(Float32Array.from([0.4, 0.6, 0.9, 0.1]), 2))).toEqual([1, 0]);
  });
});
