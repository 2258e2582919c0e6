/**
 * Character n-gram counts hashed into a fixed number of buckets.
 *
 * Works on Unicode code points (a CJK character or an emoji is one
 * character), after `normaliseText`; the text is padded with one space at
 * each end so word-initial / word-final n-grams are distinct features.
 * Language-agnostic: Chinese 1–3-grams are roughly words and short phrases,
 * English 3-grams roughly morphemes.
 */
import { hashCodePoints } from './hash';
import { fromMap, type SparseVec } from './sparse';
import { codePoints, normaliseText } from './text-normalise';

export interface NgramOptions {
  /** smallest n (inclusive) */
  nMin?: number;
  /** largest n (inclusive) */
  nMax?: number;
  /** number of hash buckets; a power of two */
  buckets?: number;
  /** hash seed */
  seed?: number;
}

export const NGRAM_DEFAULTS: Required<NgramOptions> = { nMin: 1, nMax: 3, buckets: 1 << 18, seed: 0x5eed };

/** Hashed n-gram counts of one text: bucket → count. Empty text → empty vector. */
export function charNgramCounts(text: string, options: NgramOptions = {}): SparseVec {
  const o = { ...NGRAM_DEFAULTS, ...options };
  if (o.buckets <= 0 || (o.buckets & (o.buckets - 1)) !== 0) throw new Error(`charNgramCounts: buckets must be a power of two, got ${o.buckets}`);
  if (!(o.nMin >= 1 && o.nMax >= o.nMin)) throw new Error(`charNgramCounts: need 1 <= nMin <= nMax, got ${o.nMin}..${o.nMax}`);
  const norm = normaliseText(text);
  const counts = new Map<number, number>();
  if (norm.length === 0) return fromMap(counts);
  const cps = codePoints(` ${norm} `);
  const mask = o.buckets - 1;
  for (let i = 0; i < cps.length; i++) {
    for (let n = o.nMin; n <= o.nMax && i + n <= cps.length; n++) {
      // a lone padding space carries no information
      if (n === 1 && cps[i] === 32) continue;
      const b = hashCodePoints(cps, i, i + n, o.seed) & mask;
      counts.set(b, (counts.get(b) ?? 0) + 1);
    }
  }
  return fromMap(counts);
}
