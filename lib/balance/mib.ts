/**
 * MIB — Multi-modal Information Balancing (BMLHF, Wu et al., Sec. 3.2, Eq. 1–5).
 *
 * Per training step and per branch u (a view for BMLHF, a modality for the
 * two-branch late-fusion / EANN models of the paper's Fig. 8):
 *   s_i^u  = softmax(W^u h^u_i + b/U)[y_i]                       Eq. 2
 *   ρ^u    = Σ_batch s^u / Σ_batch Σ_views s                     Eq. 3
 *   k^u    = 1 − tanh(α1 ρ^u)  if ρ^u > 1/U,  else 1             Eq. 4
 *   θ^u   ← θ^u − λ k^u ∇θ^u                                     Eq. 5
 * The paper has U = 4 views, so its threshold is 1/4; we generalise to 1/U
 * (ρ is a share, so 1/U is "more than a fair share" for any branch count).
 *
 * The trainer computes Σ_batch s^u from `Output.branches` (which must be
 * keyed like `Model.groups()`) and multiplies the gradients of `groups()[u]`
 * — the encoder g^u's parameters θ^u — by k^u. Fusion and classifier
 * parameters are not in any group, so they are never modulated (the paper
 * modulates θ^u only: Eq. 1 and 5 are written for the channels g^u).
 *
 * Optional OGM-GE-style window: modulation only for epochs start..end
 * (1-based, inclusive); outside it k^u = 1 but ρ^u and s^u are still recorded.
 * OGM-GE's Gaussian "GE" noise is not part of MIB and not implemented.
 *
 * Where k acts (option mode): the paper trains with Adam (Sec. 4.2: lr 1e-3, weight decay 1e-3), and
 * Eq. 5 is written for SGD. Scaling the gradient before Adam ('gradient', Eq. 5 as printed) is divided
 * out again by Adam's second-moment estimate (displacement ratio 1.000 for k = 0.78 on a step;
 * test/balance/displacement.test.ts), so the default is 'update': the trainer scales Adam's step of
 * θ^u by k^u, the effect Eq. 5 has under SGD. 'gradient' is kept and reported beside it (BMLHF Fig. 8).
 * Preset (lib/balance/presets.ts): the paper's Adam 1e-3, weight decay 1e-3, batch 64.
 */
import type { BalanceInput, BalanceOutput } from './balancer';
import { MethodBase } from './method';

export interface MIBOptions {
  /** α1 of Eq. 4 (paper: 0.8) */
  alpha1?: number;
  /** first epoch (1-based) with modulation */
  start?: number;
  /** last epoch (inclusive) with modulation */
  end?: number;
  /** where k acts: the optimiser's step ('update', default) or the gradient ('gradient', Eq. 5 as printed) */
  mode?: 'update' | 'gradient';
}

export const MIB_DEFAULTS: Required<MIBOptions> = { alpha1: 0.8, start: 1, end: Infinity, mode: 'update' };

/** Eq. 2 for one sample: the softmax probability of the true class, from branch logits [M]. */
export function infoScore(logits: ArrayLike<number>, y: number): number {
  if (!(y >= 0 && y < logits.length && Number.isInteger(y))) throw new Error(`mib.infoScore: label ${y} out of range 0..${logits.length - 1}`);
  const m = Math.max(...Array.from(logits));
  const e = Array.from(logits, (l) => Math.exp(l - m));
  return e[y] / e.reduce((a, b) => a + b, 0);
}

/** Eq. 3: ρ^u = Σ_batch s^u / Σ_batch Σ_v s^v, from per-branch batch sums. */
export function differenceRatios(scoreSums: Record<string, number>): Record<string, number> {
  const names = Object.keys(scoreSums);
  for (const n of names) {
    const s = scoreSums[n];
    if (!Number.isFinite(s) || s < 0) throw new Error(`mib.differenceRatios: scoreSums.${n} must be a finite number ≥ 0, got ${s}`);
  }
  const total = names.reduce((a, n) => a + scoreSums[n], 0);
  if (!(total > 0)) throw new Error(`mib.differenceRatios: Σ of scoreSums is ${total}; need > 0 (softmax scores are positive)`);
  return Object.fromEntries(names.map((n) => [n, scoreSums[n] / total]));
}

/** Eq. 4: k^u = 1 − tanh(α1 ρ^u) when ρ^u > 1/U, else 1. */
export function balanceFactor(rho: number, branches: number, alpha1 = MIB_DEFAULTS.alpha1): number {
  return rho > 1 / branches ? 1 - Math.tanh(alpha1 * rho) : 1;
}

export class MIB extends MethodBase<MIBOptions> {
  readonly balanceMode: 'update' | 'gradient';

  constructor(options: MIBOptions = {}) {
    super('MIB', MIB_DEFAULTS, options);
    if (!(this.o.alpha1 >= 0)) throw new Error(`MIB: option 'alpha1' must be ≥ 0, got ${this.o.alpha1}`);
    if (!(this.o.end >= this.o.start)) throw new Error(`MIB: option 'end' (${this.o.end}) must be ≥ 'start' (${this.o.start})`);
    if (this.o.mode !== 'update' && this.o.mode !== 'gradient') throw new Error(`MIB: option 'mode' must be 'update' or 'gradient', got '${this.o.mode}'`);
    this.balanceMode = this.o.mode;
  }

  override modulate({ scoreSums, batchSize, epoch }: BalanceInput): BalanceOutput {
    const names = Object.keys(scoreSums);
    if (names.length < 2) {
      throw new Error(`MIB: needs ≥ 2 branches, got [${names.join(', ')}]; the model must return Output.branches keyed like groups()`);
    }
    const rho = differenceRatios(scoreSums); // Eq. 3
    const active = epoch >= this.o.start && epoch <= this.o.end;
    const scale: Record<string, number> = {};
    const record: Record<string, number> = {};
    for (const n of names) {
      scale[n] = active ? balanceFactor(rho[n], names.length, this.o.alpha1) : 1; // Eq. 4
      record[`s_${n}`] = scoreSums[n] / batchSize;
      record[`rho_${n}`] = rho[n];
      record[`k_${n}`] = scale[n];
    }
    return { scale, record };
  }
}

export function mib(options: MIBOptions = {}): MIB {
  return new MIB(options);
}
