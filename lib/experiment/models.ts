/**
 * Model registry: the names a RunSpec may use. Each factory gets the
 * dataset (for view dims, event count) and the run's seed.
 */
import type { Dataset } from '../data/dataset';
import type { Model } from '../models/model';
import { LateFusion } from '../models/late-fusion';
import { PairMLP } from '../models/pair-mlp';
import { bmlhf, type Ablation } from '../models/bmlhf/index';
import { BASELINE_NAMES, makeBaseline } from '../models/baselines/index';
import { Coolant, type CoolantOptions } from '../models/coolant/index';
import { MMTransformer } from '../models/mm-transformer';
import { MoMKE } from '../models/momke';
import { checkInit, DEFAULT_INIT, withInit, type InitScheme } from '../nn/init';

export type ModelFactory = (ds: Dataset, options: Record<string, unknown>, seed: number) => Model;

const TEXT = ['textPattern', 'textSemantic'];
const IMAGE = ['imagePattern', 'imageSemantic'];

export const dimsOf = (ds: Dataset): Record<string, number> => Object.fromEntries(Object.entries(ds.views).map(([k, v]) => [k, v!.dim]));

/** The views of a modality that this dataset actually has. */
const have = (ds: Dataset, names: string[]) => {
  const got = names.filter((n) => ds.views[n]);
  if (!got.length) throw new Error(`dataset '${ds.name}' has none of the views ${names.join(', ')}`);
  return got;
};

const lateFusion =
  (branches: (ds: Dataset) => Record<string, string[]>, name: string): ModelFactory =>
  (ds, options, seed) =>
    new LateFusion({ branches: branches(ds), dims: dimsOf(ds), seed, name, ...options });

export const MODELS: Record<string, ModelFactory> = {
  'text-only': lateFusion((ds) => ({ text: have(ds, TEXT) }), 'text-only'),
  'image-only': lateFusion((ds) => ({ image: have(ds, IMAGE) }), 'image-only'),
  'SpotFake+': lateFusion((ds) => ({ text: have(ds, TEXT), image: have(ds, IMAGE) }), 'SpotFake+ (concat)'),
  // options: BMLHFOptions ({ ablation: 'I' | 'T' | 'D' | 'H' | 'tra' | 'ter', dk, interReading, ... });
  // '-I' (no MIB) is a balancer choice: the run spec leaves out the 'mib' balancer
  BMLHF: (ds, options, seed) => bmlhf(dimsOf(ds), { seed, ...options, ablation: (options.ablation as Ablation | undefined) ?? null }),
  // options: PairMLPOptions ({ hidden, classes, imageView, textView }); the synthetic-selection procedure builds its own
  'pair-MLP': (ds, options, seed) => new PairMLP({ dims: dimsOf(ds), seed, ...options }),
  // options: CoolantOptions ({ ablation: 'noSoft' | 'noContrastive' | 'noGuidance' | 'noFusion' | 'noAttention', temperature, ... })
  COOLANT: (ds, options, seed) => new Coolant(dimsOf(ds), { seed, ...(options as CoolantOptions) }),
  // HMS (lib/models/mm-transformer.ts): options { dim, layers, heads, ffn, tokensPerView, modalityDropout }
  'mm-transformer': (ds, options, seed) =>
    new MMTransformer({ dims: Object.fromEntries([...have(ds, TEXT), ...have(ds, IMAGE)].map((v) => [v, ds.views[v]!.dim])), seed, ...options }),
  'MoMKE-style': (ds, options, seed) =>
    new MoMKE({ dims: Object.fromEntries([...have(ds, TEXT), ...have(ds, IMAGE)].map((v) => [v, ds.views[v]!.dim])), seed, ...options }),
  ...Object.fromEntries(
    BASELINE_NAMES.map((name): [string, ModelFactory] => [
      name,
      (ds, options, seed) => makeBaseline(name, dimsOf(ds), { seed, events: ds.eventNames?.length ?? 0, overrides: options }),
    ]),
  ),
};

/**
 * The model `name` built for `ds`. Every model takes the option `init` ('torch' | 'glorot', lib/nn/init.ts;
 * default 'torch', PyTorch's nn.Linear default, as the authors' code of every model here is PyTorch or has
 * no public code): the scheme of every layer built, recorded in the model's config (RunResult.config.init).
 */
export function makeModel(name: string, ds: Dataset, options: Record<string, unknown> = {}, seed = 0): Model {
  const f = MODELS[name];
  if (!f) throw new Error(`unknown model '${name}' (known: ${Object.keys(MODELS).join(', ')})`);
  const { init = DEFAULT_INIT, ...rest } = options;
  checkInit(init, `model '${name}': option 'init'`);
  const model = withInit(init, () => f(ds, rest, seed));
  return recordInit(model, init);
}

/** `model` with `init` added to its config (a model without a config gets one). */
function recordInit(model: Model, init: InitScheme): Model {
  const config = { ...(model.config ?? {}), init };
  Object.defineProperty(model, 'config', { value: config, configurable: true, enumerable: true, writable: true });
  return model;
}
