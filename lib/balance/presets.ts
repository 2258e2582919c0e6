/**
 * Training presets of the balancing methods: the optimiser, learning rate, weight decay, batch size
 * and schedule each method's authors train with, as trainer options (TrainOptions: lr, weightDecay,
 * batchSize, optimizer, schedule). A method's coefficient is designed for its optimiser: OGM-GE's
 * k scales an SGD step; under Adam the same k on the gradient is divided out again (see
 * test/balance/displacement.test.ts). Two presets per method:
 *   'authors' — the method's own settings (below, with the file they were read from);
 *   'uniform' — the host's Adam (lr 1e-3, weight decay 1e-3, batch 64: BMLHF Sec. 4.2, the workbench's
 *               late-fusion settings), the same for every method.
 * The learning rates are the authors' for their ResNet-18 backbones trained from scratch over
 * 50–150 epochs; on our small MLP heads over stand-in features they are what the authors ran, not tuned.
 *
 * Read from (public repositories, PyTorch):
 *   OGM-GE  GeWu-Lab/OGM-GE_CVPR2022 main.py: SGD lr 1e-3 momentum 0.9 wd 1e-4, StepLR(70, 0.1), batch 64
 *   PMR     fanyunfeng-bit/Modal-Imbalance-PMR main_Prototype_grad.py: SGD lr 1e-4 momentum 0.9 wd 1e-4,
 *           StepLR(70, 0.1), batch 64
 *   MMCosine GeWu-Lab/MMCosine_ICASSP23 main_CD.py: SGD lr 1e-3 momentum 0.9 wd 1e-4, StepLR(100, 0.1), batch 32
 *   D&R     GeWu-Lab/Diagnosing_Relearning_ECCV2024 code/ours.py: SGD lr 2e-3 momentum 0.9 wd 1e-4, batch 64,
 *           no scheduler stepped
 *   sample-level valuation GeWu-Lab/Valuate-and-Enhance-Multimodal-Cooperation code/sample_level.py:
 *           Adam lr 5e-5 wd 1e-4 (coupled), StepLR(30, 0.1) (ours: no schedule, tfjs's Adam has no
 *           lr setter — stated in the preset's note), batch 64
 *   OPM     GeWu-Lab/BML_TPAMI2024 code/config.py + main.py: AdamW lr 5e-5 weight decay 0.01, StepLR(40, 0.1),
 *           batch 32, 100 epochs (ours: Adam lr 5e-5, no decay, no schedule — AdamW's decoupled decay shrinks θ by
 *           lr·0.01 = 5e-7 per step, while our coupled decay at 0.01 would act ~10⁴× as strongly; no Adam schedule)
 *   CML     authors' code not read; GeWu-Lab/BalanceBenchmark configs/global_config.yaml (the benchmark runs CML
 *           with it): AdamW base lr 1e-3 weight decay 0.01, StepLR(10, 0.1), batch 32 (ours: Adam lr 1e-3, no decay,
 *           no schedule, for the same reasons as OPM)
 *   MBSD    GeWu-Lab/BalanceBenchmark configs/global_config.yaml (no other code read): as CML
 *   InfoReg GeWu-Lab/InfoReg_CVPR2025 main.py: SGD lr 2e-3 momentum 0.9 wd 1e-4, StepLR(30, 0.1), batch 64, 50 epochs
 *   CGGM    zrguo/CGGM run/food_run.py + src/foodtrain.py (image-text): AdamW lr 1e-3 weight decay 6e-3, batch 128,
 *           ReduceLROnPlateau(patience 10, 0.1) (ours: Adam lr 1e-3, batch 128, no decay, no schedule)
 *   MMPareto GeWu-Lab/MMPareto_ICML2024 code/MMPareto.py: SGD lr 2e-3 momentum 0.9 wd 1e-4, StepLR(30, 0.1), batch 64
 *   LFM     njustkmg/NeurIPS24-LFM Crema_epoch.py + data/crema.json: SGD lr 1e-2 momentum 0.9 wd 1e-4, StepLR(70, 0.1)
 *           (its lr_scheduler.patience as the step), batch 64, 200 epochs
 *   AMCo    GeWu-Lab/BalanceBenchmark configs/global_config.yaml (no other code read): as CML
 *   ReconBoost GeWu-Lab/BalanceBenchmark configs/global_config.yaml (no other code read): as CML
 *   OLM     anonymous-gitlab/OLM main_trans_logits.py: Adam lr 1e-4, weight decay 2e-4 (torch Adam: coupled, as ours), batch 64
 *   UMT     GeWu-Lab/BalanceBenchmark configs/global_config.yaml (no other code read): as CML
 *   MIB     BMLHF Sec. 4.2 (no public code): Adam lr 1e-3, wd 1e-3, batch 64; k on the step (mode 'update')
 * Not read (no code in what we could reach): AGM (ICCV 2023, GeWu-Lab family; its code builds on
 * OGM-GE's training script), MLA, gradient blending (Caffe2). AGM takes OGM-GE's settings (say so);
 * MLA and gradient blending take the uniform preset.
 */

