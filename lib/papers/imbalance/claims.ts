/**
 * Each balancing method's own headline claim, as checks on our runs:
 *   'acc'          the method improves the multimodal test accuracy over joint training
 *   'weakHead'     the weak modality's unimodal accuracy (its own head) rises
 *   'weakShapley'  the weak modality's Shapley contribution (accuracy value) rises
 *   'ratio'        the imbalance ratio (strong / weak head score) falls
 * Each is decided against joint training on the same host, dataset and seeds
 * by lib/eval/verdict.ts: the exact sign-flip test paired by seed (one-sided,
 * α = 0.05) — holds / does not hold / undecided (with the seeds that would
 * decide it). A one-class predictor on either side is undecided. The weak modality is the one with the lower
 * validation accuracy of its head under joint training (validation only).
 */
import { claimFrom, notChecked, type Claim } from '../../eval/claim';
import { compareSides } from '../../eval/compare';
import type { Method } from './common';
import { kwText, kwVsJoint, ms, type CellStats } from './summary';
import { ALPHA as VERDICT_ALPHA } from '../../eval/verdict';

export type ClaimKind = 'acc' | 'weakHead' | 'weakShapley' | 'ratio';

/** the claims each method's paper makes (registry name → kinds); a method not listed gets acc + weakHead */
export const METHOD_CLAIMS: Record<string, ClaimKind[]> = {
  mib: ['acc', 'weakHead'],
  'ogm-ge': ['acc', 'weakHead'],
  pmr: ['acc', 'weakHead'],
  agm: ['acc', 'weakShapley'],
  mmcosine: ['acc', 'weakHead'],
  'gradient-blending': ['acc'],
  mla: ['acc', 'weakHead', 'ratio'],
  'diagnose-relearn': ['acc', 'weakHead'],
  'sample-valuation': ['acc', 'weakShapley'],
  // OPM (TPAMI 2024): dropping the dominant modality lets the suppressed one learn — its unimodal accuracy rises
  opm: ['acc', 'weakHead'],
  // CML (ICML 2023): calibration (no claim kind here) and accuracy; the accuracy claim is what this table can check
  cml: ['acc'],
  // MBSD: the weaker unimodal prediction distilled towards the stronger — the weak head rises
  mbsd: ['acc', 'weakHead'],
  // InfoReg (CVPR 2025): holding back the information-sufficient modality in the prime window lets the insufficient one acquire information
  inforeg: ['acc', 'weakHead'],
  // CGGM (NeurIPS 2024): the modality that improves less gets the larger gradient — the weak head rises
  cggm: ['acc', 'weakHead'],
  // MMPareto (ICML 2024): unimodal losses integrated without conflict boost unimodal learning — the weak head rises
  mmpareto: ['acc', 'weakHead'],
  // LFM (NeurIPS 2024): fitting and alignment balanced over training improve the multimodal accuracy and the weak modality
  lfm: ['acc', 'weakHead'],
  // AMCo (ICASSP 2023): masking the modality the model depends on lets the other one be learnt — the weak head rises
  amco: ['acc', 'weakHead'],
  // ReconBoost (ICML 2024): boosting each modality against the others' ensemble — the weak head rises
  reconboost: ['acc', 'weakHead'],
  // OLM (IJCAI 2024): harmonised logit magnitudes let the under-fitted modality learn — the weak head rises
  olm: ['acc', 'weakHead'],
  // UMT (ICML 2023): distilling unimodal teachers' features restores uni-modal feature learning — the weak head rises
  umt: ['acc', 'weakHead'],
};
export const DEFAULT_CLAIMS: ClaimKind[] = ['acc', 'weakHead'];

export const claimKinds = (m: Method): ClaimKind[] => METHOD_CLAIMS[m.key] ?? DEFAULT_CLAIMS;

export function statement(m: Method, kind: ClaimKind, weak?: string): string {
  const w = weak ? ` (${weak})` : '';
  switch (kind) {
    case 'acc':
      return `${m.label} improves the multimodal accuracy over joint training`;
    case 'weakHead':
      return `${m.label}: the weak modality's unimodal accuracy rises${w}`;
    case 'weakShapley':
      return `${m.label}: the weak modality's Shapley contribution rises${w}`;
    case 'ratio':
      return `${m.label}: the imbalance ratio (strong / weak head score) falls`;
  }
}

/** The weak modality of a joint-training cell: lower mean validation accuracy of its head at the selected epoch. */
export function weakModality(joint: CellStats): string | undefined {
  const val = (b: string) => joint.results.map((r) => r.history.find((h) => h.epoch === r.bestEpoch)?.[`val_acc_${b}`]);
  const t = val('text'),
    i = val('image');
  if ([...t, ...i].some((x) => x === undefined)) return undefined;
  const mean = (xs: (number | undefined)[]) => xs.reduce((a: number, b) => a + b!, 0) / xs.length;
  return mean(i) <= mean(t) ? 'image' : 'text';
}

/** The method's claims on one cell, checked against joint training on the same host and dataset. */
export function checkClaims(m: Method, s: CellStats, joint: CellStats, on: string): Claim[] {
  const weak = weakModality(joint);
  return claimKinds(m).map((kind): Claim => {
    const metric = kind === 'acc' ? 'acc' : kind === 'ratio' ? 'ratio' : weak ? `${kind === 'weakHead' ? 'head' : 'shapley'}_${weak}` : undefined;
    const st = statement(m, kind, kind === 'weakHead' || kind === 'weakShapley' ? weak : undefined);
    if (!metric) return notChecked({ statement: st, on }, 'the host model has no text/image heads to name the weak modality');
    const t = kwVsJoint(s, joint, metric);
    if (!t) return notChecked({ statement: st, on }, `the runs have no ${metric} (no unimodal heads)`);
    const sign = kind === 'ratio' ? -1 : 1;
    const what =
      metric === 'acc'
        ? 'test accuracy'
        : metric === 'ratio'
          ? 'imbalance ratio'
          : metric.startsWith('head_')
            ? `${weak} head test accuracy`
            : `Shapley φ_${weak} (accuracy)`;
    // "falls" claims (the ratio) flip the sides: joint − method > 0
    const mine = { label: m.label, values: s.values[metric], seeds: s.seeds, metrics: s.results.map((r) => r.test) };
    const theirs = { label: 'joint training', values: joint.values[metric], seeds: joint.seeds, metrics: joint.results.map((r) => r.test) };
    const outcome = sign > 0 ? compareSides(mine, theirs) : compareSides(theirs, mine);
    return claimFrom(
      { statement: st, on },
      outcome,
      `${what}: ${ms(s, metric)} vs joint ${ms(joint, metric)}; ${kwText(t)} (two-sided, for reference; α = ${VERDICT_ALPHA})`,
    );
  });
}
