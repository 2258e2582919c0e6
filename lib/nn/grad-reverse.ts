import { tf } from '../backend/index';

/**
 * Gradient reversal (Ganin & Lempitsky 2015), as EANN uses for its event
 * discriminator: identity forward, −λ · gradient backward.
 */
export function gradReverse(x: tf.Tensor, lambda = 1): tf.Tensor {
  const f = tf.customGrad(((input: tf.Tensor) => ({
    value: tf.clone(input),
    gradFunc: (dy: tf.Tensor) => tf.mul(dy, -lambda),
  })) as unknown as Parameters<typeof tf.customGrad>[0]);
  return f(x);
}
