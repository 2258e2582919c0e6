/**
 * Which real datasets of a set of runs are here, before any run starts.
 *
 * Each distinct real dataset spec is loaded once (the upstream loader only:
 * parsing, no feature extraction) in this process. Three outcomes:
 * - present: its runs go to the workers;
 * - missing (DatasetMissingError: folder or files absent): its runs are
 *   skipped, one line says where it was looked for and where to get it, and
 *   artefacts get a portable reason for their "data not available" rows;
 * - broken (any other loader error: malformed file, wrong dimensions): its
 *   runs fail with that error, reported once, and the other runs go on.
 */
import { DatasetMissingError, withDataDir } from '../data/datadir';
import { canonical, type DatasetSpec, type RunSpec } from './spec';

export type Availability =
  | { state: 'present' }
  | { state: 'missing'; dataset: string; /** for the terminal: may name this machine's paths */ message: string; /** for committed files */ portable: string }
  | { state: 'broken'; dataset: string; error: string };

/** a dataset's key in the availability map: its spec without the data fingerprint (probed specs and artefacts' own carry none) */
export const datasetKey = (d: DatasetSpec): string => canonical(d.kind === 'real' ? { ...d, fingerprint: undefined } : d);

/**
 * Probes the datasets of `specs` and the `extra` datasets (those artefacts read themselves: Artefact.datasets);
 * `dataDir`: where the real datasets are (absent: the loaders' default, lib/data/datadir.ts).
 */
export async function probeDatasets(
  specs: Iterable<RunSpec>,
  extra: Iterable<DatasetSpec> = [],
  o: { dataDir?: string } = {},
): Promise<Map<string, Availability>> {
  const out = new Map<string, Availability>();
  const all = [...[...specs].flatMap(specDatasets), ...extra];
  for (const d of all) {
    const key = datasetKey(d);
    if (out.has(key)) continue;
    out.set(key, d.kind === 'real' ? await probe(d.name, d.options ?? {}, o.dataDir) : { state: 'present' });
  }
  return out;
}

/** Every dataset a run reads: its `dataset`, then its `extraDatasets`. */
export const specDatasets = (s: RunSpec): DatasetSpec[] => [s.dataset, ...Object.values(s.extraDatasets ?? {})];

/** A run's availability: the first of its datasets that is missing (or broken), else present. */
export function runAvailability(avail: Map<string, Availability>, s: RunSpec): Availability {
  for (const d of specDatasets(s)) {
    const a = avail.get(datasetKey(d));
    if (a && a.state !== 'present') return a;
  }
  return { state: 'present' };
}

async function probe(name: string, options: Record<string, unknown>, dataDir: string | undefined): Promise<Availability> {
  const { features: _features, userViews, ...given } = options;
  const loaderOptions = withDataDir(given, dataDir);
  try {
    const { loadDataset } = await import('../data/loaders/index');
    const ds = loadDataset(name, { quiet: true, ...loaderOptions }); // a probe: the run's own load says what it needs to
    // features from files: a bad file (wrong width, NaN, unmatched posts) fails its runs here, once
    if (userViews) (await import('../data/user-views/index')).attachUserViews(ds, userViews as string);
    return { state: 'present' };
  } catch (e) {
    if (e instanceof DatasetMissingError) return { state: 'missing', dataset: name, message: e.line, portable: e.portable };
    return { state: 'broken', dataset: name, error: (e as Error).message };
  }
}
