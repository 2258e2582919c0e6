/**
 * BMLHF Figs 9–11: sensitivity of BMLHF to τ (SupCon temperature, model
 * option `tau`), α1 (MIB's Eq. 4 slope, balancer option `alpha1`) and α2
 * (SupCon weight in Eq. 19, model option `alpha2`) over [0, 1], one
 * hyperparameter at a time, the others at the paper's settings
 * (τ = 0.5, α1 = 0.8, α2 = 0.5).
 *
 * Shared runs: a grid point at the paper's setting IS the full BMLHF run of
 * Table 1 (options left out, so the spec hashes equally); α1 = 0 makes
 * k ≡ 1 − tanh(0) = 1 (Eq. 4), which the trainer treats as "no modulation",
 * i.e. exactly BMLHF-I — that point uses Table 2's BMLHF-I run.
 * τ = 0 is not run: SupCon divides the similarities by τ (Eq. 18), and the
 * τ → 0 limit is a hard maximum, not a loss one can train with; the τ grid
 * starts at its first positive value.
 */
import * as aq from 'arquero';
import type { Artefact, ArtefactContext, Profile } from '../../experiment/artefact';
import { claimFrom, notChecked, type Claim } from '../../eval/claim';
import { compareSides, type Side } from '../../eval/compare';
import { allOf } from '../../eval/verdict';
import type { RunSpec } from '../../experiment/spec';
import { meanStd } from '../../eval/metrics';
import { lineChart } from '../../figures/line';
import { fmt } from '../../report/table';
import { absentClaims, BMLHF_METHOD, byAvailability, datasetByKey, datasetRuns, PAPER, type Method } from './common';
import { BMLHF_OUTPUTS, TABLE2_VARIANTS } from './table2';
import { PAPER_BEST_RANGE, PAPER_SETTINGS, SENSITIVITY_PARAMS, type SensitivityParam } from './paper-values-ablation';

const SYMBOL: Record<SensitivityParam, string> = { tau: 'τ', alpha1: 'α1', alpha2: 'α2' };
const FIGURE: Record<SensitivityParam, string> = { tau: 'fig9', alpha1: 'fig10', alpha2: 'fig11' };

const step = (n: number) => Array.from({ length: n + 1 }, (_, i) => Math.round((i / n) * 100) / 100);

/**
 * Grids per profile. Quick: synthetic, one seed, coarse (each new point is a
 * ~40 s BMLHF run); full: the paper's datasets + synthetic, step 0.1, the
 * first three seeds of the profile (a subset of Table 1's, so the paper's
 * setting is shared).
 */
export const SENSITIVITY_PLAN: Record<Profile, { datasets: string[]; seeds: number[]; grid: Record<SensitivityParam, number[]> }> = {
  quick: { datasets: ['synthetic'], seeds: [1], grid: { tau: [0, 0.25, 0.5, 1], alpha1: [0, 0.5, 0.8, 1], alpha2: [0, 0.5, 1] } },
  // one seed per point in full too: 30 points × 4 datasets × 100 epochs is already ~120 BMLHF runs (days on a 2-core CPU)
  full: { datasets: ['synthetic', 'weibo', 'twitter', 'fakeddit'], seeds: [1], grid: { tau: step(10), alpha1: step(10), alpha2: step(10) } },
};

/** The grid that is run: τ ≤ 0 is dropped (SupCon divides by τ). */
export function runnableGrid(param: SensitivityParam, grid: number[]): number[] {
  return grid.filter((v) => param !== 'tau' || v > 0);
}

