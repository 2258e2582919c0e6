/**
 * Shared checks of a balancing method on the trainer: a small synthetic dataset, late fusion of
 * text and image, a few epochs — no tensor leak across epochs, and the same seed gives the same bytes.
 */
import { expect } from 'vitest';
import { tf } from '../../lib/backend';
import { synthetic } from '../../lib/data/synthetic';
import { applySplit, splitIndices } from '../../lib/data/splits';
import { concatFusion } from '../../lib/models/late-fusion';
import { train, type TrainResult } from '../../lib/train/trainer';
import { withMethod, type BalancingMethod } from '../../lib/balance/method';

export const toy = synthetic({ samples: 320, seed: 3 });
export const toySplit = applySplit(toy, splitIndices(toy, { seed: 3 }));
export const toyDims = Object.fromEntries(Object.entries(toy.views).map(([k, v]) => [k, v!.dim]));

export interface ToyRun {
  result: TrainResult;
  counts: number[];
  weights: Float32Array[];
  steps: Record<string, number>[];
  history: Record<string, number>[];
}

/** Train late fusion (small) with `make()`'s method for `epochs` epochs; numTensors after each epoch. */
export function toyRun(make: () => BalancingMethod, epochs = 3, seed = 1): ToyRun {
  const method = make();
  const model = withMethod(concatFusion(toyDims, seed), method, seed);
  const counts: number[] = [];
  try {
    const result = train(model, toySplit, {
      epochs,
      seed,
      batchSize: 32,
      progress: false,
      balancer: method,
      onEpochEnd: () => void counts.push(tf.memory().numTensors),
    });
    const weights = model
      .variables()
      .map((v) => v.dataSync() as Float32Array)
      .map((a) => Float32Array.from(a));
    const strip = (rows: Record<string, number>[]) => rows.map(({ seconds: _, ...r }) => r);
    return {
      result,
      counts,
      weights,
      steps: result.steps.objects() as Record<string, number>[],
      history: strip(result.history.objects() as Record<string, number>[]),
    };
  } finally {
    model.dispose();
  }
}

/** The acceptance checks every method passes: stable numTensors across epochs, nothing left after, same seed → same bytes. */
export function expectComposes(make: () => BalancingMethod, epochs = 3): ToyRun {
  const before = tf.memory().numTensors;
  const a = toyRun(make, epochs);
  expect(tf.memory().numTensors).toBe(before); // model, optimiser and the method's state all freed
  expect(a.counts.length).toBe(epochs);
  expect(new Set(a.counts.slice(1)).size).toBe(1); // epoch 1 creates Adam's moments; then flat
  const b = toyRun(make, epochs);
  expect(JSON.stringify(b.history)).toBe(JSON.stringify(a.history));
  expect(JSON.stringify(b.steps)).toBe(JSON.stringify(a.steps));
  expect(b.weights.map((w) => Buffer.from(w.buffer).toString('base64'))).toEqual(a.weights.map((w) => Buffer.from(w.buffer).toString('base64')));
  for (const r of a.history) for (const [k, v] of Object.entries(r)) expect(Number.isFinite(v), `history ${k}`).toBe(true);
  return a;
}
