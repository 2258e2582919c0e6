/**
 * Seeded sparse random projection R^inDim → R^outDim for sparse inputs.
 *
 * Achlioptas (2003) showed that a projection matrix with entries drawn from
 * {+1, 0, −1} (probabilities 1/6, 2/3, 1/6, scaled by √3) preserves pairwise
 * distances as well as a Gaussian one (Johnson–Lindenstrauss). With 2^18
 * input buckets × 768 outputs, that dense-in-expectation matrix has 67M
 * non-zeros — too many to store and too slow to regenerate. We use the
 * fixed-column-sparsity variant (Kane & Nelson 2014, "sparser JL"; the same
 * thing as signed feature hashing with `s` probes): each input bucket `b`
 * writes to exactly `s` distinct output columns, each with a random sign
 * ±1/√s. The columns and signs of bucket b come from rng(hash(b, seed)), so
 * the matrix is a pure function of (inDim, outDim, s, seed) and never stored
 * beyond a small lookup table (inDim × s entries, 2^18 × 8 → 4 MB).
 */
import { hashInt } from './hash';
import { rng } from '../util/random';
import type { SparseVec } from './sparse';

export interface ProjectionOptions {
  outDim?: number;
  /** non-zeros per input bucket */
  s?: number;
  seed?: number;
}

export const PROJECTION_DEFAULTS: Required<ProjectionOptions> = { outDim: 768, s: 8, seed: 0x9e37 };

export interface SparseProjection {
  inDim: number;
  outDim: number;
  s: number;
  seed: number;
  /** [inDim, s] output column of each non-zero */
  cols: Uint16Array;
  /** [inDim, s] ±1/√s */
  vals: Float32Array;
}

const tables = new Map<string, SparseProjection>();

export function sparseProjection(inDim: number, options: ProjectionOptions = {}): SparseProjection {
  const { outDim, s, seed } = { ...PROJECTION_DEFAULTS, ...options };
  if (outDim > 65536 || s > outDim) throw new Error(`sparseProjection: need s <= outDim <= 65536, got s=${s}, outDim=${outDim}`);
  const key = `${inDim}:${outDim}:${s}:${seed}`;
  const hit = tables.get(key);
  if (hit) return hit;
  const cols = new Uint16Array(inDim * s);
  const vals = new Float32Array(inDim * s);
  const w = 1 / Math.sqrt(s);
  const chosen = new Int32Array(s);
  for (let b = 0; b < inDim; b++) {
    const r = rng(hashInt(b, seed));
    for (let k = 0; k < s; k++) {
      // distinct columns: redraw on a clash (rare: s ≪ outDim)
      let c: number;
      do c = r.int(outDim);
      while (chosen.subarray(0, k).includes(c));
      chosen[k] = c;
      cols[b * s + k] = c;
      vals[b * s + k] = r.next() < 0.5 ? -w : w;
    }
  }
  const p = { inDim, outDim, s, seed, cols, vals };
  tables.set(key, p);
  return p;
}

/** y = x · R into `out` (length outDim, overwritten). */
export function project(x: SparseVec, p: SparseProjection, out: Float32Array = new Float32Array(p.outDim)): Float32Array {
  out.fill(0);
  const { s, cols, vals } = p;
  for (let k = 0; k < x.idx.length; k++) {
    const b = x.idx[k];
    if (b < 0 || b >= p.inDim) throw new Error(`project: index ${b} outside [0, ${p.inDim})`);
    const v = x.val[k];
    for (let j = b * s, e = j + s; j < e; j++) out[cols[j]] += v * vals[j];
  }
  return out;
}
