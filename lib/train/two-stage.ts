/**
 * Two-stage training of two single-modal networks (CMC, Wei et al.):
 *
 *   stage 1  mutual learning: the text and image networks train in one loop
 *            on the same minibatches, each with its own optimiser and its own
 *            objective CE + α·L_distill / CE + β·L_distill (Eq. 7–8), the
 *            distillation being cross-view NCE with memory banks (Eq. 3–6);
 *            α = β = 0 is plain independent fine-tuning (Finetune-T/-V);
 *   stage 2  both networks frozen; a fusion head (BLOCK, Eq. 9, or a linear
 *            layer on the concatenation) is trained on their features with
 *            the ordinary trainer, which only ever sees the head's variables.
 *
 * 'shared' (CMC-shared) is the one-stage alternative: towers and fusion head
 * trained together through the fused cross-entropy (optionally + weighted
 * L_distill), each tower with its own optimiser.
 *
 * Defaults are the authors' code (Doraemonzm/CMC): Adam 2e-5 for the text
 * network, SGD 3e-4 / momentum 0.9 / wd 5e-4 for the image network, 30 + 60
 * epochs, batch 16, k 1,500, τ 0.07, bank momentum 0.5; stage-2 fusion is
 * BLOCK (the paper) rather than the code's linear-concat (option).
 */
import { tf } from '../backend/index';
import type { Dataset } from '../data/dataset';
import { makeBatch } from '../data/batch';
import type { Model } from '../models/model';
import { TwoTowerFusion, type FusionKind } from '../models/two-tower-fusion';
import type { BlockOptions } from '../nn/block-fusion';
import { CrossViewNCE, NCE_DEFAULTS, scaledK, type CrossViewNCEOptions } from '../losses/nce-distill';
import { joint, MUTUAL_DEFAULTS } from '../losses/mutual';
import { crossEntropy } from '../models/model';
import { deriveSeed } from '../util/random';
import { mutualTrain, type MutualGroup, type MutualTrainResult, type Selector, type StepLoss } from './mutual';
import type { OptimizerSpec } from './optimizers';
import { train, type TrainResult } from './trainer';
import { definedOnly } from '../util/options';

export type TwoStageVariant = 'cmc' | 'finetune' | 'shared';

export interface TwoStageOptions {
  /** 'cmc': distillation + frozen fusion; 'finetune': CE only in stage 1; 'shared': one stage through the fusion head */
  variant?: TwoStageVariant;
  /** stage-1 (or the shared stage's) epochs; batch size; shuffling seed */
  epochs?: number;
  batchSize?: number;
  seed?: number;
  select?: 'acc' | 'macroF1';
  textOptimizer?: OptimizerSpec;
  imageOptimizer?: OptimizerSpec;
  /** Eq. 7–8 weights */
  alpha?: number;
  beta?: number;
  nce?: Partial<Omit<CrossViewNCEOptions, 'size' | 'inDims'>>;
  /** 'scaled': k · N / 7,532 (the training-set size k was set for), capped at k; 'fixed': k as given */
  kRule?: 'scaled' | 'fixed';
  fusion?: FusionKind;
  block?: BlockOptions;
  /** stage 2 (and the shared variant's head): Adam */
  fusionEpochs?: number;
  fusionLr?: number;
  fusionWeightDecay?: number;
  /** run stage 2 after stage 1 ('cmc', 'finetune') */
  stage2?: boolean;
  /** weight of L_distill in the shared variant (0: fused CE only) */
  sharedDistill?: number;
  /** called after every stage-1 epoch with the row and the two networks (reporting only: test curves) */
  onStage1Epoch?: (row: Record<string, number>, nets: { text: Model; image: Model }) => void;
  /** called after every stage-2 epoch (the trainer's onEpochEnd) */
  onStage2Epoch?: (row: Record<string, number>) => void;
}

export type ResolvedTwoStageOptions = Required<Omit<TwoStageOptions, 'onStage1Epoch' | 'onStage2Epoch'>>;

