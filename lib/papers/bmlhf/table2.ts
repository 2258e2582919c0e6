/**
 * BMLHF Table 2: ablations. Six variants beside the full model, Acc and
 * fake/real precision, recall, F1 (mean ± std over seeds), the paper's
 * numbers beside ours, and one computed claim per variant and dataset
 * ("removing X lowers accuracy").
 *
 *   BMLHF-I    the full network trained WITHOUT MIB (BMLHF_METHOD less its balancer)
 *   BMLHF-T    no two-stage fusion (concatenate after the dual cross-transformer)
 *   BMLHF-D    no dual cross-transformer
 *   BMLHF-H    no HF at all (concatenate the encoded views)
 *   BMLHF-tra  no intra-modal (first) fusion stage
 *   BMLHF-ter  no inter-modal (second) fusion stage
 *
 * The full BMLHF rows are Table 1's runs (same datasetRuns arguments, so they
 * are trained once). Comparisons are paired on the seeds both have (the same
 * seed = the same initialisation of shared parts and the same batch order).
 */
import * as aq from 'arquero';
import type { Artefact, ArtefactContext, Profile } from '../../experiment/artefact';
import { claimFrom, type Claim } from '../../eval/claim';
import { compareSides, type Side } from '../../eval/compare';
import { allOf } from '../../eval/verdict';
import type { RunSpec } from '../../experiment/spec';
import type { RunResult } from '../../experiment/result';
import { meanStd } from '../../eval/metrics';
import { barChart } from '../../figures/bar';
import { fmt, fmtDiff } from '../../report/table';
import { absentClaims, BMLHF_METHOD, byAvailability, datasetByKey, datasetRuns, PAPER, PROFILES, type Method } from './common';
import { TABLE2_METHODS, TABLE2_METRICS, paperTable2, type PaperMetricKey, type Table2Method } from './paper-values-ablation';

/** Outputs of every BMLHF run shared with Table 1 (so the specs hash equally). */
export const BMLHF_OUTPUTS: RunSpec['outputs'] = { missing: true };

const ablated = (a: string): Method => ({ label: `BMLHF-${a}`, model: { name: 'BMLHF', options: { ablation: a } }, balancer: BMLHF_METHOD.balancer });

/** Table 2's methods as run specs' model + balancer. */
export const TABLE2_VARIANTS: Record<Table2Method, Method> = {
  'BMLHF-I': { label: 'BMLHF-I', model: BMLHF_METHOD.model }, // no balancer = no MIB
  'BMLHF-T': ablated('T'),
  'BMLHF-D': ablated('D'),
  'BMLHF-H': ablated('H'),
  'BMLHF-tra': ablated('tra'),
  'BMLHF-ter': ablated('ter'),
  BMLHF: BMLHF_METHOD,
};

/** What each ablation removes, for the claims. */
export const REMOVED: Record<Exclude<Table2Method, 'BMLHF'>, string> = {
  'BMLHF-I': 'MIB',
  'BMLHF-T': 'the two-stage fusion of HF',
  'BMLHF-D': 'the dual cross-transformer of HF',
  'BMLHF-H': 'HF (dual cross-transformer and two-stage fusion)',
  'BMLHF-tra': 'the intra-modal fusion stage of HF',
  'BMLHF-ter': 'the inter-modal fusion stage of HF',
};

/**
 * Datasets and seeds per profile. Quick: the synthetic default only, one seed
 * per ablation (a BMLHF run on synthetic data costs ~40 s at 20 epochs here);
 * full: the paper's three datasets plus synthetic, every seed of the profile.
 */
export const TABLE2_PLAN: Record<Profile, { datasets: string[]; ablationSeeds?: number[] }> = {
  quick: { datasets: ['synthetic'], ablationSeeds: [1] },
  full: { datasets: ['synthetic', 'weibo', 'twitter', 'fakeddit'] },
};

/** Specs of one Table 2 method on one dataset (the full BMLHF: exactly Table 1's runs). */
export function table2Runs(profile: Profile, datasetKey: string, method: Table2Method): RunSpec[] {
  if (method === 'BMLHF') return datasetRuns(profile, datasetKey, BMLHF_METHOD, { outputs: BMLHF_OUTPUTS });
  const seeds = TABLE2_PLAN[profile].ablationSeeds;
  return datasetRuns(profile, datasetKey, TABLE2_VARIANTS[method], { outputs: BMLHF_OUTPUTS, ...(seeds ? { seeds } : {}) });
}

export type SeedRow = { dataset: string; method: string; seed: number } & Record<PaperMetricKey, number>;

