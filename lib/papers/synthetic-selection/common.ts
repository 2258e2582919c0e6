/**
 * Shared settings of the synthetic-data-selection reproduction (Zeng et al.,
 * Findings of EMNLP 2024): targets, pools, profiles, methods, and the one
 * spec builder every artefact uses (so equal runs hash equally and train once).
 *
 * The paper fine-tunes 13B multimodal LLMs; here the detector is a PairMLP over
 * frozen CLIP features (lib/models/pair-mlp.ts), and the question is the
 * paper's: does selecting synthetic training data that resembles the real
 * target (SemSim / DisSim) beat random or all-data training?
 */
import type { Profile } from '../../experiment/artefact';
import type { DatasetSpec, RunSpec } from '../../experiment/spec';
import type { SyntheticSelectionOptions } from '../../experiment/procedures/synthetic-selection';

export const PAPER = 'synthetic-selection';

export type Task = 'binary' | '3-way';
export type MethodKey = 'semsim' | 'dissim' | 'random' | 'all' | 'real-only' | 'all+real';

/** the methods swept over N, and the reference runs (one each) */
export const SWEPT: MethodKey[] = ['semsim', 'dissim', 'random'];
export const REFERENCE: MethodKey[] = ['all', 'real-only', 'all+real'];
export const METHOD_LABEL: Record<MethodKey, string> = {
  semsim: 'SemSim',
  dissim: 'DisSim',
  random: 'random',
  all: 'all synthetic',
  'real-only': 'real only (few-shot)',
  'all+real': 'all synthetic + real',
};

const methodOptions = (m: MethodKey): Pick<SyntheticSelectionOptions, 'method' | 'addReal'> =>
  m === 'real-only' ? { method: 'none', addReal: true } : m === 'all+real' ? { method: 'all', addReal: true } : { method: m };

/** Only the CLIP views are read: the feature pipeline skips the CNN (the text pattern TF-IDF is cheap and cached). */
const clipOnly = { features: { imagePatternModel: 'none' } };

/**
 * The synthetic sanity case where the answer is known: a CLIP-like synthetic set (image and text semantic
 * views share one content projection, alignedViews) whose fakes are all out-of-context (pMismatchFake 1,
 * no label signal in the views), eight well-separated events (eventScale 4). The target is events 0–3; the
 * pool mixes the target's own truthful pairs with those of events 4–7 (another "source"). Selection should
 * prefer on-target pool items (measured: on-target share of the selection vs the pool's).
 */
export const SANITY_DATASET: DatasetSpec = {
  kind: 'synthetic',
  options: {
    name: 'synthetic-clip',
    samples: 1600,
    events: 8,
    eventScale: 4,
    contentDim: 16,
    pMismatchFake: 1,
    pMismatchReal: 0,
    textClarity: 1,
    imageClarity: 1,
    labelNoise: 0,
    views: {
      textSemantic: { modality: 'text', dim: 64, signal: 0, content: 2 },
      imageSemantic: { modality: 'image', dim: 64, signal: 0, content: 2 },
    },
    alignedViews: { imageSemantic: 'textSemantic' },
    seed: 0,
  },
};

export interface Target {
  key: string;
  label: string;
  dataset: DatasetSpec;
  extraDatasets?: Record<string, DatasetSpec>;
  pool: NonNullable<SyntheticSelectionOptions['pool']>;
  targetEvents?: number[];
  tasks: Task[];
  /** N values swept, per profile */
  N: Record<Profile, number[]>;
  /** run in the quick profile (else full only) */
  quick: boolean;
  /** a line for tables: where the pool comes from */
  poolLabel: string;
  /** per profile: at most this many truthful pool pairs (seeded subsample) */
  poolLimit?: Partial<Record<Profile, number>>;
}

const verite = (encoder: 'ViT-L/14' | 'ViT-B/32'): DatasetSpec => ({
  kind: 'real',
  name: 'verite',
  options: encoder === 'ViT-L/14' ? clipOnly : { encoder, ...clipOnly },
});
const twitterClip: DatasetSpec = { kind: 'real', name: 'twitter-clip-vitb32', options: clipOnly };

