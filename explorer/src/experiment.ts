/**
 * One explorer run, independent of the page (so it also runs, and is
 * tested, in Node): synthetic posts from lib/data/synthetic.ts with the
 * chosen signals, mismatch and missing rates → a stratified split → the
 * text-only, image-only and joint late-fusion models of lib/models/late-fusion.ts
 * trained side by side, one epoch of each per round (lib/train/trainer.ts
 * trainEpochs), the page redrawn between rounds → test accuracy at the
 * chosen test missing rate → the missing-rate curve.
 *
 * Missing modalities are removed after the split (lib/data/drop-modality.ts,
 * the generator's own representation of an absent modality): training and
 * validation posts at the training rate, test posts at the test rate, and the
 * curve removes it from the SAME test posts at each rate (nested sets), so
 * its points differ by the missing modality only. One generation per run.
 */
import { DEFAULT_VIEWS, synthetic, type ViewSpec } from '../../lib/data/synthetic';
import type { Dataset } from '../../lib/data/dataset';
import { applySplit, splitIndices } from '../../lib/data/splits';
import { dropModality } from '../../lib/data/drop-modality';
import { LateFusion } from '../../lib/models/late-fusion';
import { trainEpochs, type EpochRecord, type TrainResult } from '../../lib/train/trainer';
import { evaluate } from '../../lib/eval/predict';
import { makeMethod as makeBalancer } from '../../lib/balance/index';
import { withMethod } from '../../lib/balance/method';
import type { Model } from '../../lib/models/model';
import type { ExplorerSettings } from './controls';

export const MODELS = ['text-only', 'image-only', 'joint'] as const;
export type ModelName = (typeof MODELS)[number];

/** The missing-rate curve's test rates. */
export const CURVE_RATES = [0, 0.2, 0.4, 0.6, 0.8, 1];

/** Small for a browser: the library's late-fusion encoders at a third of their width (≈ 1/9 of the compute). */
export const EXPLORER_MODEL = { hidden: 128, embed: 64 };
/** Batches of 128 (the library trains with 64): half the steps, ≈ 45 % less time on wasm, accuracies within ±0.01 on the default. */
export const EXPLORER_BATCH = 128;

export interface EpochPoint {
  model: ModelName;
  epoch: number;
  /** batch-average softmax probability of the true class from each branch (BMLHF Eq. 2) */
  scoreText?: number;
  scoreImage?: number;
  valAcc: number;
}

export interface ExplorerResult {
  settings: ExplorerSettings;
  epochs: EpochPoint[];
  /** test accuracy at the chosen test missing rate, weights of the best validation epoch */
  testAcc: Record<ModelName, number>;
  bestEpoch: Record<ModelName, number>;
  /** test accuracy per test missing rate */
  curve: { rate: number; model: ModelName; acc: number }[];
  sizes: { train: number; val: number; test: number };
  /** share of fake posts in the test set: a model that sees nothing scores this or 1 − it */
  testFakeShare: number;
  seconds: number;
}

export interface RunHooks {
  /** after every round (one epoch of each model): the points so far */
  onEpoch?(points: EpochPoint[], round: number): void;
  /** awaited between rounds: the page repaints here */
  pause?(): Promise<void>;
  /** true → abandon the run (its models are disposed); run() resolves to null */
  cancelled?(): boolean;
}

function views(s: ExplorerSettings): Record<string, ViewSpec> {
  const scale = (v: string, to: number, ref: string) => ({ ...DEFAULT_VIEWS[v], signal: (to * DEFAULT_VIEWS[v].signal) / DEFAULT_VIEWS[ref].signal });
  return {
    textPattern: scale('textPattern', s.textSignal, 'textPattern'),
    textSemantic: scale('textSemantic', s.textSignal, 'textPattern'),
    imagePattern: scale('imagePattern', s.imageSignal, 'imagePattern'),
    imageSemantic: scale('imageSemantic', s.imageSignal, 'imagePattern'),
  };
}

/** The run's posts, every modality present. */
export function posts(s: ExplorerSettings): Dataset {
  return synthetic({ samples: s.samples, seed: s.seed, views: views(s), pMismatchFake: s.mismatch, name: 'explorer' });
}

