/**
 * A small multimodal transformer over view tokens, with inspectable heads —
 * the stand-in for the MLLM of HMS (arXiv 2604.09711), where the same
 * mechanism runs inside LLaVA-scale models.
 *
 *   tokens = [CLS; tok(textPattern); tok(textSemantic); tok(imagePattern); tok(imageSemantic)]
 *            (each pooled view → `tokensPerView` tokens, lib/nn/view-tokens.ts)
 *   h      = GatedTransformer(tokens, keyMask)      keyMask: a missing modality's tokens are never attended
 *   logits = W LN(h_CLS) + b
 *
 * Options beyond the architecture:
 *   modalityDropout p — while training, each post loses one of its present
 *     modalities with probability p (which one: 50/50, seeded): the
 *     "modality dropout" baseline. It is a train-time missing pattern only;
 *     evaluation patterns are set by the evaluator, never by this option.
 *   specialise(...) — HMS: allocated (layer, head, modality) triples, the
 *     bound b and the weight of the hinge penalty (lib/losses/hms.ts) added
 *     to the cross-entropy.
 */
import { tf } from '../backend/index';
import { Module } from '../nn/module';
import { Linear } from '../nn/linear';
import { LayerNorm } from '../nn/layernorm';
import { GatedTransformer, attentionShare } from '../nn/gated-transformer';
import { ViewTokenizer } from '../nn/view-tokens';
import { hmsPenalty } from '../losses/hms';
import { deriveSeed, rng, type Rng } from '../util/random';
import { crossEntropy, type Batch, type Losses, type Model, type Output } from './model';

export interface MMTransformerOptions {
  /** view name → input dim */
  dims: Record<string, number>;
  /** view name → modality; default: names starting with 'text' are text, the rest image */
  modality?: Record<string, string>;
  dim?: number;
  layers?: number;
  heads?: number;
  ffn?: number;
  tokensPerView?: number;
  modalityDropout?: number;
  seed?: number;
  name?: string;
}

export const MM_TRANSFORMER_DEFAULTS = { dim: 32, layers: 2, heads: 4, ffn: 64, tokensPerView: 1, modalityDropout: 0, seed: 0 };

export interface AllocatedHead {
  layer: number;
  head: number;
  modality: 'text' | 'image';
}

export interface Specialisation {
  heads: AllocatedHead[];
  /** lower bound b of the share */
  bound: number;
  /** weight of the HMS term in the loss */
  weight: number;
}

/** What the head analysis (lib/eval/heads.ts) needs from a model. */
export interface HeadInspectable extends Model {
  readonly transformer: GatedTransformer;
  /** modality of each token position ('cls', 'text', 'image') */
  readonly tokenModality: string[];
  /** forward with explicit gates [L, H] and attention maps */
  inspect(batch: Batch, options: { gates?: tf.Tensor2D; attention?: boolean }): { logits: tf.Tensor2D; attention?: tf.Tensor4D[]; mask: tf.Tensor2D };
  /** HMS on the allocated heads (null: off) */
  specialise(spec: Specialisation | null): void;
}

export function isHeadInspectable(m: Model): m is HeadInspectable {
  return 'transformer' in m && 'inspect' in m;
}

export class MMTransformer extends Module implements HeadInspectable {
  readonly name: string;
  readonly tokenizer: ViewTokenizer;
  readonly transformer: GatedTransformer;
  readonly ln: LayerNorm;
  readonly head: Linear;
  readonly config: Record<string, unknown>;
  private spec: Specialisation | null = null;
  private readonly r: Rng;
  private readonly dropout: number;

  constructor(options: MMTransformerOptions) {
    super();
    const o = { ...MM_TRANSFORMER_DEFAULTS, name: 'mm-transformer', ...options };
    const known = new Set([...Object.keys(MM_TRANSFORMER_DEFAULTS), 'dims', 'modality', 'name']);
    for (const k of Object.keys(options)) if (!known.has(k)) throw new Error(`MMTransformer: unknown option '${k}' (known: ${[...known].join(', ')})`);
    if (!(o.modalityDropout >= 0 && o.modalityDropout <= 1))
      throw new Error(`MMTransformer: option 'modalityDropout' must be in [0, 1], got ${o.modalityDropout}`);
    const modality = o.modality ?? Object.fromEntries(Object.keys(o.dims).map((v) => [v, v.startsWith('text') ? 'text' : 'image']));
    this.name = o.name;
    this.dropout = o.modalityDropout;
    this.r = rng(deriveSeed(o.seed, 'modality-dropout'));
    this.tokenizer = this.child(new ViewTokenizer({ dims: o.dims, modality, dim: o.dim, tokensPerView: o.tokensPerView, seed: deriveSeed(o.seed, 'tokens') }));
    this.transformer = this.child(new GatedTransformer(o.dim, { layers: o.layers, heads: o.heads, ffn: o.ffn, seed: deriveSeed(o.seed, 'encoder') }));
    this.ln = this.child(new LayerNorm(o.dim));
    this.head = this.child(new Linear(o.dim, 2, { seed: deriveSeed(o.seed, 'head') }));
    this.config = {
      model: 'mm-transformer',
      dim: o.dim,
      layers: o.layers,
      heads: o.heads,
      ffn: o.ffn,
      tokensPerView: o.tokensPerView,
      views: Object.keys(o.dims),
      modalityDropout: o.modalityDropout,
      readout: 'CLS',
    };
  }

