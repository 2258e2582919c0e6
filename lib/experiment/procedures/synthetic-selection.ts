/**
 * The 'synthetic-selection' procedure: one run of the paper's pipeline
 * (Zeng et al. 2024) with a CLIP-feature detector in place of the MLLM.
 *
 *   real target ──targetSplit──► pool part │ val (unlabelled) │ few-shot (labelled) │ test
 *   truthful pairs (target pool part, another source, or both) ──generators──► synthetic set
 *   synthetic set ──SemSim / DisSim / random / all / none (guided by val embeddings only)──► selected
 *   selected (+ few-shot when addReal) ──group carve──► detector train / detector validation
 *   PairMLP ──train, select epoch on detector validation──► test metrics, once
 *
 * Model selection reads the detector validation set only (synthetic side, plus
 * real few-shot rows when they train); the selection's real validation set is
 * unlabelled (its labels are never read) and disjoint from the test items; no
 * test item, image or caption enters a pool, the synthetic set or the training
 * set (asserted before training). Spec: dataset = the real target, split
 * { kind: 'none' } (this procedure partitions it), model 'pair-MLP',
 * extraDatasets.pool = the other source when `pool` uses one.
 */
import type { Dataset } from '../../data/dataset';
import type { ProcedureInput } from './types';
import type { RunResult } from '../result';
import { canonical, specHash } from '../spec';
import { metrics, multiclassMetrics } from '../../eval/metrics';
import { predict } from '../../eval/predict';
import { PairMLP } from '../../models/pair-mlp';
import { train } from '../../train/trainer';
import { generateSynthetic } from '../../selection/generators/index';
import { permutation, rng } from '../../util/random';
import { GapMeter, type Gap } from '../../selection/gap';
import { assertNoTestLeak } from '../../selection/leak';
import { concatPairs, mixedEmbedding, pairsFromDataset, pairsToDataset, size, subsetPairs, type PairSet } from '../../selection/pairs';
import { SELECTION_METHODS, selectSynthetic, type SelectionMethod } from '../../selection/select';
import { label3Of, targetSplit, type TargetSplitOptions } from '../../selection/target-split';
import { carveByImage, composition, round6 } from '../../selection/sets';

export interface SyntheticSelectionOptions {
  method: SelectionMethod;
  /** rows to keep (semsim, dissim, random) */
  N?: number;
  task?: 'binary' | '3-way';
  /** where the truthful pairs come from: the target's pool part, the other source, or both */
  pool?: 'target' | 'other' | 'target+other';
  /** train on the labelled real few-shot part too (real-only = method 'none' + addReal) */
  addReal?: boolean;
  /** shares of the target partition; its seed defaults to the run's seed */
  split?: TargetSplitOptions;
  /** synthetic datasets: the events that form the target; the other events are the 'other' source */
  targetEvents?: number[];
  /** share of out-of-context items made by the hard (nearest-image) swap */
  hardShare?: number;
  /** Sinkhorn ε of DisSim */
  epsilon?: number;
  /** share of the training rows (whole images) held out to select the detector's epoch */
  detectorVal?: number;
  /** rows per side in the distribution-gap numbers (subsampled, seeded) */
  gapCap?: number;
  /** keep at most this many truthful pool pairs (seeded subsample; quick profiles on a large pool) */
  poolLimit?: number;
}

export const SELECTION_DEFAULTS: Required<Omit<SyntheticSelectionOptions, 'method' | 'N' | 'split' | 'targetEvents' | 'poolLimit'>> = {
  task: 'binary',
  pool: 'target',
  addReal: false,
  hardShare: 0.5,
  epsilon: 0.05,
  detectorVal: 0.15,
  gapCap: 300,
};

const KNOWN = new Set(['method', 'N', 'split', 'targetEvents', 'poolLimit', ...Object.keys(SELECTION_DEFAULTS)]);

function options(
  raw: Record<string, unknown> | undefined,
): Required<Omit<SyntheticSelectionOptions, 'N' | 'split' | 'targetEvents' | 'poolLimit'>> & SyntheticSelectionOptions {
  const given = raw ?? {};
  for (const k of Object.keys(given)) if (!KNOWN.has(k)) throw new Error(`synthetic-selection: unknown option '${k}' (known: ${[...KNOWN].join(', ')})`);
  const o = { ...SELECTION_DEFAULTS, ...given } as Required<Omit<SyntheticSelectionOptions, 'N' | 'split' | 'targetEvents' | 'poolLimit'>> &
    SyntheticSelectionOptions;
  if (!(SELECTION_METHODS as readonly string[]).includes(o.method))
    throw new Error(`synthetic-selection: option 'method' must be one of ${SELECTION_METHODS.join(', ')}, got '${o.method}'`);
  if (o.task !== 'binary' && o.task !== '3-way') throw new Error(`synthetic-selection: option 'task' must be 'binary' or '3-way', got '${o.task}'`);
  if (!['target', 'other', 'target+other'].includes(o.pool))
    throw new Error(`synthetic-selection: option 'pool' must be target | other | target+other, got '${o.pool}'`);
  if (o.method === 'none' && !o.addReal) throw new Error("synthetic-selection: method 'none' trains on nothing unless addReal is true");
  return o;
}

