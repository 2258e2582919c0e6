/**
 * The text views with their caches: textPattern (char-n-gram TF-IDF, LSA or
 * projection) and textSemantic (mean wink word vectors, or word TF-IDF LSA
 * for non-Latin-script datasets).
 * Cache keys: dataset + extractor + version + options + sha256 of the texts
 * (+ of the fit rows for textPattern, since the IDF depends on them).
 */
import type { Dataset } from '../data/dataset';
import { cached, cacheFile, cacheKey, sha256, type CacheEntry } from './cache';
import { bar } from './progress';
import type { Csr } from './csr';
import {
  TEXT_PATTERN_DEFAULTS,
  TEXT_PATTERN_VERSION,
  textPatternName,
  textPatternReference,
  transformTextPattern,
  type TextPatternOptions,
} from './text-pattern';
import { JIEBA_VERSION, transformWordTfidf, WORD_TFIDF_DEFAULTS, WORD_TFIDF_VERSION, wordsOf, wordTfidfName, wordTfidfReference } from './word-tfidf';
import type { BuiltView, Extractors } from './types';
import { latinFraction, normaliseText } from './text-normalise';
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

/** A built text view with its full-sparse TF-IDF rows on demand (recomputed without the reduction on a cache hit). */
export type TextBuilt = BuiltView & { reference?: () => Promise<Csr> };

export async function textPatternView(ctx: TextCtx, options: TextPatternOptions, standIn: string): Promise<TextBuilt> {
  const t0 = performance.now();
  const o = { ...TEXT_PATTERN_DEFAULTS, ...options };
  const source = textPatternName(o);
  const key = cacheKey({
    dataset: ctx.ds.name,
    extractor: source,
    version: TEXT_PATTERN_VERSION,
    options: o,
    texts: ctx.textsHash,
    fit: sha256(ctx.fitRows.join(',')),
  });
  const r = await maybeCached(ctx, `textPattern.${source}`, key, async () => {
    const cpu0 = process.cpuUsage();
    const model = ctx.ex.fitTextPattern(
      ctx.fitRows.map((i) => ctx.texts[i]),
      o,
    );
    const b = bar(ctx.quiet, ctx.texts.length, 'textPattern (char n-grams)');
    const data = transformTextPattern(model, ctx.texts, () => b.tick());
    b.stop();
    return {
      meta: {
        fitDocs: model.idf.nDocs,
        fitSeconds: (performance.now() - t0) / 1000,
        fitCpuSeconds: cpuSeconds(cpu0),
        rank: model.lsa?.svd.k ?? o.outDim,
        vocabulary: model.lsa?.vocab.nCols ?? o.buckets,
      },
      arrays: { data },
    };
  });
  const view = { modality: 'text' as const, dim: o.outDim, data: r.entry.arrays.data, source };
  const notes = [fitNote(r.entry.meta, o.reduction === 'lsa')];
  if (r.rejected) notes.push(`cache file rejected (${r.rejected}), rebuilt`);
  const reference = async () =>
    textPatternReference(
      ctx.fitRows.map((i) => ctx.texts[i]),
      ctx.texts,
      o,
    );
  return {
    view,
    reference,
    report: {
      view: 'textPattern',
      dim: o.outDim,
      source,
      standIn,
      rowsPresent: rowsPresent(ctx.ds),
      seconds: (performance.now() - t0) / 1000,
      status: r.hit ? 'cache-hit' : 'computed',
      note: notes.join('; '),
    },
  };
}

/** process CPU seconds since `start` (user + system, all threads): on a shared machine wall time measures the neighbours too */
function cpuSeconds(start: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1e6;
}

/** "fitted (+ transformed) on N rows in S s wall, C s CPU (LSA rank k over a V-term vocabulary)", as measured when the entry was built */
function fitNote(meta: Record<string, unknown>, lsa: boolean): string {
  const cpu = meta.fitCpuSeconds === undefined ? '' : `, ${Number(meta.fitCpuSeconds).toFixed(1)} s CPU`;
  const base = `fitted and transformed (fit on ${meta.fitDocs} rows) in ${Number(meta.fitSeconds ?? 0).toFixed(1)} s wall${cpu}`;
  return lsa ? `${base} (LSA rank ${meta.rank} over a ${meta.vocabulary}-term vocabulary)` : base;
}

