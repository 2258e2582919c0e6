/** Balancer registry: names a RunSpec may use for per-branch gradient modulation. */
import type { GradientBalancer } from '../balance/balancer';

export type BalancerFactory = (options: Record<string, unknown>) => GradientBalancer;

export const BALANCERS: Record<string, BalancerFactory> = {};

export function makeBalancer(name: string, options: Record<string, unknown> = {}): GradientBalancer {
  const f = BALANCERS[name];
  if (!f) throw new Error(`unknown balancer '${name}' (known: ${Object.keys(BALANCERS).join(', ') || 'none'})`);
  return f(options);
}
