/**
 * COOLANT — Cross-modal Contrastive Learning for Multimodal Fake News
 * Detection (Wang et al., ACM MM 2023, arXiv 2302.14057), on feature views.
 * Structure and defaults read from the authors' code (wishever/COOLANT, no
 * code copied; see docs/IMPLEMENTATION-NOTES.md):
 *
 *   consistency   SimilarityModule: views → 64 per modality, cosine-embedding loss (margin 0.2,
 *                 images rolled by 3 among real posts) — L_CON            (similarity.ts)
 *   contrastive   alignment encoders: views → 64, L2-normalised; L_CL = L_NCE + λ L_SEM, λ = 0.2,
 *                 soft targets from the similarity module, scale 1/τ     (losses/info-nce.ts)
 *   detection     encoders views → 128; unimodal u_t, u_v (16) and attention inputs s_t, s_v (64);
 *                 corr = cross-modal fusion of the (detached) aligned vectors (fusion.ts);
 *                 w = attention over [s_t, s_v, corr]; h = [w1 u_t; w2 u_v; w3 corr] (attention.ts);
 *                 logits = classifier(h) (classifier.ts)
 *   guidance      a = sigmoid(SKL) of 2-d Gaussians of the (detached) aligned vectors (ambiguity.ts);
 *                 L_AG = KLDivLoss(log w, g), g = [1 − a, 1 − a, a] unnormalised as in the code,
 *                 weight β = 0.5; the ambiguity encoders learn from this term alone (as in the
 *                 code), which drives a → 1 on every post (attention.ts)
 *   joint loss    total = CE + β L_AG + L_CL + L_CON
 *
 * The code trains the three tasks with three optimisers, so detection never
 * updates the alignment or similarity encoders, and the soft targets carry no
 * gradient. Here one optimiser minimises the sum of the terms over disjoint
 * parameters, with stopGradient (detach) at the same two places.
 *
 * Temperature: `temperature` = τ (scale 1/τ; default CLIP's 0.07), 'learnable'
 * (log-scale variable initialised at log(1/0.07), its value clamped at 100 as CLIP
 * does, with a gradient that still flows past the bound), or
 * 'code' (the authors' scale exp(0.07) ≈ 1.07). `config` records which ran.
 *
 * Ablations (`ablation`): 'noSoft' (L_SEM and the similarity module off),
 * 'noContrastive' (no L_CL: the alignment encoders are trained by the
 * detection loss only, undetached), 'noGuidance' (β = 0: no ambiguity
 * module), 'noFusion' (corr = ReLU(W [t; v]) without the outer product),
 * 'noAttention' (w fixed at 1/3: no attention, no guidance).
 */
import { tf } from '../../backend/index';
import { Module } from '../../nn/module';
import { MLP } from '../../nn/mlp';
import { l2normalize } from '../../nn/norm';
import { clampWithGradient } from '../../nn/clamp';
import { infoNce } from '../../losses/info-nce';
import { deriveSeed } from '../../util/random';
import { concatViews, crossEntropy, type Batch, type Losses, type Model, type Output } from '../model';
import { detach, encoder, resolveViews, type ModalityName, type ViewChoice } from '../baselines/common';
import { SimilarityModule, softTargets } from './similarity';
import { CrossModalFusion } from './fusion';
import { AmbiguityModule } from './ambiguity';
import { GuidedAttention, aggregate, guidanceLoss, type GuidanceTarget } from './attention';
import { CoolantClassifier } from './classifier';

export const COOLANT_ABLATIONS = ['noSoft', 'noContrastive', 'noGuidance', 'noFusion', 'noAttention'] as const;
export type CoolantAblation = (typeof COOLANT_ABLATIONS)[number];

export interface CoolantOptions extends ViewChoice {
  seed?: number;
  ablation?: CoolantAblation | null;
  /** τ of the contrastive logits (scale 1/τ), 'learnable', or 'code' (scale exp(0.07)) */
  temperature?: number | 'learnable' | 'code';
  /** λ of L_SEM */
  softWeight?: number;
  /** β of L_AG (the code trains with 0.5; its test loop uses 0.2) */
  guidanceWeight?: number;
  guidanceTarget?: GuidanceTarget;
  /** soft targets from cosine similarities (default) or the code's raw dot products */
  softFrom?: 'cosine' | 'dot';
  /** widths: detection encoder, aligned/similarity/correlation dim, unimodal dim, classifier hidden */
  shared?: number;
  encoderHidden?: number;
  dim?: number;
  prime?: number;
  hidden?: number;
  klEstimate?: 'sample' | 'analytic';
}

