/** Small helpers the COOLANT artefacts share: per-seed metrics of a set of runs, mean ± std text, paired differences. */
import type { ArtefactContext } from '../../experiment/artefact';
import type { RunSpec } from '../../experiment/spec';
import type { RunResult } from '../../experiment/result';
import { meanStd, type Metrics } from '../../eval/metrics';
import { fmt } from '../../report/table';
import type { Side } from '../../eval/compare';

export const METRICS = ['acc', 'fakeF1', 'realF1', 'macroF1'] as const;
export type MetricKey = (typeof METRICS)[number];

export interface SeedResult {
  seed: number;
  test: Metrics;
  result: RunResult;
}

export function seedResults(ctx: ArtefactContext, specs: RunSpec[]): SeedResult[] {
  return specs.map((s) => {
    const r = ctx.result(s);
    return { seed: s.seed, test: r.test, result: r };
  });
}

/** mean ± std (sample) of xs; the mean alone for one value. */
export function ms(xs: number[], digits = 3): string {
  const m = meanStd(xs);
  return fmt(m.mean, xs.length > 1 ? m.std : null, digits);
}

export const mean = (xs: number[]): number => meanStd(xs).mean;
/** sample std (n − 1) */
export const sd = (xs: number[]): number => meanStd(xs).std;

/** mean of (a − b) over the seeds both have; undefined when they share none. */
export function pairedDiff(a: { seed: number; value: number }[], b: { seed: number; value: number }[]): { diff: number; seeds: number[] } | undefined {
  const bv = new Map(b.map((x) => [x.seed, x.value]));
  const common = a.filter((x) => bv.has(x.seed));
  if (!common.length) return undefined;
  return { diff: common.reduce((s, x) => s + x.value - bv.get(x.seed)!, 0) / common.length, seeds: common.map((x) => x.seed) };
}

export const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** A method's per-seed test metric as one side of a verdict (its metrics reveal a one-class predictor). */
export function sideOf(label: string, rs: SeedResult[], k: MetricKey = 'acc'): Side {
  return { label, values: rs.map((r) => r.test[k]), seeds: rs.map((r) => r.seed), metrics: rs.map((r) => r.test) };
}
