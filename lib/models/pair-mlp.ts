/**
 * An image–text pair detector over frozen CLIP embeddings: the MLP over
 * [image; text; image ⊙ text; |image − text|] that out-of-context detection
 * work uses as its feature baseline (the concatenation, product and
 * difference expose the pair's agreement to a small network). Binary
 * (true vs misinformation, classes 2) or 3-way (true / miscaptioned /
 * out-of-context, classes 3: labels 0 / 1 / 2).
 *
 * Stand-in for the paper's detector (a fine-tuned multimodal LLM, LLaVA-NeXT
 * 13B / mPLUG-Owl2), which cannot run here; see docs/papers/synthetic-selection.md.
 */
import { tf } from '../backend/index';
import { Module } from '../nn/module';
import { MLP } from '../nn/mlp';
import { deriveSeed } from '../util/random';
import { crossEntropy, type Batch, type Losses, type Model, type Output } from './model';

export interface PairMLPOptions {
  /** input dims per view (both named views must be present and of equal width) */
  dims: Record<string, number>;
  imageView?: string;
  textView?: string;
  /** hidden widths of the MLP */
  hidden?: number[];
  /** 2 (binary, 1 = fake) or 3 (0 true, 1 miscaptioned, 2 out-of-context) */
  classes?: number;
  /**
   * multiply the embeddings by √d first: unit-norm CLIP rows have entries ≈ 1/√d (0.036 at d = 768),
   * and their products ≈ 1/d, far below what a Glorot-initialised MLP learns from in a few epochs;
   * ×√d puts every block of the input at unit scale. 'none' feeds them as given.
   */
  scale?: 'sqrt-dim' | 'none';
  seed?: number;
}

export const PAIR_MLP_DEFAULTS: Required<Omit<PairMLPOptions, 'dims'>> = {
  imageView: 'imageSemantic',
  textView: 'textSemantic',
  hidden: [256],
  classes: 2,
  scale: 'sqrt-dim',
  seed: 0,
};

export class PairMLP extends Module implements Model {
  readonly name: string;
  readonly classes: number;
  readonly mlp: MLP;
  readonly config: Record<string, unknown>;
  private readonly o: Required<PairMLPOptions>;
  private readonly inputScale: number;

  constructor(options: PairMLPOptions) {
    super();
    const known = new Set(['dims', ...Object.keys(PAIR_MLP_DEFAULTS)]);
    for (const k of Object.keys(options)) if (!known.has(k)) throw new Error(`PairMLP: unknown option '${k}' (known: ${[...known].join(', ')})`);
    const o = { ...PAIR_MLP_DEFAULTS, ...options } as Required<PairMLPOptions>;
    const di = o.dims[o.imageView],
      dt = o.dims[o.textView];
    if (di === undefined) throw new Error(`PairMLP: option 'imageView': no view '${o.imageView}' (have: ${Object.keys(o.dims).join(', ')})`);
    if (dt === undefined) throw new Error(`PairMLP: option 'textView': no view '${o.textView}' (have: ${Object.keys(o.dims).join(', ')})`);
    if (di !== dt) throw new Error(`PairMLP: image (${di}) and text (${dt}) embeddings must share one space (equal widths)`);
    if (o.scale !== 'sqrt-dim' && o.scale !== 'none') throw new Error(`PairMLP: option 'scale' must be 'sqrt-dim' or 'none', got '${o.scale}'`);
    if (!(Number.isInteger(o.classes) && o.classes >= 2)) throw new Error(`PairMLP: option 'classes' must be an integer ≥ 2, got ${o.classes}`);
    this.o = o;
    this.classes = o.classes;
    this.name = o.classes === 2 ? 'pair-MLP' : `pair-MLP (${o.classes}-way)`;
    this.mlp = this.child(new MLP(4 * di, { hidden: o.hidden, out: o.classes, seed: deriveSeed(o.seed, 'pair-mlp') }));
    this.inputScale = o.scale === 'sqrt-dim' ? Math.sqrt(di) : 1;
    this.config = { model: 'pair-mlp', input: '[image; text; image⊙text; |image−text|]', hidden: o.hidden, classes: o.classes, scale: o.scale };
  }

  groups(): Record<string, tf.Variable[]> {
    return { pair: this.variables() };
  }

  /** the pair features [B, 4d] */
  features(batch: Batch): tf.Tensor2D {
    const vi = batch.views[this.o.imageView],
      vt = batch.views[this.o.textView];
    if (!vi || !vt) throw new Error(`PairMLP: batch lacks view '${vi ? this.o.textView : this.o.imageView}'`);
    const i = tf.mul(vi, this.inputScale),
      t = tf.mul(vt, this.inputScale); // [B, d] each
    return tf.concat([i, t, tf.mul(i, t), tf.abs(tf.sub(i, t))], 1) as tf.Tensor2D; // [B, 4d]
  }

  forward(batch: Batch): Output {
    const x = this.features(batch);
    return { logits: this.mlp.apply(x), embedding: x }; // logits [B, K]
  }

  loss(out: Output, batch: Batch): Losses {
    const ce = crossEntropy(out.logits, batch.labels);
    return { total: ce, ce };
  }
}
