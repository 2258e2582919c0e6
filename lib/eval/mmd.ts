/**
 * Maximum mean discrepancy (Gretton et al., JMLR 2012) with a Gaussian
 * kernel k(x, y) = exp(−‖x − y‖² / (2σ²)): the biased (V-statistic)
 * estimate
 *   MMD² = mean_{i,i'} k(x_i, x_i') + mean_{j,j'} k(y_j, y_j') − 2 mean_{i,j} k(x_i, y_j)
 * which is ≥ 0 and 0 for identical samples. σ is passed explicitly, so
 * numbers compared against one reference set (e.g. distances of several
 * training sets to the real test set) share one kernel; `medianBandwidth`
 * gives the usual median heuristic on the reference set.
 */
import { sqEuclideanCost } from '../ot/cost';

type Rows = Float32Array | Float64Array;

function meanKernel(X: Rows, n: number, Y: Rows, m: number, d: number, sigma: number): number {
  const D = sqEuclideanCost(X, n, Y, m, d);
  let s = 0;
  for (const x of D) s += Math.exp(-x / (2 * sigma * sigma));
  return s / (n * m);
}

export function mmd2(X: Rows, n: number, Y: Rows, m: number, d: number, sigma: number): number {
  if (!(sigma > 0)) throw new Error(`mmd2: bandwidth sigma must be > 0, got ${sigma}`);
  if (n < 1 || m < 1) throw new Error(`mmd2: both samples need at least one point (got ${n}, ${m})`);
  const v = meanKernel(X, n, X, n, d, sigma) + meanKernel(Y, m, Y, m, d, sigma) - 2 * meanKernel(X, n, Y, m, d, sigma);
  return Math.max(0, v); // rounding can leave −1e-17 for identical sets
}

/** Median of the pairwise distances ‖x_i − x_j‖ (i < j) of a sample: the median-heuristic σ. */
export function medianBandwidth(X: Rows, n: number, d: number): number {
  if (n < 2) throw new Error(`medianBandwidth: need at least 2 points, got ${n}`);
  const D = sqEuclideanCost(X, n, X, n, d);
  const ds: number[] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) ds.push(Math.sqrt(D[i * n + j]));
  ds.sort((a, b) => a - b);
  const h = ds.length >> 1;
  const med = ds.length % 2 ? ds[h] : (ds[h - 1] + ds[h]) / 2;
  if (!(med > 0)) throw new Error('medianBandwidth: all points coincide (median distance 0)');
  return med;
}
