/**
 * The benchmark registry. To add a suite (feature-extractor images/s,
 * BMLHF seconds per epoch, ...): write bench/<name>.ts exporting a BenchSuite
 * and append an entry here. `npm run bench -- --only <name>` runs just that one.
 *
 * Entries load their module lazily: a suite whose code is broken (or whose
 * optional dependency is missing) fails alone, and --only never imports the
 * others.
 */
import type { BenchSuite } from './types';

export interface SuiteEntry {
  name: string;
  description: string;
  load: () => Promise<BenchSuite>;
}

export const SUITES: SuiteEntry[] = [
  {
    name: 'train-step',
    description: 'training steps/s, batch 64, Adam: MLP 768→384→10 and a 4-head attention block; tfjs backends vs PyTorch',
    load: async () => (await import('./train-step')).trainStepSuite,
  },
  {
    name: 'features',
    description: 'feature extractors: images/s per nsfwjs CNN, posts/s per text extractor',
    load: async () => (await import('./features.bench')).featuresSuite,
  },
  {
    name: 'bmlhf',
    description: 'steps/s of BMLHF, SpotFake+, COOLANT (Twitter widths, batch 64) vs PyTorch twins; BMLHF s/epoch on Twitter MediaEval',
    load: async () => (await import('./bmlhf.bench')).bmlhfSuite,
  },
  {
    name: 'bmlhf-profile',
    description: 'per-kernel profile of one BMLHF training step (tf.profile): GEMM, elementwise, reductions, transposes, Adam, dispatch',
    load: async () => (await import('./bmlhf-profile.bench')).bmlhfProfileSuite,
  },
  {
    name: 'queue',
    description: 'runs/minute: local pool (1, 2 processes) vs the BullMQ queue with 1 and 2 workers, same small specs',
    load: async () => (await import('./queue.bench')).queueSuite,
  },
];
