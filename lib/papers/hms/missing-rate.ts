/**
 * Missing-rate curves (synthetic): macro-F1 while 0 … 100 % of test posts
 * lose a modality (either one, 50/50, seeded; lib/eval/missing-rate.ts).
 *   - 'missing-rate': the HMS methods and baselines, mean ± std over seeds
 *   - 'missing-rate-all': every model registered in lib/experiment/models.ts
 *     on the same data and the same test pattern — the robustness view.
 * A model registered later (CMC, COOLANT, …) appears in the second figure by
 * itself; one that needs a balancer or a procedure gets one line in EXTRA.
 */
import * as aq from 'arquero';
import type { Artefact, ArtefactContext, Profile } from '../../experiment/artefact';
import { claimFrom, type Claim } from '../../eval/claim';
import { allOf } from '../../eval/verdict';
import type { RunResult } from '../../experiment/result';
import { MODELS } from '../../experiment/models';
import { lineChart } from '../../figures/line';
import { fmt } from '../../report/table';
import {
  CURVE_RATES,
  DEFAULT_BUDGET,
  HMS_UKR,
  LATE_FUSION,
  MM_FT,
  MM_FT_TRAIN_MISSING,
  MOD_DROPOUT,
  MOMKE,
  PAPER,
  PROFILES,
  STAGEWISE_FT,
  methodRuns,
  type Method,
} from './common';
import { paired, resultsOf, summarise, verdictOf, type Summary } from './summary';

const DATASET = 'synthetic';
const HMS_METHODS: Method[] = [LATE_FUSION, MM_FT, MOD_DROPOUT, MM_FT_TRAIN_MISSING, MOMKE, STAGEWISE_FT, HMS_UKR];
/** registry names the HMS methods already cover (trained by the stage-wise procedure instead) */
const COVERED = new Set(['mm-transformer', 'MoMKE-style', 'SpotFake+']);
/** what a registered model needs beyond { model: name } (one line per model) */
const EXTRA: Record<string, Partial<Method>> = {
  BMLHF: { balancer: { name: 'mib' } },
};

/** Every registered model as a method, plus the HMS methods (the registry is read when the artefact runs). */
export function allModels(): Method[] {
  const registered = Object.keys(MODELS)
    .filter((n) => !COVERED.has(n))
    .map((name): Method => ({ label: name, model: { name }, ...EXTRA[name] }));
  return [...registered, ...HMS_METHODS];
}

const opts = (m: Method, seeds?: number[]) => ({ ...(m.budgeted ? { budget: DEFAULT_BUDGET } : {}), ...(seeds ? { seeds } : {}) });
const curveOf = (r: RunResult) => {
  const c = r.missingCurve ?? (r.extra as { missingCurve?: RunResult['missingCurve'] } | undefined)?.missingCurve;
  if (!c) throw new Error(`hms: run ${r.hash} (${r.model}) has no missing-rate curve`);
  return c;
};
/** area under macro-F1 over rate ∈ [0, 1] (trapezoids): one number per curve */
const auc = (c: { rate: number; macroF1: number }[]) => c.slice(1).reduce((s, p, i) => s + ((p.macroF1 + c[i].macroF1) / 2) * (p.rate - c[i].rate), 0);

const TRANSFORMER = new Set(HMS_METHODS.map((m) => m.label));

function curves(ctx: ArtefactContext, methods: Method[], seeds?: number[]) {
  const lines: Record<string, unknown>[] = [];
  const aucs = new Map<string, Summary>();
  const table: Record<string, unknown>[] = [];
  for (const m of methods) {
    const res = resultsOf(ctx, methodRuns(ctx.profile, DATASET, m, opts(m, seeds)));
    if ('unavailable' in res) throw new Error(res.unavailable);
    const cs = res.results.map((x) => curveOf(x.r));
    const row: Record<string, unknown> = { model: m.label };
    CURVE_RATES.forEach((rate, i) => {
      const s = summarise(
        res.results.map((x) => x.seed),
        cs.map((c) => c[i].macroF1),
      );
      lines.push({
        x: rate * 100,
        y: s.mean,
        std: s.std ?? undefined,
        series: m.label,
        facet: TRANSFORMER.has(m.label) ? 'HMS methods and their baselines' : "the workbench's other models",
      });
      row[`${rate * 100} %`] = fmt(s.mean, s.std);
    });
    const a = summarise(
      res.results.map((x) => x.seed),
      cs.map(auc),
    );
    aucs.set(m.label, a);
    row.AUC = fmt(a.mean, a.std);
    row.seeds = res.results.length;
    table.push(row);
  }
  return { lines, aucs, table };
}

