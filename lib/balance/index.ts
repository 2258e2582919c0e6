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

export interface MethodNeeds {
  /** Output.features: per-branch representations [B, d] keyed like groups() */
  features?: boolean;
  /** exactly two modalities (text and image) */
  twoModalities?: boolean;
}

export interface MethodEntry {
  make(options?: Record<string, unknown>): BalancingMethod;
  defaults: Record<string, unknown>;
  paper: string;
  needs?: MethodNeeds;
}

export const BALANCING_METHODS: Record<string, MethodEntry> = {
  mib: { make: (o) => mib(o), defaults: MIB_DEFAULTS, paper: 'Wu et al., BMLHF (MIB, Sec. 3.2, Eq. 1–5)' },
  'ogm-ge': { make: (o) => ogmGe(o), defaults: OGM_GE_DEFAULTS, paper: 'Peng et al., Balanced Multimodal Learning via On-the-fly Gradient Modulation, CVPR 2022 (Eq. 10)' },
  mmcosine: { make: (o) => mmcosine(o), defaults: MMCOSINE_DEFAULTS, paper: 'Xu et al., MMCosine: Multi-Modal Cosine Loss Towards Balanced Audio-Visual Fine-Grained Learning, ICASSP 2023', needs: { features: true } },
  'sample-valuation': { make: (o) => sampleValuation(o), defaults: VALUATION_DEFAULTS, paper: 'Wei et al., Enhancing Multimodal Cooperation via Sample-level Modality Valuation, CVPR 2024', needs: { twoModalities: true } },
  agm: { make: (o) => agm(o), defaults: AGM_DEFAULTS, paper: 'Li et al., Boosting Multi-modal Model Performance with Adaptive Gradient Modulation, ICCV 2023', needs: { twoModalities: true } },
  pmr: { make: (o) => pmr(o), defaults: PMR_DEFAULTS, paper: 'Fan et al., PMR: Prototypical Modal Rebalance for Multimodal Learning, CVPR 2023', needs: { features: true } },
  'gradient-blending': { make: (o) => gradientBlending(o), defaults: GRADIENT_BLENDING_DEFAULTS, paper: 'Wang, Tran, Feiszli, What Makes Training Multi-modal Classification Networks Hard?, CVPR 2020 (G-Blend)' },
  mla: { make: (o) => mla(o), defaults: MLA_DEFAULTS, paper: 'Zhang et al., Multimodal Representation Learning by Alternating Unimodal Adaptation, CVPR 2024', needs: { features: true } },
  'diagnose-relearn': { make: (o) => relearning(o), defaults: RELEARNING_DEFAULTS, paper: 'Wei, Li, Hu, Diagnosing and Re-learning for Balanced Multimodal Learning, ECCV 2024', needs: { features: true } },
};

export function makeMethod(name: string, options: Record<string, unknown> = {}): BalancingMethod {
  const e = BALANCING_METHODS[name];
  if (!e) throw new Error(`unknown balancer '${name}' (known: ${Object.keys(BALANCING_METHODS).join(', ')})`);
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw new Error(`balancer '${name}': options must be an object, got ${JSON.stringify(options)}`);
  return e.make(options);
}

export type { BalancingMethod } from './method';
export { withMethod } from './method';
