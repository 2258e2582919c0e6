/**
 * BMLHF entry points: the model factory and the matching balancer.
 *
 *   const model = bmlhf(dims, { seed: 0, ablation: 'D' });
 *   train(model, splits, { balancer: bmlhfBalancer({ ablation: 'D' }) });
 *
 * '-I' (no MIB) is a training choice, not a network change: bmlhfBalancer
 * returns undefined for it, and the model is the full network.
 */
import { MIB, type MIBOptions } from '../../balance/mib';
import { BMLHF, type Ablation, type BMLHFOptions } from './model';

export { BMLHF, BMLHF_DEFAULTS, BMLHF_VIEWS, ABLATIONS, type Ablation, type BMLHFOptions, type BMLHFView } from './model';
export { DualCrossTransformer } from './dual-cross';
export { ViewAttentionFusion, ViewScorer } from './intra-fusion';
export { JointCorrelationFusion, type InterReading } from './inter-fusion';
export { ViewHead, stopGradient, type ViewHeadMode } from './view-head';

export function bmlhf(dims: Record<string, number>, options: BMLHFOptions = {}): BMLHF {
  return new BMLHF(dims, options);
}

/** MIB with the paper's α1 = 0.8, or undefined for the '-I' ablation. */
export function bmlhfBalancer(options: MIBOptions & { ablation?: Ablation | null } = {}): MIB | undefined {
  const { ablation, ...mibOptions } = options;
  return ablation === 'I' ? undefined : new MIB(mibOptions);
}
