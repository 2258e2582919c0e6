/**
 * textPattern: character n-gram TF-IDF (hashed to 2^18 buckets), reduced to
 * 768 (BERT-base width) by LSA — a truncated SVD fitted on the fit (train)
 * rows — or, as before issue #9, by a sparse random projection
 * (`reduction: 'projection'`, with `sublinearTf: false` the v1 view, kept so
 * the table is reproducible). Rows are L2-normalised.
 * Stand-in for the paper's BERT [CLS] features; deterministic given options.
 *
 *   fit:       texts of the train split → IDF [buckets] (+ vocabulary and V [nCols, 768] for LSA)
 *   transform: any texts → [N, outDim]
 */
import { charNgramCounts, NGRAM_DEFAULTS, type NgramOptions } from './char-ngrams';
import type { Csr } from './csr';
import { fitLsa, fitVocabulary, LSA_DEFAULTS, transformLsa, vocabRows, type LsaModel, type LsaOptions } from './lsa';
import { PROJECTION_DEFAULTS, project, sparseProjection, type ProjectionOptions } from './projection';
import { l2normalise, type SparseVec } from './sparse';
import { fitIdf, tfidf, type Idf } from './tfidf';

export type Reduction = 'lsa' | 'projection';

export interface TextPatternOptions extends NgramOptions, ProjectionOptions, Omit<LsaOptions, 'outDim' | 'seed'> {
  sublinearTf?: boolean;
  /** 'lsa' (default): truncated SVD fitted on the fit rows; 'projection': seeded sparse random projection */
  reduction?: Reduction;
}

export const TEXT_PATTERN_DEFAULTS: Required<TextPatternOptions> = {
  ...NGRAM_DEFAULTS,
  ...PROJECTION_DEFAULTS,
  minDf: LSA_DEFAULTS.minDf,
  maxFeatures: LSA_DEFAULTS.maxFeatures,
  nIter: LSA_DEFAULTS.nIter,
  oversample: LSA_DEFAULTS.oversample,
  // sublinear tf (1 + ln count), as the issue's measurements: long posts' repeated n-grams no longer dominate
  sublinearTf: true,
  reduction: 'lsa',
};
/** bump when the output for the same options changes (invalidates caches). 2: LSA reduction, sublinear tf by default (issue #9) */
export const TEXT_PATTERN_VERSION = 2;

export interface TextPatternModel {
  options: Required<TextPatternOptions>;
  idf: Idf;
  /** reduction === 'lsa' */
  lsa?: LsaModel;
}

export function textPatternName(o: Required<TextPatternOptions> = TEXT_PATTERN_DEFAULTS): string {
  return `char-ngram${o.nMin}-${o.nMax}-tfidf-${o.reduction === 'lsa' ? 'lsa' : 'rp'}${o.outDim}`;
}

function weights(model: Pick<TextPatternModel, 'options' | 'idf'>, text: string): SparseVec {
  return tfidf(charNgramCounts(text, model.options), model.idf, model.options.sublinearTf);
}

export function fitTextPattern(fitTexts: readonly string[], options: TextPatternOptions = {}): TextPatternModel {
  const o = { ...TEXT_PATTERN_DEFAULTS, ...options };
  if (o.reduction !== 'lsa' && o.reduction !== 'projection') throw new Error(`textPattern: reduction must be 'lsa' or 'projection', got '${o.reduction}'`);
  const docs = fitTexts.map((t) => charNgramCounts(t, o));
  const idf = fitIdf(docs, o.buckets);
  if (o.reduction === 'projection') return { options: o, idf };
  const w = docs.map((d) => tfidf(d, idf, o.sublinearTf));
  return { options: o, idf, lsa: fitLsa(w, o.buckets, { ...o, seed: o.seed }) };
}

/** [N, outDim] row-major; an empty text gives a zero row. `onRow` for progress. */
export function transformTextPattern(model: TextPatternModel, texts: readonly string[], onRow?: () => void): Float32Array {
  const o = model.options;
  const p = model.lsa ? undefined : sparseProjection(o.buckets, o);
  const out = new Float32Array(texts.length * o.outDim);
  for (let i = 0; i < texts.length; i++) {
    const row = out.subarray(i * o.outDim, (i + 1) * o.outDim);
    const w = weights(model, texts[i]);
    if (model.lsa) transformLsa(model.lsa, w, row);
    else l2normalise(project(w, p!, row));
    onRow?.();
  }
  return out;
}

/**
 * The sparse TF-IDF rows the reduction starts from (L2-normalised; over the
 * LSA vocabulary, or all buckets for the projection): the "full sparse"
 * reference of the linear probe.
 */
export function textPatternSparse(model: Pick<TextPatternModel, 'options' | 'idf' | 'lsa'>, texts: readonly string[]): Csr {
  const w = texts.map((t) => weights(model, t));
  const vocab = model.lsa?.vocab ?? { colOf: Int32Array.from({ length: model.options.buckets }, (_, b) => b), nCols: model.options.buckets };
  return vocabRows(w, vocab);
}

/** The reference rows without fitting the reduction (IDF and vocabulary only: no SVD), for a cached view. */
export function textPatternReference(fitTexts: readonly string[], texts: readonly string[], options: TextPatternOptions = {}): Csr {
  const o = { ...TEXT_PATTERN_DEFAULTS, ...options };
  const docs = fitTexts.map((t) => charNgramCounts(t, o));
  const idf = fitIdf(docs, o.buckets);
  if (o.reduction === 'projection') return textPatternSparse({ options: o, idf }, texts);
  const vocab = fitVocabulary(docs, o.buckets, o.minDf, o.maxFeatures);
  return textPatternSparse(
    { options: o, idf, lsa: { vocab, svd: { d: 0, k: 0, v: new Float32Array(0), s: new Float32Array(0) }, fitDocs: docs.length } },
    texts,
  );
}
