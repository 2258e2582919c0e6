/**
 * Shared settings of the BMLHF reproduction: profiles, seeds, the synthetic
 * default dataset, and the paper's training settings (Section 4.2).
 */
import type { Profile } from '../../experiment/artefact';
import type { DatasetSpec, RunSpec, SplitSpec } from '../../experiment/spec';

export const PAPER = 'bmlhf';

/** Section 4.2: Adam, lr 1e-3, weight decay 1e-3, 100 epochs; batch size is not given — 64 (as OGM-GE). */
export const PAPER_TRAIN = { lr: 1e-3, weightDecay: 1e-3, batchSize: 64, epochs: 100 };

export interface ProfileSettings {
  seeds: number[];
  epochs: number;
}

export const PROFILES: Record<Profile, ProfileSettings> = {
  quick: { seeds: [1, 2, 3], epochs: 20 },
  full: { seeds: [1, 2, 3, 4, 5], epochs: PAPER_TRAIN.epochs },
};

export const SYNTHETIC: DatasetSpec = { kind: 'synthetic', options: { samples: 2000, seed: 0 } };
export const SYNTHETIC_SPLIT: SplitSpec = { kind: 'random', val: 0.15, test: 0.2, seed: 0 };

/** One spec per seed for a model on a dataset, with the paper's optimiser settings. */
export function seededRuns(profile: Profile, base: Omit<RunSpec, 'seed' | 'train'> & { train?: RunSpec['train'] }): RunSpec[] {
  const p = PROFILES[profile];
  return p.seeds.map((seed) => ({
    ...base,
    seed,
    train: { lr: PAPER_TRAIN.lr, weightDecay: PAPER_TRAIN.weightDecay, batchSize: PAPER_TRAIN.batchSize, epochs: p.epochs, seed, ...base.train },
  }));
}