/** structurally TrainOptions.optimizer / .schedule (lib/train/train-optimizer.ts; not imported: lib/balance sits below lib/train) */
export type PresetOptimizer = { kind: 'adam' } | { kind: 'sgd'; momentum?: number };
export type PresetSchedule = { kind: 'step'; every: number; gamma: number };

export type PresetName = 'authors' | 'uniform';
export const PRESET_NAMES: readonly PresetName[] = ['authors', 'uniform'];

export interface TrainPreset {
  lr: number;
  weightDecay: number;
  batchSize: number;
  optimizer?: PresetOptimizer;
  schedule?: PresetSchedule;
}

export interface MethodPreset {
  train: TrainPreset;
  /** where the settings come from */
  source: string;
}

/** The host's Adam: every method under the same optimiser (what the comparison ran before presets). */
export const UNIFORM_PRESET: MethodPreset = {
  train: { lr: 1e-3, weightDecay: 1e-3, batchSize: 64 },
  source: 'the host optimiser: Adam lr 1e-3, weight decay 1e-3, batch 64 (BMLHF Sec. 4.2)',
};

const SGD = (momentum: number): PresetOptimizer => ({ kind: 'sgd', momentum });
const STEP = (every: number, gamma = 0.1): PresetSchedule => ({ kind: 'step', every, gamma });