export const TARGETS: Target[] = [
  {
    key: 'sanity',
    label: 'synthetic sanity case',
    dataset: SANITY_DATASET,
    pool: 'target+other',
    targetEvents: [0, 1, 2, 3],
    tasks: ['binary'],
    N: { quick: [150, 600], full: [100, 200, 400, 800, 1200] },
    quick: true,
    poolLabel: 'target events 0–3 + other events 4–7 (truthful)',
  },
  {
    key: 'verite-l14',
    label: 'VERITE (CLIP ViT-L/14)',
    dataset: verite('ViT-L/14'),
    pool: 'target',
    tasks: ['binary', '3-way'],
    N: { quick: [100, 300], full: [50, 100, 150, 200, 300] },
    quick: true,
    poolLabel: "VERITE's own truthful pairs (item-, image- and caption-disjoint pool part)",
  },
  {
    key: 'verite-b32-twitter',
    label: 'VERITE (CLIP ViT-B/32), Twitter pool',
    dataset: verite('ViT-B/32'),
    extraDatasets: { pool: twitterClip },
    pool: 'other',
    tasks: ['binary', '3-way'],
    N: { quick: [200, 600], full: [100, 200, 400, 600, 800, 1100] },
    quick: true,
    poolLabel: 'Twitter MediaEval (CLIP ViT-B/32) real posts — another source',
    poolLimit: { quick: 300 },
  },
  {
    key: 'verite-b32',
    label: 'VERITE (CLIP ViT-B/32)',
    dataset: verite('ViT-B/32'),
    pool: 'target',
    tasks: ['binary', '3-way'],
    N: { quick: [100, 200, 300], full: [50, 100, 150, 200, 300] },
    quick: false,
    poolLabel: "VERITE's own truthful pairs",
  },
];

export const targetsFor = (profile: Profile): Target[] => TARGETS.filter((t) => profile === 'full' || t.quick);

export interface ProfileSettings {
  seeds: number[];
  epochs: number;
  hidden: number[];
  /** quick: the 3-way task only on this target (binary everywhere) */
  threeWayOn?: string[];
}

export const PROFILES: Record<Profile, ProfileSettings> = {
  quick: { seeds: [1, 2, 3, 4, 5], epochs: 20, hidden: [128], threeWayOn: ['verite-l14'] },
  full: { seeds: [1, 2, 3, 4, 5], epochs: 50, hidden: [256] },
};

export const tasksFor = (profile: Profile, t: Target): Task[] =>
  t.tasks.filter((k) => k === 'binary' || !PROFILES[profile].threeWayOn || PROFILES[profile].threeWayOn!.includes(t.key));

/** Adam lr 1e-3 (the workbench default), weight decay 1e-4, batch 64; the epoch is selected on the detector validation macro-F1. */
export const TRAIN = { lr: 1e-3, weightDecay: 1e-4, batchSize: 64, select: 'macroF1' as const };

export function selectionRun(profile: Profile, t: Target, task: Task, method: MethodKey, N: number | undefined, seed: number): RunSpec {
  const p = PROFILES[profile];
  const options: SyntheticSelectionOptions = {
    ...methodOptions(method),
    task,
    pool: t.pool,
    ...(N !== undefined && SWEPT.includes(method) ? { N } : {}),
    ...(t.targetEvents ? { targetEvents: t.targetEvents } : {}),
    ...(t.poolLimit?.[profile] ? { poolLimit: t.poolLimit[profile] } : {}),
  };
  return {
    dataset: t.dataset,
    ...(t.extraDatasets ? { extraDatasets: t.extraDatasets } : {}),
    split: { kind: 'none' },
    model: { name: 'pair-MLP', options: { hidden: p.hidden } },
    procedure: { name: 'synthetic-selection', options: options as unknown as Record<string, unknown> },
    train: { ...TRAIN, epochs: p.epochs, seed },
    seed,
  };
}

export interface Cell {
  target: Target;
  task: Task;
  method: MethodKey;
  /** undefined for the reference methods */
  N?: number;
  specs: RunSpec[];
}

/** Every (target, task, method, N) cell of a profile with its per-seed specs. */
export function cells(profile: Profile): Cell[] {
  const out: Cell[] = [];
  for (const t of targetsFor(profile)) {
    for (const task of tasksFor(profile, t)) {
      const seeds = PROFILES[profile].seeds;
      for (const m of SWEPT)
        for (const N of t.N[profile]) out.push({ target: t, task, method: m, N, specs: seeds.map((s) => selectionRun(profile, t, task, m, N, s)) });
      for (const m of REFERENCE) out.push({ target: t, task, method: m, specs: seeds.map((s) => selectionRun(profile, t, task, m, undefined, s)) });
    }
  }
  return out;
}

export const allRuns = (profile: Profile): RunSpec[] => cells(profile).flatMap((c) => c.specs);
