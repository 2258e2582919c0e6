/**
 * A pre-norm transformer encoder whose heads can be inspected and switched:
 *   x = x + MHA_l(LN(x); gate_l);  x = x + FFN_l(LN(x))      for l = 1..L
 * Every (layer, head) has a multiplicative gate on its output (before the
 * output projection), so a head can be removed (gate 0), scaled, or
 * differentiated through (gate-gradient importance, Michel et al. 2019), and
 * the attention maps of every layer are returned on request. Shared by the
 * HMS reproduction (head-wise modality specialisation), the MoMKE-style
 * experts and any later head study.
 *
 * Gates are a non-trainable variable [L, H] of ones by default; `apply` also
 * takes a gates tensor, so an analysis can differentiate the loss w.r.t. it.
 */
import { tf } from '../backend/index';
import { Module } from './module';
import { MultiHeadAttention } from './attention';
import { LayerNorm } from './layernorm';
import { MLP } from './mlp';
import { deriveSeed } from '../util/random';

export interface GatedTransformerOptions {
  layers?: number;
  heads?: number;
  /** FFN hidden width */
  ffn?: number;
  seed?: number;
}

export const GATED_TRANSFORMER_DEFAULTS: Required<GatedTransformerOptions> = { layers: 2, heads: 4, ffn: 64, seed: 0 };

class GatedLayer extends Module {
  readonly attn: MultiHeadAttention;
  readonly ffn: MLP;
  readonly ln1: LayerNorm;
  readonly ln2: LayerNorm;

  constructor(dim: number, o: Required<GatedTransformerOptions>, seed: number) {
    super();
    this.attn = this.child(new MultiHeadAttention(dim, { heads: o.heads, seed: deriveSeed(seed, 'attn') }));
    this.ffn = this.child(new MLP(dim, { hidden: [o.ffn], out: dim, seed: deriveSeed(seed, 'ffn') }));
    this.ln1 = this.child(new LayerNorm(dim));
    this.ln2 = this.child(new LayerNorm(dim));
  }

  apply(x: tf.Tensor3D, mask: tf.Tensor2D | undefined, gate: tf.Tensor1D): { out: tf.Tensor3D; weights: tf.Tensor4D } {
    const a = this.attn.apply(this.ln1.apply(x), undefined, mask, gate);
    const h = tf.add(x, a.out) as tf.Tensor3D;
    return { out: tf.add(h, this.ffn.apply(this.ln2.apply(h))) as tf.Tensor3D, weights: a.weights };
  }
}

/** Where head h of a layer lives in its Q/K/V/O weights: columns of W_q, W_k, W_v (and their biases), rows of W_o. */
export interface HeadSlice {
  variable: tf.Variable;
  /** 'cols': a block of columns of an [in, out] matrix; 'rows': a block of rows; 'range': a block of a bias vector */
  kind: 'cols' | 'rows' | 'range';
  start: number;
  size: number;
}

export interface GatedApplyOptions {
  /** [L, H] gates to use instead of the stored ones (e.g. a tensor under tf.grad) */
  gates?: tf.Tensor2D;
  /** return the attention maps [B, H, T, T] of every layer */
  attention?: boolean;
}

export class GatedTransformer extends Module {
  readonly blocks: GatedLayer[];
  readonly layers: number;
  readonly heads: number;
  readonly headDim: number;
  /** [L, H] output gates, ones unless an analysis switches heads off */
  readonly gates: tf.Variable;

  constructor(
    readonly dim: number,
    options: GatedTransformerOptions = {},
  ) {
    super();
    const o = { ...GATED_TRANSFORMER_DEFAULTS, ...options };
    for (const k of ['layers', 'heads', 'ffn'] as const) {
      if (!Number.isInteger(o[k]) || o[k] < 1) throw new Error(`GatedTransformer: option '${k}' must be a positive integer, got ${o[k]}`);
    }
    if (dim % o.heads !== 0) throw new Error(`GatedTransformer: dim ${dim} is not divisible by option 'heads' ${o.heads}`);
    this.layers = o.layers;
    this.heads = o.heads;
    this.headDim = dim / o.heads;
    this.blocks = Array.from({ length: o.layers }, (_, l) => this.child(new GatedLayer(dim, o, deriveSeed(o.seed, `layer${l}`))));
    this.gates = this.param(tf.ones([o.layers, o.heads]), false);
  }

  /** x: [B, T, d]; mask: [B, T] (1 = a real token) → [B, T, d] and, on request, attention maps per layer */
  apply(x: tf.Tensor3D, mask?: tf.Tensor2D, { gates, attention = false }: GatedApplyOptions = {}): { out: tf.Tensor3D; attention?: tf.Tensor4D[] } {
    const g = gates ?? (this.gates as tf.Tensor2D);
    let h = x;
    const maps: tf.Tensor4D[] = [];
    this.blocks.forEach((b, l) => {
      const r = b.apply(h, mask, g.slice([l, 0], [1, this.heads]).reshape([this.heads]) as tf.Tensor1D);
      h = r.out;
      if (attention) maps.push(r.weights);
    });
    return attention ? { out: h, attention: maps } : { out: h };
  }

  /** Set the stored gates ([L][H] numbers): 0 removes a head's output, 1 restores it. */
  setGates(values: number[][]): void {
    if (values.length !== this.layers || values.some((r) => r.length !== this.heads))
      throw new Error(`GatedTransformer.setGates: expected ${this.layers} × ${this.heads} values`);
    tf.tidy(() => this.gates.assign(tf.tensor2d(values, [this.layers, this.heads])));
  }

  /** The Q/K/V/O parameter blocks of head (layer, head): what UKR scales. */
  headSlices(layer: number, head: number): HeadSlice[] {
    if (!(layer >= 0 && layer < this.layers && head >= 0 && head < this.heads))
      throw new Error(`GatedTransformer.headSlices: no head (${layer}, ${head}) in ${this.layers} × ${this.heads}`);
    const a = this.blocks[layer].attn,
      start = head * this.headDim,
      size = this.headDim;
    const out: HeadSlice[] = [];
    for (const lin of [a.q, a.k, a.v]) {
      out.push({ variable: lin.W, kind: 'cols', start, size });
      if (lin.b) out.push({ variable: lin.b, kind: 'range', start, size });
    }
    out.push({ variable: a.o.W, kind: 'rows', start, size }); // W_o's bias is shared by all heads: not a head's slice
    return out;
  }
}

/**
 * Attention share of each head on a set of key positions (HMS's share_h):
 *   share[b, h] = mean_{q real} Σ_{k ∈ K} A[b, h, q, k]
 * weights: [B, H, T, T]; keys: [B, T] (or [T]) 1 on the modality's token positions;
 * queryMask: [B, T] 1 on real query tokens (absent = all). → [B, H]
 */
export function attentionShare(weights: tf.Tensor4D, keys: tf.Tensor, queryMask?: tf.Tensor2D): tf.Tensor2D {
  const [B, , T] = weights.shape;
  const k = (keys.rank === 1 ? keys.reshape([1, 1, 1, T]) : keys.reshape([B, 1, 1, T])).asType('float32');
  const perQuery = tf.sum(tf.mul(weights, k), -1); // [B, H, T]
  if (!queryMask) return tf.mean(perQuery, -1) as tf.Tensor2D;
  const qm = queryMask.reshape([B, 1, T]);
  return tf.div(tf.sum(tf.mul(perQuery, qm), -1), tf.maximum(tf.sum(qm, -1), 1)) as tf.Tensor2D;
}
