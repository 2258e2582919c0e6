/**
 * A memory bank of L2-normalised embeddings, one row per training sample
 * (CRD, Tian et al. 2020; used by CMC's cross-modal NCE distillation).
 *
 * Rows live on the CPU (a Float32Array [N, dim]): the bank is a buffer, never
 * differentiated, and a plain array keeps its updates exact, seeded and free
 * of tensor bookkeeping. Losses read it as a constant tensor (`tensor()`).
 *
 *   init:    uniform in [−1/√(dim/3), 1/√(dim/3)]            (CRD's ContrastMemory)
 *   update:  m_i ← normalise(μ · m_i + (1 − μ) · z_i)        (momentum μ, CRD: 0.5)
 *   sample:  k negatives per anchor, uniformly from a pool —
 *            'other-class' (CRD/CMC: only samples of another label) or 'all'
 */
import { tf } from '../backend/index';
import { rng, type Rng } from '../util/random';

export interface MemoryBankOptions {
  /** rows: the training-set size N */
  size: number;
  /** embedding width (CRD/CMC: 128) */
  dim?: number;
  /** μ of the momentum update (CRD/CMC: 0.5) */
  momentum?: number;
  seed?: number;
}

export const MEMORY_BANK_DEFAULTS: Required<Omit<MemoryBankOptions, 'size'>> = { dim: 128, momentum: 0.5, seed: 0 };

export type NegativePool = 'other-class' | 'all';

export class MemoryBank {
  readonly size: number;
  readonly dim: number;
  readonly momentum: number;
  /** [N, dim] row-major */
  readonly data: Float32Array;

  constructor(options: MemoryBankOptions) {
    const o = { ...MEMORY_BANK_DEFAULTS, ...options };
    if (!(Number.isInteger(o.size) && o.size > 0)) throw new Error(`MemoryBank: option 'size' must be a positive integer, got ${o.size}`);
    if (!(Number.isInteger(o.dim) && o.dim > 0)) throw new Error(`MemoryBank: option 'dim' must be a positive integer, got ${o.dim}`);
    if (!(o.momentum >= 0 && o.momentum < 1)) throw new Error(`MemoryBank: option 'momentum' must be in [0, 1), got ${o.momentum}`);
    this.size = o.size;
    this.dim = o.dim;
    this.momentum = o.momentum;
    const stdv = 1 / Math.sqrt(o.dim / 3);
    const r = rng(o.seed);
    this.data = Float32Array.from({ length: o.size * o.dim }, () => (r.next() * 2 - 1) * stdv);
  }

  row(i: number): Float32Array {
    return this.data.subarray(i * this.dim, (i + 1) * this.dim);
  }

  /** the whole bank as a constant tensor [N, dim] (the caller disposes it, or runs inside tf.tidy) */
  tensor(): tf.Tensor2D {
    return tf.tensor2d(this.data, [this.size, this.dim]);
  }

  /** Momentum update of rows `idx` with new embeddings z [B, dim] (row-major), then L2 renormalisation. */
  update(idx: ArrayLike<number>, z: Float32Array): void {
    const d = this.dim,
      mu = this.momentum;
    if (z.length !== idx.length * d) throw new Error(`MemoryBank.update: ${idx.length} indices need ${idx.length * d} values, got ${z.length}`);
    for (let b = 0; b < idx.length; b++) {
      const i = idx[b];
      if (!(i >= 0 && i < this.size)) throw new Error(`MemoryBank.update: index ${i} out of range 0..${this.size - 1}`);
      const row = this.row(i);
      let ss = 0;
      for (let j = 0; j < d; j++) {
        const v = mu * row[j] + (1 - mu) * z[b * d + j];
        row[j] = v;
        ss += v * v;
      }
      const n = Math.sqrt(ss) || 1; // an all-zero row stays zero
      for (let j = 0; j < d; j++) row[j] /= n;
    }
  }
}

/**
 * Candidate indices for NCE: per anchor, its own row (the positive, column 0)
 * followed by k negatives drawn uniformly from the pool — with replacement
 * only when the pool is smaller than k (as CRD's dataset does). [B, k + 1]
 * row-major. `labels` are the labels of the whole training set.
 */
export function sampleCandidates(anchors: ArrayLike<number>, labels: ArrayLike<number>, k: number, r: Rng, pool: NegativePool = 'other-class'): Int32Array {
  if (!(Number.isInteger(k) && k > 0)) throw new Error(`sampleCandidates: k must be a positive integer, got ${k}`);
  const pools = poolsOf(labels, pool);
  const out = new Int32Array(anchors.length * (k + 1));
  for (let b = 0; b < anchors.length; b++) {
    const a = anchors[b];
    const p = pool === 'all' ? pools.get(-1)! : pools.get(labels[a])!;
    if (!p.length) throw new Error(`sampleCandidates: no negatives for anchor ${a} (label ${labels[a]}; pool '${pool}')`);
    out[b * (k + 1)] = a;
    if (k <= p.length) {
      // k distinct draws: a partial Fisher–Yates over a copy of the pool
      const c = p.slice();
      for (let j = 0; j < k; j++) {
        const t = j + r.int(c.length - j);
        const v = c[t];
        c[t] = c[j];
        c[j] = v;
        out[b * (k + 1) + 1 + j] = v;
      }
    } else for (let j = 0; j < k; j++) out[b * (k + 1) + 1 + j] = p[r.int(p.length)];
  }
  return out;
}

const poolCache = new WeakMap<object, Map<string, Map<number, Int32Array>>>();

/** label → the rows a negative for an anchor of that label may come from ('all': key −1, every row) */
function poolsOf(labels: ArrayLike<number>, pool: NegativePool): Map<number, Int32Array> {
  const byPool = poolCache.get(labels as object) ?? new Map<string, Map<number, Int32Array>>();
  poolCache.set(labels as object, byPool);
  const hit = byPool.get(pool);
  if (hit) return hit;
  const m = new Map<number, Int32Array>();
  if (pool === 'all')
    m.set(
      -1,
      Int32Array.from({ length: labels.length }, (_, i) => i),
    );
  else {
    const classes = [...new Set(Array.from(labels))];
    for (const c of classes) m.set(c, Int32Array.from(Array.from(labels, (l, i) => (l !== c ? i : -1)).filter((i) => i >= 0)));
  }
  byPool.set(pool, m);
  return m;
}
