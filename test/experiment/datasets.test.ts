import { describe, expect, it } from 'vitest';
import { synthetic } from '../../lib/data/synthetic';
import { carveVal, carveValByEvent, split } from '../../lib/experiment/datasets';

const ds = synthetic({ samples: 600, seed: 4, events: 12 });
const all = Int32Array.from({ length: 600 }, (_, i) => i);

describe('experiment splits', () => {
  it('carveVal: stratified, disjoint, covers train, seeded', () => {
    const { train, val } = carveVal(ds, all, 0.2, 1);
    expect(train.length + val.length).toBe(600);
    expect(new Set([...train, ...val]).size).toBe(600);
    const frac = (idx: Int32Array) => Array.from(idx).filter((i) => ds.labels[i] === 1).length / idx.length;
    expect(Math.abs(frac(val) - frac(all))).toBeLessThan(0.02);
    expect(carveVal(ds, all, 0.2, 1).val).toEqual(val);
    expect(carveVal(ds, all, 0.2, 2).val).not.toEqual(val);
    expect(() => carveVal(ds, all, 1.5, 1)).toThrow(/\(0, 1\)/);
  });

  it('carveValByEvent: no (event, label) group on both sides; each label gets about its share', () => {
    const { train, val } = carveValByEvent(ds, all, 0.2, 1);
    const groups = (idx: Int32Array) => new Set(Array.from(idx, (i) => `${ds.events![i]}/${ds.labels[i]}`));
    const tg = groups(train);
    for (const g of groups(val)) expect(tg.has(g)).toBe(false);
    expect(train.length + val.length).toBe(600);
    for (const label of [0, 1]) {
      const n = Array.from(all).filter((i) => ds.labels[i] === label).length;
      const v = Array.from(val).filter((i) => ds.labels[i] === label).length;
      expect(v).toBeGreaterThanOrEqual(0.2 * n);
      expect(v).toBeLessThanOrEqual(0.4 * n);
    }
  });

  it('trainLimit trims only the training rows', () => {
    const full = split(ds, { kind: 'random', seed: 0 });
    const cut = split(ds, { kind: 'random', seed: 0, trainLimit: 100 });
    expect(cut.train.labels.length).toBeGreaterThanOrEqual(100);
    expect(cut.train.labels.length).toBeLessThanOrEqual(102);
    expect(cut.test.labels).toEqual(full.test.labels);
    expect(cut.val.labels).toEqual(full.val.labels);
  });
});
