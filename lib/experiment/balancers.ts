/**
 * Balancer registry: names a RunSpec may use (`balancer: { name, options }`) — every modality-balancing
 * method of lib/balance/index.ts (mib, ogm-ge, ...); an unknown name or option is an error naming it.
 */
import { BALANCING_METHODS, makeMethod, type BalancingMethod } from '../balance/index';

export type BalancerFactory = (options: Record<string, unknown>) => BalancingMethod;

export const BALANCERS: Record<string, BalancerFactory> = Object.fromEntries(Object.entries(BALANCING_METHODS).map(([name, e]) => [name, (options: Record<string, unknown>) => e.make(options)]));

export function makeBalancer(name: string, options: Record<string, unknown> = {}): BalancingMethod {
  return makeMethod(name, options);
}
