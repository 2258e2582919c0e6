import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../lib/data/dataset';
import { groupFoldNote, stratifiedGroupAssign } from '../../lib/data/group-folds';
import { kFold, stratifiedGroupKFold } from '../../lib/data/splits';
import { synthetic } from '../../lib/data/synthetic';
import { split } from '../../lib/experiment/datasets';
import { rng } from '../../lib/util/random';
import { loadTwitterClipVitB32 } from '../../lib/data/loaders/twitter-clip-vitb32';
import { SHARED, haveShared } from './loaders/helpers';

/** A dataset whose events have the given (posts, fake posts); rows in event order. */
function withEvents(spec: [number, number][]): Dataset {
  const n = spec.reduce((s, [p]) => s + p, 0);
  const base = synthetic({ samples: n, seed: 1 });
  const events = new Int32Array(n), labels = new Int32Array(n);
  let i = 0;
  spec.forEach(([posts, fake], e) => {
    for (let j = 0; j < posts; j++, i++) { events[i] = e; labels[i] = j < fake ? 1 : 0; }
  });
  return { ...base, labels, events, eventNames: spec.map((_, e) => `ev${e}`) };
}

/** 30 events of 10–60 posts with fake shares 0.1–0.9 (seeded): stratification is possible */
function uneven(): Dataset {
  const r = rng(7);
  return withEvents(Array.from({ length: 30 }, () => { const p = 10 + r.int(50); return [p, Math.round(p * (0.1 + 0.8 * r.next()))] as [number, number]; }));
}

const share = (ds: Dataset, rows: Int32Array) => Array.from(rows).reduce((s, i) => s + ds.labels[i], 0) / rows.length;

describe('stratified group k-fold', () => {
  it('events whole, test folds partition the rows, train / val / test disjoint, no test event in train or val', () => {
    const ds = uneven();
    const { folds } = stratifiedGroupKFold(ds, 5, 0.15, 0);
    const seen = new Int32Array(ds.labels.length);
    for (const f of folds) {
      for (const i of f.test) seen[i]++;
      const testEvents = new Set(Array.from(f.test, (i) => ds.events![i]));
      for (const i of [...f.train, ...f.val]) expect(testEvents.has(ds.events![i])).toBe(false);
      expect(f.train.length + f.val.length + f.test.length).toBe(ds.labels.length);
      expect(new Set([...f.train, ...f.val, ...f.test]).size).toBe(ds.labels.length);
      expect(f.val.length).toBeGreaterThan(0);
    }
    expect(Array.from(seen).every((c) => c === 1)).toBe(true);
  });

  it('every fold within ±0.05 of the overall fake share where the events allow it, unlike the unstratified event folds', () => {
    const ds = uneven();
    const overall = share(ds, Int32Array.from(ds.labels.keys()));
    const { folds, report } = stratifiedGroupKFold(ds, 5, 0.15, 0);
    expect(report.outside).toEqual([]);
    for (const f of folds) expect(Math.abs(share(ds, f.test) - overall)).toBeLessThanOrEqual(0.05);
    expect(report.folds.map((f) => f.share)).toEqual(folds.map((f) => share(ds, f.test)));
    // fold sizes: none under half the mean
    for (const f of report.folds) expect(f.rows).toBeGreaterThanOrEqual(ds.labels.length / 10);
    const plain = kFold(ds, 5, { byEvent: true, seed: 0 });
    const worst = (fs: { test: Int32Array }[]) => Math.max(...fs.map((f) => Math.abs(share(ds, f.test) - overall)));
    expect(worst(folds)).toBeLessThan(worst(plain));
    expect(groupFoldNote('x', 5, 0, report)).toMatch(/every fold within ±0\.05 of the overall share$/);
  });

  it('says so where the events do not allow it: one big all-real event', () => {
    // 400 of 1,000 posts in one real event; overall fake share 0.5 — a fold holding it needs 400 more fake posts
    const ds = withEvents([[400, 0], ...Array.from({ length: 12 }, () => [50, 42] as [number, number])]);
    const { report } = stratifiedGroupAssign(ds, 5, { seed: 0 });
    expect(report.outside.length).toBeGreaterThan(0);
    const note = groupFoldNote('crafted', 5, 0, report);
    expect(note).toMatch(/which the whole events do not allow/);
    expect(note).toMatch(/its event ev0: 400 posts, fake 0\.000/);
  });

  it('deterministic per seed', () => {
    const ds = uneven();
    expect(stratifiedGroupKFold(ds, 5, 0.15, 3)).toEqual(stratifiedGroupKFold(ds, 5, 0.15, 3));
  });

  it('as a split spec: the fold shares go to the split notes; stratify needs byEvent', () => {
    const ds = uneven();
    const parts = split(ds, { kind: 'kfold', k: 5, fold: 2, val: 0.15, seed: 0, byEvent: true, stratify: true });
    expect(parts.notes).toHaveLength(1);
    expect(parts.notes[0]).toMatch(/5 folds by event, stratified by label \(partition seed 0\): overall fake share 0\.\d{3}; 1: \d+ posts, \d+ events, fake 0\.\d{3};/);
    expect(parts.test.labels.length).toBe(stratifiedGroupKFold(ds, 5, 0.15, 0).folds[2].test.length);
    expect(() => split(ds, { kind: 'kfold', k: 5, fold: 0, stratify: true })).toThrow(/needs byEvent: true/);
  });
});

describe.skipIf(!haveShared('twitter-clip-vitb32'))('stratified group k-fold on Twitter CLIP (real data)', () => {
  it('25 events into 5 folds: four within ±0.05 of 0.574, the fold of fuji_lenticular (170 posts, 0.724) not', () => {
    const ds = loadTwitterClipVitB32({ dataDir: SHARED, quiet: true });
    const { report } = stratifiedGroupAssign(ds, 5, { seed: 0 });
    expect(report.overall).toBeCloseTo(630 / 1098, 6);
    expect(report.folds.reduce((s, f) => s + f.rows, 0)).toBe(1098);
    expect(report.outside).toHaveLength(1);
    expect(report.folds[report.outside[0]].largest.event).toBe('fuji_lenticular');
    // the unstratified event folds had shares 0.153 / 0.770 / 0.673 …; every stratified fold is within 0.12
    for (const f of report.folds) expect(Math.abs(f.share - report.overall)).toBeLessThan(0.12);
  });
});
