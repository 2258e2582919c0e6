/**
 * Ours (not in the paper): the single-modal networks' TEST accuracy after
 * every stage-1 epoch, with cross-modal distillation (CMC-V / CMC-T) and
 * without (Finetune-V / -T), mean ± std over seeds — the modality-imbalance
 * story: does the strong text network pull the weak image network up, and
 * at what cost to itself? Reporting only: test curves never select weights
 * (selection reads validation).
 */
import type { Artefact, ArtefactContext } from '../../experiment/artefact';
import { claimFrom, notChecked, type Claim } from '../../eval/claim';
import { compareSides } from '../../eval/compare';
import { meanStd } from '../../eval/metrics';
import { lineChart } from '../../figures/line';
import { fmtDiff } from '../../report/table';
import { DATASETS, PAPER, variantRuns } from './common';

const SERIES = [
  ['CMC-V (distilled)', 'cmc', 'image_acc'],
  ['Finetune-V (CE only)', 'finetune', 'image_acc'],
  ['CMC-T (distilled)', 'cmc', 'text_acc'],
  ['Finetune-T (CE only)', 'finetune', 'text_acc'],
] as const;

export const figImbalance: Artefact = {
  paper: PAPER,
  id: 'fig-imbalance',
  title: 'Ours — image- and text-network test accuracy over stage-1 epochs, with and without distillation',
  runs: (profile) => DATASETS.flatMap((d) => [...variantRuns(profile, d.key, 'cmc'), ...variantRuns(profile, d.key, 'finetune')]),
  build(ctx: ArtefactContext) {
    const points: Record<string, unknown>[] = [],
      claims: Claim[] = [];
    const numbers: Record<string, unknown> = {};
    for (const d of DATASETS) {
      const why = ctx.unavailable(variantRuns(ctx.profile, d.key, 'cmc')[0]);
      if (why) {
        claims.push(
          notChecked(
            { statement: 'the distilled image network is ahead of the CE-only one over training', on: d.label, source: 'workbench' },
            `data not available: ${why}`,
          ),
        );
        continue;
      }
      const curves: Record<string, { epoch: number; mean: number; std: number }[]> = {};
      const perSeed: Record<string, { values: number[]; seeds: number[] }> = {}; // series → each seed's accuracy averaged over the epochs
      for (const [name, variant, field] of SERIES) {
        const runs = variantRuns(ctx.profile, d.key, variant).map((s) => ctx.result(s).extra?.testCurve as Record<string, number>[] | undefined);
        if (runs.some((c) => !c)) throw new Error(`fig-imbalance: a ${variant} run on ${d.label} has no test curve`);
        const epochs = runs[0]!.map((r) => r.epoch);
        perSeed[name] = {
          seeds: variantRuns(ctx.profile, d.key, variant).map((s) => s.seed),
          values: runs.map((c) => c!.reduce((a, r) => a + r[field], 0) / c!.length),
        };
        curves[name] = epochs.map((e, i) => ({ epoch: e, ...meanStd(runs.map((c) => c![i][field])) }));
        for (const p of curves[name]) points.push({ epoch: p.epoch, accuracy: p.mean, std: runs.length > 1 ? p.std : undefined, series: name, facet: d.label });
      }
      numbers[d.key] = curves;
      const avg = (n: string) => curves[n].reduce((s, p) => s + p.mean, 0) / curves[n].length;
      const gap = avg('CMC-V (distilled)') - avg('Finetune-V (CE only)');
      claims.push(
        claimFrom(
          {
            statement:
              'the distilled image network is ahead of the CE-only one over training (test accuracy averaged over stage-1 epochs; ours, not a claim of the paper)',
            on: d.label,
            source: 'workbench',
          },
          compareSides({ label: 'CMC-V', ...perSeed['CMC-V (distilled)'] }, { label: 'Finetune-V', ...perSeed['Finetune-V (CE only)'] }),
          `mean over epochs: CMC-V ${avg('CMC-V (distilled)').toFixed(3)} vs Finetune-V ${avg('Finetune-V (CE only)').toFixed(3)} (${fmtDiff(gap)}); text: CMC-T ${avg('CMC-T (distilled)').toFixed(3)} vs Finetune-T ${avg('Finetune-T (CE only)').toFixed(3)}`,
        ),
      );
    }
    return {
      figures: points.length
        ? [
            {
              name: 'fig-imbalance',
              svg: lineChart(points, {
                title: 'Single-modal networks over stage-1 epochs: test accuracy with vs without distillation (mean ± std over seeds)',
                x: 'epoch',
                y: 'test accuracy',
                fields: { x: 'epoch', y: 'accuracy', std: 'std', series: 'series', facet: 'facet' },
              }),
            },
          ]
        : [],
      numbers,
      claims,
      differences: ['Not a figure of the paper: it plots test accuracy per epoch for reporting; the tables use each network’s validation-selected epoch.'],
    };
  },
};
