/**
 * The benchmark registry. To add a suite (feature-extractor images/s,
 * BMLHF seconds per epoch, ...): write bench/<name>.ts exporting a BenchSuite
 * and append it here. `npm run bench -- --only <name>` runs just that one.
 */
import type { BenchSuite } from './types';
import { trainStepSuite } from './train-step';

export const SUITES: BenchSuite[] = [trainStepSuite];
