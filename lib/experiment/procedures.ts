/**
 * Procedures: how a run turns its split into a RunResult. The default,
 * 'train', is the single-model trainer (lib/experiment/run-one.ts); papers
 * whose method is not "one model, one optimiser" (two-stage distillation,
 * stage-wise schedules, data selection before training) register a
 * procedure here, implemented in the library folder of its concept
 * (lib/train, lib/selection, …) — never in lib/papers, so the engine does
 * not depend on the papers.
 *
 * A RunSpec names one with `procedure: { name, options }`; the options are
 * part of the spec, hence of its hash.
 */
import type { Dataset } from '../data/dataset';
import type { RunSpec } from './spec';
import type { RunResult } from './result';

export interface ProcedureInput {
  spec: RunSpec;
  /** the whole dataset (its notes go into the result) */
  dataset: Dataset;
  parts: { train: Dataset; val: Dataset; test: Dataset };
  /** the spec's extraDatasets, loaded, by role ({} when it names none) */
  extra: Record<string, Dataset>;
}

export type Procedure = (input: ProcedureInput) => Promise<RunResult>;

/**
 * name → lazy import of the module that implements it, so a run loads only what it uses. Add a line
 * per procedure, e.g.  'two-stage': () => import('../train/two-stage').then((m) => m.twoStage),
 */
const PROCEDURES: Record<string, () => Promise<Procedure>> = {
  'synthetic-selection': () => import('../selection/procedure').then((m) => m.syntheticSelection),
  // HMS (arXiv 2604.09711): image-only → text-only → multimodal stages with budgets, head allocation, HMS/UKR
  stagewise: () => import('../train/stagewise').then((m) => m.stagewise),
  // CMC: mutual learning of a text and an image network (NCE distillation), then frozen towers + fusion head
  'two-stage': () => import('../train/two-stage-procedure').then((m) => m.twoStageProcedure),
};

export async function getProcedure(name: string): Promise<Procedure> {
  const load = PROCEDURES[name];
  if (!load) throw new Error(`unknown procedure '${name}' (known: train${Object.keys(PROCEDURES).map((k) => `, ${k}`).join('')})`);
  return load();
}

export const procedureNames = (): string[] => ['train', ...Object.keys(PROCEDURES)];