export function seedRows(ctx: ArtefactContext, dataset: string, method: string, specs: RunSpec[]): SeedRow[] {
  return specs.map((s) => {
    const r: RunResult = ctx.result(s);
    return { dataset, method, seed: s.seed, ...(Object.fromEntries(TABLE2_METRICS.map((k) => [k, r.test[k]])) as Record<PaperMetricKey, number>) };
  });
}

/** mean of (a − b) over the seeds both have, with the seeds used; undefined when they share none. */
export function pairedDiff(a: { seed: number; value: number }[], b: { seed: number; value: number }[]): { diff: number; seeds: number[] } | undefined {
  const bv = new Map(b.map((x) => [x.seed, x.value]));
  const common = a.filter((x) => bv.has(x.seed));
  if (!common.length) return undefined;
  return { diff: common.reduce((s, x) => s + x.value - bv.get(x.seed)!, 0) / common.length, seeds: common.map((x) => x.seed) };
}

const fmtMS = (xs: number[]) => {
  const m = meanStd(xs);
  return fmt(m.mean, xs.length > 1 ? m.std : null);
};

export const table2: Artefact = {
  paper: PAPER,
  id: 'table2',
  title: 'Table 2 — ablations of BMLHF (MIB, HF and its parts)',
  runs: (profile) => TABLE2_PLAN[profile].datasets.flatMap((d) => TABLE2_METHODS.flatMap((m) => table2Runs(profile, d, m))),
  build(ctx: ArtefactContext) {
    const { present, absent } = byAvailability(ctx, TABLE2_PLAN[ctx.profile].datasets);
    const plan = { ...TABLE2_PLAN[ctx.profile], datasets: present };
    const rows: SeedRow[] = plan.datasets.flatMap((d) => TABLE2_METHODS.flatMap((m) => seedRows(ctx, d, m, table2Runs(ctx.profile, d, m))));
    const of = (d: string, m: string) => rows.filter((r) => r.dataset === d && r.method === m);

    const summary = plan.datasets.flatMap((d) =>
      TABLE2_METHODS.map((m) => {
        const rs = of(d, m);
        const stats = Object.fromEntries(TABLE2_METRICS.map((k) => [k, meanStd(rs.map((r) => r[k]))]));
        return { dataset: d, method: m, seeds: rs.map((r) => r.seed), ...stats } as { dataset: string; method: string; seeds: number[] } & Record<
          PaperMetricKey,
          { mean: number; std: number }
        >;
      }),
    );

    // ours (mean ± std) with the paper's number beside each metric
    const table = aq.from(
      summary.map((s) => {
        const p = paperTable2(s.dataset, s.method);
        const o: Record<string, unknown> = { dataset: datasetByKey(s.dataset).label, method: s.method, seeds: s.seeds.length };
        for (const k of TABLE2_METRICS) {
          o[k] = fmt(s[k].mean, s.seeds.length > 1 ? s[k].std : null);
          o[`${k} (paper)`] = p ? p[k].toFixed(3) : '—';
        }
        return o;
      }),
    );

    // accuracy drops against the full model, ours (paired on common seeds) and the paper's
    const claims: Claim[] = [];
    // each seed's recalls ride along: a variant that predicts one class on some seed leaves its claim undecided
    const side = (label: string, rs: SeedRow[]): Side => ({
      label,
      values: rs.map((r) => r.acc),
      seeds: rs.map((r) => r.seed),
      metrics: rs.map((r) => ({ fakeR: r.fakeR, realR: r.realR })),
    });
    const drops: Record<string, unknown>[] = [];
    for (const d of plan.datasets) {
      const full = of(d, 'BMLHF');
      const pFull = paperTable2(d, 'BMLHF');
      const label = datasetByKey(d).label;
      for (const m of TABLE2_METHODS) {
        if (m === 'BMLHF') continue;
        const abl = of(d, m);
        const paired = pairedDiff(
          full.map((r) => ({ seed: r.seed, value: r.acc })),
          abl.map((r) => ({ seed: r.seed, value: r.acc })),
        );
        const pAbl = paperTable2(d, m);
        const paperDrop = pFull && pAbl ? pFull.acc - pAbl.acc : undefined;
        drops.push({
          dataset: label,
          method: m,
          'acc (ours)': fmtMS(abl.map((r) => r.acc)),
          'acc BMLHF (ours)': fmtMS(full.map((r) => r.acc)),
          'drop (ours, paired)': paired ? fmtDiff(paired.diff) : '—',
          'paired seeds': paired ? paired.seeds.join(' ') : '—',
          'drop (paper)': paperDrop === undefined ? '—' : fmtDiff(paperDrop),
        });
        if (!paired) continue;
        claims.push(
          claimFrom(
            { statement: `removing ${REMOVED[m]} (${m}) lowers accuracy`, on: `${label}${datasetByKey(d).inPaper ? '' : ' (ours only)'}` },
            compareSides(side('BMLHF', full), side(m, abl)),
            `${m} ${fmtMS(abl.map((r) => r.acc))} vs BMLHF ${fmtMS(full.map((r) => r.acc))}` +
              (paperDrop === undefined ? '' : `; paper: ${fmtDiff(paperDrop)} (${pAbl!.acc.toFixed(3)} vs ${pFull!.acc.toFixed(3)})`),
          ),
        );
      }
      // the full model is the most accurate of the seven (means over the seeds every variant has)
      const common = full.map((r) => r.seed).filter((s) => TABLE2_METHODS.every((m) => of(d, m).some((r) => r.seed === s)));
      if (common.length) {
        const means = TABLE2_METHODS.map((m) => ({
          m,
          acc: meanStd(
            of(d, m)
              .filter((r) => common.includes(r.seed))
              .map((r) => r.acc),
          ).mean,
        }));
        const best = means.reduce((a, b) => (b.acc > a.acc ? b : a));
        const fullAcc = means.find((x) => x.m === 'BMLHF')!.acc;
        const onCommon = (m: string, rs: SeedRow[]) =>
          side(
            m,
            rs.filter((r) => common.includes(r.seed)),
          );
        claims.push(
          claimFrom(
            { statement: 'the full BMLHF is the most accurate of the seven variants', on: `${label}${datasetByKey(d).inPaper ? '' : ' (ours only)'}` },
            allOf(
              TABLE2_METHODS.filter((m) => m !== 'BMLHF').map((m) => ({ label: m, outcome: compareSides(onCommon('BMLHF', full), onCommon(m, of(d, m))) })),
            ),
            `seeds ${common.join(', ')}: BMLHF ${fullAcc.toFixed(3)}; best ${best.m} ${best.acc.toFixed(3)}; ${means.map((x) => `${x.m} ${x.acc.toFixed(3)}`).join(', ')}`,
          ),
        );
      }
    }

    const bars = summary.flatMap((s) => {
      const p = paperTable2(s.dataset, s.method);
      const facet = datasetByKey(s.dataset).label;
      return [
        { group: s.method, series: 'ours', value: s.acc.mean, std: s.seeds.length > 1 ? s.acc.std : undefined, facet },
        ...(p ? [{ group: s.method, series: 'paper', value: p.acc, facet }] : []),
      ];
    });
    const quick = ctx.profile === 'quick' ? PROFILES.quick : undefined;
    const differences = [
      "BMLHF-I is the full BMLHF network trained without MIB (the run leaves out the 'mib' balancer); the other variants keep MIB, as in the paper.",
      'Features are stand-ins (char-n-gram TF-IDF for BERT, word vectors for CLIP text, MobileNetV2/InceptionV3 for Swin-T/CLIP image), so absolute numbers differ from the paper’s; the ablation drops are the comparable quantity.',
      ...(plan.datasets.includes('weibo')
        ? [
            'Weibo has no images in the public data: its image views are all zeros, so image-side modules (dual cross-transformer, image fusion) have nothing to work on there.',
          ]
        : []),
      ...(quick
        ? [
            `Quick profile: the synthetic default only; each ablation is one seed (${plan.ablationSeeds?.join(', ')}) while the BMLHF row is Table 1's ${quick.seeds.length} seeds; claims compare paired seeds, so they rest on one run per variant. The paper's datasets are in the full profile.`,
          ]
        : []),
    ];
    return {
      figures: [
        {
          name: 'table2',
          svg: barChart(bars, {
            title: 'Table 2 — test accuracy of the ablations (ours vs paper)',
            y: 'accuracy',
            yDomain: [0.4, 1],
            labels: false,
            fields: { facet: 'facet' },
          }),
        },
      ],
      tables: [
        {
          name: 'table2',
          title: 'Table 2 — ablations: ours (mean ± std over seeds) beside the paper',
          table,
          note: 'fake = class 1 (fake news), real = class 0; P = precision, R = recall. "—": the paper does not report this dataset.',
        },
        {
          name: 'table2-drops',
          title: 'Table 2 — accuracy drop of each ablation against the full BMLHF',
          table: aq.from(drops),
          note: 'drop = BMLHF − variant; positive = removing the module hurts. Ours paired on seeds both runs have.',
        },
      ],
      numbers: { plan, summary, perSeed: rows },
      claims: [...claims, ...absentClaims(absent, 'Table 2: removing each module lowers accuracy')],
      differences,
    };
  },
};
