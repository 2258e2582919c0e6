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
 *
 * `images: 'required'` (Twitter MediaEval): the loader reads every post, the
 * views are built (or read from the cache) for all of them, and only then are
 * the image-bearing posts kept — the same rows the loader's own option keeps,
 * without refitting the text views on a second row set (Twitter's textPattern
 * fit alone is ~3 min CPU). The text views' IDF / LSA are thus fitted on all
 * training posts, image-bearing or not (unsupervised; no test row).
 */
import type { Dataset } from '../data/dataset';
import { resolveDataDir, withDataDir } from '../data/datadir';
import { datasetFingerprint, loadDataset } from '../data/loaders/index';
import { twitterWithImages } from '../data/loaders/twitter-mediaeval2016';
import { buildViews } from '../features/pipeline';
import type { BuildViewsOptions } from '../features/types';
import { attachUserViews, type UserViewsOptions } from '../data/user-views/index';

/** loaders whose `images: 'required'` can run after the views are built: name → the loader's row filter */
const AFTER_VIEWS: Record<string, (ds: Dataset, mask: Uint8Array) => Dataset> = { 'twitter-mediaeval2016': twitterWithImages };

export async function loadReal(name: string, options: Record<string, unknown>, ctx: { dataDir?: string; fingerprint?: string } = {}): Promise<Dataset> {
  const { features = {}, userViews, ...given } = options as { features?: BuildViewsOptions; userViews?: UserViewsOptions | string } & Record<string, unknown>;
  const loaderOptions = withDataDir(given, ctx.dataDir);
  const { raw: loaded, rowFilter } = loadForViews(name, loaderOptions);
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
  return buildViews(raw, { quiet: true, ...features, ...(rowFilter ? { rowFilter } : {}) });
}

/** The loaded dataset views are built on, and the row filter to apply after them (images: 'required'). */
export function loadForViews(name: string, loaderOptions: Record<string, unknown>): { raw: Dataset; rowFilter?: (ds: Dataset) => Dataset } {
  const filter = loaderOptions.images === 'required' ? AFTER_VIEWS[name] : undefined;
  if (!filter) return { raw: loadDataset(name, loaderOptions) };
  const raw = loadDataset(name, { ...loaderOptions, images: 'any' });
  const mask = raw.present.image.slice(); // the loader's image-file flags, before any decode failure
  return { raw, rowFilter: (ds) => filter(ds, mask) };
}
