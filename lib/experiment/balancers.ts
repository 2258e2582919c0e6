/** Balancer registry: names a RunSpec may use for per-branch gradient modulation. */
import type { GradientBalancer } from '../balance/balancer';
import { mib, type MIBOptions } from '../balance/mib';

export type BalancerFactory = (options: Record<string, unknown>) => GradientBalancer;

export const BALANCERS: Record<string, BalancerFactory> = {
  // BMLHF Eq. 2–5; options { alpha1 = 0.8, start, end }
  mib: (options) => mib(options as MIBOptions),
};

export function makeBalancer(name: string, options: Record<string, unknown> = {}): GradientBalancer {
  const f = BALANCERS[name];
  if (!f) throw new Error(`unknown balancer '${name}' (known: ${Object.keys(BALANCERS).join(', ') || 'none'})`);
  return f(options);
}
