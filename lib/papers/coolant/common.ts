/**
 * Shared settings of the COOLANT reproduction: profiles, seeds, datasets and
 * their splits, the authors' training settings, the methods of the
 * comparison, and the one spec builder every artefact uses (equal
 * experiments hash to one cached run).
 *
 * Datasets come from the shared catalog (lib/experiment/datasets-catalog.ts),
 * so a run COOLANT shares with another paper is trained once.
 */
import type { Profile } from '../../experiment/artefact';
import type { RunSpec } from '../../experiment/spec';
import { catalogDataset, QUICK_REAL_EPOCHS, type CatalogDataset } from '../../experiment/datasets-catalog';
import type { CoolantAblation } from '../../models/coolant/model';

export const PAPER = 'coolant';

/**
 * The authors' code (Twitter): batch 64, 50 epochs, lr 1e-3; AdamW weight decay 5e-4 on the
 * contrastive module (the detection and similarity optimisers use none). One optimiser here: AdamW
 * (decoupled) lr 1e-3, wd 5e-4 for every parameter. Weibo's lr 2e-5 + cosine schedule is not used
 * (see docs/papers/coolant.md: our encoders train from scratch, not fine-tune BERT).
 */
export const PAPER_TRAIN = { lr: 1e-3, weightDecay: 5e-4, weightDecayMode: 'decoupled' as const, batchSize: 64, epochs: 50 };

export interface ProfileSettings {
  /** seeds of the synthetic default (and of every dataset in full) */
  seeds: number[];
  /** seeds of the real datasets */
  realSeeds: number[];
  /** epochs on synthetic */
  epochs: number;
}

export const PROFILES: Record<Profile, ProfileSettings> = {
  quick: { seeds: [1, 2, 3, 4, 5], realSeeds: [1], epochs: 10 },
  full: { seeds: [1, 2, 3, 4, 5], realSeeds: [1, 2, 3, 4, 5], epochs: PAPER_TRAIN.epochs },
};

export { QUICK_REAL_EPOCHS };

export interface CoolantDataset extends CatalogDataset {
  /** the paper reports this dataset (Twitter, Weibo) */
  inPaper: boolean;
}

/** Picked from the shared catalog, so equal experiments hash to one run across papers; Weibo is labelled text-only here. */
export const DATASETS: CoolantDataset[] = [
  { ...catalogDataset('synthetic'), inPaper: false },
  { ...catalogDataset('twitter'), inPaper: true },
  { ...catalogDataset('twitter-clip'), inPaper: false },
  { ...catalogDataset('weibo'), label: 'Weibo (text only)', inPaper: true },
];

export function datasetByKey(key: string): CoolantDataset {
  const d = DATASETS.find((x) => x.key === key);
  if (!d) throw new Error(`coolant: unknown dataset key '${key}' (known: ${DATASETS.map((x) => x.key).join(', ')})`);
  return d;
}

export const onLabel = (key: string): string => `${datasetByKey(key).label}${datasetByKey(key).inPaper ? '' : ' (ours only)'}`;

export interface Method {
  label: string;
  model: { name: string; options?: Record<string, unknown> };
}

/** COOLANT with the workbench defaults (τ = 0.07, λ = 0.2, β = 0.5); options {} so every artefact shares its runs. */
export const COOLANT_METHOD: Method = { label: 'COOLANT', model: { name: 'COOLANT' } };

export const coolantVariant = (options: { ablation?: CoolantAblation; temperature?: number | 'learnable' | 'code' }, label: string): Method => ({
  label,
  model: { name: 'COOLANT', options },
});

/** The workbench's baselines, in the order of the comparison table. */
export const BASELINES: Method[] = [
  { label: 'text-only', model: { name: 'text-only' } },
  { label: 'image-only', model: { name: 'image-only' } },
  { label: 'SpotFake+', model: { name: 'SpotFake+' } },
  { label: 'EANN', model: { name: 'EANN' } },
  { label: 'SAFE', model: { name: 'SAFE' } },
  { label: 'CAFE', model: { name: 'CAFE' } },
  { label: 'MRML', model: { name: 'MRML' } },
  { label: 'BMR', model: { name: 'BMR' } },
];

/** The extra outputs every COOLANT run asks for: per-post attention and ambiguity (interpretability); t-SNE on seed 1 of the maps' runs. */
export function coolantOutputs(method: Method, seed: number): RunSpec['outputs'] | undefined {
  if (method.model.name !== 'COOLANT') return undefined;
  const ab = method.model.options?.ablation as CoolantAblation | undefined;
  const probe = ab === 'noGuidance' || ab === 'noAttention' ? ['attention'] : ['attention', 'ambiguity'];
  const tsne = seed === 1 && (ab === undefined || ab === 'noContrastive') && method.model.options?.temperature === undefined;
  return { probe, ...(tsne ? { tsne: true } : {}) };
}

export function seedsFor(profile: Profile, datasetKey: string): number[] {
  return datasetByKey(datasetKey).dataset.kind === 'real' ? PROFILES[profile].realSeeds : PROFILES[profile].seeds;
}

/** One spec per seed for a method on a dataset, with the authors' optimiser settings. */
export function datasetRuns(profile: Profile, datasetKey: string, method: Method, extra: { seeds?: number[] } = {}): RunSpec[] {
  const d = datasetByKey(datasetKey);
  const seeds = extra.seeds ?? seedsFor(profile, datasetKey);
  const epochs = d.epochs?.[profile] ?? PROFILES[profile].epochs;
  return seeds.map((seed) => {
    const outputs = coolantOutputs(method, seed);
    return {
      dataset: d.dataset,
      split: d.split(profile, seed),
      model: method.model,
      seed,
      train: {
        lr: PAPER_TRAIN.lr,
        weightDecay: PAPER_TRAIN.weightDecay,
        weightDecayMode: PAPER_TRAIN.weightDecayMode,
        batchSize: PAPER_TRAIN.batchSize,
        epochs,
        seed,
      },
      ...(outputs ? { outputs } : {}),
    };
  });
}
