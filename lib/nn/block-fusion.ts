/**
 * BLOCK fusion (Ben-Younes et al., AAAI 2019): a bilinear map of two vectors
 * whose core tensor is block-superdiagonal, each block of rank R — CMC's
 * fusion mechanism (Eq. 9: r = T ×₁ x¹ ×₂ x²). Follows the reference
 * implementation (Cadene/block.bootstrap.pytorch, fusions.Block):
 *
 *   x̃¹ = W₀ x¹,  x̃² = W₁ x²                        [B, mm]   projections
 *   split x̃¹, x̃² into `chunks` blocks of sizes s_c (Σ s_c = mm)
 *   per block c:  m = (M₀ᶜ x̃¹_c) ⊙ (M₁ᶜ x̃²_c)     [B, s_c · R]
 *                 z_c = Σ_rank m.view(R, s_c)        [B, s_c]   (rank-R block of the core tensor)
 *                 z_c = normalise(√relu(z_c) − √relu(−z_c))     (signed sqrt + L2, pos_norm 'before_cat')
 *   r = W_out [z_1 … z_C]                            [B, out]
 *
 * Defaults: mm_dim 256, chunks 18, rank 15 (the choice for CMC from
 * BLOCK's reference settings; BLOCK's VQA default is 1600 / 20 / 15).
 * The signed square root is sqrt(relu(z) + ε) − sqrt(relu(−z) + ε): the
 * plain form has an infinite derivative at 0 that tfjs turns into NaN
 * (relu's backward multiplies, PyTorch's selects).
 */
import { tf } from '../backend/index';
import { Module } from './module';
import { initBias, initWeight } from './init';
import { Linear } from './linear';
import { l2normalize } from './norm';
import { deriveSeed } from '../util/random';

export interface BlockOptions {
  mmDim?: number;
  chunks?: number;
  rank?: number;
  seed?: number;
}

export const BLOCK_DEFAULTS: Required<BlockOptions> = { mmDim: 256, chunks: 18, rank: 15, seed: 0 };

/** BLOCK's get_sizes_list: `chunks` sizes of ⌈dim/chunks⌉, the last one shortened so they sum to dim. */
export function chunkSizes(dim: number, chunks: number): number[] {
  const s = Math.ceil(dim / chunks);
  const sizes = Array.from({ length: chunks }, () => s);
  sizes[chunks - 1] -= sizes.reduce((a, b) => a + b, 0) - dim;
  if (sizes[chunks - 1] <= 0) {
    // as the reference: borrow from the preceding blocks so every block has ≥ 1 unit
    const miss = sizes[chunks - 2] - sizes[chunks - 1];
    sizes[chunks - 1] = sizes[chunks - 2];
    for (let j = 0; j < miss; j++) sizes[chunks - 1 - j] -= 1;
  }
  if (sizes.reduce((a, b) => a + b, 0) !== dim || sizes.some((x) => x <= 0)) throw new Error(`BLOCK: cannot split mm_dim ${dim} into ${chunks} chunks`);
  return sizes;
}

/** Consecutive chunks of one size, stored stacked so one batched matMul serves them all (18 small ones are slow in tfjs). */
interface ChunkGroup {
  size: number;
  count: number;
  /** offset of the group's first unit in the mm_dim axis */
  offset: number;
  W0: tf.Variable; // [count, s, s·R]
  b0: tf.Variable; // [count, 1, s·R]
  W1: tf.Variable;
  b1: tf.Variable;
}

export class BlockFusion extends Module {
  readonly o: Required<BlockOptions>;
  readonly sizes: number[];
  readonly linear0: Linear;
  readonly linear1: Linear;
  readonly out: Linear;
  private readonly groups: ChunkGroup[] = [];

