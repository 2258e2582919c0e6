/**
 * UMT — Uni-Modal Teacher (Du, Teng, Li, Gao, Li, Wang, Li, Zhao, "On Uni-Modal Feature Learning in
 * Supervised Multi-Modal Learning", ICML 2023), as GeWu-Lab/BalanceBenchmark runs it
 * (balancemm/trainer/UMT_trainer.py: frozen unimodal models loaded from checkpoints, their encoder
 * outputs distilled into the multimodal model's). Family: objective.
 *
 *   stage 1 (setup): each modality's teacher — its encoder and its own linear classifier — trained
 *            alone: the host trained on Σ_m CE(l^m, y) only (each branch's loss reaches only its own
 *            encoder and its slice of the head, so this is U separate unimodal trainings), for
 *            teacherEpochs epochs with Adam (teacherLr, batch = the run's); then the teacher features
 *            φ̂^m(x) of every training row are stored and the host's initial weights restored      (Eq. 1)
 *   stage 2:  L = L_model + s · Σ_m MSE(φ̂^m(x), φ^m(x))   (φ^m the host's Output.features of m)    (Eq. 2)
 * Defaults: s = 10 (BalanceBenchmark trainer_config UMT: scaling 10). teacherEpochs 10 and teacherLr
 * 1e-3 are ours (the benchmark loads teachers trained elsewhere; no epochs to read).
 * The rows of each batch must be known to look their teacher features up: the method orders each
 * epoch itself (a permutation seeded per epoch, beginEpoch) instead of the trainer's permutation.
 * Stage 1 is a small training loop of its own (lib/balance sits below lib/train): same batches, no
 * validation, no decay.
 */
import { tf } from '../backend/index';
import { batchIndices, makeBatch } from '../data/batch';
import { crossEntropy } from '../models/model';
import { deriveSeed, permutation, rng } from '../util/random';
import { MethodBase, type EpochPlan, type MethodContext, type StepContext, type StepLoss } from './method';

export interface UmtOptions {
  /** s of Eq. 2 */
  scaling?: number;
  /** stage 1: epochs of the unimodal teachers (ours) */
  teacherEpochs?: number;
  /** stage 1: Adam learning rate (ours) */
  teacherLr?: number;
}

export const UMT_DEFAULTS: Required<UmtOptions> = { scaling: 10, teacherEpochs: 10, teacherLr: 1e-3 };

export class Umt extends MethodBase<UmtOptions> {
  private teacher: Record<string, tf.Tensor2D> = {};
  private order = new Int32Array(0);
  private batchSize = 1;
  private at = 0;
  private seed = 0;

  constructor(options: UmtOptions = {}) {
    super('UMT', UMT_DEFAULTS, options);
    if (!(this.o.scaling >= 0)) throw new Error(`UMT: option 'scaling' must be ≥ 0, got ${this.o.scaling}`);
    if (!(Number.isInteger(this.o.teacherEpochs) && this.o.teacherEpochs >= 1))
      throw new Error(`UMT: option 'teacherEpochs' must be a positive integer, got ${this.o.teacherEpochs}`);
  }

  /** Eq. 1: train the teachers on the host itself, store their features of every training row, restore the host */
  setup({ model, data, seed, batchSize }: MethodContext): void {
    this.dispose();
    this.seed = seed;
    this.batchSize = batchSize;
    const vars = model.variables().filter((v) => v.trainable);
    const init = vars.map((v) => tf.keep(tf.clone(v)));
    const opt = tf.train.adam(this.o.teacherLr);
    const N = data.train.labels.length;
    for (let e = 1; e <= this.o.teacherEpochs; e++) {
      for (const idx of batchIndices(permutation(N, rng(deriveSeed(seed, `umt:teacher:${e}`))), batchSize)) {
        tf.tidy(() => {
          const batch = makeBatch(data.train, idx, 'none');
          opt.minimize(
            () => {
              const out = model.forward(batch, true);
              if (!out.branches || !out.features)
                throw new Error(`UMT: model '${model.name}' needs unimodal logits and features (Output.branches, Output.features)`);
              return Object.values(out.branches)
                .map((l) => crossEntropy(l, batch.labels))
                .reduce((a, b) => tf.add(a, b) as tf.Scalar);
            },
            false,
            vars,
          );
        });
      }
    }
    // the teachers' features of every training row, in row order [N, d] per group
    const all = Int32Array.from({ length: N }, (_, i) => i);
    const parts: Record<string, tf.Tensor2D[]> = {};
    for (const idx of batchIndices(all, 256)) {
      const f = tf.tidy(() => {
        const out = model.forward(makeBatch(data.train, idx, 'none'), false);
        return Object.fromEntries(Object.entries(out.features!).map(([g, x]) => [g, tf.keep(x.clone())]));
      });
      for (const [g, x] of Object.entries(f)) (parts[g] ??= []).push(x);
    }
    for (const [g, xs] of Object.entries(parts)) {
      this.teacher[g] = tf.keep(tf.concat(xs, 0) as tf.Tensor2D);
      tf.dispose(xs);
    }
    vars.forEach((v, i) => v.assign(init[i]));
    tf.dispose(init);
    opt.dispose();
  }

  /** the epoch's row order (seeded), so that each step knows its rows */
  beginEpoch(epoch: number, ctx: MethodContext): EpochPlan {
    this.order = permutation(ctx.data.train.labels.length, rng(deriveSeed(this.seed, `umt:order:${epoch}`)));
    this.at = 0;
    return { order: this.order };
  }

  /** Eq. 2: s · Σ_m MSE(teacher features, the host's features) */
  stepLoss({ out, batch, model }: StepContext): StepLoss {
    const idx = tf.tensor1d(this.order.slice(this.at, this.at + batch.size), 'int32');
    this.at += batch.size;
    if (!out.features) throw new Error(`UMT: model '${model.name}' returns no Output.features`);
    const terms = Object.keys(this.teacher).map((g) => tf.mean(tf.square(tf.sub(tf.gather(this.teacher[g], idx), out.features![g]))) as tf.Scalar);
    const mse = terms.reduce((a, b) => tf.add(a, b) as tf.Scalar);
    return { losses: { umt: tf.mul(mse, this.o.scaling) as tf.Scalar }, record: { umt_mse: mse.dataSync()[0] } };
  }

  dispose(): void {
    tf.dispose(Object.values(this.teacher));
    this.teacher = {};
  }
}

export function umt(options: UmtOptions = {}): Umt {
  return new Umt(options);
}
