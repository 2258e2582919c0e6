/**
 * MBSD — modality-balanced self-distillation, as GeWu-Lab/BalanceBenchmark (BalanceMM, 2025) runs it
 * (balancemm/trainer/MBSD_trainer.py; the benchmark lists it among the objective methods; we have
 * not read a paper of its own, so the benchmark's code is the reference). Family: objective.
 *
 * Two modalities a, b with unimodal logits l^a, l^b [B, K] and true-class probabilities
 * p^a_i = softmax(l^a_i)[y_i], p^b_i likewise. Per sample, the stronger and weaker of the two:
 *   ps_i = max(p^a_i, p^b_i),  pw_i = min(p^a_i, p^b_i)
 *   w_i  = ps_i − pw_i  if either unimodal prediction is correct, else 0          (Eq. 1: distil only where one knows)
 *   L_RS = (1/B) Σ_i w_i · (1/K) Σ_k (l^a_ik − l^b_ik)²                         (Eq. 2: pull the logits together)
 *   L_KL = (1/B) Σ_i w_i · pw_i (log pw_i − ps_i)                               (Eq. 3)
 *   L    = CE(fused) + CE(l^a) + CE(l^b) + β (L_RS + L_KL)                      (Eq. 4; β = 1 in the benchmark)
 * Eq. 3 is what torch's F.kl_div(ps, pw) computes: kl_div expects LOG-probabilities as its input and
 * the benchmark passes probabilities; we compute the same quantity (named, not corrected).
 * Deviation: w_i is a constant here (no gradient through the weights); the benchmark writes it into a
 * fresh tensor element by element, which lets autograd through. β is ours (default 1 = the benchmark)
 * so the term's effect can be scaled and tested.
 */
import { tf } from '../backend/index';
import { crossEntropy } from '../models/model';
import { MethodBase, type StepContext, type StepLoss } from './method';

export interface MbsdOptions {
  /** β of Eq. 4 (1 = the benchmark) */
  beta?: number;
  start?: number;
  end?: number;
}

export const MBSD_DEFAULTS: Required<MbsdOptions> = { beta: 1, start: 1, end: Infinity };

/** Eq. 1–3 on two unimodal logits [B, K] and labels: the weights (constants) and the two terms (scalars). */
export function mbsdTerms(la: tf.Tensor2D, lb: tf.Tensor2D, labels: tf.Tensor1D): { w: tf.Tensor1D; rs: tf.Scalar; kl: tf.Scalar } {
  const K = la.shape[1];
  const y1h = tf.oneHot(labels, K);
  const pa = tf.sum(tf.mul(tf.softmax(la), y1h), 1),
    pb = tf.sum(tf.mul(tf.softmax(lb), y1h), 1); // [B]
  const ps = tf.maximum(pa, pb),
    pw = tf.minimum(pa, pb);
  const correct = tf.logicalOr(tf.equal(tf.argMax(la, 1), labels), tf.equal(tf.argMax(lb, 1), labels));
  const wVal = tf.where(correct, tf.sub(ps, pw), tf.zerosLike(ps));
  const w = tf.tensor1d(wVal.dataSync() as Float32Array); // Eq. 1 as a constant: no gradient through w
  const rs = tf.mean(tf.mul(w, tf.div(tf.sum(tf.square(tf.sub(la, lb)), 1), K))) as tf.Scalar;
  const kl = tf.mean(tf.mul(w, tf.mul(pw, tf.sub(tf.log(tf.maximum(pw, 1e-12)), ps)))) as tf.Scalar;
  return { w, rs, kl };
}

export class Mbsd extends MethodBase<MbsdOptions> {
  constructor(options: MbsdOptions = {}) {
    super('MBSD', MBSD_DEFAULTS, options);
    if (!(this.o.beta >= 0)) throw new Error(`MBSD: option 'beta' must be ≥ 0, got ${this.o.beta}`);
  }

  stepLoss({ model, batch, out, epoch }: StepContext): StepLoss {
    const names = Object.keys(out.branches ?? {});
    if (names.length !== 2)
      throw new Error(`MBSD: needs the unimodal logits of exactly two branches (Output.branches), '${model.name}' gives [${names.join(', ')}]`);
    const [a, b] = names.map((n) => out.branches![n]);
    const { w, rs, kl } = mbsdTerms(a, b, batch.labels);
    const on = epoch >= this.o.start && epoch <= this.o.end ? 1 : 0;
    const vals = tf.stack([rs, kl, tf.mean(w)]).dataSync();
    return {
      losses: {
        [`uni_${names[0]}`]: tf.mul(crossEntropy(a, batch.labels), on) as tf.Scalar,
        [`uni_${names[1]}`]: tf.mul(crossEntropy(b, batch.labels), on) as tf.Scalar,
        mbsd: tf.mul(tf.add(rs, kl), on * this.o.beta) as tf.Scalar,
      },
      record: { mbsd_rs: vals[0], mbsd_kl: vals[1], mbsd_w: vals[2] },
    };
  }
}

export function mbsd(options: MbsdOptions = {}): Mbsd {
  return new Mbsd(options);
}
