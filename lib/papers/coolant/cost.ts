/**
 * Beyond the paper (its open question): the cost of the attention-guidance
 * module — training seconds per epoch of COOLANT with and without it (the
 * 'noGuidance' ablation drops the ambiguity encoders and the KL term), from
 * the ablation runs, and the parameters the module adds.
 *
 * Seconds are wall-clock on a shared 2-core CPU (tfjs wasm) and not
 * reproducible: they go to the figure and `timings` (timings.json), never to
 * results.json or a claim's verdict. Parameter counts are deterministic.
 */
import type { Artefact, ArtefactContext } from '../../experiment/artefact';
import { barChart } from '../../figures/bar';
import { PAPER, datasetByKey } from './common';
import { ABLATION_PLAN, ablationRuns } from './ablation';
import { mean, sd } from './stats';

const VARIANTS = [
  { key: null, label: 'with guidance (full)' },
  { key: 'noGuidance' as const, label: 'without guidance' },
];

export const cost: Artefact = {
  paper: PAPER,
  id: 'cost',
  title: 'Cost of the attention-guidance module — training s/epoch with and without it (beyond the paper)',
  runs: (profile) => ABLATION_PLAN[profile].datasets.flatMap((d) => VARIANTS.flatMap((v) => ablationRuns(profile, d, v.key))),
  build(ctx: ArtefactContext) {
    const params: Record<string, unknown>[] = [];
    const timings: Record<string, unknown>[] = [];
    const bars: Record<string, unknown>[] = [];
    for (const d of ABLATION_PLAN[ctx.profile].datasets) {
      const ds = datasetByKey(d);
      if (ctx.unavailable(ablationRuns(ctx.profile, d, null)[0])) continue;
      const counts: number[] = [];
      for (const v of VARIANTS) {
        const specs = ablationRuns(ctx.profile, d, v.key);
        const rs = specs.map((s) => ctx.result(s));
        const spe = rs.map((r) => r.timing.secondsPerEpoch);
        counts.push(rs[0].paramCount);
        timings.push({ dataset: d, variant: v.key ?? 'full', seeds: specs.map((s) => s.seed), secondsPerEpoch: spe, trainRows: rs[0].trainRows ?? null });
        bars.push({ group: v.label, value: mean(spe), ...(spe.length > 1 ? { std: sd(spe) } : {}), facet: ds.label });
      }
      params.push({ dataset: d, full: counts[0], noGuidance: counts[1], added: counts[0] - counts[1] });
    }
    return {
      figures: bars.length
        ? [
            {
              name: 'cost',
              svg: barChart(bars, {
                title: 'Training seconds per epoch, with and without attention guidance (mean ± std over seeds; shared 2-core CPU)',
                y: 's / epoch',
                digits: 2,
                fields: { facet: 'facet' },
              }),
            },
          ]
        : [],
      numbers: { params },
      timings: { perRun: timings },
      claims: [],
      differences: [
        'Timings are wall-clock on a 2-core CPU shared with other jobs (tfjs wasm backend, one run per worker); they include the validation pass of each epoch and vary between invocations, so they are reported (timings.json, the figure) but not turned into verdicts.',
        'Without guidance the ambiguity encoders are not built (fewer parameters, see numbers.params) and the KL term is not computed; the attention weights are still learned, by the detection loss alone.',
      ],
    };
  },
};
