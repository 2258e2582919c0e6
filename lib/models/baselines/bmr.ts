/**
 * BMR — Bootstrapping Multi-view Representations for fake news detection
 * (Ying et al., AAAI 2023).
 *
 * BMR predicts from several views of a post — text, image, and the fused
 * multimodal view — each refined by an improved multi-gate mixture of experts
 * (MMoE) and read by its own classifier (single-view prediction), learns a
 * cross-modal consistency score between text and image, and makes the final
 * decision from the views reweighted by gates that also see the consistency.
 *
 * Here:
 *   h_t, h_v   modality encoders over the feature views (concat → 256 → 128)
 *   h_f        fused view: MLP [h_t ‖ h_v] → 128 → 128
 *   l_k        single-view logits, a linear classifier per view k ∈ {t, v, f}
 *   c          consistency: cos(P_t h_t, P_v h_v), trained with the cosine-
 *              embedding loss on matched pairs of real posts vs their images rolled by 3
 *   g          gate: softmax(W_g [h_t ‖ h_v ‖ h_f ‖ c] + b_g) ∈ Δ³
 *   logits     Σ_k g_k l_k        (a gated mixture of the view experts)
 *   total      CE(logits) + γ Σ_k CE(l_k) + δ L_consistency,  γ = δ = 1
 *
 * Adapted: the paper's inputs are BERT tokens, image frequency-domain
 * features (pattern) and image semantics; here the modality encoders read the
 * pattern and semantic views together. The improved MMoE — shared experts
 * with per-view gates, refining features — is reduced to one gate over the
 * three view experts (the final reweighting step); the consistency module is
 * trained on roll-mismatched pairs as in CAFE. The weights γ, δ and widths are
 * ours. Branch logits (`branches`) are the text and image single-view
 * predictions l_t, l_v: BMR trains them as unimodal classifiers, so they are
 * the natural per-modality scores for MIB / OGM-GE.
 */
import { tf } from '../../backend/index';
import { Module } from '../../nn/module';
import { Linear } from '../../nn/linear';
import { MLP } from '../../nn/mlp';
import { deriveSeed } from '../../util/random';
import { concatViews, crossEntropy, type Batch, type Losses, type Model, type Output } from '../model';
import { cosineEmbeddingLoss, cosineSimilarity } from '../../losses/cosine-embedding';
import { alignmentPairs, encoder, resolveViews, selectRows, type ModalityName, type ViewChoice } from './common';

export interface BMROptions extends ViewChoice {
  embed?: number;
  encoderHidden?: number;
  /** width of the consistency projections */
  simDim?: number;
  /** weight of the single-view losses */
  viewWeight?: number;
  /** weight of the consistency loss */
  consistencyWeight?: number;
  consistencyOn?: 'real' | 'all';
  rollShift?: number;
  seed?: number;
}

export const BMR_DEFAULTS = {
  embed: 128,
  encoderHidden: 256,
  simDim: 64,
  viewWeight: 1,
  consistencyWeight: 1,
  consistencyOn: 'real' as 'real' | 'all',
  rollShift: 3,
  seed: 0,
};

const VIEWS = ['text', 'image', 'fused'] as const;

export class BMR extends Module implements Model {
  readonly name = 'BMR';
  readonly encoders: Record<ModalityName, MLP>;
  readonly fusion: MLP;
  readonly heads: Record<(typeof VIEWS)[number], Linear>;
  readonly projText: Linear;
  readonly projImage: Linear;
  readonly gate: Linear;
  readonly config: Record<string, unknown>;
  private readonly o: typeof BMR_DEFAULTS;
  private readonly views: Record<ModalityName, string[]>;

