import { tf } from '../backend/index';

/**
 * A clamp whose gradient keeps flowing, for bounded learnable scalars such as
 * CLIP's logit scale. tf.clipByValue has zero gradient outside [lo, hi], so a
 * variable that one optimiser step carries past a bound never moves again.
 * CLIP instead clamps the variable's value after each step (a projected
 * step): at the bound, a gradient that points back inside moves it, one that
 * points outside is undone by the clamp.
 *
 * Here the same as a gradient: forward min(max(x, lo), hi); backward dy
 * inside [lo, hi], and outside it dy only where a descent step (x − lr·dy)
 * moves x back toward the interval (above hi: dy > 0; below lo: dy < 0),
 * else 0 (what CLIP's clamp would undo).
 */
export function clampWithGradient<T extends tf.Tensor>(x: T, lo: number, hi: number): T {
  if (!(lo <= hi)) throw new Error(`clampWithGradient: need lo ≤ hi, got [${lo}, ${hi}]`);
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const input = args[0] as tf.Tensor;
    (args[1] as tf.GradSaveFunc)([input]);
    return {
      value: tf.clipByValue(input, lo, hi),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [v] = saved;
        const blocked = tf.logicalOr(tf.logicalAnd(tf.greater(v, hi), tf.lessEqual(dy, 0)), tf.logicalAnd(tf.less(v, lo), tf.greaterEqual(dy, 0)));
        return tf.where(blocked, tf.zerosLike(dy), dy);
      },
    };
  });
  return f(x) as T;
}
