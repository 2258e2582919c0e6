/**
 * COOLANT's t-SNE figure: the test posts' raw inputs, the learned features of
 * COOLANT without contrastive alignment ("unaligned"), and those of the full
 * COOLANT ("aligned"), fake vs real, each with its k-NN (k = 5) label
 * agreement in the original space (and in the 2-D map) — the paper reads the
 * maps by eye; the claim here is computed. One seed (seed 1) per dataset.
 */
import * as aq from 'arquero';
import type { Artefact, ArtefactContext, Profile } from '../../experiment/artefact';
import { claimFrom, notChecked, type Claim } from '../../eval/claim';
import { singleValueOutcome } from '../../eval/verdict';
import { scatterChart } from '../../figures/scatter';
import { TSNE_POINTS } from '../../experiment/tsne-output';
import { COOLANT_METHOD, PAPER, datasetByKey, datasetRuns, onLabel } from './common';
import { ablationMethod } from './ablation';
import { round3 } from './stats';

export const TSNE_PLAN: Record<Profile, { datasets: string[] }> = {
  quick: { datasets: ['synthetic'] },
  full: { datasets: ['synthetic', 'twitter', 'twitter-clip', 'weibo'] },
};

export const tsneSpecs = (profile: Profile, d: string) => ({
  aligned: datasetRuns(profile, d, COOLANT_METHOD, { seeds: [1] })[0],
  unaligned: datasetRuns(profile, d, ablationMethod('noContrastive'), { seeds: [1] })[0],
});

const STATEMENT = 'contrastively aligned features separate fake from real better than unaligned ones (k-NN label agreement, k = 5)';

export const tsne: Artefact = {
  paper: PAPER,
  id: 'tsne',
  title: 't-SNE — raw inputs, unaligned and aligned learned features, with k-NN agreement',
  runs: (profile) => TSNE_PLAN[profile].datasets.flatMap((d) => Object.values(tsneSpecs(profile, d))),
  build(ctx: ArtefactContext) {
    const figures: { name: string; svg: string }[] = [];
    const rows: Record<string, unknown>[] = [];
    const claims: Claim[] = [];
    for (const d of TSNE_PLAN[ctx.profile].datasets) {
      const ds = datasetByKey(d);
      const specs = tsneSpecs(ctx.profile, d);
      const why = ctx.unavailable(specs.aligned);
      if (why) {
        rows.push({ dataset: ds.label, points: 0, 'kNN, raw inputs': 'data not available', note: why });
        claims.push(notChecked({ statement: STATEMENT, on: onLabel(d) }, why));
        continue;
      }
      const al = ctx.result(specs.aligned).tsne,
        un = ctx.result(specs.unaligned).tsne;
      if (!al || !un) throw new Error(`tsne: a COOLANT run on ${d} has no t-SNE output`);
      const panel = (xy: [number, number][], labels: number[], facet: string) => xy.map(([x, y], i) => ({ x, y, label: labels[i], facet }));
      figures.push({
        name: `tsne-${d}`,
        svg: scatterChart(
          [
            ...panel(al.raw.xy, al.labels, `(a) raw inputs (${al.raw.dim}-d)`),
            ...panel(un.learned.xy, un.labels, `(b) unaligned: w/o contrastive (${un.learned.dim}-d)`),
            ...panel(al.learned.xy, al.labels, `(c) aligned: COOLANT (${al.learned.dim}-d)`),
          ],
          { title: `t-SNE of ${ds.label} test posts (${al.labels.length} points, seed 1)`, labelNames: { 0: 'real', 1: 'fake' }, fields: { facet: 'facet' } },
        ),
      });
      rows.push({
        dataset: ds.label,
        points: al.labels.length,
        'kNN, raw inputs': round3(al.raw.knnSpace),
        'kNN, unaligned': round3(un.learned.knnSpace),
        'kNN, aligned': round3(al.learned.knnSpace),
        'kNN in map: raw / unaligned / aligned': [al.raw.knnMap, un.learned.knnMap, al.learned.knnMap].map((x) => x.toFixed(3)).join(' / '),
      });
      claims.push(
        claimFrom(
          { statement: STATEMENT, on: onLabel(d) },
          singleValueOutcome('k-NN agreement, aligned − unaligned', al.learned.knnSpace - un.learned.knnSpace, 'one seed-1 model per side'),
          `aligned ${al.learned.knnSpace.toFixed(3)} vs unaligned ${un.learned.knnSpace.toFixed(3)} (raw inputs ${al.raw.knnSpace.toFixed(3)}; 2-D maps ${al.learned.knnMap.toFixed(3)} vs ${un.learned.knnMap.toFixed(3)}); one seed`,
        ),
      );
    }
    return {
      figures,
      tables: [
        {
          name: 'tsne',
          title: 't-SNE — k-NN (k = 5) label agreement of test posts, original spaces and 2-D maps',
          table: aq.from(rows),
          note: `About ${TSNE_POINTS} stratified test posts, seed 1. 0.5 = mixed balanced classes, 1 = separated. Learned features = COOLANT's aggregated vector [w1 u_t; w2 u_v; w3 corr] (96-d).`,
        },
      ],
      numbers: { separation: rows },
      claims,
      differences: [
        '"Unaligned" is the w/o-contrastive-alignment variant (same network, no contrastive loss); the paper does not say which model its unaligned map shows.',
        'One seed per map: the claim rests on one pair of runs.',
      ],
    };
  },
};
