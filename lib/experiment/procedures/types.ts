/**
 * What a procedure receives and returns (lib/experiment/procedures/index.ts registers them by name).
 */
import type { Dataset } from '../../data/dataset';
import type { RunSpec } from '../spec';
import type { RunResult } from '../result';

export interface ProcedureInput {
  spec: RunSpec;
  /** the whole dataset (its notes go into the result) */
  dataset: Dataset;
  parts: { train: Dataset; val: Dataset; test: Dataset };
  /** the spec's extraDatasets, loaded, by role ({} when it names none) */
  extra: Record<string, Dataset>;
}

export type Procedure = (input: ProcedureInput) => Promise<RunResult>;