/** The method of one grid point (the paper's setting → BMLHF_METHOD itself; α1 = 0 → BMLHF-I). */
export function sensitivityMethod(param: SensitivityParam, value: number): Method {
  if (param === 'tau' && !(value > 0)) throw new Error(`sensitivity: τ must be > 0 (SupCon divides by τ), got ${value}`);
  if (value === PAPER_SETTINGS[param]) return BMLHF_METHOD;
  if (param === 'alpha1')
    return value === 0 ? TABLE2_VARIANTS['BMLHF-I'] : { ...BMLHF_METHOD, label: `BMLHF α1=${value}`, balancer: { name: 'mib', options: { alpha1: value } } };
  return { ...BMLHF_METHOD, label: `BMLHF ${param}=${value}`, model: { name: 'BMLHF', options: { [param]: value } } };
}

export function sensitivityRuns(profile: Profile, param: SensitivityParam, dataset: string, value: number): RunSpec[] {
  return datasetRuns(profile, dataset, sensitivityMethod(param, value), { outputs: BMLHF_OUTPUTS, seeds: SENSITIVITY_PLAN[profile].seeds });
}

function allRuns(profile: Profile): RunSpec[] {
  const p = SENSITIVITY_PLAN[profile];
  return SENSITIVITY_PARAMS.flatMap((param) =>
    p.datasets.flatMap((d) => runnableGrid(param, p.grid[param]).flatMap((v) => sensitivityRuns(profile, param, d, v))),
  );
}

