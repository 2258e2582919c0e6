/**
 * The trainer's options and their defaults, in a file of their own so that the trainer (trainer.ts) and one
 * step (step.ts) both read them without importing each other.
 */
import type { Model } from '../models/model';
import type { BalancingMethod } from '../balance/method';
import type { SliceScaling } from '../balance/ukr';

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
   * a gradient balancer (MIB) or a balancing method with hooks (lib/balance/method.ts: extra loss
   * terms, gradient transforms, epoch plans, epoch hooks); a method that wraps the model wants the
   * model from withMethod(model, balancer)
   */
  balancer?: BalancingMethod;
  /**
   * per-element factors on chosen variables (UKR, lib/balance/ukr.ts): 'gradient' mode multiplies the
   * gradient before weight decay, 'update' mode the optimiser's step; absent = no effect (the default)
   */
  sliceScaling?: SliceScaling;
  /** where the balancer's factor k applies: to the gradient (Eq. 5 as printed) or to the optimiser's step */
  balanceMode?: 'gradient' | 'update';
  /** record per-step rows (scores, losses, balancer numbers) */
  recordSteps?: boolean;
  /** terminal progress bar; default: only when stderr is a TTY and MMFND_QUIET is unset */
  progress?: boolean;
  onEpochEnd?: (row: EpochRecord, model: Model) => void | 'stop';
}

export const TRAIN_DEFAULTS: Required<Omit<TrainOptions, 'balancer' | 'onEpochEnd' | 'progress' | 'sliceScaling'>> = {
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
