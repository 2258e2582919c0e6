/**
 * BMLHF Fig. 1 (and the unimodal/multimodal part of Fig. 8): overall test
 * accuracy of text-only, image-only and multimodal versions of baseline
 * models. The paper shows EANN, MRML and LogicDM on Weibo; the families
 * here are the ones our registry has (LogicDM is not reproduced; Weibo has
 * no images in the public data, so the synthetic default stands in).
 */
import * as aq from 'arquero';
import type { Artefact, ArtefactContext, Profile } from '../../experiment/artefact';
import { claimFrom, type Claim } from '../../eval/claim';
import { compareSides } from '../../eval/compare';
import type { RunSpec } from '../../experiment/spec';
import { MODELS } from '../../experiment/models';
import { meanStd } from '../../eval/metrics';
import { barChart } from '../../figures/bar';
import { fmt } from '../../report/table';
import { PAPER, SYNTHETIC, SYNTHETIC_SPLIT, seededRuns } from './common';

/** multimodal model name → the label of its family in the figure */
export const FIG1_FAMILIES = ['SpotFake+', 'EANN', 'MRML'];
export const VERSIONS = ['text-only', 'image-only', 'multimodal'] as const;

const msOf = (xs: number[]): [number, number] => {
  const m = meanStd(xs);
  return [m.mean, m.std];
};

const families = () => FIG1_FAMILIES.filter((f) => f in MODELS);

/** Unimodal versions share one encoder design across families, so one run serves every family. */
function specsFor(profile: Profile, family: string, version: (typeof VERSIONS)[number]): RunSpec[] {
  const name = version === 'multimodal' ? family : version;
  return seededRuns(profile, { dataset: SYNTHETIC, split: SYNTHETIC_SPLIT, model: { name }, outputs: { missing: true } });
}

export const fig1: Artefact = {
  paper: PAPER,
  id: 'fig1',
  title: 'Fig. 1 — unimodal vs multimodal accuracy',
  runs: (profile) => families().flatMap((f) => VERSIONS.flatMap((v) => specsFor(profile, f, v))),
  build(ctx: ArtefactContext) {
    const rows: { family: string; version: string; seed: number; acc: number }[] = [];
    const metrics = new Map<string, { seed: number; m: ReturnType<ArtefactContext['result']>['test'] }[]>(); // version → per-seed test metrics (unimodal runs are shared)
    for (const f of families()) {
      for (const v of VERSIONS)
        for (const s of specsFor(ctx.profile, f, v)) {
          const t = ctx.result(s).test;
          rows.push({ family: f, version: v, seed: s.seed, acc: t.acc });
          if (v !== 'multimodal' && !metrics.has(v))
            metrics.set(
              v,
              specsFor(ctx.profile, f, v).map((x) => ({ seed: x.seed, m: ctx.result(x).test })),
            );
        }
    }
    const summary = families().flatMap((f) =>
      VERSIONS.map((v) => {
        const accs = rows.filter((r) => r.family === f && r.version === v).map((r) => r.acc);
        return { family: f, version: v, ...meanStd(accs), seeds: accs.length };
      }),
    );
    // the unimodal versions are one run per seed shared by every family: one comparison, so one claim
    const side = (v: string) => {
      const ms = metrics.get(v) ?? [];
      return { label: v, values: ms.map((x) => x.m.acc), seeds: ms.map((x) => x.seed), metrics: ms.map((x) => x.m) };
    };
    const claims: Claim[] = families().length
      ? [
          claimFrom(
            {
              statement: 'text-only accuracy is higher than image-only accuracy',
              on: `synthetic default (the unimodal runs the ${families().join(', ')} families share)`,
            },
            compareSides(side('text-only'), side('image-only')),
            `text-only ${fmt(...msOf(side('text-only').values))} vs image-only ${fmt(...msOf(side('image-only').values))}`,
          ),
        ]
      : [];
    const table = aq.from(summary.map((s) => ({ family: s.family, version: s.version, accuracy: fmt(s.mean, s.std), seeds: s.seeds })));
    return {
      figures: [
        {
          name: 'fig1',
          svg: barChart(
            summary.map((s) => ({ group: s.family, series: s.version, value: s.mean, std: s.std })),
            {
              title: 'Fig. 1 — overall test accuracy, unimodal vs multimodal (synthetic default)',
              y: 'accuracy',
              yDomain: [0.4, 1],
            },
          ),
        },
      ],
      tables: [{ name: 'fig1', title: 'Fig. 1 — test accuracy (mean ± std over seeds)', table }],
      numbers: { summary, perSeed: rows },
      claims,
    };
  },
};
