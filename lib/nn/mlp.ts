import { tf } from '../backend/index';
import { Module } from './module';
import { Linear } from './linear';
import { deriveSeed } from '../util/random';

export interface MLPOptions {
  /** hidden widths; the BMLHF encoders g^u use one hidden layer of 384 */
  hidden: number[];
  out: number;
  /** apply ReLU after the last layer too (encoders) or not (heads) */
  finalActivation?: boolean;
  seed: number;
}

/** Linear → ReLU → … → Linear (→ ReLU). */
export class MLP extends Module {
  readonly layers: Linear[];

  constructor(
    readonly inDim: number,
    { hidden, out, finalActivation = false, seed }: MLPOptions,
  ) {
    super();
    const dims = [inDim, ...hidden, out];
    this.layers = dims.slice(1).map((d, i) => this.child(new Linear(dims[i], d, { seed: deriveSeed(seed, `layer${i}`) })));
    this.finalActivation = finalActivation;
  }

  private readonly finalActivation: boolean;

  apply<T extends tf.Tensor>(x: T): T {
    let h: tf.Tensor = x;
    this.layers.forEach((l, i) => {
      h = l.apply(h);
      if (i < this.layers.length - 1 || this.finalActivation) h = tf.relu(h);
    });
    return h as T;
  }
}
