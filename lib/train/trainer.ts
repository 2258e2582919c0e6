/**
 * The trainer: Adam (+ weight decay), seeded shuffling, per-branch gradient
 * balancing, model selection and early stopping on the validation split
 * only, and per-step / per-epoch records as Arquero tables.
 *
 * One step (lib/train/step.ts, inside tf.tidy): forward, loss (+ a balancing
 * method's terms), gradients, per-group scaling k[g], the method's gradient
 * transform, weight decay, Adam.
 *
 * balanceMode 'update' instead scales the optimiser's step of group g:
 *   θ_g ← θ_g,old + k_g · (θ_g,new − θ_g,old)
 * Why both: Eq. 5 is written for SGD, where scaling the gradient scales the
 * step. Under Adam (which the paper trains with) a factor that changes
 * slowly is divided out by the second-moment estimate (a constant k on the
 * first step: displacement ratio 1.000, test/balance/displacement.test.ts),
 * so 'gradient' barely modulates; 'update' applies Eq. 5's effect on the step.
 * The mode is the option's, else the balancer's own (`balanceMode`: MIB
 * 'update' by default), else 'gradient' (the methods written for SGD).
 *
 * Optimiser: Adam by default, or SGD with momentum and a StepLR schedule
 * (options optimizer / schedule, lib/train/train-optimizer.ts) — the
 * balancing methods' authors' settings (lib/balance/presets.ts).
 */
import * as aq from 'arquero';
import { tf } from '../backend/index';
import type { Dataset } from '../data/dataset';
import { batchIndices } from '../data/batch';
import type { Model } from '../models/model';
import { checkWrapped, type EpochPlan, type MethodContext } from '../balance/method';
import { predict } from '../eval/predict';
import { argmaxK, metrics, multiclassMetrics } from '../eval/metrics';
import { permutation, rng } from '../util/random';
import { progressBar } from './progress';
import { snapshot, restore, type Snapshot } from './snapshot';
import { trainStep } from './step';
import { TRAIN_DEFAULTS, type EpochRecord, type ResolvedTrainOptions, type TrainOptions } from './options';
import { checkTrainOptimizer, disposeTrainOptimizer, makeTrainOptimizer, scheduledLr, setLearningRate } from './train-optimizer';

export { TRAIN_DEFAULTS, type EpochRecord, type ResolvedTrainOptions, type TrainOptions } from './options';

export interface TrainResult {
  /** one row per epoch: loss terms, train/val accuracy, val per-branch accuracy, mean branch scores */
  history: aq.ColumnTable;
  /** one row per step: epoch, step, loss, score_<branch>, balancer records */
  steps: aq.ColumnTable;
  bestEpoch: number;
  bestValue: number;
  epochsRun: number;
  secondsPerEpoch: number;
}

export function train(model: Model, data: { train: Dataset; val: Dataset }, options: TrainOptions = {}): TrainResult {
  const run = trainEpochs(model, data, options);
  for (;;) {
    const next = run.next();
    if (next.done) return next.value;
  }
}

/**
 * train() one epoch at a time: yields each epoch's record (after selection
 * and onEpochEnd) and returns the TrainResult, so a caller can redraw between
 * epochs (the browser explorer, a live notebook plot). Abandoning it early
 * (`return()`, or a for-of `break`) frees the optimiser's state and the
 * best-weights snapshot and leaves the model at its latest weights.
 */