export const sensitivity: Artefact = {
  paper: PAPER,
  id: 'fig9-11',
  title: 'Figs 9–11 — sensitivity of BMLHF to τ, α1, α2',
  runs: allRuns,
  build(ctx: ArtefactContext) {
    const { present, absent } = byAvailability(ctx, SENSITIVITY_PLAN[ctx.profile].datasets);
    const plan = { ...SENSITIVITY_PLAN[ctx.profile], datasets: present };
    const perSeed = new Map<string, Side>(); // `${param}/${dataset}/${value}` → per-seed accuracy
    const summary: {
      param: SensitivityParam;
      dataset: string;
      value: number;
      seeds: number;
      acc: number;
      accStd: number;
      macroF1: number;
      macroF1Std: number;
    }[] = [];
    for (const param of SENSITIVITY_PARAMS)
      for (const d of plan.datasets)
        for (const v of runnableGrid(param, plan.grid[param])) {
          const specs = sensitivityRuns(ctx.profile, param, d, v);
          const rs = specs.map((s) => ctx.result(s).test);
          perSeed.set(`${param}/${d}/${v}`, { label: `${SYMBOL[param]} = ${v}`, values: rs.map((r) => r.acc), seeds: specs.map((s) => s.seed), metrics: rs });
          const a = meanStd(rs.map((r) => r.acc)),
            f = meanStd(rs.map((r) => r.macroF1));
          summary.push({ param, dataset: d, value: v, seeds: rs.length, acc: a.mean, accStd: a.std, macroF1: f.mean, macroF1Std: f.std });
        }

    const claims: Claim[] = [];
    for (const param of SENSITIVITY_PARAMS)
      for (const d of plan.datasets) {
        const pts = summary.filter((s) => s.param === param && s.dataset === d);
        if (pts.length < 2) continue;
        const paperRange = PAPER_BEST_RANGE[param][d];
        const range: [number, number] = paperRange ?? [PAPER_SETTINGS[param], PAPER_SETTINGS[param]];
        const best = Math.max(...pts.map((p) => p.acc));
        const inRange = pts.filter((p) => p.value >= range[0] - 1e-9 && p.value <= range[1] + 1e-9);
        const bestValues = pts.filter((p) => p.acc === best).map((p) => p.value);
        const where = range[0] === range[1] ? `at ${SYMBOL[param]} = ${range[0]}` : `with ${SYMBOL[param]} in [${range[0]}, ${range[1]}]`;
        const base = {
          statement: paperRange ? `BMLHF performs best ${where}` : `BMLHF performs best at the paper's setting ${SYMBOL[param]} = ${PAPER_SETTINGS[param]}`,
          on: `${datasetByKey(d).label}${paperRange ? '' : ' (ours only)'}, grid ${pts.map((p) => p.value).join(', ')}`,
        };
        const outside = pts.filter((p) => !inRange.includes(p));
        const numbers = `best accuracy ${best.toFixed(3)} at ${SYMBOL[param]} = ${bestValues.join(', ')}; ${pts.map((p) => `${p.value}: ${p.acc.toFixed(3)}`).join(', ')}`;
        if (!inRange.length || !outside.length) {
          claims.push(notChecked(base, `${inRange.length ? 'every' : 'no'} grid value is in the paper's range (${numbers})`));
          continue;
        }
        // the in-range setting with the highest mean against every setting outside the range, paired by seed
        const top = inRange.reduce((a, b) => (b.acc > a.acc ? b : a));
        const sideOf = (p: { value: number }) => perSeed.get(`${param}/${d}/${p.value}`)!;
        claims.push(
          claimFrom(
            base,
            allOf(outside.map((p) => ({ label: `${SYMBOL[param]} = ${p.value}`, outcome: compareSides(sideOf(top), sideOf(p)) }))),
            `${SYMBOL[param]} = ${top.value} against each value outside the range; ${numbers}`,
          ),
        );
      }

    const figures = SENSITIVITY_PARAMS.map((param) => ({
      name: FIGURE[param],
      svg: lineChart(
        summary
          .filter((s) => s.param === param)
          .flatMap((s) => [
            { x: s.value, y: s.acc, std: s.seeds > 1 ? s.accStd : undefined, series: 'accuracy', facet: datasetByKey(s.dataset).label },
            { x: s.value, y: s.macroF1, std: s.seeds > 1 ? s.macroF1Std : undefined, series: 'macro-F1', facet: datasetByKey(s.dataset).label },
          ]),
        {
          title: `Fig. ${FIGURE[param].slice(3)} — BMLHF vs ${SYMBOL[param]} (others at the paper's settings)`,
          x: SYMBOL[param],
          y: 'test score',
          xDomain: [0, 1],
          fields: { facet: 'facet' },
          width: Math.max(640, 300 * plan.datasets.length),
        },
      ),
    }));
    const table = aq.from(
      summary.map((s) => ({
        parameter: SYMBOL[s.param],
        dataset: datasetByKey(s.dataset).label,
        value: s.value,
        'paper setting': s.value === PAPER_SETTINGS[s.param] ? 'yes' : '',
        seeds: s.seeds,
        accuracy: fmt(s.acc, s.seeds > 1 ? s.accStd : null),
        'macro-F1': fmt(s.macroF1, s.seeds > 1 ? s.macroF1Std : null),
      })),
    );
    const dropped = SENSITIVITY_PARAMS.some((p) => plan.grid[p].length !== runnableGrid(p, plan.grid[p]).length);
    return {
      figures,
      tables: [{ name: 'fig9-11', title: 'Figs 9–11 — test accuracy and macro-F1 per hyperparameter value (mean ± std over seeds)', table }],
      numbers: { plan, summary },
      claims: [...claims, ...absentClaims(absent, 'Figs 9–11: the paper\u2019s best ranges of τ, α1, α2')],
      differences: [
        ...(dropped
          ? ['τ = 0 is not run: SupCon (Eq. 18) divides the similarities by τ, so τ = 0 is undefined; the τ curve starts at the first positive grid value.']
          : []),
        'α1 = 0 makes every k = 1 − tanh(0) = 1 (Eq. 4), i.e. no modulation: that point is the BMLHF-I run of Table 2.',
        ctx.profile === 'quick'
          ? `Quick profile: synthetic default only, seed ${plan.seeds.join(', ')}, a coarse grid; differences between neighbouring points are within one run's noise. The paper's datasets and a 0.1 grid (seeds ${SENSITIVITY_PLAN.full.seeds.join(', ')}) are in the full profile.`
          : `Full profile: seeds ${plan.seeds.join(', ')} per point (the paper's grid search does not say how many runs per point).`,
      ],
    };
  },
};
