/**
 * Real datasets for runs: the upstream loader (lib/data/loaders), then the
 * feature pipeline (lib/features, cached on disk under data/cache/), giving
 * the four views the models read.
 *
 * Spec options: loader options (dataDir, ...) plus `features`, passed to
 * buildViews (e.g. { imagePatternModel: 'none' }), and `userViews` (a views.json
 * path, or { manifest, missingRows, fingerprint }): per-post features from files. The data directory comes
 * from options.dataDir, else MMFND_DATA_DIR, else data/raw/ (worker
 * processes inherit the environment, so `--data-dir` reaches them).
 */
import type { Dataset } from '../data/dataset';
import { loadDataset } from '../data/loaders/index';
import { buildViews } from '../features/pipeline';
import type { BuildViewsOptions } from '../features/types';
import { attachUserViews, type UserViewsOptions } from '../data/user-views/index';

export async function loadReal(name: string, options: Record<string, unknown>): Promise<Dataset> {
  const { features = {}, userViews, ...loaderOptions } = options as { features?: BuildViewsOptions; userViews?: UserViewsOptions | string } & Record<string, unknown>;
  const loaded = loadDataset(name, loaderOptions);
  // features computed elsewhere (views.json, lib/data/user-views): they replace the loader's view of that
  // name before the pipeline, which keeps a view the dataset already has and builds only the others
  const raw = userViews ? attachUserViews(loaded, userViews) : loaded;
  return buildViews(raw, { quiet: true, ...features });
}
