/**
 * Real datasets for runs: the upstream loader (lib/data/loaders), then the
 * feature pipeline (lib/features, cached on disk under data/cache/), giving
 * the four views the models read.
 *
 * Spec options: loader options (dataDir, ...) plus `features`, passed to
 * buildViews (e.g. { imagePatternModel: 'none' }). The data directory comes
 * from options.dataDir, else MMFND_DATA_DIR, else data/raw/ (worker
 * processes inherit the environment, so `--data-dir` reaches them).
 */
import type { Dataset } from '../data/dataset';
import { loadDataset } from '../data/loaders/index';
import { buildViews } from '../features/pipeline';
import type { BuildViewsOptions } from '../features/types';

export async function loadReal(name: string, options: Record<string, unknown>): Promise<Dataset> {
  const { features = {}, ...loaderOptions } = options as { features?: BuildViewsOptions } & Record<string, unknown>;
  const raw = loadDataset(name, loaderOptions);
  return buildViews(raw, { quiet: true, ...features });
}
