/**
 * Real datasets for runs: the upstream loader (lib/data/loaders), then the
 * feature pipeline (lib/features, cached on disk under data/cache/), giving
 * the four views the models read.
 *
 * Spec options: loader options plus `features`, passed to buildViews (e.g.
 * { imagePatternModel: 'none' }). The data directory is an argument
 * (`dataDir`, from reproduce's / the worker's options, i.e. `--data-dir`);
 * absent, the loaders' default (lib/data/datadir.ts). When the spec carries
 * a fingerprint, the data read must have it: a run never stores results of
 * other data under this spec's hash.
 */
import type { Dataset } from '../data/dataset';
import { resolveDataDir } from '../data/datadir';
import { datasetFingerprint, loadDataset } from '../data/loaders/index';
import { buildViews } from '../features/pipeline';
import type { BuildViewsOptions } from '../features/types';

export async function loadReal(name: string, options: Record<string, unknown>, ctx: { dataDir?: string; fingerprint?: string } = {}): Promise<Dataset> {
  const { features = {}, ...given } = options as { features?: BuildViewsOptions } & Record<string, unknown>;
  const loaderOptions = ctx.dataDir ? { ...given, dataDir: ctx.dataDir } : given;
  const raw = loadDataset(name, loaderOptions);
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
  return buildViews(raw, { quiet: true, ...features });
}
