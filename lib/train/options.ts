/**
 * The trainer's options and their defaults, in a file of their own so that the trainer (trainer.ts) and one
 * step (step.ts) both read them without importing each other.
 */
import type { Model } from '../models/model';
import type { BalancingMethod } from '../balance/method';
import type { LrSchedule, TrainOptimizer } from './train-optimizer';

export interface TrainOptions {
  epochs?: number;
  batchSize?: number;
  lr?: number;
  weightDecay?: number;
  /** 'coupled' adds wd·θ to the gradient (PyTorch Adam); 'decoupled' shrinks θ directly (AdamW) */
  weightDecayMode?: 'coupled' | 'decoupled';
  /** stop after this many epochs without validation improvement (0 = never) */
  patience?: number;
  /** validation metric used to select the returned weights */
  select?: 'acc' | 'macroF1' | 'loss';
  seed?: number;
  /**
   * a balancing method (lib/balance/method.ts: group factors, extra loss terms, gradient transforms,
   * per-element step factors (UKR), epoch plans, epoch hooks; several at once: composeMethods); a
   * method that wraps the model wants the model from withMethod(model, balancer)
   */
  balancer?: BalancingMethod;
  /** where the balancer's factor k applies: to the gradient (Eq. 5 as printed) or to the optimiser's step; absent: the balancer's own mode, else 'gradient' */
  balanceMode?: 'gradient' | 'update';
  /** the optimiser: Adam (default) or SGD with momentum (PyTorch's recursion; lib/train/train-optimizer.ts) */
  optimizer?: TrainOptimizer;
  /** learning-rate schedule per epoch (StepLR; SGD only); absent = constant lr */
  schedule?: LrSchedule;
  /** record per-step rows (scores, losses, balancer numbers) */
  recordSteps?: boolean;
  /** terminal progress bar; default: only when stderr is a TTY and MMFND_QUIET is unset */
  progress?: boolean;
  onEpochEnd?: (row: EpochRecord, model: Model) => void | 'stop';
}

export const TRAIN_DEFAULTS: Required<Omit<TrainOptions, 'balancer' | 'onEpochEnd' | 'progress' | 'optimizer' | 'schedule'>> = {
  epochs: 30,
  batchSize: 64,
  lr: 1e-3,
  weightDecay: 1e-3,
  weightDecayMode: 'coupled',
  patience: 0,
  select: 'acc',
  seed: 0,
  balanceMode: 'gradient',
  recordSteps: true,
};

/** the options with every default filled in, as a step sees them */
export type ResolvedTrainOptions = typeof TRAIN_DEFAULTS & TrainOptions;

export type EpochRecord = Record<string, number>;
