/**
 * A minimal module system on raw tf.Variables (minGPT-style): each module
 * owns its variables and its child modules; `variables()` walks the tree in
 * a stable order, so parameter counts, gradient groups and snapshots are
 * reproducible. We avoid tf.layers because its lazy weight creation and
 * global name scopes make seeded, per-branch gradient surgery awkward.
 */
import { tf } from '../backend/index';

export abstract class Module {
  private own: tf.Variable[] = [];
  private kids: Module[] = [];

  protected param(init: tf.Tensor, trainable = true): tf.Variable {
    const v = tf.variable(init, trainable);
    init.dispose();
    this.own.push(v);
    return v;
  }

  protected child<M extends Module>(m: M): M {
    this.kids.push(m);
    return m;
  }

  variables(): tf.Variable[] {
    return [...this.own, ...this.kids.flatMap((k) => k.variables())];
  }

  paramCount(): number {
    return this.variables().reduce((s, v) => s + v.size, 0);
  }

  dispose(): void {
    for (const v of this.variables()) v.dispose();
  }
}

/** Glorot-uniform init (lib/nn/init.ts: the schemes, and initWeight / initBias, which layers use). */
export { glorot } from './init';
