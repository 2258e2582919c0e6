/**
 * TF-IDF over sparse term-count vectors (terms = hashed n-gram buckets).
 *
 * IDF is fitted on a *fit set* (the train split) and applied to any set, so
 * no document frequency of a validation / test post leaks into training.
 * Weights follow scikit-learn's defaults (smooth_idf=True, sublinear_tf=False),
 * so a reader can check numbers against TfidfVectorizer:
 *   idf(t) = ln((1 + N) / (1 + df(t))) + 1
 *   w(t, d) = tf(t, d) · idf(t)           (tf = raw count, or 1 + ln(count) when sublinear)
 * A term never seen in the fit set gets idf = ln(1 + N) + 1 (df = 0), the
 * same rule, so unseen n-grams of test posts still count (as rare terms).
 */
import type { SparseVec } from './sparse';

export interface Idf {
  /** [dim] idf per term */
  idf: Float32Array;
  /** number of fit documents */
  nDocs: number;
}

export function fitIdf(docs: readonly SparseVec[], dim: number): Idf {
  const df = new Uint32Array(dim);
  for (const d of docs) {
    for (let k = 0; k < d.idx.length; k++) {
      const t = d.idx[k];
      if (t < 0 || t >= dim) throw new Error(`fitIdf: term index ${t} outside [0, ${dim})`);
      if (d.val[k] !== 0) df[t]++;
    }
  }
  const n = docs.length;
  const idf = new Float32Array(dim);
  for (let t = 0; t < dim; t++) idf[t] = Math.log((1 + n) / (1 + df[t])) + 1;
  return { idf, nDocs: n };
}

/** TF-IDF weights of one document (same sparsity pattern as the counts). */
export function tfidf(doc: SparseVec, idf: Idf, sublinearTf = false): SparseVec {
  const val = new Float32Array(doc.val.length);
  for (let k = 0; k < doc.idx.length; k++) {
    const c = doc.val[k];
    const tf = sublinearTf ? (c > 0 ? 1 + Math.log(c) : 0) : c;
    val[k] = tf * idf.idf[doc.idx[k]];
  }
  return { idx: doc.idx, val };
}
