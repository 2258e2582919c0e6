import type { Metrics } from '../eval/metrics';
import type { ProbeResult } from '../eval/probe';
import type { ModalityReport } from '../eval/modality-report';

/** Everything a run produces, JSON-serialisable. Timing fields are kept apart because they are not reproducible. */
export interface RunResult {
  hash: string;
  /** the numeric path that computed it (lib/backend numericPath(): 'wasm', 'wasm+openblas', …); part of its cache key */
  numericPath?: string;
  model: string;
  paramCount: number;
  /** the model's configuration echo (e.g. BMLHF's interReading, supconForm): the choices behind the numbers */
  config?: Record<string, unknown>;
  bestEpoch: number;
  epochsRun: number;
  /** test-split metrics of the weights selected on validation */
  test: Metrics;
  /** test metrics under text-only / image-only input (when requested) */
  missing?: Record<string, Metrics>;
  /** one record per epoch (train losses/scores, validation accuracies) */
  history: Record<string, number>[];
  /**
   * test-split accuracy / macro-F1 after each epoch, when `outputs.testCurve` is set. REPORTING ONLY
   * (performance-vs-epochs figures): kept out of `history` so no selection code can read it.
   */
  testCurve?: { epoch: number; test_acc: number; test_macroF1: number }[];
  /** test metrics while a share `rate` of test posts loses a modality (when `outputs.missingRate`) */
  missingCurve?: { rate: number; acc: number; macroF1: number }[];
  /** per-modality test diagnostics (unimodal heads, zero-masked inputs, Shapley contributions), when `outputs.modality` */
  modality?: ModalityReport;
  /** one record per step (scores, balancer numbers), when requested */
  steps?: Record<string, number>[];
  /** test-set embeddings and raw inputs for t-SNE, when requested */
  embedding?: { dim: number; data: number[]; labels: number[] };
  /** t-SNE maps of a stratified test subsample: raw concatenated inputs vs the learned embedding (when `outputs.tsne`) */
  tsne?: TsneResult;
  /** per-post values of named `extra` outputs on a stratified test subsample (when `outputs.probe`) */
  probe?: ProbeResult;
  timing: { secondsPerEpoch: number; testSeconds: number };
  /** training rows the run saw (after split and trainLimit): scales measured s/epoch into plan estimates */
  trainRows?: number;
  /** what a non-default procedure measured beyond the fields above (per-stage curves, head shares, …), JSON-serialisable */
  extra?: Record<string, unknown>;
  notes: string[];
}

export interface TsneMap {
  /** [x, y] per point, rounded to 3 decimals */
  xy: [number, number][];
  /** k-NN (k = 5) label agreement in the original space, and in the 2-D map */
  knnSpace: number;
  knnMap: number;
  dim: number;
}

export interface TsneResult {
  labels: number[];
  raw: TsneMap;
  learned: TsneMap;
}
