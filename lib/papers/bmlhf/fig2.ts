/**
 * BMLHF Fig. 2: batch-average unimodal logit scores over training —
 * "Text-multi" and "Image-multi" are the per-modality branch scores inside
 * the jointly trained model (softmax probability of the true class from
 * each modality's slice of the classifier, Eq. 2 / OGM-GE), "Image-only" is
 * the same score of a model trained on the image alone. The paper's claim:
 * Image-multi stays below Image-only (the image is suppressed by the text).
 */
import * as aq from 'arquero';
import type { Artefact, ArtefactContext, Profile } from '../../experiment/artefact';
import { claimFrom, type Claim } from '../../eval/claim';
import { compareSides, compareToValue } from '../../eval/compare';
import type { RunSpec } from '../../experiment/spec';
import { meanStd } from '../../eval/metrics';
import { lineChart } from '../../figures/line';
import { fmt } from '../../report/table';
import { PAPER, SYNTHETIC, SYNTHETIC_SPLIT, seededRuns } from './common';

const specs = (profile: Profile, name: string): RunSpec[] =>
  seededRuns(profile, { dataset: SYNTHETIC, split: SYNTHETIC_SPLIT, model: { name }, outputs: { missing: true } });

const CURVES = [
  { series: 'Text-multi', model: 'SpotFake+', column: 'train_score_text' },
  { series: 'Image-multi', model: 'SpotFake+', column: 'train_score_image' },
  { series: 'Image-only', model: 'image-only', column: 'train_score_image' },
];

export const fig2: Artefact = {
  paper: PAPER,
  id: 'fig2',
  title: 'Fig. 2 — batch-average unimodal logit scores over training',
  runs: (profile) => [...specs(profile, 'SpotFake+'), ...specs(profile, 'image-only')],
  build(ctx: ArtefactContext) {
    const points: { series: string; epoch: number; mean: number; std: number }[] = [];
    for (const c of CURVES) {
      const histories = specs(ctx.profile, c.model).map((s) => ctx.result(s).history);
      const epochs = Math.min(...histories.map((h) => h.length));
      for (let e = 0; e < epochs; e++) points.push({ series: c.series, epoch: e + 1, ...meanStd(histories.map((h) => h[e][c.column])) });
    }
    const curve = (s: string) => points.filter((p) => p.series === s);
    const multi = curve('Image-multi'),
      only = curve('Image-only'),
      text = curve('Text-multi');
    // "stays below": from the second epoch on (at epoch 1 both start near chance)
    const below = multi.slice(1).filter((p, i) => p.mean < only[i + 1].mean).length;
    const mean = (ps: typeof points) => meanStd(ps.map((p) => p.mean)).mean;
    // per seed: each curve's mean over the epochs after the first (the two models share seeds: paired)
    const perSeed = (model: string, column: string) => {
      const ss = specs(ctx.profile, model);
      const hs = ss.map((s) => ctx.result(s).history);
      const epochs = Math.min(...hs.map((h) => h.length));
      return { seeds: ss.map((s) => s.seed), values: hs.map((h) => meanStd(h.slice(1, epochs).map((r) => r[column])).mean) };
    };
    const imgMulti = perSeed('SpotFake+', 'train_score_image'),
      imgOnly = perSeed('image-only', 'train_score_image'),
      txtMulti = perSeed('SpotFake+', 'train_score_text');
    const claims: Claim[] = [
      claimFrom(
        {
          statement: 'the image score inside the joint model (Image-multi) stays below the image-only model’s score',
          on: 'synthetic default, mean over the epochs after the first',
        },
        compareSides({ label: 'Image-only', ...imgOnly }, { label: 'Image-multi', ...imgMulti }),
        `below at ${below}/${multi.length - 1} epochs after the first (mean curves); mean over epochs ${mean(multi).toFixed(3)} vs ${mean(only).toFixed(3)}`,
      ),
      claimFrom(
        { statement: 'inside the joint model the text score is higher than the image score', on: 'synthetic default, mean over the epochs after the first' },
        compareToValue({ label: 'Text-multi − Image-multi', seeds: txtMulti.seeds, values: txtMulti.values.map((t, i) => t - imgMulti.values[i]) }, 0),
        `final epoch: text ${fmt(text.at(-1)!.mean, text.at(-1)!.std)} vs image ${fmt(multi.at(-1)!.mean, multi.at(-1)!.std)}`,
      ),
    ];
    return {
      figures: [
        {
          name: 'fig2',
          svg: lineChart(
            points.map((p) => ({ x: p.epoch, y: p.mean, std: p.std, series: p.series })),
            {
              title: 'Fig. 2 — batch-average unimodal logit scores (synthetic default)',
              x: 'epoch',
              y: 'softmax probability of the true class',
            },
          ),
        },
      ],
      tables: [
        {
          name: 'fig2',
          title: 'Fig. 2 — logit scores per epoch (mean ± std over seeds)',
          table: aq.from(points.map((p) => ({ series: p.series, epoch: p.epoch, score: fmt(p.mean, p.std) }))),
        },
      ],
      numbers: { curves: points },
      claims,
    };
  },
};
