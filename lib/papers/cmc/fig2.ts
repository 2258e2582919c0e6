/**
 * CMC Fig. 2: t-SNE of the features learned by Finetune-V, Finetune-T,
 * CMC-V and CMC-T on test posts (fake vs real). The paper reads the maps by
 * eye ("same-label dots are closer" for CMC-V/T); we compute the k-NN label
 * agreement (k = 5) of each network's 128-d features, so "more
 * discriminative" is checkable. One seed (the figure shows one model each).
 */
import * as aq from 'arquero';
import { uniformRows } from './collect';
import type { Artefact, ArtefactContext, Profile } from '../../experiment/artefact';
import { claimFrom, notChecked, type Claim } from '../../eval/claim';
import { singleValueOutcome } from '../../eval/verdict';
import type { TsneResult } from '../../experiment/result';
import { TSNE_POINTS } from '../../experiment/tsne-output';
import { scatterChart } from '../../figures/scatter';
import { PAPER, VARIANT_OUTPUTS, datasetByKey, variantRuns } from './common';

export const FIG2_DATASETS: Record<Profile, string[]> = { quick: ['synthetic'], full: ['synthetic', 'weibo-attrnn', 'twitter'] };
export const fig2Spec = (profile: Profile, key: string, variant: 'cmc' | 'finetune') =>
  variantRuns(profile, key, variant, { seeds: [1], outputs: { ...VARIANT_OUTPUTS, tsne: true } })[0];

const PANELS = [
  ['Finetune-V', 'finetune', 'image'],
  ['Finetune-T', 'finetune', 'text'],
  ['CMC-V', 'cmc', 'image'],
  ['CMC-T', 'cmc', 'text'],
] as const;

export const fig2: Artefact = {
  paper: PAPER,
  id: 'fig2',
  title: 'Fig. 2 — t-SNE of Finetune-V/T vs CMC-V/T features on test posts',
  runs: (profile) => FIG2_DATASETS[profile].flatMap((k) => [fig2Spec(profile, k, 'finetune'), fig2Spec(profile, k, 'cmc')]),
  build(ctx: ArtefactContext) {
    const figures: { name: string; svg: string }[] = [],
      rows: Record<string, unknown>[] = [],
      claims: Claim[] = [];
    const numbers: Record<string, unknown> = {};
    for (const key of FIG2_DATASETS[ctx.profile]) {
      const d = datasetByKey(key);
      const why = ctx.unavailable(fig2Spec(ctx.profile, key, 'cmc'));
      if (why) {
        rows.push({ dataset: d.label, network: '—', note: `data not available: ${why}` });
        claims.push(
          notChecked(
            { statement: 'CMC-V / CMC-T features are more discriminative than Finetune-V / -T (k-NN label agreement)', on: d.label },
            `data not available: ${why}`,
          ),
        );
        continue;
      }
      const maps: Record<string, TsneResult['learned'] & { labels: number[] }> = {};
      for (const [name, variant, part] of PANELS) {
        const t = (ctx.result(fig2Spec(ctx.profile, key, variant)).extra?.tsne as Record<string, TsneResult> | undefined)?.[part];
        if (!t) throw new Error(`fig2: the ${variant} run on ${d.label} has no t-SNE of its ${part} network`);
        maps[name] = { ...t.learned, labels: t.labels };
        rows.push({
          dataset: d.label,
          network: name,
          points: t.labels.length,
          'kNN agreement (128-d features)': round3(t.learned.knnSpace),
          'kNN agreement (2-D map)': round3(t.learned.knnMap),
          note: d.imagesMissing && part === 'image' ? 'no images: every post has the same (zero) image input' : '',
        });
      }
      numbers[key] = Object.fromEntries(Object.entries(maps).map(([k, m]) => [k, { knnSpace: m.knnSpace, knnMap: m.knnMap }]));
      const pts = PANELS.flatMap(([name]) =>
        maps[name].xy.map(([x, y], i) => ({ x, y, label: maps[name].labels[i], facet: `${name} (kNN ${maps[name].knnSpace.toFixed(2)})` })),
      );
      figures.push({
        name: key === 'synthetic' ? 'fig2' : `fig2-${key}`,
        svg: scatterChart(pts, {
          title: `Fig. 2 — t-SNE of learned features, ${d.label} test posts (seed 1)`,
          labelNames: { 0: 'real', 1: 'fake' },
          fields: { facet: 'facet' },
        }),
      });
      for (const m of ['V', 'T'] as const) {
        const c = maps[`CMC-${m}`],
          f = maps[`Finetune-${m}`];
        claims.push(
          claimFrom(
            {
              statement: `CMC-${m}'s features are more discriminative than Finetune-${m}'s (k-NN label agreement of test posts, k = 5)`,
              on: `${d.label}${d.inPaper ? '' : ' (ours only)'}`,
            },
            singleValueOutcome(`k-NN agreement, CMC-${m} − Finetune-${m}`, c.knnSpace - f.knnSpace, 'one seed-1 model per side'),
            `CMC-${m} ${c.knnSpace.toFixed(3)} vs Finetune-${m} ${f.knnSpace.toFixed(3)} (2-D maps: ${c.knnMap.toFixed(3)} vs ${f.knnMap.toFixed(3)}); one seed`,
          ),
        );
      }
    }
    return {
      figures,
      tables: [
        {
          name: 'fig2',
          title: 'Fig. 2 — class separation of test posts in each network’s features: k-NN (k = 5) label agreement',
          table: aq.from(uniformRows(rows)),
          note: `About ${TSNE_POINTS} test posts (stratified, seeded), seed-1 models. 0.5 = fully mixed balanced classes, 1 = separated. t-SNE: druidjs, seeded.`,
        },
      ],
      numbers,
      claims,
      differences: [
        'The paper shows Weibo; the quick profile draws the synthetic default (full: synthetic, Weibo, Twitter). On our Weibo the image network sees no images, so its map is degenerate.',
        'The paper reads the maps by eye; we compute k-NN label agreement so the claim can be checked. One seed: no spread.',
        'Features are the 128-d penultimate layer of our MLP networks (the paper: RoBERTa / VGG19 features).',
      ],
    };
  },
};

const round3 = (x: number) => Math.round(x * 1000) / 1000;
