/**
 * InfoReg — Information Acquisition Regulation (Huang, Wei, Yang, Hu, "Adaptive Unimodal Regulation
 * for Balanced Multimodal Information Acquisition", CVPR 2025; authors' code GeWu-Lab/InfoReg_CVPR2025,
 * main.py train_epoch). Family: optimisation.
 *
 * During the prime learning window (the early epochs in which the model's information amount, the
 * trace of the Fisher information, still grows fast) the information-sufficient (dominant) modality's
 * encoder is held near where it started the epoch by a proximal term on its gradient:
 *   tr_e  = Σ_layers mean_elements Σ_steps g²        (FIM trace of the encoder weights over epoch e)    (Eq. 1)
 *   k     = (tr̄_last10 − tr̄_prev10) / tr̄_last10,   tr̄ over the last 10 epochs (÷10 even when fewer),
 *           prev10 shifted by one epoch; k = 1 in epoch 1                                               (Eq. 2)
 *   per step, with s^m = Σ_batch softmax(unimodal logits of m)[y] and m the modality with the larger s:
 *   β^m   = β₀ · exp(tanh(s^m − s^{m'}))   if k > k_min, else 0;  β^{m'} = 0                             (Eq. 3)
 *   g^m  ← g^m + β^m (θ^m − θ^m_{epoch start})       (every parameter of m's encoder group)              (Eq. 4)
 * The objective is CE(fused) + Σ_m CE(unimodal m), as the authors back-propagate all three.
 *
 * Defaults (main.py): β₀ = 0.95 (the coefficient of the audio encoder, the information-sufficient
 * modality of CREMA-D), k_min = 0.05. Deviations: the authors hard-code the roles (audio 0.95, video
 * 0.1, by which is larger on their data); we give β₀ to whichever modality is ahead in the step and
 * none to the other. The authors' window reads the AUDIO encoder's trace (their sufficient modality);
 * we read the trace of every encoder group (the sum), having no fixed roles.
 */
import { tf } from '../backend/index';
import { crossEntropy } from '../models/model';
import type { BalanceInput, BalanceOutput } from './balancer';
import { groupModality, MethodBase, type GradientContext, type MethodContext, type StepContext, type StepLoss } from './method';
import { modalityScores } from './opm';
import type { Dataset, Modality } from '../data/dataset';

export interface InfoRegOptions {
  /** β₀ of Eq. 3 */
  beta?: number;
  /** k_min of Eq. 3: the window is open while k > k_min */
  kMin?: number;
}

export const INFOREG_DEFAULTS: Required<InfoRegOptions> = { beta: 0.95, kMin: 0.05 };

/** Eq. 2 on the per-epoch traces so far (Python's slices: list[-10:], list[-11:-1], both summed ÷ 10). */
export function primeWindowK(traces: number[]): number {
  if (!traces.length) return 1;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const L = traces.length;
  const tr1 = sum(traces.slice(Math.max(0, L - 10))) / 10;
  const tr2 = sum(traces.slice(Math.max(0, L - 11), L - 1)) / 10;
  return tr1 > 0 ? (tr1 - tr2) / tr1 : 0;
}

/** Eq. 3: β per modality from the two score sums (only the leader gets one). */
export function infoRegBeta(s: Record<Modality, number>, beta0: number, open: boolean): Record<Modality, number> {
  const out = { text: 0, image: 0 };
  if (!open || s.text === s.image) return out;
  const lead: Modality = s.text > s.image ? 'text' : 'image';
  out[lead] = beta0 * Math.exp(Math.tanh(Math.abs(s.text - s.image)));
  return out;
}

export class InfoReg extends MethodBase<InfoRegOptions> {
  private traces: number[] = [];
  private trace = 0;
  private k = 1;
  private start = new Map<string, tf.Tensor>();
  private beta: Record<Modality, number> = { text: 0, image: 0 };
  private train?: Dataset;
  private vars: tf.Variable[] = [];

  constructor(options: InfoRegOptions = {}) {
    super('InfoReg', INFOREG_DEFAULTS, options);
    if (!(this.o.beta >= 0)) throw new Error(`InfoReg: option 'beta' must be ≥ 0, got ${this.o.beta}`);
  }

  setup({ model, data }: MethodContext): void {
    this.dispose();
    this.traces = [];
    this.train = data.train;
    this.vars = Object.values(model.groups()).flat();
  }

  /** θ_{epoch start} of every encoder-group variable (the authors' deepcopy of the model per epoch) */
  beginEpoch(): void {
    for (const t of this.start.values()) t.dispose();
    this.start = new Map(this.vars.map((v) => [v.name, tf.keep(tf.clone(v))]));
    this.k = primeWindowK(this.traces);
    this.trace = 0;
  }

  stepLoss({ out, batch, model }: StepContext): StepLoss {
    const names = Object.keys(out.branches ?? {});
    if (names.length < 2) throw new Error(`InfoReg: needs unimodal logits (Output.branches) of each modality, '${model.name}' gives [${names.join(', ')}]`);
    return { losses: Object.fromEntries(names.map((n) => [`uni_${n}`, crossEntropy(out.branches![n], batch.labels)])) };
  }

  override modulate({ scoreSums }: BalanceInput): BalanceOutput {
    const s = modalityScores(scoreSums, (g) => groupModality(g, this.train!));
    this.beta = infoRegBeta(s, this.o.beta, this.k > this.o.kMin);
    return { scale: {}, record: { inforeg_k: this.k, inforeg_beta_text: this.beta.text, inforeg_beta_image: this.beta.image } };
  }

  /** Eq. 4 on the leader's encoder, then Eq. 1's per-step g² of every encoder weight (rank ≥ 2) */
  transformGradients(grads: Record<string, tf.Tensor>, ctx: GradientContext): Record<string, tf.Tensor> {
    const out = { ...grads };
    for (const v of ctx.variables) {
      const group = ctx.groupOf.get(v.name);
      const g = grads[v.name];
      if (!group || !g) continue;
      const b = this.beta[groupModality(group, this.train!)];
      if (b > 0) out[v.name] = tf.add(g, tf.mul(tf.sub(v, this.start.get(v.name)!), b));
    }
    const ws = ctx.variables.filter((v) => ctx.groupOf.has(v.name) && v.shape.length >= 2 && out[v.name]);
    if (ws.length) this.trace += tf.tidy(() => tf.addN(ws.map((v) => tf.mean(tf.square(out[v.name])))).dataSync()[0]);
    return out;
  }

  endEpoch(): Record<string, number> {
    this.traces.push(this.trace);
    return { inforeg_trace: this.trace };
  }

  dispose(): void {
    for (const t of this.start.values()) t.dispose();
    this.start.clear();
  }
}

export function infoReg(options: InfoRegOptions = {}): InfoReg {
  return new InfoReg(options);
}
