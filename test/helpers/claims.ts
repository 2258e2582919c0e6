/**
 * How paper tests read a claim under three-outcome verdicts: `leaning` is the verdict where one was
 * reached, else the direction of the observed effect (a fixture with 3 seeds cannot be decided by
 * the exact paired test, but the sign of its effect still tells the wiring apart); `undefined` for
 * not checked or a claim without an effect.
 */
import type { Claim } from '../../lib/eval/claim';

export function leaning(c: Claim): boolean | undefined {
  if (c.verdict === 'holds') return true;
  if (c.verdict === 'does not hold') return false;
  if (c.verdict === 'not checked' || !c.outcome || !Number.isFinite(c.outcome.effect)) return undefined;
  return c.outcome.effect + (c.outcome.margin ?? 0) > 0;
}
