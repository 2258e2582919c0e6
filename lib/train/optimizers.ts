/**
 * Per-network optimisers for loops that train several networks at once
 * (CMC's stage 1: Adam for the text network, SGD with momentum for the
 * image network, as in the authors' code). Weight decay is PyTorch's
 * coupled form (wd · θ added to the gradient), as in the trainer.
 */
import { tf } from '../backend/index';

export type OptimizerSpec = { kind: 'adam'; lr: number; weightDecay?: number } | { kind: 'sgd'; lr: number; momentum?: number; weightDecay?: number };

export function makeOptimizer(s: OptimizerSpec, where = 'optimizer'): tf.Optimizer {
  if (!s || (s.kind !== 'adam' && s.kind !== 'sgd'))
    throw new Error(`${where}: 'kind' must be 'adam' or 'sgd', got ${JSON.stringify(s && (s as { kind?: unknown }).kind)}`);
  if (!(s.lr > 0)) throw new Error(`${where}: 'lr' must be > 0, got ${s.lr}`);
  if (s.kind === 'adam') return tf.train.adam(s.lr);
  const m = s.momentum ?? 0;
  // tfjs momentum: a ← μa + g; θ ← θ − lr·a — PyTorch SGD with dampening 0
  return m > 0 ? tf.train.momentum(s.lr, m) : tf.train.sgd(s.lr);
}

/** grads (+ wd·θ) applied to `vars` by `opt`; variables without a gradient are left alone. Call inside tf.tidy. */
export function applyWithDecay(opt: tf.Optimizer, vars: tf.Variable[], grads: tf.NamedTensorMap, weightDecay = 0): void {
  const final: tf.NamedTensorMap = {};
  for (const v of vars) {
    const g = grads[v.name];
    if (!g) continue;
    final[v.name] = weightDecay > 0 ? tf.add(g, tf.mul(v, weightDecay)) : g;
  }
  if (Object.keys(final).length) opt.applyGradients(final);
}

/** opt.dispose(), plus the −lr scalar `c` that tfjs's MomentumOptimizer inherits from SGD and never frees (its dispose() skips super's; 4.22). */
export function disposeOptimizer(opt: tf.Optimizer): void {
  opt.dispose();
  const c = (opt as unknown as { c?: tf.Tensor }).c;
  if (c && !c.isDisposed) c.dispose();
}
