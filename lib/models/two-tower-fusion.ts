/**
 * Two single-modal networks (towers) read by a fusion head: CMC's stage-2
 * model (frozen towers, Fig. 1b) and CMC-shared (towers trained through the
 * head in one stage). Each tower is a Model whose `embedding` is its
 * penultimate feature; the head fuses the two features with BLOCK (the
 * paper's Eq. 9, default) or a linear layer on their concatenation (what
 * the authors' code trains in stage 2).
 *
 * With `trainTowers: false` the towers are NOT this model's variables: a
 * trainer sees only the head, so the towers stay bit-identical, and the
 * towers always run in inference mode. The towers' own classifier outputs
 * are exposed as branches 'text' / 'image' (CMC-T / CMC-V predictions).
 * The towers belong to the caller: dispose() frees the head only.
 */
import { tf } from '../backend/index';
import { Module } from '../nn/module';
import { Linear } from '../nn/linear';
import { BlockFusion, type BlockOptions } from '../nn/block-fusion';
import { deriveSeed } from '../util/random';
import { crossEntropy, type Batch, type Losses, type Model, type Output } from './model';

export type FusionKind = 'block' | 'concat';

export interface TwoTowerOptions {
  fusion?: FusionKind;
  block?: BlockOptions;
  /** train the towers through the head (CMC-shared) instead of freezing them (CMC stage 2) */
  trainTowers?: boolean;
  seed?: number;
  name?: string;
}

export const TWO_TOWER_DEFAULTS: Required<TwoTowerOptions> = { fusion: 'block', block: {}, trainTowers: false, seed: 0, name: '' };

export class TwoTowerFusion extends Module implements Model {
  readonly name: string;
  readonly o: Required<TwoTowerOptions>;
  readonly block?: BlockFusion;
  readonly linear?: Linear;
  readonly config: Record<string, unknown>;

  constructor(
    readonly towers: { text: Model; image: Model },
    readonly featDims: [number, number],
    options: TwoTowerOptions = {},
  ) {
    super();
    for (const key of Object.keys(options))
      if (!(key in TWO_TOWER_DEFAULTS)) throw new Error(`TwoTowerFusion: unknown option '${key}' (known: ${Object.keys(TWO_TOWER_DEFAULTS).join(', ')})`);
    const o = { ...TWO_TOWER_DEFAULTS, ...options };
    if (o.fusion !== 'block' && o.fusion !== 'concat') throw new Error(`TwoTowerFusion: option 'fusion' must be 'block' or 'concat', got '${o.fusion}'`);
    this.o = o;
    if (o.fusion === 'block') this.block = this.child(new BlockFusion(featDims, 2, { seed: deriveSeed(o.seed, 'block'), ...o.block }));
    else this.linear = this.child(new Linear(featDims[0] + featDims[1], 2, { seed: deriveSeed(o.seed, 'concat') }));
    this.name = o.name || `two-tower(${o.fusion}${o.trainTowers ? ', shared' : ', frozen'})`;
    this.config = { model: 'two-tower-fusion', fusion: o.fusion, ...(o.fusion === 'block' ? { block: this.block!.o } : {}), trainTowers: o.trainTowers };
  }

  headVariables(): tf.Variable[] {
    return super.variables();
  }

  override variables(): tf.Variable[] {
    return this.o.trainTowers ? [...this.towers.text.variables(), ...this.towers.image.variables(), ...this.headVariables()] : this.headVariables();
  }

  groups(): Record<string, tf.Variable[]> {
    return this.o.trainTowers ? { text: this.towers.text.variables(), image: this.towers.image.variables() } : {};
  }

  forward(batch: Batch, training: boolean): Output {
    const tt = training && this.o.trainTowers;
    const t = this.towers.text.forward(batch, tt);
    const v = this.towers.image.forward(batch, tt);
    if (!t.embedding || !v.embedding) throw new Error('TwoTowerFusion: both towers must return an embedding');
    let logits: tf.Tensor2D, embedding: tf.Tensor2D;
    if (this.block) {
      const f = this.block.forward(t.embedding, v.embedding); // Eq. 9
      logits = f.r;
      embedding = f.fused;
    } else {
      embedding = tf.concat([t.embedding, v.embedding], 1) as tf.Tensor2D; // [B, dT + dV]
      logits = this.linear!.apply(embedding);
    }
    return { logits, embedding, branches: { text: t.logits, image: v.logits } };
  }

  loss(out: Output, batch: Batch): Losses {
    const ce = crossEntropy(out.logits, batch.labels);
    return { total: ce, ce };
  }

  override dispose(): void {
    for (const v of this.headVariables()) v.dispose();
  }
}
