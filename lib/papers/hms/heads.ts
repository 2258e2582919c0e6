/**
 * HMS head analysis (the paper's first finding: modality-critical heads are
 * the carriers of unimodal verification ability). From the final models of
 * plain multimodal fine-tuning and of HMS + UKR (synthetic, 5 % budget),
 * measured on validation posts: attention share per (layer, head) on text
 * and image tokens (heatmap), the drop in image-only / text-only macro-F1
 * when one head is gated off (bars), share against that drop (scatter), and
 * gate-gradient importance (Michel et al. 2019) in the table.
 */
import * as aq from 'arquero';
import type { Artefact, ArtefactContext } from '../../experiment/artefact';
import { claimFrom, type Claim } from '../../eval/claim';
import { compareToValue } from '../../eval/compare';
import type { RunResult } from '../../experiment/result';
import { heatmapChart } from '../../figures/heatmap';
import { barChart } from '../../figures/bar';
import { scatterChart } from '../../figures/scatter';
import { fmt } from '../../report/table';
import { DEFAULT_BUDGET, HMS_UKR, MM_FT, PAPER, budgetLabel, methodRuns, type Method } from './common';
import { ms, paired, resultsOf, summarise, verdictOf } from './summary';
import { pearson } from '../../eval/correlation';

const DATASET = 'synthetic';
const METHODS: Method[] = [MM_FT, HMS_UKR];
const opts = (m: Method) => (m.budgeted ? { budget: DEFAULT_BUDGET } : {});

type Grid = number[][];
interface HeadsExtra {
  shares: { text: Grid; image: Grid };
  drops: Record<string, Grid>;
  importance: Record<string, Grid>;
}
interface Allocated {
  layer: number;
  head: number;
  modality: string;
}

const headsOf = (r: RunResult) => (r.extra as { heads?: HeadsExtra }).heads;
const allocOf = (r: RunResult) => ((r.extra as { allocated?: Allocated[] }).allocated ?? []) as Allocated[];
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

/** heads ranked by a grid, top k as "layer,head" keys */
function topKeys(g: Grid, k: number): Set<string> {
  const all = g.flatMap((r, l) => r.map((v, h) => ({ k: `${l},${h}`, v, l, h })));
  all.sort((a, b) => b.v - a.v || a.l - b.l || a.h - b.h);
  return new Set(all.slice(0, k).map((x) => x.k));
}

