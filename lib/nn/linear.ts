import { tf } from '../backend/index';
import { Module } from './module';
import { currentInit, initBias, initWeight, type InitScheme } from './init';

export interface LinearOptions {
  bias?: boolean;
  seed: number;
  /** initialisation scheme (lib/nn/init.ts); default: the scheme of the enclosing withInit(), else 'torch' */
  init?: InitScheme;
}

/** y = x W + b, on the last axis of a [.., in] tensor. */
export class Linear extends Module {
  readonly W: tf.Variable; // [in, out]
  readonly b?: tf.Variable; // [out]

  constructor(
    readonly inDim: number,
    readonly outDim: number,
    { bias = true, seed, init = currentInit() }: LinearOptions,
  ) {
    super();
    // torch: W, b ~ U(±1/√in) (nn.Linear's default); glorot: Glorot W, zero b
    this.W = this.param(initWeight([inDim, outDim], seed, inDim, init));
    if (bias) this.b = this.param(initBias([outDim], inDim, seed, init));
  }

  apply<T extends tf.Tensor>(x: T): T {
    const shape = x.shape;
    const flat = shape.length === 2 ? (x as unknown as tf.Tensor2D) : (x.reshape([-1, this.inDim]) as tf.Tensor2D);
    let y = tf.matMul(flat, this.W as tf.Tensor2D);
    if (this.b) y = tf.add(y, this.b);
    return (shape.length === 2 ? y : y.reshape([...shape.slice(0, -1), this.outDim])) as T;
  }
}