export function* trainEpochs(model: Model, data: { train: Dataset; val: Dataset }, options: TrainOptions = {}): Generator<EpochRecord, TrainResult, void> {
  const o = { ...TRAIN_DEFAULTS, ...options, balanceMode: options.balanceMode ?? options.balancer?.balanceMode ?? TRAIN_DEFAULTS.balanceMode };
  checkOptions(o);
  // selection reads the validation split: without one, "the best epoch" would be epoch 1 by default
  if (data.train.labels.length === 0) throw new Error(`train: the training split of '${data.train.name}' is empty`);
  if (data.val.labels.length === 0)
    throw new Error(
      `train: the validation split of '${data.val.name}' is empty — model selection needs validation rows (give the split a val fraction, or a dataset with a validation part)`,
    );
  const r = rng(o.seed);
  const vars = model.variables().filter((v) => v.trainable);
  const optimizer = makeTrainOptimizer(o.optimizer, o.lr); // Adam: the flat native Adam where it loads, bit-identical to tfjs's (flat-adam.ts)
  const groupOf = new Map<string, string>();
  for (const [g, vs] of Object.entries(model.groups())) for (const v of vs) groupOf.set(v.name, g);
  const N = data.train.labels.length;
  const batches = Math.ceil(N / o.batchSize);
  const bar = progressBar(o.progress, o.epochs * batches, model.name);
  const method = o.balancer;
  checkWrapped(model, method);
  const mctx: MethodContext = { model, data, seed: o.seed, epochs: o.epochs, batchSize: o.batchSize };

  const epochs: EpochRecord[] = [];
  const steps: Record<string, number>[] = [];
  let best: Snapshot | null = null;
  let bestEpoch = -1,
    bestValue = o.select === 'loss' ? Infinity : -Infinity,
    since = 0,
    step = 0;
  const t0 = performance.now();

  let finished = false;
  try {
    method?.setup?.(mctx);
    for (let epoch = 1; epoch <= o.epochs; epoch++) {
      if (o.schedule) setLearningRate(optimizer, scheduledLr(o.lr, o.schedule, epoch));
      const sums: Record<string, number> = {};
      let seen = 0,
        correct = 0;
      const perm = permutation(N, r); // drawn every epoch, whatever the plan: the trainer's stream stays the same
      const plan: EpochPlan = method?.beginEpoch?.(epoch, mctx) || {};
      const order = plan.order ?? perm;
      if (plan.drop && plan.drop.length !== order.length)
        throw new Error(`train(): balancer '${method!.name}' planned ${plan.drop.length} drops for ${order.length} rows`);
      let at = 0;
      for (const idx of batchIndices(order, o.batchSize)) {
        const drop = plan.drop?.slice(at, (at += idx.length));
        const rec = trainStep(model, optimizer, vars, groupOf, data.train, idx, o, epoch, ++step, drop);
        for (const [k, v] of Object.entries(rec)) if (k !== 'correct') sums[k] = (sums[k] ?? 0) + v * idx.length;
        correct += rec.correct;
        seen += idx.length;
        if (o.recordSteps) steps.push({ epoch, step, ...withoutKey(rec, 'correct') });
        bar.tick();
      }
      const row: EpochRecord = { epoch, ...(o.schedule ? { lr: scheduledLr(o.lr, o.schedule, epoch) } : {}) };
      for (const [k, v] of Object.entries(sums)) row[`train_${k}`] = v / seen;
      row.train_acc = correct / seen;
      const val = predict(model, data.val, { batchSize: 256 });
      const K = model.classes ?? 2;
      // binary models keep the papers' fake/real metrics; a K-class model reads the same acc / macroF1 fields
      const score = (pred: Int32Array) => (K === 2 ? metrics(pred, data.val.labels) : multiclassMetrics(pred, data.val.labels, K));
      const m = score(val.pred);
      row.val_loss = val.loss;
      row.val_acc = m.acc;
      row.val_macroF1 = m.macroF1;
      for (const [b, p] of Object.entries(val.branches)) row[`val_acc_${b}`] = score(argmaxK(p, K)).acc;
      Object.assign(row, plan.record ?? {});
      epochs.push(row);

      const value = o.select === 'loss' ? row.val_loss : o.select === 'macroF1' ? row.val_macroF1 : row.val_acc;
      const better = o.select === 'loss' ? value < bestValue : value > bestValue;
      if (better) {
        bestValue = value;
        bestEpoch = epoch;
        since = 0;
        best?.dispose();
        best = snapshot(vars);
      } else since++;
      // after selection: a hook that changes the weights (re-initialisation) acts on the next epoch
      Object.assign(row, method?.endEpoch?.(epoch, mctx) ?? {});
      row.seconds = (performance.now() - t0) / 1000;
      const stop = options.onEpochEnd?.(row, model) === 'stop' || (o.patience > 0 && since >= o.patience);
      yield row;
      if (stop) break;
    }
    finished = true;
  } finally {
    bar.stop();
    if (best && finished) restore(vars, best);
    best?.dispose();
    disposeTrainOptimizer(optimizer);
    method?.dispose?.();
  }
  const elapsed = (performance.now() - t0) / 1000;
  return {
    history: aq.from(epochs),
    steps: steps.length ? aq.from(steps) : aq.table({}),
    bestEpoch,
    bestValue,
    epochsRun: epochs.length,
    secondsPerEpoch: elapsed / Math.max(1, epochs.length),
  };
}

function withoutKey(r: Record<string, number>, key: string): Record<string, number> {
  const { [key]: _, ...rest } = r;
  return rest;
}

function checkOptions(o: ResolvedTrainOptions): void {
  const known = new Set([...Object.keys(TRAIN_DEFAULTS), 'balancer', 'onEpochEnd', 'progress', 'optimizer', 'schedule']);
  for (const k of Object.keys(o)) if (!known.has(k)) throw new Error(`train(): unknown option '${k}' (known: ${[...known].join(', ')})`);
  if (o.balanceMode !== 'gradient' && o.balanceMode !== 'update')
    throw new Error(`train(): option 'balanceMode' must be 'gradient' or 'update', got ${o.balanceMode}`);
  if (!Number.isInteger(o.epochs) || o.epochs < 1) throw new Error(`train(): option 'epochs' must be a positive integer, got ${o.epochs}`);
  if (!Number.isInteger(o.batchSize) || o.batchSize < 1) throw new Error(`train(): option 'batchSize' must be a positive integer, got ${o.batchSize}`);
  if (!(o.lr > 0)) throw new Error(`train(): option 'lr' must be > 0, got ${o.lr}`);
  checkTrainOptimizer(o.optimizer, o.schedule);
  if (!['acc', 'macroF1', 'loss'].includes(o.select)) throw new Error(`train(): option 'select' must be acc | macroF1 | loss, got '${o.select}'`);
}
