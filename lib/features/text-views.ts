/**
 * The two text views with their caches: textPattern (char-n-gram TF-IDF
 * projection) and textSemantic (mean wink word vectors).
 * Cache keys: dataset + extractor + version + options + sha256 of the texts
 * (+ of the fit rows for textPattern, since the IDF depends on them).
 */
import type { Dataset } from '../data/dataset';
import { cached, cacheFile, cacheKey, sha256, type CacheEntry } from './cache';
import { bar } from './progress';
import { TEXT_PATTERN_DEFAULTS, TEXT_PATTERN_VERSION, textPatternName, transformTextPattern, type TextPatternOptions } from './text-pattern';
import type { BuiltView, Extractors } from './types';
import { meanWordVectors, WORD_VECTORS_NAME, WORD_VECTORS_VERSION } from './word-vectors';

export interface TextCtx {
  ds: Dataset;
  texts: string[];
  textsHash: string;
  fitRows: number[];
  cacheDir?: string;
  refresh: boolean;
  quiet: boolean;
  ex: Extractors;
}

/** cache disabled when cacheDir is undefined */
async function maybeCached(ctx: TextCtx, stem: string, key: string, compute: () => Promise<CacheEntry>) {
  if (!ctx.cacheDir) return { entry: await compute(), hit: false, rejected: undefined };
  return cached(cacheFile(ctx.cacheDir, ctx.ds.name, stem, key), key, ctx.refresh, compute);
}

function rowsPresent(ds: Dataset): number {
  return ds.present.text.reduce((s, x) => s + x, 0);
}

export async function textPatternView(ctx: TextCtx, options: TextPatternOptions, standIn: string): Promise<BuiltView> {
  const t0 = performance.now();
  const o = { ...TEXT_PATTERN_DEFAULTS, ...options };
  const source = textPatternName(o);
  const key = cacheKey({ dataset: ctx.ds.name, extractor: source, version: TEXT_PATTERN_VERSION, options: o, texts: ctx.textsHash, fit: sha256(ctx.fitRows.join(',')) });
  const r = await maybeCached(ctx, `textPattern.${source}`, key, async () => {
    const model = ctx.ex.fitTextPattern(ctx.fitRows.map((i) => ctx.texts[i]), o);
    const b = bar(ctx.quiet, ctx.texts.length, 'textPattern (char n-grams)');
    const data = transformTextPattern(model, ctx.texts, () => b.tick());
    b.stop();
    return { meta: { fitDocs: model.idf.nDocs }, arrays: { data } };
  });
  const view = { modality: 'text' as const, dim: o.outDim, data: r.entry.arrays.data, source };
  const note = r.rejected ? `cache file rejected (${r.rejected}), rebuilt` : undefined;
  return { view, report: { view: 'textPattern', dim: o.outDim, source, standIn, rowsPresent: rowsPresent(ctx.ds), seconds: (performance.now() - t0) / 1000, status: r.hit ? 'cache-hit' : 'computed', note } };
}

export interface SemanticExtra {
  tokenCoverage: number;
  nonLatinRows: number;
  zeroRows: number;
  coverage: Float32Array;
}

export async function textSemanticView(ctx: TextCtx, standIn: string): Promise<BuiltView & { extra: SemanticExtra }> {
  const t0 = performance.now();
  const key = cacheKey({ dataset: ctx.ds.name, extractor: WORD_VECTORS_NAME, version: WORD_VECTORS_VERSION, texts: ctx.textsHash });
  const r = await maybeCached(ctx, `textSemantic.${WORD_VECTORS_NAME}`, key, async () => {
    const wv = await ctx.ex.loadWordVectors();
    const b = bar(ctx.quiet, ctx.texts.length, 'textSemantic (word vectors)');
    const res = meanWordVectors(ctx.texts, wv, () => b.tick());
    b.stop();
    return { meta: { dim: wv.dim, tokenCoverage: res.tokenCoverage, nonLatinRows: res.nonLatin }, arrays: { data: res.data, coverage: res.coverage } };
  });
  const dim = Number(r.entry.meta.dim);
  const coverage = r.entry.arrays.coverage;
  let zeroRows = 0;
  for (let i = 0; i < coverage.length; i++) if (ctx.ds.present.text[i] && coverage[i] === 0) zeroRows++;
  const extra = { tokenCoverage: Number(r.entry.meta.tokenCoverage), nonLatinRows: Number(r.entry.meta.nonLatinRows), zeroRows, coverage };
  const notes = [`token coverage ${(extra.tokenCoverage * 100).toFixed(1)}%`, `${zeroRows} text rows with zero vector (${extra.nonLatinRows} non-Latin script)`];
  if (r.rejected) notes.push(`cache file rejected (${r.rejected}), rebuilt`);
  return {
    view: { modality: 'text', dim, data: r.entry.arrays.data, source: WORD_VECTORS_NAME },
    report: { view: 'textSemantic', dim, source: WORD_VECTORS_NAME, standIn, rowsPresent: rowsPresent(ctx.ds) - zeroRows, seconds: (performance.now() - t0) / 1000, status: r.hit ? 'cache-hit' : 'computed', note: notes.join('; ') },
    extra,
  };
}
