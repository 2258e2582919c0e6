/**
 * The modality-balancing methods by name: what a RunSpec's `balancer: { name, options }`
 * selects (the one registry: run specs, the explorer and the toolkit read it), each with the authors' default options and its paper.
 * `needs` says what the model must provide beyond per-branch logits keyed like groups().
 */
import type { BalancingMethod } from './method';
import { MIB_DEFAULTS, mib } from './mib';
import { OGM_GE_DEFAULTS, ogmGe } from './ogm-ge';
import { MMCOSINE_DEFAULTS, mmcosine } from './mmcosine';
import { VALUATION_DEFAULTS, sampleValuation } from './valuation';
import { AGM_DEFAULTS, agm } from './agm';
import { PMR_DEFAULTS, pmr } from './pmr';
import { GRADIENT_BLENDING_DEFAULTS, gradientBlending } from './gradient-blending';
import { MLA_DEFAULTS, mla } from './mla';
import { RELEARNING_DEFAULTS, relearning } from './relearning';
import { OPM_DEFAULTS, opm } from './opm';
import { CML_DEFAULTS, cml } from './cml';
import { MBSD_DEFAULTS, mbsd } from './mbsd';
import { INFOREG_DEFAULTS, infoReg } from './inforeg';
import { CGGM_DEFAULTS, cggm } from './cggm';
import { MMPARETO_DEFAULTS, mmPareto } from './mmpareto';
import { LFM_DEFAULTS, lfm } from './lfm';
import { AMCO_DEFAULTS, amco } from './amco';
import { RECONBOOST_DEFAULTS, reconBoost } from './reconboost';
import { OLM_DEFAULTS, olm } from './olm';
import { UMT_DEFAULTS, umt } from './umt';

export interface MethodNeeds {
  /** Output.features: per-branch representations [B, d] keyed like groups() */
  features?: boolean;
  /** exactly two modalities (text and image) */
  twoModalities?: boolean;
  /** fused logits = the sum of the branch logits (late fusion's split head; AMCo masks one term of that sum) */
  additiveBranches?: boolean;
}

/**
 * BalanceBenchmark's four families (Xu et al., BalanceBenchmark, 2025): what a method changes —
 * the training data (sampling, valuation), the forward pass (dropping / alternating modalities),
 * the objective (extra or re-weighted loss terms), or the optimisation (gradients, steps, re-initialisation)
 */
export type MethodFamily = 'data' | 'feed-forward' | 'objective' | 'optimisation';
export const FAMILIES: readonly MethodFamily[] = ['data', 'feed-forward', 'objective', 'optimisation'];

export interface MethodEntry {
  make(options?: Record<string, unknown>): BalancingMethod;
  /** its family (the toolkit's table groups by it); a method without one is listed after the four */
  family?: MethodFamily;
  defaults: Record<string, unknown>;
  paper: string;
  needs?: MethodNeeds;
}

