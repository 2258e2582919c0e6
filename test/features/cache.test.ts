import { readdir, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../lib/backend';
import { cached, cacheKey, readCache, writeCacheAtomic } from '../../lib/features/cache';
import { loadCnn } from '../../lib/features/cnn';
import { buildViewsWithReport, type Extractors } from '../../lib/features/pipeline';
import { fitTextPattern } from '../../lib/features/text-pattern';
import { fitWordTfidf, loadJieba } from '../../lib/features/word-tfidf';
import { tableVectors } from '../../lib/features/word-vectors';
import { makeImage, rawDataset, tempDir } from './helpers';

let dir: string;
beforeAll(async () => {
  await initBackend({ backend: 'wasm', quiet: true });
  dir = await tempDir();
});

const entry = () => ({ meta: { note: 'x' }, arrays: { a: Float32Array.from([1, 2, 3]), b: Float32Array.from([-0.5]) } });

describe('feature cache file', () => {
  it('round-trips; key order does not change the key', async () => {
    const f = path.join(dir, 'rt.0123456789abcdef.fcache');
    await writeCacheAtomic(f, 'k1', entry());
    const r = await readCache(f, 'k1');
    expect(Array.from(r.entry!.arrays.a)).toEqual([1, 2, 3]);
    expect(Array.from(r.entry!.arrays.b)).toEqual([-0.5]);
    expect(r.entry!.meta).toEqual({ note: 'x' });
    expect(cacheKey({ a: 1, b: { c: 2, d: 3 } })).toBe(cacheKey({ b: { d: 3, c: 2 }, a: 1 }));
    expect((await readdir(dir)).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });

  it('rejects a truncated, corrupted or stale file and rebuilds it', async () => {
    const f = path.join(dir, 'tr.0123456789abcdef.fcache');
    await writeCacheAtomic(f, 'k', entry());
    const size = (await stat(f)).size;
    await truncate(f, size - 2);
    expect((await readCache(f, 'k')).reason).toMatch(/length/);
    let calls = 0;
    const compute = async () => (calls++, entry());
    const r = await cached(f, 'k', false, compute);
    expect(r.hit).toBe(false);
    expect(r.rejected).toMatch(/length/);
    expect(calls).toBe(1);
    expect((await stat(f)).size).toBe(size);
    // flip one payload byte: checksum catches it
    const bytes = await readFile(f);
    bytes[bytes.length - 1] ^= 0xff;
    await writeFile(f, bytes);
    expect((await readCache(f, 'k')).reason).toMatch(/checksum/);
    await cached(f, 'k', false, compute);
    expect((await cached(f, 'k', false, compute)).hit).toBe(true);
    expect(calls).toBe(2);
    expect((await readCache(f, 'other-key')).reason).toBe('stale key');
    // refresh rebuilds a valid file
    const r2 = await cached(f, 'k', true, compute);
    expect(r2.hit).toBe(false);
    expect(calls).toBe(3);
  });
});

describe('buildViews cache', () => {
  it('second run is a cache hit: no extractor is called', async () => {
    const img = await makeImage(path.join(dir, 'shared.jpg'), 5);
    const ds = rawDataset([
      { text: 'Shark on the highway', images: [img] },
      { text: 'Boston suspect photo', images: [img], split: 'test' },
      { text: '地震谣言', images: [] },
    ]);
    const calls = { fit: 0, wv: 0, cnn: 0 };
    const extractors: Extractors = {
      fitTextPattern: (t, o) => (calls.fit++, fitTextPattern(t, o)),
      loadWordVectors: async () => (calls.wv++, tableVectors({ shark: [1, 0], highway: [0, 1], photo: [1, 1] })),
      loadCnn: (n) => (calls.cnn++, loadCnn(n)),
      loadSegmenter: loadJieba,
      fitWordTfidf,
    };
    const cacheDir = path.join(dir, 'cache');
    const opts = { cacheDir, extractors, imageSemanticModel: 'MobileNetV2' as const };
    const first = await buildViewsWithReport(ds, opts);
    // both image views use MobileNetV2 here: the second one reads the first one's cache file
    expect(calls).toEqual({ fit: 1, wv: 1, cnn: 1 });
    expect(first.report.views.map((v) => v.status)).toEqual(['computed', 'computed', 'computed', 'cache-hit']);
    expect(first.report.fitRows).toBe(2); // split === 'train' rows only
    const second = await buildViewsWithReport(ds, opts);
    expect(calls).toEqual({ fit: 1, wv: 1, cnn: 1 });
    expect(second.report.views.map((v) => v.status)).toEqual(['cache-hit', 'cache-hit', 'cache-hit', 'cache-hit']);
    for (const k of ['textPattern', 'textSemantic', 'imagePattern', 'imageSemantic']) {
      expect(Array.from(second.dataset.views[k]!.data)).toEqual(Array.from(first.dataset.views[k]!.data));
    }
    expect(Array.from(second.dataset.present.image)).toEqual([1, 1, 0]);
    // refresh recomputes everything
    await buildViewsWithReport(ds, { ...opts, refresh: true });
    expect(calls).toEqual({ fit: 2, wv: 2, cnn: 3 }); // refresh: no sharing between the two views either
    // changed text → textPattern / textSemantic miss, images still hit
    const ds2 = rawDataset([
      { text: 'Shark on the road', images: [img] },
      { text: 'Boston suspect photo', images: [img], split: 'test' },
      { text: '地震谣言', images: [] },
    ]);
    const third = await buildViewsWithReport(ds2, opts);
    expect(third.report.views.map((v) => v.status)).toEqual(['computed', 'computed', 'cache-hit', 'cache-hit']);
  });

  it('never overwrites a shipped view', async () => {
    const ds = rawDataset([
      { text: 'a b', images: [] },
      { text: 'c d', images: [] },
    ]);
    const clip = { modality: 'text' as const, dim: 2, data: Float32Array.from([1, 2, 3, 4]), source: 'clip-vitb32-text' };
    ds.views.textSemantic = clip;
    const { dataset, report } = await buildViewsWithReport(ds, { cache: false, imagePatternModel: 'none', imageSemanticModel: 'none' });
    expect(dataset.views.textSemantic).toBe(clip);
    expect(report.views.find((v) => v.view === 'textSemantic')!.status).toBe('shipped');
    expect(report.viewSources.textSemantic).toBe('clip-vitb32-text (shipped)');
    expect(dataset.views.textPattern!.dim).toBe(768);
  });
});
