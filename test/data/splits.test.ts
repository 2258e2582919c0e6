import { describe, expect, it } from 'vitest';
import { synthetic } from '../../lib/data/synthetic';
import { carveVal, carveValByEvent, kFold, splitIndices } from '../../lib/data/splits';

const ds = synthetic({ samples: 1000, seed: 3 });
const fakeShare = (idx: Int32Array) => Array.from(idx).reduce((s, i) => s + ds.labels[i], 0) / idx.length;

describe('splits', () => {
  it('stratified split partitions the rows and keeps the class balance', () => {
    const s = splitIndices(ds, { val: 0.1, test: 0.2, seed: 1 });
    const all = new Set([...s.train, ...s.val, ...s.test]);
    expect(all.size).toBe(1000);
    expect(s.train.length + s.val.length + s.test.length).toBe(1000);
    expect(Math.abs(fakeShare(s.test) - fakeShare(s.train))).toBeLessThan(0.01);
    expect(s.test.length).toBeCloseTo(200, -1);
    expect(splitIndices(ds, { seed: 1 })).toEqual(splitIndices(ds, { seed: 1 }));
  });

  it('group-aware split never shares an event across sides', () => {
    const s = splitIndices(ds, { byEvent: true, seed: 2 });
    const ev = (idx: Int32Array) => new Set(Array.from(idx, (i) => ds.events![i]));
    const [tr, va, te] = [ev(s.train), ev(s.val), ev(s.test)];
    for (const e of te) expect(tr.has(e) || va.has(e)).toBe(false);
    for (const e of va) expect(tr.has(e)).toBe(false);
    expect(te.size).toBeGreaterThan(0);
  });

  it('k-fold test folds cover every row exactly once', () => {
    const folds = kFold(ds, 5, { seed: 4 });
    const seen = new Int32Array(1000);
    for (const f of folds) {
      for (const i of f.test) seen[i]++;
      const inTest = new Set(f.test);
      for (const i of [...f.train, ...f.val]) expect(inTest.has(i)).toBe(false);
    }
    expect(Array.from(seen).every((c) => c === 1)).toBe(true);
  });

  it('rejects impossible fractions', () => {
    expect(() => splitIndices(ds, { val: 0.6, test: 0.5 })).toThrow(/must be in \[0, 1\)/);
  });
});

describe('kFold byEvent', () => {
  const ds = synthetic({ samples: 500, seed: 9, events: 12 });
  it('puts every event in exactly one test fold and never on both sides of a split', () => {
    const folds = kFold(ds, 5, { byEvent: true, seed: 3 });
    const ev = (idx: Int32Array) => new Set(Array.from(idx, (i) => ds.events![i]));
    const seen = new Map<number, number>();
    for (const f of folds) {
      const [tr, va, te] = [ev(f.train), ev(f.val), ev(f.test)];
      for (const e of te) {
        expect(tr.has(e) || va.has(e)).toBe(false);
        seen.set(e, (seen.get(e) ?? 0) + 1);
      }
      for (const e of va) expect(tr.has(e)).toBe(false);
      expect(f.train.length + f.val.length + f.test.length).toBe(500);
    }
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    expect(seen.size).toBe(12);
    expect(kFold(ds, 5, { byEvent: true, seed: 3 })).toEqual(folds);
  });
  it('needs more events than folds', () => {
    expect(() => kFold(synthetic({ samples: 100, seed: 1, events: 3 }), 5, { byEvent: true })).toThrow(/needs more than 5 events/);
  });
});

describe('validation carves from a training set', () => {
  const ds = synthetic({ samples: 600, seed: 4, events: 12 });
  const all = Int32Array.from({ length: 600 }, (_, i) => i);

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
});
