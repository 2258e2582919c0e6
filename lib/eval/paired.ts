/**
 * The exact tests a verdict is decided by, at the few seeds the profiles run.
 *
 * - Paired over seeds (same seed ⇒ same split / init stream on both sides): the exact sign-flip
 *   permutation test of the mean difference. Under H0 (no difference) each per-seed difference is
 *   as likely to have either sign, so the 2ⁿ sign patterns are equally likely; the one-sided p is
 *   the share of patterns whose sum is at least the observed sum. Smallest attainable p: 2⁻ⁿ.
 * - Independent groups: the exact two-sample permutation test of the difference of means (every
 *   one of the C(nA + nB, nA) relabellings equally likely under H0). Smallest attainable p: 1 / C(N, nA).
 * - The t-interval of the mean difference (paired: t with n − 1 df; independent: Welch), reported
 *   beside the exact p and used for claimed magnitudes.
 */

/** Values are compared up to this relative tolerance, so float noise does not split ties. */
const EPS = 1e-12;
const geq = (x: number, y: number) => x >= y - EPS * Math.max(1, Math.abs(y));

const binom = (n: number, k: number) => {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return Math.round(c);
};

/** Above this many sign patterns / relabellings the tests say so instead of enumerating. */
export const ENUMERATION_LIMIT = 1 << 20;

/**
 * Exact one-sided sign-flip p for "mean of d > 0": share of the 2ⁿ sign patterns s with
 * Σ sᵢdᵢ ≥ Σ dᵢ. Zero differences contribute nothing either way (they are kept, not dropped,
 * so n is the number of pairs).
 */
export function signFlipP(d: number[]): number {
  const n = d.length;
  if (n === 0) throw new Error('signFlipP: no paired differences');
  if (2 ** n > ENUMERATION_LIMIT) throw new Error(`signFlipP: ${n} pairs (2^${n} sign patterns) is above the enumeration limit`);
  const obs = d.reduce((s, x) => s + x, 0);
  let hits = 0;
  for (let mask = 0; mask < 2 ** n; mask++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += mask & (1 << i) ? -d[i] : d[i];
    if (geq(s, obs)) hits++;
  }
  return hits / 2 ** n;
}

/** Exact one-sided permutation p for "mean(a) > mean(b)": share of relabellings with mean difference ≥ the observed one. */
export function permutationP(a: number[], b: number[]): number {
  if (!a.length || !b.length) throw new Error(`permutationP: empty group (${a.length} vs ${b.length} values)`);
  const all = [...a, ...b],
    N = all.length,
    k = a.length;
  if (binom(N, k) > ENUMERATION_LIMIT) throw new Error(`permutationP: C(${N}, ${k}) relabellings is above the enumeration limit`);
  const total = all.reduce((s, x) => s + x, 0);
  const stat = (sumA: number) => sumA / k - (total - sumA) / (N - k);
  const obs = stat(a.reduce((s, x) => s + x, 0));
  let hits = 0,
    count = 0;
  const walk = (start: number, left: number, sumA: number) => {
    if (left === 0) {
      count++;
      if (geq(stat(sumA), obs)) hits++;
      return;
    }
    for (let i = start; i <= N - left; i++) walk(i + 1, left - 1, sumA + all[i]);
  };
  walk(0, k, 0);
  return hits / count;
}

/** The smallest one-sided p each exact test can reach. */
export const signFlipFloor = (n: number) => 2 ** -n;
export const permutationFloor = (nA: number, nB: number) => 1 / binom(nA + nB, nA);

/** Two-sided 97.5 % quantile of Student's t, df 1–30 (standard table), then the Cornish–Fisher expansion. */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069,
  2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];
export function t975(df: number): number {
  if (!(df >= 1)) throw new Error(`t975: df must be ≥ 1, got ${df}`);
  if (df <= 30) {
    // Welch df is fractional: interpolate linearly between table rows
    const lo = Math.floor(df),
      hi = Math.ceil(df);
    return T975[lo - 1] + (T975[hi - 1] - T975[lo - 1]) * (df - lo);
  }
  const z = 1.959964;
  return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df ** 2);
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const variance = (xs: number[]) => {
  const m = mean(xs);
  return xs.length < 2 ? 0 : xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1);
};

/** 95 % t-interval of the mean of paired differences; undefined below 2 pairs. */
export function pairedInterval(d: number[]): [number, number] | undefined {
  if (d.length < 2) return undefined;
  const h = t975(d.length - 1) * Math.sqrt(variance(d) / d.length);
  return [mean(d) - h, mean(d) + h];
}

/** 95 % Welch t-interval of mean(a) − mean(b); undefined below 2 values per group. */
export function welchInterval(a: number[], b: number[]): [number, number] | undefined {
  if (a.length < 2 || b.length < 2) return undefined;
  const va = variance(a) / a.length,
    vb = variance(b) / b.length;
  const se = Math.sqrt(va + vb);
  const diff = mean(a) - mean(b);
  if (se === 0) return [diff, diff];
  const df = (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  return [diff - t975(df) * se, diff + t975(df) * se];
}

/** 95 % t-interval of a mean (one sample). */
export const meanInterval = (xs: number[]) => pairedInterval(xs);
