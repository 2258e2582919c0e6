/**
 * The selection methods of one run, by name: which rows of the synthetic
 * set train the detector.
 *   semsim  top N by cosine to the validation mean (semsim.ts)
 *   dissim  N most negative calibrated OT potentials (dissim.ts)
 *   random  N drawn uniformly (seeded) — the baseline at equal N
 *   all     every synthetic row (N ignored)
 *   none    no synthetic row (the real-only few-shot baseline)
 * The validation embeddings are the unlabelled real validation set's: the
 * methods never see a label, and never see a test item.
 */
import { permutation, rng } from '../util/random';
import { dissimScores } from './dissim';
import { mixedEmbedding, size, type PairSet } from './pairs';
import { semsimScores, topN } from './semsim';

export const SELECTION_METHODS = ['semsim', 'dissim', 'random', 'all', 'none'] as const;
export type SelectionMethod = (typeof SELECTION_METHODS)[number];

export interface Selection {
  /** selected rows of the synthetic set, ascending */
  rows: Int32Array;
  /** per-row scores of the scoring methods (semsim: cosine, dissim: calibrated potential) */
  scores?: Float64Array;
  ot?: { cost: number; iterations: number; converged: boolean; epsilon: number };
}

export interface SelectOptions {
  N?: number;
  seed?: number;
  /** Sinkhorn ε for dissim (> 0; absent: the Sinkhorn default 0.05) */
  epsilon?: number;
}

export function selectSynthetic(method: SelectionMethod, syn: PairSet, valEmbedding: Float32Array, options: SelectOptions = {}): Selection {
  const n = size(syn),
    d = syn.d;
  const m = valEmbedding.length / d;
  const N = options.N ?? n;
  if (!(SELECTION_METHODS as readonly string[]).includes(method))
    throw new Error(`selection: unknown method '${method}' (known: ${SELECTION_METHODS.join(', ')})`);
  if ((method === 'semsim' || method === 'dissim' || method === 'random') && !(Number.isInteger(N) && N >= 1))
    throw new Error(`selection: option 'N' must be a positive integer for '${method}', got ${N}`);
  // ε = 0 is unregularised OT, which Sinkhorn cannot solve: an error, never a silent default
  const eps = options.epsilon;
  if (eps !== undefined && !(Number.isFinite(eps) && eps > 0))
    throw new Error(`selection: option 'epsilon' (the Sinkhorn ε of dissim) must be a finite number > 0, got ${eps}`);
  switch (method) {
    case 'none':
      return { rows: new Int32Array(0) };
    case 'all':
      return { rows: Int32Array.from({ length: n }, (_, i) => i) };
    case 'random':
      return { rows: Int32Array.from(permutation(n, rng(options.seed ?? 0)).slice(0, Math.min(N, n))).sort() };
    case 'semsim': {
      const scores = semsimScores(mixedEmbedding(syn), n, valEmbedding, m, d);
      return { rows: topN(scores, N, 'highest'), scores };
    }
    case 'dissim': {
      const r = dissimScores(mixedEmbedding(syn), n, valEmbedding, m, d, eps !== undefined ? { epsilon: eps } : {});
      return { rows: topN(r.scores, N, 'lowest'), scores: r.scores, ot: r.ot };
    }
  }
}
