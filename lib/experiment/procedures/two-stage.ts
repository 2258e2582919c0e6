/**
 * The 'two-stage' procedure (lib/experiment/procedures/index.ts): a RunSpec →
 * twoStage() → RunResult. The spec's procedure options are TwoStageOptions
 * plus the two networks ({ text: { name, options }, image: { name, options } },
 * registry models; default text-only / image-only); spec.train gives the
 * stage-1 epochs, batch size, shuffling seed and selection metric.
 *
 * RunResult: `test` = the fused model (stage 2, or the shared model); without
 * stage 2, the text network. `extra.networks` = test metrics of the
 * validation-selected single-modal networks (CMC-T / CMC-V, or Finetune-T /
 * -V); `extra.stage1` / `extra.stage2` = per-epoch histories; with
 * outputs.testCurve, `extra.testCurve` = per-epoch TEST accuracy of each
 * network (reporting only: selection reads validation).
 */
import { evaluate, predict } from '../../eval/predict';
import { metrics, type Metrics } from '../../eval/metrics';
import { makeModel } from '../models';
import { specHash } from '../spec';
import { tsneOutput } from '../tsne-output';
import type { ProcedureInput } from './types';
import type { RunResult, TsneResult } from '../result';
import type { Model } from '../../models/model';
import { twoStage, type TwoStageOptions } from '../../train/two-stage';

type NetSpec = { name: string; options?: Record<string, unknown> };

export async function twoStageProcedure({ spec, dataset, parts }: ProcedureInput): Promise<RunResult> {
  const {
    text: textSpec = { name: 'text-only' },
    image: imageSpec = { name: 'image-only' },
    ...rest
  } = (spec.procedure?.options ?? {}) as { text?: NetSpec; image?: NetSpec } & TwoStageOptions;
  if (spec.balancer) throw new Error(`two-stage: a balancer ('${spec.balancer.name}') is not supported`);
  const text = makeModel(textSpec.name, parts.train, textSpec.options, spec.seed);
  const image = makeModel(imageSpec.name, parts.train, imageSpec.options, spec.seed);
  const testCurve: Record<string, number>[] = [];
  const onStage1Epoch = spec.outputs?.testCurve
    ? (row: Record<string, number>, nets: { text: Model; image: Model }) => {
        testCurve.push({ epoch: row.epoch, text_acc: acc(nets.text, parts), image_acc: acc(nets.image, parts) });
      }
    : undefined;
  const t0 = performance.now();
  const r = twoStage({ text, image }, parts, {
    ...rest,
    epochs: spec.train.epochs ?? rest.epochs,
    batchSize: spec.train.batchSize ?? rest.batchSize,
    seed: spec.train.seed ?? spec.seed,
    ...(spec.train.select && spec.train.select !== 'loss' ? { select: spec.train.select } : {}),
    ...(onStage1Epoch ? { onStage1Epoch } : {}),
  });
  const trainSeconds = (performance.now() - t0) / 1000;
  try {
    const headline: Model = r.fused ?? text;
    const t1 = performance.now();
    const p = predict(headline, parts.test, { embeddings: Boolean(spec.outputs?.embeddings) });
    const testSeconds = (performance.now() - t1) / 1000;
    const networks: Record<string, Metrics> =
      r.options.variant === 'shared'
        ? {}
        : { text: metrics(predict(text, parts.test).pred, parts.test.labels), image: metrics(predict(image, parts.test).pred, parts.test.labels) };
    const { textOptimizer, imageOptimizer, ...echo } = r.options;
    const result: RunResult = {
      hash: specHash(spec),
      model: headline === text ? text.name : headline.name,
      paramCount: text.paramCount() + image.paramCount() + (r.fused ? r.fused.headVariables().reduce((s, v) => s + v.size, 0) : 0),
      config: {
        procedure: 'two-stage',
        ...echo,
        textOptimizer,
        imageOptimizer,
        k: r.k,
        networks: { text: textSpec, image: imageSpec },
        ...(r.fused ? { fusionModel: r.fused.config } : {}),
      },
      bestEpoch: r.stage2?.bestEpoch ?? r.stage1.bestEpoch.fused ?? r.stage1.bestEpoch.text,
      epochsRun: r.stage1.epochsRun + (r.stage2?.epochsRun ?? 0),
      test: metrics(p.pred, parts.test.labels),
      history: r.stage1.history,
      // s/epoch over stage-1 epochs (what spec.train.epochs counts), so plan estimates scale with the spec
      timing: { secondsPerEpoch: trainSeconds / Math.max(1, r.stage1.epochsRun), testSeconds },
      notes: [...(dataset.notes ?? [])],
      extra: {
        variant: r.options.variant,
        k: r.k,
        networks,
        stage1BestEpoch: r.stage1.bestEpoch,
        ...(r.stage2
          ? {
              stage2: {
                bestEpoch: r.stage2.bestEpoch,
                epochsRun: r.stage2.epochsRun,
                history: (r.stage2.history.objects() as Record<string, number>[]).map(({ seconds: _, ...x }) => x),
              },
              towersUnchanged: r.towersUnchanged,
            }
          : {}),
        ...(spec.outputs?.testCurve ? { testCurve } : {}),
      },
    };
    if (spec.outputs?.missing && r.fused) {
      result.missing = {
        'text-only': evaluate(r.fused, parts.test, { missing: 'text-only' }),
        'image-only': evaluate(r.fused, parts.test, { missing: 'image-only' }),
      };
    }
    if (spec.outputs?.tsne) {
      const tsne: Record<string, TsneResult> = {};
      if (r.options.variant !== 'shared') {
        tsne.text = await tsneOutput(text, parts.test, spec.seed);
        tsne.image = await tsneOutput(image, parts.test, spec.seed);
      }
      result.extra!.tsne = tsne;
    }
    if (p.embedding)
      result.embedding = { dim: p.embeddingDim!, data: Array.from(p.embedding, (x) => Math.round(x * 1e6) / 1e6), labels: Array.from(parts.test.labels) };
    return result;
  } finally {
    r.fused?.dispose();
    text.dispose();
    image.dispose();
  }
}

const acc = (m: Model, parts: ProcedureInput['parts']) => metrics(predict(m, parts.test).pred, parts.test.labels).acc;
