/**
 * OGM-GE — On-the-fly Gradient Modulation with Generalization Enhancement
 * (Peng, Wei, Deng, Wang, Hu, "Balanced Multimodal Learning via On-the-fly
 * Gradient Modulation", CVPR 2022; authors' code
 * GeWu-Lab/OGM-GE_CVPR2022, main.py, which names Eq. 10 in a comment).
 *
 * Per step, with s^u = Σ_batch softmax(W^u φ^u + b/2)[y]  (the trainer's score sums):
 *   ρ^u = s^u / s^v                            Eq. 10 (two modalities; with U > 2 branches we divide
 *                                              by the mean of the other branches' s, the same for U = 2)
 *   k^u = 1 − tanh(α · ρ^u)  if ρ^u > 1, else 1 Eq. 10 (the paper and the authors' code: tanh of ρ itself;
 *                                              option centered: 1 − tanh(α · relu(ρ^u − 1)), continuous at 1)
 *   θ^u ← θ^u − η (k^u g^u + ε),  ε ~ N(0, (std(g^u) + 1e-8)²)   (GE)
 * As the authors' code since 2022-06-29 ("bug fixed", main.py): the noise std is that of the
 * UNMODULATED gradient g (the right-hand side `grad * coeff + normal_(0, grad.std() + 1e-8)` reads grad
 * before the assignment), and both k and the noise act on the encoders' weight tensors only — their
 * 4-d convolution kernels; here every weight of rank ≥ 2 of a group. Biases (and any rank-1
 * parameter) of a group keep their plain gradient, so modulate() returns no group factors: the
 * factors are applied here, in transformGradients(), to the weights. Modulation and noise only for
 * epochs start..end (1-based, inclusive; the authors' defaults 0..50 of 0-based epochs). α has no
 * default in the authors' code (a required argument); 0.8 is BMLHF's α1, which the BMLHF paper
 * took from OGM-GE.
 *
 * Authors' optimiser (main.py): SGD, momentum 0.9, weight decay 1e-4, lr 1e-3, StepLR(70, 0.1),
 * batch 64, 100 epochs — the preset 'authors' of lib/balance/presets.ts.
 */
import { tf } from '../backend/index';
import { deriveSeed } from '../util/random';
import type { BalanceInput, BalanceOutput } from './balancer';
import { MethodBase, type GradientContext, type MethodContext } from './method';

export interface OgmGeOptions {
  /** α of Eq. 10 (required in the authors' code; 0.8 as BMLHF's α1) */
  alpha?: number;
  /** GE: Gaussian noise on the modulated gradients (false = plain OGM) */
  ge?: boolean;
  /** 1 − tanh(α · relu(ρ − 1)) instead of the paper's 1 − tanh(α · ρ) */
  centered?: boolean;
  /** first / last epoch (1-based, inclusive) of modulation; authors: epochs 0..50 of 0-based training */
  start?: number;
  end?: number;
}

export const OGM_GE_DEFAULTS: Required<OgmGeOptions> = { alpha: 0.8, ge: true, centered: false, start: 1, end: 50 };

/** Eq. 10: ρ^u from per-branch score sums (U = 2: s^u / s^v; U > 2: s^u / mean of the others). */
export function ogmRatios(scoreSums: Record<string, number>): Record<string, number> {
  const names = Object.keys(scoreSums);
  if (names.length < 2) throw new Error(`OGM-GE: needs ≥ 2 branches, got [${names.join(', ')}]; the model must return Output.branches keyed like groups()`);
  const out: Record<string, number> = {};
  for (const n of names) {
    const others = names.filter((m) => m !== n);
    const mean = others.reduce((a, m) => a + scoreSums[m], 0) / others.length;
    out[n] = scoreSums[n] / Math.max(mean, 1e-12);
  }
  return out;
}

/** Eq. 10: the dominant modality's factor. */
export function ogmCoefficient(ratio: number, alpha: number, centered = false): number {
  if (!(ratio > 1)) return 1;
  return 1 - Math.tanh(alpha * (centered ? ratio - 1 : ratio));
}

