/**
 * A cross-transformer layer in the pre-norm form:
 *   a = a + MHA(LN(a), LN(b));  a = a + FFN(LN(a))
 * and symmetrically for b. BMLHF's dual cross-transformer (Eq. 6–7) uses one
 * of these per view pair (pattern, semantic).
 */
import { tf } from '../backend/index';
import { Module } from './module';
import { MultiHeadAttention } from './attention';
import { LayerNorm } from './layernorm';
import { MLP } from './mlp';
import { deriveSeed } from '../util/random';

export interface CrossTransformerOptions {
  heads: number;
  ffn: number;
  seed: number;
}

class CrossHalf extends Module {
  readonly attn: MultiHeadAttention;
  readonly ffn: MLP;
  readonly ln1: LayerNorm;
  readonly lnCtx: LayerNorm;
  readonly ln2: LayerNorm;

  constructor(dim: number, o: CrossTransformerOptions) {
    super();
    this.attn = this.child(new MultiHeadAttention(dim, { heads: o.heads, seed: deriveSeed(o.seed, 'attn') }));
    this.ffn = this.child(new MLP(dim, { hidden: [o.ffn], out: dim, seed: deriveSeed(o.seed, 'ffn') }));
    this.ln1 = this.child(new LayerNorm(dim));
    this.lnCtx = this.child(new LayerNorm(dim));
    this.ln2 = this.child(new LayerNorm(dim));
  }

  apply(a: tf.Tensor3D, b: tf.Tensor3D, mask?: tf.Tensor2D): tf.Tensor3D {
    const h = tf.add(a, this.attn.apply(this.ln1.apply(a), this.lnCtx.apply(b), mask).out) as tf.Tensor3D;
    return tf.add(h, this.ffn.apply(this.ln2.apply(h))) as tf.Tensor3D;
  }
}

export class CrossTransformer extends Module {
  readonly aFromB: CrossHalf;
  readonly bFromA: CrossHalf;

  constructor(
    readonly dim: number,
    o: CrossTransformerOptions,
  ) {
    super();
    this.aFromB = this.child(new CrossHalf(dim, { ...o, seed: deriveSeed(o.seed, 'a') }));
    this.bFromA = this.child(new CrossHalf(dim, { ...o, seed: deriveSeed(o.seed, 'b') }));
  }

  /** a: [B, Ta, d], b: [B, Tb, d] → both updated, each having attended to the other (pre-update values). */
  apply(a: tf.Tensor3D, b: tf.Tensor3D, maskA?: tf.Tensor2D, maskB?: tf.Tensor2D): [tf.Tensor3D, tf.Tensor3D] {
    return [this.aFromB.apply(a, b, maskB), this.bFromA.apply(b, a, maskA)];
  }
}
