/**
 * Mutual learning of several networks in one loop (DML, Zhang et al. 2018;
 * CMC's stage 1): every step draws one minibatch, one joint loss is
 * differentiated once, and each group of variables is updated by ITS OWN
 * optimiser (e.g. Adam for the text network, SGD for the image network).
 * `afterStep` then sees the values of tensors the loss asked to keep
 * (e.g. embeddings for a memory-bank update).
 *
 * Selection is per network: each `selector` (a Model and the variables that
 * belong to it) is evaluated on the VALIDATION split after every epoch and
 * its best epoch's weights are restored at the end — so two networks trained
 * together may keep different epochs. Test data never enters this loop
 * (`onEpochEnd` may record test curves for reporting; it cannot change
 * selection).
 *
 * Reuses the trainer's pieces: seeded permutation + batchIndices, makeBatch,
 * predict/metrics for validation, snapshot/restore.
 */
import { tf } from '../backend/index';
import type { Dataset } from '../data/dataset';
import { makeBatch, batchIndices, type Batch } from '../data/batch';
import type { Model } from '../models/model';
import { predict } from '../eval/predict';
import { metrics } from '../eval/metrics';
import { permutation, rng } from '../util/random';
import { snapshot, restore, type Snapshot } from './snapshot';
import { applyWithDecay, disposeOptimizer, makeOptimizer, type OptimizerSpec } from './optimizers';

export interface MutualGroup {
  name: string;
  vars: tf.Variable[];
  optimizer: OptimizerSpec;
}

export interface Selector {
  name: string;
  model: Model;
  /** the variables restored to this selector's best validation epoch */
  vars: tf.Variable[];
}

export interface StepLoss {
  /** what is differentiated (every group takes its own variables' share of the gradient) */
  total: tf.Scalar;
  /** named terms to record (per-epoch means) */
  terms: Record<string, tf.Scalar>;
  /** tensors whose values `afterStep` receives */
  aux?: Record<string, tf.Tensor>;
}

export interface MutualTrainOptions {
  epochs: number;
  batchSize?: number;
  seed?: number;
  select?: 'acc' | 'macroF1';
  afterStep?: (idx: Int32Array, aux: Record<string, Float32Array>) => void;
  onEpochEnd?: (row: Record<string, number>) => void;
}

export interface MutualTrainResult {
  /** one row per epoch: train_<term>, val_acc_<selector>, val_macroF1_<selector>, val_loss_<selector> */
  history: Record<string, number>[];
  bestEpoch: Record<string, number>;
  epochsRun: number;
  secondsPerEpoch: number;
}

export function mutualTrain(
  groups: MutualGroup[],
  selectors: Selector[],
  data: { train: Dataset; val: Dataset },
  loss: (batch: Batch, idx: Int32Array) => StepLoss,
  options: MutualTrainOptions,
): MutualTrainResult {
  const o = { batchSize: 64, seed: 0, select: 'acc' as const, ...options };
  if (!(Number.isInteger(o.epochs) && o.epochs > 0)) throw new Error(`mutualTrain: option 'epochs' must be a positive integer, got ${o.epochs}`);
  if (!(Number.isInteger(o.batchSize) && o.batchSize > 0)) throw new Error(`mutualTrain: option 'batchSize' must be a positive integer, got ${o.batchSize}`);
  const names = new Set<string>();
  for (const g of groups)
    for (const v of g.vars) {
      if (names.has(v.name)) throw new Error(`mutualTrain: variable ${v.name} is in two groups`);
      names.add(v.name);
    }
  const opts = groups.map((g) => makeOptimizer(g.optimizer, `mutualTrain: group '${g.name}' optimizer`));
  const allVars = groups.flatMap((g) => g.vars);
  const r = rng(o.seed);
  const N = data.train.labels.length;
  const best = new Map<string, { value: number; epoch: number; snap: Snapshot | null }>(
    selectors.map((s) => [s.name, { value: -Infinity, epoch: -1, snap: null }]),
  );
  const history: Record<string, number>[] = [];
  const t0 = performance.now();
  let step = 0;
  try {
    for (let epoch = 1; epoch <= o.epochs; epoch++) {
      const sums: Record<string, number> = {};
      let seen = 0;
      for (const idx of batchIndices(permutation(N, r), o.batchSize)) {
        step++;
        const rec = tf.tidy(() => {
          const batch = makeBatch(data.train, idx);
          let kept: Record<string, tf.Tensor> = {};
          let termNames: string[] = [];
          const { grads } = tf.variableGrads(() => {
            const l = loss(batch, idx);
            termNames = Object.keys(l.terms);
            kept = Object.fromEntries(
              [...termNames.map((n) => [`term:${n}`, l.terms[n]] as const), ...Object.entries(l.aux ?? {}).map(([k, t]) => [`aux:${k}`, t] as const)].map(
                ([k, t]) => [k, tf.keep(t)],
              ),
            );
            return l.total;
          }, allVars);
          const values = Object.fromEntries(Object.entries(kept).map(([k, t]) => [k, t.dataSync() as Float32Array]));
          tf.dispose(Object.values(kept));
          const terms = Object.fromEntries(termNames.map((n) => [n, values[`term:${n}`][0]]));
          const bad = termNames.find((n) => !Number.isFinite(terms[n]));
          if (bad) throw new Error(`mutualTrain: loss term '${bad}' is ${terms[bad]} at epoch ${epoch}, step ${step}`);
          groups.forEach((g, i) => applyWithDecay(opts[i], g.vars, grads, g.optimizer.weightDecay ?? 0));
          const aux = Object.fromEntries(
            Object.entries(values)
              .filter(([k]) => k.startsWith('aux:'))
              .map(([k, v]) => [k.slice(4), v]),
          );
          return { terms, aux };
        });
        o.afterStep?.(idx, rec.aux);
        for (const [k, v] of Object.entries(rec.terms)) sums[k] = (sums[k] ?? 0) + v * idx.length;
        seen += idx.length;
      }
      const row: Record<string, number> = { epoch };
      for (const [k, v] of Object.entries(sums)) row[`train_${k}`] = v / seen;
      for (const s of selectors) {
        const p = predict(s.model, data.val, { batchSize: 256 });
        const m = metrics(p.pred, data.val.labels);
        row[`val_acc_${s.name}`] = m.acc;
        row[`val_macroF1_${s.name}`] = m.macroF1;
        row[`val_loss_${s.name}`] = p.loss;
        const value = o.select === 'macroF1' ? m.macroF1 : m.acc;
        const b = best.get(s.name)!;
        if (value > b.value) {
          b.snap?.dispose();
          best.set(s.name, { value, epoch, snap: snapshot(s.vars) });
        }
      }
      history.push(row);
      o.onEpochEnd?.(row);
    }
    for (const s of selectors) {
      const b = best.get(s.name)!;
      if (b.snap) restore(s.vars, b.snap);
    }
  } finally {
    for (const b of best.values()) b.snap?.dispose();
    for (const opt of opts) disposeOptimizer(opt);
  }
  return {
    history,
    bestEpoch: Object.fromEntries([...best].map(([k, b]) => [k, b.epoch])),
    epochsRun: history.length,
    secondsPerEpoch: (performance.now() - t0) / 1000 / Math.max(1, history.length),
  };
}
