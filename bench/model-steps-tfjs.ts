/**
 * tfjs side of the 'bmlhf' bench: training steps/s of the workbench's own
 * models (lib/experiment/models.ts, real configurations; HMS: the multimodal
 * transformer with its head-share penalty on) through the real
 * trainer (lib/train/trainer.ts: Adam, lr 1e-3, coupled weight decay 1e-3,
 * batch 64, MIB where the paper uses it), on synthetic views of Twitter
 * MediaEval's widths (text 768 + 100, image 1280 + 2048; lib/features).
 *
 * Timed: one train() epoch over `steps` batches of 64 plus a one-batch
 * validation pass, after a warm-up epoch of 4 batches; steps/s = steps / that
 * epoch's seconds. The configurations of one model (STEP_CONFIGS: the default
 * path, and any opt-in switch under test) run in one fresh process (runPool), interleaved A, B, A, B, …
 * for `REPS` rounds, and each reports its median: on a shared machine the
 * load drifts, and interleaving spreads the drift over every configuration.
 */
import { configureNative, initBackend } from '../lib/backend/index';
import { synthetic } from '../lib/data/synthetic';
import { subset } from '../lib/data/dataset';
import { makeModel } from '../lib/experiment/models';
import { mib } from '../lib/balance/mib';
import { train } from '../lib/train/trainer';
import type { Model } from '../lib/models/model';
import type { AllocatedHead, MMTransformer } from '../lib/models/mm-transformer';

/** Twitter MediaEval 2016's feature widths (docs/FEATURES.md) */
export const TWITTER_DIMS = { textPattern: 768, textSemantic: 100, imagePattern: 1280, imageSemantic: 2048 } as const;
export const BENCH_MODELS = ['BMLHF', 'SpotFake+', 'COOLANT', 'HMS'] as const;
export type BenchModel = (typeof BENCH_MODELS)[number];
/** which models the paper trains with MIB */
export const USES_MIB: Record<BenchModel, boolean> = { BMLHF: true, 'SpotFake+': false, COOLANT: false, HMS: false };
/** the registry name of a bench model (lib/experiment/models.ts) where it differs */
export const registryName = (model: BenchModel): string => (({ HMS: 'mm-transformer' }) as Partial<Record<BenchModel, string>>)[model] ?? model;
/**
 * HMS's costliest stage: the multimodal transformer with the head-share penalty on (lib/train/stagewise.ts
 * defaults: 2 heads per modality, bound 0.5, weight 1). Which heads does not change the cost; the PyTorch
 * twin (bench/hms_torch.py) allocates the same four. UKR's step scaling is not timed.
 */
export const HMS_BENCH_HEADS: AllocatedHead[] = [
  { layer: 0, head: 0, modality: 'text' },
  { layer: 1, head: 1, modality: 'text' },
  { layer: 0, head: 2, modality: 'image' },
  { layer: 1, head: 3, modality: 'image' },
];
const prepare = (model: BenchModel, m: Model) => {
  if (model === 'HMS') (m as MMTransformer).specialise({ heads: HMS_BENCH_HEADS, bound: 0.5, weight: 1 });
};

/**
 * tfjs configurations: the default path and the steps that led to it, each measured in the same process
 * (native GEMM and flat Adam switched by configureNative; where the native package did not load, those
 * rows run the wasm kernels and the backend note says so): `options` go to the model (for the `models`
 * listed), `apply()` sets a process-wide switch. For BMLHF 'gemm' already has the sigmoid tanh (the
 * default), so wasm-exact → gemm-exact → gemm → default is what each change bought.
 * docs/BENCH.md lists what was tried (a fused linear layer measured no gain and was removed).
 */
