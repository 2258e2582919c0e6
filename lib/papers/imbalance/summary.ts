/**
 * Per-cell numbers of the comparison (method × host × dataset), read from
 * the runs' test metrics and `RunResult.modality`, mean ± std over seeds,
 * and the Kruskal–Wallis test of a metric against joint training with the
 * exact permutation p (valid at a few seeds; the chi-square p beside it).
 */
import type { ArtefactContext } from '../../experiment/artefact';
import type { RunResult } from '../../experiment/result';
import { meanStd } from '../../eval/metrics';
import { kruskalVerdict, type KruskalVerdict } from '../../eval/kruskal';
import { fmt } from '../../report/table';
import { runs, type Host, type ImbalanceDataset, type Method } from './common';

export interface CellStats {
  seeds: number[];
  /** per metric, the value of each seed (NaN where a run lacks it, e.g. a model without unimodal heads) */
  values: Record<string, number[]>;
  results: RunResult[];
}

export type Cell = { available: true; stats: CellStats } | { available: false; reason: string } | { available: false; failed: string };

export const MODALITIES = ['text', 'image'] as const;

function perSeed(r: RunResult): Record<string, number> {
  const m = r.modality;
  if (!m) throw new Error(`imbalance: run ${r.hash} (${r.model}) has no per-modality diagnostics (outputs.modality)`);
  const o: Record<string, number> = { acc: r.test.acc, macroF1: r.test.macroF1, ratio: m.ratio?.ratio ?? NaN };
  for (const x of MODALITIES) {
    o[`head_${x}`] = m.branches[x]?.acc ?? NaN;
    o[`headF1_${x}`] = m.branches[x]?.macroF1 ?? NaN;
    o[`masked_${x}`] = m.masked[x]?.acc ?? NaN;
    o[`shapley_${x}`] = m.shapley.acc[x] ?? NaN;
  }
  return o;
}

export function cell(ctx: ArtefactContext, method: Method, host: Host, d: ImbalanceDataset): Cell {
  const specs = runs(ctx.profile, method, host, d);
  const why = ctx.unavailable(specs[0]);
  if (why) return { available: false, reason: why };
  let results: RunResult[];
  // a method whose run failed (reproduce reports it and exits 1) leaves a row saying so; the other methods still build
  try {
    results = specs.map((s) => ctx.result(s));
  } catch (e) {
    return { available: false, failed: (e as Error).message };
  }
  const rows = results.map(perSeed);
  const values: Record<string, number[]> = {};
  for (const k of Object.keys(rows[0])) values[k] = rows.map((r) => r[k]);
  return { available: true, stats: { seeds: specs.map((s) => s.seed), values, results } };
}

export const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** mean ± std of a metric's seeds ('—' when the runs lack it) */
export function ms(s: CellStats, metric: string, digits = 3): string {
  const xs = s.values[metric];
  if (!xs || xs.some((x) => !Number.isFinite(x))) return '—';
  const m = meanStd(xs);
  return fmt(m.mean, xs.length > 1 ? m.std : null, digits);
}

export function mean(s: CellStats, metric: string): number {
  const xs = s.values[metric];
  return xs && xs.every(Number.isFinite) ? meanStd(xs).mean : NaN;
}

/** a method vs joint training on one metric: the shared verdict (eval/kruskal) plus the difference of means */
export interface KwTest extends KruskalVerdict {
  /** mean of the method minus mean of joint training */
  diff: number;
  n: [number, number];
}

/** Kruskal–Wallis of a metric, method vs joint training; null when either side lacks the metric. */
export function kwVsJoint(s: CellStats, joint: CellStats, metric: string): KwTest | null {
  const a = s.values[metric],
    b = joint.values[metric];
  if (!a || !b || [...a, ...b].some((x) => !Number.isFinite(x))) return null;
  return { diff: meanStd(a).mean - meanStd(b).mean, ...kruskalVerdict(a, b), n: [a.length, b.length] };
}

export const fmtP = (p: number) => (p === 1 ? '1' : p < 1e-3 ? p.toExponential(2) : p.toFixed(3));

export function kwText(t: KwTest): string {
  return `Kruskal–Wallis vs joint training: H = ${t.H.toFixed(3)}, ${t.by} p = ${fmtP(t.p)}${t.by === 'exact' ? ` (chi-square p ${fmtP(t.pChi)})` : ''}, n = ${t.n[0]} vs ${t.n[1]}; smallest attainable p at this n: ${fmtP(t.floor)}`;
}
