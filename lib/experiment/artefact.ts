/**
 * An artefact is one figure or table of a paper: the runs it needs, and how
 * it turns their results into files and numbers. Artefacts never train
 * anything themselves; the reproduce command runs (or loads from cache) the
 * union of every selected artefact's runs first, in parallel.
 */
import type * as aq from 'arquero';
import type { DatasetSpec, RunSpec } from './spec';
import type { RunResult } from './result';
import type { Claim } from '../eval/claim';

export type Profile = 'quick' | 'full';

export interface ArtefactContext {
  profile: Profile;
  /** the result of a run this artefact asked for; throws DataNotAvailableError when its dataset is absent */
  result(spec: RunSpec): RunResult;
  /**
   * Why a run cannot exist here ("dataset 'weibo' not found in data/raw/ …"), or undefined when it
   * can. Artefacts over several datasets use it to write a "data not available" row for an absent
   * dataset (and a not-checked claim) instead of failing as a whole.
   */
  unavailable(spec: RunSpec): string | undefined;
  /** the data directory of this reproduce (undefined: the loaders' default), for artefacts that read a dataset without runs */
  dataDir?: string;
}

/** Thrown by ctx.result for a run whose dataset is absent: an artefact that lets it escape is reported as skipped, not failed. */
export class DataNotAvailableError extends Error {
  constructor(
    readonly dataset: string,
    readonly reason: string,
  ) {
    super(`data not available: ${reason}`);
    this.name = 'DataNotAvailableError';
  }
}

export interface ArtefactOutput {
  /** standalone SVG documents, written as <name>.svg and <name>.png */
  figures?: { name: string; svg: string }[];
  /** tables, written as <name>.md and <name>.csv */
  tables?: { name: string; title: string; table: aq.ColumnTable; note?: string }[];
  /** the raw numbers, stored in results.json under the artefact id (deterministic: no timings) */
  numbers: unknown;
  /** non-reproducible measurements (timings), stored in timings.json */
  timings?: unknown;
  claims?: Claim[];
  /** plain statements of where ours differs from the paper and why */
  differences?: string[];
}

export interface Artefact {
  paper: string;
  id: string;
  title: string;
  runs(profile: Profile): RunSpec[];
  /**
   * Datasets the artefact reads itself, beyond its runs' (e.g. a table of dataset statistics, which
   * has no runs): probed with the runs' datasets before anything starts, so an absent one makes the
   * artefact "skipped (data not available)" rather than failed, and ctx.unavailable() knows it.
   */
  datasets?(profile: Profile): DatasetSpec[];
  build(ctx: ArtefactContext): ArtefactOutput | Promise<ArtefactOutput>;
}
