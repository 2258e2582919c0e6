import { tf } from '../backend';

/**
 * Gradient reversal (Ganin & Lempitsky 2015), as EANN uses for its event
 * discriminator: identity forward, −λ · gradient backward.
 */
export function gradReverse(x: tf.Tensor, lambda = 1): tf.Tensor {
  const f = tf.customGrad((input: tf.Tensor | tf.Tensor[], save) => {
    const t = input as tf.Tensor;
    (save as (ts: tf.Tensor[]) => void)([]);
    return { value: tf.clone(t), gradFunc: (dy: tf.Tensor | tf.Tensor[]) => tf.mul(dy as tf.Tensor, -lambda) };
  });
  return f(x) as tf.Tensor;
}
