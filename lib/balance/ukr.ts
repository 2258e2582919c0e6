/**
 * UKR — unimodal knowledge retention (HMS, arXiv 2604.09711): in the stages
 * after a head learned its modality from the small unimodal supervision, the
 * gradients of that head's Q/K/V/O slices are multiplied by λ < 1, so the
 * later (text-only, multimodal) stages move it less. No code is public; the
 * slices are the faithful small-model reading (docs/IMPLEMENTATION-NOTES.md):
 * columns h·d_h … (h+1)·d_h of W_q, W_k, W_v and of their biases, the same
 * rows of W_o (W_o's bias is shared by every head and is left alone).
 *
 * A balancing plug-in (BalancingMethod, lib/balance/method.ts) acting per
 * element instead of per variable group:
 *   mode 'gradient': g ← g ⊙ F   (as the paper states UKR; transformGradients)
 *   mode 'update'  : θ ← θ_old + F ⊙ (θ_new − θ_old)   (the optimiser's step; updateFactors)
 * with F = λ on the allocated slices and 1 elsewhere. Why both: Adam divides
 * a gradient by the root of its own second moment, so a constant λ on a
 * slice is almost cancelled ('gradient' barely moves anything under Adam,
 * the trainer's optimiser); 'update' applies the intended shrinkage to the
 * step itself (the same reasoning as the trainer's balanceMode 'update').
 */
import { tf } from '../backend/index';
import type { HeadSlice } from '../nn/gated-transformer';
import type { BalancingMethod } from './method';

export type SliceScalingMode = 'gradient' | 'update';

export interface SliceScaling extends BalancingMethod {
  readonly mode: SliceScalingMode;
  /** variable name → factor tensor of the variable's shape (variables not named: factor 1) */
  readonly factors: Map<string, tf.Tensor>;
  readonly config: Record<string, unknown>;
  dispose(): void;
}

export interface UkrOptions {
  /** the shrink factor λ of the allocated heads' gradients */
  lambda?: number;
  mode?: SliceScalingMode;
}

export const UKR_DEFAULTS: Required<UkrOptions> = { lambda: 0.1, mode: 'update' };

/** F for one variable: λ on the union of its slices, 1 elsewhere. */
function factorOf(shape: number[], slices: HeadSlice[], lambda: number): tf.Tensor {
  const f = new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(1);
  for (const s of slices) {
    if (s.kind === 'range') {
      for (let i = s.start; i < s.start + s.size; i++) f[i] = lambda;
    } else {
      const [rows, cols] = shape;
      for (let r = 0; r < rows; r++)
        for (let c = 0; c < cols; c++) {
          const inSlice = s.kind === 'cols' ? c >= s.start && c < s.start + s.size : r >= s.start && r < s.start + s.size;
          if (inSlice) f[r * cols + c] = lambda;
        }
    }
  }
  return tf.tensor(f, shape);
}

export function ukr(slices: HeadSlice[], options: UkrOptions = {}): SliceScaling {
  const o = { ...UKR_DEFAULTS, ...options };
  for (const k of Object.keys(options)) if (!(k in UKR_DEFAULTS)) throw new Error(`ukr: unknown option '${k}' (known: lambda, mode)`);
  if (!(o.lambda >= 0 && o.lambda <= 1)) throw new Error(`ukr: option 'lambda' must be in [0, 1], got ${o.lambda}`);
  if (o.mode !== 'gradient' && o.mode !== 'update') throw new Error(`ukr: option 'mode' must be 'gradient' or 'update', got '${o.mode}'`);
  const byVar = new Map<tf.Variable, HeadSlice[]>();
  for (const s of slices) byVar.set(s.variable, [...(byVar.get(s.variable) ?? []), s]);
  const factors = new Map<string, tf.Tensor>();
  for (const [v, ss] of byVar) factors.set(v.name, factorOf(v.shape, ss, o.lambda));
  const scaling: SliceScaling = {
    name: 'ukr',
    mode: o.mode,
    factors,
    config: { lambda: o.lambda, mode: o.mode, slices: slices.length },
    modulate: () => ({ scale: {} }),
    ...(o.mode === 'update' ? { updateFactors: factors } : { transformGradients: (grads: Record<string, tf.Tensor>) => scaleGradients(grads, scaling) }),
    dispose: () => factors.forEach((t) => t.dispose()),
  };
  return scaling;
}

/** Gradient mode: grads (variable name → gradient) with each named variable's gradient multiplied by its factor. */
export function scaleGradients(grads: Record<string, tf.Tensor>, scaling: SliceScaling): Record<string, tf.Tensor> {
  const out: Record<string, tf.Tensor> = {};
  for (const [name, g] of Object.entries(grads)) {
    const f = scaling.factors.get(name);
    out[name] = f ? tf.mul(g, f) : g;
  }
  return out;
}
