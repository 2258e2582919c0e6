/**
 * Walkthrough "a new balancing method" (docs/ADD-A-THING.md): slow down the
 * branch that is ahead. Each step, the branch with the larger mean
 * true-class probability gets its gradient multiplied by `factor` (< 1),
 * the other keeps 1 — a one-line cousin of OGM-GE. In the workbench this
 * file would be lib/balance/slow-leader.ts.
 */
import type { BalancingMethod } from '../../lib/balance/method';
import { methodOptions } from '../../lib/balance/method';

export interface SlowLeaderOptions {
  /** gradient factor of the leading branch */
  factor?: number;
}
export const SLOW_LEADER_DEFAULTS: Required<SlowLeaderOptions> = { factor: 0.5 };

export function slowLeader(options: SlowLeaderOptions = {}): BalancingMethod {
  const o = methodOptions('slow-leader', SLOW_LEADER_DEFAULTS, options);
  if (!(o.factor > 0 && o.factor <= 1)) throw new Error(`slow-leader: option 'factor' must be in (0, 1], got ${o.factor}`);
  return {
    name: 'slow-leader',
    config: { factor: o.factor },
    modulate({ scoreSums, batchSize }) {
      const entries = Object.entries(scoreSums);
      if (entries.length < 2) return { scale: {} };
      const [leader] = entries.reduce((a, b) => (b[1] > a[1] ? b : a));
      const record = Object.fromEntries(entries.map(([g, s]) => [`score_${g}`, s / batchSize]));
      return { scale: { [leader]: o.factor }, record };
    },
  };
}