  constructor(
    readonly inDims: [number, number],
    readonly outDim: number,
    options: BlockOptions = {},
  ) {
    super();
    for (const key of Object.keys(options))
      if (!(key in BLOCK_DEFAULTS)) throw new Error(`BlockFusion: unknown option '${key}' (known: ${Object.keys(BLOCK_DEFAULTS).join(', ')})`);
    const o = { ...BLOCK_DEFAULTS, ...options };
    for (const k of ['mmDim', 'chunks', 'rank'] as const)
      if (!(Number.isInteger(o[k]) && o[k] > 0)) throw new Error(`BlockFusion: option '${k}' must be a positive integer, got ${o[k]}`);
    if (o.chunks > o.mmDim) throw new Error(`BlockFusion: option 'chunks' (${o.chunks}) exceeds 'mmDim' (${o.mmDim})`);
    this.o = o;
    this.sizes = chunkSizes(o.mmDim, o.chunks);
    this.linear0 = this.child(new Linear(inDims[0], o.mmDim, { seed: deriveSeed(o.seed, 'linear0') }));
    this.linear1 = this.child(new Linear(inDims[1], o.mmDim, { seed: deriveSeed(o.seed, 'linear1') }));
    // the per-chunk merge layers M₀ᶜ, M₁ᶜ: Linear(s_c → s_c·R) each, initialised per chunk as an nn.Linear
    // (lib/nn/init.ts; fan-in s_c), grouped by size
    let c = 0,
      offset = 0;
    while (c < this.sizes.length) {
      const size = this.sizes[c];
      let count = 0;
      while (c + count < this.sizes.length && this.sizes[c + count] === size) count++;
      const seedOf = (side: number, j: number) => deriveSeed(o.seed, `merge${side}.${c + j}`);
      const stack = (side: number) =>
        tf.tidy(() => tf.stack(Array.from({ length: count }, (_, j) => initWeight([size, size * o.rank], seedOf(side, j), size))));
      const biases = (side: number) => tf.tidy(() => tf.stack(Array.from({ length: count }, (_, j) => initBias([1, size * o.rank], size, seedOf(side, j)))));
      this.groups.push({ size, count, offset, W0: this.param(stack(0)), b0: this.param(biases(0)), W1: this.param(stack(1)), b1: this.param(biases(1)) });
      c += count;
      offset += count * size;
    }
    this.out = this.child(new Linear(o.mmDim, outDim, { seed: deriveSeed(o.seed, 'out') }));
  }

  /** Eq. 9: x1 [B, d1], x2 [B, d2] → r [B, out]; `fused` is [z_1 … z_C] [B, mm] before the output layer. */
  forward(x1: tf.Tensor2D, x2: tf.Tensor2D): { r: tf.Tensor2D; fused: tf.Tensor2D } {
    const B = x1.shape[0],
      R = this.o.rank;
    const a = this.linear0.apply(x1); // [B, mm]
    const b = this.linear1.apply(x2); // [B, mm]
    const zs = this.groups.map((g) => {
      const s = g.size,
        n = g.count;
      const chunks = (x: tf.Tensor2D) => tf.transpose(tf.reshape(tf.slice(x, [0, g.offset], [B, n * s]), [B, n, s]), [1, 0, 2]) as tf.Tensor3D; // [n, B, s]
      const m0 = tf.add(tf.matMul(chunks(a), g.W0 as unknown as tf.Tensor3D), g.b0); // [n, B, s·R]
      const m1 = tf.add(tf.matMul(chunks(b), g.W1 as unknown as tf.Tensor3D), g.b1);
      // rank-R block of the core tensor: the reference sums m.view(B, R, s) over R; our columns are laid
      // out (s, R) instead — a fixed permutation of M's columns, the same model — so the sum runs over
      // the last axis, which tfjs reduces ~10× faster than a middle one
      const z = tf.sum(tf.reshape(tf.mul(m0, m1), [n, B, s, R]), 3); // [n, B, s]
      const eps = 1e-12;
      const signedSqrt = tf.sub(tf.sqrt(tf.add(tf.relu(z), eps)), tf.sqrt(tf.add(tf.relu(tf.neg(z)), eps)));
      const normed = tf.reshape(l2normalize(tf.reshape(signedSqrt, [n * B, s]) as tf.Tensor2D), [n, B, s]);
      return tf.reshape(tf.transpose(normed, [1, 0, 2]), [B, n * s]) as tf.Tensor2D; // [B, n·s], chunk order kept
    });
    const fused = (zs.length === 1 ? zs[0] : tf.concat(zs, 1)) as tf.Tensor2D; // [B, mm]
    return { r: this.out.apply(fused), fused };
  }
}
