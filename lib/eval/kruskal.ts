/**
 * Kruskal–Wallis test of two samples at the few seeds the profiles run:
 * the tie-corrected H, the chi-square p of @stdlib/stats-kruskal-test
 * (df = 1), the EXACT permutation p of the same H (valid at any n; the
 * chi-square approximation is anti-conservative at a few seeds: at n = 3 it
 * gives 0.0495 where the exact p cannot go below 0.1), and the smallest p
 * each can reach with n values per group.
 */
import kruskalTest from '@stdlib/stats-kruskal-test';

/** Average ranks (1-based) of the pooled values, ties sharing their mean rank. */
function ranks(xs: number[]): number[] {
  const order = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const r = new Array<number>(xs.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    for (let k = i; k <= j; k++) r[order[k][1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return r;
}

/** Kruskal–Wallis H of groups (tie-corrected; NaN when every value is equal), the statistic stdlib computes. */
export function kruskalH(groups: number[][]): number {
  const all = groups.flat();
  const N = all.length;
  const r = ranks(all);
  let s = 0,
    at = 0;
  for (const g of groups) {
    const R = r.slice(at, at + g.length).reduce((a, b) => a + b, 0);
    s += (R * R) / g.length;
    at += g.length;
  }
  const H = (12 / (N * (N + 1))) * s - 3 * (N + 1);
  const counts = new Map<number, number>();
  for (const x of all) counts.set(x, (counts.get(x) ?? 0) + 1);
  const ties = [...counts.values()].reduce((a, t) => a + t ** 3 - t, 0);
  return H / (1 - ties / (N ** 3 - N));
}

const binom = (n: number, k: number) => {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return Math.round(c);
};

/**
 * Exact permutation p of H for two groups: the share of the C(N, nA)
 * relabellings of the pooled values whose H is at least the observed one.
 * undefined when there are more than `limit` relabellings, or all values are equal.
 */
export function exactKruskalP(a: number[], b: number[], limit = 200_000): number | undefined {
  const all = [...a, ...b],
    N = all.length,
    k = a.length;
  if (binom(N, k) > limit) return undefined;
  const h0 = kruskalH([a, b]);
  if (!Number.isFinite(h0)) return undefined;
  let hits = 0,
    total = 0;
  const pick: number[] = [];
  const walk = (start: number) => {
    if (pick.length === k) {
      const inA = new Set(pick);
      const h = kruskalH([pick.map((i) => all[i]), all.filter((_, i) => !inA.has(i))]);
      total++;
      if (h >= h0 - 1e-9) hits++;
      return;
    }
    for (let i = start; i <= N - (k - pick.length); i++) {
      pick.push(i);
      walk(i + 1);
      pick.pop();
    }
  };
  walk(0);
  return hits / total;
}

/** stdlib's Kruskal–Wallis (chi-square, df = 1) of two samples; p = 1, H = 0 when every value is equal (stdlib gives NaN). */
export function kruskal(a: number[], b: number[]): { H: number; p: number } {
  if (a.length < 1 || b.length < 1) throw new Error(`kruskal: empty group (${a.length} vs ${b.length} values)`);
  if (new Set([...a, ...b]).size === 1) return { H: 0, p: 1 };
  const r = kruskalTest(a, b, { alpha: 0.05 }); // alpha only sets stdlib's reject flag, not p
  if (!Number.isFinite(r.pValue)) throw new Error(`kruskal: p is ${r.pValue} for ${JSON.stringify([a, b])}`);
  return { H: r.statistic, p: r.pValue };
}

/**
 * The smallest p attainable with n values per group: the groups fully
 * separated. Without ties (chi-square): H = 3n² / (2n + 1); with every group
 * constant (all seeds equal within a method) the tie correction raises H to
 * 2n − 1; exact permutation: 2 / C(2n, n).
 */
export function minP(n: number): { noTies: number; allTied: number; exact: number } {
  const a = Array.from({ length: n }, (_, i) => i),
    b = Array.from({ length: n }, (_, i) => n + i);
  return {
    noTies: kruskal(a, b).p,
    allTied: n > 1 ? kruskal(new Array(n).fill(0), new Array(n).fill(1)).p : kruskal([0], [1]).p,
    exact: 2 / binom(2 * n, n),
  };
}

/** The fewest values per group at which a p of `p` is attainable at all (no ties, chi-square). */
export function seedsNeededFor(p: number, max = 1000): number | undefined {
  for (let n = 2; n <= max; n++) if (minP(n).noTies <= p) return n;
  return undefined;
}

/** A two-group Kruskal–Wallis verdict with the p valid at its sample size. */
export interface KruskalVerdict {
  H: number;
  /** chi-square p (df 1, tie-corrected), for reference */
  pChi: number;
  /** exact permutation p of H; null when it cannot be enumerated or every value is equal */
  pExact: number | null;
  /** the p a verdict uses: the exact p where it can be enumerated, 1 when every value is equal, else the chi-square p */
  p: number;
  by: 'exact' | 'chi-square';
  /** the smallest p attainable at this n by the test that decides */
  floor: number;
}

/**
 * The one rule every artefact decides significance by: the chi-square approximation is
 * anti-conservative at a few seeds (at n = 3 it gives 0.0495 where the exact p cannot go below
 * 0.1), so the exact permutation p decides whenever it can be enumerated; the chi-square p only for
 * large n. All values equal: every relabelling has the same H, so the exact p is 1.
 */
export function kruskalVerdict(a: number[], b: number[]): KruskalVerdict {
  const { H, p: pChi } = kruskal(a, b);
  const pExact = exactKruskalP(a, b) ?? null;
  const allEqual = new Set([...a, ...b]).size === 1;
  const exact = pExact !== null || allEqual;
  const floor = minP(Math.min(a.length, b.length));
  return { H, pChi, pExact, p: pExact ?? (allEqual ? 1 : pChi), by: exact ? 'exact' : 'chi-square', floor: exact ? floor.exact : floor.noTies };
}
