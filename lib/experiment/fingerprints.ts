/**
 * A real dataset's identity in a run's hash: the spec an artefact writes names the dataset
 * ({ kind: 'real', name: 'verite' }); reproduce and plan stamp it with the fingerprint of what the
 * loader would read from their data directory (lib/data/fingerprint.ts) before hashing, so two data
 * directories holding different content under the same folder name never share a cached run. The
 * run checks the fingerprint when it loads the data (lib/experiment/real.ts).
 *
 * Synthetic datasets are generated from their options, which the spec already holds: unchanged.
 */
import { withDataDir } from '../data/datadir';
import { datasetFingerprint } from '../data/loaders/index';
import { canonical, type DatasetSpec, type RunSpec } from './spec';

/** spec → the same spec with every real dataset stamped with its data's fingerprint (memoised per dataset) */
export function dataStamper(dataDir?: string): (spec: RunSpec) => RunSpec {
  const memo = new Map<string, DatasetSpec>();
  const stampOne = (d: DatasetSpec): DatasetSpec => {
    if (d.kind !== 'real' || d.fingerprint) return d;
    const key = canonical(d);
    let out = memo.get(key);
    if (!out) {
      const { features: _features, ...loaderOptions } = d.options ?? {};
      let fingerprint: string | undefined;
      try {
        fingerprint = datasetFingerprint(d.name, withDataDir(loaderOptions, dataDir));
      } catch {
        fingerprint = undefined; // an unknown dataset name: the run's own load reports it
      }
      out = fingerprint ? { ...d, fingerprint } : d;
      memo.set(key, out);
    }
    return out;
  };
  return (spec) => {
    const dataset = stampOne(spec.dataset);
    const extra = spec.extraDatasets ? Object.fromEntries(Object.entries(spec.extraDatasets).map(([k, d]) => [k, stampOne(d)])) : undefined;
    return { ...spec, dataset, ...(extra ? { extraDatasets: extra } : {}) };
  };
}