  get tokenModality(): string[] {
    return this.tokenizer.tokenModality;
  }

  /** HMS on (or off with null): the allocated heads and the hinge's bound and weight. */
  specialise(spec: Specialisation | null): void {
    for (const h of spec?.heads ?? []) {
      if (!(h.layer >= 0 && h.layer < this.transformer.layers && h.head >= 0 && h.head < this.transformer.heads))
        throw new Error(`MMTransformer.specialise: no head (${h.layer}, ${h.head})`);
      if (h.modality !== 'text' && h.modality !== 'image') throw new Error(`MMTransformer.specialise: modality must be 'text' or 'image', got '${h.modality}'`);
    }
    this.spec = spec && spec.heads.length ? spec : null;
  }

  get specialisation(): Specialisation | null {
    return this.spec;
  }

  groups(): Record<string, tf.Variable[]> {
    return {};
  }

  /** the presence masks a training step sees: modality dropout draws here (seeded), evaluation never does */
  private presence(batch: Batch, training: boolean): Record<string, tf.Tensor1D> {
    if (!training || this.dropout === 0) return batch.present;
    const t = batch.present.text.dataSync(),
      im = batch.present.image.dataSync();
    const text = Float32Array.from(t),
      image = Float32Array.from(im);
    for (let i = 0; i < batch.size; i++) {
      if (!(this.r.next() < this.dropout) || !(t[i] && im[i])) continue; // a post with one modality keeps it
      if (this.r.next() < 0.5) text[i] = 0;
      else image[i] = 0;
    }
    return { text: tf.tensor1d(text), image: tf.tensor1d(image) };
  }

  private encode(batch: Batch, present: Record<string, tf.Tensor1D>, gates: tf.Tensor2D | undefined, attention: boolean) {
    const x = this.tokenizer.apply(batch.views); // [B, T, d]
    const mask = this.tokenizer.mask(present); // [B, T]
    const r = this.transformer.apply(x, mask, { gates, attention });
    const cls = r.out.slice([0, 0, 0], [-1, 1, -1]).reshape([batch.size, -1]) as tf.Tensor2D; // [B, d]
    const h = this.ln.apply(cls);
    return { logits: this.head.apply(h), embedding: h, attention: r.attention, mask };
  }

  inspect(batch: Batch, { gates, attention = false }: { gates?: tf.Tensor2D; attention?: boolean }) {
    const r = this.encode(batch, batch.present, gates, attention);
    return { logits: r.logits, attention: r.attention, mask: r.mask };
  }

  forward(batch: Batch, training: boolean): Output {
    const present = this.presence(batch, training);
    const spec = training ? this.spec : null;
    const r = this.encode(batch, present, undefined, spec !== null);
    if (!spec) return { logits: r.logits, embedding: r.embedding };
    // each allocated head's share of its own modality, per sample: [B, K]
    const cols = spec.heads.map((h) => {
      const s = attentionShare(r.attention![h.layer], this.tokenizer.positions(h.modality), r.mask); // [B, H]
      return s.slice([0, h.head], [-1, 1]);
    });
    const shares = tf.concat(cols, 1) as tf.Tensor2D;
    const valid = tf.mul(present.text, present.image) as tf.Tensor1D;
    return { logits: r.logits, embedding: r.embedding, extra: { hmsShares: shares, hmsValid: valid } };
  }

  loss(out: Output, batch: Batch): Losses {
    const ce = crossEntropy(out.logits, batch.labels);
    if (!this.spec || !out.extra?.hmsShares) return { total: ce, ce };
    const hms = hmsPenalty(out.extra.hmsShares as tf.Tensor2D, out.extra.hmsValid as tf.Tensor1D, { bound: this.spec.bound });
    return { total: tf.add(ce, tf.mul(hms, this.spec.weight)) as tf.Scalar, ce, hms };
  }
}
