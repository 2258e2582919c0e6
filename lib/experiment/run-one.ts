/**
 * Execute one RunSpec: dataset → split → procedure (default: one model,
 * trained with validation selection) → test metrics (+ missing-modality
 * metrics, embeddings). This is the unit the worker pool runs in parallel
 * and the results cache stores.
 */
import { initBackend, numericPath } from '../backend/index';
import { evaluate, predict } from '../eval/predict';
import { metrics } from '../eval/metrics';
import { missingRateCurve } from '../eval/missing-rate';
import { train } from '../train/trainer';
import { loadDataset, split } from './datasets';
import { makeModel } from './models';
import { makeMethod as makeBalancer } from '../balance/index';
import { withMethod } from '../balance/method';
import { getProcedure, type ProcedureInput } from './procedures/index';
import { specHash, type RunSpec } from './spec';
import type { RunResult } from './result';
import { tsneOutput } from './tsne-output';
import { probeExtras } from '../eval/probe';
import { modalityReport } from '../eval/modality-report';

/** What a run needs from the machine it runs on, besides its spec: where the real datasets are. */
export interface RunContext {
  /** the data directory (absent: the loaders' default, lib/data/datadir.ts) */
  dataDir?: string;
}

/** The worker pools' task (one structured-clone argument): runOne(spec, { dataDir }). */
export function runTask(task: { spec: RunSpec } & RunContext): Promise<RunResult> {
  return runOne(task.spec, { dataDir: task.dataDir });
}

export async function runOne(spec: RunSpec, ctx: RunContext = {}): Promise<RunResult> {
  await initBackend({ quiet: true });
  const loaded = await loadDataset(spec.dataset, ctx);
  const { notes: splitNotes, ...parts } = split(loaded, spec.split);
  // the split's notes (k-fold shares, standardisation) travel with the dataset's into the result
  const dataset = splitNotes.length ? { ...loaded, notes: [...(loaded.notes ?? []), ...splitNotes] } : loaded;
  const extra: ProcedureInput['extra'] = {};
  for (const [role, d] of Object.entries(spec.extraDatasets ?? {})) extra[role] = await loadDataset(d, ctx);
  const input: ProcedureInput = { spec, dataset, parts, extra };
  const procedure = spec.procedure ? await getProcedure(spec.procedure.name) : trainOnce;
  // the path that computed it: part of the record and of the cache key (numeric-path.ts)
  return { ...(await procedure(input)), trainRows: parts.train.labels.length, numericPath: await numericPath() };
}

/** The default procedure: train(model) once, select on validation, evaluate the selected weights on test. */
async function trainOnce({ spec, dataset: ds, parts }: ProcedureInput): Promise<RunResult> {
  const balancer = spec.balancer ? makeBalancer(spec.balancer.name, spec.balancer.options) : undefined;
  // a method that changes the forward pass (a cosine / shared head, inference-time fusion) wraps the model
  const model = withMethod(makeModel(spec.model.name, parts.train, spec.model.options, spec.seed), balancer, spec.seed);
  try {
    // test metrics per epoch for reporting only (outputs.testCurve); predict() runs in inference mode and
    // draws no random numbers, so training (and the validation-selected weights) are the same with or without it
    const testCurve: NonNullable<RunResult['testCurve']> = [];
    const onEpochEnd = spec.outputs?.testCurve
      ? (row: Record<string, number>) => {
          const m = metrics(predict(model, parts.test).pred, parts.test.labels);
          testCurve.push({ epoch: row.epoch, test_acc: m.acc, test_macroF1: m.macroF1 });
        }
      : undefined;
    const r = train(model, parts, {
      ...spec.train,
      balancer,
      progress: false,
      recordSteps: Boolean(spec.outputs?.steps),
      ...(onEpochEnd ? { onEpochEnd } : {}),
    });
    const t0 = performance.now();
    const p = predict(model, parts.test, { embeddings: Boolean(spec.outputs?.embeddings) });
    const testSeconds = (performance.now() - t0) / 1000;
    const result: RunResult = {
      hash: specHash(spec),
      model: model.name,
      paramCount: model.paramCount(),
      ...(model.config ? { config: model.config } : {}),
      bestEpoch: r.bestEpoch,
      epochsRun: r.epochsRun,
      test: metrics(p.pred, parts.test.labels),
      history: (r.history.objects() as Record<string, number>[]).map(({ seconds: _, ...rest }) => rest),
      timing: { secondsPerEpoch: r.secondsPerEpoch, testSeconds },
      notes: [...(ds.notes ?? [])],
    };
    if (spec.outputs?.testCurve) result.testCurve = testCurve;
    if (spec.outputs?.steps) result.steps = r.steps.objects() as Record<string, number>[];
    if (spec.outputs?.missing) {
      result.missing = {
        'text-only': evaluate(model, parts.test, { missing: 'text-only' }),
        'image-only': evaluate(model, parts.test, { missing: 'image-only' }),
      };
    }
    if (spec.outputs?.probe) result.probe = probeExtras(model, parts.test, spec.outputs.probe, spec.seed);
    if (spec.outputs?.missingRate) result.missingCurve = missingRateCurve(model, parts.test, spec.outputs.missingRate);
    if (spec.outputs?.modality) result.modality = modalityReport(model, parts.test);
    if (spec.outputs?.tsne) result.tsne = await tsneOutput(model, parts.test, spec.seed);
    if (p.embedding) result.embedding = { dim: p.embeddingDim!, data: Array.from(p.embedding, round6), labels: Array.from(parts.test.labels) };
    return result;
  } finally {
    model.dispose();
  }
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
