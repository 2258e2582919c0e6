/**
 * SemSim (Zeng et al. 2024, semantic similarity): score each synthetic pair
 * by the cosine between its mixed-modal embedding and the MEAN embedding of
 * the small unlabelled real validation set; keep the N highest.
 */
import { rowNorms } from '../ot/cost';

/** score_i = cos(e_i, mean_j v_j) for rows e [n, d] and validation rows v [m, d] */
export function semsimScores(E: Float32Array, n: number, V: Float32Array, m: number, d: number): Float64Array {
  if (E.length !== n * d || V.length !== m * d) throw new Error(`semsimScores: expected [${n}, ${d}] and [${m}, ${d}] rows`);
  if (m < 1) throw new Error('semsimScores: the validation set is empty');
  const mu = new Float64Array(d);
  for (let j = 0; j < m; j++) for (let t = 0; t < d; t++) mu[t] += V[j * d + t] / m;
  const muNorm = Math.hypot(...mu);
  const en = rowNorms(E, n, d);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let dot = 0;
    for (let t = 0; t < d; t++) dot += E[i * d + t] * mu[t];
    out[i] = en[i] > 0 && muNorm > 0 ? dot / (en[i] * muNorm) : 0;
  }
  return out;
}

/** Indices of the `N` largest scores (ties: lower index first), sorted ascending. */
export function topN(scores: ArrayLike<number>, N: number, order: 'highest' | 'lowest' = 'highest'): Int32Array {
  const n = scores.length;
  if (!(Number.isInteger(N) && N >= 0)) throw new Error(`topN: N must be a non-negative integer, got ${N}`);
  const idx = Array.from({ length: n }, (_, i) => i);
  const sign = order === 'highest' ? -1 : 1;
  idx.sort((a, b) => sign * (scores[a] - scores[b]) || a - b);
  return Int32Array.from(idx.slice(0, Math.min(N, n))).sort();
}