/** the authors' preset of each registered method (lib/balance/index.ts names) */
export const AUTHORS_PRESETS: Record<string, MethodPreset> = {
  mib: {
    train: { lr: 1e-3, weightDecay: 1e-3, batchSize: 64 },
    source: 'BMLHF Sec. 4.2: Adam lr 1e-3, weight decay 1e-3, batch 64 (no public code); k scales the step (MIB mode update)',
  },
  'ogm-ge': {
    train: { lr: 1e-3, weightDecay: 1e-4, batchSize: 64, optimizer: SGD(0.9), schedule: STEP(70) },
    source: 'GeWu-Lab/OGM-GE_CVPR2022 main.py: SGD lr 1e-3, momentum 0.9, weight decay 1e-4, StepLR(70, 0.1), batch 64',
  },
  pmr: {
    train: { lr: 1e-4, weightDecay: 1e-4, batchSize: 64, optimizer: SGD(0.9), schedule: STEP(70) },
    source: 'fanyunfeng-bit/Modal-Imbalance-PMR main_Prototype_grad.py: SGD lr 1e-4, momentum 0.9, weight decay 1e-4, StepLR(70, 0.1), batch 64',
  },
  agm: {
    train: { lr: 1e-3, weightDecay: 1e-4, batchSize: 64, optimizer: SGD(0.9), schedule: STEP(70) },
    source:
      "AGM's code not read: OGM-GE's settings (the GeWu-Lab training script AGM builds on): SGD lr 1e-3, momentum 0.9, weight decay 1e-4, StepLR(70, 0.1), batch 64",
  },
  mmcosine: {
    train: { lr: 1e-3, weightDecay: 1e-4, batchSize: 32, optimizer: SGD(0.9), schedule: STEP(100) },
    source: 'GeWu-Lab/MMCosine_ICASSP23 main_CD.py: SGD lr 1e-3, momentum 0.9, weight decay 1e-4, StepLR(100, 0.1), batch 32',
  },
  'sample-valuation': {
    train: { lr: 5e-5, weightDecay: 1e-4, batchSize: 64 },
    source:
      'GeWu-Lab/Valuate-and-Enhance-Multimodal-Cooperation code/sample_level.py: Adam lr 5e-5, weight decay 1e-4, batch 64 (its StepLR(30, 0.1) not applied: no Adam schedule here)',
  },
  'diagnose-relearn': {
    train: { lr: 2e-3, weightDecay: 1e-4, batchSize: 64, optimizer: SGD(0.9) },
    source: 'GeWu-Lab/Diagnosing_Relearning_ECCV2024 code/ours.py: SGD lr 2e-3, momentum 0.9, weight decay 1e-4, batch 64, no schedule stepped',
  },
  'gradient-blending': { train: UNIFORM_PRESET.train, source: 'code not reachable (Caffe2): the uniform preset' },
  mla: { train: UNIFORM_PRESET.train, source: 'code not read: the uniform preset' },
  opm: {
    train: { lr: 5e-5, weightDecay: 0, batchSize: 32 },
    source:
      "GeWu-Lab/BML_TPAMI2024 code/config.py, main.py: AdamW lr 5e-5, weight decay 0.01 (decoupled), StepLR(40, 0.1), batch 32; here Adam lr 5e-5, batch 32, no decay (AdamW's is 5e-7·θ per step) and no schedule (none for Adam here)",
  },
  cml: {
    train: { lr: 1e-3, weightDecay: 0, batchSize: 32 },
    source:
      "CML's own code not read; GeWu-Lab/BalanceBenchmark configs/global_config.yaml, with which the benchmark runs CML: AdamW base lr 1e-3, weight decay 0.01 (decoupled), StepLR(10, 0.1), batch 32; here Adam lr 1e-3, batch 32, no decay, no schedule",
  },
  mbsd: {
    train: { lr: 1e-3, weightDecay: 0, batchSize: 32 },
    source:
      'GeWu-Lab/BalanceBenchmark configs/global_config.yaml (the only code read for MBSD): AdamW base lr 1e-3, weight decay 0.01 (decoupled), StepLR(10, 0.1), batch 32; here Adam lr 1e-3, batch 32, no decay, no schedule',
  },
  inforeg: {
    train: { lr: 2e-3, weightDecay: 1e-4, batchSize: 64, optimizer: SGD(0.9), schedule: STEP(30) },
    source: 'GeWu-Lab/InfoReg_CVPR2025 main.py: SGD lr 2e-3, momentum 0.9, weight decay 1e-4, StepLR(30, 0.1), batch 64',
  },
  cggm: {
    train: { lr: 1e-3, weightDecay: 0, batchSize: 128 },
    source:
      'zrguo/CGGM run/food_run.py, src/foodtrain.py (the image-text task): AdamW lr 1e-3, weight decay 6e-3 (decoupled), ReduceLROnPlateau(patience 10, factor 0.1), batch 128; here Adam lr 1e-3, batch 128, no decay, no schedule',
  },
  mmpareto: {
    train: { lr: 2e-3, weightDecay: 1e-4, batchSize: 64, optimizer: SGD(0.9), schedule: STEP(30) },
    source: 'GeWu-Lab/MMPareto_ICML2024 code/MMPareto.py (its default optimizer sgd): SGD lr 2e-3, momentum 0.9, weight decay 1e-4, StepLR(30, 0.1), batch 64',
  },
  lfm: {
    train: { lr: 1e-2, weightDecay: 1e-4, batchSize: 64, optimizer: SGD(0.9), schedule: STEP(70) },
    source:
      'njustkmg/NeurIPS24-LFM Crema_epoch.py, data/crema.json: SGD lr 1e-2, momentum 0.9, weight decay 1e-4, StepLR(70, 0.1) (lr_scheduler.patience), batch 64',
  },
  amco: {
    train: { lr: 1e-3, weightDecay: 0, batchSize: 32 },
    source:
      'GeWu-Lab/BalanceBenchmark configs/global_config.yaml (the only code read for AMCo): AdamW base lr 1e-3, weight decay 0.01 (decoupled), StepLR(10, 0.1), batch 32; here Adam lr 1e-3, batch 32, no decay, no schedule',
  },
  olm: {
    train: { lr: 1e-4, weightDecay: 2e-4, batchSize: 64 },
    source:
      'anonymous-gitlab/OLM main_trans_logits.py: Adam lr 1e-4, weight decay 2e-4 (torch Adam, coupled like ours), batch 64, 10 epochs; the coefficients get their own Adam with the same settings',
  },
  umt: {
    train: { lr: 1e-3, weightDecay: 0, batchSize: 32 },
    source:
      'GeWu-Lab/BalanceBenchmark configs/global_config.yaml (the only code read for UMT): AdamW base lr 1e-3, weight decay 0.01 (decoupled), StepLR(10, 0.1), batch 32; here Adam lr 1e-3, batch 32, no decay, no schedule',
  },
  reconboost: {
    train: { lr: 1e-3, weightDecay: 0, batchSize: 32 },
    source:
      'GeWu-Lab/BalanceBenchmark configs/global_config.yaml (the only code read for ReconBoost): AdamW base lr 1e-3, weight decay 0.01 (decoupled), StepLR(10, 0.1), batch 32; here Adam lr 1e-3, batch 32, no decay, no schedule',
  },
};

/**
 * The preset `name` of method `method` (registry name). A method registered without an entry in
 * AUTHORS_PRESETS (a new plug-in) runs its 'authors' preset as the uniform one, and its source says so.
 */
export function methodPreset(method: string, name: PresetName): MethodPreset {
  if (!PRESET_NAMES.includes(name)) throw new Error(`balancing preset '${name}' unknown (known: ${PRESET_NAMES.join(', ')})`);
  if (name === 'uniform') return UNIFORM_PRESET;
  return (
    AUTHORS_PRESETS[method] ?? {
      train: UNIFORM_PRESET.train,
      source: `no authors' preset registered for '${method}' (lib/balance/presets.ts): the uniform preset`,
    }
  );
}
