/**
 * Verdicts over per-seed results, as the papers hold them: each side is a label, one value per
 * seed and (optionally) each seed's test metrics, so a one-class predictor is caught. Sides with
 * seeds in common are paired over those seeds (same split and init stream on both sides); `paired: false`
 * (or no common seed) compares them as independent groups.
 */
import { degenerateSides, type ClassMetrics, independentVerdict, oneSampleVerdict, pairedVerdict, type Outcome } from './verdict';

export interface Side {
  label: string;
  /** one value per seed, in the order of `seeds` */
  values: number[];
  seeds: number[];
  /** each seed's test metrics (binary recalls or a K-class confusion): a one-class predictor on any seed makes the comparison undecided */
  metrics?: ClassMetrics[];
}

export interface RunCompareOptions {
  /** default true: pair by seed when both sides ran the same seeds */
  paired?: boolean;
  /** the claim is A − B > −margin ("at most margin below") */
  margin?: number;
  /** a reason a side is degenerate, besides what `metrics` shows */
  degenerate?: string;
}

const sameSeeds = (a: number[], b: number[]) => a.length === b.length && [...a].sort((x, y) => x - y).every((s, i) => s === [...b].sort((x, y) => x - y)[i]);

/** "A > B" (or at most margin below) over seeds. */
export function compareSides(a: Side, b: Side, o: RunCompareOptions = {}): Outcome {
  for (const s of [a, b])
    if (s.values.length !== s.seeds.length) throw new Error(`compareSides: ${s.label} has ${s.values.length} values for ${s.seeds.length} seeds`);
  const deg =
    [o.degenerate, degenerateSides([a, b].filter((s) => s.metrics).map((s) => ({ label: s.label, metrics: s.metrics!, seeds: s.seeds })))]
      .filter(Boolean)
      .join('; ') || undefined;
  const opts = { a: a.label, b: b.label, margin: o.margin, degenerate: deg };
  // pair over the seeds both sides ran (a side with more seeds contributes only the shared ones)
  const common = a.seeds.filter((s) => b.seeds.includes(s));
  if ((o.paired ?? true) && common.length) {
    const aBySeed = new Map(a.seeds.map((s, i) => [s, a.values[i]])),
      bBySeed = new Map(b.seeds.map((s, i) => [s, b.values[i]]));
    const out = pairedVerdict(
      common.map((s) => aBySeed.get(s)!),
      common.map((s) => bBySeed.get(s)!),
      opts,
    );
    return sameSeeds(a.seeds, b.seeds) ? out : { ...out, comparison: `${out.comparison} (the ${common.length} common seeds: ${common.join(', ')})` };
  }
  return independentVerdict(a.values, b.values, opts);
}

/**
 * "mean of A > threshold" over seeds (e.g. a per-seed gap above 0). `degenerate`: a reason besides
 * `a.metrics` (a per-seed difference of two runs carries no metrics of its own: name its sides' one-class runs).
 */
export function compareToValue(a: Side, threshold: number, what?: string, degenerate?: string): Outcome {
  const deg =
    [degenerate, a.metrics ? degenerateSides([{ label: a.label, metrics: a.metrics, seeds: a.seeds }]) : undefined].filter(Boolean).join('; ') || undefined;
  return oneSampleVerdict(a.values, threshold, { a: a.label, b: what, degenerate: deg });
}
