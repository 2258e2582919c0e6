/**
 * Reading CMC results: per-seed metrics of a Table 3 row (a part of a
 * variant run: its text network, image network or fused model) or of a
 * baseline, mean ± std over seeds, and paired seed-wise differences.
 */
import type { ArtefactContext } from '../../experiment/artefact';
import type { RunResult } from '../../experiment/result';
import type { RunSpec } from '../../experiment/spec';
import type { Metrics } from '../../eval/metrics';
import { meanStd } from '../../eval/metrics';
import { fmt } from '../../report/table';
import type { Side } from '../../eval/compare';
import { METRICS, type MetricKey } from './paper-values';
import { VARIANT_SOURCE, baselineRuns, variantRuns } from './common';
import type { Profile } from '../../experiment/artefact';

export type MS = { mean: number; std: number };
export type Summary = { seeds: number[]; perSeed: Record<MetricKey, number>[] } & Record<MetricKey, MS>;

export function partMetrics(r: RunResult, part: 'text' | 'image' | 'fused'): Metrics {
  if (part === 'fused') return r.test;
  const n = (r.extra?.networks as Record<string, Metrics> | undefined)?.[part];
  if (!n) throw new Error(`cmc: run ${r.hash} has no '${part}' network metrics`);
  return n;
}

export function summarise(specs: RunSpec[], metricsOf: (s: RunSpec) => Metrics): Summary {
  const perSeed = specs.map((s) => Object.fromEntries(METRICS.map((k) => [k, metricsOf(s)[k]])) as Record<MetricKey, number>);
  return {
    seeds: specs.map((s) => s.seed),
    perSeed,
    ...(Object.fromEntries(METRICS.map((k) => [k, meanStd(perSeed.map((p) => p[k]))])) as Record<MetricKey, MS>),
  };
}

/** specs of a Table 3 row on a dataset (rows share runs: CMC-T, CMC-V and CMC are one run per seed) */
export const rowSpecs = (profile: Profile, key: string, row: string) =>
  variantRuns(profile, key, VARIANT_SOURCE[row].variant, VARIANT_SOURCE[row].fusion ? { fusion: VARIANT_SOURCE[row].fusion } : {});

export function variantSummary(ctx: ArtefactContext, key: string, row: string): Summary {
  const src = VARIANT_SOURCE[row];
  if (!src) throw new Error(`cmc: unknown Table 3 row '${row}'`);
  return summarise(rowSpecs(ctx.profile, key, row), (s) => partMetrics(ctx.result(s), src.part));
}

export const baselineSummary = (ctx: ArtefactContext, key: string, model: string) =>
  summarise(baselineRuns(ctx.profile, key, model), (s) => ctx.result(s).test);

/** mean ± std (std only with ≥ 2 seeds) */
export const ms = (x: MS, n: number) => fmt(x.mean, n > 1 ? x.std : null);

/** seed-wise a − b of a metric (same seeds, same splits), as mean ± std, and how many seeds favour a */
export function paired(a: Summary, b: Summary, k: MetricKey = 'acc'): { diff: MS; wins: number; n: number; text: string } {
  if (a.seeds.join() !== b.seeds.join()) throw new Error(`cmc: paired comparison over different seeds (${a.seeds} vs ${b.seeds})`);
  const d = a.perSeed.map((p, i) => p[k] - b.perSeed[i][k]);
  const diff = meanStd(d);
  const wins = d.filter((x) => x > 0).length;
  const sign = (x: number) => (x >= 0 ? '+' : '') + x.toFixed(3);
  return { diff, wins, n: d.length, text: `${sign(diff.mean)}${d.length > 1 ? ` ± ${diff.std.toFixed(3)}` : ''} (higher on ${wins}/${d.length} seeds)` };
}

/** Arquero takes a table's columns from its first row: give every row the union of all rows' keys (missing → '—'). */
export function uniformRows(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  const keys: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!keys.includes(k)) keys.push(k);
  return rows.map((r) => Object.fromEntries(keys.map((k) => [k, r[k] ?? '—'])));
}

/** A row's per-seed values of a metric as one side of a verdict (its metrics reveal a one-class predictor). */
export function sideOf(s: Summary, label: string, k: MetricKey = 'acc'): Side {
  return { label, values: s.perSeed.map((p) => p[k]), seeds: s.seeds, metrics: s.perSeed };
}
