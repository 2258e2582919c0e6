/**
 * BMLHF inter-modal joint correlation fusion (Sec. 3.3.2, Eq. 12–15).
 *
 * As printed, L = [X_I; X_T] ∈ R^{d×N} (d = 2 d_k, columns = samples),
 * G_I = tanh(X_I Lᵀ / √d) ∈ R^{d_k×d}, X'_I = ReLU(X_I + W_I G_I), which does
 * not type-check (X_I is d_k × N). Two readings do (docs/IMPLEMENTATION-NOTES.md):
 *
 *  'sample' (default) — the joint cross-attention of Praveen et al. (CVPR-W
 *    2022) applied to one sample: with x_I, x_T ∈ R^m and l = [x_I; x_T] ∈ R^d,
 *      G_I = tanh(x_I lᵀ / √d) ∈ R^{m×d}                 Eq. 12
 *      x'_I = ReLU(x_I + G_I w_I),  w_I ∈ R^d            Eq. 13  (G_T, w_T: Eq. 14)
 *    A prediction depends on its own sample only.
 *  'batch' — the printed matrix shapes over the minibatch:
 *      G_I = tanh(X_I Lᵀ / √d) ∈ R^{m×d}                  Eq. 12
 *      X'_I = ReLU(X_I + G_I W_I L),  W_I ∈ R^{d×d}       Eq. 13
 *    G_I is a feature-correlation over the whole batch, so a prediction
 *    depends on the other samples in its batch (and on the batch size).
 *
 * Then X = [X'_I; X'_T] (Eq. 15), on the feature axis: [B, 2m].
 * m = d_k normally; m = 2 d_k under the "-tra" ablation (concatenated views).
 */
import { tf } from '../../backend/index';
import { Module } from '../../nn/module';
import { initWeight } from '../../nn/init';
import { tanhOf, type TanhForm } from '../../nn/tanh';
import { deriveSeed } from '../../util/random';

export type InterReading = 'sample' | 'batch';

/**
 * Eq. 12 + the G w product of Eq. 13, per sample, with a hand-written
 * gradient: out[b, i] = Σ_j tanh(a[b, i] l[b, j]) w[j], a = x / √d.
 * Autodiff of the broadcast form spends most of its time in axis reductions
 * over the [B, m, d] tensor; here every [B, m, d] contraction is a (batched)
 * matMul. 2.6× faster per step on wasm at B 64, m 128, d 256.
 * `tanh`: 'sigmoid' computes Eq. 12's tanh as 2σ(2x) − 1 (nn/tanh.ts: faster on wasm, not bit-identical);
 * the gradient uses 1 − G² of whichever G the forward pass made.
 */
export function sampleCorrelation(a: tf.Tensor2D, l: tf.Tensor2D, w: tf.Tensor2D, tanh: TanhForm = 'exact'): tf.Tensor2D {
  const [B, m] = a.shape,
    d = l.shape[1];
  const f = tf.customGrad((...args: unknown[]) => {
    const [a, l, w] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
    const G = tanhOf(tf.mul(a.reshape([B, m, 1]), l.reshape([B, 1, d])), tanh) as tf.Tensor3D; // [B, m, d]  Eq. 12
    (args[3] as (t: tf.Tensor[]) => void)([a, l, w, G]);
    const value = tf.matMul(G.reshape([B * m, d]), w).reshape([B, m]); // [B, m]
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [a, l, w, G] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor3D];
      const dZ = tf.mul(tf.mul(dy.reshape([B, m, 1]), w.reshape([1, 1, d])), tf.sub(1, tf.square(G))) as tf.Tensor3D; // [B, m, d]
      const da = tf.matMul(dZ, l.reshape([B, d, 1])).reshape([B, m]); // Σ_j dZ_ij l_j
      const dl = tf.matMul(a.reshape([B, 1, m]), dZ).reshape([B, d]); // Σ_i a_i dZ_ij
      // Σ_{b,i} dy_bi G_bij as Gᵀ dy, not dyᵀ G: wasm packs a matMul's right operand on every call (strided, ~15 ns
      // per element for the 2 M of G, ~30 ms); transposing G and packing the [B·m, 1] dy costs a third of that.
      // Same per-output sums in the same order: bit-identical (scripts/train-fingerprint.ts).
      const dw = tf.matMul(G.reshape([B * m, d]), dy.reshape([B * m, 1]), true, false); // [d, 1]
      return [da, dl, dw];
    };
    return { value, gradFunc };
  });
  return f(a, l, w) as tf.Tensor2D;
}

export class JointCorrelationFusion extends Module {
  readonly wI: tf.Variable; // 'sample': [d, 1];  'batch': [d, d]
  readonly wT: tf.Variable;
  readonly d: number;

  constructor(
    readonly m: number,
    readonly reading: InterReading,
    seed: number,
    readonly tanh: TanhForm = 'exact',
  ) {
    super();
    if (reading !== 'sample' && reading !== 'batch') throw new Error(`JointCorrelationFusion: interReading must be 'sample' | 'batch', got '${reading}'`);
    if (tanh !== 'exact' && tanh !== 'sigmoid') throw new Error(`JointCorrelationFusion: eq12Tanh must be 'exact' | 'sigmoid', got '${tanh}'`);
    this.d = 2 * m;
    const shape: [number, number] = reading === 'sample' ? [this.d, 1] : [this.d, this.d];
    // a free parameter in the paper (no code): the model's scheme, fan-in d as an nn.Linear(d → ·) (lib/nn/init.ts)
    this.wI = this.param(initWeight(shape, deriveSeed(seed, 'W_I'), this.d));
    this.wT = this.param(initWeight(shape, deriveSeed(seed, 'W_T'), this.d));
  }

  /** Eq. 12–13 for one modality x ∈ {X_I, X_T} against the joint L. */
  private correlate(x: tf.Tensor2D, l: tf.Tensor2D, w: tf.Variable): tf.Tensor2D {
    const [B, m] = x.shape;
    const scale = Math.sqrt(this.d);
    if (this.reading === 'sample') {
      const Gw = sampleCorrelation(tf.div(x, scale) as tf.Tensor2D, l, w as tf.Tensor2D, this.tanh); // [B, m] = G w, Eq. 12 inside
      return tf.relu(tf.add(x, Gw)) as tf.Tensor2D; // Eq. 13
    }
    const G = tanhOf(tf.div(tf.matMul(x, l, true, false), scale) as tf.Tensor2D, this.tanh); // [m, d] = X Lᵀ (columns = samples)  Eq. 12
    const GWL = tf.matMul(tf.matMul(l, w as tf.Tensor2D, false, true), G, false, true); // [B, m] = (G W L)ᵀ
    return tf.relu(tf.add(x, GWL)) as tf.Tensor2D; // Eq. 13
  }

  // Eq. 12–15
  apply(xI: tf.Tensor2D, xT: tf.Tensor2D): tf.Tensor2D {
    const l = tf.concat([xI, xT], 1) as tf.Tensor2D; // [B, d], L = [X_I; X_T]
    const xIp = this.correlate(xI, l, this.wI); // [B, m]  Eq. 13
    const xTp = this.correlate(xT, l, this.wT); // [B, m]  Eq. 14
    return tf.concat([xIp, xTp], 1) as tf.Tensor2D; // [B, 2m]  Eq. 15
  }
}
