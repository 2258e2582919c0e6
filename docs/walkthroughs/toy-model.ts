/**
 * Walkthrough "a new model" (docs/ADD-A-THING.md): one linear head per
 * modality over that modality's views, logits = the sum of the heads'
 * (late fusion at the logit level). In the workbench this file would be
 * lib/models/sum-of-heads.ts.
 */
import { tf } from '../../lib/backend/index';
import { Module } from '../../lib/nn/module';
import { Linear } from '../../lib/nn/linear';
import { deriveSeed } from '../../lib/util/random';
import { concatViews, crossEntropy, type Batch, type Losses, type Model, type Output } from '../../lib/models/model';

export interface SumOfHeadsOptions {
  /** view name → width (the registry passes dimsOf(dataset)) */
  dims: Record<string, number>;
  seed?: number;
}

export class SumOfHeads extends Module implements Model {
  readonly name = 'sum-of-heads';
  private readonly heads: Record<string, { views: string[]; head: Linear }> = {};

  constructor({ dims, seed = 0 }: SumOfHeadsOptions) {
    super();
    for (const m of ['text', 'image']) {
      const views = Object.keys(dims)
        .filter((v) => v.startsWith(m))
        .sort();
      if (!views.length) continue;
      const width = views.reduce((s, v) => s + dims[v], 0);
      this.heads[m] = { views, head: this.child(new Linear(width, 2, { seed: deriveSeed(seed, m) })) };
    }
    if (!Object.keys(this.heads).length) throw new Error('sum-of-heads: the dataset has no text* or image* view');
  }

  /** one group per modality: what per-branch balancing methods scale */
  groups(): Record<string, tf.Variable[]> {
    return Object.fromEntries(Object.entries(this.heads).map(([m, h]) => [m, h.head.variables()]));
  }

  forward(batch: Batch): Output {
    const branches: Record<string, tf.Tensor2D> = {};
    for (const [m, h] of Object.entries(this.heads)) branches[m] = h.head.apply(concatViews(batch, h.views)); // [B, 2]
    const logits = Object.values(branches).reduce((a, b) => tf.add(a, b)) as tf.Tensor2D; // [B, 2]
    return { logits, branches };
  }

  loss(out: Output, batch: Batch): Losses {
    const ce = crossEntropy(out.logits, batch.labels);
    return { total: ce, ce };
  }
}
