/**
 * The one rule every claim is decided by. A claim "A > B" (optionally "A is at most `margin`
 * below B") gets one of three outcomes:
 *   holds          — the claimed direction is decided by an exact test valid at its n
 *                    (one-sided p ≤ α);
 *   does not hold  — the opposite direction is decided by the same test (one-sided p ≤ α);
 *   undecided      — neither, with the reason (e.g. "n = 3: the smallest attainable p is 0.125")
 *                    and an ESTIMATE of the seeds that would decide it at the observed effect and
 *                    spread (normal approximation, 80 % power, one-sided α).
 * A one-class or constant predictor on either side makes a comparison undecided: its score is its
 * class prior, so a difference says nothing about what the claim is about.
 * Paired runs (same seed ⇒ same split / init stream) use the exact sign-flip test, independent
 * groups the exact two-sample permutation test (lib/eval/paired.ts); the 95 % t-interval of the
 * difference is reported beside the p. Claimed magnitudes are decided by the t-interval against
 * a stated margin around the paper's value.
 */
import type { Metrics } from './metrics';
import { meanInterval, pairedInterval, permutationFloor, permutationP, signFlipFloor, signFlipP, welchInterval } from './paired';

export const ALPHA = 0.05;
export type Verdict = 'holds' | 'does not hold' | 'undecided';

/** What a test decided, with everything a reader needs to check it. */
export interface Outcome {
  verdict: Verdict;
  /** e.g. "BMLHF − text-only, paired by seed" */
  comparison: string;
  /** pairs (paired / one sample) or values per side (independent) */
  n: number | [number, number];
  /** observed mean difference A − B (or our mean, for a magnitude) */
  effect: number;
  /** the claim's margin: it claims effect > −margin (absent: effect > 0) */
  margin?: number;
  /** 95 % t-interval of the effect; absent below 2 values */
  interval?: [number, number];
  /** one-sided exact p in the claimed direction and against it */
  p?: { for: number; against: number };
  /** which test decided */
  test: string;
  /** undecided: why */
  reason?: string;
  /** undecided: the estimated seeds (per side) that would decide it; null: no number of seeds would */
  seedsToDecide?: number | null;
  /** undecided: what would decide it, in words (always set when undecided) */
  toDecide?: string;
}

export interface CompareOptions {
  /** labels of the two sides, for the comparison text */
  a: string;
  b: string;
  /** the claim is A − B > −margin ("A is at most margin below B"); 0: A > B */
  margin?: number;
  /** set when a side is degenerate (e.g. "image-only predicts one class on seeds 1, 2"): undecided */
  degenerate?: string;
  alpha?: number;
}

