/**
 * OPM — On-the-fly Prediction Modulation (Wei, Hu, Peng, Wang, Deng, "On-the-fly Modulation for
 * Balanced Multimodal Learning", TPAMI 2024; authors' code GeWu-Lab/BML_TPAMI2024, code/models/
 * Classifier.py calcu_q and Modality_drop; also GeWu-Lab/BalanceBenchmark OPM_trainer.py).
 * Family: feed-forward (the dominant modality is dropped from the fused prediction during training).
 *
 * Per step, with s^m = Σ_batch softmax(unimodal logits of m)[y]  (per-modality score sums):
 *   r^m = tanh(relu(s^m / s^{m'} − 1))                                        (Eq. 1; m' the other modality)
 *   q^m = clip(q_base · (1 + λ · r^m), 0, 1)  if r^m > 0, else 0              (Eq. 2: drop probability)
 *   with probability p_exe (one draw per step) the step drops: each row keeps modality m with
 *   probability 1 − q^m (Bernoulli per row)                                    (Eq. 3)
 *   L = CE(f(x with the dropped modalities zeroed), y)                          (Eq. 4: the fused loss only)
 * Only the dominant modality has r > 0, so a row never loses both (two modalities; the authors'
 * code also drops rows with every modality masked from the loss, which cannot happen here).
 * Defaults: code/config.py — q_base 0.4, λ 0.5, p_exe 0.7 (BalanceBenchmark's trainer_config: the same).
 *
 * Deviation: the authors zero the dominant modality's encoder OUTPUT (its 512-d feature before the
 * fusion); we zero its INPUT views and present-mask (the workbench's missing modality, the same
 * masking as AGM and modality-valuation's re-sampling), so a host model needs no feature hook. For
 * an encoder with biases the two differ (a zeroed input still yields relu(b)); stated in BALANCING.md.
 */
import { tf } from '../backend/index';
import type { Modality } from '../data/dataset';
import { rng } from '../util/random';
import { deriveSeed } from '../util/random';
import { dropRows } from './masking';
import { groupModality, MethodBase, type MethodContext, type StepContext, type StepLoss } from './method';

export interface OpmOptions {
  /** q_base of Eq. 2 */
  qBase?: number;
  /** λ of Eq. 2 */
  lambda?: number;
  /** probability that a step drops at all (Eq. 3) */
  pExe?: number;
  /** first / last epoch (1-based, inclusive) of modulation */
  start?: number;
  end?: number;
}

export const OPM_DEFAULTS: Required<OpmOptions> = { qBase: 0.4, lambda: 0.5, pExe: 0.7, start: 1, end: Infinity };

/** Eq. 1–2: drop probability of each modality from the two per-modality score sums. */
export function opmDropProbabilities(s: Record<Modality, number>, qBase: number, lambda: number): { r: Record<Modality, number>; q: Record<Modality, number> } {
  const r = { text: Math.tanh(Math.max(0, s.text / s.image - 1)), image: Math.tanh(Math.max(0, s.image / s.text - 1)) };
  const q = { text: 0, image: 0 };
  for (const m of ['text', 'image'] as const) q[m] = r[m] > 0 ? Math.min(1, Math.max(0, qBase * (1 + lambda * r[m]))) : 0;
  return { r, q };
}

/** Per-modality score sums from per-group sums: a modality's groups averaged (one group per modality on late fusion). */
export function modalityScores(groupScores: Record<string, number>, modalityOf: (g: string) => Modality): Record<Modality, number> {
  const sum = { text: 0, image: 0 },
    n = { text: 0, image: 0 };
  for (const [g, v] of Object.entries(groupScores)) {
    const m = modalityOf(g);
    sum[m] += v;
    n[m]++;
  }
  if (!n.text || !n.image)
    throw new Error(`OPM: needs unimodal logits of both text and image (Output.branches), got groups [${Object.keys(groupScores).join(', ')}]`);
  return { text: sum.text / n.text, image: sum.image / n.image };
}

export class Opm extends MethodBase<OpmOptions> {
  private seed = 0;

  constructor(options: OpmOptions = {}) {
    super('OPM', OPM_DEFAULTS, options);
    if (!(this.o.qBase >= 0 && this.o.qBase <= 1)) throw new Error(`OPM: option 'qBase' must be in [0, 1], got ${this.o.qBase}`);
    if (!(this.o.lambda >= 0)) throw new Error(`OPM: option 'lambda' must be ≥ 0, got ${this.o.lambda}`);
    if (!(this.o.pExe >= 0 && this.o.pExe <= 1)) throw new Error(`OPM: option 'pExe' must be in [0, 1], got ${this.o.pExe}`);
  }

  setup(ctx: MethodContext): void {
    this.seed = ctx.seed;
  }

  stepLoss({ model, batch, out, data, epoch, step }: StepContext): StepLoss {
    if (!out.branches) throw new Error(`OPM: model '${model.name}' returns no unimodal logits (Output.branches)`);
    const y1h = tf.oneHot(batch.labels, out.logits.shape[1]);
    const names = Object.keys(out.branches);
    const sums = tf.stack(names.map((b) => tf.sum(tf.mul(tf.softmax(out.branches![b]), y1h)))).dataSync(); // one read
    const s = modalityScores(Object.fromEntries(names.map((b, i) => [b, sums[i]])), (g) => groupModality(g, data));
    const { r, q } = opmDropProbabilities(s, this.o.qBase, this.o.lambda);
    const active = epoch >= this.o.start && epoch <= this.o.end;
    // one stream per (epoch, step): the same seed gives the same drops whatever ran before
    const g = rng(deriveSeed(this.seed, `opm:${epoch}:${step}`));
    const exe = active && g.next() >= 1 - this.o.pExe;
    const drop: (Modality | null)[] = [];
    for (let i = 0; i < batch.size; i++) drop.push(!exe ? null : g.next() < q.text ? 'text' : g.next() < q.image ? 'image' : null);
    const dropped = drop.filter((d) => d !== null).length;
    const loss = dropped ? model.loss(model.forward(dropRows(batch, data, drop), true), batch).total : model.loss(out, batch).total;
    return {
      losses: { opm: loss },
      modelWeight: 0,
      record: {
        opm_r_text: r.text,
        opm_r_image: r.image,
        opm_q_text: active ? q.text : 0,
        opm_q_image: active ? q.image : 0,
        opm_exe: exe ? 1 : 0,
        opm_dropped: dropped / batch.size,
      },
    };
  }
}

export function opm(options: OpmOptions = {}): Opm {
  return new Opm(options);
}
