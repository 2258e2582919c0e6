/**
 * COOLANT's classifier (the code's classifier_corre): the aggregated vector
 * (16 + 16 + 64 = 96) → 64 → ReLU → 64 → ReLU → 2 class logits (1 = fake).
 * The code has BatchNorm after each hidden Linear; the workbench has none.
 */
import type { tf } from '../../backend/index';
import { Module } from '../../nn/module';
import { MLP } from '../../nn/mlp';

export class CoolantClassifier extends Module {
  readonly mlp: MLP;

  constructor(inDim: number, hidden = 64, seed = 0) {
    super();
    this.mlp = this.child(new MLP(inDim, { hidden: [hidden, hidden], out: 2, seed }));
  }

  /** h [B, 96] → logits [B, 2] */
  apply(h: tf.Tensor2D): tf.Tensor2D {
    return this.mlp.apply(h);
  }
}
