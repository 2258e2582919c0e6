/**
 * The trainer's optimiser and learning-rate schedule (TrainOptions.optimizer / .schedule):
 *   { kind: 'adam' }                      Adam — the default (the workbench's host optimiser): makeAdam(lr),
 *                                         the flat native Adam where it loads, else tfjs's (flat-adam.ts)
 *   { kind: 'sgd', momentum: μ }          PyTorch SGD with dampening 0 and no Nesterov:
 *                                           buf ← μ·buf + (g + wd·θ);  θ ← θ − lr·buf
 *                                         (tfjs MomentumOptimizer: accum ← μ·accum + g; θ ← θ − lr·accum — the same
 *                                         recursion; the trainer adds wd·θ to g first, PyTorch's coupled decay)
 * Schedule { kind: 'step', every: s, gamma: γ }: PyTorch's StepLR(s, γ) stepped once per epoch, as the
 * GeWu-Lab code does (scheduler.step() after each epoch): epoch e (1-based) trains with lr·γ^⌊(e − 1)/s⌋.
 * Why here and not in optimizers.ts: that file serves the multi-network loops (CMC stage 1); these are
 * the single trainer's settings, recorded in the run spec's `train`.
 */
import { tf } from '../backend/index';
import { makeAdam } from './flat-adam';

export type TrainOptimizer = { kind: 'adam' } | { kind: 'sgd'; momentum?: number };

export interface LrSchedule {
  kind: 'step';
  /** epochs between decays (StepLR step_size) */
  every: number;
  /** factor per decay (StepLR gamma) */
  gamma: number;
}

export function checkTrainOptimizer(o: TrainOptimizer | undefined, schedule: LrSchedule | undefined): void {
  if (o !== undefined) {
    if (!o || (o.kind !== 'adam' && o.kind !== 'sgd'))
      throw new Error(`train(): option 'optimizer.kind' must be 'adam' or 'sgd', got ${JSON.stringify(o && (o as { kind?: unknown }).kind)}`);
    for (const k of Object.keys(o))
      if (!['kind', ...(o.kind === 'sgd' ? ['momentum'] : [])].includes(k)) throw new Error(`train(): unknown key 'optimizer.${k}' for kind '${o.kind}'`);
    if (o.kind === 'sgd' && o.momentum !== undefined && !(o.momentum >= 0 && o.momentum < 1))
      throw new Error(`train(): option 'optimizer.momentum' must be in [0, 1), got ${o.momentum}`);
  }
  if (schedule !== undefined) {
    if (!schedule || schedule.kind !== 'step')
      throw new Error(`train(): option 'schedule.kind' must be 'step', got ${JSON.stringify(schedule && (schedule as { kind?: unknown }).kind)}`);
    if (!(Number.isInteger(schedule.every) && schedule.every >= 1))
      throw new Error(`train(): option 'schedule.every' must be a positive integer, got ${schedule.every}`);
    if (!(schedule.gamma > 0)) throw new Error(`train(): option 'schedule.gamma' must be > 0, got ${schedule.gamma}`);
    if ((o?.kind ?? 'adam') !== 'sgd') throw new Error("train(): option 'schedule' needs optimizer { kind: 'sgd' } (tfjs's Adam has no learning-rate setter)");
  }
}

/** The optimiser of a training run (call checkTrainOptimizer first). */
export function makeTrainOptimizer(o: TrainOptimizer | undefined, lr: number): tf.Optimizer {
  if (!o || o.kind === 'adam') return makeAdam(lr);
  const m = o.momentum ?? 0;
  return m > 0 ? tf.train.momentum(lr, m) : tf.train.sgd(lr);
}

/** The learning rate of epoch `epoch` (1-based) under `schedule`. */
export function scheduledLr(lr: number, schedule: LrSchedule | undefined, epoch: number): number {
  if (!schedule) return lr;
  return lr * Math.pow(schedule.gamma, Math.floor((epoch - 1) / schedule.every));
}

/** Sets an SGD / momentum optimiser's learning rate (no-op when it is already `lr`). */
export function setLearningRate(opt: tf.Optimizer, lr: number): void {
  const sgd = opt as unknown as { learningRate: number; setLearningRate?: (lr: number) => void };
  if (sgd.learningRate === lr) return;
  if (!sgd.setLearningRate) throw new Error('setLearningRate: the optimiser has no learning-rate setter (SGD / momentum only)');
  sgd.setLearningRate(lr);
}

/** opt.dispose(), plus the −lr scalar `c` that tfjs's SGD / momentum optimisers keep (MomentumOptimizer.dispose skips it; 4.22). */
export function disposeTrainOptimizer(opt: tf.Optimizer): void {
  opt.dispose();
  const c = (opt as unknown as { c?: tf.Tensor }).c;
  if (c && !c.isDisposed) c.dispose();
}