/** The truthful pairs of the pool, by source. */
function buildPool(input: ProcedureInput, o: ReturnType<typeof options>, poolRows: number[], label3: Int32Array, targetRows: Set<number>): PairSet {
  const ds = input.dataset;
  const parts: PairSet[] = [];
  if (o.pool !== 'other')
    parts.push(
      pairsFromDataset(
        ds,
        poolRows.filter((i) => label3[i] === 0),
        label3,
        'target',
      ),
    );
  if (o.pool !== 'target') {
    const other = input.extra.pool;
    if (other) {
      const l3 = label3Of(other).label3;
      parts.push(
        pairsFromDataset(
          other,
          Array.from(l3.keys()).filter((i) => l3[i] === 0),
          l3,
          `other:${other.name}`,
        ),
      );
    } else if (o.targetEvents) {
      parts.push(
        pairsFromDataset(
          ds,
          Array.from(label3.keys()).filter((i) => !targetRows.has(i) && label3[i] === 0),
          label3,
          'other',
        ),
      );
    } else throw new Error(`synthetic-selection: pool '${o.pool}' needs extraDatasets.pool or targetEvents`);
  }
  const pool = concatPairs(parts);
  if (o.poolLimit === undefined || size(pool) <= o.poolLimit) return pool;
  if (!(Number.isInteger(o.poolLimit) && o.poolLimit >= 2))
    throw new Error(`synthetic-selection: option 'poolLimit' must be an integer ≥ 2, got ${o.poolLimit}`);
  return subsetPairs(
    pool,
    Array.from(permutation(size(pool), rng(input.spec.seed + 7717)).slice(0, o.poolLimit)).sort((a, b) => a - b),
  );
}

const GAP_MEMO = new Map<string, { meter: GapMeter; before: Gap }>();

export interface Prepared {
  o: ReturnType<typeof options>;
  parts: ReturnType<typeof targetSplit>;
  pool: PairSet;
  syn: PairSet;
  /** the selection's real validation set (labels zeroed: never read) */
  val: PairSet;
  selection: ReturnType<typeof selectSynthetic>;
  selected: PairSet;
  fewShot: PairSet;
  trainPairs: PairSet;
  test: PairSet;
}

/** Everything before training: partition, pool, generation, selection, training set — each checked against the test set. */
export function prepareSelection(input: ProcedureInput): Prepared {
  const { spec, dataset: ds } = input;
  const o = options(spec.procedure?.options);
  const { label3, source: labelSource } = label3Of(ds);
  if (o.task === '3-way' && labelSource !== 'meta.label3')
    throw new Error(`synthetic-selection: task '3-way' needs meta.label3 (true / miscaptioned / out-of-context); dataset '${ds.name}' has binary labels only`);
  let targetList = Array.from(ds.labels.keys());
  if (o.targetEvents) {
    if (!ds.events) throw new Error(`synthetic-selection: option 'targetEvents' needs event ids; dataset '${ds.name}' has none`);
    const want = new Set(o.targetEvents);
    targetList = targetList.filter((i) => want.has(ds.events![i]));
  }
  const parts = targetSplit(ds, targetList, { ...o.split, seed: o.split?.seed ?? spec.seed });
  const test = pairsFromDataset(ds, parts.test, label3, 'target');
  const pool = buildPool(input, o, parts.pool, label3, new Set(targetList));
  assertNoTestLeak(pool, test, 'pool');
  // the selection's real validation set: embeddings only — its labels are replaced by zeros, unread
  const val = pairsFromDataset(ds, parts.val, new Int32Array(ds.labels.length), 'target');
  assertNoTestLeak(val, test, 'selection validation set');
  const syn = generateSynthetic(pool, { hardShare: o.hardShare, seed: spec.seed });
  assertNoTestLeak(syn, test, 'synthetic set');
  const selection = selectSynthetic(o.method, syn, mixedEmbedding(val), { N: o.N, seed: spec.seed, epsilon: o.epsilon });
  const selected = subsetPairs(syn, selection.rows);
  const fewShot = pairsFromDataset(ds, parts.fewShot, label3, 'target');
  const trainPairs = o.addReal ? concatPairs([selected, fewShot]) : selected;
  if (size(trainPairs) < 4) throw new Error(`synthetic-selection: only ${size(trainPairs)} training rows`);
  assertNoTestLeak(trainPairs, test, 'training set');
  return { o, parts, pool, syn, val, selection, selected, fewShot, trainPairs, test };
}

