/**
 * BMLHF entry point: the model factory.
 *
 *   const model = bmlhf(dims, { seed: 0, ablation: 'D' });
 *   train(model, splits, { balancer: mib() });          // lib/balance/mib.ts
 *
 * '-I' (no MIB) is a training choice, not a network change: train without
 * the balancer; the model is the full network.
 */
import { BMLHF, type BMLHFOptions } from './model';

export { BMLHF, BMLHF_DEFAULTS, BMLHF_VIEWS, ABLATIONS, type Ablation, type BMLHFOptions, type BMLHFView } from './model';
export { DualCrossTransformer } from './dual-cross';
export { ViewAttentionFusion, ViewScorer } from './intra-fusion';
export { JointCorrelationFusion, type InterReading } from './inter-fusion';
export { ViewHead, stopGradient, type ViewHeadMode } from './view-head';

export function bmlhf(dims: Record<string, number>, options: BMLHFOptions = {}): BMLHF {
  return new BMLHF(dims, options);
}
