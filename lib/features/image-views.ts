/**
 * Image views (imagePattern / imageSemantic): CNN embeddings computed once
 * per UNIQUE image content (sha256 of the file bytes — Twitter has ~500
 * images behind ~18k posts, some under two names), then per post the MEAN of
 * the embeddings of its decodable images. A post none of whose images
 * decodes becomes image-missing (present.image = 0, zero row).
 *
 * Cache: per (dataset, CNN, version, failOn, sorted content hashes) one file
 * holding [U, dim] embeddings + [U] ok flags for the U unique contents. The
 * file is named by CNN, not by view, so two views on the same CNN share it.
 */
import { readFile } from 'node:fs/promises';
import type { Dataset } from '../data/dataset';
import { cached, cacheFile, cacheKey, sha256, type CacheEntry } from './cache';
import { CNN_SPECS, CNN_VERSION, type CnnName } from './cnn';
import { decodeRgb, type FailOn } from './image-decode';
import { imagesOf } from './meta';
import { bar } from './progress';
import type { BuiltView, Extractors } from './types';

export interface ImageInventory {
  /** [N] image paths per row */
  rows: string[][];
  /** distinct paths, sorted */
  files: string[];
  /** path → sha256 of its bytes; absent when unreadable */
  hashOf: Map<string, string>;
  unreadable: { file: string; reason: string }[];
  /** distinct content hashes, sorted */
  contents: string[];
  /** a path for each content hash (the first in sorted order) */
  pathOf: Map<string, string>;
}

export async function inventoryImages(ds: Dataset): Promise<ImageInventory> {
  const rows = imagesOf(ds).map((r, i) => (ds.present.image[i] ? r : []));
  const files = [...new Set(rows.flat())].sort();
  const hashOf = new Map<string, string>();
  const unreadable: { file: string; reason: string }[] = [];
  for (const f of files) {
    try {
      hashOf.set(f, sha256(await readFile(f)));
    } catch (e) {
      unreadable.push({ file: f, reason: (e as NodeJS.ErrnoException).code ?? (e as Error).message });
    }
  }
  const pathOf = new Map<string, string>();
  for (const f of files) if (hashOf.has(f) && !pathOf.has(hashOf.get(f)!)) pathOf.set(hashOf.get(f)!, f);
  return { rows, files, hashOf, unreadable, contents: [...pathOf.keys()].sort(), pathOf };
}

export interface ImageCtx {
  ds: Dataset;
  inv: ImageInventory;
  cacheDir?: string;
  refresh: boolean;
  quiet: boolean;
  batchSize: number;
  failOn: FailOn;
  ex: Extractors;
}

export interface ImageViewExtra {
  /** [N] 1 where at least one image of the row decoded */
  present: Uint8Array;
  /** undecodable (but readable) files */
  failed: { file: string; reason: string }[];
  decoded: number;
}

export async function imageView(ctx: ImageCtx, viewName: string, model: CnnName, standIn: string): Promise<BuiltView & { extra: ImageViewExtra }> {
  const t0 = performance.now();
  const { inv } = ctx;
  const spec = CNN_SPECS[model];
  const key = cacheKey({ dataset: ctx.ds.name, extractor: spec.source, version: CNN_VERSION, failOn: ctx.failOn, contents: sha256(inv.contents.join(',')) });
  const compute = () => embedContents(ctx, model, viewName);
  const r = ctx.cacheDir
    ? await cached(cacheFile(ctx.cacheDir, ctx.ds.name, `images.${spec.source}`, key), key, ctx.refresh, compute)
    : { entry: await compute(), hit: false, rejected: undefined };
  const feats = r.entry.arrays.features; // [U, dim]
  const ok = r.entry.arrays.ok; // [U]
  const reasons = r.entry.meta.reasons as Record<string, string>;
  const slot = new Map(inv.contents.map((h, u) => [h, u]));
  const n = ctx.ds.labels.length;
  const dim = spec.dim;
  const data = new Float32Array(n * dim);
  const present = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const us = inv.rows[i].map((f) => slot.get(inv.hashOf.get(f) ?? '')).filter((u): u is number => u !== undefined && ok[u] === 1);
    if (us.length === 0) continue;
    present[i] = 1;
    const row = data.subarray(i * dim, (i + 1) * dim);
    for (const u of us) for (let k = 0; k < dim; k++) row[k] += feats[u * dim + k] / us.length;
  }
  const failed = inv.contents.filter((h, u) => ok[u] !== 1).map((h) => ({ file: inv.pathOf.get(h)!, reason: reasons[h] ?? 'undecodable' }));
  const decoded = inv.contents.length - failed.length;
  const rowsPresent = present.reduce((s, x) => s + x, 0);
  const note = [`${decoded}/${inv.contents.length} unique images decoded`, r.rejected ? `cache file rejected (${r.rejected}), rebuilt` : '']
    .filter(Boolean)
    .join('; ');
  return {
    view: { modality: 'image', dim, data, source: spec.source },
    report: {
      view: viewName,
      dim,
      source: spec.source,
      standIn,
      rowsPresent,
      seconds: (performance.now() - t0) / 1000,
      status: r.hit ? 'cache-hit' : 'computed',
      note,
    },
    extra: { present, failed, decoded },
  };
}

/** Decode + embed every unique content, batchSize at a time. */
async function embedContents(ctx: ImageCtx, model: CnnName, viewName: string): Promise<CacheEntry> {
  const cnn = await ctx.ex.loadCnn(model);
  const { size, dim } = cnn;
  const U = ctx.inv.contents.length;
  const features = new Float32Array(U * dim);
  const ok = new Float32Array(U);
  const reasons: Record<string, string> = {};
  const b = bar(ctx.quiet, U, `${viewName} (${model})`);
  for (let start = 0; start < U; start += ctx.batchSize) {
    const hashes = ctx.inv.contents.slice(start, start + ctx.batchSize);
    // sharp decodes on libuv's thread pool: decode the batch concurrently
    const dec = await Promise.all(hashes.map((h) => decodeRgb(ctx.inv.pathOf.get(h)!, size, ctx.failOn)));
    const good: number[] = [];
    // 'in' narrows without strictNullChecks too (tslab compiles lib/ non-strict)
    dec.forEach((d, j) => ('reason' in d ? (reasons[hashes[j]] = d.reason) : good.push(j)));
    if (good.length > 0) {
      const pixels = new Uint8Array(good.length * size * size * 3); // [B, S, S, 3]
      good.forEach((j, k) => pixels.set((dec[j] as { pixels: Uint8Array }).pixels, k * size * size * 3));
      const y = await cnn.embed(pixels, good.length); // [B, dim]
      good.forEach((j, k) => {
        features.set(y.subarray(k * dim, (k + 1) * dim), (start + j) * dim);
        ok[start + j] = 1;
      });
    }
    b.tick(hashes.length);
  }
  b.stop();
  return { meta: { reasons, model }, arrays: { features, ok } };
}
