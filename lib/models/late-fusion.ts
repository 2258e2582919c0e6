/**
 * Concatenation late fusion (SpotFake+-style), and — with one modality —
 * the text-only / image-only baselines. Each modality's views are
 * concatenated and encoded by its own MLP; the encodings are concatenated
 * and a single linear classifier reads them, so the classifier splits into
 * per-modality slices (the branch logits of OGM-GE / BMLHF Eq. 2).
 */
import { tf } from '../backend/index';
import { Module } from '../nn/module';
import { MLP } from '../nn/mlp';
import { Linear } from '../nn/linear';
import { deriveSeed } from '../util/random';
import { concatViews, crossEntropy, type Batch, type Losses, type Model, type Output } from './model';

export interface LateFusionOptions {
  /** branch name → the views it reads, e.g. { text: ['textPattern', 'textSemantic'] } */
  branches: Record<string, string[]>;
  /** input dims per view */
  dims: Record<string, number>;
  hidden?: number;
  embed?: number;
  seed?: number;
  name?: string;
}

export const LATE_FUSION_DEFAULTS = { hidden: 384, embed: 128, seed: 0 };

export class LateFusion extends Module implements Model {
  readonly name: string;
  readonly encoders: Record<string, MLP> = {};
  readonly head: Linear;
  readonly config: Record<string, unknown>;
  private readonly o: Required<LateFusionOptions>;

  constructor(options: LateFusionOptions) {
    super();
    const o = { ...LATE_FUSION_DEFAULTS, name: '', ...options } as Required<LateFusionOptions>;
    this.o = o;
    this.name = o.name || `late-fusion(${Object.keys(o.branches).join('+')})`;
    for (const [b, views] of Object.entries(o.branches)) {
      const inDim = views.reduce((s, v) => {
        if (!(v in o.dims)) throw new Error(`LateFusion: no input dim for view '${v}' of branch '${b}'`);
        return s + o.dims[v];
      }, 0);
      this.encoders[b] = this.child(new MLP(inDim, { hidden: [o.hidden], out: o.embed, finalActivation: true, seed: deriveSeed(o.seed, b) }));
    }
    this.head = this.child(new Linear(o.embed * Object.keys(o.branches).length, 2, { seed: deriveSeed(o.seed, 'head') }));
    this.config = { model: 'late-fusion', branches: o.branches, hidden: o.hidden, embed: o.embed };
  }

  groups(): Record<string, tf.Variable[]> {
    return Object.fromEntries(Object.entries(this.encoders).map(([b, e]) => [b, e.variables()]));
  }

  featureDims(): Record<string, number> {
    return Object.fromEntries(Object.keys(this.o.branches).map((b) => [b, this.o.embed]));
  }

  forward(batch: Batch): Output {
    const names = Object.keys(this.o.branches);
    const hs = names.map((b) => this.encoders[b].apply(concatViews(batch, this.o.branches[b]))); // [B, e] each
    const h = hs.length === 1 ? hs[0] : (tf.concat(hs, 1) as tf.Tensor2D); // [B, U·e]
    const logits = this.head.apply(h);
    const e = this.o.embed,
      U = names.length;
    const branches: Record<string, tf.Tensor2D> = {};
    names.forEach((b, u) => {
      const Wu = this.head.W.slice([u * e, 0], [e, 2]) as tf.Tensor2D; // [e, 2]
      branches[b] = tf.add(tf.matMul(hs[u], Wu), tf.div(this.head.b!, U)) as tf.Tensor2D; // W_u h_u + b/U
    });
    return { logits, branches, features: Object.fromEntries(names.map((b, u) => [b, hs[u]])), embedding: h };
  }

  loss(out: Output, batch: Batch): Losses {
    const ce = crossEntropy(out.logits, batch.labels);
    return { total: ce, ce };
  }
}

/** The three models of BMLHF Fig. 1/2 on a dataset's four canonical views. */
export function textOnly(dims: Record<string, number>, seed = 0, views = ['textPattern', 'textSemantic']): LateFusion {
  return new LateFusion({ branches: { text: views }, dims, seed, name: 'text-only' });
}
export function imageOnly(dims: Record<string, number>, seed = 0, views = ['imagePattern', 'imageSemantic']): LateFusion {
  return new LateFusion({ branches: { image: views }, dims, seed, name: 'image-only' });
}
export function concatFusion(
  dims: Record<string, number>,
  seed = 0,
  text = ['textPattern', 'textSemantic'],
  image = ['imagePattern', 'imageSemantic'],
): LateFusion {
  return new LateFusion({ branches: { text, image }, dims, seed, name: 'multimodal (concat)' });
}
