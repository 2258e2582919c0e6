/**
 * Registry of the real-data loaders: `loadDataset(name, opts)`.
 *
 * Every loader is synchronous and returns the common Dataset (labels 1 = fake,
 * 0 = real), validated. Data is read from the data directory (option
 * `dataDir`, else MMFND_DATA_DIR, else data/raw/); see docs/DATA.md.
 */
import type { Dataset } from '../dataset';
import { resolveDataDir } from '../datadir';
import { dataFingerprint } from '../fingerprint';
import { loadFakedditSubset, type FakedditOptions } from './fakeddit-subset';
import { loadFiles, type FilesOptions } from './files';
import { loadTwitterClipVitB32, type TwitterClipOptions } from './twitter-clip-vitb32';
import { loadTwitterMediaEval2016, type TwitterMediaEvalOptions } from './twitter-mediaeval2016';
import { loadVerite, type VeriteOptions } from './verite';
import { loadWeibo, type WeiboOptions } from './weibo';

export interface LoaderOptions {
  'twitter-mediaeval2016': TwitterMediaEvalOptions;
  weibo: WeiboOptions;
  verite: VeriteOptions;
  'twitter-clip-vitb32': TwitterClipOptions;
  'fakeddit-subset': FakedditOptions;
  /** the workbench's own layout (posts.csv + views.json), e.g. what `npm run convert` writes */
  files: FilesOptions;
}
export type DatasetName = keyof LoaderOptions;

const LOADERS: { [K in DatasetName]: (opts?: LoaderOptions[K]) => Dataset } = {
  'twitter-mediaeval2016': loadTwitterMediaEval2016,
  weibo: loadWeibo,
  verite: loadVerite,
  'twitter-clip-vitb32': loadTwitterClipVitB32,
  'fakeddit-subset': loadFakedditSubset,
  files: loadFiles,
};

export const DATASET_NAMES = Object.keys(LOADERS) as DatasetName[];

export function isDatasetName(name: string): name is DatasetName {
  return Object.prototype.hasOwnProperty.call(LOADERS, name);
}

export function loadDataset<K extends DatasetName>(name: K, opts?: LoaderOptions[K]): Dataset;
export function loadDataset(name: string, opts?: Record<string, unknown>): Dataset;
export function loadDataset(name: string, opts: Record<string, unknown> = {}): Dataset {
  if (!isDatasetName(name)) throw new Error(`unknown dataset '${name}'; valid names: ${DATASET_NAMES.join(', ')}`);
  return (LOADERS[name] as (o: unknown) => Dataset)(opts);
}

/**
 * The folders (under the data directory, or absolute) a loader reads for these options: what the
 * dataset's fingerprint covers. twitter-clip-vitb32 resolves its image ids in the MediaEval corpus;
 * verite and files read the folder of their `dir` option.
 */
export function datasetFolders(name: string, opts: Record<string, unknown> = {}): string[] {
  if (!isDatasetName(name)) throw new Error(`unknown dataset '${name}'; valid names: ${DATASET_NAMES.join(', ')}`);
  if (name === 'verite' || name === 'files') return [typeof opts.dir === 'string' ? opts.dir : name];
  if (name === 'twitter-clip-vitb32') return [name, ...(Array.isArray(opts.imageDirs) ? (opts.imageDirs as string[]) : ['twitter-mediaeval2016'])];
  return [name];
}

/**
 * The fingerprint of what loadDataset(name, opts) reads (lib/data/fingerprint.ts), from the data
 * directory of `opts.dataDir` (else the default of lib/data/datadir.ts).
 */
export function datasetFingerprint(name: string, opts: Record<string, unknown> = {}): string {
  return dataFingerprint(resolveDataDir({ dataDir: typeof opts.dataDir === 'string' ? opts.dataDir : undefined }), datasetFolders(name, opts));
}

export { loadFakedditSubset, loadFiles, loadTwitterClipVitB32, loadTwitterMediaEval2016, loadVerite, loadWeibo };
export type { FakedditOptions, FilesOptions, TwitterClipOptions, TwitterMediaEvalOptions, VeriteOptions, WeiboOptions };
