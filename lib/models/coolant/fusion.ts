/**
 * COOLANT's cross-modal fusion (Sec. 3.3): the correlation of the aligned
 * text and image vectors as an outer product, scaled by 1/√d, softmaxed over
 * the image axis and max-pooled over it, then Linear → ReLU (64):
 *
 *   M = softmax_j( t vᵀ / √d )  ∈ R^{d×d},   c_i = max_j M_ij,   corr = ReLU(W c + b)
 *
 * (the same correlation CAFE uses; `outerProductCorrelation` is shared with it).
 * `plain: true` is the "w/o cross-modal fusion" ablation: corr = ReLU(W [t; v] + b),
 * the aligned vectors without their interaction.
 */
import { tf } from '../../backend/index';
import { Module } from '../../nn/module';
import { Linear } from '../../nn/linear';
import { outerProductCorrelation } from '../baselines/cafe';

export class CrossModalFusion extends Module {
  readonly out: Linear;

  constructor(
    readonly dim: number,
    readonly outDim: number,
    readonly plain = false,
    seed = 0,
  ) {
    super();
    this.out = this.child(new Linear(plain ? 2 * dim : dim, outDim, { seed }));
  }

  /** t, v: [B, d] → [B, outDim] */
  apply(t: tf.Tensor2D, v: tf.Tensor2D): tf.Tensor2D {
    const c = this.plain ? (tf.concat([t, v], 1) as tf.Tensor2D) : outerProductCorrelation(t, v); // [B, d] or [B, 2d]
    return tf.relu(this.out.apply(c)) as tf.Tensor2D;
  }
}