const Z_ALPHA = 1.6449,
  Z_POWER = 0.8416; // one-sided α = 0.05, 80 % power
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const sd = (xs: number[]) => {
  const m = mean(xs);
  return xs.length < 2 ? 0 : Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
};
export const fmtP = (p: number) => (p === 1 ? '1' : p < 1e-3 ? p.toExponential(2) : p.toFixed(3));
export const fmtSigned = (x: number, digits = 3) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(digits)}`;

/** Smallest n (per side) at which the exact test can reach p ≤ α at all. */
export function minSeeds(paired: boolean, alpha = ALPHA): number {
  for (let n = 1; n < 64; n++) if ((paired ? signFlipFloor(n) : permutationFloor(n, n)) <= alpha) return n;
  throw new Error(`minSeeds: no n below 64 reaches α = ${alpha}`);
}

/**
 * Estimated seeds per side that decide a difference `effect` with spread `spread` (sd of the paired
 * differences, or the pooled per-group sd): n = ((z_α + z_β) σ / |effect|)², doubled for two groups;
 * never below the exact test's floor, nor below `atLeast`. null when the effect is 0.
 */
export function seedsEstimate(effect: number, spread: number, paired: boolean, atLeast = 1, alpha = ALPHA): number | null {
  if (!Number.isFinite(effect) || Math.abs(effect) < 1e-12) return null;
  const k = ((Z_ALPHA + Z_POWER) * spread) / Math.abs(effect);
  const normal = Math.ceil((paired ? 1 : 2) * k * k);
  return Math.max(normal, minSeeds(paired, alpha), atLeast);
}

function undecidedText(o: { effect: number; spread: number; seeds: number | null; paired: boolean; alpha: number }): string {
  if (o.seeds === null) return 'no number of seeds: the observed effect is 0';
  return `about ${o.seeds} ${o.paired ? 'paired seeds' : 'seeds per side'} would decide it (estimate: 80 % power at the observed effect ${fmtSigned(o.effect)} and spread ${o.spread.toFixed(3)}, normal approximation; the exact test needs at least ${minSeeds(o.paired, o.alpha)})`;
}

const DEGENERATE_TO_DECIDE =
  'no number of seeds: a one-class or constant predictor scores its class prior whatever the claim — the model must learn something first';

function decide(
  base: Omit<Outcome, 'verdict' | 'test' | 'reason' | 'seedsToDecide' | 'toDecide'>,
  o: {
    pFor: number;
    pAgainst: number;
    floor: number;
    shifted: number;
    spread: number;
    paired: boolean;
    alpha: number;
    testName: string;
    nNow: number;
    degenerate?: string;
  },
): Outcome {
  const test = `${o.testName}, one-sided, α = ${o.alpha}`;
  const p = { for: o.pFor, against: o.pAgainst };
  if (o.degenerate) return { ...base, p, verdict: 'undecided', test, reason: o.degenerate, seedsToDecide: null, toDecide: DEGENERATE_TO_DECIDE };
  if (o.pFor <= o.alpha) return { ...base, p, verdict: 'holds', test };
  if (o.pAgainst <= o.alpha) return { ...base, p, verdict: 'does not hold', test };
  const nText = Array.isArray(base.n) ? `n = ${base.n[0]} vs ${base.n[1]}` : `n = ${base.n}`;
  const reason =
    o.floor > o.alpha
      ? `${nText}: the smallest attainable p is ${fmtP(o.floor)} > α = ${o.alpha}`
      : `p = ${fmtP(o.pFor)} for the claim, ${fmtP(o.pAgainst)} against it: neither ≤ α = ${o.alpha}`;
  const effect = o.shifted; // the effect the test sees (A − B + margin)
  if (o.nNow < 2) {
    // one seed: no spread to estimate from; the exact test's floor is the least that could decide it
    const least = minSeeds(o.paired, o.alpha);
    return {
      ...base,
      p,
      verdict: 'undecided',
      test,
      reason,
      seedsToDecide: least,
      toDecide: `at least ${least} ${o.paired ? 'paired seeds' : 'seeds per side'} (the smallest n at which the exact test can reach p ≤ ${o.alpha}); the spread is unknown at one seed, so more may be needed`,
    };
  }
  const seeds = seedsEstimate(effect, o.spread, o.paired, o.nNow + 1, o.alpha);
  return {
    ...base,
    p,
    verdict: 'undecided',
    test,
    reason,
    seedsToDecide: seeds,
    toDecide: undecidedText({ effect, spread: o.spread, seeds, paired: o.paired, alpha: o.alpha }),
  };
}

/** A value that is not a number (a correlation of a constant, a failed metric) decides nothing: undecided, saying which. */
function notFinite(opts: CompareOptions, a: number[], b: number[], n: Outcome['n']): Outcome | undefined {
  const badA = a.filter((x) => !Number.isFinite(x)).length,
    badB = b.filter((x) => !Number.isFinite(x)).length;
  if (!badA && !badB) return undefined;
  const where = [badA ? `${badA} of ${opts.a}'s values` : '', badB ? `${badB} of ${opts.b}'s values` : ''].filter(Boolean).join(' and ');
  return {
    verdict: 'undecided',
    comparison: `${opts.a} − ${opts.b}`,
    n,
    effect: NaN,
    test: 'none: not every value is a number',
    reason: `${where} not a number`,
    seedsToDecide: null,
    toDecide: 'no number of seeds: the quantity is undefined on some seeds (e.g. a correlation of a constant)',
  };
}

/** "A > B" (or "A at most margin below B") over runs paired by seed: a[i] and b[i] share seed i. */
export function pairedVerdict(a: number[], b: number[], opts: CompareOptions): Outcome {
  if (a.length !== b.length) throw new Error(`pairedVerdict: ${a.length} vs ${b.length} values — paired runs need one value per seed on each side`);
  if (!a.length) throw new Error('pairedVerdict: no seeds');
  const margin = opts.margin ?? 0,
    alpha = opts.alpha ?? ALPHA;
  const bad = notFinite(opts, a, b, a.length);
  if (bad) return bad;
  const d = a.map((x, i) => x - b[i] + margin); // [n] shifted so the claim is mean(d) > 0
  const raw = a.map((x, i) => x - b[i]);
  const interval = pairedInterval(raw);
  return decide(
    {
      comparison: `${opts.a} − ${opts.b}${margin ? ` + ${margin} (claim: at most ${margin} below)` : ''}, paired by seed`,
      n: a.length,
      effect: mean(raw),
      ...(margin ? { margin } : {}),
      ...(interval ? { interval } : {}),
    },
    {
      pFor: signFlipP(d),
      pAgainst: signFlipP(d.map((x) => -x)),
      floor: signFlipFloor(a.length),
      shifted: mean(d),
      spread: sd(d),
      paired: true,
      alpha,
      testName: 'exact sign-flip permutation test (paired by seed)',
      nNow: a.length,
      degenerate: opts.degenerate,
    },
  );
}

/** "mean of xs > threshold" (one value per seed against a fixed number): the sign-flip test of xs − threshold. */
export function oneSampleVerdict(xs: number[], threshold: number, opts: Omit<CompareOptions, 'b'> & { b?: string }): Outcome {
  const o = pairedVerdict(
    xs,
    xs.map(() => threshold),
    { ...opts, b: opts.b ?? String(threshold) },
  );
  return { ...o, comparison: `${opts.a} − ${opts.b ?? threshold}, one value per seed`, test: o.test.replace('(paired by seed)', '(one sample over seeds)') };
}

/** "A > B" (or "A at most margin below B") over independent groups of seeds. */
export function independentVerdict(a: number[], b: number[], opts: CompareOptions): Outcome {
  if (!a.length || !b.length) throw new Error(`independentVerdict: empty group (${a.length} vs ${b.length} values)`);
  const margin = opts.margin ?? 0,
    alpha = opts.alpha ?? ALPHA;
  const bad = notFinite(opts, a, b, [a.length, b.length]);
  if (bad) return bad;
  const shifted = a.map((x) => x + margin);
  const interval = welchInterval(a, b);
  const spread = Math.sqrt((sd(a) ** 2 + sd(b) ** 2) / 2);
  const base = {
    comparison: `${opts.a} − ${opts.b}${margin ? ` + ${margin} (claim: at most ${margin} below)` : ''}, independent groups`,
    n: [a.length, b.length] as [number, number],
    effect: mean(a) - mean(b),
    ...(margin ? { margin } : {}),
    ...(interval ? { interval } : {}),
  };
  return decide(base, {
    pFor: permutationP(shifted, b),
    pAgainst: permutationP(b, shifted),
    floor: permutationFloor(a.length, b.length),
    shifted: mean(shifted) - mean(b),
    spread,
    paired: false,
    alpha,
    testName: 'exact two-sample permutation test of the mean difference',
    nNow: Math.min(a.length, b.length),
    degenerate: opts.degenerate,
  });
}

/**
 * A claimed magnitude: our per-seed values against the paper's number. Holds when our 95 %
 * t-interval lies within paper ± margin; does not hold when it lies wholly outside; else undecided.
 */
export function magnitudeVerdict(xs: number[], paper: number, margin: number, label: string): Outcome {
  const m = mean(xs),
    s = sd(xs);
  const base = { comparison: `${label} vs the paper's ${paper} ± ${margin}`, n: xs.length, effect: m };
  const test = `95 % t-interval of our mean against the paper's value ± ${margin}`;
  const iv = meanInterval(xs);
  if (!iv)
    return {
      ...base,
      verdict: 'undecided',
      test,
      reason: `n = ${xs.length}: no interval from one value`,
      seedsToDecide: 2,
      toDecide: 'at least 2 seeds (the spread is unknown at one)',
    };
  const lo = paper - margin,
    hi = paper + margin;
  if (iv[0] >= lo && iv[1] <= hi) return { ...base, interval: iv, verdict: 'holds', test };
  if (iv[1] < lo || iv[0] > hi) return { ...base, interval: iv, verdict: 'does not hold', test };
  const room = Math.abs(margin - Math.abs(m - paper)); // half-width the interval must shrink to
  const seeds = room < 1e-12 ? null : Math.max(xs.length + 1, Math.ceil(((1.96 * s) / room) ** 2));
  return {
    ...base,
    interval: iv,
    verdict: 'undecided',
    test,
    reason: `our interval [${iv[0].toFixed(3)}, ${iv[1].toFixed(3)}] straddles the band [${lo.toFixed(3)}, ${hi.toFixed(3)}]`,
    seedsToDecide: seeds,
    toDecide:
      seeds === null
        ? 'no number of seeds: our mean sits on the edge of the band'
        : `about ${seeds} seeds would decide it (estimate: the t-interval narrows as 1.96 · ${s.toFixed(3)} / √n)`,
  };
}

