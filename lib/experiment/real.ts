/**
 * Real datasets for runs: the upstream loader (lib/data/loaders), then the
 * feature pipeline (lib/features, cached on disk under data/cache/), giving
 * the four views the models read.
 *
 * Spec options: loader options plus `features`, passed to buildViews (e.g.
 * { imagePatternModel: 'none' }), and `userViews` (a views.json path, or
 * { manifest, missingRows, fingerprint }): per-post features from files. The
 * data directory is an argument (`dataDir`, from reproduce's / the worker's
 * options, i.e. `--data-dir`); absent, the loaders' default
 * (lib/data/datadir.ts). When the spec carries a fingerprint, the data read
 * must have it: a run never stores results of other data under this spec's hash.
 */
import type { Dataset } from '../data/dataset';
import { resolveDataDir, withDataDir } from '../data/datadir';
import { datasetFingerprint, loadDataset } from '../data/loaders/index';
import { buildViews } from '../features/pipeline';
import type { BuildViewsOptions } from '../features/types';
import { attachUserViews, type UserViewsOptions } from '../data/user-views/index';

export async function loadReal(name: string, options: Record<string, unknown>, ctx: { dataDir?: string; fingerprint?: string } = {}): Promise<Dataset> {
  const { features = {}, userViews, ...given } = options as { features?: BuildViewsOptions; userViews?: UserViewsOptions | string } & Record<string, unknown>;
  const loaderOptions = withDataDir(given, ctx.dataDir);
  const loaded = loadDataset(name, loaderOptions);
  if (ctx.fingerprint) {
    const here = datasetFingerprint(name, loaderOptions);
    if (here !== ctx.fingerprint) {
      const dir = resolveDataDir({ dataDir: loaderOptions.dataDir as string | undefined });
      throw new Error(
        `dataset '${name}': the data in ${dir} has fingerprint ${here}, but this run was planned on data with fingerprint ${ctx.fingerprint} ` +
          '(another data directory or a changed dataset): point --data-dir at the same data as the coordinator, or plan the runs again',
      );
    }
  }
  // features computed elsewhere (views.json, lib/data/user-views): they replace the loader's view of that
  // name before the pipeline, which keeps a view the dataset already has and builds only the others
  const raw = userViews ? attachUserViews(loaded, userViews) : loaded;
  return buildViews(raw, { quiet: true, ...features });
}