/** True when most text rows are not Latin script (Weibo): the English word vectors would see nothing. */
export function mostlyNonLatin(texts: readonly string[]): boolean {
  let nonLatin = 0,
    n = 0;
  for (const t of texts) {
    const norm = normaliseText(t);
    if (!norm) continue;
    n++;
    if (latinFraction(norm) < 0.5) nonLatin++;
  }
  return n > 0 && nonLatin >= n / 2;
}

export async function textSemanticWordsView(ctx: TextCtx, standIn: string): Promise<TextBuilt> {
  const t0 = performance.now();
  const o = WORD_TFIDF_DEFAULTS;
  const source = wordTfidfName(o);
  const key = cacheKey({
    dataset: ctx.ds.name,
    extractor: source,
    version: WORD_TFIDF_VERSION,
    segmenter: JIEBA_VERSION,
    options: o,
    texts: ctx.textsHash,
    fit: sha256(ctx.fitRows.join(',')),
  });
  let words: string[][] | undefined;
  const segmented = async () => {
    const seg = await ctx.ex.loadSegmenter();
    words ??= ctx.texts.map((t) => wordsOf(t, seg));
    return words;
  };
  const r = await maybeCached(ctx, `textSemantic.${source}`, key, async () => {
    const cpu0 = process.cpuUsage();
    const w = await segmented();
    const model = ctx.ex.fitWordTfidf(
      ctx.fitRows.map((i) => w[i]),
      o,
    );
    const b = bar(ctx.quiet, ctx.texts.length, 'textSemantic (word TF-IDF)');
    const data = transformWordTfidf(model, w, () => b.tick());
    b.stop();
    return {
      meta: {
        fitDocs: model.lsa.fitDocs,
        fitSeconds: (performance.now() - t0) / 1000,
        fitCpuSeconds: cpuSeconds(cpu0),
        rank: model.lsa.svd.k,
        vocabulary: model.lsa.vocab.nCols,
      },
      arrays: { data },
    };
  });
  const notes = [`jieba-segmented words (non-Latin-script dataset: the English word vectors would give zero rows)`, fitNote(r.entry.meta, true)];
  if (r.rejected) notes.push(`cache file rejected (${r.rejected}), rebuilt`);
  const data = r.entry.arrays.data;
  let zero = 0;
  for (let i = 0; i < ctx.texts.length; i++) if (ctx.ds.present.text[i] && data.subarray(i * o.outDim, (i + 1) * o.outDim).every((x) => x === 0)) zero++;
  const reference = async () => {
    const w = await segmented();
    return wordTfidfReference(
      ctx.fitRows.map((i) => w[i]),
      w,
      o,
    );
  };
  return {
    view: { modality: 'text', dim: o.outDim, data, source },
    reference,
    report: {
      view: 'textSemantic',
      dim: o.outDim,
      source,
      standIn,
      rowsPresent: rowsPresent(ctx.ds) - zero,
      seconds: (performance.now() - t0) / 1000,
      status: r.hit ? 'cache-hit' : 'computed',
      note: notes.join('; '),
    },
  };
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
  const notes = [
    `token coverage ${(extra.tokenCoverage * 100).toFixed(1)}%`,
    `${zeroRows} text rows with zero vector (${extra.nonLatinRows} non-Latin script)`,
  ];
  if (r.rejected) notes.push(`cache file rejected (${r.rejected}), rebuilt`);
  return {
    view: { modality: 'text', dim, data: r.entry.arrays.data, source: WORD_VECTORS_NAME },
    report: {
      view: 'textSemantic',
      dim,
      source: WORD_VECTORS_NAME,
      standIn,
      rowsPresent: rowsPresent(ctx.ds) - zeroRows,
      seconds: (performance.now() - t0) / 1000,
      status: r.hit ? 'cache-hit' : 'computed',
      note: notes.join('; '),
    },
    extra,
  };
}
