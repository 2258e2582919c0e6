/**
 * A missing-modality mixture of experts in the spirit of MoMKE (Xu et al.,
 * ACM MM 2024; wxxv/MoMKE), the adapted baseline of HMS's tables.
 *
 *   h_m      = LN(CLS of Expert_m(tokens of modality m))      one small gated transformer per modality
 *   e_m      = W_m h_m + b_m                                  each expert's own classifier
 *   w        = softmax_m( router([h_text·p_text; h_image·p_image]) + log-mask )   absent experts get weight 0
 *   logits   = W (Σ_m w_m h_m) + b
 *   L        = CE(logits) + Σ_m CE_m(e_m; posts where m is present)
 *
 * Simplified against MoMKE: one stage with the joint loss above (MoMKE trains
 * the unimodal experts first, then the soft routers, switching at epoch 150
 * of 300); experts read pooled-view tokens, not the utterance sequences of
 * the original; depth 1 and 2 heads by default (MoMKE: depth 4, 2 heads).
 * What it keeps: per-modality experts supervised on their modality alone, a
 * soft router that sees only the present experts — so an absent modality
 * changes the mixture, not the inputs of the other expert.
 */
import { tf } from '../backend/index';
import { Module } from '../nn/module';
import { Linear } from '../nn/linear';
import { LayerNorm } from '../nn/layernorm';
import { MLP } from '../nn/mlp';
import { GatedTransformer } from '../nn/gated-transformer';
import { ViewTokenizer } from '../nn/view-tokens';
import { deriveSeed } from '../util/random';
import { crossEntropy, type Batch, type Losses, type Model, type Output } from './model';

export interface MoMKEOptions {
  dims: Record<string, number>;
  dim?: number;
  layers?: number;
  heads?: number;
  ffn?: number;
  tokensPerView?: number;
  routerHidden?: number;
  /** weight of the experts' unimodal cross-entropies */
  expertWeight?: number;
  seed?: number;
}

export const MOMKE_DEFAULTS = { dim: 32, layers: 1, heads: 2, ffn: 64, tokensPerView: 1, routerHidden: 32, expertWeight: 1, seed: 0 };
const MODS = ['text', 'image'] as const;

class Expert extends Module {
  readonly tok: ViewTokenizer;
  readonly enc: GatedTransformer;
  readonly ln: LayerNorm;
  readonly cls: Linear;
  constructor(dims: Record<string, number>, modality: string, o: typeof MOMKE_DEFAULTS, seed: number) {
    super();
    this.tok = this.child(
      new ViewTokenizer({
        dims,
        modality: Object.fromEntries(Object.keys(dims).map((v) => [v, modality])),
        dim: o.dim,
        tokensPerView: o.tokensPerView,
        seed: deriveSeed(seed, 'tok'),
      }),
    );
    this.enc = this.child(new GatedTransformer(o.dim, { layers: o.layers, heads: o.heads, ffn: o.ffn, seed: deriveSeed(seed, 'enc') }));
    this.ln = this.child(new LayerNorm(o.dim));
    this.cls = this.child(new Linear(o.dim, 2, { seed: deriveSeed(seed, 'cls') }));
  }
  apply(batch: Batch): tf.Tensor2D {
    const out = this.enc.apply(this.tok.apply(batch.views)).out; // [B, T, d]
    return this.ln.apply(out.slice([0, 0, 0], [-1, 1, -1]).reshape([batch.size, -1]) as tf.Tensor2D); // [B, d]
  }
}

export class MoMKE extends Module implements Model {
  readonly name = 'MoMKE-style';
  readonly experts: Record<string, Expert> = {};
  readonly router: MLP;
  readonly head: Linear;
  readonly config: Record<string, unknown>;
  private readonly o: typeof MOMKE_DEFAULTS;

  constructor(options: MoMKEOptions) {
    super();
    const o = { ...MOMKE_DEFAULTS, ...options };
    const known = new Set([...Object.keys(MOMKE_DEFAULTS), 'dims']);
    for (const k of Object.keys(options)) if (!known.has(k)) throw new Error(`MoMKE: unknown option '${k}' (known: ${[...known].join(', ')})`);
    this.o = o;
    for (const m of MODS) {
      const dims = Object.fromEntries(Object.entries(o.dims).filter(([v]) => v.startsWith(m)));
      if (!Object.keys(dims).length) throw new Error(`MoMKE: no ${m} views in dims (${Object.keys(o.dims).join(', ')})`);
      this.experts[m] = this.child(new Expert(dims, m, o, deriveSeed(o.seed, `expert-${m}`)));
    }
    this.router = this.child(new MLP(2 * o.dim, { hidden: [o.routerHidden], out: 2, seed: deriveSeed(o.seed, 'router') }));
    this.head = this.child(new Linear(o.dim, 2, { seed: deriveSeed(o.seed, 'head') }));
    this.config = { model: 'MoMKE-style', ...Object.fromEntries(Object.entries(o).filter(([k]) => k !== 'dims' && k !== 'seed')), stages: 'one (joint loss)' };
  }

  groups(): Record<string, tf.Variable[]> {
    return Object.fromEntries(MODS.map((m) => [m, this.experts[m].variables().filter((v) => v.trainable)]));
  }

  forward(batch: Batch): Output {
    const hs = MODS.map((m) => tf.mul(this.experts[m].apply(batch), batch.present[m].reshape([-1, 1])) as tf.Tensor2D); // [B, d] each, 0 when absent
    const p = tf.stack(
      MODS.map((m) => batch.present[m]),
      1,
    ); // [B, 2]
    // an absent expert gets −1e9: weight 0; a post with neither (never produced by the loaders) falls back to uniform
    const w = tf.softmax(tf.add(this.router.apply(tf.concat(hs, 1) as tf.Tensor2D), tf.mul(tf.sub(1, p), -1e9)), -1); // [B, 2]
    const mixed = tf.add(tf.mul(hs[0], w.slice([0, 0], [-1, 1])), tf.mul(hs[1], w.slice([0, 1], [-1, 1]))) as tf.Tensor2D; // [B, d]
    const branches = Object.fromEntries(MODS.map((m, i) => [m, this.experts[m].cls.apply(hs[i])]));
    return { logits: this.head.apply(mixed), branches, embedding: mixed, extra: { router: w } };
  }

  loss(out: Output, batch: Batch): Losses {
    const ce = crossEntropy(out.logits, batch.labels);
    const y = tf.oneHot(batch.labels, 2);
    const experts = MODS.map((m) => {
      const per = tf.losses.softmaxCrossEntropy(y, out.branches![m], undefined, undefined, tf.Reduction.NONE); // [B]
      const p = batch.present[m];
      return tf.div(tf.sum(tf.mul(per, p)), tf.maximum(tf.sum(p), 1)) as tf.Scalar; // mean over posts that have m (0 if none)
    });
    const ex = tf.add(experts[0], experts[1]) as tf.Scalar;
    return { total: tf.add(ce, tf.mul(ex, this.o.expertWeight)) as tf.Scalar, ce, experts: ex };
  }
}
