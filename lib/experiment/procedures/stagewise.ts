/**
 * Stage-wise training with unimodal supervision budgets (HMS, arXiv
 * 2604.09711): an image-only stage and a text-only stage on a small
 * stratified budget of the training set (0.25 %, 1 %, 5 %), then a
 * multimodal stage on all of it — with, optionally,
 *   HMS: after each unimodal stage the k heads most critical for that
 *        modality are allocated to it (ranked on validation data by
 *        attention share, gate-gradient importance, or drawn at random for
 *        the ablation), and every later stage adds the hinge penalty
 *        max(0, b − share) on them (lib/losses/hms.ts, in the model's loss);
 *   UKR: every later stage shrinks the allocated heads' Q/K/V/O step by λ
 *        (lib/balance/ukr.ts, a balancing plug-in composed with the run's balancer).
 * `mixed: true` is the "no stage-wise training" ablation: one stage over the
 * same supervision (all posts + the budget's image-only and text-only copies).
 * With stages ['multimodal'] and no HMS/UKR this is plain training of any
 * registered model, so baselines share the procedure and its outputs.
 *
 * Train-time (`trainMissing`, the multimodal stage's data) and test-time
 * (`testMissing`, the missing-rate curve) patterns are separate options.
 * Registered as procedure 'stagewise' in lib/experiment/procedures/index.ts.
 */
import { concatDatasets } from '../../data/concat';
import { subset, type Dataset } from '../../data/dataset';
import { budgetSample } from '../../data/budget';
import { withMissing, type MissingPattern } from '../../data/missing';
import { ukr, type UkrOptions } from '../../balance/ukr';
import { isHeadInspectable, type AllocatedHead, type HeadInspectable } from '../../models/mm-transformer';
import { evaluate, predict } from '../../eval/predict';
import { metrics } from '../../eval/metrics';
import { gateImportance, gateOffDrops, headShares, randomHeads, topHeads, type HeadRef } from '../../eval/heads';
import { missingRateCurve, type MissingRateOptions } from '../../eval/missing-rate';
import { makeModel } from '../models';
import { makeMethod as makeBalancer } from '../../balance/index';
import { composeMethods } from '../../balance/compose';
import { specHash } from '../spec';
import type { ProcedureInput } from './types';
import type { RunResult } from '../result';
import { deriveSeed } from '../../util/random';
import { train } from '../../train/trainer';

export type Stage = 'image' | 'text' | 'multimodal';

export interface HmsProcedureOptions {
  /** heads allocated per modality */
  heads?: number;
  bound?: number;
  weight?: number;
  /** how critical heads are ranked: attention share (the paper's ranking), gate-gradient importance, or random */
  select?: 'share' | 'importance' | 'random';
  /** false: allocate heads (for UKR) but add no penalty — the "w/o HMS" ablation */
  penalty?: boolean;
}

export interface StagewiseOptions {
  stages?: Stage[];
  /** fraction of the training set with unimodal supervision in each unimodal stage */
  budget?: number;
  /** epochs of each unimodal stage (default: the spec's epochs) */
  unimodalEpochs?: number;
  hms?: HmsProcedureOptions | null;
  ukr?: UkrOptions | null;
  mixed?: boolean;
  trainMissing?: MissingPattern | null;
  testMissing?: MissingRateOptions;
  /** head analysis of the final model on validation (HeadInspectable models only) */
  analysis?: boolean;
}

export const STAGEWISE_DEFAULTS: Required<StagewiseOptions> = {
  stages: ['image', 'text', 'multimodal'],
  budget: 0.05,
  unimodalEpochs: 0,
  hms: null,
  ukr: null,
  mixed: false,
  trainMissing: null,
  testMissing: {},
  analysis: true,
};
export const HMS_PROCEDURE_DEFAULTS: Required<HmsProcedureOptions> = { heads: 2, bound: 0.5, weight: 1, select: 'share', penalty: true };

const DROP: Record<'image' | 'text', 'text' | 'image'> = { image: 'text', text: 'image' };
const only = (ds: Dataset, m: 'image' | 'text') => withMissing(ds, { rate: 1, which: DROP[m] });

