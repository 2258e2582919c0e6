/**
 * Tokens from pooled feature views, for attention models on datasets that
 * only have one vector per view (the workbench's four views: textPattern,
 * textSemantic, imagePattern, imageSemantic). Each view v is projected to
 * `tokensPerView` tokens of width d by one linear map:
 *   tokens_v = reshape(x_v W_v + b_v, [tokensPerView, d]) + pos_v
 * (a learned embedding per token position, which also tells the model
 * which view and modality a token comes from). Splitting a view into a few
 * tokens gives each modality more than one key to attend to, so a head's
 * attention share on a modality is a distribution, not a single weight.
 * An optional learned [CLS] token comes first.
 */
import { tf } from '../backend/index';
import { Module } from './module';
import { Linear } from './linear';
import { deriveSeed } from '../util/random';

export interface ViewTokenizerOptions {
  /** view name → its input dim (order = token order) */
  dims: Record<string, number>;
  /** view name → modality ('text' | 'image'), for masks and shares */
  modality: Record<string, string>;
  dim: number;
  tokensPerView?: number;
  cls?: boolean;
  seed?: number;
}

export class ViewTokenizer extends Module {
  readonly names: string[];
  readonly proj: Record<string, Linear> = {};
  readonly pos: tf.Variable; // [T, d]
  readonly cls?: tf.Variable; // [d]
  readonly tokensPerView: number;
  /** modality of each token position ('cls' for the [CLS] token) */
  readonly tokenModality: string[];

  constructor(readonly o: ViewTokenizerOptions) {
    super();
    const tpv = o.tokensPerView ?? 2;
    if (!Number.isInteger(tpv) || tpv < 1) throw new Error(`ViewTokenizer: option 'tokensPerView' must be a positive integer, got ${tpv}`);
    this.tokensPerView = tpv;
    this.names = Object.keys(o.dims);
    if (!this.names.length) throw new Error('ViewTokenizer: no views');
    const seed = o.seed ?? 0;
    for (const v of this.names) {
      if (!(v in o.modality)) throw new Error(`ViewTokenizer: no modality for view '${v}'`);
      this.proj[v] = this.child(new Linear(o.dims[v], tpv * o.dim, { seed: deriveSeed(seed, `tok-${v}`) }));
    }
    this.tokenModality = [...(o.cls !== false ? ['cls'] : []), ...this.names.flatMap((v) => Array<string>(tpv).fill(o.modality[v]))];
    this.pos = this.param(tf.tidy(() => tf.mul(tf.randomNormal([this.tokenModality.length, o.dim], 0, 1, 'float32', deriveSeed(seed, 'pos')), 0.02)));
    if (o.cls !== false) this.cls = this.param(tf.tidy(() => tf.mul(tf.randomNormal([o.dim], 0, 1, 'float32', deriveSeed(seed, 'cls')), 0.02)));
  }

  /** views: name → [B, d_v] → tokens [B, T, d] */
  apply(views: Record<string, tf.Tensor2D>): tf.Tensor3D {
    const first = views[this.names[0]];
    if (!first) throw new Error(`ViewTokenizer: batch has no view '${this.names[0]}'`);
    const B = first.shape[0];
    const parts: tf.Tensor3D[] = [];
    if (this.cls) parts.push(tf.tile(this.cls.reshape([1, 1, this.o.dim]), [B, 1, 1]) as tf.Tensor3D);
    for (const v of this.names) {
      const x = views[v];
      if (!x) throw new Error(`ViewTokenizer: batch has no view '${v}' (has: ${Object.keys(views).join(', ')})`);
      parts.push(this.proj[v].apply(x).reshape([B, this.tokensPerView, this.o.dim]) as tf.Tensor3D);
    }
    const t = parts.length === 1 ? parts[0] : (tf.concat(parts, 1) as tf.Tensor3D);
    return tf.add(t, this.pos) as tf.Tensor3D;
  }

  /** [B, T] key mask: the [CLS] token always, a modality's tokens where it is present. present: modality → [B] */
  mask(present: Record<string, tf.Tensor1D>): tf.Tensor2D {
    const cols = this.tokenModality.map((m) => {
      if (m === 'cls') return tf.onesLike(Object.values(present)[0]);
      const p = present[m];
      if (!p) throw new Error(`ViewTokenizer.mask: no presence mask for modality '${m}'`);
      return p;
    });
    return tf.stack(cols, 1) as tf.Tensor2D;
  }

  /** [T] indicator of a modality's token positions */
  positions(modality: string): tf.Tensor1D {
    return tf.tensor1d(this.tokenModality.map((m) => (m === modality ? 1 : 0)));
  }
}
