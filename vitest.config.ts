import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // tfjs backends are process-global: one file per fork keeps them isolated.
    pool: 'forks',
    // vitest's default is cores − 1: on a 2-core CI machine that ran every file one after another and left a
    // core idle for the whole suite (the notebooks and the real-data view-quality fits alone are ~14 min).
    // Test files share no writable state but the feature cache, whose writes are atomic (lib/features/cache.ts).
    maxWorkers: availableParallelism(),
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
