/**
 * Seeded k-means (k-means++ seeding, Lloyd iterations) and cluster purity,
 * on row-major [n, d] features — the diagnosis of Diagnosing & Re-learning
 * (lib/balance/relearning.ts): how well a modality's representation
 * separates the classes without a classifier.
 */
import { rng } from '../util/random';

/** cluster index per row */
export function kmeans(x: ArrayLike<number>, n: number, d: number, k: number, seed = 0, maxIter = 100): Int32Array {
  if (!(Number.isInteger(k) && k >= 1 && k <= n)) throw new Error(`kmeans: k must be an integer in 1..${n}, got ${k}`);
  const r = rng(seed);
  const C = new Float64Array(k * d);
  const dist2 = (i: number, c: number) => {
    let s = 0;
    for (let j = 0; j < d; j++) {
      const t = x[i * d + j] - C[c * d + j];
      s += t * t;
    }
    return s;
  };
  // k-means++: first centre uniform, the next ones with probability ∝ squared distance to the nearest centre
  const first = Math.min(n - 1, Math.floor(r.next() * n));
  for (let j = 0; j < d; j++) C[j] = x[first * d + j];
  const near = new Float64Array(n).fill(Infinity);
  for (let c = 1; c < k; c++) {
    let total = 0;
    for (let i = 0; i < n; i++) total += near[i] = Math.min(near[i], dist2(i, c - 1));
    let u = r.next() * total,
      pick = n - 1;
    for (let i = 0; i < n; i++)
      if ((u -= near[i]) <= 0) {
        pick = i;
        break;
      }
    for (let j = 0; j < d; j++) C[c * d + j] = x[pick * d + j];
  }
  const assign = new Int32Array(n).fill(-1);
  for (let it = 0; it < maxIter; it++) {
    let moved = false;
    for (let i = 0; i < n; i++) {
      let best = 0,
        bd = Infinity;
      for (let c = 0; c < k; c++) {
        const dd = dist2(i, c);
        if (dd < bd) ((bd = dd), (best = c));
      }
      if (assign[i] !== best) ((assign[i] = best), (moved = true));
    }
    if (!moved) break;
    const count = new Float64Array(k);
    const sum = new Float64Array(k * d);
    for (let i = 0; i < n; i++) {
      count[assign[i]]++;
      for (let j = 0; j < d; j++) sum[assign[i] * d + j] += x[i * d + j];
    }
    for (let c = 0; c < k; c++) if (count[c]) for (let j = 0; j < d; j++) C[c * d + j] = sum[c * d + j] / count[c]; // an empty cluster keeps its centre
  }
  return assign;
}

/** purity: share of rows whose label is their cluster's majority label */
export function purity(labels: ArrayLike<number>, clusters: ArrayLike<number>): number {
  const n = labels.length;
  if (clusters.length !== n || n === 0) throw new Error(`purity: ${n} labels for ${clusters.length} cluster ids`);
  const counts = new Map<number, Map<number, number>>();
  for (let i = 0; i < n; i++) {
    const m = counts.get(clusters[i]) ?? new Map<number, number>();
    m.set(labels[i], (m.get(labels[i]) ?? 0) + 1);
    counts.set(clusters[i], m);
  }
  let hit = 0;
  for (const m of counts.values()) hit += Math.max(...m.values());
  return hit / n;
}

/** per-column min-max scaling to [−1, 1] (a constant column becomes 0), as the D&R authors scale before clustering */
export function minMaxScale(x: ArrayLike<number>, n: number, d: number): Float64Array {
  const out = new Float64Array(n * d);
  for (let j = 0; j < d; j++) {
    let lo = Infinity,
      hi = -Infinity;
    for (let i = 0; i < n; i++) ((lo = Math.min(lo, x[i * d + j])), (hi = Math.max(hi, x[i * d + j])));
    for (let i = 0; i < n; i++) out[i * d + j] = hi > lo ? (2 * (x[i * d + j] - lo)) / (hi - lo) - 1 : 0;
  }
  return out;
}
