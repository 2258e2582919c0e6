/**
 * BMLHF dual cross-transformer interaction block (Sec. 3.3.1, Eq. 6–7):
 *   Q̃, Ẽ = CrossTransformer_pattern(Q', E'; Θ_C)
 *   P̃, Ũ = CrossTransformer_semantic(P', U'; Θ_D)
 *
 * Tokens. Our views are pooled vectors (one per post), so a view is one
 * d_k-vector. With a single key, softmax attention is identically 1: the
 * query and key projections get zero gradient and the block degenerates to
 * "add a linear map of the other view". We therefore split each encoded view
 * [B, d_k] into `tokens` tokens of width d_k / tokens ([B, T, d_k/T]), run the
 * cross-transformer on those token sets, and merge back to [B, d_k]; the
 * attention weights are then real T×T mixtures. tokens = 1 gives the
 * one-token reading (degenerate attention, same parameter layout at width d_k).
 */
import { tf } from '../../backend/index';
import { Module } from '../../nn/module';
import { CrossTransformer } from '../../nn/cross-transformer';
import { deriveSeed } from '../../util/random';

export interface DualCrossOptions {
  /** attention heads (paper: 4) */
  heads: number;
  /** tokens per view: d_k is split into `tokens` chunks of d_k / tokens */
  tokens: number;
  /** FFN hidden width as a multiple of the token width (transformer convention: 4) */
  ffnMult: number;
  seed: number;
}

export class DualCrossTransformer extends Module {
  readonly pattern: CrossTransformer; // Θ_C
  readonly semantic: CrossTransformer; // Θ_D
  readonly width: number;

  constructor(
    readonly dk: number,
    readonly o: DualCrossOptions,
  ) {
    super();
    if (!Number.isInteger(o.tokens) || o.tokens < 1 || dk % o.tokens !== 0) {
      throw new Error(`DualCrossTransformer: d_k ${dk} is not divisible into ${o.tokens} tokens`);
    }
    this.width = dk / o.tokens;
    if (this.width % o.heads !== 0) {
      throw new Error(`DualCrossTransformer: token width ${this.width} (d_k ${dk} / tokens ${o.tokens}) is not divisible by heads ${o.heads}`);
    }
    const ct = (name: string) => new CrossTransformer(this.width, { heads: o.heads, ffn: o.ffnMult * this.width, seed: deriveSeed(o.seed, name) });
    this.pattern = this.child(ct('pattern'));
    this.semantic = this.child(ct('semantic'));
  }

  private toTokens(x: tf.Tensor2D): tf.Tensor3D {
    return x.reshape([x.shape[0], this.o.tokens, this.width]); // [B, T, d_k/T]
  }

  private fromTokens(x: tf.Tensor3D): tf.Tensor2D {
    return x.reshape([x.shape[0], this.dk]); // [B, d_k]
  }

  /** Eq. 6: the pattern pair (text Q', image E'). */
  applyPattern(q: tf.Tensor2D, e: tf.Tensor2D): [tf.Tensor2D, tf.Tensor2D] {
    const [qt, et] = this.pattern.apply(this.toTokens(q), this.toTokens(e));
    return [this.fromTokens(qt), this.fromTokens(et)]; // Q̃, Ẽ: [B, d_k]
  }

  /** Eq. 7: the semantic pair (text P', image U'). */
  applySemantic(p: tf.Tensor2D, u: tf.Tensor2D): [tf.Tensor2D, tf.Tensor2D] {
    const [pt, ut] = this.semantic.apply(this.toTokens(p), this.toTokens(u));
    return [this.fromTokens(pt), this.fromTokens(ut)]; // P̃, Ũ: [B, d_k]
  }
}
