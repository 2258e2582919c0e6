/**
 * Sweeps of HMS's bound b and UKR's shrink factor λ (and, in the full
 * profile, the number of heads per modality) on synthetic at the 5 % budget:
 * macro-F1 in the three inference settings. The paper does not publish
 * these values (docs/IMPLEMENTATION-NOTES.md): our defaults b = 0.5, λ = 0.1,
 * 2 heads per modality are the points these sweeps are centred on.
 */
import * as aq from 'arquero';
import type { Artefact, ArtefactContext, Profile } from '../../experiment/artefact';
import { claimFrom, type Claim } from '../../eval/claim';
import { lineChart } from '../../figures/line';
import { HMS_PROCEDURE_DEFAULTS } from '../../experiment/procedures/stagewise';
import { UKR_DEFAULTS } from '../../balance/ukr';
import { DEFAULT_BUDGET, HMS_UKR, PAPER, PROFILES, hmsVariant, methodRuns, type Method } from './common';
import { SETTINGS, ms, paired, resultsOf, summaryBySetting, verdictOf } from './summary';

const DATASET = 'synthetic';
interface Sweep {
  param: string;
  values: number[];
  method(v: number): Method;
}

const SWEEPS: Record<Profile, Sweep[]> = {
  quick: [
    { param: 'b', values: [0.3, 0.5, 0.7, 0.9], method: (b) => (b === HMS_PROCEDURE_DEFAULTS.bound ? HMS_UKR : hmsVariant(`b = ${b}`, { bound: b }, {})) },
    { param: 'λ', values: [0, 0.1, 0.3, 1], method: (l) => (l === UKR_DEFAULTS.lambda ? HMS_UKR : hmsVariant(`λ = ${l}`, {}, { lambda: l })) },
  ],
  full: [],
};
SWEEPS.full = [
  ...SWEEPS.quick,
  { param: 'heads per modality', values: [1, 2, 3], method: (k) => (k === HMS_PROCEDURE_DEFAULTS.heads ? HMS_UKR : hmsVariant(`k = ${k}`, { heads: k }, {})) },
];

const specs = (p: Profile, m: Method) => methodRuns(p, DATASET, m, { budget: DEFAULT_BUDGET, seeds: PROFILES[p].sweepSeeds });

export const sweeps: Artefact = {
  paper: PAPER,
  id: 'sweeps',
  title: 'Sweeps of the HMS bound b and the UKR factor λ',
  runs: (profile) => SWEEPS[profile].flatMap((s) => s.values.flatMap((v) => specs(profile, s.method(v)))),
  build(ctx: ArtefactContext) {
    const figures: { name: string; svg: string }[] = [];
    const rows: Record<string, unknown>[] = [];
    const got = new Map<string, ReturnType<typeof summaryBySetting>>();
    for (const s of SWEEPS[ctx.profile]) {
      const lines: Record<string, unknown>[] = [];
      for (const v of s.values) {
        const res = resultsOf(ctx, specs(ctx.profile, s.method(v)));
        if ('unavailable' in res) throw new Error(res.unavailable);
        const sum = summaryBySetting(res.results);
        got.set(`${s.param}=${v}`, sum);
        for (const st of SETTINGS) lines.push({ x: v, y: sum[st].mean, std: sum[st].std ?? undefined, series: st });
        rows.push({ parameter: s.param, value: v, ...Object.fromEntries(SETTINGS.map((st) => [st, ms(sum[st])])), seeds: res.results.length });
      }
      const slug = s.param === 'λ' ? 'lambda' : s.param === 'b' ? 'b' : 'heads';
      figures.push({
        name: `sweep-${slug}`,
        svg: lineChart(lines, { title: `Sensitivity to ${s.param} (synthetic, budget 5 %)`, x: s.param, y: 'macro-F1', xType: 'point' }),
      });
    }
    const claims: Claim[] = [];
    const shrink = got.get(`λ=${UKR_DEFAULTS.lambda}`),
      none = got.get('λ=1');
    if (shrink && none) {
      const p = paired(shrink['image-only'], none['image-only'])!;
      claims.push(
        claimFrom(
          {
            statement: `shrinking the allocated heads' steps (λ = ${UKR_DEFAULTS.lambda}) keeps more image-only ability than not shrinking them (λ = 1)`,
            on: `Synthetic, budget 5 %, seeds ${PROFILES[ctx.profile].sweepSeeds.join(', ')}`,
          },
          verdictOf(shrink['image-only'], none['image-only'], [`λ = ${UKR_DEFAULTS.lambda}`, 'λ = 1']),
          p.text,
        ),
      );
    }
    return {
      figures,
      tables: [{ name: 'sweeps', title: 'Sweeps (synthetic, budget 5 %): macro-F1 by setting', table: aq.from(rows) }],
      numbers: { rows },
      claims,
      differences: ['The paper does not publish b, λ or the head count; these sweeps are ours (quick profile: one seed per point).'],
    };
  },
};
