/**
 * MLA — Multimodal Learning with Alternating unimodal adaptation (Zhang,
 * Yoon, Bansal, Yao, "Multimodal Representation Learning by Alternating
 * Unimodal Adaptation", CVPR 2024).
 *
 * Training alternates between modalities, one per step (step t trains
 * modality u_t = t mod U), each through ONE head shared by all modalities:
 *   L_t = CE(W h^{u_t} + b, y)                      (the model's fused loss is not used: weight 0)
 * Gradient modification keeps a modality's step from undoing what the head
 * learnt on the others: the head's weight gradient is projected onto the
 * orthogonal complement of the other modalities' feature space, tracked
 * recursively (orthogonal weight modification) from each step's mean feature x̄:
 *   P ← P − (P x̄ x̄ᵀ P) / (α + x̄ᵀ P x̄),   P_0 = I  [d, d]      (one P per modality)
 *   ∇W ← P_{others} ∇W                                           (x̄_otherᵀ · ΔW ≈ 0)
 * Inference (and the reported fused logits): entropy-weighted fusion of the
 * unimodal logits, per sample, with weights from the predictions' entropies e^u:
 *   λ^u = exp(max_v e^v − e^u) / Σ_w exp(max_v e^v − e^w)   ( = softmax(−e)^u ),   logits = Σ_u λ^u (W h^u + b)
 * The head is the method's own (WrappedModel); branch features must share one width.
 */
import { tf } from '../backend/index';
import { initBias, initWeight } from '../nn/init';
import type { Model } from '../models/model';
import { crossEntropy } from '../models/model';
import { deriveSeed } from '../util/random';
import { MethodBase, type GradientContext, type StepContext, type StepLoss } from './method';
import { WrappedModel } from './wrapped-model';

export interface MlaOptions {
  /** α of the projector update (regulariser of the inverse) */
  alpha?: number;
  /** gradient modification on (false: alternation + shared head + entropy fusion only) */
  project?: boolean;
}

export const MLA_DEFAULTS: Required<MlaOptions> = { alpha: 1, project: true };

/** P − (P x xᵀ P) / (α + xᵀ P x), for a [d, d] projector and a [d] feature. */
export function updateProjector(P: tf.Tensor2D, x: tf.Tensor1D, alpha: number): tf.Tensor2D {
  return tf.tidy(() => {
    const Px = tf.matMul(P, x.reshape([-1, 1])); // [d, 1]
    const denom = tf.add(tf.sum(tf.mul(x, Px.reshape([-1]))), alpha);
    return tf.sub(P, tf.div(tf.matMul(Px, Px.transpose()), denom)) as tf.Tensor2D; // P symmetric: P x xᵀ P = (Px)(Px)ᵀ
  });
}

/** Entropy-weighted fusion: λ = softmax(−entropy) over branches, per sample; logits Σ λ^u l^u. */
export function entropyFusion(branches: tf.Tensor2D[]): { logits: tf.Tensor2D; weights: tf.Tensor2D } {
  return tf.tidy(() => {
    const ent = branches.map((l) => tf.neg(tf.sum(tf.mul(tf.softmax(l), tf.logSoftmax(l)), 1))); // [B] each
    const weights = tf.softmax(tf.neg(tf.stack(ent, 1)), 1) as tf.Tensor2D; // [B, U]
    const w = tf.tensor2d(weights.dataSync(), weights.shape); // a constant: no gradient through the weights
    const logits = branches.map((l, u) => tf.mul(l, w.slice([0, u], [-1, 1]))).reduce((a, b) => tf.add(a, b)) as tf.Tensor2D;
    return { logits, weights };
  });
}

class SharedHeadModel extends WrappedModel {
  readonly W: tf.Variable;
  readonly b: tf.Variable;
  readonly names: string[];

  constructor(inner: Model, method: Mla, seed: number) {
    super(inner, method, 'MLA shared head');
    const dims = this.dims();
    this.names = Object.keys(dims);
    const d = dims[this.names[0]];
    for (const n of this.names)
      if (dims[n] !== d) throw new Error(`MLA: the shared head needs branch features of one width; '${n}' has ${dims[n]}, '${this.names[0]}' ${d}`);
    this.W = this.param(initWeight([d, inner.classes ?? 2], deriveSeed(seed, 'mla:head')));
    this.b = this.param(initBias([inner.classes ?? 2], d, deriveSeed(seed, 'mla:head')));
  }

  protected head(features: Record<string, tf.Tensor2D>): { logits: tf.Tensor2D; branches: Record<string, tf.Tensor2D> } {
    const branches: Record<string, tf.Tensor2D> = {};
    for (const n of this.names) branches[n] = tf.add(tf.matMul(features[n], this.W as tf.Tensor2D), this.b) as tf.Tensor2D; // [B, K]
    return { logits: entropyFusion(this.names.map((n) => branches[n])).logits, branches };
  }
}

export class Mla extends MethodBase<MlaOptions> {
  private model?: SharedHeadModel;
  private P: Record<string, tf.Tensor2D> = {};
  private turn = '';
  private mean?: tf.Tensor1D;

  constructor(options: MlaOptions = {}) {
    super('MLA', MLA_DEFAULTS, options);
    if (!(this.o.alpha > 0)) throw new Error(`MLA: option 'alpha' must be > 0, got ${this.o.alpha}`);
  }

  wrap(model: Model, seed: number): SharedHeadModel {
    this.model = new SharedHeadModel(model, this, seed);
    return this.model;
  }

  setup(): void {
    this.dispose();
    const d = this.model!.W.shape[0];
    for (const n of this.model!.names) this.P[n] = tf.keep(tf.eye(d) as tf.Tensor2D);
  }

  /** step t: only modality u_t's unimodal loss, through the shared head */
  stepLoss({ out, batch, step }: StepContext): StepLoss {
    const names = this.model!.names;
    this.turn = names[(step - 1) % names.length];
    this.mean = tf.keep(tf.mean(out.features![this.turn], 0) as tf.Tensor1D); // [d], for the projector after the step
    const record = Object.fromEntries(names.map((n) => [`coef_${n}`, n === this.turn ? 1 : 0]));
    // one loss key every step (loss_unimodal); the other encoders get no gradient at all, so Adam leaves them alone
    return { losses: { unimodal: crossEntropy(out.branches![this.turn], batch.labels) }, modelWeight: 0, record };
  }

  /** ∇W ← P_others ∇W; then the trained modality's projector absorbs this step's mean feature */
  transformGradients(grads: Record<string, tf.Tensor>): Record<string, tf.Tensor> {
    const m = this.model!,
      out = { ...grads };
    const g = grads[m.W.name];
    if (this.o.project && g) {
      const others = m.names.filter((n) => n !== this.turn);
      out[m.W.name] = others.reduce((acc, n) => tf.matMul(this.P[n], acc as tf.Tensor2D), g);
    }
    const next = tf.keep(updateProjector(this.P[this.turn], this.mean!, this.o.alpha));
    this.P[this.turn].dispose();
    this.P[this.turn] = next;
    this.mean!.dispose();
    this.mean = undefined;
    return out;
  }

  dispose(): void {
    for (const t of Object.values(this.P)) t.dispose();
    this.P = {};
    this.mean?.dispose();
    this.mean = undefined;
  }
}

export function mla(options: MlaOptions = {}): Mla {
  return new Mla(options);
}
