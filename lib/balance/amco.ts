/**
 * AMCo — Adaptive Mask Co-optimisation (Zhou et al., "Adaptive Mask Co-Optimization for Modal
 * Dependence in Multimodal Learning", ICASSP 2023), as GeWu-Lab/BalanceBenchmark runs it
 * (balancemm/trainer/AMCo_trainer.py, models/avclassify_model.py unimodality_calculate; the
 * paper's text and code were not read). Family: feed-forward.
 *
 * On a host whose fused logits are the sum of its unimodal logits (late fusion: f = Σ_m l^m),
 * the modality the model depends on has part of its class logits masked in the fused sum:
 *   p_t  = sin(π/2 · min(ε, ℓ_t) / ε),  ℓ_t = Σ over the epoch's earlier steps of (e − 1)/10    (Eq. 1: the mask ratio
 *          ramps up within each epoch, from 0; it stays 0 in epoch 1)
 *   M    = a K-vector with ⌊p_t K⌋ zeros at random class positions, 1 elsewhere                 (Eq. 2)
 *   f    = Σ_m (m dependent ? M ⊙ l^m : l^m),   L = CE(f) + Σ_m CE(M_m ⊙ l^m)                   (Eq. 3)
 *   after the step: m is dependent when the batch-mean softmax mass of its block in the 2K-way
 *   softmax over [l^a, l^b] exceeds σ                                                           (Eq. 4)
 * Defaults (BalanceBenchmark trainer_config AMCo): σ 0.5, ε 0.3. With K = 2 classes a full mask
 * (p_t = 1, after 3/(e − 1) steps of epoch e) removes the dependent modality from the prediction
 * and from its own loss: its encoder gets no gradient on those steps.
 * Needs `additiveBranches`: checked on every step (|f − Σ l^m| ≤ 1e-4), an error otherwise.
 */
import { tf } from '../backend/index';
import { crossEntropy } from '../models/model';
import { deriveSeed, rng } from '../util/random';
import { MethodBase, type MethodContext, type StepContext, type StepLoss } from './method';

export interface AmcoOptions {
  /** σ of Eq. 4 */
  sigma?: number;
  /** ε of Eq. 1 */
  eps?: number;
}

export const AMCO_DEFAULTS: Required<AmcoOptions> = { sigma: 0.5, eps: 0.3 };

/** Eq. 1: the mask ratio from the ramp ℓ. */
export const amcoRatio = (ell: number, eps: number): number => Math.sin((Math.PI / 2) * (Math.min(eps, ell) / eps));

/** Eq. 2: K-vector with ⌊ratio·K⌋ zeros at positions drawn by `next` (a Fisher–Yates shuffle of the zeros). */
export function amcoMask(K: number, ratio: number, next: () => number): number[] {
  const N = Math.floor(ratio * K + 1e-9);
  const m: number[] = Array.from({ length: K }, (_, i) => (i < K - N ? 1 : 0));
  for (let i = K - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [m[i], m[j]] = [m[j], m[i]];
  }
  return m;
}

/** Eq. 4: per branch, is the batch-mean mass of its block in the joint softmax over all branches' logits > σ? */
export function amcoDependent(branches: tf.Tensor2D[], sigma: number): boolean[] {
  return tf.tidy(() => {
    const K = branches[0].shape[1];
    const sm = tf.softmax(tf.concat(branches, 1)); // [B, U·K]
    const mass = tf.stack(branches.map((_, u) => tf.mean(tf.sum(sm.slice([0, u * K], [-1, K]), 1)))).dataSync();
    return Array.from(mass, (x) => x > sigma);
  });
}

export class Amco extends MethodBase<AmcoOptions> {
  private seed = 0;
  private dependent: Record<string, boolean> = {};
  private ell = 0;
  private epoch = 0;

  constructor(options: AmcoOptions = {}) {
    super('AMCo', AMCO_DEFAULTS, options);
    if (!(this.o.eps > 0)) throw new Error(`AMCo: option 'eps' must be > 0, got ${this.o.eps}`);
  }

  setup(ctx: MethodContext): void {
    this.seed = ctx.seed;
    this.dependent = {};
  }

  beginEpoch(epoch: number): void {
    this.ell = 0;
    this.epoch = epoch;
  }

  stepLoss({ model, batch, out, epoch, step }: StepContext): StepLoss {
    const names = Object.keys(out.branches ?? {});
    if (names.length < 2) throw new Error(`AMCo: needs unimodal logits (Output.branches), '${model.name}' gives [${names.join(', ')}]`);
    const ls = names.map((n) => out.branches![n]);
    const gap = tf
      .max(
        tf.abs(
          tf.sub(
            out.logits,
            ls.reduce((a, b) => tf.add(a, b) as tf.Tensor2D),
          ),
        ),
      )
      .dataSync()[0];
    if (!(gap <= 1e-4))
      throw new Error(
        `AMCo: model '${model.name}' does not fuse by summing its unimodal logits (max |f − Σ branches| = ${gap}); AMCo masks the dependent modality's logits in that sum`,
      );
    const K = out.logits.shape[1];
    const ratio = amcoRatio(this.ell, this.o.eps);
    this.ell += (this.epoch - 1) / 10;
    const mask = tf.tensor1d(amcoMask(K, ratio, rng(deriveSeed(this.seed, `amco:${epoch}:${step}`)).next));
    const masked = names.map((n, u) => (this.dependent[n] ? (tf.mul(ls[u], mask) as tf.Tensor2D) : ls[u]));
    const fused = masked.reduce((a, b) => tf.add(a, b) as tf.Tensor2D);
    const uni = masked.map((l) => crossEntropy(l, batch.labels)).reduce((a, b) => tf.add(a, b) as tf.Scalar);
    const record: Record<string, number> = { amco_ratio: ratio };
    for (const n of names) record[`amco_dependent_${n}`] = this.dependent[n] ? 1 : 0;
    const dep = amcoDependent(masked, this.o.sigma); // for the next step (the benchmark: after this step's backward)
    names.forEach((n, u) => (this.dependent[n] = dep[u]));
    return { losses: { amco: crossEntropy(fused, batch.labels), amco_uni: uni }, modelWeight: 0, record };
  }
}

export function amco(options: AmcoOptions = {}): Amco {
  return new Amco(options);
}
