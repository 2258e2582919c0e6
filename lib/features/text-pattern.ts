/**
 * textPattern: character n-gram TF-IDF, hashed to 2^18 buckets, sparse
 * random projection to 768 (BERT-base width), L2-normalised.
 * Stand-in for the paper's BERT [CLS] features; deterministic given options.
 *
 *   fit:       texts of the train split → IDF [buckets]
 *   transform: any texts → [N, outDim]
 */
import { charNgramCounts, NGRAM_DEFAULTS, type NgramOptions } from './char-ngrams';
import { PROJECTION_DEFAULTS, project, sparseProjection, type ProjectionOptions } from './projection';
import { l2normalise } from './sparse';
import { fitIdf, tfidf, type Idf } from './tfidf';

export interface TextPatternOptions extends NgramOptions, ProjectionOptions {
  sublinearTf?: boolean;
}

export const TEXT_PATTERN_DEFAULTS: Required<TextPatternOptions> = { ...NGRAM_DEFAULTS, ...PROJECTION_DEFAULTS, sublinearTf: false };
/** bump when the output for the same options changes (invalidates caches) */
export const TEXT_PATTERN_VERSION = 1;

export interface TextPatternModel {
  options: Required<TextPatternOptions>;
  idf: Idf;
}

export function textPatternName(o: Required<TextPatternOptions> = TEXT_PATTERN_DEFAULTS): string {
  return `char-ngram${o.nMin}-${o.nMax}-tfidf-${o.outDim}`;
}

export function fitTextPattern(fitTexts: readonly string[], options: TextPatternOptions = {}): TextPatternModel {
  const o = { ...TEXT_PATTERN_DEFAULTS, ...options };
  const docs = fitTexts.map((t) => charNgramCounts(t, o));
  return { options: o, idf: fitIdf(docs, o.buckets) };
}

/** [N, outDim] row-major; an empty text gives a zero row. `onRow` for progress. */
export function transformTextPattern(model: TextPatternModel, texts: readonly string[], onRow?: () => void): Float32Array {
  const o = model.options;
  const p = sparseProjection(o.buckets, o);
  const out = new Float32Array(texts.length * o.outDim);
  for (let i = 0; i < texts.length; i++) {
    const w = tfidf(charNgramCounts(texts[i], o), model.idf, o.sublinearTf);
    l2normalise(project(w, p, out.subarray(i * o.outDim, (i + 1) * o.outDim)));
    onRow?.();
  }
  return out;
}
