/**
 * tfjs side of the train-step benchmark. Runs inside a pool worker (one fresh
 * process per backend: tfjs backends are process-global). Written with raw
 * tf ops, not lib/nn, so the numbers measure the backend and stay comparable
 * with bench/train_step_torch.py, which builds the very same two models.
 *
 *   (a) MLP 768→384→10 (ReLU)
 *   (b) attention block: d 256, 4 heads, 4 tokens, FFN 512, post-LN residuals,
 *       mean-pool, linear head → 10
 *
 * batch 64, softmax cross-entropy, Adam(1e-3), fixed random batch.
 */
import { initBackend, tf } from '../lib/backend';
import { rng } from '../lib/util/random';

export const BATCH = 64;
const CLASSES = 10;

export interface TfjsStepArgs {
  backend: string;
  matmulFix?: boolean;
  seconds: number;
}
export type TfjsStepResult =
  | { ok: true; backend: string; rows: { model: 'mlp' | 'attention'; stepsPerSec: number; steps: number; loss: number }[] }
  | { ok: false; backend: string; reason: string };

function param(shape: number[], r: ReturnType<typeof rng>, scale: number): tf.Variable {
  const n = shape.reduce((a, b) => a * b, 1);
  const v = new Float32Array(n);
  for (let i = 0; i < n; i++) v[i] = r.normal() * scale;
  return tf.variable(tf.tensor(v, shape));
}
const glorot = (fanIn: number) => Math.sqrt(1 / fanIn);

function layerNorm(x: tf.Tensor, g: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  return x.sub(mean).div(variance.add(1e-5).sqrt()).mul(g).add(b);
}

/** returns (loss closure, variables) for model (a) */
function buildMlp(r: ReturnType<typeof rng>) {
  const x = tf.randomNormal([BATCH, 768], 0, 1, 'float32', 1); // [B, 768]
  const y = tf.oneHot(
    tf.tensor1d(
      Array.from({ length: BATCH }, (_, i) => i % CLASSES),
      'int32',
    ),
    CLASSES,
  );
  const W1 = param([768, 384], r, glorot(768));
  const b1 = tf.variable(tf.zeros([384]));
  const W2 = param([384, CLASSES], r, glorot(384));
  const b2 = tf.variable(tf.zeros([CLASSES]));
  const loss = () => {
    const h = tf.relu(x.matMul(W1).add(b1)); // [B, 384]
    const logits = h.matMul(W2).add(b2); // [B, 10]
    return tf.losses.softmaxCrossEntropy(y, logits) as tf.Scalar;
  };
  return { loss, tensors: [x, y], vars: [W1, b1, W2, b2] };
}

/** returns (loss closure, variables) for model (b) */
function buildAttention(r: ReturnType<typeof rng>) {
  const T = 4,
    D = 256,
    H = 4,
    DH = D / H,
    F = 512;
  const x = tf.randomNormal([BATCH, T, D], 0, 1, 'float32', 2); // [B, T, d]
  const y = tf.oneHot(
    tf.tensor1d(
      Array.from({ length: BATCH }, (_, i) => i % CLASSES),
      'int32',
    ),
    CLASSES,
  );
  const lin = (i: number, o: number) => [param([i, o], r, glorot(i)), tf.variable(tf.zeros([o]))];
  const [Wq, bq] = lin(D, D),
    [Wk, bk] = lin(D, D),
    [Wv, bv] = lin(D, D),
    [Wo, bo] = lin(D, D);
  const [W1, b1] = lin(D, F),
    [W2, b2] = lin(F, D),
    [Wh, bh] = lin(D, CLASSES);
  const g1 = tf.variable(tf.ones([D])),
    be1 = tf.variable(tf.zeros([D]));
  const g2 = tf.variable(tf.ones([D])),
    be2 = tf.variable(tf.zeros([D]));
  const heads = (t: tf.Tensor) => t.reshape([BATCH, T, H, DH]).transpose([0, 2, 1, 3]); // [B, H, T, dh]
  const loss = () => {
    const xf = x.reshape([BATCH * T, D]); // [B*T, d]
    const q = heads(xf.matMul(Wq).add(bq));
    const k = heads(xf.matMul(Wk).add(bk));
    const v = heads(xf.matMul(Wv).add(bv));
    const att = tf.softmax(tf.matMul(q, k, false, true).div(Math.sqrt(DH))); // [B, H, T, T]
    const ctx = tf
      .matMul(att, v)
      .transpose([0, 2, 1, 3])
      .reshape([BATCH * T, D]); // [B*T, d]
    const x1 = layerNorm(xf.add(ctx.matMul(Wo).add(bo)), g1, be1); // [B*T, d]
    const ffn = tf.relu(x1.matMul(W1).add(b1)).matMul(W2).add(b2); // [B*T, d]
    const x2 = layerNorm(x1.add(ffn), g2, be2).reshape([BATCH, T, D]);
    const logits = x2.mean(1).matMul(Wh).add(bh); // [B, 10]
    return tf.losses.softmaxCrossEntropy(y, logits) as tf.Scalar;
  };
  const vars = [Wq, bq, Wk, bk, Wv, bv, Wo, bo, W1, b1, W2, b2, Wh, bh, g1, be1, g2, be2];
  return { loss, tensors: [x, y], vars };
}

/** steps/s of Adam training steps, timed for `seconds` after a short warm-up */
function timeSteps(loss: () => tf.Scalar, seconds: number): { stepsPerSec: number; steps: number; loss: number } {
  const opt = tf.train.adam(1e-3);
  let last = NaN;
  const step = () => {
    const cost = opt.minimize(loss, true)!;
    last = cost.dataSync()[0]; // sync: async backends (GPU) must finish the step
    cost.dispose();
  };
  const warm = performance.now();
  for (let i = 0; i < 3 && performance.now() - warm < 2000; i++) step();
  let steps = 0;
  const t0 = performance.now();
  while (steps < 3 || performance.now() - t0 < seconds * 1000) {
    step();
    steps++;
  }
  const dt = (performance.now() - t0) / 1000;
  opt.dispose();
  if (!Number.isFinite(last)) throw new Error(`train-step bench: loss became ${last}`);
  return { stepsPerSec: steps / dt, steps, loss: last };
}

/** pool task: one backend, both models */
export async function runTfjsTrainStep(args: TfjsStepArgs): Promise<TfjsStepResult> {
  try {
    await initBackend({ backend: args.backend, matmulFix: args.matmulFix, quiet: true });
  } catch (e) {
    // the loader's own error (e.g. "Cannot find package ...") is the useful part
    const cause = (e as Error).cause instanceof Error ? ((e as Error).cause as Error) : (e as Error);
    return { ok: false, backend: args.backend, reason: cause.message.split('\n')[0] };
  }
  const rows: Extract<TfjsStepResult, { ok: true }>['rows'] = [];
  for (const model of ['mlp', 'attention'] as const) {
    const r = rng(42);
    const m = model === 'mlp' ? buildMlp(r) : buildAttention(r);
    rows.push({ model, ...timeSteps(m.loss, args.seconds) });
    tf.dispose([...m.tensors, ...m.vars]);
  }
  return { ok: true, backend: args.backend, rows };
}
