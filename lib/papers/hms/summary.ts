/** Per-seed numbers of HMS runs in the three inference settings, their summaries and paired differences. */
import type { ArtefactContext } from '../../experiment/artefact';
import type { RunResult } from '../../experiment/result';
import type { RunSpec } from '../../experiment/spec';
import { meanStd, type Metrics } from '../../eval/metrics';
import { fmt, fmtDiff } from '../../report/table';
import { compareSides } from '../../eval/compare';
import type { Outcome } from '../../eval/verdict';

export const SETTINGS = ['full', 'image-only', 'text-only'] as const;
export type Setting = (typeof SETTINGS)[number];

/** macro-F1 under full input, image-only (text missing) and text-only (image missing) */
export function settingsOf(r: RunResult): Record<Setting, number> {
  const m = r.missing;
  if (!m?.['image-only'] || !m['text-only']) throw new Error(`hms: run ${r.hash} (${r.model}) has no missing-modality metrics`);
  return { full: r.test.macroF1, 'image-only': m['image-only'].macroF1, 'text-only': m['text-only'].macroF1 };
}

export interface Summary {
  mean: number;
  std: number | null;
  seeds: number[];
  values: number[];
  /** each seed's metrics in this setting, when known: a one-class predictor makes a comparison undecided */
  metrics?: Metrics[];
}

export function summarise(seeds: number[], values: number[]): Summary {
  const s = meanStd(values);
  return { mean: s.mean, std: values.length > 1 ? s.std : null, seeds, values };
}

export const ms = (s: Summary) => fmt(s.mean, s.std);

/** Per-seed results of a list of specs, or the reason they cannot exist here. */
export function resultsOf(ctx: ArtefactContext, specs: RunSpec[]): { results: { seed: number; r: RunResult }[] } | { unavailable: string } {
  const why = specs.length ? ctx.unavailable(specs[0]) : undefined;
  if (why) return { unavailable: why };
  return { results: specs.map((s) => ({ seed: s.seed, r: ctx.result(s) })) };
}

export function summaryBySetting(rs: { seed: number; r: RunResult }[]): Record<Setting, Summary> {
  const out = {} as Record<Setting, Summary>;
  const metricsOf = (r: RunResult, s: Setting): Metrics => (s === 'full' ? r.test : r.missing![s]);
  for (const s of SETTINGS)
    out[s] = {
      ...summarise(
        rs.map((x) => x.seed),
        rs.map((x) => settingsOf(x.r)[s]),
      ),
      metrics: rs.map((x) => metricsOf(x.r, s)),
    };
  return out;
}

/** mean over common seeds of a − b, with both summaries in the evidence */
export function paired(a: Summary, b: Summary): { diff: number; seeds: number[]; text: string } | null {
  const seeds = a.seeds.filter((s) => b.seeds.includes(s));
  if (!seeds.length) return null;
  const d = seeds.map((s) => a.values[a.seeds.indexOf(s)] - b.values[b.seeds.indexOf(s)]);
  const diff = d.reduce((x, y) => x + y, 0) / d.length;
  const pos = d.filter((x) => x > 0).length;
  return { diff, seeds, text: `${ms(a)} vs ${ms(b)}; paired Δ ${fmtDiff(diff)} (higher in ${pos}/${d.length} seeds)` };
}

/** The verdict of "a > b" (or a at most `margin` below b), paired by seed over the seeds both have. */
export function verdictOf(a: Summary, b: Summary, labels: [string, string], margin?: number): Outcome {
  const seeds = a.seeds.filter((s) => b.seeds.includes(s));
  if (!seeds.length) throw new Error(`hms: no common seeds between ${labels[0]} (${a.seeds}) and ${labels[1]} (${b.seeds})`);
  const side = (x: Summary, label: string) => ({
    label,
    seeds,
    values: seeds.map((s) => x.values[x.seeds.indexOf(s)]),
    ...(x.metrics ? { metrics: seeds.map((s) => x.metrics![x.seeds.indexOf(s)]) } : {}),
  });
  return compareSides(side(a, labels[0]), side(b, labels[1]), { margin });
}
