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
import { DatasetMissingError } from '../data/datadir';
import { canonical, type DatasetSpec, type RunSpec } from './spec';

export type Availability =
  | { state: 'present' }
  | { state: 'missing'; dataset: string; /** for the terminal: may name this machine's paths */ message: string; /** for committed files */ portable: string }
  | { state: 'broken'; dataset: string; error: string };

export const datasetKey = (d: DatasetSpec): string => canonical(d);

export async function probeDatasets(specs: Iterable<RunSpec>): Promise<Map<string, Availability>> {
  const out = new Map<string, Availability>();
  for (const s of specs) {
    const key = datasetKey(s.dataset);
    if (out.has(key)) continue;
    if (s.dataset.kind !== 'real') {
      out.set(key, { state: 'present' });
      continue;
    }
    out.set(key, await probe(s.dataset.name, s.dataset.options ?? {}));
  }
  return out;
}

async function probe(name: string, options: Record<string, unknown>): Promise<Availability> {
  const { features: _features, ...loaderOptions } = options;
  try {
    const { loadDataset } = await import('../data/loaders/index');
    loadDataset(name, loaderOptions);
    return { state: 'present' };
  } catch (e) {
    if (e instanceof DatasetMissingError) return { state: 'missing', dataset: name, message: e.line, portable: e.portable };
    return { state: 'broken', dataset: name, error: (e as Error).message };
  }
}