export async function syntheticSelection(input: ProcedureInput): Promise<RunResult> {
  const { spec, dataset: ds } = input;
  if (spec.model.name !== 'pair-MLP') throw new Error(`synthetic-selection: model must be 'pair-MLP', got '${spec.model.name}'`);
  const { o, parts, pool, syn, val, selection: sel, selected, fewShot, trainPairs, test } = prepareSelection(input);
  const { train: fit, val: dval } = carveByImage(trainPairs, o.detectorVal, spec.seed);
  const K = o.task === '3-way' ? 3 : 2;
  const model = new PairMLP({ dims: { imageSemantic: trainPairs.d, textSemantic: trainPairs.d }, classes: K, seed: spec.seed, ...(spec.model.options ?? {}) });
  try {
    const trainDs: Dataset = pairsToDataset(fit, o.task, `${ds.name}/detector-train`);
    const valDs: Dataset = pairsToDataset(dval, o.task, `${ds.name}/detector-val`);
    const r = train(model, { train: trainDs, val: valDs }, { ...spec.train, progress: false, recordSteps: false });
    const t0 = performance.now();
    const p = predict(model, pairsToDataset(test, o.task, `${ds.name}/test`));
    const testSeconds = (performance.now() - t0) / 1000;
    const fake = Int32Array.from(test.label3, (l) => (l > 0 ? 1 : 0));
    const collapsed = K === 2 ? p.pred : Int32Array.from(p.pred, (c) => (c > 0 ? 1 : 0));
    // the test meter and the before-selection gap depend only on the data side of the spec: computed once
    // per worker process for all methods and N of one (target, pool, seed)
    const dataKey = canonical({
      d: spec.dataset,
      x: spec.extraDatasets,
      pool: o.pool,
      split: o.split,
      ev: o.targetEvents,
      hard: o.hardShare,
      cap: o.gapCap,
      seed: spec.seed,
    });
    let memo = GAP_MEMO.get(dataKey);
    if (!memo) {
      const meter = new GapMeter(mixedEmbedding(test), test.d, o.gapCap, spec.seed);
      memo = { meter, before: meter.measure(mixedEmbedding(syn)) };
      GAP_MEMO.set(dataKey, memo);
    }
    const meter = memo.meter;
    const gap = { before: memo.before, after: o.method === 'all' && !o.addReal ? memo.before : meter.measure(mixedEmbedding(trainPairs)) };
    const onTarget = (s: PairSet) => (size(s) ? s.origin.filter((x) => x === 'target').length / size(s) : 0);
    return {
      hash: specHash(spec),
      model: model.name,
      paramCount: model.paramCount(),
      config: { ...model.config, selection: o.method, N: o.N ?? null, task: o.task, pool: o.pool, addReal: o.addReal },
      bestEpoch: r.bestEpoch,
      epochsRun: r.epochsRun,
      test: metrics(collapsed, fake),
      history: (r.history.objects() as Record<string, number>[]).map(({ seconds: _, ...rest }) => rest),
      timing: { secondsPerEpoch: r.secondsPerEpoch, testSeconds },
      extra: {
        ...(K === 3 ? { test3: multiclassMetrics(p.pred, test.label3, 3) } : {}),
        sizes: {
          pool: size(pool),
          synthetic: size(syn),
          selected: size(selected),
          fewShot: size(fewShot),
          train: size(fit),
          detectorVal: size(dval),
          selectionVal: size(val),
          test: size(test),
          components: parts.components,
        },
        selected: composition(selected),
        synthetic: composition(syn),
        onTargetShare: { pool: round6(onTarget(pool)), synthetic: round6(onTarget(syn)), selected: round6(onTarget(selected)) },
        gap: {
          before: { ot: round6(gap.before.ot), mmd2: round6(gap.before.mmd2) },
          after: { ot: round6(gap.after.ot), mmd2: round6(gap.after.mmd2) },
          sigma: round6(meter.sigma),
        },
        ...(sel.ot ? { dissimOT: { ...sel.ot, cost: round6(sel.ot.cost) } } : {}),
        leakCheck: 'no test item, image or caption in the pool, synthetic set, selection validation set or training set',
      },
      notes: [...(ds.notes ?? []), ...(input.extra.pool?.notes ?? []).map((n) => `pool source: ${n}`)],
    };
  } finally {
    model.dispose();
  }
}
