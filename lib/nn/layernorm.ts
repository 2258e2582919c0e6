import { tf } from '../backend/index';
import { Module } from './module';

/** LayerNorm over the last axis, with learned gain and bias. */
export class LayerNorm extends Module {
  readonly gamma: tf.Variable;
  readonly beta: tf.Variable;

  constructor(
    readonly dim: number,
    readonly eps = 1e-5,
  ) {
    super();
    this.gamma = this.param(tf.ones([dim]));
    this.beta = this.param(tf.zeros([dim]));
  }

  apply<T extends tf.Tensor>(x: T): T {
    const { mean, variance } = tf.moments(x, -1, true);
    const xhat = tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, this.eps)));
    return tf.add(tf.mul(xhat, this.gamma), this.beta) as T;
  }
}
