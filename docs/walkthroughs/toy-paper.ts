/**
 * Walkthrough "a new paper" (docs/ADD-A-THING.md): one artefact — a table of
 * text-only vs late fusion on the synthetic default, over two seeds — and one
 * claim checked on it. In the workbench this would be
 * lib/papers/<paper>/table1.ts, listed in lib/papers/index.ts's PAPERS.
 */
import * as aq from 'arquero';
import type { Artefact, Profile } from '../../lib/experiment/artefact';
import { SYNTHETIC, SYNTHETIC_SPLIT } from '../../lib/experiment/datasets-catalog';
import type { RunSpec } from '../../lib/experiment/spec';
import { claimFrom } from '../../lib/eval/claim';
import { compareSides } from '../../lib/eval/compare';

const MODELS = ['text-only', 'SpotFake+'];

/** one builder for every artefact of the paper, so equal experiments hash to one cached run */
function runs(profile: Profile): RunSpec[] {
  const seeds = profile === 'quick' ? [1, 2] : [1, 2, 3, 4, 5];
  return MODELS.flatMap((name) =>
    seeds.map((seed): RunSpec => ({
      dataset: { kind: 'synthetic', options: { ...SYNTHETIC.options, samples: 400 } },
      split: SYNTHETIC_SPLIT,
      model: { name },
      train: { epochs: 3, seed },
      seed,
    })),
  );
}

export const toyTable: Artefact = {
  paper: 'toy',
  id: 'table1',
  title: 'Table 1: text-only vs late fusion (toy)',
  runs,
  build(ctx) {
    const perSeed = MODELS.map((model) => {
      const specs = runs(ctx.profile).filter((s) => s.model.name === model);
      return { label: model, seeds: specs.map((s) => s.seed), values: specs.map((s) => ctx.result(s).test.acc) };
    });
    const rows = perSeed.map((p) => ({ model: p.label, acc: p.values.reduce((a, b) => a + b, 0) / p.values.length, seeds: p.values.length }));
    const [text, fusion] = rows;
    return {
      tables: [{ name: 'table1', title: this.title, table: aq.from(rows) }],
      numbers: { rows },
      // the verdict comes from lib/eval: paired by seed, holds / does not hold / undecided (2 quick seeds: undecided)
      claims: [
        claimFrom(
          { statement: 'late fusion is at least as accurate as text-only (at most 0.01 below)', on: 'synthetic, 400 posts' },
          compareSides(perSeed[1], perSeed[0], { margin: 0.01 }),
          `${fusion.acc.toFixed(3)} vs ${text.acc.toFixed(3)} (mean of ${text.seeds} seeds)`,
        ),
      ],
    };
  },
};