  constructor(dims: Record<string, number>, options: BMROptions = {}) {
    super();
    const o = { ...BMR_DEFAULTS, ...options };
    this.o = o;
    const { views, inDim } = resolveViews('BMR', dims, o);
    this.views = views;
    const s = (l: string) => deriveSeed(o.seed, l);
    this.encoders = {
      text: this.child(encoder(inDim.text, [o.encoderHidden], o.embed, s('text'))),
      image: this.child(encoder(inDim.image, [o.encoderHidden], o.embed, s('image'))),
    };
    this.fusion = this.child(encoder(2 * o.embed, [o.embed], o.embed, s('fusion')));
    this.heads = {
      text: this.child(new Linear(o.embed, 2, { seed: s('head-text') })),
      image: this.child(new Linear(o.embed, 2, { seed: s('head-image') })),
      fused: this.child(new Linear(o.embed, 2, { seed: s('head-fused') })),
    };
    this.projText = this.child(new Linear(o.embed, o.simDim, { seed: s('projText') }));
    this.projImage = this.child(new Linear(o.embed, o.simDim, { seed: s('projImage') }));
    this.gate = this.child(new Linear(3 * o.embed + 1, VIEWS.length, { seed: s('gate') }));
    this.config = { model: 'BMR', views, ...o };
  }

  groups(): Record<string, tf.Variable[]> {
    return { text: this.encoders.text.variables(), image: this.encoders.image.variables() };
  }

  forward(batch: Batch, _training = false): Output {
    const ht = this.encoders.text.apply(concatViews(batch, this.views.text)); // [B, e]
    const hv = this.encoders.image.apply(concatViews(batch, this.views.image)); // [B, e]
    const hf = this.fusion.apply(tf.concat([ht, hv], 1) as tf.Tensor2D); // [B, e]
    const pt = this.projText.apply(ht),
      pv = this.projImage.apply(hv); // [B, s] each
    const c = cosineSimilarity(pt, pv).reshape([-1, 1]) as tf.Tensor2D; // [B, 1]
    const l = { text: this.heads.text.apply(ht), image: this.heads.image.apply(hv), fused: this.heads.fused.apply(hf) }; // [B, 2] each
    const g = tf.softmax(this.gate.apply(tf.concat([ht, hv, hf, c], 1) as tf.Tensor2D)) as tf.Tensor2D; // [B, 3]
    const stacked = tf.stack(
      VIEWS.map((k) => l[k]),
      1,
    ); // [B, 3, 2]
    const logits = tf.sum(tf.mul(stacked, g.expandDims(2)), 1) as tf.Tensor2D; // [B, 2]
    return {
      logits,
      branches: { text: l.text, image: l.image },
      embedding: tf.concat([ht, hv, hf], 1) as tf.Tensor2D,
      extra: { fusedLogits: l.fused, gate: g, projText: pt, projImage: pv, consistency: c.reshape([-1]) },
    };
  }

  loss(out: Output, batch: Batch): Losses {
    const ce = crossEntropy(out.logits, batch.labels);
    const x = out.extra!;
    const views = tf.addN([
      crossEntropy(out.branches!.text, batch.labels),
      crossEntropy(out.branches!.image, batch.labels),
      crossEntropy(x.fusedLogits as tf.Tensor2D, batch.labels),
    ]) as tf.Scalar;
    let consistency: tf.Scalar = tf.scalar(0);
    const pairs = alignmentPairs(batch.labels, this.o.consistencyOn, this.o.rollShift);
    if (pairs) {
      const pt = x.projText as tf.Tensor2D,
        pv = x.projImage as tf.Tensor2D;
      const t = selectRows(pt, pairs.anchor); // [n, s]
      const n = pairs.anchor.length;
      const target = Float32Array.from({ length: 2 * n }, (_, i) => (i < n ? 1 : -1));
      consistency = cosineEmbeddingLoss(
        tf.concat([t, t], 0) as tf.Tensor2D,
        tf.concat([selectRows(pv, pairs.anchor), selectRows(pv, pairs.rolled)], 0) as tf.Tensor2D,
        target,
      );
    }
    const total = tf.addN([ce, tf.mul(this.o.viewWeight, views), tf.mul(this.o.consistencyWeight, consistency)]) as tf.Scalar;
    return { total, ce, views, consistency };
  }
}