export const TWO_STAGE_DEFAULTS: ResolvedTwoStageOptions = {
  variant: 'cmc',
  epochs: 30,
  batchSize: 16,
  seed: 0,
  select: 'acc',
  textOptimizer: { kind: 'adam', lr: 2e-5 },
  imageOptimizer: { kind: 'sgd', lr: 3e-4, momentum: 0.9, weightDecay: 5e-4 },
  alpha: MUTUAL_DEFAULTS.alpha,
  beta: MUTUAL_DEFAULTS.beta,
  nce: {},
  kRule: 'scaled',
  fusion: 'block',
  block: {},
  fusionEpochs: 60,
  fusionLr: 2e-5,
  fusionWeightDecay: 0,
  stage2: true,
  sharedDistill: 0,
};

export interface TwoStageResult {
  /** the fusion model (towers + head); absent when stage 2 did not run */
  fused?: TwoTowerFusion;
  stage1: MutualTrainResult;
  stage2?: TrainResult;
  /** the k actually used (after kRule), or 0 when no distillation ran */
  k: number;
  /** true when stage 2 left every tower variable bit-identical (checked, not assumed) */
  towersUnchanged?: boolean;
  /** the options it ran with (defaults filled in; echo them into results) */
  options: ResolvedTwoStageOptions;
}

function checkOptions(o: Record<string, unknown>): void {
  const known = new Set([...Object.keys(TWO_STAGE_DEFAULTS), 'onStage1Epoch', 'onStage2Epoch']);
  for (const k of Object.keys(o)) if (!known.has(k)) throw new Error(`twoStage: unknown option '${k}' (known: ${[...known].join(', ')})`);
  if (!['cmc', 'finetune', 'shared'].includes(o.variant as string))
    throw new Error(`twoStage: option 'variant' must be cmc | finetune | shared, got '${o.variant}'`);
  if (o.kRule !== 'scaled' && o.kRule !== 'fixed') throw new Error(`twoStage: option 'kRule' must be 'scaled' or 'fixed', got '${o.kRule}'`);
}

/** A digest of variable values (exact bytes), to assert that frozen weights did not move. */
export function weightsDigest(vars: tf.Variable[]): string {
  let h = 0x811c9dc5;
  for (const v of vars) {
    const bytes = new Uint8Array((v.dataSync() as Float32Array).buffer.slice(0));
    for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193) >>> 0;
  }
  return h.toString(16);
}

/**
 * Train `towers` (each a Model with a classifier head and an `embedding`) on `data` — stage 1, then
 * stage 2 — and return the fusion model. The towers are trained in place; the caller disposes them and
 * the returned fusion model.
 */
