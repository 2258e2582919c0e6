/** Options, injectable extractors and the report of `buildViews`. */
import type { Dataset, FeatureView } from '../data/dataset';
import type { ProbeReport } from './view-quality';
import type { Cnn, CnnName } from './cnn';
import type { FailOn } from './image-decode';
import type { TextPatternModel, TextPatternOptions } from './text-pattern';
import type { WordVectors } from './word-vectors';
import type { Segmenter, WordTfidfModel, WordTfidfOptions } from './word-tfidf';

/** The heavy steps, injectable so tests can count calls (cache hit ⇒ zero calls) or fake models. */
export interface Extractors {
  fitTextPattern(fitTexts: readonly string[], options: TextPatternOptions): TextPatternModel;
  loadWordVectors(): Promise<WordVectors>;
  loadCnn(name: CnnName): Promise<Cnn>;
  loadSegmenter(): Promise<Segmenter>;
  fitWordTfidf(fitWords: readonly string[][], options: WordTfidfOptions): WordTfidfModel;
}

export interface BuildViewsOptions {
  /** default: data/cache/ at the repo root (MMFND_CACHE_DIR overrides) */
  cacheDir?: string;
  /** false: compute everything, read and write no cache */
  cache?: boolean;
  /** ignore existing cache files and rebuild them */
  refresh?: boolean;
  /** no progress bars (also automatic without a TTY, under vitest, MMFND_QUIET=1) */
  quiet?: boolean;
  /** rows the IDF is fitted on; default: meta.split === 'train', else all rows (noted) */
  fitRows?: ArrayLike<number>;
  textPattern?: TextPatternOptions;
  /**
   * textSemantic: 'auto' / true (default) — mean wink word vectors, or word TF-IDF LSA when most
   * texts are not Latin script (Weibo); 'wink' / 'words' force one; false skips the view
   */
  textSemantic?: boolean | 'auto' | 'wink' | 'words';
  /**
   * rows kept after the views are built and before the probes (e.g. only the image-bearing posts):
   * the views are fitted, cached and looked up for the whole dataset, so a row selection costs no
   * rebuild; the probes then run on the kept rows (without the full sparse text reference)
   */
  rowFilter?: (built: Dataset) => Dataset;
  /** linear probes of every view (docs/FEATURES.md "View quality"); false skips them. Default true */
  probe?: boolean;
  imagePatternModel?: CnnName | 'none';
  imageSemanticModel?: CnnName | 'none';
  /** images per CNN forward pass */
  batchSize?: number;
  /** sharp's failOn: 'warning' (default) rejects truncated files too */
  failOn?: FailOn;
  extractors?: Partial<Extractors>;
}

export interface ViewReport {
  view: string;
  dim: number;
  source: string;
  /** which paper feature it stands in for */
  standIn: string;
  rowsPresent: number;
  seconds: number;
  status: 'computed' | 'cache-hit' | 'shipped' | 'skipped';
  note?: string;
}

export interface ImageReport {
  /** distinct paths referenced by the rows */
  uniqueFiles: number;
  /** distinct file contents (sha256) among the readable ones */
  uniqueContents: number;
  decoded: number;
  /** unreadable or undecodable files, with sharp's reason */
  failed: { file: string; reason: string }[];
  /** rows that referenced images but have none decodable → present.image = 0 */
  rowsLostImage: number;
}

export interface BuildReport {
  views: ViewReport[];
  images?: ImageReport;
  textSemantic?: { tokenCoverage: number; nonLatinRows: number; zeroRows: number };
  fitRows: number;
  viewSources: Record<string, string>;
  notes: string[];
  /** one linear probe per view (absent when probing is off) */
  probes?: ProbeReport[];
}

export type BuiltView = { view: FeatureView; report: ViewReport };