const TEXT = ['textPattern', 'textSemantic'],
  IMAGE = ['imagePattern', 'imageSemantic'];
const dimsOf = (ds: Dataset) => Object.fromEntries(Object.entries(ds.views).map(([k, v]) => [k, v!.dim]));

function model(name: ModelName, ds: Dataset, seed: number): LateFusion {
  const branches: Record<string, string[]> = name === 'text-only' ? { text: TEXT } : name === 'image-only' ? { image: IMAGE } : { text: TEXT, image: IMAGE };
  return new LateFusion({ branches, dims: dimsOf(ds), seed, name, ...EXPLORER_MODEL });
}

export async function run(s: ExplorerSettings, hooks: RunHooks = {}): Promise<ExplorerResult | null> {
  const t0 = performance.now();
  const ds = posts(s);
  const full = applySplit(ds, splitIndices(ds, { val: 0.15, test: 0.2, seed: s.seed }));
  const drop = (part: Dataset, rate: number, label: number) =>
    rate > 0 ? dropModality(part, { modality: s.missingModality, rate, seed: s.seed * 3 + label }) : part;
  const parts = { train: drop(full.train, s.missingTrain, 0), val: drop(full.val, s.missingTrain, 1) };
  const balancer = s.balancer !== 'none' ? makeBalancer(s.balancer) : undefined;
  // the joint model takes the balancer; a method with its own head (MMCosine, MLA) wraps it
  const models = Object.fromEntries(
    MODELS.map((m) => [m, m === 'joint' ? withMethod(model(m, ds, s.seed), balancer, s.seed) : model(m, ds, s.seed)]),
  ) as Record<ModelName, Model>;
  const runs = MODELS.map((m) =>
    trainEpochs(models[m], parts, {
      epochs: s.epochs,
      seed: s.seed,
      batchSize: EXPLORER_BATCH,
      progress: false,
      ...(m === 'joint' && balancer ? { balancer, balanceMode: s.balanceMode } : {}),
    }),
  );
  const points: EpochPoint[] = [];
  const results = {} as Record<ModelName, TrainResult>;
  try {
    for (let round = 1; Object.keys(results).length < MODELS.length; round++) {
      MODELS.forEach((m, i) => {
        if (results[m]) return;
        const next = runs[i].next();
        if (next.done) results[m] = next.value;
        else points.push(point(m, next.value));
      });
      hooks.onEpoch?.(points, round);
      if (hooks.pause) await hooks.pause();
      if (hooks.cancelled?.()) {
        runs.forEach((r) => r.return(undefined as never)); // frees each optimiser and snapshot
        return null;
      }
    }
    const testAt = (rate: number) => drop(full.test, rate, 2);
    const test = testAt(s.missingTest);
    const testAcc = Object.fromEntries(MODELS.map((m) => [m, evaluate(models[m], test).acc])) as Record<ModelName, number>;
    const curve: ExplorerResult['curve'] = [];
    for (const rate of CURVE_RATES) {
      const t = testAt(rate);
      for (const m of MODELS) curve.push({ rate, model: m, acc: evaluate(models[m], t).acc });
    }
    return {
      settings: s,
      epochs: points,
      testAcc,
      bestEpoch: Object.fromEntries(MODELS.map((m) => [m, results[m].bestEpoch])) as Record<ModelName, number>,
      curve,
      sizes: { train: parts.train.labels.length, val: parts.val.labels.length, test: full.test.labels.length },
      testFakeShare: full.test.labels.reduce((a, y) => a + y, 0) / full.test.labels.length,
      seconds: (performance.now() - t0) / 1000,
    };
  } finally {
    for (const m of MODELS) models[m].dispose();
  }
}

function point(m: ModelName, r: EpochRecord): EpochPoint {
  return {
    model: m,
    epoch: r.epoch,
    ...(r.train_score_text !== undefined ? { scoreText: r.train_score_text } : {}),
    ...(r.train_score_image !== undefined ? { scoreImage: r.train_score_image } : {}),
    valAcc: r.val_acc,
  };
}
