/**
 * The plug-in interface of the modality-balancing methods (OGM-GE, PMR, AGM,
 * MMCosine, gradient blending, MLA, diagnosing & re-learning, sample-level
 * valuation — and MIB, which needs only `modulate`).
 *
 * A BalancingMethod is a GradientBalancer (per-group gradient factors from
 * per-branch score sums) with optional hooks; the trainer calls each hook
 * that a method has, in this order, and never asks which method it is:
 *
 *   setup(ctx)                         once, before epoch 1 (snapshots, state tensors)
 *   per epoch:
 *     beginEpoch(epoch, ctx)           → rows of the epoch (resampling, a held-out part of
 *                                        the training split) and per-row dropped modalities
 *     per step (inside the step's tf.tidy and gradient tape):
 *       stepLoss(step ctx)             → extra loss terms, the weight of the model's own loss
 *       modulate(scores)               → gradient factor per group  (GradientBalancer)
 *       transformGradients(grads, ctx) → noise, projection, clipping (before weight decay)
 *     [validation + model selection]
 *     endEpoch(epoch, ctx)             → numbers for the epoch row (re-initialisation, estimates)
 *   dispose()                          when training ends (the method's state tensors)
 *
 * `wrap(model, seed)` is for methods that change the model itself (a cosine or
 * shared head, an inference-time fusion): the caller trains and evaluates
 * the wrapped model (`withMethod`), so validation and test see the same
 * forward pass as training. Every record key is present at every step /
 * epoch (an Arquero table needs one set of columns).
 */
import type { tf } from '../backend/index';
import type { Batch } from '../data/batch';
import type { Dataset, Modality } from '../data/dataset';
import type { Model, Output } from '../models/model';
import type { BalanceInput, BalanceOutput, GradientBalancer } from './balancer';

export interface MethodContext {
  /** the model being trained (the wrapped one, when the method wraps) */
  model: Model;
  /** training and validation splits; a method that holds out rows takes them from `train` only */
  data: { train: Dataset; val: Dataset };
  /** the trainer's seed (train.seed) */
  seed: number;
  epochs: number;
  batchSize: number;
}

export interface EpochPlan {
  /** training-row indices of this epoch, in order (default: the trainer's seeded permutation) */
  order?: Int32Array;
  /** per position of `order`: the modality whose views are zeroed for that row (null = none) */
  drop?: (Modality | null)[];
  /** numbers for the epoch row */
  record?: Record<string, number>;
}

export interface StepContext {
  model: Model;
  batch: Batch;
  out: Output;
  /** the split the batch's rows come from (for a method's extra forward passes on masked copies) */
  data: Dataset;
  epoch: number;
  step: number;
}

export interface StepLoss {
  /** extra loss terms added to the objective (recorded as loss_<name>) */
  losses?: Record<string, tf.Scalar>;
  /** factor of the model's own total loss in the objective (default 1; gradient blending's w_fused, MLA's 0) */
  modelWeight?: number;
  /** numbers for the step record */
  record?: Record<string, number>;
}

export interface GradientContext {
  /** the unmodified gradients (variable name → gradient) */
  raw: Record<string, tf.Tensor>;
  /** variable name → group (a key of model.groups()) */
  groupOf: Map<string, string>;
  /** the factors modulate() returned this step */
  scale: Record<string, number>;
  variables: tf.Variable[];
  epoch: number;
  step: number;
  /** numbers for the step record (a method may add to it) */
  record: Record<string, number>;
}

export interface BalancingMethod extends GradientBalancer {
  /**
   * where the trainer applies modulate()'s factors when the run does not say (TrainOptions.balanceMode):
   * 'gradient' (the methods written for SGD; the default) or 'update' (the optimiser's step: MIB under Adam)
   */
  readonly balanceMode?: 'gradient' | 'update';
  setup?(ctx: MethodContext): void;
  beginEpoch?(epoch: number, ctx: MethodContext): EpochPlan | void;
  stepLoss?(ctx: StepContext): StepLoss | void;
  /**
   * per-element factors F on the optimiser's step of named variables (variable name → tensor of its shape):
   * the trainer applies θ ← θ_old + F ⊙ (θ_new − θ_old) after the update (UKR in mode 'update'); the method owns them
   */
  readonly updateFactors?: ReadonlyMap<string, tf.Tensor>;
  /** gradients after modulate()'s factors (gradient mode), before weight decay; returns the ones to apply */
  transformGradients?(grads: Record<string, tf.Tensor>, ctx: GradientContext): Record<string, tf.Tensor>;
  endEpoch?(epoch: number, ctx: MethodContext): Record<string, number> | void;
  /** a model whose forward pass the method changes (seeded head init); it must report `balancingMethod === this` */
  wrap?(model: Model, seed: number): Model & { balancingMethod: BalancingMethod };
  dispose?(): void;
}

/** The model to train and evaluate with a method: its wrap of `model` (own head seeded by `seed`), or `model` itself. */
export function withMethod(model: Model, method?: BalancingMethod, seed = 0): Model {
  return method?.wrap ? method.wrap(model, seed) : model;
}

/** Throws unless `model` is what `withMethod(model, method)` returned. */
export function checkWrapped(model: Model, method?: BalancingMethod): void {
  if (method?.wrap && (model as Model & { balancingMethod?: BalancingMethod }).balancingMethod !== method) {
    throw new Error(`train(): balancer '${method.name}' changes the model's forward pass: train withMethod(model, balancer), not the bare model`);
  }
}

/** Reject unknown options and merge with defaults (every method's constructor). */
export function methodOptions<T extends object>(method: string, defaults: Required<T>, options: Partial<T>): Required<T> {
  for (const k of Object.keys(options ?? {}))
    if (!(k in defaults)) throw new Error(`${method}: unknown option '${k}' (known: ${Object.keys(defaults).join(', ')})`);
  return { ...defaults, ...options } as Required<T>;
}

/** The modality of a model group: the group's own name ('text' / 'image' branches) or its view's modality (per-view branches). */
export function groupModality(group: string, ds: Dataset): Modality {
  if (group === 'text' || group === 'image') return group;
  const v = ds.views[group] ?? ds.sequences?.[group];
  if (!v) throw new Error(`balancing: group '${group}' is neither a modality nor a view of '${ds.name}' (views: ${Object.keys(ds.views).join(', ')})`);
  return v.modality;
}

/**
 * The common part of the published methods: name, options merged with the authors' defaults (unknown
 * option → error naming it), the config echo (Infinity as null), and no gradient factors unless a
 * subclass overrides modulate().
 */
export abstract class MethodBase<O extends object> implements BalancingMethod {
  readonly config: Record<string, unknown>;
  readonly o: Required<O>;

  constructor(
    readonly name: string,
    defaults: Required<O>,
    options: Partial<O>,
  ) {
    this.o = methodOptions(name, defaults, options);
    this.config = {
      balancer: name,
      ...Object.fromEntries(Object.entries(this.o).map(([k, v]) => [k, typeof v === 'number' && !Number.isFinite(v) ? null : v])),
    };
  }

  modulate(_input: BalanceInput): BalanceOutput {
    return { scale: {} };
  }
}
