/**
 * A run: one model trained once on one dataset split with one seed. Specs
 * are plain JSON, so they can be hashed (the results cache key), shipped to
 * worker processes, and written into results.json next to the numbers they
 * produced.
 */
import { createHash } from 'node:crypto';
import type { SyntheticOptions } from '../data/synthetic';
import type { TrainOptions } from '../train/trainer';

export type DatasetSpec =
  | { kind: 'synthetic'; options?: SyntheticOptions }
  | {
      kind: 'real';
      name: string;
      options?: Record<string, unknown>;
      /**
       * the fingerprint of the data the run reads (lib/data/fingerprint.ts), filled in by reproduce from
       * its data directory (withDataFingerprints): part of the spec's hash, so different data never
       * shares a cached run, and checked when the run loads its data (a mismatch fails the run)
       */
      fingerprint?: string;
    };

/** `trainLimit` / `valLimit`: keep about this many training / validation rows (stratified, seeded) — quick profiles on large datasets; test untouched */
export type SplitSpec = (
  | { kind: 'random'; val?: number; test?: number; byEvent?: boolean; seed?: number }
  /** the dataset's own split (meta.split); `val` carves a stratified validation share from train when it has none */
  | { kind: 'predefined'; val?: number; byEvent?: boolean; seed?: number }
  /** `stratify` (with byEvent): whole events per fold, each fold's fake share near the overall one (lib/data/group-folds.ts) */
  | { kind: 'kfold'; k: number; fold: number; val?: number; seed?: number; byEvent?: boolean; stratify?: boolean }
  /** no split: every row goes to `test` — for procedures that partition the dataset themselves (e.g. data selection) */
  | { kind: 'none' }
) & {
  trainLimit?: number;
  valLimit?: number;
  /**
   * dense views standardised per column by the training split's mean / std (lib/data/standardise.ts),
   * after trainLimit (the rows the model trains on); true = every view. Recorded in the run's notes
   */
  standardise?: string[] | true;
};

export interface RunSpec {
  dataset: DatasetSpec;
  split: SplitSpec;
  /** a name from the model registry, and its options */
  model: { name: string; options?: Record<string, unknown> };
  balancer?: { name: string; options?: Record<string, unknown> };
  /**
   * how the run trains, when not the single-model trainer: a name from lib/experiment/procedures/index.ts
   * (e.g. a two-stage or stage-wise schedule) and its options; absent = 'train' (train() once)
   */
  procedure?: { name: string; options?: Record<string, unknown> };
  /**
   * other datasets a procedure reads besides `dataset` (e.g. a training pool from another source), by
   * role name; probed for availability like `dataset` and handed to the procedure as `input.extra[role]`
   */
  extraDatasets?: Record<string, DatasetSpec>;
  train: Omit<TrainOptions, 'balancer' | 'onEpochEnd' | 'progress'>;
  /** seed of the model initialisation (the trainer's shuffling seed is train.seed) */
  seed: number;
  /**
   * extra outputs: missing-modality evaluation, embeddings of the test set (for t-SNE), per-step records;
   * `testCurve`: test metrics after every epoch (RunResult.testCurve) — for plots of performance vs epochs
   * only, never for selection (selection reads the validation history);
   * `probe`: names of the model's `extra` outputs to record per post on a stratified test subsample
   * (RunResult.probe, lib/eval/probe.ts), e.g. COOLANT's ['attention', 'ambiguity'];
   * `missingRate`: the missing-rate curve on test (lib/eval/missing-rate.ts: a share of test posts loses a
   * modality, seeded) in RunResult.missingCurve — a test-time pattern only, training is unchanged;
   * `modality`: per-modality diagnostics on test (lib/eval/modality-report.ts: each unimodal head's and
   * each zero-masked input's accuracy / macro-F1, Shapley modality contributions, the imbalance ratio)
   * in RunResult.modality
   */
  outputs?: {
    missing?: boolean;
    embeddings?: boolean;
    steps?: boolean;
    testCurve?: boolean;
    tsne?: boolean;
    probe?: string[];
    missingRate?: { rates?: number[]; seed?: number; which?: 'either' | 'text' | 'image' };
    modality?: boolean;
  };
}

/** Canonical JSON: keys sorted at every level, so equal specs hash equally. */
export function canonical(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(canonical).join(',')}]`;
  if (x && typeof x === 'object') {
    const entries = Object.entries(x as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(x);
}

/** Bump when a change to the code would change results for the same spec. */
// 5: PyTorch-default initialisation (issue 24), BMLHF Eq. 12 tanh as 2σ(2x) − 1, MIB's k on the step (update mode), OGM-GE noise from the
//    unmodulated gradient on weight tensors only, COOLANT's raw guidance target (the authors' code), the native BLAS path (issue 23;
//    the path itself is also part of the cache key, lib/experiment/numeric-path.ts)
export const RESULTS_VERSION = 5; // 4: new text views (issue #9: textPattern LSA instead of the random projection, TEXT_PATTERN_VERSION 2; Weibo textSemantic = jieba word TF-IDF LSA) and view probes in the dataset notes; VERITE's shipped CLIP image view is no longer masked image-missing by the CNN views (it has no image files); 3: by-event validation carve stratified by label; 2: NaN-safe norms (SAFE/MRML/BMR on image-missing data), trainer stops on a NaN loss

export function specHash(spec: RunSpec): string {
  return createHash('sha256')
    .update(`v${RESULTS_VERSION}:${canonical(spec)}`)
    .digest('hex')
    .slice(0, 16);
}