export const COOLANT_DEFAULTS = {
  seed: 0,
  ablation: null as CoolantAblation | null,
  temperature: 0.07 as number | 'learnable' | 'code',
  softWeight: 0.2,
  guidanceWeight: 0.5,
  /** the authors' code: KLDivLoss on the unnormalised [1 − a, 1 − a, a] (attention.ts: it drives a → 1) */
  guidanceTarget: 'raw' as GuidanceTarget,
  softFrom: 'cosine' as 'cosine' | 'dot',
  shared: 128,
  encoderHidden: 256,
  dim: 64,
  prime: 16,
  hidden: 64,
  klEstimate: 'sample' as 'sample' | 'analytic',
};

const MAX_SCALE = 100;

export class Coolant extends Module implements Model {
  readonly name = 'COOLANT';
  readonly config: Record<string, unknown>;
  readonly encoders: Record<ModalityName, MLP>;
  readonly unimodal: Record<ModalityName, MLP>;
  readonly attnInputs: Record<ModalityName, MLP>;
  readonly aligners: Record<ModalityName, MLP>;
  readonly similarity?: SimilarityModule;
  readonly fusion: CrossModalFusion;
  readonly ambiguity?: AmbiguityModule;
  readonly attention?: GuidedAttention;
  readonly classifier: CoolantClassifier;
  private readonly logScale?: tf.Variable;
  private readonly o: typeof COOLANT_DEFAULTS;
  private readonly views: Record<ModalityName, string[]>;

  constructor(dims: Record<string, number>, options: CoolantOptions = {}) {
    super();
    const o = { ...COOLANT_DEFAULTS, ...options, ablation: options.ablation ?? null };
    checkOptions(o);
    this.o = o;
    const { views, inDim } = resolveViews('COOLANT', dims, o);
    this.views = views;
    const s = (l: string) => deriveSeed(o.seed, l);
    const per = <T>(f: (m: ModalityName) => T): Record<ModalityName, T> => ({ text: f('text'), image: f('image') });
    const ab = o.ablation;
    this.encoders = per((m) => this.child(encoder(inDim[m], [o.encoderHidden], o.shared, s(`enc-${m}`))));
    this.unimodal = per((m) => this.child(encoder(o.shared, [o.shared], o.prime, s(`uni-${m}`))));
    this.attnInputs = per((m) => this.child(encoder(o.shared, [o.shared], o.dim, s(`se-${m}`))));
    this.aligners = per((m) => this.child(new MLP(inDim[m], { hidden: [o.encoderHidden, o.shared], out: o.dim, seed: s(`align-${m}`) })));
    if (ab !== 'noSoft' && ab !== 'noContrastive') this.similarity = this.child(new SimilarityModule(inDim, { shared: o.shared, dim: o.dim, seed: s('sim') }));
    if (o.temperature === 'learnable' && ab !== 'noContrastive') this.logScale = this.param(tf.scalar(Math.log(1 / 0.07)));
    this.fusion = this.child(new CrossModalFusion(o.dim, o.dim, ab === 'noFusion', s('fusion')));
    if (ab !== 'noGuidance' && ab !== 'noAttention') this.ambiguity = this.child(new AmbiguityModule(o.dim, { estimate: o.klEstimate, seed: s('amb') }));
    if (ab !== 'noAttention') this.attention = this.child(new GuidedAttention(o.dim, o.hidden, s('attn')));
    this.classifier = this.child(new CoolantClassifier(2 * o.prime + o.dim, o.hidden, s('cls')));
    this.config = {
      model: 'COOLANT',
      views,
      ...o,
      contrastiveScale:
        o.temperature === 'code'
          ? 'exp(0.07) ≈ 1.0725 (authors’ code)'
          : o.temperature === 'learnable'
            ? `learnable, initialised 1/0.07 ≈ 14.29, value clamped at ${MAX_SCALE} (gradient flows past the bound)`
            : `1/${o.temperature} ≈ ${(1 / o.temperature).toFixed(2)}`,
      detachAligned: ab !== 'noContrastive',
      normalisation: 'none (the code has BatchNorm; the workbench has no BatchNorm layer)',
      attentionScorer: 'MLP 192 → 64 → 3 (the code: 19-block SE-ResNet)',
      optimiser: 'one optimiser over disjoint parameter sets; detach where the code separates its three optimisers',
    };
  }

  /**
   * The contrastive scale 1/τ as a scalar tensor (learnable: exp(logScale), the value clamped to
   * [1, 100] as CLIP clamps it; the gradient still flows at and past the bound, lib/nn/clamp.ts).
   */
  scale(): tf.Scalar {
    if (this.logScale) return tf.exp(clampWithGradient(this.logScale, 0, Math.log(MAX_SCALE))) as tf.Scalar;
    const t = this.o.temperature;
    return tf.scalar(t === 'code' ? Math.exp(0.07) : 1 / (t as number));
  }

