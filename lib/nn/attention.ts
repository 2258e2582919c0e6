/**
 * Multi-head (cross-)attention: queries from one token set, keys/values from
 * another (self-attention when they are the same). Returns the per-head
 * attention weights too, because several papers (HMS) measure where heads look.
 */
import { tf } from '../backend/index';
import { Module } from './module';
import { Linear } from './linear';
import { deriveSeed } from '../util/random';

export interface AttentionOptions {
  heads: number;
  seed: number;
}

export class MultiHeadAttention extends Module {
  readonly q: Linear;
  readonly k: Linear;
  readonly v: Linear;
  readonly o: Linear;
  readonly heads: number;
  readonly headDim: number;

  constructor(
    readonly dim: number,
    { heads, seed }: AttentionOptions,
  ) {
    super();
    if (dim % heads !== 0) throw new Error(`MultiHeadAttention: dim ${dim} is not divisible by heads ${heads}`);
    this.heads = heads;
    this.headDim = dim / heads;
    this.q = this.child(new Linear(dim, dim, { seed: deriveSeed(seed, 'q') }));
    this.k = this.child(new Linear(dim, dim, { seed: deriveSeed(seed, 'k') }));
    this.v = this.child(new Linear(dim, dim, { seed: deriveSeed(seed, 'v') }));
    this.o = this.child(new Linear(dim, dim, { seed: deriveSeed(seed, 'o') }));
  }

  /** [B, T, d] → [B, H, T, hd] */
  private split(x: tf.Tensor3D): tf.Tensor4D {
    const [B, T] = x.shape;
    return x.reshape([B, T, this.heads, this.headDim]).transpose([0, 2, 1, 3]) as tf.Tensor4D;
  }

  /**
   * x: queries [B, Tq, d]; ctx: keys/values [B, Tk, d];
   * keyMask: [B, Tk], 1 = attend, 0 = ignore (padding or a missing modality).
   * headGate: [H], a multiplicative gate on each head's output before the
   * output projection (1 = as is, 0 = the head removed; Michel et al. 2019's
   * head mask). Absent = no gate (the computation is then unchanged).
   */
  apply(x: tf.Tensor3D, ctx: tf.Tensor3D = x, keyMask?: tf.Tensor2D, headGate?: tf.Tensor1D): { out: tf.Tensor3D; weights: tf.Tensor4D } {
    const [B, Tq, d] = x.shape;
    const q = this.split(this.q.apply(x)); // [B, H, Tq, hd]
    const k = this.split(this.k.apply(ctx)); // [B, H, Tk, hd]
    const v = this.split(this.v.apply(ctx)); // [B, H, Tk, hd]
    let scores = tf.div(tf.matMul(q, k, false, true), Math.sqrt(this.headDim)); // [B, H, Tq, Tk]
    if (keyMask) {
      // −1e9 on masked keys; a row with every key masked falls back to uniform weights
      const bias = tf.mul(tf.sub(1, keyMask), -1e9).reshape([B, 1, 1, -1]);
      scores = tf.add(scores, bias);
    }
    const weights = tf.softmax(scores, -1) as tf.Tensor4D; // [B, H, Tq, Tk]
    let heads = tf.matMul(weights, v) as tf.Tensor4D; // [B, H, Tq, hd]
    if (headGate) heads = tf.mul(heads, headGate.reshape([1, this.heads, 1, 1])) as tf.Tensor4D;
    const merged = heads.transpose([0, 2, 1, 3]).reshape([B, Tq, d]) as tf.Tensor3D;
    return { out: this.o.apply(merged), weights };
  }
}