export const BALANCING_METHODS: Record<string, MethodEntry> = {
  mib: { family: 'optimisation', make: (o) => mib(o), defaults: MIB_DEFAULTS, paper: 'Wu et al., BMLHF (MIB, Sec. 3.2, Eq. 1–5)' },
  'ogm-ge': {
    family: 'optimisation',
    make: (o) => ogmGe(o),
    defaults: OGM_GE_DEFAULTS,
    paper: 'Peng et al., Balanced Multimodal Learning via On-the-fly Gradient Modulation, CVPR 2022 (Eq. 10)',
  },
  mmcosine: {
    family: 'objective',
    make: (o) => mmcosine(o),
    defaults: MMCOSINE_DEFAULTS,
    paper: 'Xu et al., MMCosine: Multi-Modal Cosine Loss Towards Balanced Audio-Visual Fine-Grained Learning, ICASSP 2023',
    needs: { features: true },
  },
  'sample-valuation': {
    family: 'data',
    make: (o) => sampleValuation(o),
    defaults: VALUATION_DEFAULTS,
    paper: 'Wei et al., Enhancing Multimodal Cooperation via Sample-level Modality Valuation, CVPR 2024',
    needs: { twoModalities: true },
  },
  agm: {
    family: 'optimisation',
    make: (o) => agm(o),
    defaults: AGM_DEFAULTS,
    paper: 'Li et al., Boosting Multi-modal Model Performance with Adaptive Gradient Modulation, ICCV 2023',
    needs: { twoModalities: true },
  },
  pmr: {
    family: 'optimisation',
    make: (o) => pmr(o),
    defaults: PMR_DEFAULTS,
    paper: 'Fan et al., PMR: Prototypical Modal Rebalance for Multimodal Learning, CVPR 2023',
    needs: { features: true },
  },
  'gradient-blending': {
    family: 'objective',
    make: (o) => gradientBlending(o),
    defaults: GRADIENT_BLENDING_DEFAULTS,
    paper: 'Wang, Tran, Feiszli, What Makes Training Multi-modal Classification Networks Hard?, CVPR 2020 (G-Blend)',
  },
  mla: {
    family: 'feed-forward',
    make: (o) => mla(o),
    defaults: MLA_DEFAULTS,
    paper: 'Zhang et al., Multimodal Representation Learning by Alternating Unimodal Adaptation, CVPR 2024',
    needs: { features: true },
  },
  'diagnose-relearn': {
    family: 'optimisation',
    make: (o) => relearning(o),
    defaults: RELEARNING_DEFAULTS,
    paper: 'Wei, Li, Hu, Diagnosing and Re-learning for Balanced Multimodal Learning, ECCV 2024',
    needs: { features: true },
  },
  opm: {
    family: 'feed-forward',
    make: (o) => opm(o),
    defaults: OPM_DEFAULTS,
    paper: 'Wei, Hu, Peng, Wang, Deng, On-the-fly Modulation for Balanced Multimodal Learning, TPAMI 2024 (OPM, Eq. 1–4)',
    needs: { twoModalities: true },
  },
  cml: {
    family: 'objective',
    make: (o) => cml(o),
    defaults: CML_DEFAULTS,
    paper: 'Ma et al., Calibrating Multimodal Learning, ICML 2023 (CML regulariser, Eq. 1–3)',
    needs: { twoModalities: true },
  },
  mbsd: {
    family: 'objective',
    make: (o) => mbsd(o),
    defaults: MBSD_DEFAULTS,
    paper:
      'MBSD (modality-balanced self-distillation) as GeWu-Lab/BalanceBenchmark MBSD_trainer.py runs it (BalanceBenchmark, 2025; Eq. 1–4 in lib/balance/mbsd.ts)',
    needs: { twoModalities: true },
  },
  inforeg: {
    family: 'optimisation',
    make: (o) => infoReg(o),
    defaults: INFOREG_DEFAULTS,
    paper: 'Huang, Wei, Yang, Hu, Adaptive Unimodal Regulation for Balanced Multimodal Information Acquisition, CVPR 2025 (InfoReg, Eq. 1–4)',
    needs: { twoModalities: true },
  },
  cggm: {
    family: 'optimisation',
    make: (o) => cggm(o),
    defaults: CGGM_DEFAULTS,
    paper: 'Guo et al., Classifier-guided Gradient Modulation for Enhanced Multimodal Learning, NeurIPS 2024 (CGGM, magnitude modulation, Eq. 1–3)',
    needs: { twoModalities: true },
  },
  mmpareto: {
    family: 'objective',
    make: (o) => mmPareto(o),
    defaults: MMPARETO_DEFAULTS,
    paper: 'Wei, Hu, MMPareto: Boosting Multimodal Learning with Innocent Unimodal Assistance, ICML 2024 (Eq. 1–3 as its code runs them)',
  },
  lfm: {
    family: 'objective',
    make: (o) => lfm(o),
    defaults: LFM_DEFAULTS,
    paper: 'Yang et al., Facilitating Multimodal Classification via Dynamically Learning Modality Gap, NeurIPS 2024 (LFM, learning-fitted schedule, Eq. 1–3)',
    needs: { twoModalities: true },
  },
  amco: {
    family: 'feed-forward',
    make: (o) => amco(o),
    defaults: AMCO_DEFAULTS,
    paper:
      'Zhou et al., Adaptive Mask Co-Optimization for Modal Dependence in Multimodal Learning, ICASSP 2023 (AMCo, as GeWu-Lab/BalanceBenchmark runs it; Eq. 1–4)',
    needs: { additiveBranches: true },
  },
  reconboost: {
    family: 'optimisation',
    make: (o) => reconBoost(o),
    defaults: RECONBOOST_DEFAULTS,
    paper: 'Hua et al., ReconBoost: Boosting Can Achieve Modality Reconcilement, ICML 2024 (as GeWu-Lab/BalanceBenchmark runs it; Eq. 1–2)',
    needs: { twoModalities: true },
  },
  olm: {
    family: 'objective',
    make: (o) => olm(o),
    defaults: OLM_DEFAULTS,
    paper: 'Zong, Ding, Li, Li, Zheng, Balancing Multimodal Learning via Online Logit Modulation, IJCAI 2024 (OLM, Eq. 1–5)',
  },
  umt: {
    family: 'objective',
    make: (o) => umt(o),
    defaults: UMT_DEFAULTS,
    paper: 'Du et al., On Uni-Modal Feature Learning in Supervised Multi-Modal Learning, ICML 2023 (UMT, as GeWu-Lab/BalanceBenchmark runs it; Eq. 1–2)',
    needs: { features: true },
  },
};

export function makeMethod(name: string, options: Record<string, unknown> = {}): BalancingMethod {
  const e = BALANCING_METHODS[name];
  if (!e) throw new Error(`unknown balancer '${name}' (known: ${Object.keys(BALANCING_METHODS).join(', ')})`);
  if (options === null || typeof options !== 'object' || Array.isArray(options))
    throw new Error(`balancer '${name}': options must be an object, got ${JSON.stringify(options)}`);
  return e.make(options);
}

export type { BalancingMethod } from './method';
export { withMethod } from './method';
