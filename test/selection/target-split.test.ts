import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import type { Dataset } from '../../lib/data/dataset';
import { label3Of, sharedContentComponents, targetSplit } from '../../lib/selection/target-split';

/** n items in 2-D; item 2k+1 reuses item 2k's image (VERITE: a true pair and its miscaptioned twin) */
function twins(n: number): Dataset {
  const img = new Float32Array(n * 2),
    txt = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    const base = i - (i % 2);
    img.set([Math.cos(base), Math.sin(base)], i * 2);
    txt.set([Math.cos(i + 0.3), Math.sin(i + 0.3)], i * 2);
  }
  const ids = Array.from({ length: n }, (_, i) => String(i));
  return {
    name: 'twins',
    ids,
    labels: Int32Array.from(ids, (_, i) => i % 2),
    views: { imageSemantic: { modality: 'image', dim: 2, data: img, source: 't' }, textSemantic: { modality: 'text', dim: 2, data: txt, source: 't' } },
    present: { text: new Uint8Array(n).fill(1), image: new Uint8Array(n).fill(1) },
    meta: aq.table({ id: ids, label3: ids.map((_, i) => (i % 2 ? 'miscaptioned' : 'true')) }),
  };
}

describe('targetSplit', () => {
  it('keeps items that share an image in one part, parts disjoint and covering, shares about right', () => {
    const ds = twins(200);
    const rows = Array.from({ length: 200 }, (_, i) => i);
    expect(sharedContentComponents(ds, rows).length).toBe(100);
    const p = targetSplit(ds, rows, { seed: 4 });
    const all = [...p.pool, ...p.val, ...p.fewShot, ...p.test].sort((a, b) => a - b);
    expect(all).toEqual(rows);
    const partOf = new Map<number, string>();
    for (const k of ['pool', 'val', 'fewShot', 'test'] as const) for (const i of p[k]) partOf.set(i, k);
    for (let i = 0; i < 200; i += 2) expect(partOf.get(i)).toBe(partOf.get(i + 1));
    expect(Math.abs(p.pool.length - 80)).toBeLessThanOrEqual(2);
    expect(Math.abs(p.test.length - 80)).toBeLessThanOrEqual(2);
    expect(Math.abs(p.val.length - 20)).toBeLessThanOrEqual(2);
    expect(targetSplit(ds, rows, { seed: 4 })).toEqual(p);
    expect(targetSplit(ds, rows, { seed: 5 }).test).not.toEqual(p.test);
    expect(() => targetSplit(ds, rows, { pool: 0.6, val: 0.3, fewShot: 0.2 })).toThrow(/test share/);
  });

  it('label3Of reads meta.label3, else maps binary fake to out-of-context', () => {
    const ds = twins(4);
    expect(Array.from(label3Of(ds).label3)).toEqual([0, 1, 0, 1]);
    const bin = { ...ds, meta: aq.table({ id: ds.ids }) };
    expect(label3Of(bin)).toEqual({ label3: Int32Array.from([0, 2, 0, 2]), source: 'binary' });
  });
});
