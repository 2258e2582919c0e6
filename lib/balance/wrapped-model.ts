/**
 * A model whose forward pass a balancing method changes (MMCosine's cosine
 * classifier, MLA's shared head and entropy-weighted fusion): it runs the
 * inner model, reads its per-branch features, and replaces logits and
 * branch logits with the method's own head. The inner model's encoders stay
 * the gradient groups; the method's head variables are extra trainables.
 * The inner model's own classifier is then unused (no gradient reaches it).
 */
import { tf } from '../backend/index';
import type { Batch } from '../data/batch';
import type { Losses, Model, Output } from '../models/model';
import type { BalancingMethod } from './method';

export abstract class WrappedModel implements Model {
  readonly name: string;
  readonly classes?: number;
  readonly config: Record<string, unknown>;
  protected readonly own: tf.Variable[] = [];

  constructor(
    readonly inner: Model,
    readonly balancingMethod: BalancingMethod,
    head: string,
  ) {
    this.name = `${inner.name} [${head}]`;
    if (inner.classes !== undefined) this.classes = inner.classes;
    this.config = { ...(inner.config ?? {}), head, balancer: balancingMethod.config ?? balancingMethod.name };
  }

  /** the inner model's feature widths, by group; throws naming what is missing */
  protected dims(): Record<string, number> {
    const d = this.inner.featureDims?.();
    if (!d || Object.keys(d).length < 2)
      throw new Error(`${this.balancingMethod.name}: model '${this.inner.name}' must report featureDims() for ≥ 2 branches (per-branch Output.features)`);
    return d;
  }

  protected param(init: tf.Tensor): tf.Variable {
    const v = tf.variable(init, true);
    init.dispose();
    this.own.push(v);
    return v;
  }

  /** the method's logits from the inner output's per-branch features */
  protected abstract head(features: Record<string, tf.Tensor2D>, training: boolean): { logits: tf.Tensor2D; branches: Record<string, tf.Tensor2D> };

  forward(batch: Batch, training: boolean): Output {
    const out = this.inner.forward(batch, training);
    if (!out.features) throw new Error(`${this.balancingMethod.name}: model '${this.inner.name}' returns no Output.features`);
    return { ...out, ...this.head(out.features, training) };
  }

  groups(): Record<string, tf.Variable[]> {
    return this.inner.groups();
  }
  variables(): tf.Variable[] {
    return [...this.inner.variables(), ...this.own];
  }
  featureDims(): Record<string, number> {
    return this.dims();
  }
  paramCount(): number {
    return this.variables().reduce((s, v) => s + v.size, 0);
  }
  loss(out: Output, batch: Batch): Losses {
    return this.inner.loss(out, batch);
  }
  dispose(): void {
    this.inner.dispose();
    for (const v of this.own) v.dispose();
  }
}
