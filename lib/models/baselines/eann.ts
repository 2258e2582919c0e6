/**
 * EANN — Event Adversarial Neural Networks (Wang et al., KDD 2018).
 *
 * Three parts: a multimodal feature extractor (text and visual extractors
 * whose outputs are concatenated into R_F), a fake-news detector (one FC
 * layer + softmax on R_F) and an event discriminator (two FC layers,
 * LeakyReLU between them) that predicts the post's event from R_F. The
 * discriminator sees R_F through a gradient-reversal layer, so one optimiser
 * step minimises  L_d + L_e  for the detector and the discriminator while the
 * feature extractor follows  −∂(λ L_e)  — the paper's min-max objective:
 *   L_final(θ_f, θ_d, θ_e) = L_d(θ_f, θ_d) − λ L_e(θ_f, θ_e),  λ = 1.
 *
 * Faithful: R_F = [text 32 ‖ visual 32] (the paper's hidden size 32), the
 * linear detector, the 2-FC discriminator 64 → 32 → E, gradient reversal, λ.
 * Adapted to precomputed features: the Text-CNN over word embeddings and the
 * frozen VGG-19 + FC are each replaced by an MLP over the modality's feature
 * views (concat → 128 → 32, ReLU); no dropout. Event ids come from
 * `batch.events`. With `events: 0`, or a batch without events (a dataset with
 * no event ids, or at inference), the discriminator is off and EANN reduces to
 * its own "w/o adversary" variant (EANN⁻ in the paper): loss = L_d only.
 */
import { tf } from '../../backend/index';
import { Module } from '../../nn/module';
import { Linear } from '../../nn/linear';
import { MLP } from '../../nn/mlp';
import { gradReverse } from '../../nn/grad-reverse';
import { deriveSeed } from '../../util/random';
import { concatViews, crossEntropy, type Batch, type Losses, type Model, type Output } from '../model';
import { checkEvents, encoder, linearBranches, resolveViews, type ModalityName, type ViewChoice } from './common';

export interface EANNOptions extends ViewChoice {
  /** number of event classes E; 0 turns the discriminator off */
  events?: number;
  /** per-modality feature width (the paper's hidden_dim 32) */
  hidden?: number;
  /** hidden width of the MLP standing in for Text-CNN / VGG-19 + FC */
  encoderHidden?: number;
  /** weight of the reversed event gradient (the paper's λ) */
  lambda?: number;
  seed?: number;
}

export const EANN_DEFAULTS = { events: 0, hidden: 32, encoderHidden: 128, lambda: 1, seed: 0 };

export class EANN extends Module implements Model {
  readonly name = 'EANN';
  readonly encoders: Record<ModalityName, MLP>;
  readonly detector: Linear;
  readonly disc1?: Linear;
  readonly disc2?: Linear;
  readonly config: Record<string, unknown>;
  private readonly o: typeof EANN_DEFAULTS;
  private readonly views: Record<ModalityName, string[]>;

  constructor(dims: Record<string, number>, options: EANNOptions = {}) {
    super();
    const o = { ...EANN_DEFAULTS, ...options };
    if (!Number.isInteger(o.events) || o.events < 0) throw new Error(`EANN: option 'events' must be an integer ≥ 0, got ${o.events}`);
    if (o.events === 1) throw new Error(`EANN: option 'events' = 1 gives a discriminator with nothing to discriminate; use 0 (off) or ≥ 2`);
    this.o = o;
    const { views, inDim } = resolveViews('EANN', dims, o);
    this.views = views;
    this.encoders = {
      text: this.child(encoder(inDim.text, [o.encoderHidden], o.hidden, deriveSeed(o.seed, 'text'))),
      image: this.child(encoder(inDim.image, [o.encoderHidden], o.hidden, deriveSeed(o.seed, 'image'))),
    };
    this.detector = this.child(new Linear(2 * o.hidden, 2, { seed: deriveSeed(o.seed, 'detector') }));
    if (o.events > 0) {
      this.disc1 = this.child(new Linear(2 * o.hidden, o.hidden, { seed: deriveSeed(o.seed, 'disc1') }));
      this.disc2 = this.child(new Linear(o.hidden, o.events, { seed: deriveSeed(o.seed, 'disc2') }));
    }
    this.config = { model: 'EANN', views, hidden: o.hidden, encoderHidden: o.encoderHidden, events: o.events, lambda: o.lambda, discriminator: o.events > 0 };
  }

  get discriminatorOn(): boolean {
    return this.disc1 !== undefined;
  }

  groups(): Record<string, tf.Variable[]> {
    return { text: this.encoders.text.variables(), image: this.encoders.image.variables() };
  }

  /** Event discriminator on R_F [B, 2h] → event logits [B, E]; `reverse` inserts the gradient-reversal layer. */
  discriminate(rf: tf.Tensor2D, reverse = true): tf.Tensor2D {
    if (!this.disc1 || !this.disc2) throw new Error('EANN: the event discriminator is off (option events = 0)');
    const x = (reverse ? gradReverse(rf, this.o.lambda) : rf) as tf.Tensor2D;
    return this.disc2.apply(tf.leakyRelu(this.disc1.apply(x), 0.01) as tf.Tensor2D); // [B, E]
  }

  /** per-modality feature widths (Output.features: the text / visual extractor outputs, each the paper's hidden 32) */
  featureDims(): Record<string, number> {
    return { text: this.o.hidden, image: this.o.hidden };
  }

  forward(batch: Batch, _training = false): Output {
    const ht = this.encoders.text.apply(concatViews(batch, this.views.text)); // [B, h]
    const hv = this.encoders.image.apply(concatViews(batch, this.views.image)); // [B, h]
    const rf = tf.concat([ht, hv], 1) as tf.Tensor2D; // [B, 2h]  R_F
    const logits = this.detector.apply(rf); // [B, 2]
    const branches = linearBranches(this.detector, [ht, hv], ['text', 'image']);
    const extra: Record<string, tf.Tensor> = {};
    if (this.discriminatorOn && batch.events) {
      checkEvents('EANN', batch.events, this.o.events);
      extra.eventLogits = this.discriminate(rf, true); // [B, E]
    }
    return { logits, branches, features: { text: ht, image: hv }, embedding: rf, extra };
  }

  /** The final loss through the reversal layer: total = L_d + L_e (the feature extractor receives −λ ∂L_e). */
  loss(out: Output, batch: Batch): Losses {
    const ce = crossEntropy(out.logits, batch.labels);
    const ev = out.extra?.eventLogits as tf.Tensor2D | undefined;
    if (!ev || !batch.events) return { total: ce, ce };
    const event = tf.losses.softmaxCrossEntropy(tf.oneHot(batch.events, this.o.events), ev) as tf.Scalar;
    return { total: tf.add(ce, event) as tf.Scalar, ce, event };
  }
}