  groups(): Record<string, tf.Variable[]> {
    return { text: this.encoders.text.variables(), image: this.encoders.image.variables() };
  }

  forward(batch: Batch, training = false): Output {
    const xt = concatViews(batch, this.views.text),
      xv = concatViews(batch, this.views.image);
    const ht = this.encoders.text.apply(xt),
      hv = this.encoders.image.apply(xv); // [B, 128] each
    const ut = this.unimodal.text.apply(ht),
      uv = this.unimodal.image.apply(hv); // [B, 16] each
    const at = l2normalize(this.aligners.text.apply(xt)),
      av = l2normalize(this.aligners.image.apply(xv)); // [B, 64] each, unit rows
    const [dt, dv] = this.o.ablation === 'noContrastive' ? [at, av] : [detach(at), detach(av)];
    const corr = this.fusion.apply(dt, dv); // [B, 64]
    const B = batch.size;
    const w = this.attention
      ? this.attention.weights(this.attnInputs.text.apply(ht), this.attnInputs.image.apply(hv), corr) // [B, 3]
      : (tf.fill([B, 3], 1 / 3) as tf.Tensor2D);
    const h = aggregate(w, [ut, uv, corr]); // [B, 96]
    const logits = this.classifier.apply(h); // [B, 2]
    const extra: Record<string, tf.Tensor> = { alignedText: at, alignedImage: av, attention: w };
    if (this.ambiguity) extra.ambiguity = this.ambiguity.apply(dt, dv, training); // [B]
    return { logits, embedding: h, extra };
  }

  loss(out: Output, batch: Batch): Losses {
    const ce = crossEntropy(out.logits, batch.labels);
    const terms: Record<string, tf.Scalar> = { ce };
    let total: tf.Scalar = ce;
    const add = (name: string, value: tf.Scalar, weight = 1) => {
      terms[name] = value;
      total = tf.add(total, weight === 1 ? value : tf.mul(weight, value)) as tf.Scalar;
    };
    const x = out.extra!;
    if (this.ambiguity && this.o.guidanceWeight > 0)
      add('guidance', guidanceLoss(x.attention as tf.Tensor2D, x.ambiguity as tf.Tensor1D, this.o.guidanceTarget), this.o.guidanceWeight);
    if (this.o.ablation !== 'noContrastive') {
      const at = x.alignedText as tf.Tensor2D,
        av = x.alignedImage as tf.Tensor2D;
      const scale = this.scale();
      add('nce', infoNce(av, at, { scale })); // rows: images, columns: texts (the code's logits)
      if (this.similarity) {
        const sim = this.similarity.apply(concatViews(batch, this.views.text), concatViews(batch, this.views.image));
        add('consistency', this.similarity.loss(sim.text, sim.image, batch.labels));
        const T = softTargets(detach(sim.text), detach(sim.image), detach(scale), this.o.softFrom);
        add('soft', infoNce(av, at, { scale, targets: T }), this.o.softWeight);
      }
    }
    return { ...terms, total };
  }
}

function checkOptions(o: typeof COOLANT_DEFAULTS): void {
  const known = new Set([...Object.keys(COOLANT_DEFAULTS), 'text', 'image']);
  for (const k of Object.keys(o)) if (!known.has(k)) throw new Error(`COOLANT: unknown option '${k}' (known: ${[...known].join(', ')})`);
  if (o.ablation !== null && !(COOLANT_ABLATIONS as readonly string[]).includes(o.ablation))
    throw new Error(`COOLANT: option 'ablation' must be one of ${COOLANT_ABLATIONS.join(', ')} (or null), got '${o.ablation}'`);
  const t = o.temperature;
  if (!(t === 'learnable' || t === 'code' || (typeof t === 'number' && t > 0)))
    throw new Error(`COOLANT: option 'temperature' must be a number > 0, 'learnable' or 'code', got ${JSON.stringify(t)}`);
  if (o.guidanceTarget !== 'normalised' && o.guidanceTarget !== 'raw')
    throw new Error(`COOLANT: option 'guidanceTarget' must be 'normalised' | 'raw', got '${o.guidanceTarget}'`);
  if (o.softFrom !== 'cosine' && o.softFrom !== 'dot') throw new Error(`COOLANT: option 'softFrom' must be 'cosine' | 'dot', got '${o.softFrom}'`);
  for (const k of ['softWeight', 'guidanceWeight'] as const) if (!(o[k] >= 0)) throw new Error(`COOLANT: option '${k}' must be ≥ 0, got ${o[k]}`);
}
