/**
 * The per-view logits MIB reads (BMLHF Eq. 2): W^u g^u(z^u) + b/4.
 *
 * The paper takes W^u from "the classifier's weight block for that view's
 * slice of the fused vector" (the OGM-GE convention under concatenation
 * fusion). In BMLHF the fused X is not a concatenation of the four encoded
 * views — cross-attention, view attention and the correlation block mix them
 * — and the classifier C (Eq. 16) has a hidden ReLU layer, so no weight block
 * of C belongs to a view. Our reading keeps Eq. 2 literally with its own
 * weights: one linear head over the concatenation [Q'; P'; E'; U'] (4 d_k → 2)
 * whose column blocks W^u and shared bias b give
 *   branch_u = W^u g^u(z^u) + b/4,   Σ_u branch_u = head([Q'; P'; E'; U'])
 * exactly the concat-fusion classifier OGM-GE splits. The head is fitted by
 * cross-entropy jointly with the model:
 *   'probe' (default): on stop-gradient copies of g^u(z^u), so it measures how
 *     label-informative each view's encoding currently is without changing
 *     the encoders' objective (Eq. 19 stays the only loss the encoders see);
 *   'aux': without the stop-gradient, so its CE also trains the encoders (a
 *     deep-supervision term the paper does not have).
 * Its parameters are not in any MIB group, so they are never modulated.
 */
import { tf } from '../../backend/index';
import { Module } from '../../nn/module';
import { Linear } from '../../nn/linear';

export type ViewHeadMode = 'probe' | 'aux';

/** Identity forward, zero gradient backward (tfjs has no tf.stopGradient). */
export function stopGradient<T extends tf.Tensor>(x: T): T {
  const f = tf.customGrad((...args: unknown[]) => {
    const input = args[0] as tf.Tensor;
    (args[1] as (save: tf.Tensor[]) => void)([]);
    return { value: tf.clone(input), gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy) };
  });
  return f(x) as T;
}

export class ViewHead extends Module {
  readonly head: Linear; // W: [U·d_k, 2], b: [2]

  constructor(
    readonly names: string[],
    readonly dk: number,
    readonly mode: ViewHeadMode,
    seed: number,
  ) {
    super();
    if (mode !== 'probe' && mode !== 'aux') throw new Error(`ViewHead: viewHead must be 'probe' | 'aux', got '${mode}'`);
    this.head = this.child(new Linear(names.length * dk, 2, { seed }));
  }

  /** encoded views (keyed like names) → per-view logits (Eq. 2's argument) and the head's full logits. */
  apply(encoded: Record<string, tf.Tensor2D>): { branches: Record<string, tf.Tensor2D>; logits: tf.Tensor2D } {
    const U = this.names.length;
    const hs = this.names.map((n) => (this.mode === 'probe' ? stopGradient(encoded[n]) : encoded[n])); // [B, d_k] each
    const branches: Record<string, tf.Tensor2D> = {};
    this.names.forEach((n, u) => {
      const Wu = this.head.W.slice([u * this.dk, 0], [this.dk, 2]) as tf.Tensor2D; // [d_k, 2]
      branches[n] = tf.add(tf.matMul(hs[u], Wu), tf.div(this.head.b!, U)) as tf.Tensor2D; // W^u g^u + b/U  [B, 2]
    });
    const logits = this.names.map((n) => branches[n]).reduce((a, b) => tf.add(a, b) as tf.Tensor2D); // [B, 2]
    return { branches, logits };
  }
}