export function twoStage(towers: { text: Model; image: Model }, data: { train: Dataset; val: Dataset }, options: TwoStageOptions = {}): TwoStageResult {
  const { onStage1Epoch, onStage2Epoch, ...rest } = options;
  const o: ResolvedTwoStageOptions = { ...TWO_STAGE_DEFAULTS, ...definedOnly(rest) }; // an undefined option keeps its default
  checkOptions(o);
  const { text, image } = towers;
  const dims = embedDims(towers, data.train);
  const alpha = o.variant === 'finetune' ? 0 : o.alpha,
    beta = o.variant === 'finetune' ? 0 : o.beta;
  const distillWeight = o.variant === 'shared' ? o.sharedDistill : Math.max(alpha, beta);
  const N = data.train.labels.length;
  const ncOpts = { ...NCE_DEFAULTS, ...o.nce };
  const k = distillWeight > 0 ? (o.kRule === 'scaled' ? scaledK(ncOpts.k, N) : ncOpts.k) : 0;
  const nce = k > 0 ? new CrossViewNCE({ ...ncOpts, k, size: N, inDims: dims, seed: deriveSeed(o.seed, 'nce') }) : undefined;
  const labels = data.train.labels;
  const nceVars = nce ? { text: nce.embedA.variables(), image: nce.embedB.variables() } : { text: [], image: [] };
  const afterStep = nce ? (idx: Int32Array, aux: Record<string, Float32Array>) => nce.update(idx, aux.za, aux.zb) : undefined;

  let fused: TwoTowerFusion | undefined;
  try {
    if (o.variant === 'shared') {
      fused = new TwoTowerFusion(towers, dims, { fusion: o.fusion, block: o.block, trainTowers: true, seed: deriveSeed(o.seed, 'fusion') });
      const f = fused;
      const groups: MutualGroup[] = [
        { name: 'text', vars: [...text.variables(), ...nceVars.text], optimizer: o.textOptimizer },
        { name: 'image', vars: [...image.variables(), ...nceVars.image], optimizer: o.imageOptimizer },
        { name: 'fusion', vars: f.headVariables(), optimizer: { kind: 'adam', lr: o.fusionLr, weightDecay: o.fusionWeightDecay } },
      ];
      const selectors: Selector[] = [{ name: 'fused', model: f, vars: groups.flatMap((g) => g.vars) }];
      const loss = (batch: Parameters<Model['forward']>[0], idx: Int32Array): StepLoss => {
        const out = f.forward(batch, true);
        const ce = crossEntropy(out.logits, batch.labels);
        if (!nce) return { total: ce, terms: { ce } };
        const t = text.forward(batch, true),
          v = image.forward(batch, true);
        const d = nce.loss(t.embedding!, v.embedding!, idx, labels);
        return { total: tf.add(ce, tf.mul(d.distill, o.sharedDistill)) as tf.Scalar, terms: { ce, distill: d.distill }, aux: { za: d.za, zb: d.zb } };
      };
      const stage1 = mutualTrain(groups, selectors, data, loss, { epochs: o.epochs, batchSize: o.batchSize, seed: o.seed, select: o.select, afterStep });
      return { fused, stage1, k, options: o };
    }

    // ---- stage 1: mutual learning (Eq. 7–8) ----
    const groups: MutualGroup[] = [
      { name: 'text', vars: [...text.variables(), ...nceVars.text], optimizer: o.textOptimizer },
      { name: 'image', vars: [...image.variables(), ...nceVars.image], optimizer: o.imageOptimizer },
    ];
    const selectors: Selector[] = [
      { name: 'text', model: text, vars: groups[0].vars },
      { name: 'image', model: image, vars: groups[1].vars },
    ];
    const loss = (batch: Parameters<Model['forward']>[0], idx: Int32Array): StepLoss => {
      const t = text.forward(batch, true),
        v = image.forward(batch, true);
      const ceT = crossEntropy(t.logits, batch.labels),
        ceV = crossEntropy(v.logits, batch.labels);
      if (!nce) return { total: tf.add(ceT, ceV) as tf.Scalar, terms: { ce_text: ceT, ce_image: ceV } };
      const d = nce.loss(t.embedding!, v.embedding!, idx, labels); // a = text, b = image
      const total = joint({ ceT, ceV, vToT: d.bToA, tToV: d.aToB }, { alpha, beta });
      return { total, terms: { ce_text: ceT, ce_image: ceV, nce_v_to_t: d.bToA, nce_t_to_v: d.aToB, distill: d.distill }, aux: { za: d.za, zb: d.zb } };
    };
    const stage1 = mutualTrain(groups, selectors, data, loss, {
      epochs: o.epochs,
      batchSize: o.batchSize,
      seed: o.seed,
      select: o.select,
      afterStep,
      onEpochEnd: onStage1Epoch ? (row) => onStage1Epoch(row, towers) : undefined,
    });
    if (!o.stage2) return { stage1, k, options: o };

    // ---- stage 2: frozen towers, fusion head only (Eq. 9) ----
    const towerVars = [...text.variables(), ...image.variables()];
    const before = weightsDigest(towerVars);
    fused = new TwoTowerFusion(towers, dims, { fusion: o.fusion, block: o.block, trainTowers: false, seed: deriveSeed(o.seed, 'fusion') });
    const stage2 = train(fused, data, {
      epochs: o.fusionEpochs,
      batchSize: o.batchSize,
      lr: o.fusionLr,
      weightDecay: o.fusionWeightDecay,
      seed: deriveSeed(o.seed, 'stage2'),
      select: o.select,
      progress: false,
      recordSteps: false,
      ...(onStage2Epoch ? { onEpochEnd: (row) => void onStage2Epoch(row) } : {}),
    });
    return { fused, stage1, stage2, k, towersUnchanged: weightsDigest(towerVars) === before, options: o };
  } catch (e) {
    fused?.dispose();
    throw e;
  } finally {
    nce?.dispose();
  }
}

/** the width of each tower's `embedding`, probed on one training row */
function embedDims(towers: { text: Model; image: Model }, ds: Dataset): [number, number] {
  return tf.tidy(() => {
    const b = makeBatch(ds, [0]);
    const t = towers.text.forward(b, false).embedding,
      v = towers.image.forward(b, false).embedding;
    if (!t || !v) throw new Error('twoStage: both networks must return an embedding');
    return [t.shape[1], v.shape[1]] as [number, number];
  });
}
