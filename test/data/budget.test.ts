import { describe, expect, it } from 'vitest';
import { synthetic } from '../../lib/data/synthetic';
import { budgetSample } from '../../lib/data/budget';

const ds = synthetic({ samples: 1000, seed: 3 });
const count = (idx: Int32Array, c: number) => Array.from(idx).filter((i) => ds.labels[i] === c).length;
const total = (c: number) => Array.from(ds.labels).filter((y) => y === c).length;

describe('budgetSample', () => {
  it('selects the stated fraction of each class (stratified), seeded and sorted', () => {
    const idx = budgetSample(ds, 0.05, 1);
    for (const c of [0, 1]) expect(count(idx, c)).toBe(Math.round(0.05 * total(c)));
    expect(Array.from(idx)).toEqual([...idx].sort((a, b) => a - b));
    expect(new Set(idx).size).toBe(idx.length);
    expect(Array.from(budgetSample(ds, 0.05, 1))).toEqual(Array.from(idx));
    expect(Array.from(budgetSample(ds, 0.05, 2))).not.toEqual(Array.from(idx));
  });

  it('keeps at least one sample per class at a tiny budget (0.25 % of 1000 rows)', () => {
    const idx = budgetSample(ds, 0.0025, 1);
    for (const c of [0, 1]) expect(count(idx, c)).toBe(Math.max(1, Math.round(0.0025 * total(c))));
    expect(count(budgetSample(ds, 0.0001, 1), 0)).toBe(1);
    expect(count(budgetSample(ds, 0.0001, 1), 1)).toBe(1);
  });

  it('rejects a fraction outside (0, 1]', () => {
    expect(() => budgetSample(ds, 0)).toThrow(/fraction/);
    expect(() => budgetSample(ds, 1.5)).toThrow(/fraction/);
  });
});