const compareSeeds = (p: Profile) => PROFILES[p].compareSeeds;

export const missingRate: Artefact = {
  paper: PAPER,
  id: 'missing-rate',
  title: 'Macro-F1 as a growing share of test posts loses a modality',
  runs: (profile) => [
    ...HMS_METHODS.flatMap((m) => methodRuns(profile, DATASET, m, opts(m))),
    ...allModels().flatMap((m) => methodRuns(profile, DATASET, m, opts(m, compareSeeds(profile)))),
  ],
  build(ctx: ArtefactContext) {
    const hms = curves(ctx, HMS_METHODS);
    const every = curves(ctx, allModels(), compareSeeds(ctx.profile));
    const claims: Claim[] = [];
    const ours = hms.aucs.get(HMS_UKR.label)!;
    for (const base of [MM_FT, MOD_DROPOUT, MOMKE, LATE_FUSION]) {
      const p = paired(ours, hms.aucs.get(base.label)!)!;
      claims.push(
        claimFrom(
          {
            statement: `HMS + UKR degrade less than ${base.label} as test posts lose a modality (area under the macro-F1 / missing-rate curve)`,
            on: `Synthetic, budget 5 %, rates ${CURVE_RATES.map((r) => r * 100).join(', ')} %`,
            source: 'workbench',
          },
          verdictOf(ours, hms.aucs.get(base.label)!, ['HMS + UKR', base.label]),
          `AUC ${p.text}`,
        ),
      );
    }
    const ranked = [...every.aucs].sort((a, b) => b[1].mean - a[1].mean);
    const rank = ranked.findIndex(([k]) => k === HMS_UKR.label) + 1;
    const top = every.aucs.get(HMS_UKR.label)!;
    claims.push(
      claimFrom(
        {
          statement: 'HMS + UKR has the largest area under the missing-rate curve of every model in the workbench',
          on: `Synthetic, seeds ${compareSeeds(ctx.profile).join(', ')}`,
          source: 'workbench',
        },
        allOf([...every.aucs].filter(([k]) => k !== HMS_UKR.label).map(([k, v]) => ({ label: k, outcome: verdictOf(top, v, ['HMS + UKR', k]) }))),
        `rank ${rank} of ${ranked.length}: ${ranked
          .slice(0, 4)
          .map(([k, v]) => `${k} ${v.mean.toFixed(3)}`)
          .join(', ')}, …`,
      ),
    );
    const title = (t: string) => ({ title: t, x: 'test posts missing a modality (%)', y: 'macro-F1', width: 860, height: 440 });
    return {
      figures: [
        {
          name: 'missing-rate',
          svg: lineChart(
            hms.lines.map(({ facet: _, ...r }) => r),
            { ...title('HMS methods and baselines: macro-F1 vs missing rate (synthetic, mean ± std)'), endLabels: true, width: 1000 },
          ),
        },
        {
          name: 'missing-rate-all',
          svg: lineChart(every.lines, {
            ...title(`Every model of the workbench on the same data and test pattern (synthetic, seeds ${compareSeeds(ctx.profile).join(', ')})`),
            band: false,
            endLabels: true,
            fields: { facet: 'facet' },
            width: 1300,
          }),
        },
      ],
      tables: [
        {
          name: 'missing-rate',
          title: 'Macro-F1 by share of test posts missing a modality (mean ± std over seeds); AUC over rate ∈ [0, 1]',
          table: aq.from(hms.table),
        },
        { name: 'missing-rate-all', title: 'Every registered model: macro-F1 by missing rate; AUC', table: aq.from(every.table) },
      ],
      numbers: { hms: hms.table, all: every.table },
      claims,
      differences: [
        'Which modality a post loses is drawn 50/50 per post (seeded, nested across rates); the paper evaluates image-only and text-only separately and does not show a missing-rate curve — this figure is ours.',
        "Workbench models are trained with their own papers' settings (Adam 1e-3, batch 64, 20 epochs on synthetic; BMLHF with MIB); the HMS methods with the small transformer's settings. All see full-modality training data; only the test posts lose modalities.",
      ],
    };
  },
};