const native = (gemm: boolean, adam: boolean) => () => void configureNative({ gemm, adam });
const exact = { eq12Tanh: 'exact' }; // BMLHF's Eq. 12 tanh before the sigmoid form became the default
export const STEP_CONFIGS: Record<string, { label: string; apply?: () => void; options?: Record<string, unknown>; models?: BenchModel[] }> = {
  'wasm-exact': { label: 'wasm kernels, tf.tanh (before the native package)', apply: native(false, false), options: exact, models: ['BMLHF'] },
  wasm: { label: 'wasm kernels (before the native package)', apply: native(false, false), models: ['SpotFake+', 'COOLANT', 'HMS'] },
  'gemm-exact': { label: 'native GEMM, tf.tanh, tfjs Adam', apply: native(true, false), options: exact, models: ['BMLHF'] },
  gemm: { label: 'native GEMM, tfjs Adam', apply: native(true, false) },
  default: { label: 'default path: native GEMM + flat Adam', apply: native(true, true) },
};
/** the configurations that apply to a model */
export const configsFor = (model: BenchModel): StepConfig[] => Object.keys(STEP_CONFIGS).filter((c) => STEP_CONFIGS[c].models?.includes(model) ?? true);
export type StepConfig = string;

export interface ModelStepArgs {
  model: BenchModel;
  seconds: number;
  configs: StepConfig[];
}
export type ModelStepResult = { model: BenchModel; rows: { config: StepConfig; stepsPerSec: number; runs: number[]; steps: number }[]; params: number };

const REPS = 3;

const BATCH = 64;

export function twitterSized(samples: number, seed = 3) {
  const v = (modality: 'text' | 'image', dim: number, signal: number) => ({ modality, dim, signal, content: 0.8 });
  return synthetic({
    samples,
    seed,
    views: {
      textPattern: v('text', TWITTER_DIMS.textPattern, 0.6),
      textSemantic: v('text', TWITTER_DIMS.textSemantic, 0.6),
      imagePattern: v('image', TWITTER_DIMS.imagePattern, 0.4),
      imageSemantic: v('image', TWITTER_DIMS.imageSemantic, 0.4),
    },
  });
}

const range = (a: number, b: number) => Int32Array.from({ length: b - a }, (_, i) => a + i);

/** one epoch of `steps` batches; seconds of it */
function epoch(model: BenchModel, steps: number, seed: number, options: Record<string, unknown> = {}): { seconds: number; params: number } {
  const ds = twitterSized(BATCH * (steps + 1), seed);
  const parts = { train: subset(ds, range(0, BATCH * steps)), val: subset(ds, range(BATCH * steps, BATCH * (steps + 1))) };
  const m = makeModel(registryName(model), parts.train, options, 1);
  prepare(model, m);
  try {
    const r = train(m, parts, {
      epochs: 1,
      batchSize: BATCH,
      lr: 1e-3,
      weightDecay: 1e-3,
      seed: 1,
      progress: false,
      recordSteps: false,
      balancer: USES_MIB[model] ? mib() : undefined,
    });
    return { seconds: r.secondsPerEpoch, params: m.paramCount() };
  } finally {
    m.dispose();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** pool task: every config of one model, interleaved, REPS rounds */
export async function runModelSteps(args: ModelStepArgs): Promise<ModelStepResult> {
  await initBackend({ quiet: true });
  const runs = new Map<StepConfig, number[]>(args.configs.map((c) => [c, []]));
  let steps = 0,
    params = 0;
  for (const c of args.configs) {
    STEP_CONFIGS[c].apply?.();
    const warm = epoch(args.model, 4, 5, STEP_CONFIGS[c].options);
    steps = Math.max(steps, 4, Math.ceil((args.seconds * 4) / warm.seconds));
  }
  for (let rep = 0; rep < REPS; rep++) {
    for (const c of args.configs) {
      STEP_CONFIGS[c].apply?.();
      const r = epoch(args.model, steps, 6, STEP_CONFIGS[c].options);
      runs.get(c)!.push(steps / r.seconds);
      params = r.params;
    }
  }
  return {
    model: args.model,
    params,
    rows: args.configs.map((config) => ({ config, stepsPerSec: median(runs.get(config)!), runs: runs.get(config)!, steps })),
  };
}