/**
 * A claim made of several comparisons ("BMLHF beats every baseline"): holds when every part holds,
 * does not hold when any part does not hold, else undecided (seeds: the most any undecided part needs).
 */
export function allOf(parts: { label: string; outcome: Outcome }[]): Outcome {
  if (!parts.length) throw new Error('allOf: no parts');
  const fails = parts.filter((p) => p.outcome.verdict === 'does not hold');
  const open = parts.filter((p) => p.outcome.verdict === 'undecided');
  const verdict: Verdict = fails.length ? 'does not hold' : open.length ? 'undecided' : 'holds';
  const tests = [...new Set(parts.map((p) => p.outcome.test))].join('; ');
  const out: Outcome = {
    verdict,
    comparison: `every one of ${parts.length} comparisons (${parts.map((p) => p.label).join(', ')})`,
    n: parts[0].outcome.n,
    // the part furthest from its claim: the smallest effect + margin (no margin on the whole)
    effect: Math.min(...parts.map((p) => p.outcome.effect + (p.outcome.margin ?? 0))),
    test: `each part by its own ${tests}`,
  };
  if (verdict === 'does not hold') out.reason = `against the claim: ${fails.map((p) => p.label).join(', ')}`;
  if (verdict === 'undecided') {
    const seeds = open.map((p) => p.outcome.seedsToDecide);
    out.reason = open.map((p) => `${p.label}: ${p.outcome.reason}`).join('; ');
    out.seedsToDecide = seeds.some((s) => s === null || s === undefined) ? null : Math.max(...(seeds as number[]));
    out.toDecide =
      out.seedsToDecide === null
        ? `not every part can be decided by more seeds (${open
            .filter((p) => p.outcome.seedsToDecide == null)
            .map((p) => p.label)
            .join(', ')})`
        : `about ${out.seedsToDecide} seeds would decide every undecided part (estimate; the most any part needs)`;
  }
  return out;
}