export async function stagewise({ spec, dataset, parts }: ProcedureInput): Promise<RunResult> {
  const given = (spec.procedure?.options ?? {}) as StagewiseOptions;
  for (const k of Object.keys(given))
    if (!(k in STAGEWISE_DEFAULTS)) throw new Error(`stagewise: unknown option '${k}' (known: ${Object.keys(STAGEWISE_DEFAULTS).join(', ')})`);
  const o = { ...STAGEWISE_DEFAULTS, ...given };
  const hmsO = o.hms ? { ...HMS_PROCEDURE_DEFAULTS, ...o.hms } : null;
  for (const s of o.stages) if (!['image', 'text', 'multimodal'].includes(s)) throw new Error(`stagewise: option 'stages' has unknown stage '${s}'`);
  if (o.mixed && (hmsO || o.ukr)) throw new Error("stagewise: option 'mixed' (no stage-wise training) cannot allocate heads: leave 'hms' and 'ukr' null");
  const model = makeModel(spec.model.name, parts.train, spec.model.options, spec.seed);
  const inspectable = isHeadInspectable(model) ? (model as HeadInspectable) : null;
  if ((hmsO || o.ukr) && !inspectable) throw new Error(`stagewise: HMS/UKR need a model with gated heads; '${spec.model.name}' has none`);
  const budgetIdx = budgetSample(parts.train, o.budget, deriveSeed(spec.seed, 'budget'));
  const budget = subset(parts.train, budgetIdx);
  const trainFull = o.trainMissing ? withMissing(parts.train, o.trainMissing) : parts.train;
  const epochsUni = o.unimodalEpochs || spec.train.epochs || 30;
  const allocated: AllocatedHead[] = [];
  const allocationScores: Record<string, number[][]> = {};
  const stages: Record<string, unknown>[] = [];
  const history: Record<string, number>[] = [];
  let seconds = 0,
    epochs = 0,
    bestEpoch = -1;
  const scalings: { dispose(): void }[] = [];

  const plan: { stage: string; train: Dataset; val: Dataset; epochs: number }[] = o.mixed
    ? [{ stage: 'mixed', train: concatDatasets([trainFull, only(budget, 'image'), only(budget, 'text')]), val: parts.val, epochs: spec.train.epochs ?? 30 }]
    : o.stages.map((s) =>
        s === 'multimodal'
          ? { stage: s, train: trainFull, val: parts.val, epochs: spec.train.epochs ?? 30 }
          : { stage: s, train: only(budget, s), val: only(parts.val, s), epochs: epochsUni },
      );

  try {
    plan.forEach((p, si) => {
      if (inspectable && hmsO && hmsO.penalty && allocated.length) inspectable.specialise({ heads: allocated, bound: hmsO.bound, weight: hmsO.weight });
      const scaling =
        inspectable && o.ukr && allocated.length
          ? ukr(
              allocated.flatMap((h) => inspectable.transformer.headSlices(h.layer, h.head)),
              o.ukr,
            )
          : undefined;
      if (scaling) scalings.push(scaling);
      const balancer = p.stage === 'multimodal' && spec.balancer ? makeBalancer(spec.balancer.name, spec.balancer.options) : undefined;
      // UKR first: its gradient-mode factor applies before the balancer's gradient transform
      const plugins = [...(scaling ? [scaling] : []), ...(balancer ? [balancer] : [])];
      const r = train(
        model,
        { train: p.train, val: p.val },
        {
          ...spec.train,
          epochs: p.epochs,
          seed: deriveSeed(spec.train.seed ?? spec.seed, `stage${si}`),
          progress: false,
          recordSteps: false,
          ...(plugins.length ? { balancer: composeMethods(plugins) } : {}),
        },
      );
      for (const row of r.history.objects() as Record<string, number>[]) {
        const { seconds: _, ...rest } = row;
        history.push({ stage: si, ...rest });
      }
      seconds += r.secondsPerEpoch * r.epochsRun;
      epochs += r.epochsRun;
      bestEpoch = r.bestEpoch;
      stages.push({
        stage: p.stage,
        rows: p.train.labels.length,
        bestEpoch: r.bestEpoch,
        epochsRun: r.epochsRun,
        val: r.bestValue,
        heads: allocated.map((h) => `${h.modality}:${h.layer}.${h.head}`),
      });
      // allocate this stage's modality's critical heads (HMS/UKR act from the next stage on)
      if (inspectable && (hmsO || o.ukr) && (p.stage === 'image' || p.stage === 'text')) {
        const m: 'image' | 'text' = p.stage;
        const k = hmsO?.heads ?? HMS_PROCEDURE_DEFAULTS.heads;
        const select = hmsO?.select ?? 'share';
        const exclude: HeadRef[] = allocated;
        let picked: HeadRef[];
        if (select === 'random')
          picked = randomHeads(inspectable.transformer.layers, inspectable.transformer.heads, k, deriveSeed(spec.seed, `random-${m}`), exclude);
        else {
          const score = select === 'share' ? headShares(inspectable, parts.val)[m] : gateImportance(inspectable, only(parts.val, m), 'none');
          allocationScores[m] = score;
          picked = topHeads(score, k, exclude);
        }
        allocated.push(...picked.map((h) => ({ ...h, modality: m })));
      }
    });
    inspectable?.specialise(null);

    const t0 = performance.now();
    const p = predict(model, parts.test);
    const testSeconds = (performance.now() - t0) / 1000;
    const extra: Record<string, unknown> = {
      stages,
      budgetRows: budgetIdx.length,
      allocated,
      allocationScores,
      missingCurve: missingRateCurve(model, parts.test, { seed: deriveSeed(spec.seed, 'test-missing'), ...o.testMissing }),
    };
    if (inspectable && o.analysis) {
      const shares = headShares(inspectable, parts.val);
      const drops = gateOffDrops(inspectable, parts.val);
      extra.heads = {
        shares: { text: shares.text, image: shares.image },
        drops: drops.drop,
        base: drops.base,
        importance: { 'image-only': gateImportance(inspectable, parts.val, 'image-only'), 'text-only': gateImportance(inspectable, parts.val, 'text-only') },
      };
    }
    return {
      hash: specHash(spec),
      model: model.name,
      paramCount: model.paramCount(),
      ...(model.config ? { config: model.config } : {}),
      bestEpoch,
      epochsRun: epochs,
      test: metrics(p.pred, parts.test.labels),
      missing: { 'text-only': evaluate(model, parts.test, { missing: 'text-only' }), 'image-only': evaluate(model, parts.test, { missing: 'image-only' }) },
      history,
      timing: { secondsPerEpoch: seconds / Math.max(1, epochs), testSeconds },
      notes: [...(dataset.notes ?? [])],
      extra: roundDeep(extra) as Record<string, unknown>,
    };
  } finally {
    scalings.forEach((s) => s.dispose());
    model.dispose();
  }
}

/** 6 decimals everywhere: the cached JSON stays small and byte-stable. */
function roundDeep(x: unknown): unknown {
  if (typeof x === 'number') return Number.isFinite(x) ? Math.round(x * 1e6) / 1e6 : x;
  if (Array.isArray(x)) return x.map(roundDeep);
  if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, roundDeep(v)]));
  return x;
}
