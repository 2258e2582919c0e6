/**
 * textSemantic for non-Latin-script datasets (Weibo): word 1–2-gram TF-IDF
 * reduced by LSA to 256, the stand-in for CLIP text where the English word
 * vectors see nothing (every Weibo row was a zero vector).
 *
 * Why words: textPattern already has the character 1–3-grams; a second view
 * must look at the text differently. Chinese has no spaces, so runs of Han
 * characters are segmented by jieba (jieba-wasm, the jieba-rs dictionary and
 * HMM for unknown words; pure WebAssembly, no native build); other scripts
 * use the word tokens of `wordTokens`. Word bigrams add short phrases
 * (“转发 微博”), which char 3-grams cannot span. Then as textPattern: hashing
 * to 2^18 buckets, sublinear TF-IDF fitted on the fit rows, LSA, L2 rows.
 */
import { fmix32, hashCodePoints } from './hash';
import { fitLsa, fitVocabulary, LSA_DEFAULTS, transformLsa, vocabRows, type LsaModel } from './lsa';
import { fromMap, type SparseVec } from './sparse';
import type { Csr } from './csr';
import { fitIdf, tfidf, type Idf } from './tfidf';
import { codePoints, normaliseText, URL_MARK, wordTokens } from './text-normalise';

export type Segmenter = (text: string) => string[];

export interface WordTfidfOptions {
  outDim?: number;
  buckets?: number;
  /** word n-grams: 1 = words, 2 = words + bigrams */
  nMax?: number;
  minDf?: number;
  maxFeatures?: number;
  nIter?: number;
  seed?: number;
}

export const WORD_TFIDF_DEFAULTS: Required<WordTfidfOptions> = {
  outDim: 256,
  buckets: 1 << 18,
  nMax: 2,
  minDf: 2,
  maxFeatures: LSA_DEFAULTS.maxFeatures,
  nIter: LSA_DEFAULTS.nIter,
  seed: 0x30d,
};
export const WORD_TFIDF_VERSION = 1;
export const JIEBA_VERSION = 'jieba-wasm@2.4.0';

export function wordTfidfName(o: Required<WordTfidfOptions> = WORD_TFIDF_DEFAULTS): string {
  return `word-ngram1-${o.nMax}-tfidf-lsa${o.outDim}`;
}

let jieba: Promise<Segmenter> | undefined;
/** jieba-wasm's `cut` (HMM on), loaded once per process on first use (~0.3 s). */
export function loadJieba(): Promise<Segmenter> {
  jieba ??= import('jieba-wasm').then((m) => (s: string) => m.cut(s, true));
  return jieba;
}

const HAN_RUN = /\p{Script=Han}+/gu;

/** Word tokens of a text: Han runs segmented, everything else as `wordTokens`; a URL is one token. */
export function wordsOf(text: string, segment: Segmenter): string[] {
  const norm = normaliseText(text);
  const out: string[] = [];
  let last = 0;
  const rest = (s: string) => {
    for (const part of s.split(URL_MARK)) {
      out.push(...wordTokens(part));
      out.push(URL_MARK);
    }
    out.pop();
  };
  for (const m of norm.matchAll(HAN_RUN)) {
    rest(norm.slice(last, m.index));
    out.push(...segment(m[0]));
    last = m.index! + m[0].length;
  }
  rest(norm.slice(last));
  return out.filter((t) => t.length > 0);
}

/** Hashed word 1..nMax-gram counts. */
export function wordNgramCounts(words: readonly string[], o: Required<WordTfidfOptions>): SparseVec {
  const ids = words.map((w) => {
    const cp = codePoints(w);
    return hashCodePoints(cp, 0, cp.length, o.seed);
  });
  const counts = new Map<number, number>();
  const mask = o.buckets - 1;
  for (let i = 0; i < ids.length; i++) {
    let h = ids[i];
    for (let n = 1; n <= o.nMax && i + n <= ids.length; n++) {
      if (n > 1) h = fmix32(Math.imul(h, 0x9e3779b1) ^ ids[i + n - 1]);
      const b = (h ^ n) & mask;
      counts.set(b, (counts.get(b) ?? 0) + 1);
    }
  }
  return fromMap(counts);
}

export interface WordTfidfModel {
  options: Required<WordTfidfOptions>;
  idf: Idf;
  lsa: LsaModel;
}

export function fitWordTfidf(fitWords: readonly string[][], options: WordTfidfOptions = {}): WordTfidfModel {
  const o = { ...WORD_TFIDF_DEFAULTS, ...options };
  const docs = fitWords.map((w) => wordNgramCounts(w, o));
  const idf = fitIdf(docs, o.buckets);
  const lsa = fitLsa(
    docs.map((d) => tfidf(d, idf, true)),
    o.buckets,
    { outDim: o.outDim, minDf: o.minDf, maxFeatures: o.maxFeatures, nIter: o.nIter, seed: o.seed },
  );
  return { options: o, idf, lsa };
}

/** [N, outDim]; a text without words gives a zero row. */
export function transformWordTfidf(m: WordTfidfModel, words: readonly string[][], onRow?: () => void): Float32Array {
  const d = m.options.outDim;
  const out = new Float32Array(words.length * d);
  for (let i = 0; i < words.length; i++) {
    transformLsa(m.lsa, tfidf(wordNgramCounts(words[i], m.options), m.idf, true), out.subarray(i * d, (i + 1) * d));
    onRow?.();
  }
  return out;
}

/** Reference rows without the SVD (IDF and vocabulary only). */
export function wordTfidfReference(fitWords: readonly string[][], words: readonly string[][], options: WordTfidfOptions = {}): Csr {
  const o = { ...WORD_TFIDF_DEFAULTS, ...options };
  const docs = fitWords.map((w) => wordNgramCounts(w, o));
  const idf = fitIdf(docs, o.buckets);
  const vocab = fitVocabulary(docs, o.buckets, o.minDf, o.maxFeatures);
  return vocabRows(
    words.map((w) => tfidf(wordNgramCounts(w, o), idf, true)),
    vocab,
  );
}