export const headsArtefact: Artefact = {
  paper: PAPER,
  id: 'heads',
  title: 'Head analysis: attention share, gate-off drops, importance',
  runs: (profile) => METHODS.flatMap((m) => methodRuns(profile, DATASET, m, opts(m))),
  build(ctx: ArtefactContext) {
    const cells: Record<string, unknown>[] = [];
    const points: Record<string, unknown>[] = [];
    const heat: Record<string, unknown>[] = [];
    const dropBars: Record<string, unknown>[] = [];
    const claims: Claim[] = [];
    const on = `Synthetic (validation posts; HMS + UKR at budget ${budgetLabel(DEFAULT_BUDGET)})`;
    for (const m of METHODS) {
      const res = resultsOf(ctx, methodRuns(ctx.profile, DATASET, m, opts(m)));
      if ('unavailable' in res) throw new Error(res.unavailable);
      const runs = res.results.map(({ seed, r }) => ({ seed, h: headsOf(r)!, alloc: allocOf(r) }));
      const L = runs[0].h.shares.text.length,
        H = runs[0].h.shares.text[0].length;
      for (let l = 0; l < L; l++)
        for (let h = 0; h < H; h++) {
          const at = (f: (x: HeadsExtra) => Grid) => runs.map((r) => f(r.h)[l][h]);
          const name = `L${l}.h${h}`;
          const allocTo = (r: (typeof runs)[number]) => r.alloc.find((a) => a.layer === l && a.head === h)?.modality;
          for (const mod of ['text', 'image'] as const)
            heat.push({ x: `h${h}`, y: `L${l}`, value: mean(at((x) => x.shares[mod])), facet: `${m.label} · ${mod} share` });
          for (const st of ['image-only', 'text-only']) {
            const s = summarise(
              runs.map((r) => r.seed),
              at((x) => x.drops[st]),
            );
            dropBars.push({ group: name, series: `${st} drop`, value: s.mean, std: s.std ?? undefined, facet: m.label });
          }
          runs.forEach((r) => {
            const a = allocTo(r);
            points.push({ x: r.h.shares.image[l][h], y: r.h.drops['image-only'][l][h], label: a ? `allocated to ${a}` : 'not allocated', method: m.label });
          });
          cells.push({
            method: m.label,
            head: name,
            'text share': fmt(mean(at((x) => x.shares.text))),
            'image share': fmt(mean(at((x) => x.shares.image))),
            'image-only drop': fmt(mean(at((x) => x.drops['image-only']))),
            'text-only drop': fmt(mean(at((x) => x.drops['text-only']))),
            'importance (image-only)': fmt(mean(at((x) => x.importance['image-only']))),
            'importance (text-only)': fmt(mean(at((x) => x.importance['text-only']))),
            allocated: runs.map((r) => allocTo(r) ?? '—').join(' / '),
          });
        }
      // critical heads vs the rest: per seed, the mean drop of the critical heads minus that of the others
      for (const mod of ['image', 'text'] as const) {
        const st = `${mod}-only`;
        const crit = runs.map((r) =>
          m.budgeted ? new Set(r.alloc.filter((a) => a.modality === mod).map((a) => `${a.layer},${a.head}`)) : topKeys(r.h.shares[mod], 2),
        );
        const dropsOf = (pick: boolean) => runs.map((r, i) => mean(r.h.drops[st].flatMap((row, l) => row.filter((_, h) => crit[i].has(`${l},${h}`) === pick))));
        const critS = summarise(
            runs.map((r) => r.seed),
            dropsOf(true),
          ),
          otherS = summarise(
            runs.map((r) => r.seed),
            dropsOf(false),
          );
        const p = paired(critS, otherS)!;
        claims.push(
          claimFrom(
            {
              statement: `${m.budgeted ? `heads allocated to ${mod}` : `the 2 heads with the highest ${mod} share`} carry ${mod}-only ability: gating one off drops ${mod}-only macro-F1 more than gating off another head (${m.label})`,
              on,
            },
            verdictOf(critS, otherS, ['critical heads', 'other heads']),
            `mean drop critical vs other heads: ${p.text}`,
          ),
        );
      }
      const xs = runs.flatMap((r) => r.h.shares.image.flat()),
        ys = runs.flatMap((r) => r.h.drops['image-only'].flat());
      const rho = pearson(xs, ys);
      // the (head, seed) pairs are not independent across heads of one run: the test is over seeds, one r per run
      const perRun = runs.map((r) => pearson(r.h.shares.image.flat(), r.h.drops['image-only'].flat()));
      claims.push(
        claimFrom(
          { statement: `a head's image share goes with its image-only importance: Pearson r(image share, image-only gate-off drop) > 0 (${m.label})`, on },
          compareToValue({ label: 'r per run', values: perRun, seeds: runs.map((r) => r.seed) }, 0),
          `r = ${rho.toFixed(3)} over ${xs.length} (head, seed) pairs; per run ${perRun.map((x) => x.toFixed(3)).join(', ')}`,
        ),
      );
    }
    return {
      figures: [
        {
          name: 'heads-share',
          svg: heatmapChart(heat, {
            title: 'Attention share per head (mean over seeds; validation posts with both modalities)',
            x: 'head',
            y: 'layer',
            label: 'share',
            domain: [0, 1],
            fields: { facet: 'facet' },
            width: 1100,
            height: 260,
          }),
        },
        {
          name: 'heads-drops',
          svg: barChart(dropBars, { title: 'Macro-F1 drop when one head is gated off', y: 'macro-F1 drop', fields: { facet: 'facet' }, width: 900, digits: 2 }),
        },
        {
          name: 'heads-share-vs-drop',
          svg: scatterChart(points, {
            title: 'Image share vs image-only drop when the head is gated off (one point per head and seed)',
            x: 'image attention share',
            y: 'image-only macro-F1 drop',
            fields: { facet: 'method' },
            r: 3.5,
            width: 760,
          }),
        },
      ],
      tables: [
        {
          name: 'heads',
          title: 'Per head: attention share, gate-off drop, Michel et al. importance (mean over seeds); allocated: per seed',
          table: aq.from(cells),
        },
      ],
      numbers: { heads: cells },
      claims,
      differences: [
        'The paper analyses the heads of a pretrained MLLM before fine-tuning; our small transformer has no pretraining, so the heads are analysed after training (final models) and, for allocation, after each unimodal stage.',
        "Share = mean over all real query positions (incl. [CLS]) of the attention mass on the modality's tokens, on posts with both modalities (the paper does not say which layers or positions it uses).",
        "Gating off = the head's output multiplied by 0 before the output projection (not uniform attention, which is what zeroing attention logits gives).",
      ],
    };
  },
};