/**
 * Unbiased standard deviation of each tensor's entries (torch's Tensor.std()), as numbers: one read
 * from the backend for all of them (a read per tensor stalls a GPU backend once per variable).
 */
export function gradStds(gs: tf.Tensor[]): number[] {
  const sums = tf.tidy(() =>
    gs.length ? tf.stack(gs.map((g) => (g.size < 2 ? tf.scalar(0) : tf.sum(tf.square(tf.sub(g, tf.mean(g))))))).dataSync() : new Float32Array(0),
  );
  return gs.map((g, i) => (g.size < 2 ? 0 : Math.sqrt(sums[i] / (g.size - 1))));
}

export const gradStd = (g: tf.Tensor): number => gradStds([g])[0];

export class OgmGe extends MethodBase<OgmGeOptions> {
  private seed = 0;
  /** this step's k per group (modulate → transformGradients) */
  private k: Record<string, number> = {};

  constructor(options: OgmGeOptions = {}) {
    super('OGM-GE', OGM_GE_DEFAULTS, options);
    if (!(this.o.alpha >= 0)) throw new Error(`OGM-GE: option 'alpha' must be ≥ 0, got ${this.o.alpha}`);
    if (!(this.o.end >= this.o.start)) throw new Error(`OGM-GE: option 'end' (${this.o.end}) must be ≥ 'start' (${this.o.start})`);
  }

  private active(epoch: number): boolean {
    return epoch >= this.o.start && epoch <= this.o.end;
  }

  setup(ctx: MethodContext): void {
    this.seed = ctx.seed;
  }

  /** Eq. 10's k per group, recorded; applied to the groups' weight tensors in transformGradients (not to biases). */
  override modulate({ scoreSums, epoch }: BalanceInput): BalanceOutput {
    const ratio = ogmRatios(scoreSums);
    const record: Record<string, number> = {};
    this.k = {};
    for (const n of Object.keys(scoreSums)) {
      this.k[n] = this.active(epoch) ? ogmCoefficient(ratio[n], this.o.alpha, this.o.centered) : 1;
      record[`ratio_${n}`] = ratio[n];
      record[`coef_${n}`] = this.k[n];
    }
    return { scale: {}, record };
  }

  /** k·g (+ GE: N(0, (std(g) + 1e-8)²), g the unmodulated gradient) on each group's weight tensors, inside the window. */
  transformGradients(grads: Record<string, tf.Tensor>, ctx: GradientContext): Record<string, tf.Tensor> {
    const on = this.active(ctx.epoch);
    const stds: Record<string, number[]> = {};
    const out: Record<string, tf.Tensor> = { ...grads };
    const weights: [number, tf.Variable, string, tf.Tensor][] = []; // [position, variable, group, gradient]
    for (const [i, v] of ctx.variables.entries()) {
      const group = ctx.groupOf.get(v.name);
      const g = grads[v.name];
      if (!group || !g) continue;
      stds[group] ??= [];
      if (on && v.shape.length >= 2) weights.push([i, v, group, g]);
    }
    for (const [, v, group, g] of weights) {
      const k = this.k[group] ?? 1;
      if (k !== 1) out[v.name] = tf.mul(g, k);
    }
    if (this.o.ge) {
      const std = gradStds(weights.map(([, v, , g]) => ctx.raw[v.name] ?? g)); // of the unmodulated gradients
      weights.forEach(([i, v, group], j) => {
        const s = std[j] + 1e-8;
        stds[group].push(s);
        // seeds key on the variable's position (tfjs names are unique per process)
        out[v.name] = tf.add(out[v.name], tf.randomNormal(v.shape, 0, s, 'float32', deriveSeed(this.seed, `ogm-ge:${ctx.step}:${i}`)));
      });
    }
    for (const [group, s] of Object.entries(stds)) ctx.record[`noise_std_${group}`] = s.length ? s.reduce((a, b) => a + b, 0) / s.length : 0;
    return out;
  }
}

export function ogmGe(options: OgmGeOptions = {}): OgmGe {
  return new OgmGe(options);
}
