/**
 * COOLANT's interpretability figure (the paper's attention case study):
 * per test post, the attention weights on [text, image, correlation]
 * against the post's cross-modal ambiguity a. The paper's reading:
 * ambiguous posts (a high) lean on the cross-modal correlation. Checked here
 * as numbers: the Pearson correlation of a with the correlation weight w_c
 * over the probed test posts (≤ 600, stratified), and the mean w_c of the
 * most vs least ambiguous quarter, per seed, then averaged over seeds.
 */
import * as aq from 'arquero';
import type { Artefact, ArtefactContext, Profile } from '../../experiment/artefact';
import { claimFrom, notChecked, type Claim } from '../../eval/claim';
import { compareToValue } from '../../eval/compare';
import { allOf } from '../../eval/verdict';
import { scatterChart } from '../../figures/scatter';
import { fmtDiff } from '../../report/table';
import { COOLANT_METHOD, PAPER, datasetByKey, datasetRuns, onLabel } from './common';
import { COMPARISON_PLAN } from './comparison';
import { pearson } from '../../eval/correlation';
import { mean, ms, round3 } from './stats';

const WEIGHTS = ['text', 'image', 'correlation'] as const;
const STATEMENT = 'posts with higher cross-modal ambiguity put more attention on the cross-modal correlation';

export const interpretabilityRuns = (profile: Profile, d: string) => datasetRuns(profile, d, COOLANT_METHOD);

/** Mean w_c of the quarter of posts with the highest a, minus that of the lowest quarter. */
export function quartileGap(a: number[], wc: number[]): number {
  const order = a
    .map((x, i) => [x, i] as const)
    .sort((p, q) => p[0] - q[0] || p[1] - q[1])
    .map(([, i]) => i);
  const q = Math.max(1, Math.floor(a.length / 4));
  return mean(order.slice(-q).map((i) => wc[i])) - mean(order.slice(0, q).map((i) => wc[i]));
}

export const interpretability: Artefact = {
  paper: PAPER,
  id: 'attention',
  title: 'Interpretability — attention on [text, image, correlation] against ambiguity per test post',
  runs: (profile) => COMPARISON_PLAN[profile].datasets.flatMap((d) => interpretabilityRuns(profile, d)),
  build(ctx: ArtefactContext) {
    const datasets = COMPARISON_PLAN[ctx.profile].datasets;
    const points: Record<string, unknown>[] = [];
    const rows: Record<string, unknown>[] = [];
    const claims: Claim[] = [];
    const perSeed: Record<string, unknown>[] = [];
    for (const d of datasets) {
      const ds = datasetByKey(d);
      const specs = interpretabilityRuns(ctx.profile, d);
      const why = ctx.unavailable(specs[0]);
      if (why) {
        rows.push({ dataset: ds.label, seeds: 0, 'r(a, w_corr)': 'data not available', note: why });
        claims.push(notChecked({ statement: STATEMENT, on: onLabel(d) }, why));
        continue;
      }
      const stats = specs.map((s) => {
        const p = ctx.result(s).probe;
        if (!p?.values.ambiguity || !p.values.attention)
          throw new Error(`attention: the COOLANT run on ${d} (seed ${s.seed}) has no probe of attention and ambiguity`);
        const a = p.values.ambiguity.map((v) => v[0]);
        const w = p.values.attention;
        if (s.seed === specs[0].seed) {
          a.forEach((x, i) => WEIGHTS.forEach((name, k) => points.push({ x: x, y: w[i][k], label: name, facet: ds.label })));
        }
        const wc = w.map((r) => r[2]);
        return {
          seed: s.seed,
          n: a.length,
          r: pearson(a, wc),
          gap: quartileGap(a, wc),
          meanA: mean(a),
          meanW: WEIGHTS.map((_, k) => mean(w.map((r) => r[k]))),
          sdA: Math.sqrt(mean(a.map((x) => (x - mean(a)) ** 2))),
        };
      });
      perSeed.push(...stats.map((s) => ({ dataset: d, ...s })));
      const r = stats.map((s) => s.r),
        gap = stats.map((s) => s.gap);
      rows.push({
        dataset: ds.label,
        seeds: stats.length,
        posts: stats[0].n,
        'mean a': ms(stats.map((s) => s.meanA)),
        'sd of a over posts': ms(stats.map((s) => s.sdA)),
        'mean w (text, image, corr)': WEIGHTS.map((_, k) => mean(stats.map((s) => s.meanW[k])).toFixed(3)).join(' / '),
        'r(a, w_corr)': ms(r),
        'w_corr top − bottom quarter of a': ms(gap),
      });
      // the correlation is positive over seeds, and the most ambiguous quarter leans more on the correlation weight
      const seeds = stats.map((s) => s.seed);
      claims.push(
        claimFrom(
          { statement: STATEMENT, on: onLabel(d) },
          allOf([
            { label: 'r(a, w_corr) > 0', outcome: compareToValue({ label: 'r(a, w_corr)', values: r, seeds }, 0) },
            { label: 'w_corr top − bottom quarter > 0', outcome: compareToValue({ label: 'w_corr top − bottom quarter', values: gap, seeds }, 0) },
          ]),
          `Pearson r(a, w_corr) ${ms(r)} over ${stats.length} seed(s) (${stats[0].n} test posts each); most − least ambiguous quarter: w_corr ${fmtDiff(mean(gap))}; a spreads ${ms(stats.map((s) => s.sdA))} (sd over posts)`,
        ),
      );
    }
    return {
      figures: points.length
        ? [
            {
              name: 'attention',
              svg: scatterChart(points, {
                title: 'Attention weights against ambiguity a per test post (seed 1)',
                x: 'ambiguity a',
                y: 'attention weight',
                labelNames: {},
                fields: { facet: 'facet' },
                r: 1.5,
                opacity: 0.5,
              }),
            },
          ]
        : [],
      tables: [
        {
          name: 'attention',
          title: 'Attention vs ambiguity — correlation of a with the correlation weight, mean ± std over seeds',
          table: aq.from(rows),
          note: 'a = sigmoid(symmetric KL of the text and image posteriors), closed form at inference. w = softmax attention over [text, image, correlation]. Guidance: KLDivLoss of log w against the unnormalised [1 − a, 1 − a, a], as in the authors’ code, whose joint optimum is a = 1, w = [0, 0, 1].',
        },
      ],
      numbers: { perSeed: perSeed.map((s) => ({ ...s, r: round3(s.r as number), gap: round3(s.gap as number) })) },
      claims,
      differences: [
        'The paper shows attention weights of a few example posts; we plot every probed test post (≤ 600, stratified) and check the reading with a correlation, so the claim can be computed.',
        'The guidance term trains the weights toward the ambiguity target, so a positive correlation partly restates the training objective; the guided weights still have to be produced from the features alone at test time.',
        'Weibo has no images: a there depends on the text alone (the image posterior is that of a constant zero vector).',
        'As in the authors’ code, the ambiguity encoders learn from the guidance term alone; under its loss a saturates near 1 on every post and the attention moves onto the correlation, so a carries no per-post ambiguity to correlate with (docs/papers/coolant.md, “Ambiguity”).',
      ],
    };
  },
};
