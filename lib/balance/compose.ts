/**
 * Several balancing plug-ins on one training run (HMS's multimodal stage: a registered balancer and UKR):
 * one BalancingMethod whose hooks call each part's hook in order.
 *   modulate            group factors multiplied, records merged
 *   stepLoss            loss terms merged (a name twice is an error), model weights multiplied
 *   transformGradients  chained, in order
 *   updateFactors       element-wise products where two name the same variable
 *   beginEpoch          at most one part may have it (two epoch plans cannot be merged)
 *   wrap                no part may have it (the wrapped model answers to one method: train it alone)
 *   balanceMode         the first part's that sets one
 */
import { tf } from '../backend/index';
import type { BalanceInput, BalanceOutput } from './balancer';
import type { BalancingMethod, EpochPlan, GradientContext, MethodContext, StepContext, StepLoss } from './method';

export function composeMethods(parts: BalancingMethod[]): BalancingMethod {
  if (parts.length === 1) return parts[0];
  if (!parts.length) throw new Error('composeMethods: no methods');
  const planners = parts.filter((p) => p.beginEpoch);
  if (planners.length > 1)
    throw new Error(`composeMethods: ${planners.map((p) => p.name).join(' and ')} both plan epochs (beginEpoch); they cannot run together`);
  const wrapping = parts.find((p) => p.wrap);
  if (wrapping)
    throw new Error(
      `composeMethods: '${wrapping.name}' changes the model's forward pass (wrap); it cannot run together with ${parts
        .filter((p) => p !== wrapping)
        .map((p) => `'${p.name}'`)
        .join(', ')}`,
    );
  let factors: Map<string, tf.Tensor> | undefined;
  const owned: tf.Tensor[] = []; // products of two parts' factors (the parts own their own)
  for (const p of parts) {
    for (const [k, f] of p.updateFactors ?? []) {
      factors ??= new Map();
      const prev = factors.get(k);
      if (!prev) factors.set(k, f);
      else {
        const both = tf.keep(tf.mul(prev, f));
        owned.push(both);
        factors.set(k, both);
      }
    }
  }
  const planner = parts.find((p) => p.beginEpoch);
  const name = parts.map((p) => p.name).join(' + ');
  const m: BalancingMethod = {
    name,
    config: { balancer: name, parts: parts.map((p) => p.config ?? { balancer: p.name }) },
    balanceMode: parts.find((p) => p.balanceMode)?.balanceMode,
    ...(factors ? { updateFactors: factors } : {}),
    setup: (ctx: MethodContext) => parts.forEach((p) => p.setup?.(ctx)),
    modulate(input: BalanceInput): BalanceOutput {
      const scale: Record<string, number> = {};
      const record: Record<string, number> = {};
      for (const p of parts) {
        const r = p.modulate(input);
        for (const [g, k] of Object.entries(r.scale)) scale[g] = (scale[g] ?? 1) * k;
        Object.assign(record, r.record ?? {});
      }
      return { scale, record };
    },
    ...(planner ? { beginEpoch: (epoch: number, ctx: MethodContext): EpochPlan | void => planner.beginEpoch!(epoch, ctx) } : {}),
    ...(parts.some((p) => p.stepLoss)
      ? {
          stepLoss(ctx: StepContext): StepLoss {
            const out: StepLoss = { losses: {}, modelWeight: 1, record: {} };
            for (const p of parts) {
              const r = p.stepLoss?.(ctx) || {};
              for (const [k, t] of Object.entries(r.losses ?? {})) {
                if (k in out.losses!) throw new Error(`composeMethods: loss term '${k}' comes from two methods`);
                out.losses![k] = t;
              }
              out.modelWeight! *= r.modelWeight ?? 1;
              Object.assign(out.record!, r.record ?? {});
            }
            return out;
          },
        }
      : {}),
    ...(parts.some((p) => p.transformGradients)
      ? {
          transformGradients: (grads: Record<string, tf.Tensor>, ctx: GradientContext) =>
            parts.reduce((g, p) => (p.transformGradients ? p.transformGradients(g, ctx) : g), grads),
        }
      : {}),
    endEpoch: (epoch: number, ctx: MethodContext) => Object.assign({}, ...parts.map((p) => p.endEpoch?.(epoch, ctx) ?? {})),
    dispose() {
      parts.forEach((p) => p.dispose?.());
      owned.forEach((t) => t.dispose());
    },
  };
  return m;
}