/**
 * An outcome that no test can produce at all: one value per side and nothing to pair, or a single
 * summary number. Undecided, with the seeds the exact paired test needs at the least.
 */
export function singleValueOutcome(comparison: string, effect: number, why: string): Outcome {
  const n = minSeeds(true);
  return {
    verdict: 'undecided',
    comparison,
    n: 1,
    effect,
    test: 'none: one value per side',
    reason: why,
    seedsToDecide: n,
    toDecide: `at least ${n} paired seeds (the smallest n at which the exact sign-flip test can reach p ≤ ${ALPHA}); the spread is unknown at one`,
  };
}

/**
 * What the one-class guard reads of a run's test metrics: the binary recalls (Metrics), or a K-class
 * confusion matrix (rows true, columns predicted: MulticlassMetrics) / its per-class recalls.
 */
export type ClassMetrics = Pick<Metrics, 'fakeR' | 'realR'> | { confusion?: number[][]; recall: number[] };

/**
 * A predictor that gave one class to every test post: its metrics are its class prior. Binary: one
 * recall 1 and the other 0. K classes: every prediction in one column of the confusion matrix; from
 * recalls alone, one class recalled fully and every other not at all.
 */
export function oneClass(m: ClassMetrics): boolean {
  if ('fakeR' in m) return (m.fakeR === 0 && m.realR === 1) || (m.realR === 0 && m.fakeR === 1);
  if (m.confusion) return m.confusion[0].map((_, k) => m.confusion!.reduce((s, row) => s + row[k], 0)).filter((c) => c > 0).length <= 1;
  return m.recall.filter((r) => r === 1).length === 1 && m.recall.every((r) => r === 0 || r === 1);
}

/** Why a side of a comparison is degenerate (a one-class predictor on some seed), or undefined. */
export function degenerateSides(sides: { label: string; metrics: ClassMetrics[]; seeds?: number[] }[]): string | undefined {
  const bad = sides
    .map((s) => ({ s, at: s.metrics.map((m, i) => (oneClass(m) ? (s.seeds?.[i] ?? i + 1) : null)).filter((x) => x !== null) }))
    .filter((x) => x.at.length);
  if (!bad.length) return undefined;
  return bad.map((x) => `${x.s.label} predicts one class on seed${x.at.length > 1 ? 's' : ''} ${x.at.join(', ')}`).join('; ');
}

/** A one-line account of an outcome, for the evidence column. */
export function outcomeText(o: Outcome): string {
  const n = Array.isArray(o.n) ? `n = ${o.n[0]} vs ${o.n[1]}` : `n = ${o.n}`;
  const iv = o.interval ? ` [95 % t-interval ${fmtSigned(o.interval[0])}, ${fmtSigned(o.interval[1])}]` : '';
  const p = o.p ? `; p = ${fmtP(o.p.for)} for, ${fmtP(o.p.against)} against` : '';
  const tail = o.verdict === 'undecided' ? `; undecided: ${o.reason}; to decide: ${o.toDecide}` : o.reason ? `; ${o.reason}` : '';
  return `Δ ${fmtSigned(o.effect)}${iv} (${n}; ${o.test}${p})${tail}`;
}
