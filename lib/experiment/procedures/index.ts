/**
 * Procedures: how a run turns its split into a RunResult. The default,
 * 'train', is the single-model trainer (lib/experiment/run-one.ts); papers
 * whose method is not "one model, one optimiser" (two-stage distillation,
 * stage-wise schedules, data selection before training) register a
 * procedure here, one file each in this folder. A procedure is run-level
 * code (spec → models → mechanism → RunResult); the mechanisms it drives
 * (lib/train/trainer.ts, lib/train/two-stage.ts, lib/selection/*)
 * stay in the library folder of their concept and import nothing from
 * lib/experiment. Never in lib/papers, so the engine does not depend on the
 * papers.
 *
 * A RunSpec names one with `procedure: { name, options }`; the options are
 * part of the spec, hence of its hash.
 */
import type { Procedure } from './types';

export type { Procedure, ProcedureInput } from './types';

/**
 * name → lazy import of the module that implements it, so a run loads only what it uses. Add a line
 * per procedure, e.g.  'two-stage': () => import('./two-stage').then((m) => m.twoStageProcedure),
 */
const PROCEDURES: Record<string, () => Promise<Procedure>> = {
  'synthetic-selection': () => import('./synthetic-selection').then((m) => m.syntheticSelection),
  // HMS (arXiv 2604.09711): image-only → text-only → multimodal stages with budgets, head allocation, HMS/UKR
  stagewise: () => import('./stagewise').then((m) => m.stagewise),
  // CMC: mutual learning of a text and an image network (NCE distillation), then frozen towers + fusion head
  'two-stage': () => import('./two-stage').then((m) => m.twoStageProcedure),
};

export async function getProcedure(name: string): Promise<Procedure> {
  const load = PROCEDURES[name];
  if (!load)
    throw new Error(
      `unknown procedure '${name}' (known: train${Object.keys(PROCEDURES)
        .map((k) => `, ${k}`)
        .join('')})`,
    );
  return load();
}

export const procedureNames = (): string[] => ['train', ...Object.keys(PROCEDURES)];
